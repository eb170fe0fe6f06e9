"""The intake of a batch of incoming iWmo files: the gate and level 1 (:mod:`.poort`), reading
(:mod:`.lezen`), level 2 (:mod:`.niveau2`), levels 3/4 per message family (:mod:`.controles`), the
retour (:mod:`.retour`) and applying the effects (:mod:`.toepassen`).

A batch is checked first and then written in one transaction. Every file is checked one after the
other against the database *and* the effects of the files before it in the same batch (validate, then
apply): a file that breaks a rule gets its retour and changes nothing, while the good files of the
batch are applied. If the batch's write still hits a database constraint (another process stored the
same message in the meantime), the batch is redone one file at a time, each in its own transaction.
On any other error nothing of the batch is applied.

The common case is kept cheap (see "Benchmark" in docs/iwmo.md): what a batch needs (toewijzingen,
leveringen, earlier messages) is loaded in a few queries; a 305/307 is read straight from the tree;
a header-only retour is written from a template; messages and leveringen are written with
``bulk_create``/``bulk_update``, their audit events set-based.
"""

from __future__ import annotations

import gc
import logging
from collections.abc import Callable
from typing import Any

from django.db import IntegrityError, transaction

from resultaat.core.audit.context import acting_as
from resultaat.iwmo.intake.batch import Batch, Uitkomst, Werk
from resultaat.iwmo.intake.controles import declaraties, retouren, start_stop, verzoeken
from resultaat.iwmo.intake.niveau2 import niveau_2
from resultaat.iwmo.intake.poort import controleer_technisch, laat_door
from resultaat.iwmo.intake.retour import afgekeurd
from resultaat.iwmo.intake.toepassen import schrijf
from resultaat.iwmo.regels import Probleem

logger = logging.getLogger(__name__)

CONTROLES: dict[str, Callable[[Batch, Werk], None]] = {
    "WMO305": start_stop.start,
    "WMO307": start_stop.stop,
    "WMO315": verzoeken.vot,
    "WMO317": verzoeken.vow,
    "WMO323": declaraties.declaratie,
    "WMO302": retouren.retour_ontvangen,
    "WMO320": retouren.retour_ontvangen,
}


class Intake(Batch):
    """Checks (and with ``toepassen``) applies a batch of files. Use :func:`verwerk`."""

    def verwerk(self, bestanden: list[tuple[str, bytes]]) -> list[Uitkomst]:
        # A batch makes tens of thousands of short-lived objects, nearly all freed by their reference
        # count, and few cycles: the cyclic collector is paused for the batch (hundreds of collections
        # that find next to nothing) and collects the youngest generation once after it. Without a
        # pause, every collection of the oldest generation would also walk everything the process
        # already held; hence also the freeze (frozen objects are left alone until the batch is done).
        # A process that froze objects itself (a server that forks workers) is left as it is.
        zelf = gc.get_freeze_count() == 0
        aan = gc.isenabled()
        if zelf:
            gc.freeze()
        gc.disable()
        try:
            return self._verwerk(bestanden)
        finally:
            if aan:
                gc.enable()
                gc.collect(0)
            if zelf:
                gc.unfreeze()

    def _verwerk(self, bestanden: list[tuple[str, bytes]]) -> list[Uitkomst]:
        werk = [controleer_technisch(naam, data) for naam, data in bestanden]
        self._laad(werk)
        with transaction.atomic():
            for w in werk:
                if w.gelezen is not None:
                    self._bericht(w)
            if self.toepassen:
                self._schrijf()
            else:
                transaction.set_rollback(True)
        return [w.uitkomst for w in werk]

    def _bericht(self, w: Werk) -> None:
        g = w.gelezen
        assert g is not None
        if not laat_door(self, w):
            return
        u = w.uitkomst
        if w.gemeente is None:
            u.problemen.append(Probleem("TR378", "/Bericht/Header/Ontvanger"))
        else:
            u.problemen += niveau_2(g, self.productcodes, self.vandaag)
        if u.problemen:
            afgekeurd(self, w, header_codes=list(dict.fromkeys(p.retourcode for p in u.problemen)))
            return
        CONTROLES[g.berichttype](self, w)

    def _schrijf(self) -> None:
        schrijf(self)


def verwerk(
    bestanden: list[tuple[str, bytes]], *, door: Any = None, toepassen: bool = True
) -> list[Uitkomst]:
    """Process a batch of (file name, bytes); return one outcome per file, with its retour.

    When the batch's write hits a database constraint (for example: another process stored one of
    these messages after this batch looked), the batch is redone one file at a time, each in its own
    transaction with a fresh look at the database, so that the conflicting file alone is affected (a
    message stored meanwhile is then answered as a duplicate)."""
    with acting_as(door) if door is not None else acting_as("iWmo-intake"):
        try:
            return Intake(toepassen=toepassen, door=door).verwerk(bestanden)
        except IntegrityError:
            if len(bestanden) == 1:
                logger.warning("iWmo-intake: databaseconflict bij %s; nog één poging", bestanden[0][0])
            else:
                logger.warning("iWmo-intake: databaseconflict in een batch; opnieuw per bestand")
        uitkomsten = []
        for naam, data in bestanden:
            try:
                uitkomsten += Intake(toepassen=toepassen, door=door).verwerk([(naam, data)])
            except IntegrityError as fout:
                logger.exception("iWmo-intake: %s kon niet worden opgeslagen", naam)
                uitkomsten.append(
                    Uitkomst(
                        naam,
                        status="technisch",
                        problemen=[
                            Probleem(
                                "DATABASE",
                                "/",
                                f"Het bericht kon niet worden opgeslagen ({fout.__class__.__name__}); "
                                "er is niets van verwerkt. Lever het later opnieuw aan.",
                            )
                        ],
                    )
                )
        return uitkomsten

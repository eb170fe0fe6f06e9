"""305 (start) and 307 (stop): the same rules as the portal, the API and the CSV upload
(:mod:`resultaat.toewijzingen.regels`), against the batch's toewijzingen and leveringen."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from resultaat.core.bulk import Bouwer
from resultaat.core.codes import WMO002RedenWijziging
from resultaat.iwmo.intake.batch import Batch, LichteToewijzing, Werk
from resultaat.iwmo.intake.retour import goed, niveau_3
from resultaat.iwmo.parse import LeveringProduct
from resultaat.iwmo.regels import Probleem
from resultaat.toewijzingen.models import Levering, LeveringBron
from resultaat.toewijzingen.regels import start_bezwaren, stop_beoordeling

_LEVERING = Bouwer(Levering, ("toewijzing_id", "begindatum", "bron", "start_gemeld_op"))


def _toewijzing(b: Batch, w: Werk, nummer: int | None) -> LichteToewijzing | None:
    """The toewijzing a product names, when it is this provider's for this client (TR019)."""
    assert w.gemeente is not None and w.aanbieder is not None and w.gelezen is not None
    if nummer is None:
        return None
    t = b.toewijzingen.get((w.gemeente.id, nummer))
    if t is None or t.aanbieder_id != w.aanbieder.id or t.bsn != w.gelezen.bsn:
        return None
    return t


# The portal's rules (toewijzingen.regels) name its refusals by the iWmo rule they stand for; a 305 or
# 307 is answered with the rule of the standard that covers the situation and its own WJ001 code.
# Starting outside the toewijzing, or on or before the date of the previous stop: the start cannot be
# linked to the toewijzing (TR019, 9019 "Het regiebericht kan niet gekoppeld worden aan een
# toewijzing."). A start after a stop, temporary or definitive, is a restart the standard allows
# (TR326's explanation) and is approved. For a stop: no start with these keys is TR382 (9069 "Er is
# geen actueel startbericht met dezelfde sleutel."), a stop after a definitive stop TR415 (9415) and a
# second temporary stop TR413 (9413).
START_REGEL = {"TR069": "TR019", "TR414": "TR019"}
STOP_REGEL = {"TR074": "TR382", "TR069": "TR019", "TR413": "TR415", "TR415": "TR413"}


def _product_regels(t: LichteToewijzing, p: LeveringProduct) -> list[Probleem]:
    """TR019: the product and the ToewijzingIngangsdatum must be those of the toewijzing it names, and a
    deleted toewijzing takes no messages."""
    uit = []
    if p.categorie and (p.categorie != t.categorie or (p.code and p.code != t.code)):
        uit.append(Probleem("TR019", p.pad, "Het product is niet het toegewezen product."))
    if p.toewijzing_ingangsdatum and p.toewijzing_ingangsdatum != t.ingangsdatum:
        uit.append(Probleem("TR019", p.pad, "ToewijzingIngangsdatum is niet die van de toewijzing."))
    if t.reden_wijziging == WMO002RedenWijziging.VERWIJDERD:
        uit.append(Probleem("TR019", p.pad, "De toewijzing is verwijderd."))
    return uit


def start(b: Batch, w: Werk) -> None:
    problemen: list[Probleem] = []
    acties: list[tuple[str, LichteToewijzing, Any, LeveringProduct]] = []
    # Starts earlier in this message count as received (no second open start in one message).
    eerder: dict[int, list[Any]] = {}
    for p in w.gelezen.producten:  # type: ignore[union-attr]
        t = _toewijzing(b, w, p.toewijzingnummer)
        if t is None:
            problemen.append(Probleem("TR019", p.pad))
            continue
        lev = b.leveringen[t.pk] + eerder.get(t.pk, [])
        gevonden = next((x for x in lev if x.begindatum == p.begindatum), None)
        if p.status == "3":
            # A deletion is not checked further (TR063's explanation).
            if gevonden is None:
                problemen.append(Probleem("TR063", p.pad))
            elif gevonden.einddatum is not None:
                problemen.append(Probleem("TR071", p.pad))
            else:
                acties.append(("verwijder", t, gevonden, p))
            continue
        eigen = _product_regels(t, p)
        if gevonden is not None:
            eigen.append(Probleem("TR074", p.pad))
        else:
            # The same rules as the portal and the CSV upload (toewijzingen.regels); their words are
            # kept as the problem's detail.
            eigen += [
                Probleem(START_REGEL.get(regel, regel), p.pad, melding)
                for regel, melding in start_bezwaren(t, lev, p.begindatum)
            ]
        if not eigen:
            nieuw = _LEVERING(t.pk, p.begindatum, LeveringBron.IWMO, b.nu)
            acties.append(("start", t, nieuw, p))
            eerder.setdefault(t.pk, []).append(nieuw)
        problemen += eigen
    if niveau_3(b, w, problemen):
        return
    for actie, t, lev_obj, _p in acties:
        if actie == "verwijder":
            lev_obj.verwijderd = True
            b.leveringen[t.pk].remove(lev_obj)
            if lev_obj.pk is not None:
                b.gewijzigd[id(lev_obj)] = lev_obj
        else:
            # The levering checked against above is the one that is written.
            b.leveringen[t.pk].append(lev_obj)
            b.nieuw.append(lev_obj)
    goed(b, w)


def stop(b: Batch, w: Werk) -> None:
    problemen: list[Probleem] = []
    acties = []
    for p in w.gelezen.producten:  # type: ignore[union-attr]
        t = _toewijzing(b, w, p.toewijzingnummer)
        if t is None:
            problemen.append(Probleem("TR019", p.pad))
            continue
        lev = next((x for x in b.leveringen[t.pk] if x.begindatum == p.begindatum), None)
        assert p.einddatum is not None
        if p.status == "3":
            # A deletion is not checked further (TR063's explanation).
            if lev is None or lev.einddatum != p.einddatum or lev.reden_beeindiging != p.reden:
                problemen.append(Probleem("TR063", p.pad))
            else:
                acties.append(("verwijder", lev, p))
            continue
        eigen = _product_regels(t, p)
        if lev is None:
            eigen.append(Probleem("TR382", p.pad))
        elif lev.einddatum == p.einddatum and lev.reden_beeindiging == p.reden:
            eigen.append(Probleem("TR074", p.pad))
        else:
            actie, bezwaren = stop_beoordeling(t, lev, p.einddatum, p.reden)
            eigen += [Probleem(STOP_REGEL.get(regel, regel), p.pad, melding) for regel, melding in bezwaren]
            if not eigen:
                acties.append((actie, lev, p))
        problemen += eigen
    if niveau_3(b, w, problemen):
        return
    nu = timezone.now()
    for actie, lev, p in acties:
        if actie == "verwijder":
            lev.einddatum, lev.reden_beeindiging, lev.stop_gemeld_op = None, "", None
        elif actie == "definitief":
            # After a temporary stop the client did not resume: the stop becomes definitive.
            lev.reden_beeindiging = p.reden
            lev.stop_gemeld_op = nu
        else:
            lev.einddatum, lev.reden_beeindiging, lev.stop_gemeld_op = p.einddatum, p.reden, nu
        if lev.pk is not None:
            b.gewijzigd[id(lev)] = lev
    goed(b, w)

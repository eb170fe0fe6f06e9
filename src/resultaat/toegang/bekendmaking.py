"""Making a decision known: the letter is sent (``verzonden_op``), and before that a decision can still
lapse. A decision has no effect before it is made known (Awb 3:40), so one whose letter has not gone out
can be withdrawn without an intrekking of its own: its toewijzingen are removed through the toewijzingen
service (a 301 with reden 13 to the provider) and the earlier results it changed hold again as before.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q

from resultaat.brieven.bijlagen import bijlagen_bij
from resultaat.core.audit.context import acting_as
from resultaat.core.codes import WMO002RedenWijziging
from resultaat.core.opmaak import datum_of_onbepaald
from resultaat.toegang.controles import _niet_in_de_toekomst, controleer_consulent
from resultaat.toegang.models import Beschikking, BeschikkingBijlage, BeschiktResultaat, Besluit
from resultaat.toewijzingen.models import Toewijzing
from resultaat.toewijzingen.services import wijzig_einddatum
from resultaat.werklijst.models import WerklijstItem, WerklijstSoort


def leg_verzending_vast(*, door: Any, beschikkingen: Iterable[Beschikking], op: dt.date) -> int:
    """The letters of these decisions were sent on ``op``; from then on each decision holds. The documents
    that are part of a decision and exist now (the plan the client agreed to) went with its letter: each
    is recorded as sent with it (:func:`verzonden_bijlagen`)."""
    beschikkingen = list(beschikkingen)
    for b in beschikkingen:
        controleer_consulent(door, b.gemeente)
        if op < b.besluitdatum:
            raise ValidationError({"op": f"Besluit {b.nummer} is genomen na {op:%d-%m-%Y}."})
    with transaction.atomic(), acting_as(door):
        for b in beschikkingen:
            if b.verzonden_op is None:
                b.verzonden_op = op
                b.save(update_fields=["verzonden_op"])
                _leg_bijlagen_vast(b, op)
    return len(beschikkingen)


def _leg_bijlagen_vast(beschikking: Beschikking, op: dt.date) -> list[BeschikkingBijlage]:
    al = set(BeschikkingBijlage.objects.filter(beschikking=beschikking).values_list("soort", "sleutel"))
    return [
        BeschikkingBijlage.objects.create(
            beschikking=beschikking,
            soort=d.soort,
            sleutel=d.sleutel,
            omschrijving=d.omschrijving[:300],
            verzonden_op=op,
        )
        for d in bijlagen_bij(beschikking)
        if (d.soort, d.sleutel) not in al
    ]


def nog_te_sturen(beschikking: Beschikking) -> list[str]:
    """What is part of a sent decision, exists now and has not gone to the client yet (a plan agreed
    after the letter was sent): the promise in the letter to send it."""
    if beschikking.verzonden_op is None:
        return []
    al = set(BeschikkingBijlage.objects.filter(beschikking=beschikking).values_list("soort", "sleutel"))
    return [d.omschrijving for d in bijlagen_bij(beschikking) if (d.soort, d.sleutel) not in al]


def stuur_bijlagen_na(*, door: Any, beschikking: Beschikking, op: dt.date) -> list[BeschikkingBijlage]:
    """Send what is part of a sent decision and came into being after its letter (the plan agreed later),
    each with a short letter, and record it as sent on ``op``."""
    beschikking = Beschikking.objects.get(pk=beschikking.pk)
    controleer_consulent(door, beschikking.gemeente)
    if beschikking.verzonden_op is None:
        raise ValidationError(
            "De brief van dit besluit is nog niet verzonden: het plan gaat met de brief mee."
        )
    _niet_in_de_toekomst(op, "op", "de verzending")
    if op < beschikking.verzonden_op:
        raise ValidationError(
            {"op": f"De brief van het besluit ging op {datum_of_onbepaald(beschikking.verzonden_op)} weg."}
        )
    with transaction.atomic(), acting_as(door):
        nieuw = _leg_bijlagen_vast(beschikking, op)
        if nieuw:
            WerklijstItem.objects.over(beschikking).filter(soort=WerklijstSoort.PLAN).handel_af()
    if not nieuw:
        raise ValidationError("Er is niets om na te sturen: er is geen nieuw afgesproken plan.")
    return nieuw


def laat_vervallen(
    *, door: Any, beschikking: Beschikking, motivering: str, moment: dt.datetime | None = None
) -> Beschikking:
    """Withdraw a granted decision whose letter has not been sent: its toewijzingen are removed (reden 13)
    and every earlier result it ended holds again until its own end date, with its toewijzingen."""
    beschikking = Beschikking.objects.get(pk=beschikking.pk)
    controleer_consulent(door, beschikking.gemeente)
    if beschikking.verzonden_op is not None:
        raise ValidationError(
            f"De brief van besluit {beschikking.nummer} is verzonden: trek het besluit in met een "
            "nieuw besluit."
        )
    if beschikking.besluit not in (Besluit.TOEGEKEND, Besluit.DEELS):
        raise ValidationError(f"Besluit {beschikking.nummer} kent niets toe.")
    if not (motivering or "").strip():
        raise ValidationError({"motivering": "Schrijf op waarom het besluit vervalt."})
    with transaction.atomic(), acting_as(door):
        for t in Toewijzing.objects.filter(beschikt_resultaat__beschikking=beschikking).exclude(
            reden_wijziging=WMO002RedenWijziging.VERWIJDERD
        ):
            wijzig_einddatum(
                door=door,
                toewijzing=t,
                einddatum=t.ingangsdatum,
                reden=WMO002RedenWijziging.VERWIJDERD,
                moment=moment,
            )
        for oud in BeschiktResultaat.objects.filter(beeindigd_door=beschikking):
            for t in Toewijzing.objects.filter(beschikt_resultaat=oud, einddatum=oud.beeindigd_per).filter(
                Q(reden_wijziging=WMO002RedenWijziging.HERBEOORDELING_VERKORTING)
            ):
                wijzig_einddatum(
                    door=door,
                    toewijzing=t,
                    einddatum=oud.einddatum,
                    reden=WMO002RedenWijziging.ADMINISTRATIEVE_CORRECTIE,
                    moment=moment,
                )
            oud.beeindigd_per, oud.beeindigd_door = None, None
            oud.save(update_fields=["beeindigd_per", "beeindigd_door"])
        beschikking.besluit = Besluit.INGETROKKEN
        beschikking.motivering = (
            f"{beschikking.motivering}\n\nVervallen vóór verzending: {motivering.strip()}"
        )
        beschikking.save(update_fields=["besluit", "motivering"])
    return beschikking

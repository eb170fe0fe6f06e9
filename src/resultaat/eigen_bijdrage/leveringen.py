"""What the CAK-leveringen page shows: per gemeente the WMO405 files sent, with their counts, who made
them, the CAK's answer, and the rejected meldingen that still wait for a correction."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q, QuerySet

from resultaat.core.audit.models import Actie, AuditEvent, record_rijen
from resultaat.core.opmaak import datum
from resultaat.eigen_bijdrage.gebeurtenissen import WMO405_AANGEMAAKT
from resultaat.eigen_bijdrage.models import (
    CakBericht,
    CakBerichtSoort,
    CakMelding,
    MeldingSoort,
    MeldingStatus,
)


@dataclass(frozen=True)
class Levering:
    bericht: CakBericht
    door: str
    start: int
    stop: int
    correctie: int
    intrekking: int
    afgekeurd: int
    antwoord: CakBericht | None

    @property
    def totaal(self) -> int:
        return self.start + self.stop + self.correctie + self.intrekking

    @property
    def status(self) -> str:
        if self.antwoord is None:
            return "wacht op antwoord van het CAK"
        verwerkt = self.totaal - self.afgekeurd
        tekst = f"beantwoord op {datum(self.antwoord.aangemaakt_op.date())}: {verwerkt} verwerkt"
        return tekst + (f", {self.afgekeurd} afgekeurd" if self.afgekeurd else ", niets afgekeurd")


def _per_soort(soort: str) -> Count:
    return Count("meldingen", filter=Q(meldingen__soort=soort))


def leveringen(gemeente: Any) -> list[Levering]:
    """The WMO405 files of a gemeente, newest first."""
    berichten = list(
        CakBericht.objects.filter(gemeente=gemeente, soort=CakBerichtSoort.WMO405)
        .annotate(
            n_start=_per_soort(MeldingSoort.START),
            n_stop=_per_soort(MeldingSoort.STOP),
            n_correctie=_per_soort(MeldingSoort.CORRECTIE),
            n_intrekking=_per_soort(MeldingSoort.INTREKKING),
            n_afgekeurd=Count("meldingen", filter=Q(meldingen__status=MeldingStatus.AFGEKEURD)),
        )
        .defer("inhoud")
        .order_by("-periode", "-aangemaakt_op")
    )
    antwoorden: dict[int, CakBericht] = {}
    for r in CakBericht.objects.filter(antwoord_op__in=berichten).defer("inhoud").order_by("aangemaakt_op"):
        assert r.antwoord_op_id is not None
        antwoorden[r.antwoord_op_id] = r
    makers = dict(
        AuditEvent.objects.filter(
            gebeurtenis=WMO405_AANGEMAAKT.naam,
            content_type=ContentType.objects.get_for_model(CakBericht),
            object_id__in=[str(b.pk) for b in berichten],
        ).values_list("object_id", "actor_naam")
    )
    return [
        Levering(
            bericht=b,
            door=makers.get(str(b.pk), "") or "onbekend",
            start=b.n_start,
            stop=b.n_stop,
            correctie=b.n_correctie,
            intrekking=b.n_intrekking,
            afgekeurd=b.n_afgekeurd,
            antwoord=antwoorden.get(b.pk),
        )
        for b in berichten
    ]


def afgekeurde_meldingen(gemeente: Any) -> QuerySet[CakMelding]:
    """The meldingen the CAK rejected, newest delivery first (each is on the worklist as well)."""
    return (
        CakMelding.objects.filter(bericht__gemeente=gemeente, status=MeldingStatus.AFGEKEURD)
        .select_related("client", "bericht")
        .order_by("-bericht__periode", "client__achternaam", "pk")
    )


def leg_download_vast(bericht: CakBericht) -> None:
    """The file holds the BSN and name of every person in it: one "geexporteerd" row per client."""
    clienten = bericht.meldingen.order_by().values_list("client_id", flat=True).distinct()
    record_rijen(CakBericht, [(bericht.pk, c) for c in clienten], Actie.GEEXPORTEERD)

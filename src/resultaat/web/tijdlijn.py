"""The chain of a client as one timeline: melding, onderzoek, aanvraag, beschikking, toewijzing, levering,
ondersteuningsplan, evaluatie and signaal, in date order.

Every record is read through its model's ``for_user`` QuerySet, never through the client's related
managers, so a provider sees neither the gemeente's toegang records nor another provider's toewijzingen.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch
from django.utils import timezone

from resultaat.clienten.models import Client
from resultaat.core.codes import WMO588RedenBeeindiging
from resultaat.ondersteuning.models import Evaluatie, Ondersteuningsplan, Signaal
from resultaat.toegang.models import (
    Aanvraag,
    AanvraagStatus,
    Beschikking,
    BeschiktResultaat,
    Melding,
    MeldingStatus,
    Onderzoek,
)
from resultaat.toewijzingen.models import Levering, Toewijzing

# Order of the steps of the chain, for events on the same day.
VOLGORDE = {
    "melding": 10,
    "onderzoek": 20,
    "aanvraag": 30,
    "beschikking": 40,
    "toewijzing": 50,
    "levering-start": 60,
    "ondersteuningsplan": 70,
    "signaal": 80,
    "evaluatie": 90,
    "levering-stop": 100,
}


@dataclass
class Gebeurtenis:
    datum: dt.date
    soort: str
    titel: str
    object: Any
    te_laat: bool = False
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def template(self) -> str:
        return f"web/tijdlijn/{self.soort}.html"

    @property
    def sorteersleutel(self) -> tuple[dt.date, int, int]:
        return (self.datum, VOLGORDE[self.soort], self.object.pk)


def _melding_te_laat(melding: Melding, onderzoek: Onderzoek | None, vandaag: dt.date) -> bool:
    """Wmo art. 2.3.2: the onderzoek is finished within six weeks (plus any suspension)."""
    if onderzoek is not None and onderzoek.afgerond_op is not None:
        return onderzoek.afgerond_op > melding.onderzoek_uiterlijk
    if melding.status in {MeldingStatus.AFGEROND, MeldingStatus.INGETROKKEN}:
        return False
    return vandaag > melding.onderzoek_uiterlijk


def _aanvraag_te_laat(aanvraag: Aanvraag, besloten_op: dt.date | None, vandaag: dt.date) -> bool:
    """Wmo art. 2.3.5: the decision follows within two weeks of the aanvraag."""
    if besloten_op is not None:
        return besloten_op > aanvraag.besluit_uiterlijk
    if aanvraag.status != AanvraagStatus.INGEDIEND:
        return False
    return vandaag > aanvraag.besluit_uiterlijk


def tijdlijn(client: Client, user: Any, vandaag: dt.date) -> list[Gebeurtenis]:
    """Everything the user may see of this client's chain, oldest first."""
    items: list[Gebeurtenis] = []

    onderzoeken = list(
        Onderzoek.objects.for_user(user)
        .filter(client=client)
        .select_related("consulent")
        .prefetch_related("zrm_scores", "resultaten__resultaat", "resultaten__subresultaten")
    )
    onderzoek_per_melding = {o.melding_id: o for o in onderzoeken}
    for melding in Melding.objects.for_user(user).filter(client=client).select_related("consulent"):
        items.append(
            Gebeurtenis(
                melding.ontvangen_op,
                "melding",
                "Melding ontvangen",
                melding,
                te_laat=_melding_te_laat(melding, onderzoek_per_melding.get(melding.pk), vandaag),
            )
        )
    for onderzoek in onderzoeken:
        datum = onderzoek.datum_gesprek or onderzoek.afgerond_op
        if datum is None:
            continue
        scores = sorted(onderzoek.zrm_scores.all(), key=lambda s: s.domein)
        items.append(
            Gebeurtenis(
                datum, "onderzoek", "Onderzoek (keukentafelgesprek)", onderzoek, extra={"scores": scores}
            )
        )

    beschikkingen = Beschikking.objects.for_user(user).filter(client=client)
    resultaten = BeschiktResultaat.objects.select_related(
        "resultaat", "product", "complexiteit", "intensiteit", "tijdsband"
    ).order_by("ingangsdatum", "pk")
    if user.is_aanbieder_user and not user.is_superuser:
        # A provider sees the results of a beschikking that it delivers, not those of other providers.
        resultaten = resultaten.filter(toewijzingen__aanbieder_id=user.aanbieder_id).distinct()
    beschikkingen = beschikkingen.prefetch_related(Prefetch("resultaten", queryset=resultaten))
    eerste_besluit: dict[int, dt.date] = {}
    for beschikking in beschikkingen:
        items.append(
            Gebeurtenis(
                beschikking.besluitdatum, "beschikking", f"Beschikking {beschikking.nummer}", beschikking
            )
        )
        vorige = eerste_besluit.get(beschikking.aanvraag_id)
        if vorige is None or beschikking.besluitdatum < vorige:
            eerste_besluit[beschikking.aanvraag_id] = beschikking.besluitdatum

    for aanvraag in Aanvraag.objects.for_user(user).filter(client=client):
        items.append(
            Gebeurtenis(
                aanvraag.ontvangen_op,
                "aanvraag",
                "Aanvraag ontvangen",
                aanvraag,
                te_laat=_aanvraag_te_laat(aanvraag, eerste_besluit.get(aanvraag.pk), vandaag),
                extra={"besloten_op": eerste_besluit.get(aanvraag.pk)},
            )
        )

    toewijzingen = (
        Toewijzing.objects.for_user(user)
        .filter(client=client)
        .select_related("product", "aanbieder")
        .prefetch_related("versies")
    )
    for toewijzing in toewijzingen:
        items.append(
            Gebeurtenis(
                toewijzing.toewijzingsdatum,
                "toewijzing",
                f"Toewijzing {toewijzing.nummer}",
                toewijzing,
                extra={"versies": list(toewijzing.versies.all())},
            )
        )

    leveringen = (
        Levering.objects.for_user(user)
        .filter(toewijzing__client=client, verwijderd=False)
        .select_related("toewijzing__product", "toewijzing__aanbieder")
    )
    for levering in leveringen:
        items.append(Gebeurtenis(levering.begindatum, "levering-start", "Start levering", levering))
        if levering.einddatum is not None:
            tijdelijk = levering.reden_beeindiging == WMO588RedenBeeindiging.TIJDELIJK
            titel = "Levering tijdelijk gestopt" if tijdelijk else "Levering gestopt"
            items.append(
                Gebeurtenis(
                    levering.einddatum, "levering-stop", titel, levering, extra={"tijdelijk": tijdelijk}
                )
            )

    plannen = (
        Ondersteuningsplan.objects.for_user(user)
        .filter(toewijzing__client=client)
        .select_related("toewijzing__aanbieder")
        .prefetch_related("doelen__subresultaat", "doelen__activiteiten", "plus_afspraken")
    )
    for plan in plannen:
        items.append(
            Gebeurtenis(
                plan.opgesteld_op, "ondersteuningsplan", f"Ondersteuningsplan versie {plan.versie}", plan
            )
        )

    for evaluatie in (
        Evaluatie.objects.for_user(user).filter(toewijzing__client=client).select_related("toewijzing")
    ):
        items.append(Gebeurtenis(evaluatie.datum, "evaluatie", "Evaluatie", evaluatie))

    for signaal in Signaal.objects.for_user(user).filter(client=client).select_related("aanbieder"):
        items.append(
            Gebeurtenis(
                timezone.localdate(signaal.gemeld_op),
                "signaal",
                f"Signaal: {signaal.get_soort_display()}",
                signaal,
            )
        )

    return sorted(items, key=lambda g: g.sorteersleutel)

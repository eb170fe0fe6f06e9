"""Re-indication: after the bulk part, a consulent re-indicates a few clients of begeleiding whose need has
grown, through the toegang services as in the portal: melding, onderzoek, aanvraag, indicatie with more
hours per week, and the decision that changes the earlier one (a wijzigingsbeschikking with its letter;
the old toewijzing ends the day before the new one starts, with its 301 to the provider)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone

from resultaat.catalogus.models import ComplexiteitNiveau, IntensiteitNiveau
from resultaat.demo.kern import _Basis
from resultaat.toegang import services as toegang
from resultaat.toegang.models import BeschiktResultaat, ZRMDomein
from resultaat.werklijst.models import WerklijstItem

HERINDICATIES = 3


class HerindicatieMixin(_Basis):
    def herindicaties(self) -> None:
        """Up to three clients of begeleiding, each with a running result decided at least two months ago,
        re-indicated one level up with two more hours per week from two weeks after today."""
        aantal = 0
        laatste_werk = WerklijstItem.objects.aggregate(m=models.Max("pk"))["m"] or 0
        vandaag = min(self.vandaag, timezone.localdate())
        melding_op = vandaag - dt.timedelta(days=20)
        ingang = vandaag + dt.timedelta(days=14)
        kandidaten = (
            BeschiktResultaat.objects.filter(
                product__categorie="02",
                beschikking__besluitdatum__lt=vandaag - dt.timedelta(days=60),
                ingangsdatum__lt=melding_op,
                beeindigd_per__isnull=True,
                einddatum__isnull=True,
                toewijzingen__isnull=False,
                beschikking__client__overlijdensdatum__isnull=True,
            )
            .select_related("beschikking__client", "resultaat", "complexiteit", "product")
            .order_by("beschikking__gemeente__code", "pk")
            .distinct()
        )
        hoger = {"licht": "midden", "midden": "zwaar", "zwaar": "zwaar"}
        niveaus = {n.code: n for n in ComplexiteitNiveau.objects.all()}
        wekelijks = IntensiteitNiveau.objects.filter(code="meerdere-keren-per-week").first()
        gezien: set[int] = set()
        for oud in kandidaten[:40]:
            client = oud.beschikking.client
            consulent = self.consulent(client.gemeente.code)
            toewijzing = oud.toewijzingen.order_by("-ingangsdatum").first()
            if consulent is None or toewijzing is None or client.pk in gezien or oud.complexiteit is None:
                continue
            gezien.add(client.pk)
            try:
                with transaction.atomic():
                    melding = toegang.registreer_melding(
                        door=consulent,
                        client=client,
                        ontvangen_op=melding_op,
                        wijze="telefoon",
                        hulpvraag="De begeleider meldt dat de situatie zwaarder is geworden: "
                        "er zijn nieuwe schulden en de post blijft weer liggen.",
                    )
                    onderzoek = toegang.leg_onderzoek_vast(
                        door=consulent,
                        melding=melding,
                        datum_gesprek=melding_op + dt.timedelta(days=6),
                        situatie="Gesprek met cliënt en begeleider: de afspraken van het plan lukken "
                        "niet meer met de huidige uren.",
                        zrm={ZRMDomein.FINANCIEN: (2, "Nieuwe betalingsachterstanden")},
                        resultaten=[toegang.GekozenResultaat(oud.resultaat)],
                        afronden=True,
                    )
                    aanvraag = toegang.registreer_aanvraag(
                        door=consulent, onderzoek=onderzoek, ontvangen_op=melding_op + dt.timedelta(days=8)
                    )
                    indicatie = toegang.leg_indicatie_vast(
                        door=consulent,
                        aanvraag=aanvraag,
                        resultaat=oud.resultaat,
                        ingangsdatum=ingang,
                        complexiteit=niveaus[hoger[oud.complexiteit.code]],
                        intensiteit=wekelijks,
                        frequentie="drie keer per week",
                        omvang_per_week=(oud.omvang_per_week or 2) + 2,
                    )
                    toegang.kies_aanbieder(
                        door=consulent, indicatie=indicatie, aanbieder=toewijzing.aanbieder
                    )
                    toegang.neem_besluit(
                        door=consulent,
                        aanvraag=aanvraag,
                        besluitdatum=vandaag,
                        motivering="Uit het gesprek met u en uw begeleider blijkt dat u meer hulp nodig "
                        "heeft: er zijn nieuwe schulden en de post blijft liggen. Daarom krijgt u meer "
                        "uren begeleiding per week.",
                        moment=self.moment(vandaag),
                    )
            except (ValidationError, PermissionDenied):
                continue
            aantal += 1
            self.portaal_acties["herindicatie met wijzigingsbeschikking"] += 1
            if aantal == HERINDICATIES:
                break
        WerklijstItem.objects.filter(pk__gt=laatste_werk).update(aangemaakt_op=self.moment(self.vandaag))

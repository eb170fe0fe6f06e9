"""Eigen bijdrage: households, exemptions, a gemeente's own rate and the CAK delivery.

Through the eigen-bijdrage services, after the bulk part: two clients who are partners (the household
pays once), a client with a partner below the AOW age, one with a Wlz bijdrage, one under the
minimabeleid; Heiloo charges its own lower rate this year and Alkmaar exempts collectief vervoer
(category 08). Each gemeente's WMO405 of last month goes out, with every person's start and, for the
demo's deaths (reden 02), the stop on the day of death; the CAK's answer to Alkmaar's file rejects one
melding, which lands on the worklist.
"""

from __future__ import annotations

import datetime as dt

from resultaat.clienten.models import Client
from resultaat.core.codes import WMO020ProductCategorie
from resultaat.demo.basis import ACTOR
from resultaat.demo.kern import _Basis
from resultaat.eigen_bijdrage import cak
from resultaat.eigen_bijdrage import services as eb
from resultaat.eigen_bijdrage.cak_export import IebXmlExporter, Wmo406, Wmo406Regel
from resultaat.eigen_bijdrage.models import (
    Abonnementstarief,
    EigenBijdrageInstelling,
    GemeenteTarief,
    Rol,
    Trigger,
    Vrijstelling,
)
from resultaat.eigen_bijdrage.regels import heeft_aow_leeftijd, maand
from resultaat.werklijst.models import WerklijstItem


class EigenBijdrageMixin(_Basis):
    def eigen_bijdrage(self) -> None:
        alkmaar = self.gemeenten.get("0361")
        heiloo = self.gemeenten.get("0399")
        if alkmaar is None:
            return
        EigenBijdrageInstelling.objects.update_or_create(
            gemeente=alkmaar,
            defaults={
                "trigger": Trigger.TOEWIJZING,
                "vrijgestelde_categorieen": [WMO020ProductCategorie.VERVOERDIENSTEN],
            },
        )
        landelijk = Abonnementstarief.objects.filter(jaar=self.vandaag.year).first()
        if heiloo is not None and landelijk is not None:
            GemeenteTarief.objects.get_or_create(
                gemeente=heiloo,
                jaar=self.vandaag.year,
                defaults={
                    "bedrag_cent": landelijk.bedrag_cent - 500,
                    "toelichting": "Demo: een eigen, lager tarief volgens de verordening.",
                },
            )
        met_zorg = list(
            Client.objects.filter(gemeente=alkmaar, overlijdensdatum__isnull=True, toewijzingen__isnull=False)
            .distinct()
            .order_by("pk")[:40]
        )
        ouderen = [c for c in met_zorg if heeft_aow_leeftijd(c.geboortedatum, self.vandaag)]
        if len(ouderen) < 5:
            return
        a, b, jong_partner, wlz, minima = ouderen[:5]
        eb.leg_huisgenoot_vast(
            door=ACTOR,
            client=a,
            rol=Rol.PARTNER,
            geboortedatum=b.geboortedatum,
            vanaf=dt.date(1975, 6, 1),
            als_client=b,
        )
        eb.leg_huisgenoot_vast(
            door=ACTOR,
            client=jong_partner,
            rol=Rol.PARTNER,
            naam="R. de Wit",
            geboortedatum=dt.date(self.vandaag.year - 58, 3, 14),
            vanaf=dt.date(2001, 9, 1),
        )
        eb.leg_vrijstelling_vast(
            door=ACTOR,
            client=wlz,
            reden=Vrijstelling.WLZ,
            vanaf=self.vandaag.replace(day=1),
            toelichting="Demo: partner woont in een verpleeghuis (Wlz).",
        )
        eb.leg_vrijstelling_vast(
            door=ACTOR,
            client=minima,
            reden=Vrijstelling.MINIMA,
            vanaf=dt.date(self.vandaag.year, 1, 1),
            toelichting="Demo: inkomen onder 120% van de bijstandsnorm.",
        )
        vorige = maand(maand(self.vandaag) - dt.timedelta(days=1))
        eerste = None
        for code, gemeente in sorted(self.gemeenten.items()):
            bericht = cak.maak_wmo405(
                door=ACTOR, gemeente=gemeente, maand=vorige, dagtekening=maand(self.vandaag)
            )
            if bericht is not None:
                self.portaal_acties["WMO405 aan het CAK"] += 1
                eerste = bericht if code == "0361" else eerste
        if eerste is None:
            return
        meldingen = list(eerste.meldingen.order_by("pk"))
        regels = [
            Wmo406Regel(m.referentie, "X001", "Demo: BSN en geboortedatum horen niet bij elkaar in de BRP.")
            if i == 0
            else Wmo406Regel(m.referentie, IebXmlExporter.GOED, "")
            for i, m in enumerate(meldingen)
        ]
        antwoord = Wmo406(f"CAK-{eerste.referentie}", eerste.referentie, maand(self.vandaag), regels)
        laatste_werk = WerklijstItem.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        cak.verwerk_wmo406(door=ACTOR, gemeente=alkmaar, inhoud=IebXmlExporter().schrijf_406(antwoord))
        # Like every other row of the demo, the worklist item gets its moment from the demo's timeline.
        WerklijstItem.objects.filter(pk__gt=laatste_werk).update(aangemaakt_op=self.moment(self.vandaag))
        self.portaal_acties["WMO406 van het CAK verwerkt"] += 1

"""Toegang: melding, onderzoek (with ZRM and chosen results), aanvraag and beschikking (toegekend or
afgewezen) for one client, in the stage drawn for it; a granted beschikking hands over to
:mod:`resultaat.demo.toewijzingen`."""

from __future__ import annotations

import datetime as dt

from resultaat.accounts.models import User
from resultaat.catalogus.models import Product
from resultaat.clienten.models import Huishouden
from resultaat.core.codes import (
    WMO588RedenBeeindiging,
)
from resultaat.demo.basis import (
    DAG,
    ZRM_SINDS,
    Fase,
    _plus_jaren,
)
from resultaat.demo.batch import (
    _Batch,
    _Levering,
    _Persoon,
)
from resultaat.demo.clienten import (
    ClientenMixin,
)
from resultaat.demo.regio_gegevens import (
    BG,
    DB,
    GEMEENTEN,
    GROEP_GEWICHT,
    HOB,
    VVR,
)
from resultaat.demo.teksten import (
    AFWIJZING,
    EIGEN_KRACHT,
    HULPVRAAG,
    MANTELZORG,
    NETWERK,
    VOORLIGGEND,
    ZRM_LAAG,
    ZRM_TOELICHTING,
)
from resultaat.demo.toewijzingen import (
    ToewijzingenMixin,
)
from resultaat.toegang.models import (
    Aanvraag,
    AanvraagStatus,
    Beschikking,
    BeschiktResultaat,
    Besluit,
    Melding,
    MeldingStatus,
    MeldingWijze,
    Onderzoek,
    OnderzoekResultaat,
    ZRMDomein,
    ZRMScore,
)
from resultaat.werklijst.models import WerklijstSoort


class ToegangMixin(ToewijzingenMixin, ClientenMixin):
    def producten_kiezen(self, groep: str, fase: Fase) -> list[tuple[Product, int | None]]:
        """The products granted with their result: a main one, sometimes a second result, vervoer with
        dagbesteding."""
        gekozen = [self.gewogen(self.per_groep[groep])]
        if fase != Fase.OVERSTAP:
            if groep == HOB and self.kans(0.15):
                gekozen.append(self.gewogen(self.per_groep[BG][:2]))
            elif groep == BG and self.kans(0.2):
                gekozen.append(self.gewogen(self.per_groep[HOB]))
            elif groep == DB and self.kans(0.5):
                gekozen.append(self.producten["VVR"])
        return [
            (p, self.gewogen(self.resultaat_opties[p.code]) if p.code in self.resultaat_opties else None)
            for p in gekozen
        ]

    def maak(self, b: _Batch, bsn: str, fase: Fase) -> None:
        rng = self.rng
        code = self.gewogen([(g.code, g.aandeel) for g in GEMEENTEN])
        groep = self.gewogen(GROEP_GEWICHT)
        p = self.persoon(bsn, groep, code)
        client = p.client
        b.clienten.append(client)
        self.teller[fase.value] += 1
        consulent = self.consulent(code)
        v = self.vandaag

        # When is the besluit, and what happens after it?
        besluit: dt.date | None = None
        if fase == Fase.MELDING:
            melding_op = self.dag(v - dt.timedelta(days=38), v - DAG)
        elif fase == Fase.MELDING_TE_LAAT:
            melding_op = self.dag(v - dt.timedelta(days=75), v - dt.timedelta(days=43))
        elif fase == Fase.ONDERZOEK:
            melding_op = self.dag(v - dt.timedelta(days=40), v - dt.timedelta(days=6))
        elif fase == Fase.AANVRAAG:
            aanvraag_op = self.dag(v - dt.timedelta(days=18), v)
            afgerond = aanvraag_op - dt.timedelta(days=rng.randint(0, 3))
            gesprek = afgerond - dt.timedelta(days=rng.randint(1, 10))
            melding_op = gesprek - dt.timedelta(days=rng.randint(4, 25))
        else:
            besluit = self.besluitdatum(fase)
            aanvraag_op = besluit - dt.timedelta(days=rng.randint(2, 12))
            afgerond = aanvraag_op - dt.timedelta(days=rng.randint(0, 3))
            gesprek = afgerond - dt.timedelta(days=rng.randint(1, 10))
            melding_op = gesprek - dt.timedelta(days=rng.randint(4, 25))
        client.aangemaakt_op = self.moment(melding_op)

        melding = Melding(
            client=client,
            gemeente=p.gemeente,
            ontvangen_op=melding_op,
            wijze=self.gewogen(
                (
                    (MeldingWijze.TELEFOON, 50),
                    (MeldingWijze.DIGITAAL, 20),
                    (MeldingWijze.VERWIJZING, 15),
                    (MeldingWijze.LOKET, 10),
                    (MeldingWijze.AANBIEDER, 5),
                )
            ),
            hulpvraag=self.kies(HULPVRAAG[groep]),
            consulent=consulent if fase != Fase.MELDING_TE_LAAT or self.kans(0.5) else None,
            status=MeldingStatus.ONTVANGEN,
            opgeschort_dagen=rng.choice((7, 14)) if fase == Fase.MELDING and self.kans(0.1) else 0,
        )
        b.meldingen.append(melding)
        if fase in (Fase.MELDING, Fase.MELDING_TE_LAAT):
            self.werk(
                b,
                p,
                WerklijstSoort.ONDERZOEK,
                f"Onderzoek na melding van {melding_op:%d-%m-%Y}",
                melding.onderzoek_uiterlijk,
                melding,
                melding_op,
                melding.consulent,
            )
            return

        producten = self.producten_kiezen(groep, fase)
        if fase == Fase.ONDERZOEK:
            melding.status = MeldingStatus.IN_ONDERZOEK
            gesprek = self.dag(melding_op + dt.timedelta(days=3), min(melding_op + dt.timedelta(days=21), v))
            self.onderzoek(b, p, melding, groep, gesprek, None, producten[:1])
            self.werk(
                b,
                p,
                WerklijstSoort.ONDERZOEK,
                f"Onderzoeksverslag afronden (gesprek {gesprek:%d-%m-%Y})",
                melding.onderzoek_uiterlijk,
                melding,
                melding_op,
                consulent,
            )
            return

        melding.status = MeldingStatus.AFGEROND
        onderzoek = self.onderzoek(b, p, melding, groep, gesprek, afgerond, producten)
        aanvraag = Aanvraag(
            client=client,
            gemeente=p.gemeente,
            melding=melding,
            onderzoek=onderzoek,
            ontvangen_op=aanvraag_op,
            status=AanvraagStatus.INGEDIEND,
        )
        b.aanvragen.append(aanvraag)
        if fase == Fase.AANVRAAG:
            self.werk(
                b,
                p,
                WerklijstSoort.BESLUIT,
                f"Besluit op aanvraag van {aanvraag_op:%d-%m-%Y}",
                aanvraag.besluit_uiterlijk,
                aanvraag,
                aanvraag_op,
                consulent,
            )
            return
        assert besluit is not None
        aanvraag.status = AanvraagStatus.BESLOTEN
        # One kenmerk scheme, the services' own: the year and a number within the gemeente and year.
        self.nummer_beschikking[f"{code}-{besluit.year}"] += 1
        beschikking = Beschikking(
            aanvraag=aanvraag,
            client=client,
            gemeente=p.gemeente,
            nummer=f"{besluit.year}-{self.nummer_beschikking[f'{code}-{besluit.year}']:04d}",
            besluitdatum=besluit,
            verzonden_op=besluit + dt.timedelta(days=rng.randint(0, 1)),
            consulent=consulent,
            besluit=Besluit.AFGEWEZEN,
        )
        b.beschikkingen.append(beschikking)
        if fase == Fase.AFGEWEZEN:
            beschikking.motivering = self.kies(AFWIJZING)
            return

        beschikking.besluit = Besluit.TOEGEKEND
        beschikking.ondersteuningsplan_onderdeel = self.kans(0.3)
        self.toegekend(b, p, fase, beschikking, producten, consulent)

    def besluitdatum(self, fase: Fase) -> dt.date:
        """The decision date for a stage that has one (chosen so the later steps fit before vandaag)."""
        v, begin = self.vandaag, self.begin
        if fase == Fase.TOEGEWEZEN:
            return self.dag(v - dt.timedelta(days=20), v - DAG)
        # Days kept free after the besluit for what follows: start, a stop, a switch.
        ruimte = {
            Fase.AFGEWEZEN: 1,
            Fase.GESTART: 30,
            Fase.TIJDELIJK_GESTOPT: 60,
            Fase.HERVAT: 90,
            Fase.BEEINDIGD: 120,
            Fase.OVERLEDEN: 75,
            Fase.OVERSTAP: 110,
        }[fase]
        return self.dag(begin, v - dt.timedelta(days=ruimte))

    def onderzoek(
        self,
        b: _Batch,
        p: _Persoon,
        melding: Melding,
        groep: str,
        gesprek: dt.date,
        afgerond: dt.date | None,
        producten: list[tuple[Product, int | None]],
    ) -> Onderzoek:
        rng = self.rng
        woont = {
            Huishouden.ALLEENSTAAND: "alleen",
            Huishouden.PARTNERS: "samen met de partner",
            Huishouden.PARTNERS_KINDEREN: "met partner en kinderen",
            Huishouden.EENOUDER: "met de kinderen",
            Huishouden.ANDERS: "met een familielid",
        }[Huishouden(p.client.huishouden)]
        onderzoek = Onderzoek(
            melding=melding,
            client=p.client,
            datum_gesprek=gesprek,
            consulent=melding.consulent,
            situatie=(
                f"{p.aanhef[0].upper()}{p.aanhef[1:]} ({p.leeftijd}) woont {woont} in {p.client.woonplaats}. "
                f"{melding.hulpvraag}"
            ),
            eigen_kracht=self.kies(EIGEN_KRACHT),
            netwerk=self.kies(NETWERK),
            mantelzorg=self.kies(MANTELZORG),
            voorliggende_voorzieningen=self.kies(VOORLIGGEND),
            afgerond_op=afgerond,
        )
        b.onderzoeken.append(onderzoek)
        if gesprek < self.vandaag - ZRM_SINDS:
            return self.gekozen_resultaten(b, onderzoek, producten)
        laag = ZRM_LAAG[groep]
        for domein in ZRMDomein:
            if domein in laag:
                niveau = rng.choices((1, 2, 3), weights=(1, 5, 4))[0]
            elif domein == ZRMDomein.JUSTITIE or (domein == ZRMDomein.WERK_OPLEIDING and p.leeftijd >= 67):
                niveau = 5  # no contact with justice; retired (AOW)
            elif domein == ZRMDomein.MIDDELENGEBRUIK:
                niveau = rng.choices((3, 4, 5), weights=(1, 4, 10))[0]
            else:
                niveau = rng.choices((2, 3, 4, 5), weights=(1, 3, 5, 3))[0]
            toelichting = ZRM_TOELICHTING.get(domein, "") if niveau <= 2 else ""
            b.zrm.append(ZRMScore(onderzoek=onderzoek, domein=domein, niveau=niveau, toelichting=toelichting))
        return self.gekozen_resultaten(b, onderzoek, producten)

    def gekozen_resultaten(
        self, b: _Batch, onderzoek: Onderzoek, producten: list[tuple[Product, int | None]]
    ) -> Onderzoek:
        rng = self.rng
        for _product, resultaat_id in producten:
            if resultaat_id is None:
                continue
            gekozen = OnderzoekResultaat(
                onderzoek=onderzoek,
                resultaat_id=resultaat_id,
                anders_namelijk="Hulp bij het uitlaten van de hond via een vrijwilliger."
                if self.kans(0.03)
                else "",
            )
            b.onderzoek_resultaten.append(gekozen)
            subs = self.subresultaten.get(resultaat_id, [])
            for sub in rng.sample(subs, k=min(len(subs), rng.randint(1, 3))):
                b.or_subresultaten.append((gekozen, sub))
                punten = self.aandachtspunten.get(sub, [])
                for punt in rng.sample(punten, k=min(len(punten), rng.randint(0, 2))):
                    b.or_aandachtspunten.append((gekozen, punt))
        return onderzoek

    def einddatum_beschikking(self, ingang: dt.date, fase: Fase) -> dt.date | None:
        v = self.vandaag
        if fase == Fase.GESTART and self.kans(0.08):
            return self.dag(v + dt.timedelta(days=7), v + dt.timedelta(days=56))  # herindicatie due
        if self.kans(0.2):
            return None
        jaren = self.rng.choice((1, 2, 3, 5))
        while _plus_jaren(ingang, jaren) - DAG <= v + dt.timedelta(days=60):
            jaren += 1
        return _plus_jaren(ingang, jaren) - DAG

    def toegekend(
        self,
        b: _Batch,
        p: _Persoon,
        fase: Fase,
        beschikking: Beschikking,
        producten: list[tuple[Product, int | None]],
        consulent: User | None,
    ) -> None:
        rng, v = self.rng, self.vandaag
        besluit = beschikking.besluitdatum
        ingang = besluit + dt.timedelta(days=rng.randint(0, 7 if fase != Fase.TOEGEWEZEN else 14))
        eind = self.einddatum_beschikking(ingang, fase)
        code = p.gemeente.code

        # The delivery timeline of the main toewijzing.
        wacht = rng.choices((0, 3, 7, 14, 21), weights=(30, 25, 25, 15, 5))[0]
        start = ingang + dt.timedelta(days=wacht)
        lev = _Levering(start=start)
        overstap: dt.date | None = None
        if fase == Fase.TOEGEWEZEN:
            lev.start = None
        elif fase == Fase.TIJDELIJK_GESTOPT:
            stop = self.dag(
                max(start + dt.timedelta(days=14), v - dt.timedelta(days=40)), v - dt.timedelta(days=2)
            )
            lev.stops.append((stop, WMO588RedenBeeindiging.TIJDELIJK, None))
        elif fase == Fase.HERVAT:
            stop = self.dag(start + dt.timedelta(days=14), v - dt.timedelta(days=40))
            hervat = stop + dt.timedelta(days=rng.randint(7, 28))
            lev.stops.append((stop, WMO588RedenBeeindiging.TIJDELIJK, hervat))
        elif fase == Fase.BEEINDIGD:
            eind = self.dag(start + dt.timedelta(days=60), v - DAG)
            lev.stops.append((eind, WMO588RedenBeeindiging.VOLGENS_PLAN, None))
        elif fase == Fase.OVERLEDEN:
            overleden = self.dag(start + dt.timedelta(days=30), v - DAG)
            p.client.overlijdensdatum = overleden
            lev.stops.append((overleden, WMO588RedenBeeindiging.OVERLIJDEN, None))
        elif fase == Fase.OVERSTAP:
            overstap = self.dag(start + dt.timedelta(days=45), v - dt.timedelta(days=10))
            lev.stops.append((overstap - DAG, WMO588RedenBeeindiging.OVERSTAP_AANBIEDER, None))
        beschikking.ingangsdatum = ingang
        beschikking.einddatum = eind
        beschikking.motivering = (
            f"Uit het onderzoek blijkt dat u ondersteuning nodig heeft. De gemeente kent u "
            f"{producten[0][0].naam} toe. De aanbieder spreekt met u af hoe het resultaat wordt bereikt."
        )

        hoofd_br: BeschiktResultaat | None = None
        hoofd_aanbieder = ""
        for index, (product, resultaat_id) in enumerate(producten):
            groep = self.groep_van(product)
            info = self.info_per_code[product.code]
            if groep == VVR and hoofd_br is not None:
                br = hoofd_br
                sleutel = hoofd_aanbieder
            else:
                minuten = omvang = None
                band = self.tijdsbanden.get(product.code) or info.minuten
                if groep == HOB and band:
                    minuten = omvang = rng.randint(band[0], band[1])
                elif info.omvang:
                    omvang = rng.randint(*info.omvang)
                assert resultaat_id is not None
                br = BeschiktResultaat(
                    beschikking=beschikking,
                    resultaat_id=resultaat_id,
                    product=product,
                    complexiteit_id=product.complexiteit_id,
                    intensiteit_id=product.intensiteit_id,
                    tijdsband_id=product.tijdsband_id,
                    minuten_per_week=minuten,
                    omvang_per_week=omvang,
                    omvang_eenheid=product.omvang_eenheid if omvang is not None else "",
                    frequentie=info.frequentie,
                    ingangsdatum=ingang,
                    einddatum=eind,
                )
                b.beschikt.append(br)
                subs = self.subresultaten.get(resultaat_id, [])
                for sub in rng.sample(subs, k=min(len(subs), rng.randint(1, 3))):
                    b.br_subresultaten.append((br, sub))
                sleutel = self.aanbieder_kiezen(code, groep)
                if index == 0:
                    hoofd_br, hoofd_aanbieder = br, sleutel
            self.toewijzing_keten(
                b,
                p,
                fase,
                product,
                br,
                sleutel,
                lev if index == 0 else self.mee(lev),
                overstap,
                eind,
                consulent,
            )

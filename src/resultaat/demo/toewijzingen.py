"""Toewijzingen and leveringen: the toewijzing per granted result with its versions, a provider switch
(reden 09, the successor starting the next day), the provider's reactie, and starts, temporary stops,
resumptions and stops; then hands over to :mod:`resultaat.demo.ondersteuning`."""

from __future__ import annotations

import datetime as dt
from typing import Any

from resultaat.accounts.models import User
from resultaat.catalogus.models import Product
from resultaat.core.codes import (
    WMO002RedenWijziging,
    WMO588RedenBeeindiging,
)
from resultaat.demo.basis import (
    DAG,
    TZ,
    Fase,
)
from resultaat.demo.batch import (
    _Batch,
    _Gemeld,
    _Levering,
    _Persoon,
)
from resultaat.demo.ondersteuning import (
    OndersteuningMixin,
)
from resultaat.demo.regio_gegevens import (
    AANBIEDERS,
)
from resultaat.demo.teksten import (
    TIJDELIJKE_STOP_OORZAAK,
)
from resultaat.ondersteuning.models import (
    Evaluatie,
    ResultaatBehaald,
)
from resultaat.toegang.models import (
    BeschiktResultaat,
)
from resultaat.toewijzingen.models import (
    LeveringBron,
    ReactieAanbieder,
    Toewijzing,
    ToewijzingVersie,
)


class ToewijzingenMixin(OndersteuningMixin):
    def mee(self, lev: _Levering) -> _Levering:
        """A second toewijzing follows the main one's timeline (a hospital stay stops all help)."""
        stops = [s for s in lev.stops if s[1] != WMO588RedenBeeindiging.OVERSTAP_AANBIEDER]
        return _Levering(start=lev.start, stops=stops)

    def toewijzing_keten(
        self,
        b: _Batch,
        p: _Persoon,
        fase: Fase,
        product: Product,
        br: BeschiktResultaat,
        sleutel: str,
        lev: _Levering,
        overstap: dt.date | None,
        eind: dt.date | None,
        consulent: User | None,
    ) -> None:
        rng, v = self.rng, self.vandaag
        beschikking = br.beschikking
        besluit = beschikking.besluitdatum
        ingang = br.ingangsdatum
        toewijzingsdatum = besluit + dt.timedelta(
            days=rng.randint(0, min(2, max(0, (ingang - besluit).days)))
        )
        toewijzingsdatum = min(toewijzingsdatum, v)
        tijd = self.tijd()
        groep = self.groep_van(product)
        eerste_eind = eind
        laatste = lev.stops[-1] if lev.stops else None
        if laatste and laatste[1] == WMO588RedenBeeindiging.VOLGENS_PLAN:
            eerste_eind = laatste[0]
        versies: list[dict[str, Any]] = [
            self.termen(product, toewijzingsdatum, tijd, ingang, eerste_eind, ""),
        ]
        if laatste and laatste[1] == WMO588RedenBeeindiging.OVERLIJDEN:
            gemeld = min(laatste[0] + dt.timedelta(days=rng.randint(1, 7)), v)
            versies.append(
                self.termen(product, gemeld, self.tijd(), ingang, laatste[0], WMO002RedenWijziging.OVERLEDEN)
            )
        if overstap is not None:
            gemeld = overstap - dt.timedelta(days=rng.randint(3, 14))
            versies.append(
                self.termen(
                    product,
                    gemeld,
                    self.tijd(),
                    ingang,
                    overstap - DAG,
                    WMO002RedenWijziging.OVERSTAP_AANBIEDER,
                )
            )
        toewijzing = self.toewijzing(b, p, product, br, sleutel, versies, None)
        self.leveringen(b, toewijzing, sleutel, lev)
        beeindigd = laatste is not None and laatste[1] != WMO588RedenBeeindiging.TIJDELIJK
        self.na_start(b, p, fase, toewijzing, sleutel, lev, groep, consulent, beeindigd=beeindigd)

        if overstap is not None:
            nieuwe = self.aanbieder_kiezen(p.gemeente.code, groep, behalve=sleutel)
            # Decided at the same moment as the old toewijzing's end (as wissel_aanbieder does).
            gemeld, moment = versies[-1]["toewijzingsdatum"], versies[-1]["toewijzingstijd"]
            opvolger = self.toewijzing(
                b,
                p,
                product,
                br,
                nieuwe,
                [self.termen(product, gemeld, moment, overstap, eind, "")],
                toewijzing,
            )
            nieuw_lev = _Levering(start=overstap)
            self.leveringen(b, opvolger, nieuwe, nieuw_lev, bron=LeveringBron.IWMO)
            # The reason to switch, in the old provider's last evaluation.
            b.evaluaties.append(
                Evaluatie(
                    toewijzing=toewijzing,
                    datum=gemeld,
                    resultaat_behaald=ResultaatBehaald.DEELS,
                    client_tevreden=rng.choice((2, 2, 3)),
                    toelichting=self.kies(
                        (
                            "Cliënt wil overstappen: steeds andere hulpen over de vloer.",
                            "Cliënt wil overstappen naar de aanbieder van de buurvrouw.",
                            "Cliënt is ontevreden over het nakomen van afspraken en stapt over.",
                        )
                    ),
                    uitgevoerd_door=consulent,
                )
            )
            self.na_start(b, p, Fase.GESTART, opvolger, nieuwe, nieuw_lev, groep, consulent, beeindigd=False)

    def termen(
        self,
        product: Product,
        datum: dt.date,
        tijd: dt.time,
        ingang: dt.date,
        eind: dt.date | None,
        reden: str,
    ) -> dict[str, Any]:
        return {
            "toewijzingsdatum": datum,
            "toewijzingstijd": tijd,
            "ingangsdatum": ingang,
            "einddatum": eind,
            "reden_wijziging": reden,
            "volume": product.volume,
            "eenheid": product.eenheid,
            "frequentie": product.frequentie,
            "budget_cent": None,
            "commentaar": "",
        }

    def toewijzing(
        self,
        b: _Batch,
        p: _Persoon,
        product: Product,
        br: BeschiktResultaat,
        sleutel: str,
        versies: list[dict[str, Any]],
        voorganger: Toewijzing | None,
    ) -> Toewijzing:
        code = p.gemeente.code
        self.nummer_toewijzing[code] += 1
        # A subcontractor delivers some of the provider's main product group.
        hoofdgroep = next(a.groepen[0] for a in AANBIEDERS if a.sleutel == sleutel)
        onderaannemer = None
        if self.groep_van(product) == hoofdgroep and self.kans(0.15):
            onderaannemer = self.onderaannemers.get(sleutel)
        toewijzing = Toewijzing(
            gemeente=p.gemeente,
            nummer=self.nummer_toewijzing[code],
            client=p.client,
            aanbieder=self.aanbieders[sleutel],
            product=product,
            beschikt_resultaat=br,
            voorganger=voorganger,
            onderaannemer=onderaannemer,
            referentie_aanbieder=f"{sleutel[:3].upper()}-{self.nummer_toewijzing[code]:06d}"
            if self.kans(0.5)
            else "",
            **versies[-1],
        )
        (b.opvolgers if voorganger is not None else b.toewijzingen).append(toewijzing)
        for termen in versies:
            b.versies.append(
                ToewijzingVersie(
                    toewijzing=toewijzing,
                    vastgelegd_op=dt.datetime.combine(
                        termen["toewijzingsdatum"], termen["toewijzingstijd"], TZ
                    ),
                    **termen,
                )
            )
        return toewijzing

    def leveringen(
        self, b: _Batch, toewijzing: Toewijzing, sleutel: str, lev: _Levering, bron: str | None = None
    ) -> None:
        aanbieder_user = self.aanbieder_users.get(sleutel)
        if lev.start is None:
            # Not started: the newest still wait for the provider's answer, older ones were accepted.
            if (self.vandaag - toewijzing.toewijzingsdatum).days > 5 and self.kans(0.7):
                self.reactie(toewijzing, aanbieder_user, toewijzing.toewijzingsdatum)
            return
        self.reactie(toewijzing, aanbieder_user, min(toewijzing.toewijzingsdatum, lev.start))
        bron = bron or self.gewogen(
            ((LeveringBron.IWMO, 55), (LeveringBron.PORTAAL, 40), (LeveringBron.CSV, 5))
        )
        begin, hervatting = lev.start, False
        for einde, reden, hervat in lev.stops:
            toelichting = (
                self.kies(TIJDELIJKE_STOP_OORZAAK) if reden == WMO588RedenBeeindiging.TIJDELIJK else ""
            )
            gestart = self.moment(begin + dt.timedelta(days=self.rng.randint(0, 3)))
            gestopt = self.moment(min(einde + dt.timedelta(days=self.rng.randint(0, 3)), self.vandaag))
            b.leveringen.append(_Gemeld(toewijzing, begin, gestart, bron=bron, hervatting=hervatting))
            b.leveringen.append(_Gemeld(toewijzing, einde, gestopt, reden=reden, toelichting=toelichting))
            if hervat is None:
                return
            begin, hervatting = hervat, True
        gestart = self.moment(min(begin + dt.timedelta(days=self.rng.randint(0, 3)), self.vandaag))
        b.leveringen.append(_Gemeld(toewijzing, begin, gestart, bron=bron, hervatting=hervatting))
        if not lev.stops or lev.stops[-1][2] is not None:
            self.actief[(self.aanbieders[sleutel].pk, toewijzing.product.pk)] += 1

    def reactie(self, toewijzing: Toewijzing, door: User | None, dag: dt.date) -> None:
        toewijzing.reactie = ReactieAanbieder.GEACCEPTEERD
        toewijzing.reactie_op = self.moment(
            min(dag + dt.timedelta(days=self.rng.randint(0, 2)), self.vandaag)
        )
        toewijzing.reactie_door = door

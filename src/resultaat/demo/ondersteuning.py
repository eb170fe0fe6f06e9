"""Ondersteuning: the ondersteuningsplan with doelen, activiteiten and the Plus, evaluaties, signalen
and their werklijst items, for one toewijzing."""

from __future__ import annotations

import datetime as dt

from resultaat.accounts.models import User
from resultaat.demo.basis import (
    Fase,
)
from resultaat.demo.batch import (
    _Batch,
    _Levering,
    _Persoon,
)
from resultaat.demo.kern import (
    _Basis,
)
from resultaat.demo.regio_gegevens import (
    HOB,
    VVR,
)
from resultaat.demo.teksten import (
    DOELEN,
    EVALUATIE_TEKST,
    OPVOLGING,
    PLUS,
    SIGNAAL_TEKST,
    TERUGKOPPELING,
)
from resultaat.ondersteuning.models import (
    AkkoordWijze,
    Evaluatie,
    EvaluatieMoment,
    EvaluatieRol,
    Ondersteuningsplan,
    PlanActiviteit,
    PlanDoel,
    PlanStatus,
    PlusAfspraak,
    PlusSoort,
    Regiefrequentie,
    ResultaatBehaald,
    Signaal,
    SignaalSoort,
    SignaalStatus,
    Uitvoerder,
)
from resultaat.toewijzingen.models import (
    Toewijzing,
)
from resultaat.werklijst.models import WerklijstSoort


class OndersteuningMixin(_Basis):
    def na_start(
        self,
        b: _Batch,
        p: _Persoon,
        fase: Fase,
        toewijzing: Toewijzing,
        sleutel: str,
        lev: _Levering,
        groep: str,
        consulent: User | None,
        *,
        beeindigd: bool,
    ) -> None:
        """Ondersteuningsplan, evaluaties, signalen and werklijst items for one toewijzing."""
        rng, v = self.rng, self.vandaag
        if groep == VVR:
            return
        aanbieder_user = self.aanbieder_users.get(sleutel)
        if lev.start is None:
            if self.kans(0.5) and toewijzing.toewijzingsdatum < v:
                self.plan(b, p, toewijzing, groep, 1, self.dag(toewijzing.toewijzingsdatum, v), concept=True)
            return
        start = lev.start
        einde = lev.stops[-1][0] if beeindigd and lev.stops else None
        laatste_dag = einde or v
        opgesteld = max(toewijzing.toewijzingsdatum, start - dt.timedelta(days=rng.randint(0, 10)))
        concept = ((v - start).days < 42 and self.kans(0.5)) or self.kans(0.05)
        plan = self.plan(b, p, toewijzing, groep, 1, opgesteld, concept=concept and einde is None)
        if plan.akkoord_op and (laatste_dag - plan.akkoord_op).days > 240 and self.kans(0.3):
            plan.status = PlanStatus.VERVANGEN
            opgesteld2 = self.dag(
                plan.akkoord_op + dt.timedelta(days=180), laatste_dag - dt.timedelta(days=20)
            )
            plan = self.plan(b, p, toewijzing, groep, 2, opgesteld2, concept=False)
        if (
            einde is None
            and plan.evaluatiedatum
            and v - dt.timedelta(days=14) <= plan.evaluatiedatum <= v + dt.timedelta(days=28)
        ):
            self.werk(
                b,
                p,
                WerklijstSoort.EVALUATIE,
                f"Evaluatie ondersteuningsplan {toewijzing.product.naam} ({toewijzing.aanbieder.naam})"[:300],
                plan.evaluatiedatum,
                plan,
                plan.evaluatiedatum - dt.timedelta(days=28),
                consulent,
            )

        # Evaluaties: a periodic one after half a year, a final one when the result ends as planned.
        if (laatste_dag - start).days > 180 and self.kans(0.5):
            halfjaar = start + dt.timedelta(days=rng.randint(150, 180))
            self.evaluatie(b, toewijzing, min(halfjaar, laatste_dag), consulent)
        if fase == Fase.BEEINDIGD and einde is not None:
            self.evaluatie(
                b,
                toewijzing,
                self.dag(max(start, einde - dt.timedelta(days=14)), einde),
                consulent,
                eind=True,
            )

        # Herindicatie: the result ends within eight weeks and the client still needs it.
        if (
            fase == Fase.GESTART
            and toewijzing.einddatum is not None
            and v < toewijzing.einddatum <= v + dt.timedelta(days=56)
        ):
            self.werk(
                b,
                p,
                WerklijstSoort.HERINDICATIE,
                f"Herindicatie: {toewijzing.product.naam} eindigt op {toewijzing.einddatum:%d-%m-%Y}"[:300],
                toewijzing.einddatum - dt.timedelta(days=14),
                toewijzing,
                toewijzing.einddatum - dt.timedelta(days=56),
                consulent,
            )

        # Signalen from the provider (the Plus: signalering).
        if einde is None and (self.kans(0.14) or (fase == Fase.TIJDELIJK_GESTOPT and self.kans(0.5))):
            for _ in range(rng.choice((1, 1, 1, 2))):
                self.signaal(b, p, toewijzing, fase, start, aanbieder_user, consulent)

    def plan(
        self,
        b: _Batch,
        p: _Persoon,
        toewijzing: Toewijzing,
        groep: str,
        versie: int,
        opgesteld: dt.date,
        *,
        concept: bool,
    ) -> Ondersteuningsplan:
        rng, v = self.rng, self.vandaag
        plan = Ondersteuningsplan(
            toewijzing=toewijzing,
            versie=versie,
            status=PlanStatus.CONCEPT,
            opgesteld_op=opgesteld,
            regiefrequentie=self.gewogen(
                (
                    (Regiefrequentie.HALFJAAR, 55),
                    (Regiefrequentie.JAAR, 25),
                    (Regiefrequentie.KWARTAAL, 15),
                    (Regiefrequentie.MAANDELIJKS, 5),
                )
            ),
            toelichting=(
                f"Opgesteld met {p.aanhef} bij een huisbezoek."
                if versie == 1
                else "Bijgesteld na de evaluatie: doelen aangepast aan de huidige situatie."
            ),
        )
        if not concept:
            plan.status = PlanStatus.AKKOORD
            plan.akkoord_op = min(opgesteld + dt.timedelta(days=rng.randint(0, 14)), v)
            plan.akkoord_wijze = self.gewogen(
                ((AkkoordWijze.HANDTEKENING, 50), (AkkoordWijze.DIGITAAL, 30), (AkkoordWijze.MONDELING, 20))
            )
            maanden = {Regiefrequentie.KWARTAAL: 3, Regiefrequentie.MAANDELIJKS: 3, Regiefrequentie.JAAR: 12}
            plan.evaluatiedatum = plan.akkoord_op + dt.timedelta(
                days=30 * maanden.get(Regiefrequentie(plan.regiefrequentie), 6)
            )
        b.plannen.append(plan)

        opties = DOELEN[groep]
        br = toewijzing.beschikt_resultaat
        subs = self.subresultaten.get(br.resultaat_id if br else 0, [])
        aantal_doelen = min(len(opties), rng.choice((1, 2, 2)))
        for i in sorted(rng.sample(range(len(opties)), aantal_doelen)):
            tekst, activiteiten = opties[i]
            doel = PlanDoel(plan=plan, subresultaat_id=subs[i % len(subs)] if subs else None, doel=tekst)
            b.doelen.append(doel)
            for wat, hoe_vaak, door in rng.sample(
                activiteiten, k=min(len(activiteiten), rng.choice((1, 1, 2)))
            ):
                b.activiteiten.append(
                    PlanActiviteit(doel=doel, wat=wat, hoe_vaak=hoe_vaak, door=Uitvoerder(door))
                )

        soorten = list(PlusSoort)
        # The Plus belongs to Thuisondersteuning (seed 000); other providers add one now and then.
        for soort in rng.sample(soorten, k=rng.choice((1, 1, 1, 2) if groep == HOB else (0, 0, 1))):
            tekst = self.kies(PLUS[soort])
            voorziening = None
            if soort == PlusSoort.VERBINDING:
                voorziening = self.kies(self.kaart[p.gemeente.code])
                tekst = tekst.format(v=voorziening.naam)
            b.plus.append(PlusAfspraak(plan=plan, soort=soort, omschrijving=tekst, voorziening=voorziening))
        return plan

    def evaluatie(
        self, b: _Batch, toewijzing: Toewijzing, datum: dt.date, consulent: User | None, *, eind: bool = False
    ) -> None:
        behaald = self.gewogen(
            (
                (ResultaatBehaald.JA, 70 if eind else 55),
                (ResultaatBehaald.DEELS, 25),
                (ResultaatBehaald.NEE, 8),
            )
        )
        tevreden = self.rng.choices((1, 2, 3, 4, 5), weights=(2, 4, 12, 45, 37))[0]
        if behaald == ResultaatBehaald.NEE:
            tevreden = min(tevreden, 3)
        b.evaluaties.append(
            Evaluatie(
                toewijzing=toewijzing,
                datum=min(datum, self.vandaag),
                resultaat_behaald=behaald,
                moment=EvaluatieMoment.EINDE if eind else EvaluatieMoment.TUSSENTIJDS,
                rol=EvaluatieRol.CONSULENT,
                client_tevreden=tevreden if self.kans(0.9) else None,
                toelichting=self.kies(EVALUATIE_TEKST[ResultaatBehaald(behaald)]),
                uitgevoerd_door=consulent if self.kans(0.6) else None,
            )
        )

    def signaal(
        self,
        b: _Batch,
        p: _Persoon,
        toewijzing: Toewijzing,
        fase: Fase,
        start: dt.date,
        melder: User | None,
        consulent: User | None,
    ) -> None:
        rng, v = self.rng, self.vandaag
        if fase == Fase.TIJDELIJK_GESTOPT:
            soort = SignaalSoort.ACHTERUITGANG
            tekst = "Opgenomen in het ziekenhuis na een val; de ondersteuning is tijdelijk gestopt."
        else:
            soort = self.gewogen(
                (
                    (SignaalSoort.EENZAAMHEID, 25),
                    (SignaalSoort.ACHTERUITGANG, 20),
                    (SignaalSoort.MANTELZORG, 15),
                    (SignaalSoort.GELDZORGEN, 12),
                    (SignaalSoort.BOODSCHAPPEN, 12),
                    (SignaalSoort.ONVEILIG, 8),
                    (SignaalSoort.ANDERS, 8),
                )
            )
            tekst = self.kies(SIGNAAL_TEKST[SignaalSoort(soort)])
        dag = self.dag(max(start, v - dt.timedelta(days=120)), v)
        gemeld = self.moment(dag)
        leeftijd = (v - dag).days
        if leeftijd <= 10:
            status = self.gewogen(((SignaalStatus.NIEUW, 70), (SignaalStatus.IN_BEHANDELING, 30)))
        elif leeftijd <= 40:
            status = self.gewogen(
                (
                    (SignaalStatus.NIEUW, 10),
                    (SignaalStatus.IN_BEHANDELING, 40),
                    (SignaalStatus.AFGEHANDELD, 50),
                )
            )
        else:
            status = self.gewogen(((SignaalStatus.IN_BEHANDELING, 10), (SignaalStatus.AFGEHANDELD, 90)))
        signaal = Signaal(
            client=p.client,
            aanbieder=toewijzing.aanbieder,
            toewijzing=toewijzing,
            soort=soort,
            toelichting=tekst,
            gemeld_op=gemeld,
            gemeld_door=melder,
            status=status,
        )
        afgehandeld: dt.datetime | None = None
        if status != SignaalStatus.NIEUW:
            signaal.opvolging = self.kies(OPVOLGING)
            signaal.opgevolgd_door = consulent
        if status == SignaalStatus.AFGEHANDELD:
            signaal.terugkoppeling = self.kies(TERUGKOPPELING)
        if status == SignaalStatus.AFGEHANDELD:
            afgehandeld = self.moment(min(dag + dt.timedelta(days=rng.randint(2, 30)), v))
            if afgehandeld < gemeld:
                afgehandeld = gemeld + dt.timedelta(hours=2)
            signaal.afgehandeld_op = afgehandeld
        b.signalen.append(signaal)
        self.werk(
            b,
            p,
            WerklijstSoort.SIGNAAL,
            f"Signaal van {toewijzing.aanbieder.naam}: {SignaalSoort(soort).label}"[:300],
            dag + dt.timedelta(days=14),
            signaal,
            dag,
            consulent,
            afgehandeld_op=afgehandeld,
            aangemaakt=gemeld,
        )

"""Settlement scenarios: the cases the payment rules exist for, in a finished period that the demo's
settlement runs then pay, so a financieel user sees each of them settled.

In the gemeente of the ``financieel`` login, in the fifth-last finished four-week period (``P``), through
the same services as the portal, the API and the iWmo intake:

- ``overlijden``: a client dies on day 14 of ``P``; the gemeente ends the toewijzing on the date of
  death (reden 02) and the provider sends the stop (reden 02). Paid pro rata up to and including the
  date of death (the default policy).
- ``tijdelijke_stop``: a temporary stop (reden 20, "opname in het ziekenhuis") on day 6 and the
  restart on day 21. The provider's contract pays 7 days after a temporary stop.
- ``zonder_plan``: a new toewijzing at that provider, started on day 4 without an agreed
  ondersteuningsplan. The contract pays on start plus an agreed plan with a grace term of 28 days:
  the grace days are paid, after them nothing until a plan is agreed.
- ``overstap``: the client switches provider on day 15 (the old toewijzing ends the day before,
  reden 09); each provider is paid its own days.
- ``herindicatie``: a re-indication at the same provider from day 11: the old toewijzing ends the
  day before (reden 04), the new one starts; the two together pay one period, never twice.
- ``budget``: a toewijzing with a budget (TR369/9369 in a 323 is checked against it) and the gemeente's
  budget per product for the year, for the budget page.

The contract policies are data on the contracts (``Betaalbeleid``). Every scenario is skipped when the
demo has no client that fits (a very small demo)."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator
from typing import Any

from django.db.models import Count, Q

from resultaat.accounts.models import Rol, User
from resultaat.bekostiging import services as bk
from resultaat.bekostiging.models import Betaalbeleid, Budget, Grondslag, Periode
from resultaat.catalogus.models import Tarief
from resultaat.clienten.models import Client
from resultaat.contracten.models import Contract, ContractProduct
from resultaat.core.codes import WJ756Eenheid, WMO002RedenWijziging, WMO588RedenBeeindiging
from resultaat.demo.kern import _Basis
from resultaat.ondersteuning.models import Ondersteuningsplan
from resultaat.toewijzingen import services as tw
from resultaat.toewijzingen.models import Levering, Toewijzing, ToewijzingVersie

DAG = dt.timedelta(days=1)
PLAN_TERMIJN = 28
STOP_DAGEN = 7


@contextlib.contextmanager
def _start_gemeld_uit_demo() -> Iterator[None]:
    """The starts carry the demo's report moment (``gemeld_op``), not the real clock: the same seed
    gives the same demo."""
    veld = Levering._meta.get_field("start_gemeld_op")
    veld.auto_now_add = False
    try:
        yield
    finally:
        veld.auto_now_add = True


class ScenarioMixin(_Basis):
    scenarios: dict[str, int]

    def settlement_scenarios(self) -> None:
        self.scenarios = {}
        with _start_gemeld_uit_demo():
            self._scenarios()

    def _scenarios(self) -> None:
        financieel = User.objects.filter(username="financieel").first()
        gemeente = financieel.gemeenten.order_by("code").first() if financieel else None
        consulent = self.consulent(gemeente.code) if gemeente else None
        if gemeente is None or consulent is None:
            return
        for jaar in (self.vandaag.year - 1, self.vandaag.year):
            bk.zoek_periode(gemeente, f"{jaar}-P01")
        perioden = list(
            Periode.objects.filter(
                gemeente=gemeente,
                code__contains="-P",
                eind__lte=self.vandaag,
                begin__gte=self.vandaag - dt.timedelta(days=365),
            ).order_by("begin")
        )
        if len(perioden) < 6:
            return
        p = perioden[-5]
        kandidaten = self._lopend(gemeente, p.begin - dt.timedelta(days=60), perioden[-1].eind)
        self._budgetten(gemeente)
        if not kandidaten:
            return
        # The provider of the first candidate pays on start plus plan, 7 days after a temporary stop.
        plan_aanbieder = kandidaten[0].aanbieder
        for contract in Contract.objects.filter(aanbieder=plan_aanbieder, gemeenten=gemeente):
            Betaalbeleid.objects.update_or_create(
                contract=contract,
                defaults={
                    "grondslag": Grondslag.PLAN,
                    "plan_termijn_dagen": PLAN_TERMIJN,
                    "tijdelijke_stop_dagen": STOP_DAGEN,
                },
            )
        # Under that policy a temporary stop is paid as the contract says only with an agreed plan.
        akkoord = set(
            Ondersteuningsplan.objects.filter(akkoord_op__lt=p.begin).values_list("toewijzing_id", flat=True)
        )
        bij_plan = [t for t in kandidaten if t.aanbieder_id == plan_aanbieder.pk and t.pk in akkoord]
        overig = [t for t in kandidaten if t.aanbieder_id != plan_aanbieder.pk]
        self._probeer_scenario("tijdelijke_stop", self._tijdelijke_stop, bij_plan[:1], p)
        self._probeer_scenario("zonder_plan", self._zonder_plan, [plan_aanbieder], p, gemeente, consulent)
        self._probeer_scenario("overlijden", self._overlijden, overig[:1], p, consulent)
        self._probeer_scenario("overstap", self._overstap, overig[1:2], p, gemeente, consulent)
        self._probeer_scenario("herindicatie", self._herindicatie, overig[2:3], p, consulent)
        self._probeer_scenario("budget", self._budget, overig[3:4], p, consulent)

    def _probeer_scenario(self, naam: str, actie: Any, kandidaten: list[Any], *args: Any) -> None:
        if not kandidaten:
            return
        self.scenarios[naam] = actie(kandidaten[0], *args)
        self.portaal_acties[f"afrekenscenario {naam.replace('_', ' ')}"] += 1

    def _lopend(self, gemeente: Any, gestart_voor: dt.date, tot: dt.date) -> list[Toewijzing]:
        """Toewijzingen in care since before ``gestart_voor`` without any stop, running past ``tot``, of
        living clients with no other toewijzing, at a provider with a portal login: the clients the
        scenarios change."""
        enkel = (
            Client.objects.filter(gemeente=gemeente, overlijdensdatum__isnull=True)
            .annotate(n=Count("toewijzingen"))
            .filter(n=1)
            .values("pk")
        )
        gestopt = Levering.objects.filter(einddatum__isnull=False).values("toewijzing_id")
        met_login = User.objects.filter(rol=Rol.AANBIEDER, aanbieder__isnull=False).values("aanbieder_id")
        return list(
            Toewijzing.objects.filter(
                gemeente=gemeente,
                client__in=enkel,
                aanbieder__in=met_login,
                leveringen__begindatum__lt=gestart_voor,
                leveringen__verwijderd=False,
            )
            .filter(Q(einddatum__isnull=True) | Q(einddatum__gt=tot))
            .exclude(pk__in=gestopt)
            .select_related("client", "aanbieder", "product")
            .order_by("aanbieder__agb_code", "nummer")
            .distinct()
        )

    def _aanbieder_user(self, aanbieder: Any) -> Any:
        return User.objects.filter(rol=Rol.AANBIEDER, aanbieder=aanbieder).order_by("username").first()

    def _tijdelijke_stop(self, t: Toewijzing, p: Periode) -> int:
        door = self._aanbieder_user(t.aanbieder)
        tw.meld_stop(
            door=door,
            toewijzing=t,
            einddatum=p.begin + 5 * DAG,
            reden=WMO588RedenBeeindiging.TIJDELIJK,
            toelichting="Opname in het ziekenhuis",
            gemeld_op=self.moment(p.begin + 6 * DAG),
        )
        tw.meld_start(
            door=door,
            toewijzing=t,
            begindatum=p.begin + 20 * DAG,
            hervatting=True,
            gemeld_op=self.moment(p.begin + 20 * DAG),
        )
        return t.pk

    def _zonder_plan(self, aanbieder: Any, p: Periode, gemeente: Any, consulent: User) -> int:
        """A client of the gemeente without any toewijzing gets one at the plan provider, which starts
        on day 4; no plan is agreed."""
        client = (
            Client.objects.filter(gemeente=gemeente, overlijdensdatum__isnull=True, toewijzingen__isnull=True)
            .order_by("pk")
            .first()
        )
        contractproduct = (
            ContractProduct.objects.filter(contract__aanbieder=aanbieder, contract__gemeenten=gemeente)
            .select_related("product")
            .order_by("product__code")
            .first()
        )
        if client is None or contractproduct is None:
            return 0
        nieuw = tw.maak_toewijzing(
            door=consulent,
            client=client,
            aanbieder=aanbieder,
            product=contractproduct.product,
            ingangsdatum=p.begin + 3 * DAG,
            moment=self.moment(p.begin - 7 * DAG),
        )
        tw.meld_start(
            door=self._aanbieder_user(aanbieder),
            toewijzing=nieuw,
            begindatum=p.begin + 3 * DAG,
            gemeld_op=self.moment(p.begin + 4 * DAG),
        )
        return nieuw.pk

    def _overlijden(self, t: Toewijzing, p: Periode, consulent: User) -> int:
        overleden = p.begin + 13 * DAG
        Client.objects.filter(pk=t.client_id).update(overlijdensdatum=overleden)
        tw.wijzig_einddatum(
            door=consulent,
            toewijzing=t,
            einddatum=overleden,
            reden=WMO002RedenWijziging.OVERLEDEN,
            moment=self.moment(overleden + 3 * DAG),
        )
        tw.meld_stop(
            door=self._aanbieder_user(t.aanbieder),
            toewijzing=t,
            einddatum=overleden,
            reden=WMO588RedenBeeindiging.OVERLIJDEN,
            gemeld_op=self.moment(overleden + 2 * DAG),
        )
        return t.pk

    def _overstap(self, t: Toewijzing, p: Periode, gemeente: Any, consulent: User) -> int:
        met_login = User.objects.filter(rol=Rol.AANBIEDER, aanbieder__isnull=False).values("aanbieder_id")
        nieuwe = (
            ContractProduct.objects.filter(
                product=t.product, contract__gemeenten=gemeente, contract__aanbieder__in=met_login
            )
            .exclude(contract__aanbieder=t.aanbieder)
            .select_related("contract__aanbieder")
            .order_by("contract__aanbieder__agb_code")
            .first()
        )
        if nieuwe is None:
            return 0
        opvolger = tw.wissel_aanbieder(
            door=consulent,
            toewijzing=t,
            nieuwe_aanbieder=nieuwe.contract.aanbieder,
            per=p.begin + 14 * DAG,
            moment=self.moment(p.begin + 7 * DAG),
        )
        tw.meld_stop(
            door=self._aanbieder_user(t.aanbieder),
            toewijzing=t,
            einddatum=p.begin + 13 * DAG,
            reden=WMO588RedenBeeindiging.OVERSTAP_AANBIEDER,
            gemeld_op=self.moment(p.begin + 14 * DAG),
        )
        tw.meld_start(
            door=self._aanbieder_user(opvolger.aanbieder),
            toewijzing=opvolger,
            begindatum=p.begin + 14 * DAG,
            gemeld_op=self.moment(p.begin + 15 * DAG),
        )
        return t.pk

    def _herindicatie(self, t: Toewijzing, p: Periode, consulent: User) -> int:
        nieuw_per = p.begin + 10 * DAG
        tw.wijzig_einddatum(
            door=consulent,
            toewijzing=t,
            einddatum=nieuw_per - DAG,
            reden=WMO002RedenWijziging.HERBEOORDELING_VERKORTING,
            moment=self.moment(nieuw_per - 14 * DAG),
        )
        door = self._aanbieder_user(t.aanbieder)
        tw.meld_stop(
            door=door,
            toewijzing=t,
            einddatum=nieuw_per - DAG,
            reden=WMO588RedenBeeindiging.DOOR_GEMEENTE,
            gemeld_op=self.moment(nieuw_per),
        )
        nieuw = tw.maak_toewijzing(
            door=consulent,
            client=t.client,
            aanbieder=t.aanbieder,
            product=t.product,
            ingangsdatum=nieuw_per,
            beschikt_resultaat=t.beschikt_resultaat,
            moment=self.moment(nieuw_per - 14 * DAG),
        )
        tw.meld_start(door=door, toewijzing=nieuw, begindatum=nieuw_per, gemeld_op=self.moment(nieuw_per))
        return t.pk

    def _budget(self, t: Toewijzing, p: Periode, consulent: User) -> int:
        """A budget in euros instead of an amount (iWmo: Budget, unit 83) for three periods of the
        product's tariff: what the 323s may claim in total (TR369, 9369)."""
        tarief = Tarief.objects.geldig_op(p.begin).filter(product=t.product).order_by("-geldig_van").first()
        budget = (tarief.bedrag_cent if tarief else 25_000) * 3
        termen = {"budget_cent": budget, "volume": None, "eenheid": WJ756Eenheid.EUROS, "frequentie": ""}
        # Decided with the toewijzing: the row and its latest version (back-dated history, as the bulk
        # part writes it).
        Toewijzing.objects.filter(pk=t.pk).update(**termen)
        laatste = t.huidige_versie()
        if laatste is not None:
            ToewijzingVersie.objects.filter(pk=laatste.pk).update(**termen)
        return t.pk

    def _budgetten(self, gemeente: Any) -> None:
        """The gemeente's budget per product in use, for this year: 13 periods of its tariff for every
        client in care now, plus a tenth."""
        jaar = self.vandaag.year
        in_zorg = (
            Toewijzing.objects.filter(gemeente=gemeente)
            .lopend_op(self.vandaag)
            .values("product")
            .annotate(n=Count("pk"))
        )
        for rij in in_zorg:
            tarief = (
                Tarief.objects.geldig_op(self.vandaag)
                .filter(product_id=rij["product"])
                .order_by("-geldig_van")
                .first()
            )
            if tarief is None:
                continue
            Budget.objects.update_or_create(
                gemeente=gemeente,
                jaar=jaar,
                product_id=rij["product"],
                defaults={"bedrag_cent": tarief.bedrag_cent * 13 * rij["n"] * 11 // 10},
            )

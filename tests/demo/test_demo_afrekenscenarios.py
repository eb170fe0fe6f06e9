"""The demo's settlement scenarios (resultaat.demo.scenarios): each is present in a finished period and
the approved runs paid it as the rules say, figured here by hand from the dates and the tariff."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db.models import Sum

from resultaat.bekostiging.models import (
    Afrekenconflict,
    Afrekenregel,
    Afrekenrun,
    Budget,
    Periode,
    RunStatus,
)
from resultaat.catalogus.models import Tarief
from resultaat.demo.generator import genereer_demo
from resultaat.demo.scenarios import PLAN_TERMIJN, STOP_DAGEN
from resultaat.toewijzingen.models import Levering, Toewijzing

VANDAAG = dt.date(2026, 11, 22)
DAG = dt.timedelta(days=1)


@pytest.fixture(autouse=True)
def snel_wachtwoord(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def demo(db):
    return genereer_demo(clienten=150, seed=1, vandaag=VANDAAG)


def _periode(t: Toewijzing, dag: dt.date) -> Periode:
    return Periode.objects.get(gemeente=t.gemeente, code__contains="-P", begin__lte=dag, eind__gt=dag)


def _betaald(t: Toewijzing, p: Periode) -> int:
    return Afrekenregel.objects.filter(toewijzing=t, periode=p).aggregate(s=Sum("bedrag_cent"))["s"] or 0


def _pro_rata(t: Toewijzing, p: Periode, dagen: int) -> int:
    tarief = Tarief.objects.geldig_op(p.begin).filter(product=t.product).order_by("-geldig_van").first()
    pd = (p.eind - p.begin).days
    return (tarief.bedrag_cent * dagen * 2 + pd) // (2 * pd)


def test_every_scenario_is_in_the_demo_and_its_period_was_settled_and_approved(demo):
    assert set(demo.scenarios) == {
        "overlijden",
        "tijdelijke_stop",
        "zonder_plan",
        "overstap",
        "herindicatie",
        "budget",
    }
    for naam, pk in demo.scenarios.items():
        t = Toewijzing.objects.get(pk=pk)
        eerste = Levering.objects.filter(toewijzing=t).order_by("begindatum").first()
        p = _periode(t, max(eerste.begindatum, VANDAAG - dt.timedelta(days=140)))
        assert Afrekenrun.objects.filter(periode=p, status=RunStatus.GOEDGEKEURD).exists(), naam


def test_a_death_mid_period_ends_the_toewijzing_and_pays_up_to_the_date_of_death(demo):
    t = Toewijzing.objects.select_related("client").get(pk=demo.scenarios["overlijden"])
    dood = t.client.overlijdensdatum
    assert t.einddatum == dood and t.reden_wijziging == "02"
    assert Levering.objects.get(toewijzing=t).reden_beeindiging == "02"
    p = _periode(t, dood)
    assert _betaald(t, p) == _pro_rata(t, p, (dood - p.begin).days + 1)
    volgende = Periode.objects.get(gemeente=t.gemeente, begin=p.eind)
    assert _betaald(t, volgende) == 0


def test_a_temporary_stop_pays_the_contracts_stop_days_and_resumes(demo):
    t = Toewijzing.objects.get(pk=demo.scenarios["tijdelijke_stop"])
    stop, hervat = Levering.objects.filter(toewijzing=t).order_by("begindatum")
    assert stop.reden_beeindiging == "20" and stop.toelichting == "Opname in het ziekenhuis"
    assert hervat.einddatum is None
    p = _periode(t, stop.einddatum)
    # In care up to the stop, the contract's 7 days after it, and again from the restart.
    in_zorg = (stop.einddatum - p.begin).days + 1 + STOP_DAGEN + (p.eind - hervat.begindatum).days
    assert _betaald(t, p) == _pro_rata(t, p, in_zorg)


def test_a_start_without_an_agreed_plan_is_paid_for_the_grace_term_only(demo):
    t = Toewijzing.objects.get(pk=demo.scenarios["zonder_plan"])
    start = Levering.objects.get(toewijzing=t).begindatum
    p = _periode(t, start)
    volgende = Periode.objects.get(gemeente=t.gemeente, begin=p.eind)
    daarna = Periode.objects.get(gemeente=t.gemeente, begin=volgende.eind)
    laatste_dag = start + (PLAN_TERMIJN - 1) * DAG
    assert _betaald(t, p) == _pro_rata(t, p, (p.eind - start).days)
    assert _betaald(t, volgende) == _pro_rata(t, volgende, (laatste_dag - volgende.begin).days + 1)
    assert _betaald(t, daarna) == 0  # held: no agreed plan after the grace term
    regels = Afrekenregel.objects.filter(toewijzing=t)
    assert regels.exists() and all(r.grondslag == "plan" for r in regels)


def test_a_switch_mid_period_pays_each_provider_its_own_days(demo):
    oud = Toewijzing.objects.get(pk=demo.scenarios["overstap"])
    nieuw = Toewijzing.objects.get(voorganger=oud)
    assert nieuw.aanbieder_id != oud.aanbieder_id and nieuw.ingangsdatum == oud.einddatum + DAG
    p = _periode(oud, nieuw.ingangsdatum)
    oud_dagen = (oud.einddatum - p.begin).days + 1
    assert _betaald(oud, p) == _pro_rata(oud, p, oud_dagen)
    assert _betaald(nieuw, p) == _pro_rata(nieuw, p, (p.eind - p.begin).days - oud_dagen)


def test_a_re_indication_mid_period_pays_the_period_once(demo):
    oud = Toewijzing.objects.get(pk=demo.scenarios["herindicatie"])
    assert oud.reden_wijziging == "05"
    nieuw = Toewijzing.objects.get(client=oud.client, ingangsdatum=oud.einddatum + DAG)
    assert nieuw.aanbieder_id == oud.aanbieder_id and nieuw.ingangsdatum == oud.einddatum + DAG
    p = _periode(oud, nieuw.ingangsdatum)
    oud_dagen = (oud.einddatum - p.begin).days + 1
    assert _betaald(oud, p) == _pro_rata(oud, p, oud_dagen)
    assert _betaald(nieuw, p) == _pro_rata(nieuw, p, (p.eind - p.begin).days - oud_dagen)
    assert not Afrekenconflict.objects.filter(toewijzing__in=[oud, nieuw]).exists()


def test_a_toewijzing_with_a_budget_and_the_gemeentes_budgets(demo):
    t = Toewijzing.objects.get(pk=demo.scenarios["budget"])
    assert t.budget_cent and t.budget_cent > 0
    assert t.huidige_versie().termen() == t.termen()
    assert Budget.objects.filter(gemeente=t.gemeente, jaar=VANDAAG.year).exists()

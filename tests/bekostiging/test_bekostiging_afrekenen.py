"""Settlement runs: what a finance officer sees per period, policy by policy."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from resultaat.bekostiging import services as bk
from resultaat.bekostiging.models import Afrekenregel, Afrekenrun, Betaalbatch, RegelSoort
from resultaat.catalogus.models import Tarief
from resultaat.core.audit.models import AuditEvent
from resultaat.core.codes import WMO588RedenBeeindiging
from resultaat.toewijzingen import services as tw
from resultaat.toewijzingen.models import Levering
from tests.bekostiging.helpers import D, maak_wereld

pytestmark = pytest.mark.django_db


def later():
    return timezone.now() + dt.timedelta(hours=1)


def regels(run):
    return list(Afrekenregel.objects.filter(run=run).order_by("toewijzing_id", "periode__begin"))


def test_calendar_has_13_cak_periods_and_the_13th_runs_to_year_end(db):
    w = maak_wereld()
    kalender = bk.genereer_kalender(w.gemeente, 2017)
    perioden = list(kalender.perioden.order_by("nummer"))
    assert [p.code for p in perioden][:2] == ["2017-P01", "2017-P02"]
    assert len(perioden) == 13
    assert (perioden[0].begin, perioden[0].eind) == (D(2017, 1, 1), D(2017, 1, 29))
    assert perioden[-1].eind == D(2018, 1, 1) and perioden[-1].dagen == 29
    maanden = bk.genereer_kalender(w.gemeente, 2018, "maand")
    assert [p.code for p in maanden.perioden.order_by("nummer")][1] == "2018-02"
    assert bk.zoek_periode(w.gemeente, "2018-02").dagen == 28


def test_seed_000_a_whole_cak_period_of_thuisondersteuning_in_2017_is_paid_216_euros(db):
    w = maak_wereld()
    t = w.toewijzing(D(2017, 1, 1))
    p = bk.zoek_periode(w.gemeente, "2017-P02")
    res = bk.afrekenen(gemeente=w.gemeente, periode=p, door=w.fenna)
    [r] = regels(res.run)
    assert (r.toewijzing_id, r.bedrag_cent, r.regel, r.dagen, r.tarief_cent) == (
        t.pk,
        21600,
        "volledig",
        28,
        21600,
    )
    assert res.totaal_cent == 21600
    assert "€ 216,00" in r.toelichting and "28 van 28 dagen" in r.toelichting
    assert bk.verschuldigd(t, p).bedrag_cent == 21600


def test_pro_rata_pays_the_days_in_care(db):
    w = maak_wereld(deelperiode="pro_rata")
    t = w.toewijzing(D(2017, 2, 12))  # P02 is 29-01 .. 25-02: 14 of 28 days
    res = bk.afrekenen(gemeente=w.gemeente, periode=bk.zoek_periode(w.gemeente, "2017-P02"), door=w.fenna)
    [r] = regels(res.run)
    assert (r.toewijzing_id, r.dagen, r.bedrag_cent, r.regel) == (t.pk, 14, 10800, "pro_rata")
    assert (r.eerste_dag, r.laatste_dag) == (D(2017, 2, 12), D(2017, 2, 25))


@pytest.mark.parametrize(
    ("start", "bedrag", "regel"), [(D(2017, 2, 5), 21600, "peildag_ja"), (D(2017, 2, 6), 0, None)]
)
def test_peildag_pays_the_full_amount_only_when_in_care_on_that_day(db, start, bedrag, regel):
    w = maak_wereld(deelperiode="peildag", peildag=8)  # day 8 of P02 is 05-02-2017
    t = w.toewijzing(start)
    res = bk.afrekenen(gemeente=w.gemeente, periode=bk.zoek_periode(w.gemeente, "2017-P02"), door=w.fenna)
    assert res.totaal_cent == bedrag
    assert bk.verschuldigd(t, bk.zoek_periode(w.gemeente, "2017-P02")).regel == (regel or "peildag_nee")


def test_nothing_for_a_partial_period_when_the_policy_says_so(db):
    w = maak_wereld(deelperiode="niets")
    heel = w.toewijzing(D(2017, 1, 29))
    deel = w.toewijzing(D(2017, 1, 30))
    p = bk.zoek_periode(w.gemeente, "2017-P02")
    res = bk.afrekenen(gemeente=w.gemeente, periode=p, door=w.fenna)
    assert [(r.toewijzing_id, r.bedrag_cent) for r in regels(res.run)] == [(heel.pk, 21600)]
    assert bk.verschuldigd(deel, p).regel == "deel_niets"


def test_no_start_reported_means_nothing_is_paid_until_the_start_arrives(db):
    w = maak_wereld()
    t = w.toewijzing(None)
    p = bk.zoek_periode(w.gemeente, "2017-P02")
    res = bk.afrekenen(gemeente=w.gemeente, periode=p, door=w.fenna)
    assert res.run is not None and res.regels == 0  # the period is settled, with nothing to pay
    again = bk.afrekenen(gemeente=w.gemeente, periode=p, door=w.fenna)
    assert again.run is None and "Niets toe te voegen" in again.melding
    # The start arrives late: the next run pays P02 after all.
    tw.meld_start(door=w.fenna, toewijzing=t, begindatum=D(2017, 1, 1))
    res = bk.afrekenen(gemeente=w.gemeente, periode=bk.zoek_periode(w.gemeente, "2017-P03"), door=w.fenna)
    assert sorted((r.periode.code, r.soort, r.bedrag_cent) for r in regels(res.run)) == [
        ("2017-P02", "normaal", 21600),
        ("2017-P03", "normaal", 21600),
    ]


def test_temporary_stop_is_paid_for_n_days_then_not(db):
    w = maak_wereld(tijdelijke_stop_dagen=7)
    t = w.toewijzing(D(2017, 1, 1))
    # Hospital admission: last day of care 04-02; 7 more days paid (to 11-02); P02 has 28 days.
    tw.meld_stop(door=w.fenna, toewijzing=t, einddatum=D(2017, 2, 4), reden=WMO588RedenBeeindiging.TIJDELIJK)
    v = bk.verschuldigd(t, bk.zoek_periode(w.gemeente, "2017-P02"))
    assert (v.dagen, v.laatste_dag) == (14, D(2017, 2, 11))
    assert v.bedrag_cent == 10800
    # Resumed on 08-02: from then on paid again, no double days.
    tw.meld_start(door=w.fenna, toewijzing=t, begindatum=D(2017, 2, 8))
    v = bk.verschuldigd(t, bk.zoek_periode(w.gemeente, "2017-P02"))
    assert v.dagen == 28 and v.bedrag_cent == 21600


def test_death_pays_until_the_date_of_death(db):
    w = maak_wereld()
    t = w.toewijzing(D(2017, 1, 1))
    t.client.overlijdensdatum = D(2017, 2, 4)  # day 7 of P02
    t.client.save()
    v = bk.verschuldigd(t, bk.zoek_periode(w.gemeente, "2017-P02"))
    assert (v.dagen, v.bedrag_cent, v.laatste_dag) == (7, 5400, D(2017, 2, 4))


def test_death_can_complete_the_period_when_the_policy_says_so(db):
    w = maak_wereld(overlijden="periode_af")
    t = w.toewijzing(D(2017, 1, 1))
    t.client.overlijdensdatum = D(2017, 2, 4)
    t.client.save()
    v = bk.verschuldigd(t, bk.zoek_periode(w.gemeente, "2017-P02"))
    assert (v.regel, v.bedrag_cent) == ("overlijden_vol", 21600)
    assert bk.verschuldigd(t, bk.zoek_periode(w.gemeente, "2017-P03")).bedrag_cent == 0


@pytest.mark.parametrize(
    ("overstap", "oud", "nieuw"),
    [("deelperiode", 10800, 10800), ("oude", 21600, 0), ("nieuwe", 0, 21600), ("beide", 21600, 21600)],
)
def test_provider_switch_within_a_period(db, overstap, oud, nieuw):
    w = maak_wereld(overstap=overstap)
    t = w.toewijzing(D(2017, 1, 1))
    opvolger = tw.wissel_aanbieder(
        door=w.fenna, toewijzing=t, nieuwe_aanbieder=w.zuid, per=D(2017, 2, 12), moment=later()
    )
    tw.meld_start(door=w.fenna, toewijzing=opvolger, begindatum=D(2017, 2, 12))
    p = bk.zoek_periode(w.gemeente, "2017-P02")
    res = bk.afrekenen(gemeente=w.gemeente, periode=p, door=w.fenna)
    per_aanbieder = {s.aanbieder: s.totaal_cent for s in res.per_aanbieder}
    assert per_aanbieder.get("Thuiszorg Noord", 0) == oud
    assert per_aanbieder.get("Zorg Zuid", 0) == nieuw
    if overstap != "beide":
        assert oud + nieuw == 21600  # never both the full amount


def test_a_late_stop_becomes_a_credit_line_in_the_next_run_and_past_runs_stay(db):
    w = maak_wereld()
    t = w.toewijzing(D(2017, 1, 1))
    run1 = bk.afrekenen(
        gemeente=w.gemeente, periode=bk.zoek_periode(w.gemeente, "2017-P02"), door=w.fenna
    ).run
    # After P02 was paid, the provider reports that care stopped on 11-02 (day 14 of P02).
    tw.meld_stop(
        door=w.fenna, toewijzing=t, einddatum=D(2017, 2, 11), reden=WMO588RedenBeeindiging.VOLGENS_PLAN
    )
    res = bk.afrekenen(gemeente=w.gemeente, periode=bk.zoek_periode(w.gemeente, "2017-P03"), door=w.fenna)
    [credit] = regels(res.run)
    assert (credit.periode.code, credit.soort, credit.bedrag_cent) == (
        "2017-P02",
        RegelSoort.CORRECTIE,
        -10800,
    )
    assert "eerder betaald € 216,00" in credit.toelichting
    assert [r.bedrag_cent for r in regels(run1)] == [21600]  # the past run is untouched
    # Settling again adds nothing.
    again = bk.afrekenen(gemeente=w.gemeente, periode=bk.zoek_periode(w.gemeente, "2017-P03"), door=w.fenna)
    assert again.run is None and Afrekenrun.objects.count() == 2


def test_a_tariff_change_after_settlement_gives_a_debit_line(db):
    w = maak_wereld()
    w.toewijzing(D(2017, 1, 1))
    bk.afrekenen(gemeente=w.gemeente, periode=bk.zoek_periode(w.gemeente, "2017-P02"), door=w.fenna)
    Tarief.objects.filter(product=w.product).update(bedrag_cent=22000)
    res = bk.afrekenen(gemeente=w.gemeente, periode=bk.zoek_periode(w.gemeente, "2017-P03"), door=w.fenna)
    assert sorted((r.periode.code, r.soort, r.bedrag_cent) for r in regels(res.run)) == [
        ("2017-P02", "correctie", 400),
        ("2017-P03", "normaal", 22000),
    ]


def test_a_crash_in_the_middle_leaves_no_partial_run(db, monkeypatch):
    w = maak_wereld()
    w.toewijzing(D(2017, 1, 1))

    def kapot(*args, **kwargs):
        raise RuntimeError("stroom uitgevallen")

    monkeypatch.setattr(bk, "_samenvatting", kapot)
    with pytest.raises(RuntimeError):
        bk.afrekenen(gemeente=w.gemeente, periode=bk.zoek_periode(w.gemeente, "2017-P02"), door=w.fenna)
    assert not Afrekenrun.objects.exists() and not Afrekenregel.objects.exists()


def test_approval_by_a_second_person_makes_batches_per_provider(db):
    w = maak_wereld()
    w.toewijzing(D(2017, 1, 1))
    w.toewijzing(D(2017, 1, 1), aanbieder=w.zuid)
    w.toewijzing(D(2017, 1, 1), aanbieder=w.zuid)
    run = bk.afrekenen(gemeente=w.gemeente, periode=bk.zoek_periode(w.gemeente, "2017-P02"), door=w.fenna).run
    assert AuditEvent.objects.filter(object_id=str(run.pk), actor_naam="fenna").exists()
    with pytest.raises(ValidationError, match="iemand anders"):
        bk.keur_goed(run=run, door=w.fenna)
    assert not Betaalbatch.objects.exists()
    bk.keur_goed(run=run, door=w.frank)
    batches = {b.aanbieder.naam: (b.aantal_clienten, b.totaal_cent) for b in Betaalbatch.objects.all()}
    assert batches == {"Thuiszorg Noord": (1, 21600), "Zorg Zuid": (2, 43200)}
    with pytest.raises(ValidationError, match="al goedgekeurd"):
        bk.keur_goed(run=run, door=w.frank)


def test_settle_command_prints_lines_clients_and_euros_per_provider(db, capsys):
    w = maak_wereld()
    w.toewijzing(D(2017, 1, 1))
    w.toewijzing(D(2017, 2, 12), aanbieder=w.zuid)
    call_command("settle", "--gemeente", "0361", "--period", "2017-P02", "--door", "fenna", "--dry-run")
    out = capsys.readouterr().out
    assert "Thuiszorg Noord: 1 regels, 1 cliënten, € 216,00" in out
    assert "Zorg Zuid: 1 regels, 1 cliënten, € 108,00" in out
    assert "Proefrun" in out and not Afrekenrun.objects.exists()
    call_command("settle", "--gemeente", "0361", "--period", "2017-P02", "--door", "fenna")
    assert "totaal € 324,00" in capsys.readouterr().out
    assert Afrekenrun.objects.count() == 1


def test_a_month_of_a_323_declaration_on_a_four_week_calendar(db):
    w = maak_wereld()
    t = w.toewijzing(D(2017, 1, 1))
    v = bk.verschuldigd(t, (D(2017, 3, 1), D(2017, 4, 1)))
    # A calendar month is 13/12 of a four-week tariff (EUR 216 -> EUR 234), whatever its number of days.
    assert (v.dagen, v.regel, v.tarief_cent, v.bedrag_cent) == (31, "volledig", 23400, 23400)
    assert isinstance(v.begin, dt.date)


@pytest.mark.parametrize("overstap", ["oude", "nieuwe", "deelperiode"])
def test_two_switches_in_one_period_never_pay_the_full_amount_twice(db, overstap):
    """Found by the property test: A to B on 27-02 and B to C on 28-02, all within P03."""
    w = maak_wereld(overstap=overstap)
    a = w.toewijzing(D(2017, 1, 1))
    b = tw.wissel_aanbieder(
        door=w.fenna, toewijzing=a, nieuwe_aanbieder=w.zuid, per=D(2017, 2, 27), moment=later()
    )
    tw.meld_start(door=w.fenna, toewijzing=b, begindatum=D(2017, 2, 27))
    c = tw.wissel_aanbieder(
        door=w.fenna,
        toewijzing=b,
        nieuwe_aanbieder=w.noord,
        per=D(2017, 2, 28),
        moment=later() + dt.timedelta(minutes=1),
    )
    tw.meld_start(door=w.fenna, toewijzing=c, begindatum=D(2017, 2, 28))
    res = bk.afrekenen(gemeente=w.gemeente, periode=bk.zoek_periode(w.gemeente, "2017-P03"), door=w.fenna)
    assert abs(res.totaal_cent - 21600) <= 2  # pro-rata shares are rounded one by one


@pytest.mark.parametrize(("deelperiode", "bedrag"), [("peildag", 21600), ("pro_rata", 43200), ("niets", 0)])
def test_a_start_recorded_twice_is_settled_by_the_rules_not_as_two_whole_periods(db, deelperiode, bedrag):
    # Two open leveringen of one toewijzing over the whole period (a start recorded twice): the run
    # counts 56 days in a period of 28, as the rules always did, and never pays two lines of 216 euros
    # because each levering alone would fill the period.
    w = maak_wereld(deelperiode=deelperiode)
    t = w.toewijzing(D(2017, 1, 1))
    Levering.objects.create(toewijzing=t, begindatum=D(2017, 1, 1))
    p = bk.zoek_periode(w.gemeente, "2017-P02")
    res = bk.afrekenen(gemeente=w.gemeente, periode=p, door=w.fenna)
    assert [(r.toewijzing_id, r.dagen, r.bedrag_cent) for r in regels(res.run)] == (
        [(t.pk, 56, bedrag)] if bedrag else []
    )
    assert bk.verschuldigd(t, p).bedrag_cent == bedrag

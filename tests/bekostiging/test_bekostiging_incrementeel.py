"""A run recomputes earlier periods only for what changed; a control recomputes all and proves it equal."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from resultaat.bekostiging import services as bk
from resultaat.bekostiging.models import Afrekenregel, Runwijziging
from resultaat.catalogus.models import Tarief
from resultaat.core.audit.models import Actie, record_inzage
from resultaat.core.codes import WMO588RedenBeeindiging
from resultaat.toewijzingen import services as tw
from tests.bekostiging.helpers import D, maak_wereld

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _zonder_marge(monkeypatch):
    """No margin: a run looks for changes from the moment the previous run began (in production an hour
    earlier, for transactions that were still open then)."""
    monkeypatch.setattr(bk, "WIJZIGING_MARGE", dt.timedelta(0))


def test_a_late_stop_is_corrected_by_recomputing_only_that_client(db):
    w = maak_wereld()
    t = [w.toewijzing(D(2017, 1, 1)) for _ in range(3)]
    for code in ("2017-P01", "2017-P02"):
        bk.afrekenen(gemeente=w.gemeente, periode=bk.zoek_periode(w.gemeente, code), door=w.fenna)
    tw.meld_stop(
        door=w.fenna, toewijzing=t[1], einddatum=D(2017, 1, 14), reden=WMO588RedenBeeindiging.VOLGENS_PLAN
    )
    res = bk.afrekenen(gemeente=w.gemeente, periode=bk.zoek_periode(w.gemeente, "2017-P03"), door=w.fenna)
    assert not res.run.volledig
    assert set(Runwijziging.objects.filter(run=res.run).values_list("client_id", flat=True)) == {
        t[1].client_id
    }
    correcties = {
        (r.toewijzing_id, r.periode.code): r.bedrag_cent
        for r in Afrekenregel.objects.filter(run=res.run, soort="correctie")
    }
    assert correcties == {(t[1].pk, "2017-P01"): -10800, (t[1].pk, "2017-P02"): -21600}


def test_reading_searching_exporting_or_printing_a_client_is_no_change_for_the_next_run(db):
    w = maak_wereld()
    t = [w.toewijzing(D(2017, 1, 1)) for _ in range(3)]
    for code in ("2017-P01", "2017-P02"):
        bk.afrekenen(gemeente=w.gemeente, periode=bk.zoek_periode(w.gemeente, code), door=w.fenna)
    for actie in (Actie.GELEZEN, Actie.GEZOCHT, Actie.GEEXPORTEERD, Actie.AFGEDRUKT):
        record_inzage([t[0].client], actie)
    tw.meld_stop(
        door=w.fenna, toewijzing=t[1], einddatum=D(2017, 1, 14), reden=WMO588RedenBeeindiging.VOLGENS_PLAN
    )
    res = bk.afrekenen(gemeente=w.gemeente, periode=bk.zoek_periode(w.gemeente, "2017-P03"), door=w.fenna)
    # Only the stopped client is recomputed; the one who was only looked at is not.
    assert set(Runwijziging.objects.filter(run=res.run).values_list("client_id", flat=True)) == {
        t[1].client_id
    }


def test_a_tariff_change_recomputes_the_periods_it_touches_in_full(db):
    w = maak_wereld(deelperiode="pro_rata")
    t = w.toewijzing(D(2017, 1, 1))
    for code in ("2017-P01", "2017-P02"):
        bk.afrekenen(gemeente=w.gemeente, periode=bk.zoek_periode(w.gemeente, code), door=w.fenna)
    Tarief.objects.filter(product=w.product, geldig_van__lte=D(2017, 1, 1)).update(bedrag_cent=22000)
    res = bk.afrekenen(gemeente=w.gemeente, periode=bk.zoek_periode(w.gemeente, "2017-P03"), door=w.fenna)
    assert res.run.volledig  # both earlier periods have other reference data now
    assert Afrekenregel.objects.get(run=res.run, toewijzing=t, periode__code="2017-P01").bedrag_cent == 400


def test_the_control_recomputes_everything_and_reports_equal_or_a_difference(db, capsys):
    w = maak_wereld()
    t = w.toewijzing(D(2017, 1, 1))
    for code in ("2017-P01", "2017-P02"):
        bk.afrekenen(gemeente=w.gemeente, periode=bk.zoek_periode(w.gemeente, code), door=w.fenna)
    call_command("settle", "--gemeente", "0361", "--period", "2017-P03", "--door", "frank", "--controle")
    out = capsys.readouterr().out
    assert "incrementeel: 1 regels" in out and "volledig opnieuw: 1 regels" in out and "Gelijk" in out
    # A change written past the services (no audit trail) is invisible to the incremental run: the
    # control finds it.
    with connection.cursor() as cur:
        cur.execute(
            "UPDATE toewijzingen_levering SET einddatum = %s, reden_beeindiging = '02' "
            "WHERE toewijzing_id = %s",
            [D(2017, 1, 14), t.pk],
        )
    with pytest.raises(CommandError, match="wijkt af"):
        call_command("settle", "--gemeente", "0361", "--period", "2017-P03", "--door", "frank", "--controle")


def test_an_incremental_run_still_holds_an_unresolved_overlap_of_an_unchanged_client(db):
    # Settled, then a re-indication at the other provider while the old toewijzing runs on: the next
    # run holds both for P01 and P02. Nothing changes after that, yet the overlap is not resolved: the
    # run after it still holds and lists both for P01 and P02, as a full run does.
    w = maak_wereld()
    oud = w.toewijzing(D(2017, 1, 1))
    bk.afrekenen(gemeente=w.gemeente, periode=bk.zoek_periode(w.gemeente, "2017-P01"), door=w.fenna)
    nieuw = w.toewijzing(D(2017, 1, 2), ingang=D(2017, 1, 2), aanbieder=w.zuid, client=oud.client)
    bk.afrekenen(gemeente=w.gemeente, periode=bk.zoek_periode(w.gemeente, "2017-P02"), door=w.fenna)
    res = bk.afrekenen(gemeente=w.gemeente, periode=bk.zoek_periode(w.gemeente, "2017-P03"), door=w.fenna)
    assert not res.run.volledig
    gehouden = {(k.periode.code, k.toewijzing_id) for k in res.conflicten}
    assert gehouden == {(code, t.pk) for code in ("2017-P01", "2017-P02", "2017-P03") for t in (oud, nieuw)}
    assert set(res.run.conflicten.values_list("periode__code", flat=True)) == {
        "2017-P01",
        "2017-P02",
        "2017-P03",
    }
    volledig = bk.afrekenen(
        gemeente=w.gemeente, periode=res.periode, door=w.fenna, dry_run=True, volledig=True
    )
    assert {(k.periode.code, k.toewijzing_id) for k in volledig.conflicten} == gehouden

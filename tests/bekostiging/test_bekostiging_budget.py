"""Budget, commitments and forecast: what a finance officer plans the rest of the year with."""

from __future__ import annotations

import pytest

from resultaat.bekostiging import services as bk
from resultaat.bekostiging.models import Budget
from tests.bekostiging.helpers import D, maak_wereld

pytestmark = pytest.mark.django_db


def test_commitments_run_until_the_end_date_or_the_year_end_and_add_to_what_was_paid(db):
    w = maak_wereld()
    w.toewijzing(D(2017, 1, 1))  # no end date: committed until 31-12
    w.toewijzing(D(2017, 1, 1), einddatum=D(2017, 12, 17))  # 14 more days from 04-12
    w.toewijzing(None)  # no start reported: no commitment
    bk.afrekenen(gemeente=w.gemeente, periode=bk.zoek_periode(w.gemeente, "2017-P01"), door=w.fenna)
    Budget.objects.create(gemeente=w.gemeente, jaar=2017, product=w.product, bedrag_cent=50_000)
    [regel] = bk.prognose(w.gemeente, 2017, D(2017, 12, 4))
    assert regel.clienten == 2
    assert regel.verplicht_cent == 21600 + 10800  # 28 and 14 days at 216.00 per 28 days
    assert regel.gerealiseerd_cent == 2 * 21600  # P01 paid for the two with a start
    assert regel.prognose_cent == 75600
    assert regel.verschil_cent == 50_000 - 75600  # over budget


def test_hours_against_results_uses_the_caseload_in_care(db):
    w = maak_wereld()
    for _ in range(3):
        w.toewijzing(D(2017, 1, 1))
    w.toewijzing(None)
    v = bk.uren_versus_resultaat(w.gemeente, w.product, D(2017, 3, 1), uurtarief_cent=2500, uren_per_week=3)
    assert (v.clienten, v.uren_cent, v.resultaat_cent) == (3, 3 * 3 * 52 * 2500, 3 * 13 * 21600)
    assert round(v.besparing_procent, 1) == 28.0

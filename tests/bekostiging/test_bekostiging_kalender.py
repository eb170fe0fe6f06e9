"""Period calendars as the CAK publishes them, and tariffs that pay the same per year on any calendar."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from resultaat.bekostiging import services as bk
from resultaat.bekostiging.models import Afrekenregel, CakPeriodejaar
from resultaat.catalogus.models import Tarief, TariefPeriode
from tests import factories as f
from tests.bekostiging.helpers import D, maak_wereld

pytestmark = pytest.mark.django_db


def test_cak_period_1_of_2019_began_on_31_december_2018_and_2018_joins_it(db):
    w = maak_wereld()
    assert CakPeriodejaar.objects.get(jaar=2019).begin == D(2018, 12, 31)
    p2019 = list(bk.genereer_kalender(w.gemeente, 2019).perioden.order_by("nummer"))
    assert (p2019[0].code, p2019[0].begin, p2019[0].eind) == ("2019-P01", D(2018, 12, 31), D(2019, 1, 28))
    assert all(p.dagen == 28 for p in p2019[:12])
    p2018 = list(bk.genereer_kalender(w.gemeente, 2018).perioden.order_by("nummer"))
    assert p2018[0].begin == D(2018, 1, 1) and p2018[-1].eind == D(2018, 12, 31) and p2018[-1].dagen == 28
    assert bk.zoek_periode(w.gemeente, "2019-P02").begin == D(2019, 1, 28)


def test_a_calendar_that_would_overlap_or_leave_a_gap_is_refused(db):
    w = maak_wereld()
    bk.genereer_kalender(w.gemeente, 2019)  # from 31-12-2018
    with pytest.raises(ValidationError, match="overlapt periode 2019-P01"):
        bk.genereer_kalender(w.gemeente, 2018, "maand")  # December 2018 would include 31-12-2018 twice
    heiloo = f.GemeenteFactory(code="0399", naam="Heiloo")
    bk.genereer_kalender(heiloo, 2018)  # period 13 ends on 30-12-2018, before 2019's period 1
    with pytest.raises(ValidationError, match=r"sluit niet aan op periode 2018-P13 \(t/m 30-12-2018\)"):
        bk.genereer_kalender(heiloo, 2019, "maand")  # 31-12-2018 would be in no period


def _jaar_op_maandkalender(w, jaar):
    t = w.toewijzing(D(jaar, 1, 1))
    bk.genereer_kalender(w.gemeente, jaar, "maand")
    for m in range(1, 13):
        bk.afrekenen(
            gemeente=w.gemeente, periode=bk.zoek_periode(w.gemeente, f"{jaar}-{m:02d}"), door=w.fenna
        )
    return t


def test_a_four_weekly_tariff_on_a_month_calendar_pays_13_times_the_tariff_a_year(db):
    """Before: 12 months converted by days paid EUR 2,815.71 for a year of EUR 216 per four weeks."""
    w = maak_wereld()
    t = _jaar_op_maandkalender(w, 2017)
    regels = Afrekenregel.objects.filter(toewijzing=t)
    assert set(regels.values_list("bedrag_cent", flat=True)) == {23400}
    assert sum(regels.values_list("bedrag_cent", flat=True)) == 13 * 21600


def test_what_a_323_claims_for_a_month_of_1_stuks_per_maand_equals_what_the_settlement_paid(db):
    w = maak_wereld()
    t = _jaar_op_maandkalender(w, 2017)
    assert (t.volume, t.eenheid, t.frequentie) == (1, "82", "4")  # 1 stuks (output) per maand
    for m in (2, 3):
        maand = bk.zoek_periode(w.gemeente, f"2017-{m:02d}")
        gedeclareerd = t.volume * bk.verschuldigd_cent(
            toewijzing=t, periode_begin=maand.begin, periode_eind=maand.laatste_dag
        )
        assert gedeclareerd == Afrekenregel.objects.get(toewijzing=t, periode=maand).bedrag_cent == 23400


def test_a_month_tariff_on_the_four_week_calendar_pays_12_times_the_tariff_a_year(db):
    w = maak_wereld()
    Tarief.objects.filter(product=w.product).update(bedrag_cent=23400, periode=TariefPeriode.MAAND)
    t = w.toewijzing(D(2017, 1, 1))
    for n in range(1, 14):
        bk.afrekenen(gemeente=w.gemeente, periode=bk.zoek_periode(w.gemeente, f"2017-P{n:02d}"), door=w.fenna)
    assert sum(Afrekenregel.objects.filter(toewijzing=t).values_list("bedrag_cent", flat=True)) == 13 * 21600

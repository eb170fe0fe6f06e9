"""Property: after any sequence of events and runs, no client is paid twice for one result on a day, and
what was paid per toewijzing and period equals what is due according to a small plain-Python model of the
policies (``tests/bekostiging/orakel.py``), not the SQL under test.

Events arrive in any order and often late (a stop reported after its period was settled, a tariff
changed afterwards, a re-indication at another provider while the old toewijzing keeps running): every
run settles the next period and corrects the earlier ones, never editing a past run; a run holds exactly
the toewijzingen that share a day with another of the same client and result. At the end the financieel
user has every overlap resolved (the older toewijzing ends the day before the newer one begins) and one
last run settles everything.
"""

from __future__ import annotations

import datetime as dt
import itertools
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from resultaat.bekostiging import services as bk
from resultaat.bekostiging.models import (
    Afrekenregel,
    Deelperiode,
    Overlijden,
    Overstap,
    Periode,
)
from resultaat.catalogus.models import Tarief
from resultaat.core.codes import WMO002RedenWijziging, WMO588RedenBeeindiging
from resultaat.ondersteuning.models import Ondersteuningsplan, PlanStatus
from resultaat.toewijzingen import services as tw
from resultaat.toewijzingen.models import Toewijzing
from tests.bekostiging.helpers import D, maak_wereld
from tests.bekostiging.orakel import Beleid, Orakel

JAN1 = D(2017, 1, 1)
DAG = st.integers(min_value=0, max_value=26 * 7)  # a day in the first half of 2017

beleid = st.fixed_dictionaries(
    {
        "deelperiode": st.sampled_from(Deelperiode.values),
        "peildag": st.integers(min_value=1, max_value=28),
        "tijdelijke_stop_dagen": st.integers(min_value=0, max_value=20),
        "overlijden": st.sampled_from(Overlijden.values),
        "overstap": st.sampled_from(Overstap.values),
        "grondslag": st.sampled_from(["start", "start", "plan"]),
        "plan_termijn_dagen": st.integers(min_value=0, max_value=40),
    }
)
gebeurtenis = st.one_of(
    st.tuples(st.just("start"), DAG),
    st.tuples(st.just("stop"), DAG, st.sampled_from(["20", "20", "19"])),
    st.tuples(st.just("tarief"), DAG, st.integers(min_value=10000, max_value=30000)),
    st.tuples(st.just("wissel"), DAG),
    st.tuples(st.just("herindicatie"), DAG),
    st.tuples(st.just("herindicatie"), DAG),
    st.tuples(st.just("akkoord"), DAG),
    st.tuples(st.just("overlijden"), DAG),
    st.tuples(st.just("run")),
    st.tuples(st.just("run")),
)


def _dag(n: int) -> dt.date:
    return JAN1 + dt.timedelta(days=n)


def _wijzig_tarief(product, vanaf: dt.date, bedrag: int) -> None:
    huidig = Tarief.objects.geldig_op(vanaf).get(product=product)
    if huidig.geldig_van == vanaf:
        huidig.bedrag_cent = bedrag
        huidig.save()
        return
    eind = huidig.geldig_tot
    huidig.geldig_tot = vanaf
    huidig.save()
    Tarief.objects.create(
        product=product, bedrag_cent=bedrag, periode=huidig.periode, geldig_van=vanaf, geldig_tot=eind
    )


@pytest.mark.django_db
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(beleid=beleid, gebeurtenissen=st.lists(gebeurtenis, min_size=1, max_size=14))
@example(  # a re-indication at another provider while the old toewijzing runs on, settled before resolved
    beleid={
        "deelperiode": "pro_rata",
        "peildag": 1,
        "tijdelijke_stop_dagen": 0,
        "overlijden": "tot_datum",
        "overstap": "deelperiode",
        "grondslag": "start",
        "plan_termijn_dagen": 0,
    },
    gebeurtenissen=[("start", 0), ("herindicatie", 20), ("run",), ("run",)],
)
@example(  # the same under grondslag plan, with a plan agreed after the grace term
    beleid={
        "deelperiode": "pro_rata",
        "peildag": 10,
        "tijdelijke_stop_dagen": 5,
        "overlijden": "periode_af",
        "overstap": "oude",
        "grondslag": "plan",
        "plan_termijn_dagen": 7,
    },
    gebeurtenissen=[
        ("start", 3),
        ("akkoord", 40),
        ("run",),
        ("herindicatie", 45),
        ("run",),
        ("overlijden", 80),
    ],
)
@example(  # an overlap held by one run and not resolved: the next run, with nothing changed, holds it again
    beleid={
        "deelperiode": "pro_rata",
        "peildag": 1,
        "tijdelijke_stop_dagen": 0,
        "overlijden": "tot_datum",
        "overstap": "deelperiode",
        "grondslag": "start",
        "plan_termijn_dagen": 0,
    },
    gebeurtenissen=[("start", 0), ("run",), ("herindicatie", 1), ("run",), ("run",)],
)
def test_never_paid_twice_for_a_day_and_paid_equals_due_of_the_plain_model(beleid, gebeurtenissen):
    # No margin: every run recomputes earlier periods only for the clients changed since the last one.
    with transaction.atomic(), mock.patch.object(bk, "WIJZIGING_MARGE", dt.timedelta(0)):
        _scenario(beleid, gebeurtenissen)
        transaction.set_rollback(True)


def _scenario(beleid, gebeurtenissen) -> None:
    w = maak_wereld(**beleid)
    orakel = Orakel(Beleid(**beleid))
    huidig = w.toewijzing(None)
    client = huidig.client
    momenten = (timezone.now() + dt.timedelta(minutes=i) for i in itertools.count(1))
    perioden = list(bk.genereer_kalender(w.gemeente, 2017).perioden.order_by("begin"))
    volgende = 0

    def run(periode: Periode) -> None:
        res = bk.afrekenen(gemeente=w.gemeente, periode=periode, door=w.fenna)
        # The run holds exactly the toewijzingen the model sees overlapping, period by period.
        toewijzingen = list(Toewijzing.objects.filter(client=client).select_related("client"))
        for p in Periode.objects.filter(gemeente=w.gemeente, begin__lte=periode.begin):
            gehouden = {k.toewijzing_id for k in res.conflicten if k.periode_id == p.pk}
            if Afrekenregel.objects.filter(periode=p).exists() or p == periode or gehouden:
                assert gehouden == orakel.conflicten(toewijzingen, p.begin, p.eind), p.code

    for g in gebeurtenissen:
        try:
            if g[0] == "start":
                tw.meld_start(door=w.fenna, toewijzing=huidig, begindatum=_dag(g[1]))
            elif g[0] == "stop":
                tw.meld_stop(door=w.fenna, toewijzing=huidig, einddatum=_dag(g[1]), reden=g[2])
            elif g[0] == "tarief":
                _wijzig_tarief(w.product, _dag(g[1]), g[2])
            elif g[0] == "akkoord":
                Ondersteuningsplan.objects.create(
                    toewijzing=huidig,
                    versie=huidig.plannen.count() + 1,
                    opgesteld_op=_dag(g[1]),
                    status=PlanStatus.AKKOORD,
                    akkoord_op=_dag(g[1]),
                )
            elif g[0] in ("wissel", "herindicatie"):
                andere = w.zuid if huidig.aanbieder == w.noord else w.noord
                per = _dag(g[1])
                if per <= huidig.ingangsdatum or huidig.leveringen.filter(begindatum__gte=per).exists():
                    continue
                if g[0] == "herindicatie":
                    # A new toewijzing for the same result at another provider; the old one keeps running.
                    nieuw = tw.maak_toewijzing(
                        door=w.fenna, client=client, aanbieder=andere, product=w.product, ingangsdatum=per
                    )
                else:
                    huidig.refresh_from_db()
                    open_levering = huidig.leveringen.filter(verwijderd=False, einddatum__isnull=True).first()
                    if open_levering is not None:
                        if per - dt.timedelta(days=1) < open_levering.begindatum:
                            continue
                        tw.meld_stop(
                            door=w.fenna,
                            toewijzing=huidig,
                            einddatum=per - dt.timedelta(days=1),
                            reden=WMO588RedenBeeindiging.OVERSTAP_AANBIEDER,
                        )
                    nieuw = tw.wissel_aanbieder(
                        door=w.fenna,
                        toewijzing=huidig,
                        nieuwe_aanbieder=andere,
                        per=per,
                        moment=next(momenten),
                    )
                huidig = nieuw
                tw.meld_start(door=w.fenna, toewijzing=huidig, begindatum=per)
            elif g[0] == "overlijden":
                client.overlijdensdatum = _dag(g[1])
                client.save()
            elif g[0] == "run" and volgende < 7:
                run(perioden[volgende])
                volgende += 1
        except ValidationError:
            continue

    # The financieel user resolves every overlap: an older toewijzing ends the day before the next begins.
    keten = list(Toewijzing.objects.filter(client=client).order_by("ingangsdatum", "pk"))
    for t, u in itertools.pairwise(keten):
        t.refresh_from_db()
        if t.einddatum is None or t.einddatum >= u.ingangsdatum:
            tw.wijzig_einddatum(
                door=w.fenna,
                toewijzing=t,
                einddatum=u.ingangsdatum - dt.timedelta(days=1),
                reden=WMO002RedenWijziging.HERBEOORDELING_VERKORTING,
                moment=next(momenten),
            )
    laatste = bk.afrekenen(gemeente=w.gemeente, periode=perioden[volgende], door=w.fenna)
    assert laatste.conflicten == []

    afgerekend = list(Periode.objects.filter(gemeente=w.gemeente, begin__lte=perioden[volgende].begin))
    toewijzingen = list(Toewijzing.objects.filter(client=client).select_related("client", "voorganger"))
    for p in afgerekend:
        assert orakel.conflicten(toewijzingen, p.begin, p.eind) == set()
        betaalde_dagen = []
        for t in toewijzingen:
            betaald = sum(
                Afrekenregel.objects.filter(toewijzing=t, periode=p).values_list("bedrag_cent", flat=True)
            )
            assert betaald == orakel.verschuldigd(t, p.begin, p.eind), (t.pk, p.code)
            if betaald > 0:
                betaalde_dagen.append(orakel.betaald_dagen(t, p.begin, p.eind))
        # No client is paid twice for one result on one day.
        dagen = [
            d
            for stukken in betaalde_dagen
            for a, b in stukken
            for d in range(a.toordinal(), b.toordinal() + 1)
        ]
        assert len(dagen) == len(set(dagen)), p.code

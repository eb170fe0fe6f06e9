"""Property: after any sequence of events and runs, what was paid per toewijzing and period is what is due.

Events arrive in any order and often late (a stop reported after its period was settled, a tariff
changed afterwards): every run settles the next period and corrects the earlier ones, never editing a
past run. At the end, the sum of all lines per toewijzing and period equals ``verschuldigd``.
"""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from resultaat.bekostiging import services as bk
from resultaat.bekostiging.models import Afrekenregel, Deelperiode, Overlijden, Overstap, Periode
from resultaat.catalogus.models import Tarief
from resultaat.core.codes import WMO588RedenBeeindiging
from resultaat.toewijzingen import services as tw
from resultaat.toewijzingen.models import Toewijzing
from tests.bekostiging.helpers import D, maak_wereld

JAN1 = D(2017, 1, 1)
DAG = st.integers(min_value=0, max_value=26 * 7)  # a day in the first half of 2017

beleid = st.fixed_dictionaries(
    {
        "deelperiode": st.sampled_from(Deelperiode.values),
        "peildag": st.integers(min_value=1, max_value=28),
        "tijdelijke_stop_dagen": st.integers(min_value=0, max_value=20),
        "overlijden": st.sampled_from(Overlijden.values),
        "overstap": st.sampled_from(Overstap.values),
    }
)
gebeurtenis = st.one_of(
    st.tuples(st.just("start"), DAG),
    st.tuples(st.just("stop"), DAG, st.sampled_from(["20", "20", "19"])),
    st.tuples(st.just("tarief"), DAG, st.integers(min_value=10000, max_value=30000)),
    st.tuples(st.just("wissel"), DAG),
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
def test_paid_equals_due_after_any_sequence_of_events_and_runs(beleid, gebeurtenissen):
    with transaction.atomic():
        _scenario(beleid, gebeurtenissen)
        transaction.set_rollback(True)


def _scenario(beleid, gebeurtenissen) -> None:
    w = maak_wereld(**beleid)
    huidig = w.toewijzing(None)
    client = huidig.client
    momenten = (timezone.now() + dt.timedelta(minutes=i) for i in itertools.count(1))
    perioden = list(bk.genereer_kalender(w.gemeente, 2017).perioden.order_by("begin"))
    volgende = 0

    for g in gebeurtenissen:
        try:
            if g[0] == "start":
                tw.meld_start(door=w.fenna, toewijzing=huidig, begindatum=_dag(g[1]))
            elif g[0] == "stop":
                tw.meld_stop(door=w.fenna, toewijzing=huidig, einddatum=_dag(g[1]), reden=g[2])
            elif g[0] == "tarief":
                _wijzig_tarief(w.product, _dag(g[1]), g[2])
            elif g[0] == "wissel":
                andere = w.zuid if huidig.aanbieder == w.noord else w.noord
                huidig.refresh_from_db()
                open_levering = huidig.leveringen.filter(verwijderd=False, einddatum__isnull=True).first()
                per = _dag(g[1])
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
                    door=w.fenna, toewijzing=huidig, nieuwe_aanbieder=andere, per=per, moment=next(momenten)
                )
                huidig = nieuw
                tw.meld_start(door=w.fenna, toewijzing=huidig, begindatum=per)
            elif g[0] == "overlijden":
                client.overlijdensdatum = _dag(g[1])
                client.save()
            elif g[0] == "run" and volgende < 7:
                bk.afrekenen(gemeente=w.gemeente, periode=perioden[volgende], door=w.fenna)
                volgende += 1
        except ValidationError:
            continue

    # A last run settles the next period and corrects everything before it.
    bk.afrekenen(gemeente=w.gemeente, periode=perioden[volgende], door=w.fenna)
    afgerekend = Periode.objects.filter(gemeente=w.gemeente, begin__lte=perioden[volgende].begin)
    for t in Toewijzing.objects.filter(client=client):
        for p in afgerekend:
            betaald = sum(
                Afrekenregel.objects.filter(toewijzing=t, periode=p).values_list("bedrag_cent", flat=True)
            )
            verschuldigd = bk.verschuldigd(t, p)
            assert betaald == verschuldigd.bedrag_cent, (t.pk, p.code, verschuldigd)
    # The providers never both get the full amount for one period unless the policy says so.
    if beleid["overstap"] != Overstap.BEIDE:
        for p in afgerekend:
            regels = Afrekenregel.objects.filter(periode=p, client=client)
            totaal = sum(regels.values_list("bedrag_cent", flat=True))
            aantal = regels.values("toewijzing").distinct().count()
            # Each pro-rata share is rounded to the cent on its own: at most a cent over per extra share.
            hoogste = max(Tarief.objects.filter(product=w.product).values_list("bedrag_cent", flat=True))
            assert totaal <= hoogste + max(aantal - 1, 0)

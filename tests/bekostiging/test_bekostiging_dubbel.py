"""Never two payments for one result: re-indications, two providers, stapelregels (issue findings)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from resultaat.bekostiging import services as bk
from resultaat.bekostiging.models import Afrekenconflict, Afrekenregel, ConflictReden, Stapelregel
from resultaat.catalogus.models import Tarief
from resultaat.core.codes import WMO002RedenWijziging
from resultaat.toewijzingen import services as tw
from tests import factories as f
from tests.bekostiging.helpers import D, maak_wereld

pytestmark = pytest.mark.django_db


def hob3(w):
    """A second product of the same result as the world's product (the heavier level), contracted."""
    product = f.ProductFactory(code="02A03", naam="Thuisondersteuning zwaar", resultaat=w.product.resultaat)
    Tarief.objects.create(product=product, bedrag_cent=42000, geldig_van=D(2016, 1, 1))
    for beleid in (w.beleid_noord, w.beleid_zuid):
        f.ContractProductFactory(contract=beleid.contract, product=product, geldig_van=D(2016, 1, 1))
    return product


def betaald(t, code=None):
    qs = Afrekenregel.objects.filter(toewijzing=t)
    if code:
        qs = qs.filter(periode__code=code)
    return sum(qs.values_list("bedrag_cent", flat=True))


def test_a_re_indication_whose_old_toewijzing_keeps_running_is_held_and_listed_not_paid_twice(db):
    w = maak_wereld()
    oud = w.toewijzing(D(2017, 1, 1))
    zwaar = hob3(w)
    nieuw = tw.maak_toewijzing(
        door=w.fenna, client=oud.client, aanbieder=w.noord, product=zwaar, ingangsdatum=D(2017, 2, 12)
    )
    tw.meld_start(door=w.fenna, toewijzing=nieuw, begindatum=D(2017, 2, 12))
    res = bk.afrekenen(gemeente=w.gemeente, periode=bk.zoek_periode(w.gemeente, "2017-P02"), door=w.fenna)
    # Before: EUR 216 + EUR 210 (half of 420) for the same days. Now: neither, and the conflict is listed.
    assert betaald(oud, "2017-P02") == 0 and betaald(nieuw, "2017-P02") == 0
    conflicten = {(k.toewijzing_id, k.andere_toewijzing_id, k.reden) for k in res.conflicten}
    assert conflicten == {
        (oud.pk, nieuw.pk, ConflictReden.ZELFDE_RESULTAAT),
        (nieuw.pk, oud.pk, ConflictReden.ZELFDE_RESULTAAT),
    }
    k = Afrekenconflict.objects.get(run=res.run, toewijzing=oud)
    assert (k.eerste_dag, k.laatste_dag) == (D(2017, 2, 12), D(2017, 2, 25))
    assert oud.client.naam in k.beschrijving and "12-02-2017 t/m 25-02-2017" in k.beschrijving

    # The financieel user has the old toewijzing ended the day before the new one: the next run pays both.
    tw.wijzig_einddatum(
        door=w.fenna,
        toewijzing=oud,
        einddatum=D(2017, 2, 11),
        reden=WMO002RedenWijziging.HERBEOORDELING_VERKORTING,
        moment=timezone.now() + dt.timedelta(minutes=1),
    )
    res = bk.afrekenen(gemeente=w.gemeente, periode=bk.zoek_periode(w.gemeente, "2017-P03"), door=w.fenna)
    assert res.conflicten == []
    assert betaald(oud, "2017-P02") == 10800 and betaald(nieuw, "2017-P02") == 21000
    assert betaald(nieuw, "2017-P03") == 42000 and betaald(oud, "2017-P03") == 0


def test_two_providers_with_the_same_product_for_one_client_are_not_both_paid(db):
    w = maak_wereld()
    a = w.toewijzing(D(2017, 1, 1))
    b = w.toewijzing(D(2017, 1, 15), aanbieder=w.zuid, client=a.client)
    res = bk.afrekenen(gemeente=w.gemeente, periode=bk.zoek_periode(w.gemeente, "2017-P01"), door=w.fenna)
    assert betaald(a) == 0 and betaald(b) == 0
    assert {k.reden for k in res.conflicten} == {ConflictReden.ZELFDE_PRODUCT}
    assert {k.aanbieder.naam for k in res.conflicten} == {"Thuiszorg Noord", "Zorg Zuid"}
    # A rerun with nothing new still lists the conflict (it is never resolved silently).
    res = bk.afrekenen(gemeente=w.gemeente, periode=bk.zoek_periode(w.gemeente, "2017-P01"), door=w.fenna)
    assert res.run is not None and len(res.conflicten) == 2


def test_a_stapelregel_lets_two_products_of_one_result_run_together(db):
    w = maak_wereld()
    oud = w.toewijzing(D(2017, 1, 1))
    zwaar = hob3(w)
    Stapelregel.objects.create(
        gemeente=w.gemeente, product=zwaar, samen_met=w.product, geldig_van=D(2017, 1, 1)
    )
    nieuw = tw.maak_toewijzing(
        door=w.fenna, client=oud.client, aanbieder=w.zuid, product=zwaar, ingangsdatum=D(2017, 1, 1)
    )
    tw.meld_start(door=w.fenna, toewijzing=nieuw, begindatum=D(2017, 1, 1))
    res = bk.afrekenen(gemeente=w.gemeente, periode=bk.zoek_periode(w.gemeente, "2017-P01"), door=w.fenna)
    assert res.conflicten == []
    assert (betaald(oud), betaald(nieuw)) == (21600, 42000)


def test_two_products_of_different_results_run_together_without_a_rule(db):
    w = maak_wereld()
    oud = w.toewijzing(D(2017, 1, 1))
    ander = f.ProductFactory(code="02A09", naam="Ander resultaat")
    Tarief.objects.create(product=ander, bedrag_cent=10000, geldig_van=D(2016, 1, 1))
    f.ContractProductFactory(contract=w.beleid_noord.contract, product=ander, geldig_van=D(2016, 1, 1))
    t = tw.maak_toewijzing(
        door=w.fenna, client=oud.client, aanbieder=w.noord, product=ander, ingangsdatum=D(2017, 1, 1)
    )
    tw.meld_start(door=w.fenna, toewijzing=t, begindatum=D(2017, 1, 1))
    res = bk.afrekenen(gemeente=w.gemeente, periode=bk.zoek_periode(w.gemeente, "2017-P01"), door=w.fenna)
    assert res.conflicten == [] and res.totaal_cent == 31600


def test_the_run_page_lists_each_held_conflict_once_for_the_financieel_user(client, db):
    w = maak_wereld()
    a = w.toewijzing(D(2017, 1, 1))
    w.toewijzing(D(2017, 1, 15), aanbieder=w.zuid, client=a.client)
    client.force_login(w.fenna)
    r = client.post(reverse("web:afrekenrun-nieuw"), {"gemeente": "0361", "periode": "2017-P01"}, follow=True)
    tekst = r.content.decode()
    assert "Aangehouden: twee toewijzingen voor hetzelfde resultaat (1)" in tekst
    assert tekst.count("15-01-2017 t/m 28-01-2017") == 1
    assert "twee toewijzingen voor hetzelfde product op dezelfde dagen" in tekst

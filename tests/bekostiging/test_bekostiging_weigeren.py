"""What a run refuses, with nothing saved: no tariff, a period not yet ended, a run without a person."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from resultaat.bekostiging import services as bk
from resultaat.bekostiging.models import Afrekenregel, Afrekenrun
from resultaat.catalogus.models import Tarief
from resultaat.toewijzingen import services as tw
from tests import factories as f
from tests.bekostiging.helpers import D, maak_wereld

pytestmark = pytest.mark.django_db


def test_a_product_without_a_tariff_for_the_period_stops_the_run_naming_product_and_period(db):
    w = maak_wereld()
    w.toewijzing(D(2017, 1, 1))
    los = f.ProductFactory(code="02A07", naam="Zonder tarief")
    Tarief.objects.create(product=los, bedrag_cent=30000, geldig_van=D(2016, 1, 1), geldig_tot=D(2017, 1, 29))
    f.ContractProductFactory(contract=w.beleid_noord.contract, product=los, geldig_van=D(2016, 1, 1))
    t = tw.maak_toewijzing(
        door=w.fenna,
        client=f.ClientFactory(gemeente=w.gemeente),
        aanbieder=w.noord,
        product=los,
        ingangsdatum=D(2017, 1, 1),
    )
    tw.meld_start(door=w.fenna, toewijzing=t, begindatum=D(2017, 1, 1))
    bk.afrekenen(gemeente=w.gemeente, periode=bk.zoek_periode(w.gemeente, "2017-P01"), door=w.fenna)
    with pytest.raises(
        ValidationError, match=r"Geen tarief voor .*Zonder tarief in periode 2017-P02 \(29-01-2017"
    ):
        bk.afrekenen(gemeente=w.gemeente, periode=bk.zoek_periode(w.gemeente, "2017-P02"), door=w.fenna)
    assert Afrekenrun.objects.count() == 1
    assert not Afrekenregel.objects.filter(periode__code="2017-P02").exists()


def test_a_period_that_has_not_ended_is_refused_also_as_a_dry_run(db):
    w = maak_wereld()
    w.toewijzing(D(2017, 1, 1))
    p13 = bk.zoek_periode(w.gemeente, "2017-P13")
    for proef in (False, True):
        with pytest.raises(
            ValidationError, match="2017-P13 loopt tot en met 31-12-2017 en is nog niet voorbij"
        ):
            bk.afrekenen(
                gemeente=w.gemeente, periode=p13, door=w.fenna, dry_run=proef, vandaag=D(2017, 12, 5)
            )
    assert not Afrekenrun.objects.exists()
    # On the first day after the period it is settled.
    res = bk.afrekenen(gemeente=w.gemeente, periode=p13, door=w.fenna, vandaag=D(2018, 1, 1))
    assert res.totaal_cent == 21600


def test_advance_payment_as_contract_policy_pays_only_that_providers_running_period(db):
    w = maak_wereld()
    w.beleid_zuid.voorschot = True
    w.beleid_zuid.save()
    noord = w.toewijzing(D(2017, 1, 1))
    zuid = w.toewijzing(D(2017, 1, 1), aanbieder=w.zuid)
    p13 = bk.zoek_periode(w.gemeente, "2017-P13")
    res = bk.afrekenen(gemeente=w.gemeente, periode=p13, door=w.fenna, vandaag=D(2017, 12, 5))
    assert {r.toewijzing_id: r.bedrag_cent for r in Afrekenregel.objects.filter(run=res.run)} == {
        zuid.pk: 21600
    }
    # After the period Noord is paid too, in the run of the next period (2018 gets its tariff first).
    if not Tarief.objects.geldig_op(D(2018, 1, 1)).filter(product=w.product).exists():
        Tarief.objects.create(product=w.product, bedrag_cent=21600, geldig_van=D(2018, 1, 1))
    res = bk.afrekenen(
        gemeente=w.gemeente,
        periode=bk.zoek_periode(w.gemeente, "2018-P01"),
        door=w.fenna,
        vandaag=D(2018, 2, 1),
    )
    assert Afrekenregel.objects.get(run=res.run, toewijzing=noord, periode=p13).bedrag_cent == 21600


def test_a_run_needs_a_person_and_settle_takes_door_so_four_eyes_hold_on_the_command_line(db, capsys):
    w = maak_wereld()
    w.toewijzing(D(2017, 1, 1))
    p = bk.zoek_periode(w.gemeente, "2017-P02")
    with pytest.raises(ValidationError, match="medewerker met een eigen account"):
        bk.afrekenen(gemeente=w.gemeente, periode=p, door=None)
    with pytest.raises(CommandError, match="--door"):
        call_command("settle", "--gemeente", "0361", "--period", "2017-P02")
    f.UserFactory(username="consul", rol="consulent", gemeenten=[w.gemeente])
    with pytest.raises(CommandError, match="geen actieve financieel medewerker"):
        call_command("settle", "--gemeente", "0361", "--period", "2017-P02", "--door", "consul")
    call_command("settle", "--gemeente", "0361", "--period", "2017-P02", "--door", "fenna")
    run = Afrekenrun.objects.get()
    assert run.aangemaakt_door == w.fenna and run.aangemaakt_door_naam == "fenna"
    with pytest.raises(ValidationError, match="iemand anders"):
        bk.keur_goed(run=run, door=w.fenna)
    assert bk.keur_goed(run=run, door=w.frank).status == "goedgekeurd"

"""Toewijzing versions, provider switches and start/stop rules, as the consulent and provider see them."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from resultaat.core.codes import WMO002RedenWijziging, WMO588RedenBeeindiging
from resultaat.toewijzingen import services
from resultaat.toewijzingen.models import Toewijzing, ToewijzingVersie
from tests import factories as f

D = dt.date


def moment(*args):
    return timezone.make_aware(dt.datetime(*args))


@pytest.fixture
def product(db):
    return f.ProductFactory(naam="Thuisondersteuning")


@pytest.fixture
def contracted(alkmaar, noord, zuid, product):
    for aanbieder in (noord, zuid):
        f.ContractProductFactory(
            contract=f.ContractFactory(aanbieder=aanbieder, gemeenten=[alkmaar]), product=product
        )
    return product


@pytest.fixture
def client_a(alkmaar):
    return f.ClientFactory(gemeente=alkmaar)


def test_new_toewijzingen_get_consecutive_numbers_per_gemeente(alice, client_a, noord, contracted):
    t1 = services.maak_toewijzing(
        door=alice,
        client=client_a,
        aanbieder=noord,
        product=contracted,
        ingangsdatum=D(2026, 1, 1),
        einddatum=D(2026, 3, 31),
    )
    t2 = services.maak_toewijzing(
        door=alice, client=client_a, aanbieder=noord, product=contracted, ingangsdatum=D(2026, 4, 1)
    )
    assert t2.nummer == t1.nummer + 1
    assert t1.versies.count() == 1
    assert t1.huidige_versie().ingangsdatum == D(2026, 1, 1)


def test_product_not_contracted_on_the_date_is_refused_and_nothing_saved(alice, client_a, noord, product):
    with pytest.raises(ValidationError) as excinfo:
        services.maak_toewijzing(
            door=alice, client=client_a, aanbieder=noord, product=product, ingangsdatum=D(2026, 1, 1)
        )
    assert "geen contract" in str(excinfo.value)
    assert not Toewijzing.objects.exists()


def test_dates_in_the_wrong_order_are_refused(alice, client_a, noord, contracted):
    with pytest.raises(ValidationError, match="vóór de ingangsdatum"):
        services.maak_toewijzing(
            door=alice,
            client=client_a,
            aanbieder=noord,
            product=contracted,
            ingangsdatum=D(2026, 5, 1),
            einddatum=D(2026, 4, 1),
        )


def test_overlapping_toewijzing_of_the_same_product_is_refused(alice, client_a, noord, contracted):
    services.maak_toewijzing(
        door=alice,
        client=client_a,
        aanbieder=noord,
        product=contracted,
        ingangsdatum=D(2026, 1, 1),
        einddatum=D(2026, 6, 30),
    )
    with pytest.raises(ValidationError, match="mogen niet overlappen"):
        services.maak_toewijzing(
            door=alice, client=client_a, aanbieder=noord, product=contracted, ingangsdatum=D(2026, 6, 30)
        )


def test_change_keeps_the_number_and_the_latest_version_is_current(alice, client_a, noord, contracted):
    t = services.maak_toewijzing(
        door=alice,
        client=client_a,
        aanbieder=noord,
        product=contracted,
        ingangsdatum=D(2026, 1, 1),
        moment=moment(2025, 12, 20, 10, 0),
    )
    services.wijzig_einddatum(
        door=alice,
        toewijzing=t,
        einddatum=D(2026, 12, 31),
        reden=WMO002RedenWijziging.HERBEOORDELING_VERKORTING,
        moment=moment(2026, 2, 1, 9),
    )
    t.refresh_from_db()
    assert t.nummer == Toewijzing.objects.get().nummer
    assert t.versies.count() == 2
    huidig = t.huidige_versie()
    assert (huidig.einddatum, huidig.reden_wijziging) == (D(2026, 12, 31), "05")
    assert huidig.termen() == t.termen()
    assert ToewijzingVersie.objects.filter(toewijzing=t, einddatum__isnull=True).count() == 1


def test_a_change_must_be_decided_after_the_current_version(alice, client_a, noord, contracted):
    t = services.maak_toewijzing(
        door=alice,
        client=client_a,
        aanbieder=noord,
        product=contracted,
        ingangsdatum=D(2026, 1, 1),
        moment=moment(2026, 1, 5, 10, 0),
    )
    with pytest.raises(ValidationError, match="later zijn vastgelegd"):
        services.wijzig_einddatum(
            door=alice, toewijzing=t, einddatum=D(2026, 12, 31), reden="05", moment=moment(2026, 1, 5, 10, 0)
        )
    assert t.versies.count() == 1


def test_provider_switch_has_no_gap_and_no_overlap(alice, client_a, noord, zuid, contracted):
    oud = services.maak_toewijzing(
        door=alice,
        client=client_a,
        aanbieder=noord,
        product=contracted,
        ingangsdatum=D(2026, 1, 1),
        einddatum=D(2026, 12, 31),
        moment=moment(2025, 12, 1, 9),
    )
    nieuw = services.wissel_aanbieder(
        door=alice, toewijzing=oud, nieuwe_aanbieder=zuid, per=D(2026, 5, 15), moment=moment(2026, 5, 1, 9)
    )
    oud.refresh_from_db()
    assert oud.einddatum == D(2026, 5, 14)
    assert oud.reden_wijziging == WMO002RedenWijziging.OVERSTAP_AANBIEDER
    assert nieuw.ingangsdatum == oud.einddatum + dt.timedelta(days=1)
    assert nieuw.einddatum == D(2026, 12, 31)
    assert nieuw.voorganger == oud and nieuw.aanbieder == zuid and nieuw.nummer != oud.nummer


def test_switch_to_an_uncontracted_provider_changes_nothing(alice, client_a, noord, contracted):
    oud = services.maak_toewijzing(
        door=alice,
        client=client_a,
        aanbieder=noord,
        product=contracted,
        ingangsdatum=D(2026, 1, 1),
        moment=moment(2025, 12, 1, 9),
    )
    anders = f.AanbiederFactory()
    with pytest.raises(ValidationError, match="geen contract"):
        services.wissel_aanbieder(door=alice, toewijzing=oud, nieuwe_aanbieder=anders, per=D(2026, 3, 1))
    oud.refresh_from_db()
    assert oud.einddatum is None and oud.versies.count() == 1


def test_start_temporary_stop_resume_and_stop(bob, alice, client_a, noord, contracted):
    t = services.maak_toewijzing(
        door=alice, client=client_a, aanbieder=noord, product=contracted, ingangsdatum=D(2026, 1, 1)
    )
    services.meld_start(door=bob, toewijzing=t, begindatum=D(2026, 1, 8))
    with pytest.raises(ValidationError, match="al een lopende start"):
        services.meld_start(door=bob, toewijzing=t, begindatum=D(2026, 1, 9))
    services.meld_stop(
        door=bob, toewijzing=t, einddatum=D(2026, 3, 1), reden=WMO588RedenBeeindiging.TIJDELIJK
    )
    with pytest.raises(ValidationError, match="na de tijdelijke stop"):
        services.meld_start(door=bob, toewijzing=t, begindatum=D(2026, 2, 20))
    services.meld_start(door=bob, toewijzing=t, begindatum=D(2026, 3, 20))
    services.meld_stop(
        door=bob, toewijzing=t, einddatum=D(2026, 6, 30), reden=WMO588RedenBeeindiging.VOLGENS_PLAN
    )
    # After a definitive stop the care can start again (a new 305), after the stop date only.
    with pytest.raises(ValidationError, match="De nieuwe start moet na de stop liggen"):
        services.meld_start(door=bob, toewijzing=t, begindatum=D(2026, 6, 30))
    services.meld_start(door=bob, toewijzing=t, begindatum=D(2026, 7, 10))
    assert [(lv.begindatum, lv.reden_beeindiging) for lv in t.leveringen.order_by("begindatum")] == [
        (D(2026, 1, 8), "20"),
        (D(2026, 3, 20), "19"),
        (D(2026, 7, 10), ""),
    ]


def test_stop_needs_a_start_and_start_must_fall_within_the_toewijzing(
    bob, alice, client_a, noord, contracted
):
    t = services.maak_toewijzing(
        door=alice,
        client=client_a,
        aanbieder=noord,
        product=contracted,
        ingangsdatum=D(2026, 1, 1),
        einddatum=D(2026, 6, 30),
    )
    with pytest.raises(ValidationError, match="stop heeft een start nodig"):
        services.meld_stop(door=bob, toewijzing=t, einddatum=D(2026, 3, 1), reden="19")
    with pytest.raises(ValidationError, match="valt buiten de toewijzing"):
        services.meld_start(door=bob, toewijzing=t, begindatum=D(2026, 7, 1))
    assert not t.leveringen.exists()

"""The normenkader of huishoudelijke ondersteuning and seed 003's band table, at every edge."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from resultaat.catalogus import normenkader
from resultaat.catalogus.models import Normenkader, Resultaat, Tijdsband

DATUM = dt.date(2025, 3, 1)


@pytest.fixture
def banden(db):
    return list(Tijdsband.objects.geldig_op(DATUM).filter(resultaat__code="schoon-en-leefbaar-huis"))


@pytest.fixture
def posten(db):
    resultaat = Resultaat.objects.get(code="schoon-en-leefbaar-huis")
    return list(Normenkader.objects.voor(None, resultaat, DATUM).posten.all())


@pytest.mark.parametrize(
    ("minuten", "band"),
    [
        (59, None),
        (60, "Basis -1"),
        (90, "Basis -1"),
        (91, "Basis"),
        (130, "Basis"),
        (131, "Basis+1"),
        (260, "Basis+1"),
        (261, None),
    ],
)
def test_seed_003_band_table_at_each_edge(banden, minuten, band):
    gevonden = normenkader.band_voor(minuten, banden)
    assert (gevonden.naam if gevonden else None) == band


def test_full_takeover_is_the_kpmg_base_in_minutes_per_week_and_falls_in_basis(posten, banden):
    uitkomst = normenkader.bereken(posten, {}, banden)
    assert [(r.naam, r.minuten) for r in uitkomst.regels] == [
        ("Basis: volledige overname", 125)
    ]  # 108 h x 60 / 52
    assert uitkomst.totaal == 125
    assert uitkomst.band.naam == "Basis"


def test_every_term_is_shown_with_its_minutes(posten, banden):
    uitkomst = normenkader.bereken(
        posten, {"beperkingen-enig": 1, "extra-kamer-in-gebruik": 2, "huisdier": 1}, banden
    )
    assert [(r.code, r.minuten) for r in uitkomst.regels] == [
        ("basis", 125),
        ("beperkingen-enig", 30),
        ("extra-kamer-in-gebruik", 38),
        ("huisdier", 15),
    ]
    assert uitkomst.totaal == 208
    assert uitkomst.band.naam == "Basis+1"


@pytest.mark.parametrize(
    ("keuzes", "band"),
    [
        # Seed 003: client or network does light and medium tasks, and/or a small home -> Basis -1.
        ({"eigen-kracht": 1}, "Basis -1"),
        # Full takeover in an average home -> Basis.
        ({}, "Basis"),
        # Full takeover with meerposten -> Basis+1.
        ({"beperkingen-enig": 1}, "Basis+1"),
        ({"samenstelling-huishouden": 1, "huisdier": 1}, "Basis+1"),
    ],
)
def test_seed_003s_three_situations_land_in_their_bands(posten, banden, keuzes, band):
    assert normenkader.bereken(posten, keuzes, banden).band.naam == band


def test_every_term_says_whether_it_comes_from_research_or_the_gemeentes_choice(posten):
    herkomst = {p.code: (p.herkomst, p.bron) for p in posten}
    assert herkomst["basis"][0] == herkomst["beperkingen-enig"][0] == "onderzoek"
    assert "KPMG" in herkomst["basis"][1]
    assert herkomst["eigen-kracht"][0] == herkomst["huisdier"][0] == herkomst["extra-vervuiling"][0]
    assert herkomst["huisdier"][0] == "gemeente"
    assert "kleine-woning" not in herkomst
    assert all(bron for _, bron in herkomst.values())


def test_a_heavy_household_falls_outside_every_band(posten, banden):
    uitkomst = normenkader.bereken(
        posten,
        {
            "beperkingen-veel": 1,
            "samenstelling-huishouden": 1,
            "extra-kamer-in-gebruik": 3,
            "extra-vervuiling": 1,
        },
        banden,
    )
    assert uitkomst.totaal == 125 + 60 + 30 + 57 + 15 == 287
    assert uitkomst.buiten_band


def test_exclusive_terms_and_counts_are_refused_in_dutch(posten, banden):
    with pytest.raises(ValidationError, match="sluiten elkaar uit"):
        normenkader.bereken(posten, {"beperkingen-enig": 1, "beperkingen-veel": 1}, banden)
    with pytest.raises(ValidationError, match="telt maar één keer mee"):
        normenkader.bereken(posten, {"huisdier": 2}, banden)
    with pytest.raises(ValidationError, match="Onbekende post"):
        normenkader.bereken(posten, {"zwembad": 1}, banden)


def test_the_normenkader_says_where_its_minutes_come_from(posten):
    kader = posten[0].normenkader
    assert "gedeeld door 52" in kader.bron
    assert "KPMG" in kader.bron

"""Werkdagen skip weekends and the Dutch public holidays (those of the Algemene termijnenwet)."""

from __future__ import annotations

import datetime as dt

import pytest

from resultaat.core.werkdagen import feestdagen, is_werkdag, pasen, plus_werkdagen

D = dt.date


@pytest.mark.parametrize(
    ("jaar", "paaszondag"),
    [
        (2000, D(2000, 4, 23)),
        (2019, D(2019, 4, 21)),
        (2024, D(2024, 3, 31)),
        (2025, D(2025, 4, 20)),
        (2026, D(2026, 4, 5)),
        (2038, D(2038, 4, 25)),  # the latest possible date
        (2285, D(2285, 3, 22)),  # the earliest possible date
    ],
)
def test_easter(jaar, paaszondag):
    assert pasen(jaar) == paaszondag


def test_the_holidays_of_2025():
    assert feestdagen(2025) == {
        D(2025, 1, 1): "Nieuwjaarsdag",
        D(2025, 4, 21): "Tweede Paasdag",
        D(2025, 4, 26): "Koningsdag",  # 27 April 2025 is a Sunday
        D(2025, 5, 5): "Bevrijdingsdag",
        D(2025, 5, 29): "Hemelvaartsdag",
        D(2025, 6, 9): "Tweede Pinksterdag",
        D(2025, 12, 25): "Eerste Kerstdag",
        D(2025, 12, 26): "Tweede Kerstdag",
    }


def test_koningsdag_and_koninginnedag():
    assert D(2026, 4, 27) in feestdagen(2026)
    assert D(2013, 4, 30) in feestdagen(2013)
    assert D(2006, 4, 29) in feestdagen(2006)  # 30 April 2006 was a Sunday


def test_good_friday_is_a_werkdag_and_easter_monday_is_not():
    assert is_werkdag(D(2026, 4, 3))
    assert not is_werkdag(D(2026, 4, 6))


def test_five_werkdagen_over_easter_and_over_christmas_and_new_year():
    # Thursday before Easter: Friday, (Easter Monday skipped) Tuesday ... Friday
    assert plus_werkdagen(D(2026, 4, 2), 5) == D(2026, 4, 10)
    # Christmas Eve: both Christmas days and New Year's Day are skipped
    assert plus_werkdagen(D(2025, 12, 24), 5) == D(2026, 1, 5)
    # an ordinary week: Monday + 5 is the next Monday
    assert plus_werkdagen(D(2026, 3, 2), 5) == D(2026, 3, 9)

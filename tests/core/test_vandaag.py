"""A birth date or decision date is checked against today, also when a conversion checks 100,000 rows
with one lookup of the date per second: the day turns over at midnight in the Netherlands."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from resultaat.core.validators import validate_geboortedatum, vandaag

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def test_today_follows_the_dutch_day_and_the_clock(time_machine):
    time_machine.move_to(dt.datetime(2026, 12, 31, 23, 59, 59, tzinfo=AMSTERDAM), tick=False)
    assert vandaag() == dt.date(2026, 12, 31)
    validate_geboortedatum(dt.date(2026, 12, 31))
    time_machine.move_to(dt.datetime(2027, 1, 1, 0, 0, 0, tzinfo=AMSTERDAM), tick=False)
    assert vandaag() == dt.date(2027, 1, 1)
    with pytest.raises(ValidationError, match="niet in de toekomst"):
        validate_geboortedatum(dt.date(2027, 1, 2))
    validate_geboortedatum(dt.date(2027, 1, 1))

"""Deadlines in werkdagen (Monday to Friday; public holidays are not yet in the calendar)."""

from __future__ import annotations

import datetime as dt


def plus_werkdagen(datum: dt.date, aantal: int) -> dt.date:
    while aantal > 0:
        datum += dt.timedelta(days=1)
        if datum.weekday() < 5:
            aantal -= 1
    return datum

"""Deadlines in werkdagen: Monday to Friday, except the Dutch public holidays.

The holidays are those of the Algemene termijnenwet (art. 3), the law that extends statutory
deadlines past them: Nieuwjaarsdag, Tweede Paasdag, Koningsdag, 5 mei (Bevrijdingsdag, every year as
in that law, not only every fifth year as in some CAOs), Hemelvaartsdag, Tweede Pinksterdag and both
Christmas days. Goede Vrijdag is not a general day off in the Netherlands, so it counts as a werkdag.
Easter (and with it Hemelvaart and Pinksteren) is computed with the anonymous Gregorian algorithm.
"""

from __future__ import annotations

import datetime as dt
import functools


def pasen(jaar: int) -> dt.date:
    """Easter Sunday of ``jaar`` (Gregorian calendar; the Meeus/Jones/Butcher algorithm)."""
    a = jaar % 19
    b, c = divmod(jaar, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    maand, dag = divmod(h + ell - 7 * m + 114, 31)
    return dt.date(jaar, maand, dag + 1)


def koningsdag(jaar: int) -> dt.date:
    """27 April, or the 26th when the 27th is a Sunday; until 2013 Koninginnedag on 30 April (the 29th
    when the 30th is a Sunday)."""
    dag = dt.date(jaar, 4, 27) if jaar >= 2014 else dt.date(jaar, 4, 30)
    return dag - dt.timedelta(days=1) if dag.weekday() == 6 else dag


@functools.cache
def feestdagen(jaar: int) -> dict[dt.date, str]:
    """The public holidays of ``jaar`` that are not a werkdag, with their name."""
    p = pasen(jaar)
    return {
        dt.date(jaar, 1, 1): "Nieuwjaarsdag",
        p + dt.timedelta(days=1): "Tweede Paasdag",
        koningsdag(jaar): "Koningsdag",
        dt.date(jaar, 5, 5): "Bevrijdingsdag",
        p + dt.timedelta(days=39): "Hemelvaartsdag",
        p + dt.timedelta(days=50): "Tweede Pinksterdag",
        dt.date(jaar, 12, 25): "Eerste Kerstdag",
        dt.date(jaar, 12, 26): "Tweede Kerstdag",
    }


def is_werkdag(datum: dt.date) -> bool:
    return datum.weekday() < 5 and datum not in feestdagen(datum.year)


def plus_werkdagen(datum: dt.date, aantal: int) -> dt.date:
    """The date ``aantal`` werkdagen after ``datum`` (``datum`` itself does not count)."""
    while aantal > 0:
        datum += dt.timedelta(days=1)
        if is_werkdag(datum):
            aantal -= 1
    return datum

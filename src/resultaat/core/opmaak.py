"""How money and dates are written for people and for files, in one place.

Money is integer eurocents everywhere; :func:`euro` writes it the Dutch way for screens, letters,
specifications and messages ("€ 1.234,56", "€ -12,50"), :func:`decimaal` the way financial files and
spreadsheets read it ("1234.56"). Dates for people are dd-mm-jjjj (:func:`datum`) or, in letters,
"3 februari 2025" (:func:`lange_datum`). Dates are read from messages, the API and commands as ISO
dates (:func:`lees_datum`).

Every cell of a CSV or XLSX file goes through :func:`veilige_cel` (:func:`csv_tekst` and
:func:`veilige_rij` do it per row): a spreadsheet must never read a name as a formula.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.utils import timezone

MAANDEN = ("januari februari maart april mei juni juli augustus september oktober november december").split()


def euro(cent: int | None) -> str:
    """21600 -> "€ 216,00", 123456 -> "€ 1.234,56", -1250 -> "€ -12,50"; None -> ""."""
    if cent is None:
        return ""
    teken = "-" if cent < 0 else ""
    euros, centen = divmod(abs(int(cent)), 100)
    return f"€ {teken}{euros:,}".replace(",", ".") + f",{centen:02d}"


def getal(n: int | None) -> str:
    """A whole number the Dutch way: 4915 -> "4.915", -12345 -> "-12.345"; None -> ""."""
    if n is None:
        return ""
    return f"{int(n):,}".replace(",", ".")


def decimaal(cent: int) -> str:
    """21600 -> "216.00", -1250 -> "-12.50": an amount for CSV and other machine-read files."""
    return f"{Decimal(int(cent)) / 100:.2f}"


def datum(waarde: dt.date | dt.datetime | None, leeg: str = "") -> str:
    """A date as dd-mm-jjjj (a moment as its local date); ``leeg`` when there is none."""
    if waarde is None or waarde == "":
        return leeg
    if isinstance(waarde, dt.datetime) and timezone.is_aware(waarde):
        waarde = timezone.localtime(waarde)
    return waarde.strftime("%d-%m-%Y")


def datumtijd(waarde: dt.datetime | None) -> str:
    """A moment as dd-mm-jjjj uu:mm in Dutch local time."""
    if waarde is None:
        return ""
    if timezone.is_aware(waarde):
        waarde = timezone.localtime(waarde)
    return waarde.strftime("%d-%m-%Y %H:%M")


def lange_datum(d: dt.date | None, leeg: str = "onbepaalde tijd") -> str:
    """3 februari 2025: the date as a letter writes it."""
    return f"{d.day} {MAANDEN[d.month - 1]} {d.year}" if d else leeg


def lees_datum(waarde: str | None) -> dt.date | None:
    """An ISO date (JJJJ-MM-DD, as in iWmo messages and the API) as a date; empty gives None. Raises
    ValueError when the text is not such a date."""
    return dt.date.fromisoformat(waarde) if waarde else None


def datum_of_onbepaald(d: dt.date | None) -> str:
    """dd-mm-jjjj, or "onbepaald" for an open end: the dates of a toewijzing or a delivery in messages."""
    return datum(d, "onbepaald")


# A spreadsheet reads a cell that starts with one of these as a formula (or, for tab and CR, hides what
# follows). A number as text ("-12,50", "+3") is no formula and stays as it is.
FORMULE_BEGIN = ("=", "+", "-", "@", "\t", "\r")
GETAL = re.compile(r"[+-]?\d+([.,]\d+)*")


def veilige_cel(waarde: Any) -> Any:
    """A value for a CSV or XLSX cell: text that a spreadsheet would take for a formula gets a single
    quote in front (as OWASP advises against CSV injection), ``=HYPERLINK(...)`` -> ``'=HYPERLINK(...)``.
    Numbers, dates and other text are returned unchanged."""
    if isinstance(waarde, str) and waarde.startswith(FORMULE_BEGIN) and not GETAL.fullmatch(waarde):
        return "'" + waarde
    return waarde


def veilige_rij(rij: Iterable[Any]) -> list[Any]:
    """A row for a CSV writer or ``Worksheet.append``, every cell through :func:`veilige_cel`."""
    return [veilige_cel(waarde) for waarde in rij]


def csv_tekst(rijen: Iterable[Iterable[Any]], scheiding: str = ";") -> str:
    """A CSV file (lines end in CRLF) with every cell through :func:`veilige_cel`."""
    out = io.StringIO()
    w = csv.writer(out, delimiter=scheiding)
    for rij in rijen:
        w.writerow(veilige_rij(rij))
    return out.getvalue()

"""A dashboard table once: the page, the XLSX and the CSV are written from the same values.

A :class:`Tabel` holds raw values (whole numbers, Decimals rounded as the page shows them, None for "no
figure"); :func:`toon` writes a value the Dutch way for the page and the CSV, :func:`xlsx` keeps numbers
as numbers with a display format, so the spreadsheet's numbers are the page's.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from openpyxl import Workbook

from resultaat.core.opmaak import csv_tekst, euro, veilige_rij

# Column kinds: how a value is shown and which spreadsheet format it gets.
TEKST, AANTAL, EURO, PROCENT, DECIMAAL = "tekst", "aantal", "euro", "procent", "decimaal"
XLSX_FORMAAT = {AANTAL: "#,##0", EURO: '"€" #,##0.00', PROCENT: '0.0" %"', DECIMAAL: "0.0"}


@dataclass(frozen=True)
class Kolom:
    titel: str
    soort: str = AANTAL


@dataclass(frozen=True)
class Cel:
    tekst: str
    waarde: Any
    getal: bool


@dataclass
class Tabel:
    code: str
    titel: str
    kolommen: list[Kolom]
    rijen: list[list[Any]] = field(default_factory=list)
    # Rows below the line (the region's average, targets): shown and exported after the rows.
    voet: list[list[Any]] = field(default_factory=list)

    def kop(self) -> list[str]:
        return [k.titel for k in self.kolommen]

    def cellen(self, rij: list[Any]) -> list[Cel]:
        return [Cel(toon(w, k.soort), w, k.soort != TEKST) for w, k in zip(rij, self.kolommen, strict=True)]

    @property
    def regels(self) -> list[list[Cel]]:
        return [self.cellen(r) for r in self.rijen]

    @property
    def voetregels(self) -> list[list[Cel]]:
        return [self.cellen(r) for r in self.voet]

    def kolom(self, titel: str) -> list[Any]:
        i = self.kop().index(titel)
        return [r[i] for r in self.rijen]


def getal_nl(waarde: Decimal | int, decimalen: int) -> str:
    """1234.5 -> "1.234,5" (decimalen=1); 1234 -> "1.234"."""
    tekst = f"{waarde:,.{decimalen}f}"
    return tekst.replace(",", "_").replace(".", ",").replace("_", ".")


def toon(waarde: Any, soort: str) -> str:
    """A value as the page and the CSV show it; "–" when there is no figure."""
    if waarde is None:
        return "–" if soort != TEKST else ""
    if soort == EURO:
        return euro(int(Decimal(waarde) * 100))
    if soort == PROCENT:
        return getal_nl(waarde, 1) + " %"
    if soort == DECIMAAL:
        return getal_nl(waarde, 1)
    if soort == AANTAL:
        return getal_nl(waarde, 0)
    return str(waarde)


def csv_waarde(waarde: Any, soort: str) -> str:
    """A value for a Dutch spreadsheet's CSV import: a decimal comma, no thousands separator, no unit (the
    column title has it); empty when there is no figure."""
    if waarde is None:
        return ""
    if soort == TEKST:
        return str(waarde)
    decimalen = {EURO: 2, PROCENT: 1, DECIMAAL: 1}.get(soort, 0)
    return f"{waarde:.{decimalen}f}".replace(".", ",")


def csv(tabel: Tabel) -> str:
    rijen: list[list[Any]] = [tabel.kop()]
    for rij in (*tabel.rijen, *tabel.voet):
        rijen.append([csv_waarde(w, k.soort) for w, k in zip(rij, tabel.kolommen, strict=True)])
    return csv_tekst(rijen)


def xlsx(tabel: Tabel, onderschrift: str) -> bytes:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = tabel.titel[:31]
    ws.append(veilige_rij([tabel.titel]))
    ws.append(veilige_rij([onderschrift]))
    ws.append([])
    ws.append(veilige_rij(tabel.kop()))
    eerste = ws.max_row + 1
    for rij in (*tabel.rijen, *tabel.voet):
        ws.append(veilige_rij(rij))
    for i, kolom in enumerate(tabel.kolommen, start=1):
        formaat = XLSX_FORMAAT.get(kolom.soort)
        if formaat:
            for (cel,) in ws.iter_rows(min_row=eerste, min_col=i, max_col=i):
                cel.number_format = formaat
        ws.column_dimensions[cel_letter(i)].width = 34 if kolom.soort == TEKST else 14
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def cel_letter(i: int) -> str:
    letters = ""
    while i:
        i, rest = divmod(i - 1, 26)
        letters = chr(65 + rest) + letters
    return letters

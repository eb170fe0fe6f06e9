"""P9: no cell of a CSV or XLSX file that the application writes can be a spreadsheet formula."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest

from resultaat.core.opmaak import csv_tekst, veilige_cel
from resultaat.toewijzingen.csv_upload import VOORBEELD

SRC = Path(__file__).resolve().parents[2] / "src" / "resultaat"


@pytest.mark.parametrize(
    ("waarde", "verwacht"),
    [
        ('=HYPERLINK("http://x","klik")', '\'=HYPERLINK("http://x","klik")'),
        ("+31 6 1234", "'+31 6 1234"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("-", "'-"),
        ("-12,50", "-12,50"),
        ("+3", "+3"),
        ("1.234,56", "1.234,56"),
        ("Thuiszorg Noord", "Thuiszorg Noord"),
        ("", ""),
        (12.5, 12.5),
        (None, None),
    ],
)
def test_veilige_cel(waarde, verwacht):
    assert veilige_cel(waarde) == verwacht


def test_csv_tekst_neutralises_every_cell():
    rijen = list(csv.reader(io.StringIO(csv_tekst([["=1+1", "@x"], ["a", "-5"]])), delimiter=";"))
    assert rijen == [["'=1+1", "'@x"], ["a", "-5"]]


def test_the_upload_example_is_written_the_same_way():
    rijen = list(csv.reader(io.StringIO(VOORBEELD), delimiter=";"))
    assert rijen[0][0] == "toewijzingnummer" and len(rijen) == 5
    assert VOORBEELD.endswith("\r\n")


def test_every_csv_and_xlsx_writer_goes_through_veilige_cel():
    """Only core.opmaak makes a csv.writer; a module that builds a workbook appends safe rows only."""
    fouten = []
    for pad in SRC.rglob("*.py"):
        tekst = pad.read_text(encoding="utf-8")
        naam = str(pad.relative_to(SRC))
        if re.search(r"csv\.(writer|DictWriter)\(", tekst) and naam != "core/opmaak.py":
            fouten.append(f"{naam}: csv.writer buiten core.opmaak (gebruik csv_tekst)")
        if "openpyxl" in tekst:
            onveilig = re.findall(r"ws\.append\(\s*+(?!veilige_rij\(|\[\]\))(.{0,30})", tekst)
            if onveilig or ".cell(" in tekst:
                fouten.append(f"{naam}: rijen zonder veilige_rij: {onveilig}")
    assert fouten == []

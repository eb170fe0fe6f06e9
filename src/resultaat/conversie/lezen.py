"""Reading a file of existing indications: CSV (the csv module) or XLSX (openpyxl, read-only), the fields
the import knows, and a first guess of which column holds which field.

Rows come out as tuples of cell values (strings for CSV; strings, numbers, dates for XLSX), numbered
from 1 for the first row below the header, as a person counts them in the file without its header.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from openpyxl import load_workbook


@dataclass(frozen=True)
class Veld:
    code: str
    label: str
    verplicht: bool
    # Column names (lower case, without spaces, dashes and underscores) that mean this field.
    namen: tuple[str, ...]


VELDEN: tuple[Veld, ...] = (
    Veld("bsn", "BSN", True, ("bsn", "burgerservicenummer", "sofinummer")),
    Veld("naam", "Naam", True, ("naam", "clientnaam", "cliëntnaam", "achternaam", "volledigenaam")),
    Veld("geboortedatum", "Geboortedatum", True, ("geboortedatum", "geborenop", "gebdatum")),
    Veld("adres", "Adres (straat en huisnummer)", False, ("adres", "straat", "straatenhuisnummer")),
    Veld("postcode", "Postcode", False, ("postcode",)),
    Veld("woonplaats", "Woonplaats", False, ("woonplaats", "plaats")),
    Veld("gemeente", "Gemeente (code of naam)", True, ("gemeente", "gemeentecode")),
    Veld("product", "Product (bijvoorbeeld HH1, HH2, BG)", True, ("product", "productcode", "voorziening")),
    Veld("uren", "Uren per week", True, ("urenperweek", "uren", "uurperweek", "omvang")),
    Veld(
        "agb",
        "AGB-code aanbieder",
        True,
        ("agb", "agbcode", "agbaanbieder", "agbcodeaanbieder", "aanbieder", "aanbiederagb", "zorgaanbieder"),
    ),
    Veld("begindatum", "Begindatum", True, ("begindatum", "start", "startdatum", "ingangsdatum")),
    Veld("einddatum", "Einddatum", False, ("einddatum", "eind", "einde", "tot")),
    Veld("besluitdatum", "Besluitdatum", True, ("besluitdatum", "beschikkingsdatum", "datumbesluit")),
)
VELD_CODES = tuple(v.code for v in VELDEN)


def _sleutel(kolom: str) -> str:
    return re.sub(r"[\s_\-.]+", "", kolom.strip().lower())


def raad_koppeling(kolommen: list[str]) -> dict[str, str]:
    """Field → column for the columns whose name is one the field is known by."""
    per_sleutel = {_sleutel(k): k for k in kolommen}
    koppeling = {}
    for veld in VELDEN:
        for naam in veld.namen:
            if naam in per_sleutel:
                koppeling[veld.code] = per_sleutel[naam]
                break
    return koppeling


def is_xlsx(inhoud: bytes) -> bool:
    return inhoud[:2] == b"PK"


def _csv_tekst(inhoud: bytes) -> str:
    for codering in ("utf-8-sig", "cp1252"):
        try:
            return inhoud.decode(codering)
        except UnicodeDecodeError:
            continue
    raise ValidationError("Het bestand is geen leesbare tekst (CSV) en geen Excel-bestand (XLSX).")


def _csv_rijen(inhoud: bytes) -> Iterator[tuple[Any, ...]]:
    tekst = _csv_tekst(inhoud)
    eerste = tekst.split("\n", 1)[0]
    scheiding = ";" if eerste.count(";") > eerste.count(",") else ","
    for rij in csv.reader(io.StringIO(tekst, newline=""), delimiter=scheiding):
        yield tuple(rij)


def _xlsx_rijen(inhoud: bytes) -> Iterator[tuple[Any, ...]]:
    try:
        boek = load_workbook(io.BytesIO(inhoud), read_only=True, data_only=True)
    except Exception as fout:  # openpyxl raises many kinds for a damaged file
        raise ValidationError("Het Excel-bestand kan niet worden gelezen.") from fout
    try:
        yield from boek.worksheets[0].iter_rows(values_only=True)
    finally:
        boek.close()


def rijen(inhoud: bytes) -> Iterator[tuple[Any, ...]]:
    """Every row of the file, the header first; empty rows are left out."""
    for rij in _xlsx_rijen(inhoud) if is_xlsx(inhoud) else _csv_rijen(inhoud):
        if any(c not in (None, "") and str(c).strip() for c in rij):
            yield rij


def kolommen_van(inhoud: bytes) -> tuple[list[str], int]:
    """The column names of the file and its number of data rows."""
    alle = rijen(inhoud)
    kop = next(alle, None)
    if kop is None:
        raise ValidationError("Het bestand is leeg.")
    kolommen = [str(k).strip() if k is not None else "" for k in kop]
    if not any(kolommen):
        raise ValidationError("De eerste regel van het bestand moet de kolomnamen bevatten.")
    return kolommen, sum(1 for _ in alle)


def gegevensrijen(
    inhoud: bytes, koppeling: dict[str, str], vanaf: int = 1
) -> Iterator[tuple[int, dict[str, Any]]]:
    """(row number, field → cell) for the data rows from row number ``vanaf`` on."""
    alle = rijen(inhoud)
    kop = [str(k).strip() if k is not None else "" for k in next(alle)]
    index = {veld: kop.index(kolom) for veld, kolom in koppeling.items() if kolom in kop}
    for nummer, rij in enumerate(alle, start=1):
        if nummer < vanaf:
            continue
        yield nummer, {veld: (rij[i] if i < len(rij) else None) for veld, i in index.items()}

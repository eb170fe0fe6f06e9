"""The checks of one row of existing indications, each with a Dutch message that names the column.

``lees_regel`` turns the cells of a row into a :class:`Regel` or raises :class:`Afgekeurd` with every
problem of the row at once, so that the report tells the whole story of a row in one line.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any

from django.core.exceptions import ValidationError

from resultaat.clienten.models import Client
from resultaat.core.grenzen import LAATSTE_DATUM, VROEGSTE_DATUM
from resultaat.core.validators import bsn_is_valid, validate_geboortedatum, vandaag

MAX_UREN_PER_WEEK = Decimal(40)
HONDERDSTE = Decimal("0.01")
TUSSENVOEGSELS = frozenset(
    {"van", "de", "der", "den", "het", "ten", "ter", "te", "in", "'t", "op", "la", "le", "el"}
)


class Afgekeurd(Exception):
    def __init__(self, problemen: list[str], nummer: int = 0) -> None:
        super().__init__("; ".join(problemen))
        self.problemen = problemen
        self.nummer = nummer

    def __reduce__(self) -> tuple[Any, ...]:
        return (Afgekeurd, (self.problemen, self.nummer))


@dataclass
class Naam:
    voorletters: str
    tussenvoegsel: str
    achternaam: str


@dataclass
class Regel:
    """One valid row: the client's details and the old indication."""

    nummer: int
    bsn: str
    naam: Naam
    geboortedatum: dt.date
    straat: str
    huisnummer: str
    postcode: str
    woonplaats: str
    gemeente_id: int
    product: str
    uren: Decimal
    aanbieder_id: int
    begindatum: dt.date
    einddatum: dt.date | None
    besluitdatum: dt.date


def _tekst(waarde: Any) -> str:
    if waarde is None:
        return ""
    if isinstance(waarde, float) and waarde.is_integer():
        return str(int(waarde))
    return str(waarde).strip()


def lees_datum(waarde: Any) -> dt.date | None:
    """A date from a cell: an Excel date, dd-mm-jjjj, d-m-jjjj, jjjj-mm-dd (with / or . as well)."""
    if isinstance(waarde, dt.datetime):
        return waarde.date()
    if isinstance(waarde, dt.date):
        return waarde
    return _datum_uit_tekst(_tekst(waarde))


@lru_cache(maxsize=4096)
def _datum_uit_tekst(tekst: str) -> dt.date | None:
    # A file holds few distinct dates (start and decision dates repeat): each text is read once.
    if not tekst:
        return None
    delen = re.split(r"[-/.]", tekst.split(" ")[0])
    if len(delen) != 3 or not all(d.isdigit() for d in delen):
        raise ValueError(tekst)
    if len(delen[0]) == 4:
        jaar, maand, dag = (int(d) for d in delen)
    else:
        dag, maand, jaar = (int(d) for d in delen)
    return dt.date(jaar, maand, dag)


def splits_naam(tekst: str) -> Naam:
    """ "J.P. de Vries", "Vries, J.P. de" or "de Vries": initials, prefix and surname."""
    if "," in tekst:
        achter, voor = (d.strip() for d in tekst.split(",", 1))
        woorden = voor.split()
        voorletters = " ".join(w for w in woorden if w.lower() not in TUSSENVOEGSELS)
        tussen = " ".join(w for w in woorden if w.lower() in TUSSENVOEGSELS)
        return Naam(voorletters, tussen, achter)
    woorden = tekst.split()
    letters: list[str] = []
    while woorden[:-1] and woorden[0].endswith("."):
        letters.append(woorden.pop(0))
    voegsels: list[str] = []
    while woorden[:-1] and woorden[0].lower() in TUSSENVOEGSELS:
        voegsels.append(woorden.pop(0))
    return Naam(" ".join(letters), " ".join(voegsels), " ".join(woorden))


def splits_adres(tekst: str) -> tuple[str, str]:
    gevonden = re.match(r"^(.*?)\s+(\d+\s*\S*)$", tekst)
    return (gevonden.group(1), gevonden.group(2)) if gevonden else (tekst, "")


@lru_cache(maxsize=1024)
def _uren(tekst: str) -> Decimal | None:
    # Hours per week take few distinct values in a file: each text is read once.
    try:
        return Decimal(tekst).quantize(HONDERDSTE)
    except InvalidOperation:
        return None


def _datum(cellen: dict[str, Any], veld: str, label: str, problemen: list[str]) -> dt.date | None:
    try:
        datum = lees_datum(cellen.get(veld))
    except ValueError:
        problemen.append(f"{label} '{_tekst(cellen.get(veld))}' is geen geldige datum (dd-mm-jjjj)")
        return None
    if datum is not None and not VROEGSTE_DATUM <= datum <= LAATSTE_DATUM:
        problemen.append(f"{label} {_dmj(datum)} ligt niet tussen 1900 en {LAATSTE_DATUM.year}")
        return None
    return datum


def _dmj(datum: dt.date) -> str:
    return f"{datum.day:02d}-{datum.month:02d}-{datum.year:04d}"


def _lengtes(velden: dict[str, tuple[str, str]], problemen: list[str]) -> None:
    """A text longer than its field is refused (never cut off): ``velden`` maps the Client field to
    (label, text)."""
    for veld, (label, tekst) in velden.items():
        grens = getattr(Client._meta.get_field(veld), "max_length", None)
        if grens is not None and len(tekst) > grens:
            problemen.append(f"{label} is te lang: ten hoogste {grens} tekens (nu {len(tekst)})")


def lees_regel(
    nummer: int,
    cellen: dict[str, Any],
    *,
    gemeenten: dict[str, int],
    aanbieders: dict[str, int],
) -> Regel:
    """Check one row; ``gemeenten`` maps a code or lower-case name to a gemeente the user may import for,
    ``aanbieders`` an AGB code to a provider."""
    problemen: list[str] = []
    bsn = _tekst(cellen.get("bsn"))
    if bsn and not bsn.isdigit():
        bsn = re.sub(r"\D", "", bsn)
    bsn = bsn.zfill(9) if bsn else ""
    if not bsn:
        problemen.append("BSN ontbreekt")
    elif not bsn_is_valid(bsn):
        problemen.append("BSN voldoet niet aan de elfproef")
    naamtekst = _tekst(cellen.get("naam"))
    naam = splits_naam(naamtekst) if naamtekst else None
    if naam is None or not naam.achternaam:
        problemen.append("naam ontbreekt")
    geboren = _datum(cellen, "geboortedatum", "geboortedatum", problemen)
    if geboren is None and not any(p.startswith("geboortedatum") for p in problemen):
        problemen.append("geboortedatum ontbreekt")
    elif geboren is not None:
        try:
            validate_geboortedatum(geboren)
        except ValidationError as fout:
            problemen.append(f"geboortedatum {_dmj(geboren)}: {' '.join(fout.messages)}")
    gemeentetekst = _tekst(cellen.get("gemeente"))
    gemeente_id = gemeenten.get(gemeentetekst.zfill(4) if gemeentetekst.isdigit() else gemeentetekst.lower())
    if gemeente_id is None:
        problemen.append(
            f"gemeente '{gemeentetekst}' is niet de gemeente van deze import"
            if gemeentetekst
            else "gemeente ontbreekt"
        )
    product = _tekst(cellen.get("product")).upper().replace(" ", "")
    if not product:
        problemen.append("product ontbreekt")
    elif len(product) > 20:
        problemen.append(f"product '{product}' is te lang")
    urentekst = _tekst(cellen.get("uren")).replace(",", ".")
    uren = _uren(urentekst)
    if uren is None:
        problemen.append(
            f"uren per week '{urentekst}' is geen getal" if urentekst else "uren per week ontbreekt"
        )
    elif not (0 < uren <= MAX_UREN_PER_WEEK):
        problemen.append(f"uren per week {urentekst} ligt niet tussen 0 en {MAX_UREN_PER_WEEK}")
    agb = _tekst(cellen.get("agb"))
    if not agb.isdigit():
        agb = re.sub(r"\D", "", agb)
    aanbieder_id = aanbieders.get(agb.zfill(8)) if agb else None
    if aanbieder_id is None:
        problemen.append(f"aanbieder met AGB-code '{agb}' is onbekend" if agb else "AGB-code ontbreekt")
    begin = _datum(cellen, "begindatum", "begindatum", problemen)
    if begin is None and not any(p.startswith("begindatum") for p in problemen):
        problemen.append("begindatum ontbreekt")
    eind = _datum(cellen, "einddatum", "einddatum", problemen)
    if begin and eind and eind < begin:
        problemen.append("einddatum ligt voor de begindatum")
    besluit = _datum(cellen, "besluitdatum", "besluitdatum", problemen)
    if besluit is None and not any(p.startswith("besluitdatum") for p in problemen):
        problemen.append("besluitdatum ontbreekt")
    elif besluit is not None and besluit > vandaag():
        problemen.append(f"besluitdatum {_dmj(besluit)} ligt in de toekomst")
    if geboren and begin and begin < geboren:
        problemen.append("begindatum ligt voor de geboortedatum")
    straat, huisnummer = splits_adres(_tekst(cellen.get("adres")))
    woonplaats = _tekst(cellen.get("woonplaats"))
    _lengtes(
        {
            "achternaam": ("naam", naam.achternaam if naam else ""),
            "voorletters": ("voorletters", naam.voorletters if naam else ""),
            "tussenvoegsel": ("tussenvoegsel", naam.tussenvoegsel if naam else ""),
            "straat": ("adres", straat),
            "huisnummer": ("huisnummer", huisnummer),
            "woonplaats": ("woonplaats", woonplaats),
        },
        problemen,
    )
    if problemen:
        raise Afgekeurd(problemen, nummer)
    assert naam and geboren and gemeente_id and uren is not None and aanbieder_id and begin and besluit
    postcode = _tekst(cellen.get("postcode")).upper().replace(" ", "")
    if postcode and re.fullmatch(r"[1-9]\d{3}[A-Z]{2}", postcode):
        postcode = f"{postcode[:4]} {postcode[4:]}"
    else:
        postcode = ""
    return Regel(
        nummer=nummer,
        bsn=bsn,
        naam=naam,
        geboortedatum=geboren,
        straat=straat,
        huisnummer=huisnummer,
        postcode=postcode,
        woonplaats=woonplaats,
        gemeente_id=gemeente_id,
        product=product,
        uren=uren,
        aanbieder_id=aanbieder_id,
        begindatum=begin,
        einddatum=eind,
        besluitdatum=besluit,
    )


# The lookups of a process that reads blocks of rows for an import (set once by its pool's initializer).
OPZOEKLIJSTEN: dict[str, dict[str, int]] = {"gemeenten": {}, "aanbieders": {}}


def zet_opzoeklijsten(gemeenten: dict[str, int], aanbieders: dict[str, int]) -> None:
    OPZOEKLIJSTEN["gemeenten"], OPZOEKLIJSTEN["aanbieders"] = gemeenten, aanbieders


def lees_blok(
    blok: list[tuple[int, dict[str, Any]]],
    gemeenten: dict[str, int] | None = None,
    aanbieders: dict[str, int] | None = None,
) -> list[Regel | Afgekeurd]:
    """Each (row number, cells) of ``blok`` read into a :class:`Regel`, or its :class:`Afgekeurd`. Plain
    Python without the database, so a second process can read while the first one writes."""
    gemeenten = OPZOEKLIJSTEN["gemeenten"] if gemeenten is None else gemeenten
    aanbieders = OPZOEKLIJSTEN["aanbieders"] if aanbieders is None else aanbieders
    uit: list[Regel | Afgekeurd] = []
    for nummer, cellen in blok:
        try:
            uit.append(lees_regel(nummer, cellen, gemeenten=gemeenten, aanbieders=aanbieders))
        except Afgekeurd as fout:
            uit.append(fout)
    return uit

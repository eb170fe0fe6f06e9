"""CSV upload of starts and stops, for small providers without iWmo software.

One row per event, applied in file order through the same services as the portal (bron CSV), so the
same rules give the same Dutch messages. The whole file runs in one transaction with a savepoint per
row: a file with any error applies nothing, unless the user chose to apply only the valid rows.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from resultaat.core.codes import WMO588RedenBeeindiging
from resultaat.core.opmaak import csv_tekst
from resultaat.toewijzingen import services
from resultaat.toewijzingen.models import LeveringBron, Toewijzing

KOLOMMEN = ("toewijzingnummer", "gemeentecode", "soort", "datum", "reden", "toelichting")
SOORTEN = {
    "start": "start",
    "tijdelijke_stop": "tijdelijke stop",
    "hervatting": "hervatting",
    "stop": "stop",
}
MAX_BYTES = 2 * 1024 * 1024
VOORBEELD = csv_tekst(
    [
        ["toewijzingnummer", "gemeentecode", "soort", "datum", "reden", "toelichting"],
        ["1001", "0361", "start", "02-01-2017", "", ""],
        ["1001", "0361", "tijdelijke_stop", "06-03-2017", "", "ziekenhuisopname"],
        ["1001", "0361", "hervatting", "2017-04-03", "", ""],
        ["1002", "0361", "stop", "31-05-2017", "19", "doel bereikt"],
    ]
)


class CsvBestandFout(Exception):
    """The file as a whole cannot be read: nothing is applied."""


@dataclass
class CsvRegel:
    regelnummer: int
    toewijzingnummer: str
    soort: str
    status: str = ""  # toegepast, fout, niet toegepast
    tekst: str = ""


@dataclass
class CsvVerslag:
    regels: list[CsvRegel] = field(default_factory=list)
    toegepast: bool = False

    @property
    def fouten(self) -> int:
        return sum(1 for r in self.regels if r.status == "fout")

    @property
    def aantal_toegepast(self) -> int:
        return sum(1 for r in self.regels if r.status == "toegepast")


def _lees(data: bytes) -> list[list[str]]:
    if len(data) > MAX_BYTES:
        raise CsvBestandFout("Het bestand is groter dan 2 MB. Splits het in kleinere bestanden.")
    try:
        tekst = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CsvBestandFout(
            "Het bestand is geen UTF-8-tekst. Sla het in uw spreadsheet op als 'CSV UTF-8'."
        ) from None
    if "\x00" in tekst:
        raise CsvBestandFout("Dit is geen CSV-bestand (tekst met puntkomma's of komma's).")
    regels = [r for r in tekst.splitlines() if r.strip()]
    if not regels:
        raise CsvBestandFout("Het bestand is leeg.")
    kop = regels[0]
    scheiding = ";" if ";" in kop else "," if "," in kop else None
    if scheiding is None:
        raise CsvBestandFout(
            "Dit is geen CSV-bestand: de kopregel moet kolommen hebben, gescheiden door ; of ,."
        )
    rijen = list(csv.reader(io.StringIO(tekst), delimiter=scheiding))
    kolommen = tuple(k.strip().lower() for k in rijen[0])
    if kolommen != KOLOMMEN:
        raise CsvBestandFout(
            f"De kopregel klopt niet. Verwacht: {';'.join(KOLOMMEN)} (gevonden: {';'.join(kolommen)})."
        )
    if not any(any(c.strip() for c in r) for r in rijen[1:]):
        raise CsvBestandFout("Het bestand heeft een kopregel maar geen regels met starts of stops.")
    return rijen


def _datum(waarde: str) -> dt.date:
    for formaat in ("%d-%m-%Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(waarde.strip(), formaat).date()
        except ValueError:
            continue
    raise ValidationError(f"De datum '{waarde}' is ongeldig: gebruik DD-MM-JJJJ of JJJJ-MM-DD.")


def _toewijzing(aanbieder: Any, nummer: str, gemeentecode: str) -> Toewijzing:
    # Another provider's number gives the same message as an unknown number: it reveals nothing.
    gevonden = None
    if nummer.strip().isdigit():
        gevonden = (
            Toewijzing.objects.filter(
                aanbieder=aanbieder, gemeente__code=gemeentecode.strip(), nummer=int(nummer.strip())
            )
            .select_related("gemeente", "product")
            .first()
        )
    if gevonden is None:
        raise ValidationError(
            f"Toewijzing {nummer.strip() or '(leeg)'} van gemeente {gemeentecode.strip() or '(leeg)'} "
            "is niet bekend bij uw organisatie."
        )
    return gevonden


def _pas_toe(door: Any, aanbieder: Any, rij: list[str]) -> str:
    """Apply one row; returns what was done, or raises ValidationError with the Dutch message."""
    if len(rij) != len(KOLOMMEN):
        raise ValidationError(f"De regel heeft {len(rij)} kolommen in plaats van {len(KOLOMMEN)}.")
    nummer, gemeentecode, soort, datum_tekst, reden, toelichting = (c.strip() for c in rij)
    soort = soort.lower()
    if soort not in SOORTEN:
        raise ValidationError(f"Onbekende soort '{soort}': gebruik {', '.join(SOORTEN)}.")
    datum = _datum(datum_tekst)
    toewijzing = _toewijzing(aanbieder, nummer, gemeentecode)
    if soort in ("start", "hervatting"):
        if reden:
            raise ValidationError("Een start of hervatting heeft geen reden.")
        services.meld_start(
            door=door,
            toewijzing=toewijzing,
            begindatum=datum,
            bron=LeveringBron.CSV,
            hervatting=soort == "hervatting",
        )
        return f"{SOORTEN[soort].capitalize()} per {datum:%d-%m-%Y} gemeld."
    if soort == "tijdelijke_stop":
        if reden and reden != WMO588RedenBeeindiging.TIJDELIJK:
            raise ValidationError("Een tijdelijke stop heeft reden 20 of geen reden.")
        reden = WMO588RedenBeeindiging.TIJDELIJK
    else:
        if not reden:
            raise ValidationError("Een stop heeft een reden (code uit WMO588, bijvoorbeeld 19).")
        reden = reden.zfill(2)
        if reden == WMO588RedenBeeindiging.TIJDELIJK:
            raise ValidationError("Reden 20 is een tijdelijke stop: gebruik soort tijdelijke_stop.")
        if reden not in WMO588RedenBeeindiging.values:
            raise ValidationError(f"Onbekende reden '{reden}': gebruik een code uit WMO588.")
    services.meld_stop(
        door=door, toewijzing=toewijzing, einddatum=datum, reden=reden, toelichting=toelichting
    )
    return f"{SOORTEN[soort].capitalize()} per {datum:%d-%m-%Y} gemeld."


def verwerk_csv(*, door: Any, aanbieder: Any, data: bytes, alleen_geldige: bool = False) -> CsvVerslag:
    """Read and apply a CSV file of starts and stops for ``aanbieder``; a report per row.

    Raises :class:`CsvBestandFout` when the file as a whole is unreadable."""
    rijen = _lees(data)
    verslag = CsvVerslag()
    with transaction.atomic():
        for nummer, rij in enumerate(rijen[1:], start=2):
            if not any(c.strip() for c in rij):
                continue
            regel = CsvRegel(
                regelnummer=nummer,
                toewijzingnummer=rij[0].strip() if rij else "",
                soort=rij[2].strip().lower() if len(rij) > 2 else "",
            )
            verslag.regels.append(regel)
            try:
                with transaction.atomic():
                    regel.tekst = _pas_toe(door, aanbieder, rij)
                    regel.status = "toegepast"
            except ValidationError as fout:
                regel.status = "fout"
                regel.tekst = " ".join(fout.messages)
        if verslag.fouten and not alleen_geldige:
            transaction.set_rollback(True)
            for regel in verslag.regels:
                if regel.status == "toegepast":
                    regel.status = "niet toegepast"
                    regel.tekst = f"In orde, maar niet toegepast: {regel.tekst}"
        else:
            verslag.toegepast = True
    return verslag

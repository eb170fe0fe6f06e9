"""Validators for the identifiers of the Dutch care domain; each error message is Dutch."""

from __future__ import annotations

import datetime as dt
import re
import time

from django.core.exceptions import ValidationError
from django.utils import timezone


def bsn_is_valid(value: str) -> bool:
    """The elfproef of a burgerservicenummer: nine digits, weights 9..2 and -1, sum divisible by 11."""
    # Plain arithmetic: an import checks a BSN per row of files of 100,000 rows.
    if not value or len(value) != 9 or not (value.isascii() and value.isdigit()) or value == "000000000":
        return False
    c = [ord(t) - 48 for t in value]
    total = 9 * c[0] + 8 * c[1] + 7 * c[2] + 6 * c[3] + 5 * c[4] + 4 * c[5] + 3 * c[6] + 2 * c[7] - c[8]
    return total % 11 == 0


def validate_bsn(value: str) -> None:
    if not re.fullmatch(r"\d{9}", value or ""):
        raise ValidationError("Een BSN bestaat uit precies 9 cijfers.", code="bsn_format")
    if not bsn_is_valid(value):
        raise ValidationError("Dit BSN is ongeldig: het voldoet niet aan de elfproef.", code="bsn_elfproef")


def validate_gemeentecode(value: str) -> None:
    if not re.fullmatch(r"\d{4}", value or ""):
        raise ValidationError("Een gemeentecode (CBS) bestaat uit precies 4 cijfers.", code="gemeentecode")


def validate_agb_code(value: str) -> None:
    if not re.fullmatch(r"\d{8}", value or ""):
        raise ValidationError("Een AGB-code bestaat uit precies 8 cijfers.", code="agb_code")


def validate_kvk_nummer(value: str) -> None:
    if not re.fullmatch(r"\d{8}", value or ""):
        raise ValidationError("Een KvK-nummer bestaat uit precies 8 cijfers.", code="kvk")


def iban_is_valid(value: str) -> bool:
    iban = (value or "").replace(" ", "").upper()
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{10,30}", iban):
        return False
    if iban.startswith("NL") and len(iban) != 18:
        return False
    rearranged = iban[4:] + iban[:4]
    number = "".join(str(int(ch, 36)) for ch in rearranged)
    return int(number) % 97 == 1


def validate_iban(value: str) -> None:
    if not iban_is_valid(value):
        raise ValidationError(
            "Dit IBAN is ongeldig: controleer de landcode, de lengte en het controlegetal.", code="iban"
        )


def validate_postcode(value: str) -> None:
    if value and not re.fullmatch(r"[1-9]\d{3} ?[A-Z]{2}", value):
        raise ValidationError(
            "Een postcode is vier cijfers en twee hoofdletters, zoals 1811 AB.", code="postcode"
        )


HOOGSTE_LEEFTIJD = 120


_VANDAAG: tuple[int, dt.date] = (-1, dt.date.min)


def vandaag() -> dt.date:
    """Today's date (``timezone.localdate()``), worked out at most once per second: a bulk check (the
    conversion of an existing caseload) asks it for every row, and the time zone lookup behind it costs
    more than the check itself."""
    global _VANDAAG
    seconde = int(time.time())
    if _VANDAAG[0] != seconde:
        _VANDAAG = (seconde, timezone.localdate())
    return _VANDAAG[1]


def validate_geboortedatum(value: dt.date) -> None:
    """A birth date is not in the future and at most 120 years ago."""
    vandaag_ = vandaag()
    if value > vandaag_:
        raise ValidationError("Een geboortedatum ligt niet in de toekomst.", code="geboortedatum_toekomst")
    try:
        grens = vandaag_.replace(year=vandaag_.year - HOOGSTE_LEEFTIJD)
    except ValueError:  # 29 February
        grens = vandaag_.replace(year=vandaag_.year - HOOGSTE_LEEFTIJD, day=28)
    if value < grens:
        raise ValidationError(
            f"Een geboortedatum ligt niet meer dan {HOOGSTE_LEEFTIJD} jaar terug.", code="geboortedatum_oud"
        )


def validate_niet_in_toekomst(value: dt.date) -> None:
    if value > vandaag():
        raise ValidationError("Deze datum ligt niet in de toekomst.", code="toekomst")

"""The demo's constants, its errors, the stages of the chain and the generated identifiers."""

from __future__ import annotations

import datetime as dt
import random
import unicodedata
from collections.abc import Iterator
from enum import StrEnum
from zoneinfo import ZoneInfo

DEMO_WACHTWOORD = "resultaat-demo"
REGIO_NAAM = "Regio Alkmaar (demo)"
# How the access log and the pages name the writer of the demo data.
ACTOR = "opbouw demoregio"
TARIEF_VANAF = dt.date(2025, 1, 1)
CHUNK = 2500
TZ = ZoneInfo("Europe/Amsterdam")
DAG = dt.timedelta(days=1)
# The region records the ZRM (13 domains) in every onderzoek report of the last half year, so every
# running and recent onderzoek has them; older reports in the demo carry none (ZRM scores are 13 rows per
# onderzoek: for all of them they would be a third of the demo's data and time).
ZRM_SINDS = dt.timedelta(days=183)


class DemoFout(Exception):
    """The demo cannot be built (for example: the catalogue lacks a product)."""


class DemoBestaatAl(DemoFout):
    """The database already holds clients."""

    def __init__(self, aantal: int) -> None:
        super().__init__(
            f"De database bevat al {aantal} cliënten. De demo vult alleen een lege database: "
            "gebruik --keep-existing om niets te doen, of begin met een nieuwe database."
        )
        self.aantal = aantal


class Fase(StrEnum):
    """Where a client stands in the chain."""

    MELDING = "melding"
    MELDING_TE_LAAT = "melding-te-laat"
    ONDERZOEK = "onderzoek"
    AANVRAAG = "aanvraag"
    AFGEWEZEN = "afgewezen"
    TOEGEWEZEN = "toegewezen"
    GESTART = "gestart"
    TIJDELIJK_GESTOPT = "tijdelijk-gestopt"
    HERVAT = "hervat"
    BEEINDIGD = "beeindigd"
    OVERLEDEN = "overleden"
    OVERSTAP = "overstap"


FASE_OMSCHRIJVING = {
    Fase.MELDING: "melding ontvangen, onderzoek nog niet gestart",
    Fase.MELDING_TE_LAAT: "melding ouder dan 6 weken, geen onderzoek (te laat)",
    Fase.ONDERZOEK: "onderzoek loopt (ZRM ingevuld)",
    Fase.AANVRAAG: "aanvraag wacht op besluit",
    Fase.AFGEWEZEN: "beschikking afgewezen",
    Fase.TOEGEWEZEN: "toegekend, toewijzing verstuurd, nog niet gestart",
    Fase.GESTART: "ondersteuning loopt",
    Fase.TIJDELIJK_GESTOPT: "tijdelijk gestopt (reden 20)",
    Fase.HERVAT: "tijdelijk gestopt en hervat",
    Fase.BEEINDIGD: "beëindigd volgens plan (reden 19)",
    Fase.OVERLEDEN: "beëindigd door overlijden (reden 02)",
    Fase.OVERSTAP: "overgestapt naar andere aanbieder (09)",
}

FASE_GEWICHT: dict[Fase, float] = {
    Fase.MELDING: 0.04,
    Fase.MELDING_TE_LAAT: 0.015,
    Fase.ONDERZOEK: 0.05,
    Fase.AANVRAAG: 0.04,
    Fase.AFGEWEZEN: 0.03,
    Fase.TOEGEWEZEN: 0.05,
    Fase.GESTART: 0.565,
    Fase.TIJDELIJK_GESTOPT: 0.02,
    Fase.HERVAT: 0.04,
    Fase.BEEINDIGD: 0.07,
    Fase.OVERLEDEN: 0.02,
    Fase.OVERSTAP: 0.06,
}
MET_TOEWIJZING = frozenset(
    {
        Fase.TOEGEWEZEN,
        Fase.GESTART,
        Fase.TIJDELIJK_GESTOPT,
        Fase.HERVAT,
        Fase.BEEINDIGD,
        Fase.OVERLEDEN,
        Fase.OVERSTAP,
    }
)


def fase_verdeling(aantal: int, rng: random.Random) -> list[Fase]:
    """Stages for ``aantal`` clients: every stage at least once (when there is room), then shuffled."""
    quota = {fase: max(1, round(gewicht * aantal)) for fase, gewicht in FASE_GEWICHT.items()}
    verschil = aantal - sum(quota.values())
    quota[Fase.GESTART] += verschil
    if quota[Fase.GESTART] < 1:  # tiny demos: drop stages from the end until it fits
        quota[Fase.GESTART] = 1
        for fase in reversed(list(quota)):
            while sum(quota.values()) > aantal and quota[fase] > 0 and fase != Fase.GESTART:
                quota[fase] -= 1
    fasen = [fase for fase, n in quota.items() for _ in range(n)][:aantal]
    rng.shuffle(fasen)
    return fasen


# --------------------------------------------------------------------------------------------------
# Identifiers
# --------------------------------------------------------------------------------------------------


def _plus_jaren(datum: dt.date, jaren: int) -> dt.date:
    """The same day ``jaren`` years later (28 February for 29 February)."""
    try:
        return datum.replace(year=datum.year + jaren)
    except ValueError:
        return datum.replace(year=datum.year + jaren, day=28)


def _ascii(tekst: str) -> str:
    """Ö -> O: for e-mail addresses."""
    return unicodedata.normalize("NFKD", tekst).encode("ascii", "ignore").decode()


def nl_iban(bank: str, rekening: str) -> str:
    """A Dutch IBAN with its mod-97 check digits (ISO 13616)."""
    bban = f"{bank}{rekening:0>10}"
    numeriek = "".join(str(int(c, 36)) for c in bban + "NL00")
    return f"NL{98 - int(numeriek) % 97:02d}{bban}"


def bsn_reeks(rng: random.Random) -> Iterator[str]:
    """Distinct BSNs that pass the elfproef, drawn from ``rng``."""
    gezien: set[str] = set()
    while True:
        eerste = str(rng.randint(1, 6))
        rest = f"{rng.randrange(10**7):07d}"
        acht = eerste + rest
        som = sum(int(c) * w for c, w in zip(acht, range(9, 1, -1), strict=True))
        laatste = som % 11
        if laatste == 10:
            continue
        bsn = acht + str(laatste)
        if bsn in gezien:
            continue
        gezien.add(bsn)
        yield bsn

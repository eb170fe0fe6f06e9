"""A deterministic demo region: "Regio Alkmaar (demo)", built fast with set-based writes.

:func:`genereer_demo` builds five gemeenten with their real CBS codes, eight providers (AGB code, KvK
number, IBAN with a computed mod-97 check), one regional contract per provider with contracted
products, capacity, waiting times and two subcontractors, a sociale kaart per gemeente, demo users
for every role, and N clients spread over every stage of the chain: melding (some past the six-week
deadline), onderzoek with ZRM scores, aanvraag awaiting a decision, beschikking toegekend and
afgewezen, toewijzing sent but not started, started, temporarily stopped (reden 20) and resumed,
stopped (reden 19 volgens plan, reden 02 overlijden), provider switches (old toewijzing ended with
reden_wijziging 09, the new one with ``voorganger`` starting the next day), ondersteuningsplannen
with doelen, activiteiten and the Plus, evaluaties, signalen and werklijst items. After the bulk part,
a few actions go through the services as a demo login would make them: two providers return a new
toewijzing, three ask for a toewijzing and for a change (:meth:`_Generator.portaal`), and the last two
finished periods of Alkmaar are settled and approved by the ``financieel`` login, so the providers have
payment specifications (:meth:`_Generator.afrekeningen`).

Determinism: every choice comes from one ``random.Random(seed)`` consumed in a fixed order, and every
date is anchored on ``vandaag``. The same seed, number of clients and ``vandaag`` give the same rows;
only what the services write after the bulk part carries the real moment and the services' own
references (a request's submission time and PORTAAL reference, a run's creation time). The
registration timestamps that the models fill with
``auto_now_add`` (Client.aangemaakt_op, ToewijzingVersie.vastgelegd_op, Levering.start_gemeld_op,
WerklijstItem.aangemaakt_op) are set from the demo's own timeline while the generator runs; only the
audit trail (AuditEvent.tijdstip) records the real moment, because it must say when the generator
actually wrote.

Speed: clients are built in memory in chunks and written with ``bulk_create`` in one transaction, in
foreign-key order, with no query per row. Every bulk write of client data also writes its audit
events (see :mod:`resultaat.core.audit.models`), attributed to the actor ``generate_demo``.

Voorbeeldtarieven (demo): the catalogue migration has no tariffs for 2025 and later, so the demo adds
example tariffs per four-week period, valid from 2025-01-01, for the products it uses and only where
no tariff exists yet (see ``PRODUCTEN``). They are demo figures, not negotiated prices.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import math
import random
import time
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from django.contrib.auth.hashers import make_password
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone

from resultaat.accounts.models import Rol, User
from resultaat.accounts.services import BEHEERGROEPEN, geef_beheertoegang
from resultaat.catalogus.codes import (
    COD046Geslacht,
    WMO002RedenWijziging,
    WMO588RedenBeeindiging,
)
from resultaat.catalogus.models import Aandachtspunt, Product, Resultaat, Subresultaat, Tarief, TariefPeriode
from resultaat.clienten.models import Client, Huishouden
from resultaat.contracten.models import Contract, ContractProduct, Onderaannemer
from resultaat.core.audit.context import acting_as
from resultaat.ondersteuning.models import (
    AkkoordWijze,
    Evaluatie,
    Ondersteuningsplan,
    PlanActiviteit,
    PlanDoel,
    PlanStatus,
    PlusAfspraak,
    PlusSoort,
    Regiefrequentie,
    ResultaatBehaald,
    Signaal,
    SignaalSoort,
    SignaalStatus,
    SocialeKaartVoorziening,
    Uitvoerder,
)
from resultaat.organisaties.models import Aanbieder, Gemeente, Regio
from resultaat.toegang.models import (
    Aanvraag,
    AanvraagStatus,
    Beschikking,
    BeschiktResultaat,
    Besluit,
    Melding,
    MeldingStatus,
    MeldingWijze,
    Onderzoek,
    OnderzoekResultaat,
    ZRMDomein,
    ZRMScore,
)
from resultaat.toewijzingen import services as tw_services
from resultaat.toewijzingen.models import (
    Levering,
    LeveringBron,
    ReactieAanbieder,
    Toewijzing,
    ToewijzingVersie,
)
from resultaat.werklijst.models import WerklijstItem, WerklijstSoort, WerklijstStatus

DEMO_WACHTWOORD = "resultaat-demo"
REGIO_NAAM = "Regio Alkmaar (demo)"
ACTOR = "generate_demo"
TARIEF_VANAF = dt.date(2025, 1, 1)
CHUNK = 2500
TZ = ZoneInfo("Europe/Amsterdam")
DAG = dt.timedelta(days=1)
# The region records the ZRM (13 domains) in every onderzoek report of the last half year, so every
# running and recent onderzoek has them; older reports in the demo carry none (ZRM scores are 13 rows per
# onderzoek: for all of them they would be a third of the demo's data and time).
ZRM_SINDS = dt.timedelta(days=183)

T = TypeVar("T")


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


# --------------------------------------------------------------------------------------------------
# The fixed region: gemeenten, places, streets, providers, products
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Plaats:
    naam: str
    postcodes: tuple[int, ...]
    netnummer: str
    straten: tuple[str, ...]


@dataclass(frozen=True)
class GemeenteInfo:
    code: str
    naam: str
    postadres: str
    aandeel: int  # relative number of clients (roughly the population)
    plaatsen: tuple[Plaats, ...]


# fmt: off
GEMEENTEN: tuple[GemeenteInfo, ...] = (
    GemeenteInfo("0361", "Alkmaar", "Postbus 53, 1800 BC Alkmaar", 110, (
        Plaats("Alkmaar", (1811, 1813, 1814, 1815, 1816, 1817, 1821, 1822, 1823, 1824, 1825), "072", (
            "Laat", "Langestraat", "Oudegracht", "Koorstraat", "Kennemerstraatweg", "Westerweg",
            "Nassaulaan", "Emmastraat", "Bergerweg", "Frieseweg", "Schermerweg", "Ritsevoort",
            "Geestersingel", "Kanaalkade", "Vondelstraat", "Mozartstraat", "Beethovenlaan",
            "Nieuwlandersingel", "Drechterwaard", "Middelweg", "Zevenhuizen", "Oudorperdijk",
            "Van Everdingenstraat", "Wilhelminalaan", "De Ruyterkade", "Munnikenweg",
        )),
        Plaats("Stompetoren", (1834,), "072", (
            "Oterlekerweg", "Dorpsstraat", "Kerkbuurt",
        )),
    )),
    GemeenteInfo("1980", "Dijk en Waard", "Postbus 390, 1700 AJ Heerhugowaard", 90, (
        Plaats("Heerhugowaard", (1701, 1702, 1703, 1704, 1705, 1706), "072", (
            "Middenweg", "Van Veenweg", "Rustenburgerweg", "Zandhorst", "Jan Glijnisweg", "Gildestraat",
            "Van Eedenstraat", "Beukenlaan", "Dreef", "Raadhuisplein", "Hugowaard", "Steenbakkersweg",
            "Zuidtangent", "Kerkweg", "Oostertocht",
        )),
        Plaats("Broek op Langedijk", (1721,), "0226", (
            "Dorpsstraat", "Voorburggracht", "Molenweg",
        )),
        Plaats("Noord-Scharwoude", (1723,), "0226", (
            "Dorpsstraat", "Kanaalweg", "Oosterstraat",
        )),
    )),
    GemeenteInfo("0383", "Castricum", "Postbus 1301, 1900 BH Castricum", 36, (
        Plaats("Castricum", (1901, 1902), "0251", (
            "Dorpsstraat", "Burgemeester Mooijstraat", "Soomerwegh", "Van Speijkstraat",
            "Beverwijkerstraatweg", "Geversweg", "Koningsweg", "Zeeweg", "Stationsweg", "Mient", "Overtoom",
            "Kleibroek",
        )),
        Plaats("Limmen", (1906,), "072", (
            "Dusseldorperweg", "Rijksweg", "Zuidkerkenlaan",
        )),
        Plaats("Akersloot", (1921,), "0251", (
            "Kerkelaan", "Hoogeweg", "Julianaweg",
        )),
    )),
    GemeenteInfo("0373", "Bergen (NH)", "Postbus 175, 1860 AD Bergen", 30, (
        Plaats("Bergen", (1861, 1862), "072", (
            "Breelaan", "Dorpsstraat", "Stationsstraat", "Karel de Grotelaan", "Eeuwigelaan", "Buerweg",
            "Oude Prinsweg", "Van Blaricumlaan", "Ruinelaan", "Zeeweg",
        )),
        Plaats("Egmond aan Zee", (1931,), "072", (
            "Voorstraat", "Boulevard Noord", "Zuiderstraat",
        )),
        Plaats("Schoorl", (1871,), "072", (
            "Laanweg", "Heereweg", "Duinweg",
        )),
    )),
    GemeenteInfo("0399", "Heiloo", "Postbus 1, 1850 AA Heiloo", 24, (
        Plaats("Heiloo", (1851, 1852), "072", (
            "Heerenweg", "Zeeweg", "Kennemerstraatweg", "Stationsweg", "Kerkelaan", "Vennewatersweg",
            "Holleweg", "Hoogeweg", "Zevenhuizerlaan", "Baafjesweg", "Beukenlaan", "Ypestein",
        )),
    )),
)
# fmt: on

# Product groups: HOB huishoudelijke ondersteuning, BG begeleiding, PV persoonlijke verzorging,
# DB dagbesteding, VVR vervoer (an aanvullend arrangement with dagbesteding).
HOB, BG, PV, DB, VVR = "HOB", "BG", "PV", "DB", "VVR"


@dataclass(frozen=True)
class AanbiederInfo:
    sleutel: str
    naam: str
    agb: str
    kvk: str
    bank: str
    rekening: str
    straat: str
    huisnummer: str
    postcode: str
    plaats: str
    telefoon: str
    groepen: tuple[str, ...]
    gemeenten: tuple[str, ...]  # CBS codes
    gewicht: int  # relative market share
    onderaannemer: tuple[str, str, str] | None = None  # naam, AGB, KvK


ALLE = tuple(g.code for g in GEMEENTEN)

# fmt: off
AANBIEDERS: tuple[AanbiederInfo, ...] = (
    AanbiederInfo(
        "schermer", "Thuiszorg De Schermer", "98123401", "41234567", "RABO", "0317452190",
        "Kanaalkade", "12", "1811 LT", "Alkmaar", "072 511 2200", (HOB, PV), ALLE, 5,
        ("Schoonmaakcollectief Het Zand", "98123481", "62233445"),
    ),
    AanbiederInfo(
        "duinpolder", "Zorgcollectief Duin & Polder", "98123402", "52345678", "INGB", "0006733182",
        "Stationsweg", "41", "1851 LV", "Heiloo", "072 533 4100", (HOB, BG, PV), ALLE, 4,
    ),
    AanbiederInfo(
        "hulpthuis", "HulpThuis Noord-Kennemerland", "98123403", "63456789", "ABNA", "0541236789",
        "Middelweg", "7", "1822 BJ", "Alkmaar", "072 564 0870", (HOB,), ("0361", "0399", "0383", "0373"), 3,
    ),
    AanbiederInfo(
        "opmaat", "Stichting Begeleiding Op Maat", "98123404", "74567890", "TRIO", "0390477215",
        "Middenweg", "204", "1701 GD", "Heerhugowaard", "072 574 9911", (BG,), ALLE, 4,
        ("Ervaringsdeskundig Werk NH", "98123484", "85566778"),
    ),
    AanbiederInfo(
        "hoefsmid", "Dagcentrum De Hoefsmid", "98123405", "85678901", "RABO", "0152837465",
        "Oudorperdijk", "3", "1823 CK", "Alkmaar", "072 520 6633", (DB, VVR),
        ("0361", "1980", "0399", "0373"), 3,
    ),
    AanbiederInfo(
        "welzijn", "Welzijn & Zorg Heiloo-Castricum", "98123406", "96789012", "SNSB", "0927461538",
        "Geversweg", "1", "1901 AA", "Castricum", "0251 654 200", (HOB, BG, DB, VVR), ("0399", "0383"), 3,
    ),
    AanbiederInfo(
        "schoonfris", "Schoon & Fris Huishoudservice", "98123407", "17890123", "INGB", "0004512398",
        "Edisonweg", "18", "1704 RV", "Heerhugowaard", "072 571 3030", (HOB,), ("0361", "1980"), 3,
    ),
    AanbiederInfo(
        "samenthuis", "Stichting Samen Thuis", "98123408", "28901234", "ABNA", "0812345670",
        "Breelaan", "9", "1861 GC", "Bergen", "072 589 1144", (BG, PV, DB, VVR), ALLE, 4,
    ),
)
# fmt: on


@dataclass(frozen=True)
class ProductInfo:
    categorie: str
    code: str
    groep: str
    tarief_cent: int  # voorbeeldtarief (demo) per four-week period from 2025-01-01
    gewicht: int  # share within the group
    frequentie: str  # what the client can expect, in the beschikking
    minuten: tuple[int, int] | None = None  # minutes per week (huishoudelijke ondersteuning)
    # The results this product is granted for when the catalogue links it to none (the matrix products
    # of begeleiding, PV and dagbesteding are levels, not results): (result code, weight).
    resultaten: tuple[tuple[str, int], ...] = ()


RESULTATEN_BG = (
    ("administratie-en-geld", 35),
    ("regelvermogen-zelfregie", 30),
    ("sociaal-netwerk-participatie", 20),
    ("structuur-huishouden", 15),
)
RESULTATEN_PV = (("gezondheid-symptomen", 1),)
RESULTATEN_DB = (("zinvolle-dagbesteding", 85), ("mantelzorg", 15))

PRODUCTEN: tuple[ProductInfo, ...] = (
    ProductInfo("01", "HOB1", HOB, 18000, 30, "één keer per week", (60, 90)),
    ProductInfo("01", "HOB2", HOB, 24500, 50, "één keer per week", (91, 130)),
    ProductInfo("01", "HOB3", HOB, 42000, 20, "twee keer per week", (131, 260)),
    ProductInfo("02", "BGL", BG, 34000, 40, "één keer per week", resultaten=RESULTATEN_BG),
    ProductInfo("02", "BGM", BG, 69000, 45, "twee keer per week", resultaten=RESULTATEN_BG),
    ProductInfo("02", "BGZ", BG, 103000, 15, "meerdere keren per week", resultaten=RESULTATEN_BG),
    ProductInfo("03", "PVL", PV, 29000, 40, "twee tot drie keer per week", resultaten=RESULTATEN_PV),
    ProductInfo("03", "PVM", PV, 58000, 40, "dagelijks", resultaten=RESULTATEN_PV),
    ProductInfo("03", "PVZ", PV, 95000, 20, "dagelijks, meerdere keren per dag", resultaten=RESULTATEN_PV),
    ProductInfo("07", "DBL", DB, 52000, 35, "één dagdeel per week", resultaten=RESULTATEN_DB),
    ProductInfo("07", "DBM", DB, 78000, 45, "twee tot drie dagdelen per week", resultaten=RESULTATEN_DB),
    ProductInfo("07", "DBH", DB, 112000, 20, "vier of meer dagdelen per week", resultaten=RESULTATEN_DB),
    ProductInfo("08", "VVR", VVR, 15600, 1, "vervoer van en naar de dagbesteding"),
)

GROEP_GEWICHT = ((HOB, 55), (BG, 25), (DB, 12), (PV, 8))
PERCEEL = {
    HOB: "Perceel 1 Huishoudelijke ondersteuning",
    BG: "Perceel 2 Begeleiding",
    PV: "Perceel 3 Persoonlijke verzorging",
    DB: "Perceel 4 Dagbesteding",
    VVR: "Aanvullend arrangement vervoer",
}


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


# --------------------------------------------------------------------------------------------------
# Names and texts
# --------------------------------------------------------------------------------------------------

# fmt: off
ACHTERNAMEN: tuple[tuple[str, str], ...] = (
    ("de", "Jong"), ("", "Jansen"), ("de", "Vries"), ("van den", "Berg"), ("van", "Dijk"), ("", "Bakker"),
    ("", "Visser"), ("", "Smit"), ("", "Meijer"), ("de", "Boer"), ("", "Mulder"), ("de", "Groot"),
    ("", "Bos"), ("", "Vos"), ("", "Peters"), ("", "Hendriks"), ("van", "Leeuwen"), ("", "Dekker"),
    ("", "Brouwer"), ("de", "Wit"), ("", "Dijkstra"), ("de", "Graaf"), ("van der", "Meer"),
    ("van der", "Linden"), ("", "Kok"), ("de", "Haan"), ("", "Vermeulen"), ("van den", "Heuvel"),
    ("van der", "Veen"), ("van den", "Broek"), ("de", "Bruijn"), ("", "Schouten"), ("van", "Beek"),
    ("", "Willems"), ("van", "Vliet"), ("", "Hoekstra"), ("", "Koster"), ("van", "Dam"), ("van der", "Wal"),
    ("", "Prins"), ("", "Blom"), ("", "Huisman"), ("de", "Lange"), ("", "Kuijpers"), ("", "Groot"),
    ("", "Kaan"), ("", "Beemsterboer"), ("", "Schermerhorn"), ("", "Kramer"), ("", "Zeeman"), ("", "Stam"),
    ("", "Wijker"), ("", "Min"), ("", "Burger"), ("", "Tesselaar"), ("", "Zuurbier"), ("", "Buis"),
    ("", "Rood"), ("", "Schipper"), ("", "Ruiter"), ("", "Glorie"), ("", "Pronk"),
    ("", "Koomen"), ("", "Verduin"), ("van", "Wonderen"), ("", "Kaptein"), ("", "Twisk"), ("", "Molenaar"),
    ("", "Hopman"), ("", "Bruin"), ("", "Yilmaz"), ("El", "Amrani"), ("", "Kaya"), ("", "Öztürk"),
    ("", "Bouzid"), ("", "Pinas"), ("", "Tjon"), ("", "Nguyen"), ("", "Kowalski"), ("", "Haddou"),
)
VROUW_OUD = (
    "Maria", "Johanna", "Cornelia", "Anna", "Wilhelmina", "Elisabeth", "Geertruida", "Hendrika", "Catharina",
    "Aaltje", "Neeltje", "Trijntje", "Grietje", "Jannetje", "Margaretha", "Petronella", "Agatha", "Dirkje",
    "Klaasje", "Adriana", "Helena", "Theodora", "Gerarda", "Jacoba", "Sophia",
)
MAN_OUD = (
    "Johannes", "Cornelis", "Hendrik", "Jacobus", "Pieter", "Jan", "Willem", "Gerrit", "Dirk", "Klaas",
    "Adrianus", "Theodorus", "Nicolaas", "Simon", "Jacob", "Gerardus", "Petrus", "Franciscus", "Arie",
    "Teunis", "Albert", "Lambertus", "Hubertus",
)
VROUW_JONG = (
    "Sandra", "Linda", "Marieke", "Esther", "Monique", "Petra", "Anouk", "Sanne", "Lotte", "Fatima",
    "Samira", "Iris", "Kim", "Femke", "Naima", "Yvonne", "Ingrid", "Chantal", "Annemiek", "Joyce",
)
MAN_JONG = (
    "Mark", "Dennis", "Jeroen", "Sander", "Patrick", "Bas", "Mohamed", "Youssef", "Kevin", "Tim", "Ruben",
    "Thijs", "Mehmet", "Stefan", "Martijn", "Erik", "Robin", "Vincent", "Hans", "Richard",
)
# fmt: on

POSTCODE_LETTERS = "ABCDEGHJKLMNPRSTVWXZ"

HULPVRAAG = {
    HOB: (
        "Kan het huishouden niet meer zelf doen na een heupoperatie.",
        "Door artrose in handen en knieën lukt schoonmaken niet meer.",
        "Partner deed het huishouden en is opgenomen in een verpleeghuis.",
        "Sinds een beroerte lukt zwaar huishoudelijk werk niet meer.",
        "Wordt snel moe door hartfalen; stofzuigen en de badkamer lukken niet meer.",
        "Slechtziend geworden; ziet niet meer waar het vuil is.",
    ),
    BG: (
        "Raakt het overzicht over post en geldzaken kwijt.",
        "Heeft hulp nodig bij het structureren van de dag na een burn-out.",
        "Vereenzaamt en komt de deur nauwelijks nog uit.",
        "Licht verstandelijke beperking; moeite met afspraken en administratie.",
        "Beginnende dementie; vergeet afspraken en rekeningen.",
    ),
    PV: (
        "Heeft hulp nodig bij wassen en aankleden na een val.",
        "Kan door reuma de steunkousen niet meer zelf aantrekken.",
        "Redt het douchen niet meer alleen; partner kan niet meer tillen.",
    ),
    DB: (
        "Beginnende dementie; partner is overbelast en zoekt dagbesteding.",
        "Zoekt een zinvolle daginvulling na het stoppen met werken door ziekte.",
        "Zit de hele dag alleen thuis sinds het overlijden van de partner.",
    ),
}
EIGEN_KRACHT = (
    "Doet lichte taken zelf, zoals afwassen en de planten water geven.",
    "Is gemotiveerd om zoveel mogelijk zelf te blijven doen.",
    "Kan met een rollator korte stukken lopen; boodschappen lukken met de scootmobiel.",
    "Houdt zelf de regie; weet goed wat wel en niet lukt.",
    "Heeft weinig energie; zelf doen lukt alleen op goede dagen.",
)
NETWERK = (
    "Dochter woont in Heerhugowaard en komt wekelijks langs.",
    "Zoon woont in het buitenland; goed contact met de buren.",
    "Geen familie in de buurt; een vriendin komt af en toe koffie drinken.",
    "Kinderen werken allemaal en hebben weinig tijd.",
    "Actief in de kerk; vrijwilligers uit de gemeente komen op bezoek.",
    "Klein netwerk; de kapper en de hulp zijn de vaste contacten.",
)
MANTELZORG = (
    "Partner verleent mantelzorg en geeft aan dat het zwaar wordt.",
    "Dochter doet de boodschappen en de was.",
    "Geen mantelzorger beschikbaar.",
    "Buurvrouw helpt met de vuilnisbak en de post.",
    "Zoon regelt de financiën op afstand.",
)
VOORLIGGEND = (
    "Maaltijdservice en boodschappendienst besproken; lossen de hulpvraag niet op.",
    "Koffieochtend in het buurthuis besproken; cliënt wil dit proberen.",
    "Hulpmiddelen (lange steelstoffer, robotstofzuiger) overwogen; onvoldoende.",
    "Vrijwillige thuisadministratie besproken; de vraag is te complex.",
    "Particuliere schoonmaakhulp is niet op te brengen met dit inkomen.",
)
AFWIJZING = (
    "De hulpvraag kan worden opgelost met een voorliggende voorziening: de boodschappendienst en de "
    "maaltijdservice.",
    "Uw partner kan deze ondersteuning bieden; dit is gebruikelijke hulp.",
    "U heeft een Wlz-indicatie; de Wmo is dan niet van toepassing.",
    "Uit het onderzoek blijkt dat u dit met een hulpmiddel zelf kunt.",
)
ZRM_TOELICHTING = {
    ZRMDomein.FINANCIEN: "Betalingsachterstanden; post blijft liggen.",
    ZRMDomein.TIJDSBESTEDING: "Geen vaste dagbesteding; dagen lopen door elkaar.",
    ZRMDomein.HUISVESTING: "Woning is vervuild geraakt.",
    ZRMDomein.HUISELIJKE_RELATIES: "Spanningen met de partner door de zorgzwaarte.",
    ZRMDomein.GEESTELIJKE_GEZONDHEID: "Somberheid en vergeetachtigheid.",
    ZRMDomein.LICHAMELIJKE_GEZONDHEID: "Chronische pijn; beperkte belastbaarheid.",
    ZRMDomein.BASALE_ADL: "Hulp nodig bij wassen en aankleden.",
    ZRMDomein.INSTRUMENTELE_ADL: "Huishouden lukt niet zelfstandig.",
    ZRMDomein.SOCIAAL_NETWERK: "Weinig contacten; voelt zich eenzaam.",
    ZRMDomein.MAATSCHAPPELIJKE_PARTICIPATIE: "Doet niet meer mee aan activiteiten.",
}
ZRM_LAAG = {
    HOB: (ZRMDomein.INSTRUMENTELE_ADL, ZRMDomein.LICHAMELIJKE_GEZONDHEID),
    BG: (ZRMDomein.FINANCIEN, ZRMDomein.TIJDSBESTEDING, ZRMDomein.SOCIAAL_NETWERK),
    PV: (ZRMDomein.BASALE_ADL, ZRMDomein.LICHAMELIJKE_GEZONDHEID),
    DB: (ZRMDomein.TIJDSBESTEDING, ZRMDomein.MAATSCHAPPELIJKE_PARTICIPATIE, ZRMDomein.GEESTELIJKE_GEZONDHEID),
}

Activiteit = tuple[str, str, str]  # wat, hoe vaak, door
DOELEN: dict[str, tuple[tuple[str, tuple[Activiteit, ...]], ...]] = {
    HOB: (
        (
            "Het huis is schoon en leefbaar: woonkamer, slaapkamer, keuken en sanitair zijn schoon.",
            (
                (
                    "Stofzuigen en vloeren dweilen in woonkamer en slaapkamer",
                    "één keer per week",
                    "aanbieder",
                ),
                ("Keuken, badkamer en toilet schoonmaken", "één keer per week", "aanbieder"),
                ("Afwassen en het aanrecht schoonhouden", "dagelijks", "client"),
                ("Stof afnemen op lage plekken", "één keer per week", "client"),
            ),
        ),
        (
            "Er is schoon beddengoed en schone, draagbare kleding.",
            (
                ("Bed verschonen", "om de week", "aanbieder"),
                ("Was in de machine doen en ophangen", "twee keer per week", "netwerk"),
                ("Kleding opvouwen en opbergen", "twee keer per week", "client"),
            ),
        ),
        (
            "De cliënt houdt zelf overzicht over het huishouden en doet lichte taken zelf.",
            (
                (
                    "Samen een weekplanning maken voor de huishoudelijke taken",
                    "één keer per maand",
                    "aanbieder",
                ),
                ("Planten water geven en de post opruimen", "wekelijks", "client"),
            ),
        ),
        (
            "Er zijn voldoende boodschappen in huis.",
            (
                ("Boodschappenlijst maken", "wekelijks", "client"),
                ("Boodschappen doen", "één keer per week", "vrijwilliger"),
            ),
        ),
    ),
    BG: (
        (
            "De administratie en de geldzaken zijn op orde; rekeningen worden op tijd betaald.",
            (
                ("Post openen en sorteren met de begeleider", "één keer per week", "aanbieder"),
                ("Rekeningen betalen via internetbankieren", "één keer per week", "client"),
                ("Budgetoverzicht bijhouden en bespreken", "één keer per maand", "aanbieder"),
            ),
        ),
        (
            "Er is een vaste dag- en weekstructuur.",
            (
                ("Weekplanning maken en bespreken", "één keer per week", "aanbieder"),
                ("Op vaste tijden opstaan en eten", "dagelijks", "client"),
            ),
        ),
        (
            "Het sociale netwerk is groter: er is contact met buren, familie en de buurt.",
            (
                ("Samen naar de koffieochtend in het buurthuis", "één keer per week", "vrijwilliger"),
                ("Bellen met familie", "twee keer per week", "netwerk"),
            ),
        ),
        (
            "Afspraken met huisarts en instanties worden nagekomen.",
            (
                ("Afspraken in de agenda zetten en voorbereiden", "één keer per week", "aanbieder"),
                ("Herinnering op de telefoon zetten", "per afspraak", "client"),
            ),
        ),
    ),
    PV: (
        (
            "De cliënt is dagelijks gewassen en aangekleed.",
            (
                ("Hulp bij douchen", "drie keer per week", "aanbieder"),
                ("Zelf tanden poetsen en haren kammen", "dagelijks", "client"),
            ),
        ),
        (
            "De steunkousen worden dagelijks aan- en uitgetrokken.",
            (("Steunkousen aantrekken en uittrekken", "dagelijks", "aanbieder"),),
        ),
    ),
    DB: (
        (
            "De cliënt heeft een zinvolle daginvulling met vaste dagdelen.",
            (
                (
                    "Meedoen aan de activiteiten van de dagbesteding",
                    "volgens de beschikte dagdelen",
                    "aanbieder",
                ),
                ("Samen lunchen met de groep", "per dagdeel", "aanbieder"),
            ),
        ),
        (
            "De mantelzorger wordt ontlast.",
            (("Partner heeft op dagbestedingsdagen tijd voor zichzelf", "per dagdeel", "netwerk"),),
        ),
        (
            "De cliënt blijft in beweging.",
            (("Wandelen of stoelgym", "twee keer per week", "aanbieder"),),
        ),
    ),
}
PLUS: dict[str, tuple[str, ...]] = {
    PlusSoort.PREVENTIE: (
        "Valpreventie: losse kleedjes en snoeren zijn weggehaald; advies over verlichting op de trap.",
        "Rookmelders gecontroleerd en een extra melder op de overloop geplaatst.",
        "Advies over voldoende drinken in warme periodes.",
    ),
    PlusSoort.SIGNALERING: (
        "De hulp let op eenzaamheid, vergeetachtigheid en een lege koelkast en meldt dit bij de consulent.",
        "Bij zichtbare achteruitgang neemt de aanbieder binnen een week contact op met de mantelzorger.",
    ),
    PlusSoort.COACHING: (
        "De cliënt doet de lichte taken zelf; de hulp moedigt aan en neemt niet over.",
        "Samen oefenen met het online bestellen van boodschappen.",
    ),
    PlusSoort.VERBINDING: ("Aangemeld bij {v}.", "Kennismaking geregeld met {v}."),
}
SIGNAAL_TEKST = {
    SignaalSoort.EENZAAMHEID: (
        "Cliënt vertelt dat zij de hele week niemand spreekt behalve de hulp.",
        "Cliënt komt sinds het overlijden van de partner de deur niet meer uit.",
    ),
    SignaalSoort.BOODSCHAPPEN: ("De koelkast is bijna leeg; boodschappen doen lukt niet meer zelfstandig.",),
    SignaalSoort.GELDZORGEN: (
        "Er liggen ongeopende aanmaningen op tafel.",
        "Cliënt zegt de eigen bijdrage niet te kunnen betalen.",
    ),
    SignaalSoort.MANTELZORG: (
        "De dochter die de was en de boodschappen doet, geeft aan het niet meer vol te houden.",
        "De partner is uitgeput en slaapt slecht door de nachtelijke onrust.",
    ),
    SignaalSoort.ACHTERUITGANG: (
        "Cliënt is de laatste weken vergeetachtiger en valt vaker.",
        "Cliënt eet slecht en is zichtbaar afgevallen.",
    ),
    SignaalSoort.ONVEILIG: ("Losliggende vloerbedekking op de trap en een defecte rookmelder.",),
    SignaalSoort.ANDERS: ("De hond wordt niet meer uitgelaten; cliënt vraagt om een vrijwilliger.",),
}
TERUGKOPPELING = (
    "De consulent neemt contact op met de cliënt.",
    "Cliënt is doorverwezen; u hoeft niets te doen.",
    "Opgepakt met het sociaal wijkteam.",
)
TIJDELIJKE_STOP_OORZAAK = (
    "Ziekenhuisopname",
    "Revalidatie in een verpleeghuis",
    "Logeeropvang",
    "Verblijf bij familie",
)
OPVOLGING = (
    "Consulent heeft gebeld en een huisbezoek gepland.",
    "Doorverwezen naar de ouderenadviseur.",
    "Aangemeld bij de vrijwillige thuisadministratie.",
    "Steunpunt mantelzorg ingeschakeld; respijtzorg besproken.",
    "Besproken met de huisarts; praktijkondersteuner gaat langs.",
)
EVALUATIE_TEKST = {
    ResultaatBehaald.JA: (
        "Het resultaat is bereikt; cliënt is tevreden over de vaste hulp.",
        "Doelen gehaald; de cliënt doet weer meer zelf.",
    ),
    ResultaatBehaald.DEELS: (
        "Grotendeels bereikt; de was blijft lastig, afspraak met de dochter gemaakt.",
        "Structuur is beter, de administratie nog niet helemaal op orde.",
    ),
    ResultaatBehaald.NEE: (
        "Niet bereikt door wisselende hulpen; de aanbieder zorgt voor een vaste hulp.",
        "Cliënt is achteruitgegaan; herindicatie aangevraagd.",
    ),
}


def _sociale_kaart(g: GemeenteInfo) -> list[tuple[str, str, str, str]]:
    plaats = g.plaatsen[0]
    straat = plaats.straten
    return [
        (
            f"Buurthuis De Ontmoeting {plaats.naam}",
            "ontmoeting en activiteiten",
            f"{straat[0]} 2, {plaats.naam}",
            f"{plaats.netnummer} 500 1000",
        ),
        (
            f"Maaltijdservice {g.naam}",
            "maaltijdvoorziening",
            f"{straat[1]} 15, {plaats.naam}",
            f"{plaats.netnummer} 500 1001",
        ),
        ("Boodschappendienst vrijwilligers", "boodschappen", plaats.naam, f"{plaats.netnummer} 500 1002"),
        ("Steunpunt Mantelzorg Noord-Kennemerland", "mantelzorgondersteuning", "Alkmaar", "072 500 1003"),
        (
            "Thuisadministratie (vrijwilligers)",
            "administratie en geldzaken",
            plaats.naam,
            f"{plaats.netnummer} 500 1004",
        ),
        (
            f"Ouderenadviseur {g.naam}",
            "advies en cliëntondersteuning",
            f"{straat[2]} 4, {plaats.naam}",
            f"{plaats.netnummer} 500 1005",
        ),
        (
            f"Beweeggroep 55+ {plaats.naam}",
            "bewegen",
            f"Sporthal {plaats.naam}",
            f"{plaats.netnummer} 500 1006",
        ),
        (
            "Formulierenhulp",
            "formulieren en toeslagen",
            f"Bibliotheek {plaats.naam}",
            f"{plaats.netnummer} 500 1007",
        ),
    ]


@dataclass(frozen=True)
class GebruikerInfo:
    gebruikersnaam: str
    rol: str
    voornaam: str
    achternaam: str
    gemeenten: tuple[str, ...] = ()
    aanbieder: str = ""


GEMEENTE_GEBRUIKERS: tuple[GebruikerInfo, ...] = (
    GebruikerInfo("consulent", Rol.CONSULENT, "Sanne", "Bakker", ("0361", "0399")),
    GebruikerInfo("contractmanager", Rol.CONTRACTMANAGER, "Peter", "de Wit", ("0361",)),
    GebruikerInfo("financieel", Rol.FINANCIEEL, "Ingrid", "Kok", ("0361",)),
    GebruikerInfo("beheerder", Rol.BEHEERDER, "Ahmed", "El Idrissi", ("0361",)),
    GebruikerInfo("auditor", Rol.AUDITOR, "Marloes", "Visser", ("0361",)),
    GebruikerInfo("consulent-dijkenwaard", Rol.CONSULENT, "Kees", "Ootjers", ("1980",)),
    GebruikerInfo("consulent-castricum", Rol.CONSULENT, "Lisa", "Brouwer", ("0383",)),
    GebruikerInfo("consulent-bergen", Rol.CONSULENT, "Joost", "Kaan", ("0373",)),
)


# --------------------------------------------------------------------------------------------------
# The report
# --------------------------------------------------------------------------------------------------


@dataclass
class DemoVerslag:
    clienten: int = 0
    seed: int = 0
    vandaag: dt.date = dt.date(2000, 1, 1)
    fasen: dict[str, int] = field(default_factory=dict)
    aantallen: dict[str, int] = field(default_factory=dict)
    logins: list[tuple[str, str, str]] = field(default_factory=list)
    tarieven: list[tuple[str, int]] = field(default_factory=list)
    seconden: float = 0.0

    def regels(self) -> list[str]:
        """The report as lines of text (Dutch), as the command prints it."""
        uit = [
            f"{REGIO_NAAM}: {self.clienten} cliënten, seed {self.seed}, vandaag {self.vandaag:%d-%m-%Y}.",
            "",
            "Cliënten per fase:",
        ]
        for fase in Fase:
            uit.append(f"  {self.fasen.get(fase.value, 0):>7}  {FASE_OMSCHRIJVING[fase]}")
        uit += ["", "Aangemaakte rijen:"]
        uit += [f"  {n:>7}  {naam}" for naam, n in self.aantallen.items()]
        if self.tarieven:
            uit += ["", "Voorbeeldtarieven (demo), per periode van 4 weken vanaf 01-01-2025:"]
            uit += [f"  € {cent / 100:>9.2f}  {naam}" for naam, cent in self.tarieven]
        uit += ["", f"Inloggen (wachtwoord voor alle accounts: {DEMO_WACHTWOORD}):"]
        breedte = max((len(g) for g, _, _ in self.logins), default=10)
        uit.append(f"  {'gebruiker':<{breedte}}  {'rol':<26}  organisatie")
        uit += [f"  {g:<{breedte}}  {r:<26}  {o}" for g, r, o in self.logins]
        per_seconde = self.clienten / self.seconden if self.seconden else 0.0
        uit += ["", f"Klaar in {self.seconden:.1f} s ({per_seconde:.0f} cliënten per seconde)."]
        return uit


# --------------------------------------------------------------------------------------------------
# The generator
# --------------------------------------------------------------------------------------------------


@contextlib.contextmanager
def _tijdstempels_uit_demo() -> Iterator[None]:
    """Let the demo set the registration timestamps that auto_now_add would set to the real now."""
    velden = [
        Client._meta.get_field("aangemaakt_op"),
        ToewijzingVersie._meta.get_field("vastgelegd_op"),
        Levering._meta.get_field("start_gemeld_op"),
        WerklijstItem._meta.get_field("aangemaakt_op"),
    ]
    for veld in velden:
        veld.auto_now_add = False
    try:
        yield
    finally:
        for veld in velden:
            veld.auto_now_add = True


@dataclass
class _Werk:
    """A werklijst item whose subject gets its primary key only when the chunk is written."""

    gemeente: Gemeente
    client: Client
    soort: str
    omschrijving: str
    uiterlijk: dt.date | None
    onderwerp: models.Model
    aangemaakt_op: dt.datetime
    toegewezen_aan: User | None
    afgehandeld_op: dt.datetime | None = None


@dataclass
class _Batch:
    clienten: list[Client] = field(default_factory=list)
    meldingen: list[Melding] = field(default_factory=list)
    onderzoeken: list[Onderzoek] = field(default_factory=list)
    zrm: list[ZRMScore] = field(default_factory=list)
    onderzoek_resultaten: list[OnderzoekResultaat] = field(default_factory=list)
    or_subresultaten: list[tuple[OnderzoekResultaat, int]] = field(default_factory=list)
    or_aandachtspunten: list[tuple[OnderzoekResultaat, int]] = field(default_factory=list)
    aanvragen: list[Aanvraag] = field(default_factory=list)
    beschikkingen: list[Beschikking] = field(default_factory=list)
    beschikt: list[BeschiktResultaat] = field(default_factory=list)
    br_subresultaten: list[tuple[BeschiktResultaat, int]] = field(default_factory=list)
    toewijzingen: list[Toewijzing] = field(default_factory=list)
    opvolgers: list[Toewijzing] = field(default_factory=list)
    versies: list[ToewijzingVersie] = field(default_factory=list)
    leveringen: list[Levering] = field(default_factory=list)
    plannen: list[Ondersteuningsplan] = field(default_factory=list)
    doelen: list[PlanDoel] = field(default_factory=list)
    activiteiten: list[PlanActiviteit] = field(default_factory=list)
    plus: list[PlusAfspraak] = field(default_factory=list)
    evaluaties: list[Evaluatie] = field(default_factory=list)
    signalen: list[Signaal] = field(default_factory=list)
    werk: list[_Werk] = field(default_factory=list)


@dataclass
class _Persoon:
    client: Client
    gemeente: Gemeente
    info: GemeenteInfo
    aanhef: str  # "mevrouw De Vries"
    leeftijd: int


@dataclass
class _Levering:
    """What happens to one toewijzing after it is sent (dates only)."""

    start: dt.date | None  # first day of delivery; None: not started
    stops: list[tuple[dt.date, str, dt.date | None]] = field(default_factory=list)  # (einde, reden, hervat)


class _Generator:
    def __init__(self, *, clienten: int, seed: int, vandaag: dt.date) -> None:
        self.n = clienten
        self.seed = seed
        self.vandaag = vandaag
        self.rng = random.Random(seed)
        self.teller: Counter[str] = Counter()
        self.nummer_toewijzing: Counter[str] = Counter()
        self.nummer_beschikking: Counter[str] = Counter()
        self.actief: Counter[tuple[int, int]] = Counter()  # (aanbieder, product) -> active clients

    # ----------------------------------------------------------------------------------- helpers

    def dag(self, van: dt.date, tot: dt.date) -> dt.date:
        """A day in [van, tot]; ``van`` when the range is empty."""
        if tot <= van:
            return van
        return van + dt.timedelta(days=self.rng.randint(0, (tot - van).days))

    def moment(self, datum: dt.date, van_uur: int = 8, tot_uur: int = 17) -> dt.datetime:
        """A time on a working day; on vandaag itself early, so that it is not later than the real clock."""
        if datum >= self.vandaag:
            van_uur, tot_uur = 7, 8
        uur = self.rng.randint(van_uur, tot_uur - 1)
        return dt.datetime(datum.year, datum.month, datum.day, uur, self.rng.randrange(60), tzinfo=TZ)

    def kies(self, opties: Sequence[T]) -> T:
        return opties[self.rng.randrange(len(opties))]

    def gewogen(self, opties: Sequence[tuple[T, int | float]]) -> T:
        return self.rng.choices([o for o, _ in opties], weights=[w for _, w in opties])[0]

    def kans(self, p: float) -> bool:
        return self.rng.random() < p

    # ------------------------------------------------------------------------------ fixed region

    def catalogus(self) -> None:
        ontbrekend: list[str] = []
        self.producten: dict[str, Product] = {}
        for info in PRODUCTEN:
            kandidaten = list(Product.objects.filter(categorie=info.categorie, code=info.code))
            geldig = [p for p in kandidaten if p.is_geldig_op(self.vandaag)]
            gekozen = max(geldig or kandidaten, key=lambda p: p.geldig_van, default=None)
            if gekozen is None:
                ontbrekend.append(f"{info.categorie} {info.code}")
            else:
                self.producten[info.code] = gekozen
        if ontbrekend:
            raise DemoFout(
                "De catalogus mist product(en) "
                + ", ".join(ontbrekend)
                + ". Voer eerst de migraties uit (catalogus 0002_seed_catalogus laadt de producten)."
            )
        self.info_per_code = {info.code: info for info in PRODUCTEN}

        # Which result a product is granted for: its own, or one of the demo's choices by result code.
        codes = {code for info in PRODUCTEN for code, _ in info.resultaten}
        resultaat_id = dict(Resultaat.objects.filter(code__in=codes).values_list("code", "id"))
        if codes - set(resultaat_id):
            raise DemoFout(
                "De catalogus mist resultaat/resultaten " + ", ".join(sorted(codes - set(resultaat_id))) + "."
            )
        self.resultaat_opties: dict[str, list[tuple[int, int]]] = {}
        for info in PRODUCTEN:
            product = self.producten[info.code]
            if product.resultaat_id is not None:
                self.resultaat_opties[info.code] = [(product.resultaat_id, 1)]
            elif info.resultaten:
                self.resultaat_opties[info.code] = [(resultaat_id[c], w) for c, w in info.resultaten]
            elif info.groep != VVR:
                raise DemoFout(f"Product {info.categorie} {info.code} heeft geen resultaat in de catalogus.")
        self.per_groep: dict[str, list[tuple[Product, int]]] = defaultdict(list)
        for info in PRODUCTEN:
            self.per_groep[info.groep].append((self.producten[info.code], info.gewicht))

        # The demo's history starts when both the products and their tariffs are valid.
        start = max([TARIEF_VANAF, *(p.geldig_van for p in self.producten.values())])
        self.begin = max(start, self.vandaag - dt.timedelta(days=700))
        if (self.vandaag - self.begin).days < 150:
            raise DemoFout(
                f"--today {self.vandaag:%Y-%m-%d} ligt te dicht bij {self.begin:%d-%m-%Y}, de datum "
                "waarop de producten en tarieven ingaan: kies een datum minstens 150 dagen later."
            )

        resultaat_ids = {r for opties in self.resultaat_opties.values() for r, _ in opties}
        self.subresultaten: dict[int, list[int]] = defaultdict(list)
        for sub_id, res_id in (
            Subresultaat.objects.filter(resultaat_id__in=resultaat_ids)
            .order_by("resultaat_id", "volgorde", "id")
            .values_list("id", "resultaat_id")
        ):
            self.subresultaten[res_id].append(sub_id)
        self.aandachtspunten: dict[int, list[int]] = defaultdict(list)
        for ap_id, sub_id in (
            Aandachtspunt.objects.filter(subresultaat__resultaat_id__in=resultaat_ids)
            .order_by("subresultaat_id", "volgorde", "id")
            .values_list("id", "subresultaat_id")
        ):
            self.aandachtspunten[sub_id].append(ap_id)
        self.tijdsbanden = {
            p.code: (p.tijdsband.min_minuten, p.tijdsband.max_minuten)
            for p in Product.objects.filter(
                pk__in=[p.pk for p in self.producten.values()], tijdsband__isnull=False
            ).select_related("tijdsband")
        }

        self.nieuwe_tarieven: list[tuple[str, int]] = []
        for info in PRODUCTEN:
            product = self.producten[info.code]
            vanaf = max(TARIEF_VANAF, product.geldig_van)
            if not product.tarieven.geldig_op(vanaf).exists():
                Tarief.objects.create(
                    product=product,
                    bedrag_cent=info.tarief_cent,
                    periode=TariefPeriode.CAK_PERIODE,
                    geldig_van=vanaf,
                )
                self.nieuwe_tarieven.append((f"{info.code} {product.naam}", info.tarief_cent))

    def regio(self) -> None:
        regio, _ = Regio.objects.get_or_create(naam=REGIO_NAAM)
        self.gemeenten: dict[str, Gemeente] = {}
        for g in GEMEENTEN:
            gemeente, _ = Gemeente.objects.get_or_create(
                code=g.code,
                defaults={
                    "naam": g.naam,
                    "regio": regio,
                    "postadres": g.postadres,
                    "telefoon": f"14 {g.plaatsen[0].netnummer}",
                    "email": f"wmo@{''.join(c for c in g.naam.lower() if c.isalnum())}.example",
                },
            )
            if gemeente.regio_id is None:
                gemeente.regio = regio
                gemeente.save(update_fields=["regio"])
            self.gemeenten[g.code] = gemeente
        self.gemeente_info = {g.code: g for g in GEMEENTEN}

        self.aanbieders: dict[str, Aanbieder] = {}
        for a in AANBIEDERS:
            aanbieder, _ = Aanbieder.objects.get_or_create(
                agb_code=a.agb,
                defaults={
                    "naam": a.naam,
                    "kvk_nummer": a.kvk,
                    "iban": nl_iban(a.bank, a.rekening),
                    "straat": a.straat,
                    "huisnummer": a.huisnummer,
                    "postcode": a.postcode,
                    "plaats": a.plaats,
                    "telefoon": a.telefoon,
                    "email": f"wmo@{a.sleutel}.example",
                },
            )
            self.aanbieders[a.sleutel] = aanbieder

        # Contracts: one regional contract per provider (a region buying jointly, seed 001).
        self.contracten: dict[str, Contract] = {}
        self.onderaannemers: dict[str, Onderaannemer] = {}
        contract_tot = dt.date(max(2028, self.vandaag.year + 1), 1, 1)
        for i, a in enumerate(AANBIEDERS, start=1):
            contract, nieuw = Contract.objects.get_or_create(
                kenmerk=f"RA-WMO-2025-{i:02d}",
                defaults={
                    "aanbieder": self.aanbieders[a.sleutel],
                    "perceel": "; ".join(PERCEEL[g] for g in a.groepen),
                    "omschrijving": "Raamovereenkomst Wmo-ondersteuning op resultaat, regio Alkmaar (demo).",
                    "geldig_van": TARIEF_VANAF,
                    "geldig_tot": contract_tot,
                },
            )
            if nieuw:
                contract.gemeenten.set([self.gemeenten[c] for c in a.gemeenten])
            self.contracten[a.sleutel] = contract
            if a.onderaannemer:
                naam, agb, kvk = a.onderaannemer
                onderaannemer, _ = Onderaannemer.objects.get_or_create(
                    contract=contract,
                    naam=naam,
                    defaults={"agb_code": agb, "kvk_nummer": kvk, "geldig_van": TARIEF_VANAF},
                )
                self.onderaannemers[a.sleutel] = onderaannemer

        # Who may deliver what where: (gemeente, group) -> [(provider key, weight)].
        self.leveranciers: dict[tuple[str, str], list[tuple[str, int]]] = defaultdict(list)
        for a in AANBIEDERS:
            for code in a.gemeenten:
                for groep in a.groepen:
                    self.leveranciers[(code, groep)].append((a.sleutel, a.gewicht))

        self.kaart: dict[str, list[SocialeKaartVoorziening]] = {}
        for g in GEMEENTEN:
            gemeente = self.gemeenten[g.code]
            bestaand = list(SocialeKaartVoorziening.objects.filter(gemeente=gemeente).order_by("id"))
            if not bestaand:
                bestaand = SocialeKaartVoorziening.objects.bulk_create(
                    [
                        SocialeKaartVoorziening(gemeente=gemeente, naam=n, soort=s, adres=adr, contact=c)
                        for n, s, adr, c in _sociale_kaart(g)
                    ]
                )
            self.kaart[g.code] = bestaand

    def gebruikers(self) -> list[tuple[str, str, str]]:
        wachtwoord = make_password(DEMO_WACHTWOORD)  # hashing is slow: once, reused for every account
        logins: list[tuple[str, str, str]] = []
        bestaand = set(User.objects.values_list("username", flat=True))

        def maak(username: str, **velden: Any) -> User | None:
            if username in bestaand:  # left as it is, password included
                return User.objects.filter(username=username).first()
            user = User(username=username, password=wachtwoord, **velden)
            user.save()
            return user

        def organisatie(username: str, omschrijving: str) -> str:
            return omschrijving + (" (bestond al: wachtwoord niet gewijzigd)" if username in bestaand else "")

        maak("admin", is_superuser=True, is_staff=True, first_name="Demo", last_name="Beheer")
        logins.append(("admin", "superuser", organisatie("admin", "alles")))
        self.consulenten: dict[str, list[User]] = defaultdict(list)
        for info in GEMEENTE_GEBRUIKERS:
            user = maak(
                info.gebruikersnaam,
                rol=info.rol,
                first_name=info.voornaam,
                last_name=info.achternaam,
                email=f"{info.gebruikersnaam}@example.org",
            )
            if user is None:
                continue
            if not user.gemeenten.exists():
                user.gemeenten.set([self.gemeenten[c] for c in info.gemeenten])
            if info.rol in BEHEERGROEPEN and not user.is_staff:
                geef_beheertoegang(user)
            if info.rol == Rol.CONSULENT:
                for code in info.gemeenten:
                    self.consulenten[code].append(user)
            namen = ", ".join(self.gemeente_info[c].naam for c in info.gemeenten)
            logins.append(
                (
                    info.gebruikersnaam,
                    Rol(info.rol).label,
                    organisatie(info.gebruikersnaam, f"gemeente {namen}"),
                )
            )
        self.aanbieder_users: dict[str, User | None] = {}
        for a in AANBIEDERS:
            username = f"aanbieder-{a.sleutel}"
            self.aanbieder_users[a.sleutel] = maak(
                username,
                rol=Rol.AANBIEDER,
                aanbieder=self.aanbieders[a.sleutel],
                first_name="Medewerker",
                last_name=a.naam[:100],
                email=f"{username}@example.org",
            )
            logins.append((username, Rol.AANBIEDER.label, organisatie(username, a.naam)))
        return logins

    # ------------------------------------------------------------------------------- per client

    def persoon(self, bsn: str, groep: str, code: str) -> _Persoon:
        rng = self.rng
        info = self.gemeente_info[code]
        oud = self.kans({HOB: 0.92, PV: 0.9, BG: 0.4, DB: 0.65}[groep])
        leeftijd = rng.randint(66, 97) if oud else rng.randint(19, 64)
        if oud and leeftijd > 85 and self.kans(0.3):
            leeftijd = rng.randint(78, 88)
        vrouw = self.kans(0.63 if oud else 0.52)
        geboren = dt.date(self.vandaag.year - leeftijd - 1, 1, 1) + dt.timedelta(days=rng.randint(0, 364))
        leeftijd = (self.vandaag - geboren).days // 365
        namen = (
            (VROUW_OUD if vrouw else MAN_OUD) if geboren.year < 1962 else (VROUW_JONG if vrouw else MAN_JONG)
        )
        aantal = rng.choices((1, 2, 3), weights=(3, 5, 2) if geboren.year < 1962 else (7, 3, 0))[0]
        voornamen = rng.sample(namen, aantal)
        tussenvoegsel, achternaam = self.kies(ACHTERNAMEN)
        plaats = info.plaatsen[0] if self.kans(0.75) else self.kies(info.plaatsen)
        letters = self.kies(POSTCODE_LETTERS) + self.kies(POSTCODE_LETTERS)
        while letters in ("SA", "SD", "SS"):
            letters = self.kies(POSTCODE_LETTERS) + self.kies(POSTCODE_LETTERS)
        huisnummer = str(rng.randint(1, 180))
        if self.kans(0.1):
            huisnummer += self.kies(("A", "B", "-1", "-2", " rd"))
        if oud:
            huishouden = self.gewogen(
                ((Huishouden.ALLEENSTAAND, 55), (Huishouden.PARTNERS, 40), (Huishouden.ANDERS, 5))
            )
        else:
            huishouden = self.gewogen(
                (
                    (Huishouden.ALLEENSTAAND, 45),
                    (Huishouden.PARTNERS, 20),
                    (Huishouden.PARTNERS_KINDEREN, 20),
                    (Huishouden.EENOUDER, 15),
                )
            )
        grootte = {
            Huishouden.ALLEENSTAAND: 1,
            Huishouden.PARTNERS: 2,
            Huishouden.PARTNERS_KINDEREN: rng.randint(3, 5),
            Huishouden.EENOUDER: rng.randint(2, 4),
            Huishouden.ANDERS: rng.randint(2, 3),
        }[huishouden]
        if self.kans(0.6 if oud else 0.2):
            # Area code and subscriber number together are ten digits (072 512 3456, 0251 654 321).
            abonnee = rng.randint(1000, 9999) if len(plaats.netnummer) == 3 else rng.randint(100, 999)
            telefoon = f"{plaats.netnummer} {rng.randint(500, 699)} {abonnee}"
        else:
            telefoon = f"06 {rng.randint(10, 99)}{rng.randint(10, 99)} {rng.randint(1000, 9999)}"
        email = ""
        if not oud and self.kans(0.6):
            email = (
                _ascii(f"{voornamen[0]}.{achternaam}".lower().replace(" ", ""))
                + f"{rng.randint(1, 99)}@example.nl"
            )
        client = Client(
            bsn=bsn,
            gemeente=self.gemeenten[code],
            voorletters="".join(f"{v[0]}." for v in voornamen),
            voornamen=" ".join(voornamen),
            tussenvoegsel=tussenvoegsel,
            achternaam=achternaam,
            geboortedatum=geboren,
            geslacht=COD046Geslacht.VROUW if vrouw else COD046Geslacht.MAN,
            straat=self.kies(plaats.straten),
            huisnummer=huisnummer,
            postcode=f"{self.kies(plaats.postcodes)} {letters}",
            woonplaats=plaats.naam,
            telefoon=telefoon,
            email=email,
            huishouden=huishouden,
            huishouden_grootte=grootte,
        )
        naam = f"{tussenvoegsel.capitalize()} {achternaam}" if tussenvoegsel else achternaam
        aanhef = f"{'mevrouw' if vrouw else 'meneer'} {naam}"
        return _Persoon(client, self.gemeenten[code], info, aanhef, leeftijd)

    def consulent(self, code: str) -> User | None:
        opties = self.consulenten.get(code) or []
        return opties[0] if opties else None

    def producten_kiezen(self, groep: str, fase: Fase) -> list[tuple[Product, int | None]]:
        """The products granted with their result: a main one, sometimes a second result, vervoer with
        dagbesteding."""
        gekozen = [self.gewogen(self.per_groep[groep])]
        if fase != Fase.OVERSTAP:
            if groep == HOB and self.kans(0.15):
                gekozen.append(self.gewogen(self.per_groep[BG][:2]))
            elif groep == BG and self.kans(0.2):
                gekozen.append(self.gewogen(self.per_groep[HOB]))
            elif groep == DB and self.kans(0.5):
                gekozen.append(self.producten["VVR"])
        return [
            (p, self.gewogen(self.resultaat_opties[p.code]) if p.code in self.resultaat_opties else None)
            for p in gekozen
        ]

    def aanbieder_kiezen(self, code: str, groep: str, behalve: str = "") -> str:
        opties = [(k, w) for k, w in self.leveranciers[(code, groep)] if k != behalve]
        return self.gewogen(opties)

    def groep_van(self, product: Product) -> str:
        return self.info_per_code[product.code].groep

    def maak(self, b: _Batch, bsn: str, fase: Fase) -> None:
        rng = self.rng
        code = self.gewogen([(g.code, g.aandeel) for g in GEMEENTEN])
        groep = self.gewogen(GROEP_GEWICHT)
        p = self.persoon(bsn, groep, code)
        client = p.client
        b.clienten.append(client)
        self.teller[fase.value] += 1
        consulent = self.consulent(code)
        v = self.vandaag

        # When is the besluit, and what happens after it?
        besluit: dt.date | None = None
        if fase == Fase.MELDING:
            melding_op = self.dag(v - dt.timedelta(days=38), v - DAG)
        elif fase == Fase.MELDING_TE_LAAT:
            melding_op = self.dag(v - dt.timedelta(days=75), v - dt.timedelta(days=43))
        elif fase == Fase.ONDERZOEK:
            melding_op = self.dag(v - dt.timedelta(days=40), v - dt.timedelta(days=6))
        elif fase == Fase.AANVRAAG:
            aanvraag_op = self.dag(v - dt.timedelta(days=18), v)
            afgerond = aanvraag_op - dt.timedelta(days=rng.randint(0, 3))
            gesprek = afgerond - dt.timedelta(days=rng.randint(1, 10))
            melding_op = gesprek - dt.timedelta(days=rng.randint(4, 25))
        else:
            besluit = self.besluitdatum(fase)
            aanvraag_op = besluit - dt.timedelta(days=rng.randint(2, 12))
            afgerond = aanvraag_op - dt.timedelta(days=rng.randint(0, 3))
            gesprek = afgerond - dt.timedelta(days=rng.randint(1, 10))
            melding_op = gesprek - dt.timedelta(days=rng.randint(4, 25))
        client.aangemaakt_op = self.moment(melding_op)

        melding = Melding(
            client=client,
            gemeente=p.gemeente,
            ontvangen_op=melding_op,
            wijze=self.gewogen(
                (
                    (MeldingWijze.TELEFOON, 50),
                    (MeldingWijze.DIGITAAL, 20),
                    (MeldingWijze.VERWIJZING, 15),
                    (MeldingWijze.LOKET, 10),
                    (MeldingWijze.AANBIEDER, 5),
                )
            ),
            hulpvraag=self.kies(HULPVRAAG[groep]),
            consulent=consulent if fase != Fase.MELDING_TE_LAAT or self.kans(0.5) else None,
            status=MeldingStatus.ONTVANGEN,
            opgeschort_dagen=rng.choice((7, 14)) if fase == Fase.MELDING and self.kans(0.1) else 0,
        )
        b.meldingen.append(melding)
        if fase in (Fase.MELDING, Fase.MELDING_TE_LAAT):
            self.werk(
                b,
                p,
                WerklijstSoort.ONDERZOEK,
                f"Onderzoek na melding van {melding_op:%d-%m-%Y}",
                melding.onderzoek_uiterlijk,
                melding,
                melding_op,
                melding.consulent,
            )
            return

        producten = self.producten_kiezen(groep, fase)
        if fase == Fase.ONDERZOEK:
            melding.status = MeldingStatus.IN_ONDERZOEK
            gesprek = self.dag(melding_op + dt.timedelta(days=3), min(melding_op + dt.timedelta(days=21), v))
            self.onderzoek(b, p, melding, groep, gesprek, None, producten[:1])
            self.werk(
                b,
                p,
                WerklijstSoort.ONDERZOEK,
                f"Onderzoeksverslag afronden (gesprek {gesprek:%d-%m-%Y})",
                melding.onderzoek_uiterlijk,
                melding,
                melding_op,
                consulent,
            )
            return

        melding.status = MeldingStatus.AFGEROND
        onderzoek = self.onderzoek(b, p, melding, groep, gesprek, afgerond, producten)
        aanvraag = Aanvraag(
            client=client,
            gemeente=p.gemeente,
            melding=melding,
            onderzoek=onderzoek,
            ontvangen_op=aanvraag_op,
            status=AanvraagStatus.INGEDIEND,
        )
        b.aanvragen.append(aanvraag)
        if fase == Fase.AANVRAAG:
            self.werk(
                b,
                p,
                WerklijstSoort.BESLUIT,
                f"Besluit op aanvraag van {aanvraag_op:%d-%m-%Y}",
                aanvraag.besluit_uiterlijk,
                aanvraag,
                aanvraag_op,
                consulent,
            )
            return
        assert besluit is not None
        aanvraag.status = AanvraagStatus.BESLOTEN
        self.nummer_beschikking[code] += 1
        beschikking = Beschikking(
            aanvraag=aanvraag,
            client=client,
            gemeente=p.gemeente,
            nummer=f"WMO-{besluit.year}-{self.nummer_beschikking[code]:06d}",
            besluitdatum=besluit,
            verzonden_op=besluit + dt.timedelta(days=rng.randint(0, 1)),
            consulent=consulent,
            besluit=Besluit.AFGEWEZEN,
        )
        b.beschikkingen.append(beschikking)
        if fase == Fase.AFGEWEZEN:
            beschikking.motivering = self.kies(AFWIJZING)
            return

        beschikking.besluit = Besluit.TOEGEKEND
        beschikking.ondersteuningsplan_onderdeel = self.kans(0.3)
        self.toegekend(b, p, fase, beschikking, producten, consulent)

    def besluitdatum(self, fase: Fase) -> dt.date:
        """The decision date for a stage that has one (chosen so the later steps fit before vandaag)."""
        v, begin = self.vandaag, self.begin
        if fase == Fase.TOEGEWEZEN:
            return self.dag(v - dt.timedelta(days=20), v - DAG)
        # Days kept free after the besluit for what follows: start, a stop, a switch.
        ruimte = {
            Fase.AFGEWEZEN: 1,
            Fase.GESTART: 30,
            Fase.TIJDELIJK_GESTOPT: 60,
            Fase.HERVAT: 90,
            Fase.BEEINDIGD: 120,
            Fase.OVERLEDEN: 75,
            Fase.OVERSTAP: 110,
        }[fase]
        return self.dag(begin, v - dt.timedelta(days=ruimte))

    def onderzoek(
        self,
        b: _Batch,
        p: _Persoon,
        melding: Melding,
        groep: str,
        gesprek: dt.date,
        afgerond: dt.date | None,
        producten: list[tuple[Product, int | None]],
    ) -> Onderzoek:
        rng = self.rng
        woont = {
            Huishouden.ALLEENSTAAND: "alleen",
            Huishouden.PARTNERS: "samen met de partner",
            Huishouden.PARTNERS_KINDEREN: "met partner en kinderen",
            Huishouden.EENOUDER: "met de kinderen",
            Huishouden.ANDERS: "met een familielid",
        }[Huishouden(p.client.huishouden)]
        onderzoek = Onderzoek(
            melding=melding,
            client=p.client,
            datum_gesprek=gesprek,
            consulent=melding.consulent,
            situatie=(
                f"{p.aanhef[0].upper()}{p.aanhef[1:]} ({p.leeftijd}) woont {woont} in {p.client.woonplaats}. "
                f"{melding.hulpvraag}"
            ),
            eigen_kracht=self.kies(EIGEN_KRACHT),
            netwerk=self.kies(NETWERK),
            mantelzorg=self.kies(MANTELZORG),
            voorliggende_voorzieningen=self.kies(VOORLIGGEND),
            afgerond_op=afgerond,
        )
        b.onderzoeken.append(onderzoek)
        if gesprek < self.vandaag - ZRM_SINDS:
            return self.gekozen_resultaten(b, onderzoek, producten)
        laag = ZRM_LAAG[groep]
        for domein in ZRMDomein:
            if domein in laag:
                niveau = rng.choices((1, 2, 3), weights=(1, 5, 4))[0]
            elif domein == ZRMDomein.JUSTITIE or (domein == ZRMDomein.WERK_OPLEIDING and p.leeftijd >= 67):
                niveau = 5  # no contact with justice; retired (AOW)
            elif domein == ZRMDomein.MIDDELENGEBRUIK:
                niveau = rng.choices((3, 4, 5), weights=(1, 4, 10))[0]
            else:
                niveau = rng.choices((2, 3, 4, 5), weights=(1, 3, 5, 3))[0]
            toelichting = ZRM_TOELICHTING.get(domein, "") if niveau <= 2 else ""
            b.zrm.append(ZRMScore(onderzoek=onderzoek, domein=domein, niveau=niveau, toelichting=toelichting))
        return self.gekozen_resultaten(b, onderzoek, producten)

    def gekozen_resultaten(
        self, b: _Batch, onderzoek: Onderzoek, producten: list[tuple[Product, int | None]]
    ) -> Onderzoek:
        rng = self.rng
        for _product, resultaat_id in producten:
            if resultaat_id is None:
                continue
            gekozen = OnderzoekResultaat(
                onderzoek=onderzoek,
                resultaat_id=resultaat_id,
                anders_namelijk="Hulp bij het uitlaten van de hond via een vrijwilliger."
                if self.kans(0.03)
                else "",
            )
            b.onderzoek_resultaten.append(gekozen)
            subs = self.subresultaten.get(resultaat_id, [])
            for sub in rng.sample(subs, k=min(len(subs), rng.randint(1, 3))):
                b.or_subresultaten.append((gekozen, sub))
                punten = self.aandachtspunten.get(sub, [])
                for punt in rng.sample(punten, k=min(len(punten), rng.randint(0, 2))):
                    b.or_aandachtspunten.append((gekozen, punt))
        return onderzoek

    def einddatum_beschikking(self, ingang: dt.date, fase: Fase) -> dt.date | None:
        v = self.vandaag
        if fase == Fase.GESTART and self.kans(0.08):
            return self.dag(v + dt.timedelta(days=7), v + dt.timedelta(days=56))  # herindicatie due
        if self.kans(0.2):
            return None
        jaren = self.rng.choice((1, 2, 3, 5))
        while _plus_jaren(ingang, jaren) - DAG <= v + dt.timedelta(days=60):
            jaren += 1
        return _plus_jaren(ingang, jaren) - DAG

    def toegekend(
        self,
        b: _Batch,
        p: _Persoon,
        fase: Fase,
        beschikking: Beschikking,
        producten: list[tuple[Product, int | None]],
        consulent: User | None,
    ) -> None:
        rng, v = self.rng, self.vandaag
        besluit = beschikking.besluitdatum
        ingang = besluit + dt.timedelta(days=rng.randint(0, 7 if fase != Fase.TOEGEWEZEN else 14))
        eind = self.einddatum_beschikking(ingang, fase)
        code = p.gemeente.code

        # The delivery timeline of the main toewijzing.
        wacht = rng.choices((0, 3, 7, 14, 21), weights=(30, 25, 25, 15, 5))[0]
        start = ingang + dt.timedelta(days=wacht)
        lev = _Levering(start=start)
        overstap: dt.date | None = None
        if fase == Fase.TOEGEWEZEN:
            lev.start = None
        elif fase == Fase.TIJDELIJK_GESTOPT:
            stop = self.dag(
                max(start + dt.timedelta(days=14), v - dt.timedelta(days=40)), v - dt.timedelta(days=2)
            )
            lev.stops.append((stop, WMO588RedenBeeindiging.TIJDELIJK, None))
        elif fase == Fase.HERVAT:
            stop = self.dag(start + dt.timedelta(days=14), v - dt.timedelta(days=40))
            hervat = stop + dt.timedelta(days=rng.randint(7, 28))
            lev.stops.append((stop, WMO588RedenBeeindiging.TIJDELIJK, hervat))
        elif fase == Fase.BEEINDIGD:
            eind = self.dag(start + dt.timedelta(days=60), v - DAG)
            lev.stops.append((eind, WMO588RedenBeeindiging.VOLGENS_PLAN, None))
        elif fase == Fase.OVERLEDEN:
            overleden = self.dag(start + dt.timedelta(days=30), v - DAG)
            p.client.overlijdensdatum = overleden
            lev.stops.append((overleden, WMO588RedenBeeindiging.OVERLIJDEN, None))
        elif fase == Fase.OVERSTAP:
            overstap = self.dag(start + dt.timedelta(days=45), v - dt.timedelta(days=10))
            lev.stops.append((overstap - DAG, WMO588RedenBeeindiging.OVERSTAP_AANBIEDER, None))
        beschikking.ingangsdatum = ingang
        beschikking.einddatum = eind
        beschikking.motivering = (
            f"Uit het onderzoek blijkt dat u ondersteuning nodig heeft. De gemeente kent u "
            f"{producten[0][0].naam} toe. De aanbieder spreekt met u af hoe het resultaat wordt bereikt."
        )

        hoofd_br: BeschiktResultaat | None = None
        hoofd_aanbieder = ""
        for index, (product, resultaat_id) in enumerate(producten):
            groep = self.groep_van(product)
            info = self.info_per_code[product.code]
            if groep == VVR and hoofd_br is not None:
                br = hoofd_br
                sleutel = hoofd_aanbieder
            else:
                minuten = None
                band = self.tijdsbanden.get(product.code) or info.minuten
                if groep == HOB and band:
                    minuten = rng.randint(band[0], band[1])
                assert resultaat_id is not None
                br = BeschiktResultaat(
                    beschikking=beschikking,
                    resultaat_id=resultaat_id,
                    product=product,
                    complexiteit_id=product.complexiteit_id,
                    intensiteit_id=product.intensiteit_id,
                    tijdsband_id=product.tijdsband_id,
                    minuten_per_week=minuten,
                    frequentie=info.frequentie,
                    ingangsdatum=ingang,
                    einddatum=eind,
                )
                b.beschikt.append(br)
                subs = self.subresultaten.get(resultaat_id, [])
                for sub in rng.sample(subs, k=min(len(subs), rng.randint(1, 3))):
                    b.br_subresultaten.append((br, sub))
                sleutel = self.aanbieder_kiezen(code, groep)
                if index == 0:
                    hoofd_br, hoofd_aanbieder = br, sleutel
            self.toewijzing_keten(
                b,
                p,
                fase,
                product,
                br,
                sleutel,
                lev if index == 0 else self.mee(lev),
                overstap,
                eind,
                consulent,
            )

    def mee(self, lev: _Levering) -> _Levering:
        """A second toewijzing follows the main one's timeline (a hospital stay stops all help)."""
        stops = [s for s in lev.stops if s[1] != WMO588RedenBeeindiging.OVERSTAP_AANBIEDER]
        return _Levering(start=lev.start, stops=stops)

    def toewijzing_keten(
        self,
        b: _Batch,
        p: _Persoon,
        fase: Fase,
        product: Product,
        br: BeschiktResultaat,
        sleutel: str,
        lev: _Levering,
        overstap: dt.date | None,
        eind: dt.date | None,
        consulent: User | None,
    ) -> None:
        rng, v = self.rng, self.vandaag
        beschikking = br.beschikking
        besluit = beschikking.besluitdatum
        ingang = br.ingangsdatum
        toewijzingsdatum = besluit + dt.timedelta(
            days=rng.randint(0, min(2, max(0, (ingang - besluit).days)))
        )
        toewijzingsdatum = min(toewijzingsdatum, v)
        tijd = self.tijd()
        groep = self.groep_van(product)
        eerste_eind = eind
        laatste = lev.stops[-1] if lev.stops else None
        if laatste and laatste[1] == WMO588RedenBeeindiging.VOLGENS_PLAN:
            eerste_eind = laatste[0]
        versies: list[dict[str, Any]] = [
            self.termen(product, toewijzingsdatum, tijd, ingang, eerste_eind, ""),
        ]
        if laatste and laatste[1] == WMO588RedenBeeindiging.OVERLIJDEN:
            gemeld = min(laatste[0] + dt.timedelta(days=rng.randint(1, 7)), v)
            versies.append(
                self.termen(product, gemeld, self.tijd(), ingang, laatste[0], WMO002RedenWijziging.OVERLEDEN)
            )
        if overstap is not None:
            gemeld = overstap - dt.timedelta(days=rng.randint(3, 14))
            versies.append(
                self.termen(
                    product,
                    gemeld,
                    self.tijd(),
                    ingang,
                    overstap - DAG,
                    WMO002RedenWijziging.OVERSTAP_AANBIEDER,
                )
            )
        toewijzing = self.toewijzing(b, p, product, br, sleutel, versies, None)
        self.leveringen(b, toewijzing, sleutel, lev)
        beeindigd = laatste is not None and laatste[1] != WMO588RedenBeeindiging.TIJDELIJK
        self.na_start(b, p, fase, toewijzing, sleutel, lev, groep, consulent, beeindigd=beeindigd)

        if overstap is not None:
            nieuwe = self.aanbieder_kiezen(p.gemeente.code, groep, behalve=sleutel)
            # Decided at the same moment as the old toewijzing's end (as wissel_aanbieder does).
            gemeld, moment = versies[-1]["toewijzingsdatum"], versies[-1]["toewijzingstijd"]
            opvolger = self.toewijzing(
                b,
                p,
                product,
                br,
                nieuwe,
                [self.termen(product, gemeld, moment, overstap, eind, "")],
                toewijzing,
            )
            nieuw_lev = _Levering(start=overstap)
            self.leveringen(b, opvolger, nieuwe, nieuw_lev, bron=LeveringBron.IWMO)
            # The reason to switch, in the old provider's last evaluation.
            b.evaluaties.append(
                Evaluatie(
                    toewijzing=toewijzing,
                    datum=gemeld,
                    resultaat_behaald=ResultaatBehaald.DEELS,
                    client_tevreden=rng.choice((2, 2, 3)),
                    toelichting=self.kies(
                        (
                            "Cliënt wil overstappen: steeds andere hulpen over de vloer.",
                            "Cliënt wil overstappen naar de aanbieder van de buurvrouw.",
                            "Cliënt is ontevreden over het nakomen van afspraken en stapt over.",
                        )
                    ),
                    uitgevoerd_door=consulent,
                )
            )
            self.na_start(b, p, Fase.GESTART, opvolger, nieuwe, nieuw_lev, groep, consulent, beeindigd=False)

    def tijd(self) -> dt.time:
        return dt.time(self.rng.randint(8, 16), self.rng.randrange(60), self.rng.randrange(60))

    def termen(
        self,
        product: Product,
        datum: dt.date,
        tijd: dt.time,
        ingang: dt.date,
        eind: dt.date | None,
        reden: str,
    ) -> dict[str, Any]:
        return {
            "toewijzingsdatum": datum,
            "toewijzingstijd": tijd,
            "ingangsdatum": ingang,
            "einddatum": eind,
            "reden_wijziging": reden,
            "volume": product.volume,
            "eenheid": product.eenheid,
            "frequentie": product.frequentie,
            "budget_cent": None,
            "commentaar": "",
        }

    def toewijzing(
        self,
        b: _Batch,
        p: _Persoon,
        product: Product,
        br: BeschiktResultaat,
        sleutel: str,
        versies: list[dict[str, Any]],
        voorganger: Toewijzing | None,
    ) -> Toewijzing:
        code = p.gemeente.code
        self.nummer_toewijzing[code] += 1
        # A subcontractor delivers some of the provider's main product group.
        hoofdgroep = next(a.groepen[0] for a in AANBIEDERS if a.sleutel == sleutel)
        onderaannemer = None
        if self.groep_van(product) == hoofdgroep and self.kans(0.15):
            onderaannemer = self.onderaannemers.get(sleutel)
        toewijzing = Toewijzing(
            gemeente=p.gemeente,
            nummer=self.nummer_toewijzing[code],
            client=p.client,
            aanbieder=self.aanbieders[sleutel],
            product=product,
            beschikt_resultaat=br,
            voorganger=voorganger,
            onderaannemer=onderaannemer,
            referentie_aanbieder=f"{sleutel[:3].upper()}-{self.nummer_toewijzing[code]:06d}"
            if self.kans(0.5)
            else "",
            **versies[-1],
        )
        (b.opvolgers if voorganger is not None else b.toewijzingen).append(toewijzing)
        for termen in versies:
            b.versies.append(
                ToewijzingVersie(
                    toewijzing=toewijzing,
                    vastgelegd_op=dt.datetime.combine(
                        termen["toewijzingsdatum"], termen["toewijzingstijd"], TZ
                    ),
                    **termen,
                )
            )
        return toewijzing

    def leveringen(
        self, b: _Batch, toewijzing: Toewijzing, sleutel: str, lev: _Levering, bron: str | None = None
    ) -> None:
        aanbieder_user = self.aanbieder_users.get(sleutel)
        if lev.start is None:
            # Not started: the newest still wait for the provider's answer, older ones were accepted.
            if (self.vandaag - toewijzing.toewijzingsdatum).days > 5 and self.kans(0.7):
                self.reactie(toewijzing, aanbieder_user, toewijzing.toewijzingsdatum)
            return
        self.reactie(toewijzing, aanbieder_user, min(toewijzing.toewijzingsdatum, lev.start))
        bron = bron or self.gewogen(
            ((LeveringBron.IWMO, 55), (LeveringBron.PORTAAL, 40), (LeveringBron.CSV, 5))
        )
        begin = lev.start
        for einde, reden, hervat in lev.stops:
            b.leveringen.append(
                Levering(
                    toewijzing=toewijzing,
                    begindatum=begin,
                    einddatum=einde,
                    reden_beeindiging=reden,
                    toelichting=self.kies(TIJDELIJKE_STOP_OORZAAK)
                    if reden == WMO588RedenBeeindiging.TIJDELIJK
                    else "",
                    bron=bron,
                    start_gemeld_op=self.moment(begin + dt.timedelta(days=self.rng.randint(0, 3))),
                    stop_gemeld_op=self.moment(
                        min(einde + dt.timedelta(days=self.rng.randint(0, 3)), self.vandaag)
                    ),
                )
            )
            if hervat is None:
                return
            begin = hervat
        b.leveringen.append(
            Levering(
                toewijzing=toewijzing,
                begindatum=begin,
                bron=bron,
                start_gemeld_op=self.moment(
                    min(begin + dt.timedelta(days=self.rng.randint(0, 3)), self.vandaag)
                ),
            )
        )
        if not lev.stops or lev.stops[-1][2] is not None:
            self.actief[(self.aanbieders[sleutel].pk, toewijzing.product.pk)] += 1

    def reactie(self, toewijzing: Toewijzing, door: User | None, dag: dt.date) -> None:
        toewijzing.reactie = ReactieAanbieder.GEACCEPTEERD
        toewijzing.reactie_op = self.moment(
            min(dag + dt.timedelta(days=self.rng.randint(0, 2)), self.vandaag)
        )
        toewijzing.reactie_door = door

    def na_start(
        self,
        b: _Batch,
        p: _Persoon,
        fase: Fase,
        toewijzing: Toewijzing,
        sleutel: str,
        lev: _Levering,
        groep: str,
        consulent: User | None,
        *,
        beeindigd: bool,
    ) -> None:
        """Ondersteuningsplan, evaluaties, signalen and werklijst items for one toewijzing."""
        rng, v = self.rng, self.vandaag
        if groep == VVR:
            return
        aanbieder_user = self.aanbieder_users.get(sleutel)
        if lev.start is None:
            if self.kans(0.5) and toewijzing.toewijzingsdatum < v:
                self.plan(b, p, toewijzing, groep, 1, self.dag(toewijzing.toewijzingsdatum, v), concept=True)
            return
        start = lev.start
        einde = lev.stops[-1][0] if beeindigd and lev.stops else None
        laatste_dag = einde or v
        opgesteld = max(toewijzing.toewijzingsdatum, start - dt.timedelta(days=rng.randint(0, 10)))
        concept = ((v - start).days < 42 and self.kans(0.5)) or self.kans(0.05)
        plan = self.plan(b, p, toewijzing, groep, 1, opgesteld, concept=concept and einde is None)
        if plan.akkoord_op and (laatste_dag - plan.akkoord_op).days > 240 and self.kans(0.3):
            plan.status = PlanStatus.VERVANGEN
            opgesteld2 = self.dag(
                plan.akkoord_op + dt.timedelta(days=180), laatste_dag - dt.timedelta(days=20)
            )
            plan = self.plan(b, p, toewijzing, groep, 2, opgesteld2, concept=False)
        if (
            einde is None
            and plan.evaluatiedatum
            and v - dt.timedelta(days=14) <= plan.evaluatiedatum <= v + dt.timedelta(days=28)
        ):
            self.werk(
                b,
                p,
                WerklijstSoort.EVALUATIE,
                f"Evaluatie ondersteuningsplan {toewijzing.product.naam} ({toewijzing.aanbieder.naam})"[:300],
                plan.evaluatiedatum,
                plan,
                plan.evaluatiedatum - dt.timedelta(days=28),
                consulent,
            )

        # Evaluaties: a periodic one after half a year, a final one when the result ends as planned.
        if (laatste_dag - start).days > 180 and self.kans(0.5):
            halfjaar = start + dt.timedelta(days=rng.randint(150, 180))
            self.evaluatie(b, toewijzing, min(halfjaar, laatste_dag), consulent)
        if fase == Fase.BEEINDIGD and einde is not None:
            self.evaluatie(
                b,
                toewijzing,
                self.dag(max(start, einde - dt.timedelta(days=14)), einde),
                consulent,
                eind=True,
            )

        # Herindicatie: the result ends within eight weeks and the client still needs it.
        if (
            fase == Fase.GESTART
            and toewijzing.einddatum is not None
            and v < toewijzing.einddatum <= v + dt.timedelta(days=56)
        ):
            self.werk(
                b,
                p,
                WerklijstSoort.HERINDICATIE,
                f"Herindicatie: {toewijzing.product.naam} eindigt op {toewijzing.einddatum:%d-%m-%Y}"[:300],
                toewijzing.einddatum - dt.timedelta(days=14),
                toewijzing,
                toewijzing.einddatum - dt.timedelta(days=56),
                consulent,
            )

        # Signalen from the provider (the Plus: signalering).
        if einde is None and (self.kans(0.14) or (fase == Fase.TIJDELIJK_GESTOPT and self.kans(0.5))):
            for _ in range(rng.choice((1, 1, 1, 2))):
                self.signaal(b, p, toewijzing, fase, start, aanbieder_user, consulent)

    def plan(
        self,
        b: _Batch,
        p: _Persoon,
        toewijzing: Toewijzing,
        groep: str,
        versie: int,
        opgesteld: dt.date,
        *,
        concept: bool,
    ) -> Ondersteuningsplan:
        rng, v = self.rng, self.vandaag
        plan = Ondersteuningsplan(
            toewijzing=toewijzing,
            versie=versie,
            status=PlanStatus.CONCEPT,
            opgesteld_op=opgesteld,
            regiefrequentie=self.gewogen(
                (
                    (Regiefrequentie.HALFJAAR, 55),
                    (Regiefrequentie.JAAR, 25),
                    (Regiefrequentie.KWARTAAL, 15),
                    (Regiefrequentie.MAANDELIJKS, 5),
                )
            ),
            toelichting=(
                f"Opgesteld met {p.aanhef} bij een huisbezoek."
                if versie == 1
                else "Bijgesteld na de evaluatie: doelen aangepast aan de huidige situatie."
            ),
        )
        if not concept:
            plan.status = PlanStatus.AKKOORD
            plan.akkoord_op = min(opgesteld + dt.timedelta(days=rng.randint(0, 14)), v)
            plan.akkoord_wijze = self.gewogen(
                ((AkkoordWijze.HANDTEKENING, 50), (AkkoordWijze.DIGITAAL, 30), (AkkoordWijze.MONDELING, 20))
            )
            maanden = {Regiefrequentie.KWARTAAL: 3, Regiefrequentie.MAANDELIJKS: 3, Regiefrequentie.JAAR: 12}
            plan.evaluatiedatum = plan.akkoord_op + dt.timedelta(
                days=30 * maanden.get(Regiefrequentie(plan.regiefrequentie), 6)
            )
        b.plannen.append(plan)

        opties = DOELEN[groep]
        br = toewijzing.beschikt_resultaat
        subs = self.subresultaten.get(br.resultaat_id if br else 0, [])
        aantal_doelen = min(len(opties), rng.choice((1, 2, 2)))
        for i in sorted(rng.sample(range(len(opties)), aantal_doelen)):
            tekst, activiteiten = opties[i]
            doel = PlanDoel(plan=plan, subresultaat_id=subs[i % len(subs)] if subs else None, doel=tekst)
            b.doelen.append(doel)
            for wat, hoe_vaak, door in rng.sample(
                activiteiten, k=min(len(activiteiten), rng.choice((1, 1, 2)))
            ):
                b.activiteiten.append(
                    PlanActiviteit(doel=doel, wat=wat, hoe_vaak=hoe_vaak, door=Uitvoerder(door))
                )

        soorten = list(PlusSoort)
        # The Plus belongs to Thuisondersteuning (seed 000); other providers add one now and then.
        for soort in rng.sample(soorten, k=rng.choice((1, 1, 1, 2) if groep == HOB else (0, 0, 1))):
            tekst = self.kies(PLUS[soort])
            voorziening = None
            if soort == PlusSoort.VERBINDING:
                voorziening = self.kies(self.kaart[p.gemeente.code])
                tekst = tekst.format(v=voorziening.naam)
            b.plus.append(PlusAfspraak(plan=plan, soort=soort, omschrijving=tekst, voorziening=voorziening))
        return plan

    def evaluatie(
        self, b: _Batch, toewijzing: Toewijzing, datum: dt.date, consulent: User | None, *, eind: bool = False
    ) -> None:
        behaald = self.gewogen(
            (
                (ResultaatBehaald.JA, 70 if eind else 55),
                (ResultaatBehaald.DEELS, 25),
                (ResultaatBehaald.NEE, 8),
            )
        )
        tevreden = self.rng.choices((1, 2, 3, 4, 5), weights=(2, 4, 12, 45, 37))[0]
        if behaald == ResultaatBehaald.NEE:
            tevreden = min(tevreden, 3)
        b.evaluaties.append(
            Evaluatie(
                toewijzing=toewijzing,
                datum=min(datum, self.vandaag),
                resultaat_behaald=behaald,
                client_tevreden=tevreden if self.kans(0.9) else None,
                toelichting=self.kies(EVALUATIE_TEKST[ResultaatBehaald(behaald)]),
                uitgevoerd_door=consulent if self.kans(0.6) else None,
            )
        )

    def signaal(
        self,
        b: _Batch,
        p: _Persoon,
        toewijzing: Toewijzing,
        fase: Fase,
        start: dt.date,
        melder: User | None,
        consulent: User | None,
    ) -> None:
        rng, v = self.rng, self.vandaag
        if fase == Fase.TIJDELIJK_GESTOPT:
            soort = SignaalSoort.ACHTERUITGANG
            tekst = "Opgenomen in het ziekenhuis na een val; de ondersteuning is tijdelijk gestopt."
        else:
            soort = self.gewogen(
                (
                    (SignaalSoort.EENZAAMHEID, 25),
                    (SignaalSoort.ACHTERUITGANG, 20),
                    (SignaalSoort.MANTELZORG, 15),
                    (SignaalSoort.GELDZORGEN, 12),
                    (SignaalSoort.BOODSCHAPPEN, 12),
                    (SignaalSoort.ONVEILIG, 8),
                    (SignaalSoort.ANDERS, 8),
                )
            )
            tekst = self.kies(SIGNAAL_TEKST[SignaalSoort(soort)])
        dag = self.dag(max(start, v - dt.timedelta(days=120)), v)
        gemeld = self.moment(dag)
        leeftijd = (v - dag).days
        if leeftijd <= 10:
            status = self.gewogen(((SignaalStatus.NIEUW, 70), (SignaalStatus.IN_BEHANDELING, 30)))
        elif leeftijd <= 40:
            status = self.gewogen(
                (
                    (SignaalStatus.NIEUW, 10),
                    (SignaalStatus.IN_BEHANDELING, 40),
                    (SignaalStatus.AFGEHANDELD, 50),
                )
            )
        else:
            status = self.gewogen(((SignaalStatus.IN_BEHANDELING, 10), (SignaalStatus.AFGEHANDELD, 90)))
        signaal = Signaal(
            client=p.client,
            aanbieder=toewijzing.aanbieder,
            toewijzing=toewijzing,
            soort=soort,
            toelichting=tekst,
            gemeld_op=gemeld,
            gemeld_door=melder,
            status=status,
        )
        afgehandeld: dt.datetime | None = None
        if status != SignaalStatus.NIEUW:
            signaal.opvolging = self.kies(OPVOLGING)
            signaal.opgevolgd_door = consulent
        if status == SignaalStatus.AFGEHANDELD:
            signaal.terugkoppeling = self.kies(TERUGKOPPELING)
        if status == SignaalStatus.AFGEHANDELD:
            afgehandeld = self.moment(min(dag + dt.timedelta(days=rng.randint(2, 30)), v))
            if afgehandeld < gemeld:
                afgehandeld = gemeld + dt.timedelta(hours=2)
            signaal.afgehandeld_op = afgehandeld
        b.signalen.append(signaal)
        self.werk(
            b,
            p,
            WerklijstSoort.SIGNAAL,
            f"Signaal van {toewijzing.aanbieder.naam}: {SignaalSoort(soort).label}"[:300],
            dag + dt.timedelta(days=14),
            signaal,
            dag,
            consulent,
            afgehandeld_op=afgehandeld,
            aangemaakt=gemeld,
        )

    def werk(
        self,
        b: _Batch,
        p: _Persoon,
        soort: str,
        omschrijving: str,
        uiterlijk: dt.date | None,
        onderwerp: models.Model,
        dag: dt.date,
        toegewezen: User | None,
        *,
        afgehandeld_op: dt.datetime | None = None,
        aangemaakt: dt.datetime | None = None,
    ) -> None:
        b.werk.append(
            _Werk(
                gemeente=p.gemeente,
                client=p.client,
                soort=soort,
                omschrijving=omschrijving,
                uiterlijk=uiterlijk,
                onderwerp=onderwerp,
                aangemaakt_op=aangemaakt or self.moment(min(dag, self.vandaag)),
                toegewezen_aan=toegewezen,
                afgehandeld_op=afgehandeld_op,
            )
        )

    # ---------------------------------------------------------------------------------- writing

    def opslaan(self, b: _Batch) -> None:
        Client.objects.bulk_create(b.clienten)
        Melding.objects.bulk_create(b.meldingen)
        Onderzoek.objects.bulk_create(b.onderzoeken)
        ZRMScore.objects.bulk_create(b.zrm)
        OnderzoekResultaat.objects.bulk_create(b.onderzoek_resultaten)
        or_sub = OnderzoekResultaat.subresultaten.through
        or_sub.objects.bulk_create(
            [or_sub(onderzoekresultaat_id=o.pk, subresultaat_id=s) for o, s in b.or_subresultaten]
        )
        or_ap = OnderzoekResultaat.aandachtspunten.through
        or_ap.objects.bulk_create(
            [or_ap(onderzoekresultaat_id=o.pk, aandachtspunt_id=a) for o, a in b.or_aandachtspunten]
        )
        Aanvraag.objects.bulk_create(b.aanvragen)
        Beschikking.objects.bulk_create(b.beschikkingen)
        BeschiktResultaat.objects.bulk_create(b.beschikt)
        br_sub = BeschiktResultaat.subresultaten.through
        br_sub.objects.bulk_create(
            [br_sub(beschiktresultaat_id=r.pk, subresultaat_id=s) for r, s in b.br_subresultaten]
        )
        Toewijzing.objects.bulk_create(b.toewijzingen)
        Toewijzing.objects.bulk_create(b.opvolgers)
        ToewijzingVersie.objects.bulk_create(b.versies)
        Levering.objects.bulk_create(b.leveringen)
        Ondersteuningsplan.objects.bulk_create(b.plannen)
        PlanDoel.objects.bulk_create(b.doelen)
        PlanActiviteit.objects.bulk_create(b.activiteiten)
        PlusAfspraak.objects.bulk_create(b.plus)
        Evaluatie.objects.bulk_create(b.evaluaties)
        Signaal.objects.bulk_create(b.signalen)
        types: dict[type[models.Model], ContentType] = {
            model: ContentType.objects.get_for_model(model)
            for model in (Melding, Aanvraag, Signaal, Toewijzing, Ondersteuningsplan)
        }
        WerklijstItem.objects.bulk_create(
            [
                WerklijstItem(
                    gemeente=w.gemeente,
                    client=w.client,
                    soort=w.soort,
                    omschrijving=w.omschrijving,
                    uiterlijk=w.uiterlijk,
                    status=WerklijstStatus.AFGEHANDELD if w.afgehandeld_op else WerklijstStatus.OPEN,
                    toegewezen_aan=w.toegewezen_aan,
                    content_type=types[type(w.onderwerp)],
                    object_id=w.onderwerp.pk,
                    aangemaakt_op=w.aangemaakt_op,
                    afgehandeld_op=w.afgehandeld_op,
                )
                for w in b.werk
            ]
        )
        for naam, rijen in (
            ("cliënten", b.clienten),
            ("meldingen", b.meldingen),
            ("onderzoeken", b.onderzoeken),
            ("ZRM-scores", b.zrm),
            ("gekozen resultaten (onderzoek)", b.onderzoek_resultaten),
            ("aanvragen", b.aanvragen),
            ("beschikkingen", b.beschikkingen),
            ("beschikte resultaten", b.beschikt),
            ("toewijzingen", b.toewijzingen + b.opvolgers),
            ("toewijzingsversies", b.versies),
            ("leveringen", b.leveringen),
            ("ondersteuningsplannen", b.plannen),
            ("doelen", b.doelen),
            ("activiteiten", b.activiteiten),
            ("Plus-afspraken", b.plus),
            ("evaluaties", b.evaluaties),
            ("signalen", b.signalen),
            ("werklijstitems", b.werk),
        ):
            self.rijen[naam] += len(rijen)

    def contractregels(self) -> None:
        """Contracted products with capacity and waiting time, sized to the caseload just generated."""
        regels: list[ContractProduct] = []
        for a in AANBIEDERS:
            contract = self.contracten[a.sleutel]
            if contract.producten.exists():
                continue
            aanbieder = self.aanbieders[a.sleutel]
            for info in PRODUCTEN:
                if info.groep not in a.groepen:
                    continue
                product = self.producten[info.code]
                actief = self.actief[(aanbieder.pk, product.pk)]
                vol = actief >= 10 and self.kans(0.2)
                if vol:
                    capaciteit, wachttijd = actief, self.rng.choice((14, 21, 28, 42))
                else:
                    capaciteit = max(10, math.ceil(actief * self.rng.uniform(1.1, 1.5) / 5) * 5)
                    wachttijd = self.rng.choice((0, 0, 0, 3, 7))
                regels.append(
                    ContractProduct(
                        contract=contract,
                        product=product,
                        capaciteit=capaciteit,
                        wachttijd_dagen=wachttijd,
                        geldig_van=max(TARIEF_VANAF, product.geldig_van),
                        geldig_tot=contract.geldig_tot,
                    )
                )
        ContractProduct.objects.bulk_create(regels)

    def portaal(self) -> None:
        """A few portal actions made through the services, as provider staff make them: a returned
        toewijzing on the consulent's worklist, and open requests for a toewijzing and for a change.

        Run after the bulk part, with the real registration timestamps; an action the services refuse
        for this particular client (an overlap, no contract) is skipped and not counted.
        """
        from resultaat.iwmo import services as iwmo

        self.portaal_acties: Counter[str] = Counter()
        laatste_werk = WerklijstItem.objects.aggregate(m=models.Max("pk"))["m"] or 0
        eerste_dag = max(self.vandaag, timezone.localdate()) + dt.timedelta(days=14)
        for nr, a in enumerate(AANBIEDERS[:3]):
            door = self.aanbieder_users.get(a.sleutel)
            if door is None:
                continue
            aanbieder = self.aanbieders[a.sleutel]
            eigen = Toewijzing.objects.filter(aanbieder=aanbieder)
            if nr < 2:
                nieuw = eigen.te_beoordelen().order_by("gemeente__code", "nummer").first()
                if nieuw is not None:
                    self._probeer(
                        "retour aanbieder",
                        tw_services.retourneer_toewijzing,
                        door=door,
                        toewijzing=nieuw,
                        reden="Geen capaciteit in deze wijk tot februari; wij hebben een wachtlijst.",
                    )
            lopend = list(
                eigen.met_levering()
                .actief_op(self.vandaag)
                .filter(einddatum__isnull=False, einddatum__gt=eerste_dag)
                .order_by("gemeente__code", "nummer")[:6]
            )
            for t in lopend[:1]:
                self._probeer(
                    "verzoek om wijziging",
                    iwmo.dien_vow_in,
                    door=door,
                    toewijzing=t,
                    einddatum=t.einddatum + dt.timedelta(days=182),
                    toelichting="Het resultaat is nog niet bereikt; cliënt herstelt langzamer dan verwacht.",
                )
            for t in lopend[1:]:
                andere = [
                    cp.product
                    for cp in ContractProduct.objects.geldig_op(eerste_dag)
                    .filter(contract__aanbieder=aanbieder, contract__gemeenten=t.gemeente)
                    .exclude(product__in=Toewijzing.objects.filter(client=t.client).values("product"))
                    .select_related("product")
                    .order_by("product__code")
                ]
                if andere and self._probeer(
                    "verzoek om toewijzing",
                    iwmo.dien_vot_in,
                    door=door,
                    client=t.client,
                    product=andere[0],
                    ingangsdatum=eerste_dag,
                    toelichting="Cliënt vraagt ook om deze ondersteuning; besproken in het regiegesprek.",
                ):
                    break
        # Like every other row of the demo, the worklist items get their moment from the demo's timeline.
        WerklijstItem.objects.filter(pk__gt=laatste_werk).update(aangemaakt_op=self.moment(self.vandaag))

    def afrekeningen(self) -> None:
        """The last two finished four-week periods of the financieel login's gemeenten are settled by the
        generator and approved by that login (a second person), so that the payment pages and the
        providers' specifications have something to show."""
        from resultaat.bekostiging import services as bk
        from resultaat.bekostiging.models import Periode

        goedkeurder = User.objects.filter(username="financieel").first()
        if goedkeurder is None:
            return
        for gemeente in goedkeurder.gemeenten.order_by("code"):
            for jaar in (self.vandaag.year - 1, self.vandaag.year):
                bk.zoek_periode(gemeente, f"{jaar}-P01")  # makes the year's calendar when missing
            afgelopen = Periode.objects.filter(
                gemeente=gemeente, code__contains="-P", eind__lte=self.vandaag
            ).order_by("-begin")[:2]
            for periode in reversed(list(afgelopen)):
                run = bk.afrekenen(gemeente=gemeente, periode=periode).run
                if run is not None:
                    bk.keur_goed(run=run, door=goedkeurder)
                    self.portaal_acties["goedgekeurde afrekenrun"] += 1

    def _probeer(self, wat: str, actie: Any, **kwargs: Any) -> bool:
        try:
            with transaction.atomic():
                actie(**kwargs)
        except ValidationError:
            return False
        self.portaal_acties[wat] += 1
        return True

    def run(self) -> DemoVerslag:
        self.rijen: Counter[str] = Counter()
        self.catalogus()
        self.regio()
        logins = self.gebruikers()
        fasen = fase_verdeling(self.n, self.rng)
        bsns = bsn_reeks(self.rng)
        for begin in range(0, self.n, CHUNK):
            batch = _Batch()
            for nr in range(begin, min(begin + CHUNK, self.n)):
                self.maak(batch, next(bsns), fasen[nr])
            self.opslaan(batch)
        self.contractregels()
        return DemoVerslag(
            clienten=self.n,
            seed=self.seed,
            vandaag=self.vandaag,
            fasen={f.value: self.teller[f.value] for f in Fase},
            aantallen=dict(self.rijen),
            logins=logins,
            tarieven=self.nieuwe_tarieven,
        )


def genereer_demo(
    *,
    clienten: int = 500,
    seed: int = 1,
    vandaag: dt.date | None = None,
) -> DemoVerslag:
    """Build the demo region with ``clienten`` clients into an empty database, in one transaction.

    Raises :class:`DemoBestaatAl` when clients exist, :class:`DemoFout` when the catalogue is incomplete.
    """
    if clienten < 1:
        raise DemoFout("Het aantal cliënten moet minstens 1 zijn.")
    begonnen = time.perf_counter()
    vandaag = vandaag or timezone.localdate()
    aantal = Client.objects.count()
    if aantal:
        raise DemoBestaatAl(aantal)
    generator = _Generator(clienten=clienten, seed=seed, vandaag=vandaag)
    with transaction.atomic(), acting_as(ACTOR):
        with _tijdstempels_uit_demo():
            verslag = generator.run()
        generator.portaal()
        generator.afrekeningen()
    verslag.aantallen.update(generator.portaal_acties)
    verslag.seconden = time.perf_counter() - begonnen
    return verslag


__all__ = [
    "DEMO_WACHTWOORD",
    "REGIO_NAAM",
    "DemoBestaatAl",
    "DemoFout",
    "DemoVerslag",
    "Fase",
    "bsn_reeks",
    "fase_verdeling",
    "genereer_demo",
    "nl_iban",
]

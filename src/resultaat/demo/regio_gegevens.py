"""The fixed region of the demo: gemeenten, places, streets, providers, products, demo users and
the sociale kaart per gemeente (reference data, no randomness)."""

from __future__ import annotations

from dataclasses import dataclass

from resultaat.accounts.models import Rol

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
    # The amount per week of every other product, in its unit (hours of begeleiding and verzorging,
    # dagdelen of dagbesteding): what the beschikking states.
    omvang: tuple[int, int] | None = None
    # The results this product is granted for when the catalogue links it to none (the matrix products
    # of begeleiding, PV and dagbesteding are levels, not results): (result code, weight).
    resultaten: tuple[tuple[str, int], ...] = ()


RESULTATEN_BG = (
    ("administratie-en-geld", 35),
    ("regelvermogen-zelfregie", 30),
    ("sociaal-netwerk-participatie", 20),
    ("structuur-huishouden", 15),
)
RESULTATEN_PV = (("zelfverzorging", 1),)
RESULTATEN_DB = (("zinvolle-dagbesteding", 85), ("mantelzorg", 15))

PRODUCTEN: tuple[ProductInfo, ...] = (
    ProductInfo("01", "HOB1", HOB, 18000, 30, "één keer per week", (60, 90)),
    ProductInfo("01", "HOB2", HOB, 24500, 50, "één keer per week", (91, 130)),
    ProductInfo("01", "HOB3", HOB, 42000, 20, "twee keer per week", (131, 260)),
    ProductInfo("02", "BGL", BG, 34000, 40, "één keer per week", omvang=(1, 2), resultaten=RESULTATEN_BG),
    ProductInfo("02", "BGM", BG, 69000, 45, "twee keer per week", omvang=(3, 5), resultaten=RESULTATEN_BG),
    ProductInfo(
        "02", "BGZ", BG, 103000, 15, "meerdere keren per week", omvang=(6, 9), resultaten=RESULTATEN_BG
    ),
    ProductInfo(
        "03", "PVL", PV, 29000, 40, "twee tot drie keer per week", omvang=(1, 2), resultaten=RESULTATEN_PV
    ),
    ProductInfo("03", "PVM", PV, 58000, 40, "dagelijks", omvang=(3, 5), resultaten=RESULTATEN_PV),
    ProductInfo(
        "03",
        "PVZ",
        PV,
        95000,
        20,
        "dagelijks, meerdere keren per dag",
        omvang=(7, 12),
        resultaten=RESULTATEN_PV,
    ),
    ProductInfo("07", "DBL", DB, 52000, 35, "één keer per week", omvang=(1, 1), resultaten=RESULTATEN_DB),
    ProductInfo("07", "DBM", DB, 78000, 45, "twee of drie dagen", omvang=(2, 3), resultaten=RESULTATEN_DB),
    ProductInfo(
        "07", "DBH", DB, 112000, 20, "verdeeld over de week", omvang=(4, 6), resultaten=RESULTATEN_DB
    ),
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
    # The region's contract manager: the dashboards of the five gemeenten together, and of each.
    GebruikerInfo(
        "contractmanager-regio",
        Rol.CONTRACTMANAGER,
        "Yvonne",
        "Smit",
        ("0361", "0399", "0383", "0373", "1980"),
    ),
    GebruikerInfo("financieel", Rol.FINANCIEEL, "Ingrid", "Kok", ("0361",)),
    GebruikerInfo("financieel-2", Rol.FINANCIEEL, "Bas", "Mulder", ("0361",)),
    GebruikerInfo("beheerder", Rol.BEHEERDER, "Ahmed", "El Idrissi", ("0361",)),
    GebruikerInfo("auditor", Rol.AUDITOR, "Marloes", "Visser", ("0361",)),
    GebruikerInfo("consulent-dijkenwaard", Rol.CONSULENT, "Kees", "Ootjers", ("1980",)),
    GebruikerInfo("consulent-castricum", Rol.CONSULENT, "Lisa", "Brouwer", ("0383",)),
    GebruikerInfo("consulent-bergen", Rol.CONSULENT, "Joost", "Kaan", ("0373",)),
)

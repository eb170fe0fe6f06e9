"""The seed catalogue: the five Dutch seed documents as catalogue data.

The data below is plain Python (tuples of dicts) so that it can be read, reviewed and imported without a
database; ``resultaat.catalogus.seed_laden.laad_catalogus`` writes it with the models of an app registry,
so a data migration can call it with its historical models (``0002_seed_catalogus``). Running it again
changes nothing: every row is found by its code (or natural key) and updated to the data below.

Every item names its seed in ``bron``. Only :class:`~resultaat.catalogus.models.Resultaat` stores that
field; for the other models it documents where the text comes from.

Wording is the seeds' own. Changes made to the OCR text of seed 001 ("RO 2017", a table read as columns
of text) are limited to repairing the OCR: lines of one cell joined, the leading dash of an aandachtspunt
dropped and its first letter capitalised, ``cliént``/``Client`` read as ``cliënt``/``Cliënt``, words the
OCR glued together split again (``cliéntis``, ``ontwikkelenen``), and the full stops between the four
sentences of the health subresult. Typing errors of the authors are kept (seed 000: "Ondersteuning
zoals;", "om met naar het buurthuis te gaan"). The RO 2017 column headings are missing from the OCR
text; the names of those results are descriptive names of the columns.

Validity: the domains and complexity levels come from seed 001's "ResultatenMatrix 2015" and the results
of seed 002 from "vanaf 2015" (valid from 2015-01-01); RO 2017, the intensity levels and the products of
seed 001 from 2017-01-01; seed 000's Thuisondersteuning product from 2017-01-01 with its tariff for
2017 only; seed 003's time bands and HOB products from 2025-01-01 (the contract before it ended on
31-12-2024). The tariffs (``seed_tarieven``): TO001 the 2017 amount of seed 000;
begeleiding licht and midden the lump sums per 4 weeks of domain/NOTES.md 4.3 (Altena; the source gives
no year, they are set for 2024 only); no other product has a tariff.

Products of the ResultatenMatrix name their domain: begeleiding serves every result of zelfstandig en
veilig wonen without a product of its own, persoonlijke verzorging the result ``zelfverzorging``,
dagbesteding the three dagbesteding results. Each product says in which unit the client is granted help
per week (``omvang_eenheid``): minutes, hours, dagdelen or etmalen.

===========================  ====================================================================
what                         codes
===========================  ====================================================================
ResultaatDomein              ``zelfstandig-veilig-wonen``, ``zelfverzorging``,
                             ``zinvolle-daginvulling``, ``mantelzorg-netwerk``
Resultaat (seed 000/002/003) ``schoon-en-leefbaar-huis``, ``voedsel-en-kleding``,
                             ``structuur-huishouden``, ``sociaal-netwerk-opbouwen``
                             (all in zelfstandig-veilig-wonen); ``zelfverzorging`` (seed 001 matrix)
Resultaat (seed 001 RO 2017) ``administratie-en-geld``, ``zich-uiten``, ``sociaal-netwerk-participatie``,
                             ``regelvermogen-zelfregie``, ``gezinsleden-relaties``,
                             ``gezondheid-symptomen``, ``huisvesting`` (all in zelfstandig-veilig-wonen);
                             ``zinvolle-dagbesteding``, ``arbeidsmatige-dagbesteding``,
                             ``educatieve-dagbesteding`` (zinvolle-daginvulling);
                             ``mantelzorg`` (mantelzorg-netwerk)
Subresultaat                 one per RO 2017 result, with the code of its result
ComplexiteitNiveau           ``licht``, ``midden``, ``zwaar``
IntensiteitNiveau            ``incidenteel``, ``wekelijks``, ``meerdere-keren-per-week``, ``dagelijks``
Tijdsband                    ``basis-1`` (60-90), ``basis`` (91-130), ``basis-plus-1`` (131-260)
                             for schoon-en-leefbaar-huis, from 2025-01-01
Meerpost (on basis-plus-1)   ``beperkingen``, ``samenstelling-huishouden``, ``extra-kamer-in-gebruik``,
                             ``extra-kamer-niet-in-gebruik``, ``huisdier``
Product 01 (huishouden)      ``TO001`` Thuisondersteuning (tariff 21600 cent per CAK period in 2017);
                             ``HOB1``, ``HOB2``, ``HOB3`` (the three bands)
Product 02 (begeleiding)     ``BGL``, ``BGM``, ``BGZ``; speciaal ``BSL``, ``BSM``, ``BSZ``
Product 03 (verzorging)      ``PVL``, ``PVM``, ``PVZ``; speciaal ``PSL``, ``PSM``, ``PSZ``
Product 07 (dagbesteding)    ``DBL``, ``DBM``, ``DBH``; respijt ``RSD`` (dagdelen)
Product 06 / 04 (respijt)    ``06 RSU`` uren voor mantelzorgers, ``04 RSE`` dagen (respijtzorg)
Aanvullend arrangement       ``10 STA`` startarrangement, ``08 VVR`` vervoer, ``08 VVW`` vervoer rolstoel
===========================  ====================================================================

All products: eenheid 82 (stuks output), frequentie 4 (per maand), volume 1.
"""

from __future__ import annotations

import datetime as dt
from typing import Final, TypedDict

D = dt.date

BRON_000: Final = "seed 000 Thuisondersteuning"
BRON_001_MATRIX: Final = "seed 001 ResultatenMatrix 2015"
BRON_001_RO2017: Final = "seed 001 RO 2017"
BRON_001_NIVEAUS: Final = "seed 001 Complexiteit en intensiteit"
BRON_002: Final = "seed 002 Resultaatfinanciering, Het model"
BRON_003: Final = "seed 003 Inkoop Huishoudelijke ondersteuning 2025"

VANAF_2015: Final = D(2015, 1, 1)
VANAF_2017: Final = D(2017, 1, 1)
VANAF_2025: Final = D(2025, 1, 1)

# Product categories (iWmo WMO020), eenheid (WJ756) and frequentie (WMO757) as their code values, so that
# the migration that loads this data does not depend on the enum classes.
HUISHOUDEN: Final = "01"
BEGELEIDING: Final = "02"
PERSOONLIJKE_VERZORGING: Final = "03"
KORTDUREND_VERBLIJF: Final = "04"
OVERIGE_INDIVIDU: Final = "06"
DAGBESTEDING: Final = "07"
VERVOERDIENSTEN: Final = "08"
OVERIGE_MAATWERK: Final = "10"
STUKS_OUTPUT: Final = "82"
PER_MAAND: Final = "4"
CAK_PERIODE: Final = "4w"


class DomeinData(TypedDict):
    code: str
    naam: str
    omschrijving: str
    volgorde: int
    geldig_van: dt.date
    bron: str


class ResultaatData(TypedDict):
    domein: str
    code: str
    naam: str
    omschrijving: str
    plus: str
    volgorde: int
    geldig_van: dt.date
    bron: str


class SubresultaatData(TypedDict):
    resultaat: str
    code: str
    omschrijving: str
    aandachtspunten: tuple[str, ...]
    geldig_van: dt.date
    bron: str


class NiveauData(TypedDict):
    code: str
    naam: str
    omschrijving: str
    volgorde: int
    geldig_van: dt.date
    bron: str


class TijdsbandData(TypedDict):
    resultaat: str
    code: str
    naam: str
    min_minuten: int
    max_minuten: int
    omschrijving: str
    situatie: str
    opmerkingen: str
    meerposten: tuple[tuple[str, str], ...]
    volgorde: int
    geldig_van: dt.date
    bron: str


class ProductData(TypedDict):
    categorie: str
    code: str
    naam: str
    resultaat: str | None
    complexiteit: str | None
    tijdsband: str | None
    domein: str | None
    omvang_eenheid: str
    aanvullend_arrangement: bool
    geldig_van: dt.date
    bron: str


# --- Domains (seed 001, ResultatenMatrix 2015 and the slide "Participatie en zelfredzaamheid") ----------

DOMEIN_ZELFSTANDIG_VEILIG_WONEN: Final = "zelfstandig-veilig-wonen"
DOMEIN_ZELFVERZORGING: Final = "zelfverzorging"
DOMEIN_ZINVOLLE_DAGINVULLING: Final = "zinvolle-daginvulling"
DOMEIN_MANTELZORG_NETWERK: Final = "mantelzorg-netwerk"

DOMEINEN: Final[tuple[DomeinData, ...]] = (
    {
        "code": DOMEIN_ZELFSTANDIG_VEILIG_WONEN,
        "naam": "Zelfstandig en veilig wonen",
        "omschrijving": "Ondersteuning bij zelfstandig en veilig wonen",
        "volgorde": 1,
        "geldig_van": VANAF_2015,
        "bron": BRON_001_MATRIX,
    },
    {
        "code": DOMEIN_ZELFVERZORGING,
        "naam": "Zelfverzorging",
        "omschrijving": "",
        "volgorde": 2,
        "geldig_van": VANAF_2015,
        "bron": BRON_001_MATRIX,
    },
    {
        "code": DOMEIN_ZINVOLLE_DAGINVULLING,
        "naam": "Zinvolle daginvulling",
        "omschrijving": "Ondersteuning bij een zinvolle daginvulling",
        "volgorde": 3,
        "geldig_van": VANAF_2015,
        "bron": BRON_001_MATRIX,
    },
    {
        "code": DOMEIN_MANTELZORG_NETWERK,
        "naam": "Mantelzorg, ondersteund netwerk",
        "omschrijving": "Ondersteuning aan het netwerk bij het volhouden van mantelzorg",
        "volgorde": 4,
        "geldig_van": VANAF_2015,
        "bron": BRON_001_MATRIX,
    },
)
DOMEIN_CODES: Final = tuple(d["code"] for d in DOMEINEN)

# --- Results -----------------------------------------------------------------------------------------

RESULTAAT_SCHOON_EN_LEEFBAAR_HUIS: Final = "schoon-en-leefbaar-huis"
RESULTAAT_VOEDSEL_EN_KLEDING: Final = "voedsel-en-kleding"
RESULTAAT_STRUCTUUR_HUISHOUDEN: Final = "structuur-huishouden"
RESULTAAT_SOCIAAL_NETWERK_OPBOUWEN: Final = "sociaal-netwerk-opbouwen"
RESULTAAT_MANTELZORG: Final = "mantelzorg"
RESULTAAT_ZELFVERZORGING: Final = "zelfverzorging"

THUISONDERSTEUNING_OMSCHRIJVING: Final = (
    "Wat is Thuisondersteuning\n"
    "- Schoonmaken met een 'Plus' +\n"
    "- Samenvoeging van de HH1 en HH2\n"
    "- Een Schoon en Leefbaar huis\n"
    "- Preventie, signaleren en het versterken van de regie (coaching)\n"
    "- Het resultaat centraal stellen en niet het aantal uren\n"
    "\n"
    "Indiceren thuisondersteuning\n"
    "- Het gaat om het resultaat\n"
    "  - Wat gaat de zorgaanbieder schoonmaken\n"
    "- Het gaat om de frequentie\n"
    "  - Hoe vaak gaat de zorgaanbieder schoonmaken\n"
    "- Het gaat niet over het aantal uren\n"
    "- De zorgaanbieder is vrij om te bepalen hoe hij het resultaat haalt"
)

THUISONDERSTEUNING_PLUS: Final = (
    "Thuisondersteuning biedt de cliënt meer ondersteuning dan de huidige producten HH1 en HH2\n"
    "Ondersteuning zoals;\n"
    "- Preventie,\n"
    "- Actieve signalering,\n"
    "- Het versterken van de regie (coaching)\n"
    "- Het actief ondersteunen van de cliënt bij het leggen van verbindingen met reeds aanwezig "
    "voorliggende voorzieningen\n"
    "\n"
    "Voorbeelden van de 'Plus'+\n"
    "- Cliënt vindt het moeilijk om boodschappen te doen.\n"
    "  Samen met de cliënt wordt een boodschappenlijst gemaakt en naar een oplossing gezocht hoe de "
    "boodschappen gedaan moeten worden.\n"
    "- Er wordt gesignaleerd dat de cliënt mogelijk eenzaam is.\n"
    "  De cliënt wordt in contact gebracht met bijvoorbeeld het buurthuis, of wordt ondersteund om met "
    "naar het buurthuis te gaan."
)

RESULTATEN: Final[tuple[ResultaatData, ...]] = (
    # Seed 000 (Thuisondersteuning), the same result as seed 002's "schoon huis" and seed 003's
    # "Resultaat: Schoon en leefbaar huis".
    {
        "domein": DOMEIN_ZELFSTANDIG_VEILIG_WONEN,
        "code": RESULTAAT_SCHOON_EN_LEEFBAAR_HUIS,
        "naam": "Schoon en leefbaar huis",
        "omschrijving": THUISONDERSTEUNING_OMSCHRIJVING,
        "plus": THUISONDERSTEUNING_PLUS,
        "volgorde": 1,
        "geldig_van": VANAF_2015,
        "bron": f"{BRON_000}; seed 002 (schoon huis); seed 003 (Schoon en leefbaar huis)",
    },
    # Seed 002: "het te behalen resultaat van de toegekende ondersteuning (schoon huis, kunnen beschikken
    # over voedsel en/of kleding, het aanbrengen van structuur in het huishouden of het ondersteunen bij
    # het opbouwen van een sociaal netwerk)".
    {
        "domein": DOMEIN_ZELFSTANDIG_VEILIG_WONEN,
        "code": RESULTAAT_VOEDSEL_EN_KLEDING,
        "naam": "Beschikken over voedsel en/of kleding",
        "omschrijving": "Kunnen beschikken over voedsel en/of kleding",
        "plus": "",
        "volgorde": 2,
        "geldig_van": VANAF_2015,
        "bron": BRON_002,
    },
    {
        "domein": DOMEIN_ZELFSTANDIG_VEILIG_WONEN,
        "code": RESULTAAT_STRUCTUUR_HUISHOUDEN,
        "naam": "Structuur in het huishouden",
        "omschrijving": "Het aanbrengen van structuur in het huishouden",
        "plus": "",
        "volgorde": 3,
        "geldig_van": VANAF_2015,
        "bron": BRON_002,
    },
    {
        "domein": DOMEIN_ZELFSTANDIG_VEILIG_WONEN,
        "code": RESULTAAT_SOCIAAL_NETWERK_OPBOUWEN,
        "naam": "Ondersteunen bij het opbouwen van een sociaal netwerk",
        "omschrijving": "Het ondersteunen bij het opbouwen van een sociaal netwerk",
        "plus": "",
        "volgorde": 4,
        "geldig_van": VANAF_2015,
        "bron": BRON_002,
    },
    # Seed 001, ResultatenMatrix 2015: the column "zelfverzorging" with the levels of persoonlijke
    # verzorging (PV, PV speciaal). RO 2017 has no column of its own for it; the name is the column's.
    {
        "domein": DOMEIN_ZELFVERZORGING,
        "code": RESULTAAT_ZELFVERZORGING,
        "naam": "Zelfverzorging",
        "omschrijving": "Cliënt kan zichzelf verzorgen",
        "plus": "",
        "volgorde": 5,
        "geldig_van": VANAF_2015,
        "bron": BRON_001_MATRIX,
    },
)
RESULTAAT_CODES_SEED_002: Final = (
    RESULTAAT_SCHOON_EN_LEEFBAAR_HUIS,
    RESULTAAT_VOEDSEL_EN_KLEDING,
    RESULTAAT_STRUCTUUR_HUISHOUDEN,
    RESULTAAT_SOCIAAL_NETWERK_OPBOUWEN,
)

# --- RO 2017 (seed 001): one result per column, its subresult and its aandachtspunten ------------------
# (domain, code, name of the column, subresult, aandachtspunten). The column headings ("Domein") are not
# in the OCR text; the names describe the column.

ANDERS_NAMELIJK: Final = "Anders, namelijk"

RO2017: Final[tuple[tuple[str, str, str, str, tuple[str, ...]], ...]] = (
    (
        DOMEIN_ZELFSTANDIG_VEILIG_WONEN,
        "administratie-en-geld",
        "Administratie en geld",
        "De administratie van de cliënt en het beheer van zijn geld zijn op orde.",
        (
            "Cliënt opent, leest, begrijpt en beantwoordt zijn post",
            "De administratie van de cliënt is op orde",
            "Cliënt maakt gebruik van regelingen, uitkeringen en toeslagen waar hij voor in aanmerking komt",
            "Cliënt heeft inzicht in zijn administratie en financiën",
            "Cliënt heeft geen inkomsten, groeiende hoge schulden",
            ANDERS_NAMELIJK,
        ),
    ),
    (
        DOMEIN_ZELFSTANDIG_VEILIG_WONEN,
        "zich-uiten",
        "Zich uiten en voor zichzelf opkomen",
        "Cliënt kan in een sociale context een gesprek voeren en voor zichzelf opkomen",
        (
            "Cliënt kan zich begrijpelijk maken",
            "Cliënt begrijpt wat anderen zeggen",
            "Cliënt durft voor zichzelf op te komen",
            "Cliënt weet in veelvoorkomende situaties op welke wijze hij het beste voor zichzelf kan opkomen",
            "Cliënt houdt zich aan afspraken en regels",
            "Cliënt leert omgaan met zijn beperking of gedragsproblematiek",
            "Cliënt ervaart een gevoel van veiligheid en geborgenheid in eigen woonomgeving en vormt geen "
            "gevaar voor zichzelf of anderen",
        ),
    ),
    (
        DOMEIN_ZELFSTANDIG_VEILIG_WONEN,
        "sociaal-netwerk-participatie",
        "Sociaal netwerk en participatie",
        "Cliënt heeft een gezond sociaal netwerk en participeert actief in de maatschappij",
        (
            "Cliënt wordt herkend en erkend door zijn omgeving",
            "Cliënt is op de hoogte van contacten in zijn leefomgeving en maakt daar gebruik van",
            "Cliënt is in staat zijn sociaal netwerk te ontwikkelen en te onderhouden",
            "Cliënt bezit vaardigheden om betrokken te raken",
        ),
    ),
    (
        DOMEIN_ZELFSTANDIG_VEILIG_WONEN,
        "regelvermogen-zelfregie",
        "Regelvermogen en zelfregie",
        "Cliënt heeft voldoende regelvermogen, besluitvaardigheid en initiatief om zelfregie en dag "
        "structuur te ontwikkelen en te behouden",
        (
            "Cliënt maakt zelfstandig beslissingen",
            "Cliënt overziet de gevolgen van zijn beslissingen",
            "Cliënt herkent praktische problemen die buiten de dagelijkse routine vallen en lost deze op",
            "Cliënt kan plannen en zijn agenda bijhouden",
            "Cliënt initieert eenvoudige taken en voert deze ook uit",
            "Cliënt komt afspraken na en komt op tijd",
        ),
    ),
    (
        DOMEIN_ZELFSTANDIG_VEILIG_WONEN,
        "gezinsleden-relaties",
        "Gezinsleden en relaties",
        "Communicatie tussen de gezinsleden is consistent. Leden van het huishouden ondersteunen elkaar",
        (
            "Relationele problemen tussen de leden zijn niet meer aanwezig",
            "Leden van het huishouden erkennen problemen en proberen negatief gedrag te veranderen",
        ),
    ),
    (
        DOMEIN_ZELFSTANDIG_VEILIG_WONEN,
        "gezondheid-symptomen",
        "Gezondheid en symptomen",
        "Symptomen zijn afwezig of zeldzaam. Er zijn geen medische problemen. Er is geen middelen gebruik. "
        "Geen contact met politie",
        (
            # The OCR text ends this line in "zijn op"; the rest of the sentence is not in the seed.
            "Cliënt kan omgaan met stressoren, heeft minimale symptomen die voorspelbare reactie zijn op",
            "Cliënt is behandeltrouw",
            "Cliënt erkent de behoefte aan hulp",
            "Situatie van de cliënt is stabiel, achteruitgang wordt voorkomen",
            "Cliënt veroorzaakt geen overlast",
            "Cliënt voelt zich ondersteund bij onvermijdelijke achteruitgang",
        ),
    ),
    (
        DOMEIN_ZELFSTANDIG_VEILIG_WONEN,
        "huisvesting",
        "Huisvesting",
        "Huishouden heeft veilige, toereikende huisvesting",
        ("Cliënt heeft een veilige, toereikende huisvesting",),
    ),
    (
        DOMEIN_ZINVOLLE_DAGINVULLING,
        "zinvolle-dagbesteding",
        "Zinvolle dagbesteding",
        "Cliënt heeft een zinvolle dagbesteding",
        (
            "Cliënt heeft sociale contacten",
            "Cliënt neemt deel aan georganiseerde activiteiten",
            "Mantelzorgers van cliënt is dermate ontlast dat de mantelzorg langdurig wordt volgehouden",
        ),
    ),
    (
        DOMEIN_ZINVOLLE_DAGINVULLING,
        "arbeidsmatige-dagbesteding",
        "Arbeidsmatige dagbesteding",
        "Cliënt heeft een zinvolle dagbesteding met arbeidsmatig karakter",
        (
            "Cliënt bouwt ervaring en ritme op in arbeidsmatige omgeving",
            "Cliënt ervaart een waardevolle arbeidsmatige bijdrage",
            "Cliënt bouwt arbeidsvaardigheden en arbeidsritme op, met zicht op doorstroming naar reguliere "
            "of begeleide arbeid",
            "Cliënt voert met ondersteuning werk uit",
        ),
    ),
    (
        DOMEIN_ZINVOLLE_DAGINVULLING,
        "educatieve-dagbesteding",
        "Educatieve dagbesteding",
        "Cliënt heeft een zinvolle en educatieve dagbesteding",
        (
            "Cliënt heeft vaardigheden aangeleerd ter vergroting van zijn zelfstandigheid",
            "Cliënt heeft vaardigheden aangeleerd gericht op arbeidsmatige participatie en heeft verhoogde "
            "arbeidsmatige waarde",
            "Cliënt ervaart groei en ontwikkeling na terugval",
            "Cliënt onderhoudt aangeleerde vaardigheden",
        ),
    ),
    (
        DOMEIN_MANTELZORG_NETWERK,
        RESULTAAT_MANTELZORG,
        "Mantelzorg",
        "De mantelzorgers van kwetsbare inwoners zijn in staat mantelzorgtaken uit te voeren.",
        (
            # The column reads "De inwoner:" followed by three dashed lines; each line keeps the lead-in.
            "De inwoner beschikt over mantelzorg die is ontlast zodat mantelzorg langdurig wordt "
            "volgehouden.",
            "De inwoner heeft mantelzorgers die kunnen omgaan met (de beperking of gedragsproblematiek van) "
            "de inwoner.",
            "De inwoner kan een beroep doen op mantelzorgers die de balans tussen zorgtaken en overige "
            "activiteiten weten te bewaken.",
            "Cliënt kan gebruik maken van respijtzorg",
        ),
    ),
)
RO2017_RESULTAAT_CODES: Final = tuple(code for _, code, *_ in RO2017)

RESULTATEN_RO2017: Final[tuple[ResultaatData, ...]] = tuple(
    {
        "domein": domein,
        "code": code,
        "naam": naam,
        "omschrijving": "",
        "plus": "",
        "volgorde": 10 + i,
        "geldig_van": VANAF_2017,
        "bron": BRON_001_RO2017,
    }
    for i, (domein, code, naam, _, _) in enumerate(RO2017)
)

SUBRESULTATEN: Final[tuple[SubresultaatData, ...]] = tuple(
    {
        "resultaat": code,
        "code": code,
        "omschrijving": subresultaat,
        "aandachtspunten": aandachtspunten,
        "geldig_van": VANAF_2017,
        "bron": BRON_001_RO2017,
    }
    for _, code, _, subresultaat, aandachtspunten in RO2017
)

# --- Levels (seed 001, "Complexiteit en intensiteit"; complexity also in the ResultatenMatrix 2015) ------

COMPLEXITEITEN: Final[tuple[NiveauData, ...]] = (
    {
        "code": "licht",
        "naam": "Licht",
        "omschrijving": "Praktische en adviserende ondersteuning",
        "volgorde": 1,
        "geldig_van": VANAF_2015,
        "bron": BRON_001_NIVEAUS,
    },
    {
        "code": "midden",
        "naam": "Midden",
        "omschrijving": "Versterkende ondersteuning",
        "volgorde": 2,
        "geldig_van": VANAF_2015,
        "bron": BRON_001_NIVEAUS,
    },
    {
        "code": "zwaar",
        "naam": "Zwaar",
        "omschrijving": "Overnemende / compenserende ondersteuning",
        "volgorde": 3,
        "geldig_van": VANAF_2015,
        "bron": BRON_001_NIVEAUS,
    },
)
COMPLEXITEIT_CODES: Final = tuple(n["code"] for n in COMPLEXITEITEN)

INTENSITEITEN: Final[tuple[NiveauData, ...]] = (
    {
        "code": "incidenteel",
        "naam": "Incidenteel (om de week)",
        "omschrijving": "",
        "volgorde": 1,
        "geldig_van": VANAF_2017,
        "bron": BRON_001_NIVEAUS,
    },
    {
        "code": "wekelijks",
        "naam": "Wekelijks",
        "omschrijving": "",
        "volgorde": 2,
        "geldig_van": VANAF_2017,
        "bron": BRON_001_NIVEAUS,
    },
    {
        "code": "meerdere-keren-per-week",
        "naam": "Meerdere keren / week",
        "omschrijving": "",
        "volgorde": 3,
        "geldig_van": VANAF_2017,
        "bron": BRON_001_NIVEAUS,
    },
    {
        "code": "dagelijks",
        "naam": "Dagelijks",
        "omschrijving": "",
        "volgorde": 4,
        "geldig_van": VANAF_2017,
        "bron": BRON_001_NIVEAUS,
    },
)
INTENSITEIT_CODES: Final = tuple(n["code"] for n in INTENSITEITEN)

# --- Time bands of huishoudelijke ondersteuning (seed 003, "Model") -----------------------------------

MEERPOSTEN: Final = (
    ("beperkingen", "Beperkingen/belemmeringen cliënt (enig of veel extra inzet)"),
    ("samenstelling-huishouden", "Samenstelling huishouden"),
    ("extra-kamer-in-gebruik", "Extra kamer 'in gebruik'"),
    ("extra-kamer-niet-in-gebruik", "Extra kamer 'niet in gebruik'"),
    ("huisdier", "Extra vervuiling huisdier"),
)
MEERPOST_CODES: Final = tuple(code for code, _ in MEERPOSTEN)

TIJDSBANDEN: Final[tuple[TijdsbandData, ...]] = (
    {
        "resultaat": RESULTAAT_SCHOON_EN_LEEFBAAR_HUIS,
        "code": "basis-1",
        "naam": "Basis -1",
        "min_minuten": 60,
        "max_minuten": 90,
        "omschrijving": "Cliënt/netwerk kan zelf lichte en middelzware taken uitvoeren, en/of er is sprake "
        "van een kleine woning/zorgstudio",
        "situatie": "Cliënt of netwerk kan zelf in redelijke mate bijdragen aan de activiteiten die moeten "
        "worden uitgevoerd (bijv. stoffen, toilet schoonmaken, taken op 'romp' hoogte). Of er is sprake van "
        "een kleinere woning of zorgstudio.",
        "opmerkingen": "",
        "meerposten": (),
        "volgorde": 1,
        "geldig_van": VANAF_2025,
        "bron": BRON_003,
    },
    {
        "resultaat": RESULTAAT_SCHOON_EN_LEEFBAAR_HUIS,
        "code": "basis",
        "naam": "Basis",
        "min_minuten": 91,
        "max_minuten": 130,
        "omschrijving": "Volledige overname",
        "situatie": "Basis-cliëntsituatie, volledige overname",
        "opmerkingen": "Gemiddelde woonsituatie, (zie beschrijving in mailbericht) bij gemiddelde "
        "cliëntsituatie",
        "meerposten": (),
        "volgorde": 2,
        "geldig_van": VANAF_2025,
        "bron": BRON_003,
    },
    {
        "resultaat": RESULTAAT_SCHOON_EN_LEEFBAAR_HUIS,
        "code": "basis-plus-1",
        "naam": "Basis+1",
        "min_minuten": 131,
        "max_minuten": 260,
        "omschrijving": "Volledige overname met verzwarende factoren die leiden tot meerwerk",
        "situatie": "Naast de 'basis volledige overname', zijn er factoren die maken dat meer ondersteuning "
        "nodig is.",
        "opmerkingen": "Meerposten:\n" + "\n".join(naam for _, naam in MEERPOSTEN),
        "meerposten": MEERPOSTEN,
        "volgorde": 3,
        "geldig_van": VANAF_2025,
        "bron": BRON_003,
    },
)
TIJDSBAND_CODES: Final = tuple(t["code"] for t in TIJDSBANDEN)

# --- Products (iWmo category + code; outputgericht: eenheid 82, frequentie 4 per maand) ---------------

PRODUCT_THUISONDERSTEUNING: Final = (HUISHOUDEN, "TO001")
PRODUCTEN_HUISHOUDELIJKE_ONDERSTEUNING: Final = {
    "basis-1": (HUISHOUDEN, "HOB1"),
    "basis": (HUISHOUDEN, "HOB2"),
    "basis-plus-1": (HUISHOUDEN, "HOB3"),
}


def _product(
    categorie: str,
    code: str,
    naam: str,
    *,
    bron: str = BRON_001_MATRIX,
    geldig_van: dt.date = VANAF_2017,
    resultaat: str | None = None,
    complexiteit: str | None = None,
    tijdsband: str | None = None,
    domein: str | None = None,
    omvang_eenheid: str = "",
    aanvullend_arrangement: bool = False,
) -> ProductData:
    return {
        "categorie": categorie,
        "code": code,
        "naam": naam,
        "resultaat": resultaat,
        "complexiteit": complexiteit,
        "tijdsband": tijdsband,
        "domein": domein,
        "omvang_eenheid": omvang_eenheid,
        "aanvullend_arrangement": aanvullend_arrangement,
        "geldig_van": geldig_van,
        "bron": bron,
    }


_NIVEAU_NAMEN: Final = (("L", "licht"), ("M", "midden"), ("Z", "zwaar"))

# What the client is granted per week, in the unit the gemeente's norm counts (CRvB 2021:1381: the client
# must know the amount of begeleiding too): hours of begeleiding, persoonlijke verzorging and
# mantelzorgondersteuning, dagdelen of dagbesteding, minutes of huishoudelijke ondersteuning, etmalen of
# respijtzorg with a stay.
MINUTEN: Final = "minuten"
UREN: Final = "uren"
DAGDELEN: Final = "dagdelen"
ETMALEN: Final = "etmalen"

PRODUCTEN: Final[tuple[ProductData, ...]] = (
    _product(
        *PRODUCT_THUISONDERSTEUNING,
        "Thuisondersteuning",
        bron=BRON_000,
        resultaat=RESULTAAT_SCHOON_EN_LEEFBAAR_HUIS,
        omvang_eenheid=MINUTEN,
    ),
    *(
        _product(
            *PRODUCTEN_HUISHOUDELIJKE_ONDERSTEUNING[band["code"]],
            f"Huishoudelijke ondersteuning {band['naam']}",
            bron=BRON_003,
            geldig_van=VANAF_2025,
            resultaat=RESULTAAT_SCHOON_EN_LEEFBAAR_HUIS,
            tijdsband=band["code"],
            omvang_eenheid=MINUTEN,
        )
        for band in TIJDSBANDEN
    ),
    # ResultatenMatrix 2015: the rows are the complexity levels, the columns the domains; a product serves
    # every result of its column's domain.
    *(
        _product(
            BEGELEIDING,
            f"BG{s}",
            f"Begeleiding {n}",
            complexiteit=n,
            domein=DOMEIN_ZELFSTANDIG_VEILIG_WONEN,
            omvang_eenheid=UREN,
        )
        for s, n in _NIVEAU_NAMEN
    ),
    *(
        _product(
            BEGELEIDING,
            f"BS{s}",
            f"Begeleiding speciaal {n}",
            complexiteit=n,
            domein=DOMEIN_ZELFSTANDIG_VEILIG_WONEN,
            omvang_eenheid=UREN,
        )
        for s, n in _NIVEAU_NAMEN
    ),
    *(
        _product(
            PERSOONLIJKE_VERZORGING,
            f"PV{s}",
            f"Persoonlijke verzorging {n}",
            complexiteit=n,
            domein=DOMEIN_ZELFVERZORGING,
            omvang_eenheid=UREN,
        )
        for s, n in _NIVEAU_NAMEN
    ),
    *(
        _product(
            PERSOONLIJKE_VERZORGING,
            f"PS{s}",
            f"Persoonlijke verzorging speciaal {n}",
            complexiteit=n,
            domein=DOMEIN_ZELFVERZORGING,
            omvang_eenheid=UREN,
        )
        for s, n in _NIVEAU_NAMEN
    ),
    *(
        _product(
            DAGBESTEDING,
            code,
            naam,
            complexiteit=n,
            domein=DOMEIN_ZINVOLLE_DAGINVULLING,
            omvang_eenheid=DAGDELEN,
        )
        for code, naam, n in (
            ("DBL", "Dagbesteding laag intensief", "licht"),
            ("DBM", "Dagbesteding matig intensief", "midden"),
            ("DBH", "Dagbesteding hoog intensief", "zwaar"),
        )
    ),
    # Mantelzorg, ondersteund netwerk: respijtzorg, for the RO 2017 result "mantelzorg" (whose aandachtspunt
    # reads "Cliënt kan gebruik maken van respijtzorg").
    _product(
        OVERIGE_INDIVIDU,
        "RSU",
        "Uren voor mantelzorgers",
        resultaat=RESULTAAT_MANTELZORG,
        complexiteit="licht",
        omvang_eenheid=UREN,
    ),
    _product(
        DAGBESTEDING,
        "RSD",
        "Dagdelen",
        resultaat=RESULTAAT_MANTELZORG,
        complexiteit="midden",
        omvang_eenheid=DAGDELEN,
    ),
    _product(
        KORTDUREND_VERBLIJF,
        "RSE",
        "Dagen (respijtzorg)",
        resultaat=RESULTAAT_MANTELZORG,
        complexiteit="zwaar",
        omvang_eenheid=ETMALEN,
    ),
    # Aanvullende arrangementen.
    _product(OVERIGE_MAATWERK, "STA", "Startarrangement", aanvullend_arrangement=True),
    _product(VERVOERDIENSTEN, "VVR", "Vervoer", aanvullend_arrangement=True),
    _product(VERVOERDIENSTEN, "VVW", "Vervoer rolstoel", aanvullend_arrangement=True),
)
PRODUCT_CODES: Final = tuple((p["categorie"], p["code"]) for p in PRODUCTEN)

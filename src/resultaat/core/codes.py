"""The iWmo 3.2 code lists the software uses, each a ``TextChoices`` named after its list: products and
their units (WMO020, WJ756, WMO757), changes and endings of a toewijzing (WMO002, WMO588), gender
(COD046), and the lists of the berichtenverkeer (COD002, COD467, WJ758-WJ760, WJ001). The meaning of
a code is the text of its list, never derived from its number."""

from django.db import models


class WMO020ProductCategorie(models.TextChoices):
    HULP_BIJ_HET_HUISHOUDEN = "01", "Hulp bij het huishouden"
    BEGELEIDING = "02", "Begeleiding"
    PERSOONLIJKE_VERZORGING = "03", "Persoonlijke verzorging"
    KORTDUREND_VERBLIJF = "04", "Kortdurend verblijf"
    WOONDIENSTEN = "05", "Woondiensten"
    OVERIGE_INDIVIDU = "06", "Overige ondersteuning individu/huishouden"
    DAGBESTEDING = "07", "Dagbesteding"
    VERVOERDIENSTEN = "08", "Vervoerdiensten"
    OVERIGE_GROEP = "09", "Overige groepsgerichte ondersteuning"
    OVERIGE_MAATWERK = "10", "Overige maatwerkarrangementen"
    ROLSTOELEN = "11", "Rolstoelen"
    VERVOERVOORZIENINGEN = "12", "Vervoervoorzieningen"
    WOONVOORZIENINGEN = "13", "Woonvoorzieningen"
    OVERIGE_HULPMIDDELEN = "14", "Overige hulpmiddelen"
    BESCHERMD_WONEN = "15", "Beschermd wonen"
    OPVANG = "16", "Opvang"
    SPOEDOPVANG = "17", "Spoedopvang"
    OVERIGE_BW_OPVANG = "18", "Overige beschermd wonen en opvang"


class WJ756Eenheid(models.TextChoices):
    MINUUT = "01", "minuut"
    UUR = "04", "uur"
    ETMAAL = "14", "etmaal"
    DAGDEEL = "16", "dagdeel (4 uur)"
    STUKS_OUTPUT = "82", "stuks (output)"
    EUROS = "83", "euro's"
    STUKS_INSPANNING = "84", "stuks (inspanning)"


class WMO757Frequentie(models.TextChoices):
    PER_DAG = "1", "per dag"
    PER_WEEK = "2", "per week"
    PER_MAAND = "4", "per maand"
    TOTAAL = "6", "totaal binnen geldigheidsduur toewijzing"


class WMO002RedenWijziging(models.TextChoices):
    OVERLEDEN = "02", "overleden"
    CONTRACTWIJZIGING = "03", "contractwijziging"
    HERBEOORDELING_VERLENGING = "04", "herbeoordeling verlenging"
    HERBEOORDELING_VERKORTING = "05", "herbeoordeling verkorting"
    UITSTROOM_ANDER_DOMEIN = "06", "uitstroom ander domein"
    VERHUIZING = "07", "verhuizing"
    WIJZIGING_LEVERINGSVORM = "08", "wijziging leveringsvorm (pgb)"
    OVERSTAP_AANBIEDER = "09", "overstap andere aanbieder"
    NIEUWE_BEKOSTIGING = "10", "nieuwe bekostigingssystematiek"
    HERINDELING = "11", "gemeentelijke herindeling"
    DOOR_AANBIEDER = "12", "geïnitieerd door aanbieder"
    VERWIJDERD = "13", "verwijderd"
    ADMINISTRATIEVE_CORRECTIE = "14", "administratieve correctie"


class WMO588RedenBeeindiging(models.TextChoices):
    OVERLIJDEN = "02", "overlijden"
    VOLGENS_PLAN = "19", "volgens plan"
    TIJDELIJK = "20", "tijdelijk beëindigd"
    EENZIJDIG_CLIENT = "21", "eenzijdig door cliënt"
    EENZIJDIG_AANBIEDER = "22", "eenzijdig door aanbieder"
    VOORTIJDIG_OVEREENSTEMMING = "23", "in overeenstemming voortijdig"
    VERHUIZING = "31", "verhuizing"
    DOOR_GEMEENTE = "36", "geïnitieerd door gemeente"
    WIJZIGINGSVERZOEK = "37", "i.v.m. wijzigingsverzoek"
    OVERSTAP_AANBIEDER = "38", "overstap aanbieder"
    UITSTROOM_ANDER_DOMEIN = "39", "uitstroom ander domein"


class COD046Geslacht(models.TextChoices):
    ONBEKEND = "0", "onbekend"
    MAN = "1", "man"
    VROUW = "2", "vrouw"


class COD002Berichtcode(models.TextChoices):
    WMO301 = "414", "WMO301 Toewijzing"
    WMO302 = "415", "WMO302 Retour toewijzing"
    WMO305 = "418", "WMO305 Start ondersteuning"
    WMO306 = "419", "WMO306 Retour start"
    WMO307 = "420", "WMO307 Stop ondersteuning"
    WMO308 = "421", "WMO308 Retour stop"
    WMO315 = "444", "WMO315 Verzoek om toewijzing"
    WMO316 = "445", "WMO316 Retour verzoek om toewijzing"
    WMO317 = "480", "WMO317 Verzoek om wijziging"
    WMO318 = "481", "WMO318 Retour verzoek om wijziging"
    WMO319 = "482", "WMO319 Antwoordbericht"
    WMO320 = "483", "WMO320 Retour antwoordbericht"
    WMO323 = "484", "WMO323 Declaratie"
    WMO325 = "485", "WMO325 Declaratie-antwoord"


class COD467StatusAanlevering(models.TextChoices):
    EERSTE = "1", "eerste aanlevering"
    GEWIJZIGD = "2", "gewijzigde aanlevering (niet toegestaan)"
    VERWIJDEREN = "3", "verwijderen"
    NVT = "9", "niet van toepassing"


class WJ758RedenVerzoek(models.TextChoices):
    CLIENTSITUATIE = "1", "verandering cliëntsituatie"
    ZORGPLAN = "2", "wijziging zorgplan"


class WJ760VerzoekAntwoord(models.TextChoices):
    AFGEWEZEN = "1", "verzoek afgewezen"
    IN_ONDERZOEK = "2", "verzoek in onderzoek"


class WJ759RedenAfwijzingVerzoek(models.TextChoices):
    NIEUWE_AANVRAAG = "1", "geen wijziging maar nieuwe aanvraag"
    BUDGET = "2", "past niet binnen budget"
    GEEN_CONTRACT = "3", "geen contract"
    NIET_BINNEN_CONTRACT = "4", "past niet binnen contract"
    ANDERE_GEMEENTE = "5", "andere gemeente"
    STAPELING = "6", "stapeling"
    ZORGINHOUDELIJK = "7", "zorginhoudelijke afkeur"
    WOONPLAATSBEGINSEL = "8", "woonplaatsbeginsel"
    LEEFTIJDSGRENS = "9", "leeftijdsgrens"


class WJ001Retourcode(models.TextChoices):
    TECHNISCH = "0001", "bericht technisch afgekeurd"
    GOED = "0200", "geen opmerking"
    NIET_BEOORDEELD = "0233", "niet beoordeeld"
    TARIEF = "0611", "tarief wijkt af van het contract"
    VOLLEDIG_TOEGEKEND = "8001", "declaratie volledig toegewezen"
    DAGTEKENING_TOEKOMST = "8848", "dagtekening ligt in de toekomst"
    NIET_UNIEK = "9056", "berichtidentificatie is niet uniek"
    GEMEENTECODE = "S300", "gemeentecode onbekend"
    PRODUCTCODE = "S329", "productcode past niet bij de categorie"


# The units of WJ756 in words for a sentence, one and more ("2 uur per week", "1 dagdeel per week").
EENHEID_WOORDEN = {
    WJ756Eenheid.MINUUT: ("minuut", "minuten"),
    WJ756Eenheid.UUR: ("uur", "uur"),
    WJ756Eenheid.ETMAAL: ("etmaal", "etmalen"),
    WJ756Eenheid.DAGDEEL: ("dagdeel", "dagdelen"),
    WJ756Eenheid.EUROS: ("euro", "euro"),
    WJ756Eenheid.STUKS_INSPANNING: ("keer", "keer"),
}


def omvang_iwmo(volume: object, eenheid: str, frequentie: str) -> str:
    """The amount of a toewijzing or product in plain words. Output (WJ756 82) is the result itself,
    paid as a fixed amount per settlement period: "1 stuks (output) per maand" would say nothing true
    next to a rate per 4 weeks, so it reads "het resultaat (vast bedrag per periode)"."""
    if eenheid == WJ756Eenheid.STUKS_OUTPUT:
        return "het resultaat (vast bedrag per periode)"
    if volume in (None, ""):
        return "–"
    enkel, meer = EENHEID_WOORDEN.get(eenheid, (eenheid, eenheid))  # type: ignore[call-overload]
    getal = str(volume)
    woord = enkel if getal == "1" else meer
    freq = WMO757Frequentie(frequentie).label if frequentie in WMO757Frequentie.values else ""
    if frequentie == WMO757Frequentie.TOTAAL:
        freq = "in totaal"
    return " ".join(d for d in (getal, woord, freq) if d)

"""iWmo 3.2 code lists used by the catalogue, named after the list (see shared/iwmo-3.2/NOTES.md §6)."""

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

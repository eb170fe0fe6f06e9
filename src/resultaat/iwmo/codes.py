"""iWmo 3.2 code lists used by the berichtenverkeer (NOTES §6), named after the list."""

from django.db import models


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

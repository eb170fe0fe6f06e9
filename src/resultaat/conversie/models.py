"""The conversion of the existing hours-based caseload: the imported files, the old indications they
hold, and the scenarios (conversion rules as data) that turn them into results and bands.

An import keeps its file, so that it can be checked again (a dry run) and read in batches that a later
run resumes after an interruption (``verwerkt_tot``). An old indication is unique per client, old
product and start date: the same row is never imported twice, from this file or another.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models

from resultaat.core.audit.models import ClientData
from resultaat.core.querysets import GemeenteScopedQuerySet, OrganisatieQuerySet


class ImportStatus(models.TextChoices):
    KOPPELEN = "koppelen", "kolommen koppelen"
    GECONTROLEERD = "gecontroleerd", "proef gedraaid"
    BEZIG = "bezig", "bezig met inlezen"
    KLAAR = "klaar", "ingelezen"


class ImportQuerySet(OrganisatieQuerySet):
    gemeente_path = "gemeente"


class Indicatieimport(models.Model):
    """One uploaded file of existing indications (CSV or XLSX) and how far it has been read."""

    gemeente = models.ForeignKey("organisaties.Gemeente", on_delete=models.PROTECT, related_name="+")
    bestandsnaam = models.CharField(max_length=200)
    inhoud = models.BinaryField()
    kolommen = models.JSONField("kolommen in het bestand", default=list)
    koppeling = models.JSONField("koppeling veld → kolom", default=dict, blank=True)
    status = models.CharField(max_length=20, choices=ImportStatus.choices, default=ImportStatus.KOPPELEN)
    regels = models.PositiveIntegerField("regels in het bestand", default=0)
    verwerkt_tot = models.PositiveIntegerField("verwerkt tot en met regel", default=0)
    ingelezen = models.PositiveIntegerField(default=0)
    afgekeurd = models.PositiveIntegerField(default=0)
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    objects = ImportQuerySet.as_manager()

    class Meta:
        verbose_name = "indicatie-import"
        verbose_name_plural = "indicatie-imports"
        ordering = ["-aangemaakt_op", "-id"]

    def __str__(self) -> str:
        return f"{self.bestandsnaam} ({self.get_status_display()})"

    @property
    def voortgang_procent(self) -> int:
        return 100 if not self.regels else round(100 * self.verwerkt_tot / self.regels)


class MeldingSoort(models.TextChoices):
    FOUT = "fout", "afgekeurd"
    DUBBEL = "dubbel", "al ingelezen"


class Importmelding(models.Model):
    """What is wrong with one row of an import, in Dutch (rows without a message are fine)."""

    indicatieimport = models.ForeignKey(Indicatieimport, on_delete=models.CASCADE, related_name="meldingen")
    regel = models.PositiveIntegerField("regelnummer")
    soort = models.CharField(max_length=10, choices=MeldingSoort.choices)
    tekst = models.CharField(max_length=500)
    proef = models.BooleanField("uit de proefrun", default=False)

    class Meta:
        verbose_name = "importmelding"
        verbose_name_plural = "importmeldingen"
        ordering = ["regel", "id"]

    def __str__(self) -> str:
        return f"Regel {self.regel}: {self.tekst}"


class BestaandeIndicatieQuerySet(GemeenteScopedQuerySet):
    pass


class BestaandeIndicatie(ClientData):
    """An indication from before results-based financing: a product in hours per week with a provider."""

    indicatieimport = models.ForeignKey(
        Indicatieimport, null=True, blank=True, on_delete=models.SET_NULL, related_name="indicaties"
    )
    regel = models.PositiveIntegerField("regelnummer in het bestand", default=0)
    client = models.ForeignKey("clienten.Client", on_delete=models.PROTECT, related_name="+")
    gemeente = models.ForeignKey("organisaties.Gemeente", on_delete=models.PROTECT, related_name="+")
    product = models.CharField("product (oud)", max_length=20)
    uren_per_week = models.DecimalField(max_digits=5, decimal_places=2)
    aanbieder = models.ForeignKey("organisaties.Aanbieder", on_delete=models.PROTECT, related_name="+")
    begindatum = models.DateField()
    einddatum = models.DateField(null=True, blank=True)
    besluitdatum = models.DateField()
    omgezet_op = models.DateField("omgezet per", null=True, blank=True)

    objects: ClassVar[Any] = BestaandeIndicatieQuerySet.as_manager()

    class Meta:
        verbose_name = "bestaande indicatie"
        verbose_name_plural = "bestaande indicaties"
        ordering = ["client", "begindatum"]
        indexes = [models.Index(fields=["indicatieimport", "regel"], name="conversie_indicatie_regel")]
        constraints = [
            models.UniqueConstraint(
                fields=["client", "product", "begindatum"], name="conversie_indicatie_eenmaal"
            )
        ]

    def __str__(self) -> str:
        return f"{self.product} {self.uren_per_week} uur per week"

    @property
    def minuten_per_week(self) -> int:
        return round(self.uren_per_week * 60)


class ScenarioQuerySet(OrganisatieQuerySet):
    gemeente_path = "gemeente"


class Samenvoegen(models.TextChoices):
    """How two old indications of one client that become the same result make one new decision."""

    OPTELLEN = "optellen", "uren optellen"
    HOOGSTE = "hoogste", "de hoogste indicatie telt"


class Scenario(models.Model):
    """One way to convert the old indications: the rules, the hourly tariffs of the old products and the
    share of lost help above which a client is invited for a personal conversation."""

    gemeente = models.ForeignKey("organisaties.Gemeente", on_delete=models.PROTECT, related_name="+")
    naam = models.CharField(max_length=100)
    omschrijving = models.TextField(blank=True)
    omzetdatum = models.DateField("omzetten per")
    uurtarieven = models.JSONField(
        "uurtarief per oud product (eurocent)", default=dict, help_text='Bijvoorbeeld {"HH1": 2650}.'
    )
    gesprek_vanaf_procent = models.PositiveSmallIntegerField(
        "gesprek bij minder hulp vanaf (procent)", default=20
    )
    samenvoegen = models.CharField(
        "twee indicaties voor één resultaat",
        max_length=10,
        choices=Samenvoegen.choices,
        default=Samenvoegen.OPTELLEN,
        help_text="Bijvoorbeeld HH1 en HH2 die allebei Thuisondersteuning worden: één nieuw besluit.",
    )
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    objects = ScenarioQuerySet.as_manager()

    class Meta:
        verbose_name = "scenario"
        verbose_name_plural = "scenario's"
        ordering = ["gemeente", "naam"]
        constraints = [models.UniqueConstraint(fields=["gemeente", "naam"], name="conversie_scenario_naam")]

    def __str__(self) -> str:
        return self.naam


class Omzetregel(models.Model):
    """Old product with hours in a range (minutes per week, both ends included) becomes this new product,
    which stands for ``minuten_na`` minutes of help per week (for the gains and losses)."""

    scenario = models.ForeignKey(Scenario, on_delete=models.CASCADE, related_name="regels")
    oud_product = models.CharField(max_length=20)
    min_minuten = models.PositiveIntegerField("vanaf (minuten per week)")
    max_minuten = models.PositiveIntegerField("tot en met (minuten per week)")
    nieuw_product = models.ForeignKey("catalogus.Product", on_delete=models.PROTECT, related_name="+")
    minuten_na = models.PositiveIntegerField(
        "hulp na omzetting (minuten per week)", null=True, blank=True, help_text="Leeg: geen tijdmaat."
    )
    resultaat = models.ForeignKey(
        "catalogus.Resultaat",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Het resultaat in het nieuwe besluit. Leeg: het resultaat van het product.",
    )

    class Meta:
        verbose_name = "omzetregel"
        verbose_name_plural = "omzetregels"
        ordering = ["scenario", "oud_product", "min_minuten"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(max_minuten__gte=models.F("min_minuten")), name="conversie_regel_min_max"
            )
        ]

    def __str__(self) -> str:
        return f"{self.oud_product} {self.min_minuten}–{self.max_minuten} min → {self.nieuw_product}"

    def omvat(self, product: str, minuten: Any) -> bool:
        return product == self.oud_product and self.min_minuten <= minuten <= self.max_minuten


class OmzetrondeQuerySet(OrganisatieQuerySet):
    gemeente_path = "scenario__gemeente"


class Omzetronde(models.Model):
    """One execution of a scenario: for the clients of this phase (all, some old products or some
    clients) a wijzigingsbeschikking from ``ingangsdatum`` (the conversion date plus the transition
    period), the old indication ended the day before. Undoable until ``verzonden_op``."""

    scenario = models.ForeignKey(Scenario, on_delete=models.PROTECT, related_name="rondes")
    besluitdatum = models.DateField()
    overgang_weken = models.PositiveSmallIntegerField("overgangsperiode (weken)", default=0)
    ingangsdatum = models.DateField("nieuwe besluiten gaan in op")
    fase = models.CharField("fase", max_length=200, blank=True, help_text="Welke cliënten deze ronde omzet.")
    samengevoegd = models.BinaryField("alle brieven in één PDF", default=bytes)
    uitgevoerd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uitgevoerd_op = models.DateTimeField(auto_now_add=True)
    verzonden_op = models.DateField("brieven verzonden op", null=True, blank=True)
    ongedaan_op = models.DateTimeField("ongedaan gemaakt op", null=True, blank=True)

    objects = OmzetrondeQuerySet.as_manager()

    class Meta:
        verbose_name = "omzetronde"
        verbose_name_plural = "omzetrondes"
        ordering = ["-uitgevoerd_op", "-id"]

    def __str__(self) -> str:
        return f"{self.scenario} per {self.ingangsdatum:%d-%m-%Y}"


class Omzetting(ClientData):
    """One converted client and result in a round: the old indication (with the others of the same
    result combined into it), the new decision and its letter, and the toewijzingen of the old
    administration that ended (with their earlier end, to undo)."""

    ronde = models.ForeignKey(Omzetronde, on_delete=models.CASCADE, related_name="omzettingen")
    indicatie = models.ForeignKey(BestaandeIndicatie, on_delete=models.PROTECT, related_name="omzettingen")
    client = models.ForeignKey("clienten.Client", on_delete=models.PROTECT, related_name="+")
    beschikking = models.ForeignKey("toegang.Beschikking", on_delete=models.PROTECT, related_name="+")
    oude_einddatum = models.DateField("einddatum van de oude indicatie", null=True, blank=True)
    oude_toewijzingen = models.JSONField("beëindigde toewijzingen (id → vorige einddatum)", default=dict)
    samengevoegd = models.JSONField(
        "ook omgezet in dit besluit (indicatie-id → vorige einddatum)",
        default=dict,
        blank=True,
        help_text="Andere oude indicaties van de cliënt voor hetzelfde resultaat, in dit besluit.",
    )
    brief = models.BinaryField(default=bytes)

    objects: ClassVar[Any] = GemeenteScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "omzetting"
        verbose_name_plural = "omzettingen"
        ordering = ["ronde", "id"]

    def __str__(self) -> str:
        return f"{self.indicatie} → {self.beschikking.nummer}"

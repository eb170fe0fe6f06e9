"""The catalogue: what a gemeente can grant (results and their levels) and as which iWmo product.

Everything is date-versioned (:class:`~resultaat.core.models.Geldigheid`): norms, bands and tariffs
are data with a validity period, never constants in code.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models

from resultaat.core.codes import WJ756Eenheid, WMO020ProductCategorie, WMO757Frequentie
from resultaat.core.models import Geldigheid, GeldigheidQuerySet
from resultaat.core.opmaak import euro

MINUTEN_PER_WEEK = 7 * 24 * 60


class ResultaatDomein(Geldigheid):
    """A domain of the results matrix (seed 001), e.g. "Zelfstandig en veilig wonen"."""

    code = models.SlugField(max_length=40, unique=True)
    naam = models.CharField(max_length=120)
    omschrijving = models.TextField(blank=True)
    volgorde = models.PositiveSmallIntegerField(default=0)

    class Meta(Geldigheid.Meta):
        verbose_name = "resultaatdomein"
        verbose_name_plural = "resultaatdomeinen"
        ordering = ["volgorde", "naam"]

    def __str__(self) -> str:
        return self.naam


class Resultaat(Geldigheid):
    """A result the gemeente grants, e.g. "Schoon en leefbaar huis"; the provider decides how."""

    domein = models.ForeignKey(ResultaatDomein, on_delete=models.PROTECT, related_name="resultaten")
    code = models.SlugField(max_length=40, unique=True)
    naam = models.CharField(max_length=200)
    omschrijving = models.TextField(blank=True)
    plus = models.TextField(
        "de Plus",
        blank=True,
        help_text="Wat de aanbieder naast het resultaat biedt: preventie, signalering, coaching, verbinding.",
    )
    bron = models.CharField(max_length=200, blank=True, help_text="Herkomst van de tekst.")
    volgorde = models.PositiveSmallIntegerField(default=0)

    class Meta(Geldigheid.Meta):
        verbose_name = "resultaat"
        verbose_name_plural = "resultaten"
        ordering = ["domein__volgorde", "volgorde", "naam"]

    def __str__(self) -> str:
        return self.naam


class Subresultaat(Geldigheid):
    """A subresult of RO 2017 (seed 001), e.g. "De administratie van de cliënt en het beheer van zijn geld
    zijn op orde"."""

    resultaat = models.ForeignKey(Resultaat, on_delete=models.PROTECT, related_name="subresultaten")
    code = models.SlugField(max_length=60, unique=True)
    omschrijving = models.TextField()
    volgorde = models.PositiveSmallIntegerField(default=0)

    class Meta(Geldigheid.Meta):
        verbose_name = "subresultaat"
        verbose_name_plural = "subresultaten"
        ordering = ["resultaat", "volgorde"]

    def __str__(self) -> str:
        return self.omschrijving


class Aandachtspunt(Geldigheid):
    subresultaat = models.ForeignKey(Subresultaat, on_delete=models.PROTECT, related_name="aandachtspunten")
    omschrijving = models.TextField()
    volgorde = models.PositiveSmallIntegerField(default=0)

    class Meta(Geldigheid.Meta):
        verbose_name = "aandachtspunt"
        verbose_name_plural = "aandachtspunten"
        ordering = ["subresultaat", "volgorde"]

    def __str__(self) -> str:
        return self.omschrijving


class ComplexiteitNiveau(Geldigheid):
    """Licht (praktisch-adviserend), midden (versterkend), zwaar (overnemend-compenserend)."""

    code = models.SlugField(max_length=40, unique=True)
    naam = models.CharField(max_length=40)
    omschrijving = models.CharField(max_length=200)
    volgorde = models.PositiveSmallIntegerField(default=0)

    class Meta(Geldigheid.Meta):
        verbose_name = "complexiteitsniveau"
        verbose_name_plural = "complexiteitsniveaus"
        ordering = ["volgorde"]

    def __str__(self) -> str:
        return f"{self.naam}: {self.omschrijving}"


class IntensiteitNiveau(Geldigheid):
    """Incidenteel (om de week), wekelijks, meerdere keren per week, dagelijks."""

    code = models.SlugField(max_length=40, unique=True)
    naam = models.CharField(max_length=60)
    omschrijving = models.CharField(max_length=200, blank=True)
    volgorde = models.PositiveSmallIntegerField(default=0)

    class Meta(Geldigheid.Meta):
        verbose_name = "intensiteitsniveau"
        verbose_name_plural = "intensiteitsniveaus"
        ordering = ["volgorde"]

    def __str__(self) -> str:
        return self.naam


class Tijdsband(Geldigheid):
    """A band of minutes per week for a result (seed 003: Basis-1 60-90, Basis 91-130, Basis+1 131-260)."""

    resultaat = models.ForeignKey(Resultaat, on_delete=models.PROTECT, related_name="tijdsbanden")
    code = models.SlugField(max_length=40)
    naam = models.CharField(max_length=40)
    min_minuten = models.PositiveIntegerField("minimaal (minuten per week)")
    max_minuten = models.PositiveIntegerField("maximaal (minuten per week)")
    omschrijving = models.TextField(blank=True)
    situatie = models.TextField(blank=True)
    opmerkingen = models.TextField(blank=True)
    volgorde = models.PositiveSmallIntegerField(default=0)

    class Meta(Geldigheid.Meta):
        verbose_name = "tijdsband"
        verbose_name_plural = "tijdsbanden"
        ordering = ["resultaat", "min_minuten"]
        constraints = [
            *Geldigheid.Meta.constraints,
            models.CheckConstraint(
                condition=models.Q(max_minuten__gte=models.F("min_minuten")),
                name="catalogus_tijdsband_min_max",
            ),
            models.UniqueConstraint(
                fields=["resultaat", "code", "geldig_van"], name="catalogus_tijdsband_uniek"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.naam} ({self.min_minuten}–{self.max_minuten} min/week)"

    def omvat(self, minuten: int) -> bool:
        return self.min_minuten <= minuten <= self.max_minuten


class Meerpost(Geldigheid):
    """A factor that leads to extra work above full takeover (seed 003, Basis+1)."""

    tijdsband = models.ForeignKey(Tijdsband, on_delete=models.PROTECT, related_name="meerposten")
    code = models.SlugField(max_length=40)
    naam = models.CharField(max_length=120)
    volgorde = models.PositiveSmallIntegerField(default=0)

    class Meta(Geldigheid.Meta):
        verbose_name = "meerpost"
        verbose_name_plural = "meerposten"
        ordering = ["tijdsband", "volgorde"]

    def __str__(self) -> str:
        return self.naam


product_code_validator = RegexValidator(
    r"^[A-Za-z0-9]{1,5}$", "Een productcode heeft 1 tot 5 letters of cijfers."
)


class OmvangEenheid(models.TextChoices):
    """What the gemeente's norm counts the amount of help per week in (what the letter states)."""

    MINUTEN = "minuten", "minuten"
    UREN = "uren", "uur"
    DAGDELEN = "dagdelen", "dagdelen"
    ETMALEN = "etmalen", "etmalen"


def omvang_tekst(aantal: Any, eenheid: str) -> str:
    """ "4 uur per week", "2,5 uur per week", "3 dagdelen per week": the amount as the letter states it."""
    if aantal is None or not eenheid:
        return ""
    getal = f"{aantal:f}".rstrip("0").rstrip(".") if "." in f"{aantal:f}" else f"{aantal}"
    if eenheid == OmvangEenheid.DAGDELEN and getal == "1":
        return "1 dagdeel per week"
    if eenheid == OmvangEenheid.ETMALEN and getal == "1":
        return "1 etmaal per week"
    if eenheid == OmvangEenheid.MINUTEN and getal == "1":
        return "1 minuut per week"
    return f"{getal.replace('.', ',')} {OmvangEenheid(eenheid).label} per week"


class Product(Geldigheid):
    """A result x level as an iWmo product: category + code, unit and frequency (outputgericht: 82/83, 4).

    A product of the ResultatenMatrix (begeleiding, persoonlijke verzorging, dagbesteding) is a level in a
    domain, not one result: ``domein`` says it serves every result of that domain that has no product of
    its own. ``omvang_eenheid`` is what the client is granted per week (hours, dagdelen, minutes)."""

    categorie = models.CharField(max_length=2, choices=WMO020ProductCategorie.choices)
    code = models.CharField(max_length=5, validators=[product_code_validator])
    naam = models.CharField(max_length=200)
    resultaat = models.ForeignKey(
        Resultaat, null=True, blank=True, on_delete=models.PROTECT, related_name="producten"
    )
    complexiteit = models.ForeignKey(
        ComplexiteitNiveau, null=True, blank=True, on_delete=models.PROTECT, related_name="producten"
    )
    intensiteit = models.ForeignKey(
        IntensiteitNiveau, null=True, blank=True, on_delete=models.PROTECT, related_name="producten"
    )
    tijdsband = models.ForeignKey(
        Tijdsband, null=True, blank=True, on_delete=models.PROTECT, related_name="producten"
    )
    domein = models.ForeignKey(
        ResultaatDomein,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="producten",
        help_text="Levert elk resultaat van dit domein dat geen eigen product heeft (ResultatenMatrix).",
    )
    aanvullend_arrangement = models.BooleanField(
        default=False, help_text="Startarrangement, vervoer of vervoer rolstoel."
    )
    omvang_eenheid = models.CharField(
        "omvang per week in",
        max_length=10,
        choices=OmvangEenheid.choices,
        blank=True,
        help_text="Waarin de beschikking de hulp per week noemt; leeg bij een aanvullend arrangement.",
    )
    eenheid = models.CharField(max_length=2, choices=WJ756Eenheid.choices, default=WJ756Eenheid.STUKS_OUTPUT)
    frequentie = models.CharField(
        max_length=1, choices=WMO757Frequentie.choices, default=WMO757Frequentie.PER_MAAND
    )
    volume = models.PositiveIntegerField(default=1, validators=[MinValueValidator(1)])

    class Meta(Geldigheid.Meta):
        verbose_name = "product"
        verbose_name_plural = "producten"
        ordering = ["categorie", "code"]
        constraints = [
            *Geldigheid.Meta.constraints,
            models.UniqueConstraint(
                fields=["categorie", "code", "geldig_van"], name="catalogus_product_uniek"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.categorie}{self.code} {self.naam}"

    def tarief_op(self, datum: dt.date) -> Tarief | None:
        return self.tarieven.geldig_op(datum).order_by("-geldig_van").first()


class TariefPeriode(models.TextChoices):
    CAK_PERIODE = "4w", "per periode van 4 weken"
    MAAND = "maand", "per kalendermaand"


class Tarief(Geldigheid):
    """The fixed amount per client per period for a product, in eurocents (seed 000: 21600 in 2017)."""

    product = models.ForeignKey(Product, on_delete=models.PROTECT, related_name="tarieven")
    bedrag_cent = models.PositiveIntegerField("bedrag (eurocent)")
    periode = models.CharField(max_length=5, choices=TariefPeriode.choices, default=TariefPeriode.CAK_PERIODE)

    class Meta(Geldigheid.Meta):
        verbose_name = "tarief"
        verbose_name_plural = "tarieven"
        ordering = ["product", "-geldig_van"]
        constraints = [
            *Geldigheid.Meta.constraints,
            models.UniqueConstraint(fields=["product", "geldig_van"], name="catalogus_tarief_uniek"),
        ]

    def __str__(self) -> str:
        return f"{euro(self.bedrag_cent)} {self.get_periode_display()}"


class NormenkaderQuerySet(GeldigheidQuerySet):
    def voor(self, gemeente: Any, resultaat: Resultaat, datum: dt.date) -> Normenkader | None:
        """The gemeente's own normenkader valid on the date, else the one for every gemeente."""
        geldig = self.geldig_op(datum).filter(resultaat=resultaat).prefetch_related("posten")
        return (
            geldig.filter(gemeente=gemeente).order_by("-geldig_van").first()
            or geldig.filter(gemeente__isnull=True).order_by("-geldig_van").first()
        )


class Normenkader(Geldigheid):
    """The time norm for huishoudelijke ondersteuning of one gemeente in one validity period.

    Its terms (:class:`NormenkaderPost`) are minutes per week: a base for full takeover, deductions for
    what the client or network can do, and meerposten. :mod:`resultaat.catalogus.normenkader` computes the
    minutes for a household from them and finds the time band."""

    gemeente = models.ForeignKey(
        "organisaties.Gemeente",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="normenkaders",
        help_text="Leeg: geldt voor elke gemeente die (op die datum) geen eigen normenkader heeft.",
    )
    resultaat = models.ForeignKey(Resultaat, on_delete=models.PROTECT, related_name="normenkaders")
    naam = models.CharField(max_length=120)
    bron = models.TextField(help_text="Herkomst van de normtijden en hoe ze zijn omgerekend.")

    objects: ClassVar[Any] = NormenkaderQuerySet.as_manager()

    class Meta(Geldigheid.Meta):
        verbose_name = "normenkader"
        verbose_name_plural = "normenkaders"
        ordering = ["gemeente", "resultaat", "-geldig_van"]
        constraints = [
            *Geldigheid.Meta.constraints,
            models.UniqueConstraint(
                fields=["gemeente", "resultaat", "geldig_van"], name="catalogus_normenkader_uniek"
            ),
        ]

    def __str__(self) -> str:
        wie = self.gemeente.naam if self.gemeente else "alle gemeenten"
        return f"{self.naam} ({wie}, vanaf {self.geldig_van:%d-%m-%Y})"


class PostSoort(models.TextChoices):
    BASIS = "basis", "basis: volledige overname"
    AFTREK = "aftrek", "aftrek: wat cliënt of netwerk zelf kan"
    MEERPOST = "meerpost", "meerpost: extra werk"


class Herkomst(models.TextChoices):
    """Where a normtijd comes from: independent research (CRvB 2016:1402) or the gemeente's own choice."""

    ONDERZOEK = "onderzoek", "onafhankelijk onderzoek"
    GEMEENTE = "gemeente", "keuze van de gemeente"


class NormenkaderPost(models.Model):
    """One term of a normenkader, in whole minutes per week (a deduction is stored as a positive number),
    with where it comes from: research (with the reference in ``bron``) or the gemeente's own choice."""

    normenkader = models.ForeignKey(Normenkader, on_delete=models.CASCADE, related_name="posten")
    code = models.SlugField(max_length=40)
    naam = models.CharField(max_length=200)
    soort = models.CharField(max_length=10, choices=PostSoort.choices)
    minuten = models.PositiveIntegerField(
        "minuten per week",
        validators=[MaxValueValidator(MINUTEN_PER_WEEK, "Een week heeft %(limit_value)s minuten.")],
    )
    per_stuk = models.BooleanField(
        default=False, help_text="Telt per stuk mee (bijvoorbeeld per extra kamer)."
    )
    groep = models.SlugField(
        max_length=40, blank=True, help_text="Posten met dezelfde groep sluiten elkaar uit (enig of veel)."
    )
    toelichting = models.CharField(max_length=300, blank=True)
    herkomst = models.CharField(
        max_length=10,
        choices=Herkomst.choices,
        default=Herkomst.GEMEENTE,
        help_text="Uit onafhankelijk onderzoek (noem het in de bron) of een keuze van de gemeente; de brief "
        "zegt het zo tegen de cliënt.",
    )
    bron = models.CharField(
        max_length=300, blank=True, help_text="Het onderzoek of het besluit van de gemeente."
    )
    volgorde = models.PositiveSmallIntegerField(default=0)

    GRENZEN: ClassVar[bool] = True  # the bounds of core.grenzen on every save, as for the normenkader

    class Meta:
        verbose_name = "post van het normenkader"
        verbose_name_plural = "posten van het normenkader"
        ordering = ["normenkader", "volgorde"]
        constraints = [
            models.UniqueConstraint(fields=["normenkader", "code"], name="catalogus_normenkaderpost_uniek")
        ]

    def __str__(self) -> str:
        return f"{self.naam}: {self.minuten} min/week"

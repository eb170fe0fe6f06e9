from __future__ import annotations

from typing import Any, ClassVar

from django.db import models

from resultaat.core.validators import (
    validate_agb_code,
    validate_gemeentecode,
    validate_iban,
    validate_kvk_nummer,
    validate_postcode,
)


class Regio(models.Model):
    """Gemeenten that buy and administer together, like regio Alkmaar."""

    naam = models.CharField(max_length=100, unique=True)

    class Meta:
        verbose_name = "regio"
        verbose_name_plural = "regio's"
        ordering = ["naam"]

    def __str__(self) -> str:
        return self.naam


class Gemeente(models.Model):
    code = models.CharField(
        "gemeentecode",
        max_length=4,
        unique=True,
        validators=[validate_gemeentecode],
        help_text="CBS-code, 4 cijfers",
    )
    naam = models.CharField(max_length=100)
    regio = models.ForeignKey(
        Regio, null=True, blank=True, on_delete=models.PROTECT, related_name="gemeenten"
    )
    postadres = models.TextField(blank=True, help_text="Adres voor post en bezwaarschriften.")
    telefoon = models.CharField(max_length=20, blank=True)
    email = models.EmailField(blank=True)

    class Meta:
        verbose_name = "gemeente"
        verbose_name_plural = "gemeenten"
        ordering = ["naam"]

    def __str__(self) -> str:
        return f"{self.naam} ({self.code})"


class AanbiederQuerySet(models.QuerySet["Aanbieder"]):
    def for_user(self, user: Any) -> AanbiederQuerySet:
        """Gemeente staff see providers under contract with their gemeenten; provider staff only their own."""
        if user.is_superuser:
            return self
        if user.is_aanbieder_user:
            return self.filter(pk=user.aanbieder_id)
        if user.is_gemeente_user:
            gecontracteerd = self.model.objects.filter(contracten__gemeenten__in=user.gemeenten.all())
            return self.filter(pk__in=gecontracteerd.values("pk"))
        return self.none()


class Aanbieder(models.Model):
    """A zorgaanbieder: identified in iWmo by its 8-digit AGB code."""

    agb_code = models.CharField("AGB-code", max_length=8, unique=True, validators=[validate_agb_code])
    naam = models.CharField(max_length=200)
    kvk_nummer = models.CharField("KvK-nummer", max_length=8, validators=[validate_kvk_nummer])
    iban = models.CharField("IBAN", max_length=34, validators=[validate_iban])
    straat = models.CharField(max_length=100, blank=True)
    huisnummer = models.CharField(max_length=12, blank=True)
    postcode = models.CharField(max_length=7, blank=True, validators=[validate_postcode])
    plaats = models.CharField(max_length=80, blank=True)
    telefoon = models.CharField(max_length=20, blank=True)
    email = models.EmailField(blank=True)

    objects: ClassVar[Any] = AanbiederQuerySet.as_manager()

    class Meta:
        verbose_name = "aanbieder"
        verbose_name_plural = "aanbieders"
        ordering = ["naam"]

    def __str__(self) -> str:
        return self.naam

from __future__ import annotations

from typing import Any, ClassVar

from django.core.exceptions import ValidationError
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


IBAN_ALLEEN_VIA_BEVESTIGING = (
    "Het IBAN van een aanbieder wijzigt alleen via een voorstel dat een tweede persoon bevestigt."
)


class AanbiederQuerySet(models.QuerySet["Aanbieder"]):
    def update(self, **kwargs: Any) -> int:
        """Bank details never change in bulk: ``organisaties.services.bevestig_iban`` is the one path."""
        if "iban" in kwargs:
            raise ValidationError(IBAN_ALLEEN_VIA_BEVESTIGING)
        return super().update(**kwargs)

    def bulk_update(self, objs: Any, fields: Any, *args: Any, **kwargs: Any) -> int:
        if "iban" in fields:
            raise ValidationError(IBAN_ALLEEN_VIA_BEVESTIGING)
        return super().bulk_update(objs, fields, *args, **kwargs)

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
    # A new IBAN takes effect only when a second person confirms it (four eyes): until then it waits here.
    iban_voorgesteld = models.CharField(
        "voorgesteld IBAN",
        max_length=34,
        blank=True,
        validators=[validate_iban],
        help_text="Een nieuw IBAN geldt pas als een tweede persoon het bevestigt.",
    )
    iban_voorgesteld_door = models.CharField("voorgesteld door", max_length=150, blank=True)
    iban_voorgesteld_op = models.DateTimeField("voorgesteld op", null=True, blank=True)

    objects: ClassVar[Any] = AanbiederQuerySet.as_manager()

    # Set only by ``organisaties.services.bevestig_iban``, which audits the change.
    _iban_bevestigd = False

    class Meta:
        verbose_name = "aanbieder"
        verbose_name_plural = "aanbieders"
        ordering = ["naam"]

    def __str__(self) -> str:
        return self.naam

    def save(self, *args: Any, **kwargs: Any) -> None:
        """The last guard of the four eyes on bank details: a saved provider keeps its IBAN unless
        the confirmation service (which writes ``aanbieder.iban_gewijzigd``) changes it."""
        if self.pk is not None and not self._iban_bevestigd:
            velden = kwargs.get("update_fields")
            if velden is None or "iban" in velden:
                opgeslagen = type(self).objects.filter(pk=self.pk).values_list("iban", flat=True).first()
                if opgeslagen is not None and opgeslagen != self.iban:
                    raise ValidationError(IBAN_ALLEEN_VIA_BEVESTIGING)
        super().save(*args, **kwargs)

    def iban_bevestiging_bezwaar(self, door: Any) -> str | None:
        """Why ``door`` may not confirm the proposed IBAN, or None when they may (four eyes)."""
        if not self.iban_voorgesteld:
            return f"Er is geen nieuw IBAN voorgesteld voor {self.naam}."
        if self.iban_voorgesteld_door == door.get_username():
            return "Een nieuw IBAN moet worden bevestigd door iemand anders dan wie het voorstelde."
        return None


def masker_iban(iban: str) -> str:
    """ "NL91ABNA0417164300" -> "****4300": an IBAN in the audit trail, only its last 4 characters."""
    iban = (iban or "").replace(" ", "")
    return f"****{iban[-4:]}" if iban else "-"

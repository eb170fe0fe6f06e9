from __future__ import annotations

from typing import Any, ClassVar

from django.db import models
from django.db.models import OuterRef

from resultaat.core.audit.models import ClientData, ClientDataQuerySet
from resultaat.core.codes import COD046Geslacht
from resultaat.core.querysets import bediend_door
from resultaat.core.validators import (
    validate_bsn,
    validate_geboortedatum,
    validate_niet_in_toekomst,
    validate_postcode,
)


class ClientQuerySet(ClientDataQuerySet):
    def for_user(self, user: Any) -> ClientQuerySet:
        """Gemeente staff see their gemeenten's clients; provider staff only clients toegewezen to them."""
        if user.is_superuser:
            return self
        if user.is_gemeente_user:
            return self.filter(gemeente__in=user.gemeenten.all())
        if user.is_aanbieder_user:
            return self.filter(bediend_door(self.model, OuterRef("pk"), user.aanbieder_id))
        return self.none()


class Huishouden(models.TextChoices):
    ALLEENSTAAND = "alleenstaand", "alleenstaand"
    PARTNERS = "partners", "met partner"
    PARTNERS_KINDEREN = "gezin", "met partner en kinderen"
    EENOUDER = "eenouder", "eenoudergezin"
    ANDERS = "anders", "anders"


class Client(ClientData):
    """A resident receiving or asking for Wmo support. The BSN never appears in a URL or a log."""

    # Unique per gemeente, not per installation: each gemeente keeps its own file on a resident
    # (woonplaatsbeginsel), and a consulent must not learn that another gemeente knows this BSN.
    bsn = models.CharField("BSN", max_length=9, db_index=True, validators=[validate_bsn])
    gemeente = models.ForeignKey("organisaties.Gemeente", on_delete=models.PROTECT, related_name="clienten")
    voorletters = models.CharField(max_length=20, blank=True)
    voornamen = models.CharField(max_length=200, blank=True)
    tussenvoegsel = models.CharField(max_length=20, blank=True)
    achternaam = models.CharField(max_length=200)
    geboortedatum = models.DateField(validators=[validate_geboortedatum])
    geslacht = models.CharField(max_length=1, choices=COD046Geslacht.choices, default=COD046Geslacht.ONBEKEND)
    straat = models.CharField(max_length=100, blank=True)
    huisnummer = models.CharField(max_length=12, blank=True)
    postcode = models.CharField(max_length=7, blank=True, validators=[validate_postcode])
    woonplaats = models.CharField(max_length=80, blank=True)
    telefoon = models.CharField(max_length=20, blank=True)
    email = models.EmailField(blank=True)
    huishouden = models.CharField(max_length=20, choices=Huishouden.choices, default=Huishouden.ALLEENSTAAND)
    huishouden_grootte = models.PositiveSmallIntegerField("personen in het huishouden", default=1)
    overlijdensdatum = models.DateField(null=True, blank=True, validators=[validate_niet_in_toekomst])
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    # Set when the retention term has passed and the personal data were replaced (toegang.bewaartermijn).
    gepseudonimiseerd_op = models.DateField(null=True, blank=True)

    objects: ClassVar[Any] = ClientQuerySet.as_manager()

    def controleer_grenzen(self) -> dict[str, list[str]]:
        """Checks across fields, on every save (``core.grenzen``)."""
        if self.overlijdensdatum and self.geboortedatum and self.overlijdensdatum < self.geboortedatum:
            return {"overlijdensdatum": ["De overlijdensdatum ligt niet vóór de geboortedatum."]}
        return {}

    class Meta:
        verbose_name = "cliënt"
        verbose_name_plural = "cliënten"
        ordering = ["achternaam", "voorletters"]
        indexes = [
            models.Index(fields=["gemeente", "achternaam"]),
            # The order of the client list (page and API): page 1 read from the index.
            models.Index(fields=["achternaam", "voorletters", "id"], name="client_naamvolgorde"),
            # The clients who died (a settlement run pays up to the date of death): the few, without a
            # pass over every client.
            models.Index(
                fields=["overlijdensdatum"],
                condition=models.Q(overlijdensdatum__isnull=False),
                name="client_overleden",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["gemeente", "bsn"],
                name="clienten_bsn_uniek_per_gemeente",
                violation_error_message="Deze gemeente heeft al een cliënt met dit BSN.",
            )
        ]

    def __str__(self) -> str:
        return self.naam

    @property
    def naam(self) -> str:
        return " ".join(p for p in [self.voorletters, self.tussenvoegsel, self.achternaam] if p)

    @property
    def adres(self) -> str:
        return f"{self.straat} {self.huisnummer}, {self.postcode} {self.woonplaats}".strip(" ,")

    @property
    def bsn_gemaskeerd(self) -> str:
        """For screens where the full BSN is not needed: only the last three digits."""
        return "******" + self.bsn[-3:]

    def audit_client_id(self) -> int | None:
        return self.pk

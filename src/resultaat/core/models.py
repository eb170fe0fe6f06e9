"""Building blocks shared by the domain models: validity periods as half-open date ranges."""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar, Self

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from resultaat.core import grenzen


class GeldigheidQuerySet(models.QuerySet):
    def geldig_op(self, datum: dt.date) -> Self:
        """What is valid on a date: geldig_van <= datum < geldig_tot (open end allowed)."""
        return self.filter(Q(geldig_tot__isnull=True) | Q(geldig_tot__gt=datum), geldig_van__lte=datum)


class Geldigheid(models.Model):
    """A validity period [geldig_van, geldig_tot): the end date itself is no longer valid."""

    geldig_van = models.DateField("geldig vanaf")
    geldig_tot = models.DateField("geldig tot", null=True, blank=True, help_text="Leeg: geen einddatum.")

    objects: ClassVar[Any] = GeldigheidQuerySet.as_manager()
    # Reference data (catalogue, tariffs, contracts, norms): the bounds of core.grenzen on every save and
    # in the beheer's forms, as for client data.
    GRENZEN: ClassVar[bool] = True

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=Q(geldig_tot__isnull=True) | Q(geldig_tot__gt=models.F("geldig_van")),
                name="%(app_label)s_%(class)s_geldig_tot_na_van",
            )
        ]

    def clean(self) -> None:
        super().clean()
        if gevonden := grenzen.fouten(self):
            raise ValidationError(gevonden)
        if self.geldig_tot is not None and self.geldig_van is not None and self.geldig_tot <= self.geldig_van:
            raise ValidationError({"geldig_tot": "De einddatum moet na de begindatum liggen."})

    def is_geldig_op(self, datum: dt.date) -> bool:
        return self.geldig_van <= datum and (self.geldig_tot is None or datum < self.geldig_tot)

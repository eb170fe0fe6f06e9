from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q

from resultaat.core.rollen import GEMEENTE_ROLLEN, Rol

__all__ = ["GEMEENTE_ROLLEN", "Rol", "User"]


class User(AbstractUser):
    """A user works either for one or more gemeenten, or for exactly one aanbieder."""

    rol = models.CharField(max_length=20, choices=Rol.choices, blank=True)
    gemeenten = models.ManyToManyField(
        "organisaties.Gemeente",
        blank=True,
        related_name="medewerkers",
        help_text="Alleen voor gemeentelijke rollen.",
    )
    aanbieder = models.ForeignKey(
        "organisaties.Aanbieder",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="medewerkers",
        help_text="Alleen voor medewerkers van een zorgaanbieder.",
    )

    class Meta:
        verbose_name = "gebruiker"
        verbose_name_plural = "gebruikers"
        constraints = [
            models.CheckConstraint(
                condition=(Q(rol="aanbieder") & Q(aanbieder__isnull=False))
                | (~Q(rol="aanbieder") & Q(aanbieder__isnull=True)),
                name="accounts_user_aanbieder_alleen_bij_rol_aanbieder",
                violation_error_message=(
                    "Een medewerker van een zorgaanbieder heeft de rol 'aanbieder' en een aanbieder; "
                    "andere rollen hebben geen aanbieder."
                ),
            )
        ]

    @property
    def is_aanbieder_user(self) -> bool:
        return self.rol == Rol.AANBIEDER

    @property
    def is_gemeente_user(self) -> bool:
        return self.rol in GEMEENTE_ROLLEN

    def organisatie_omschrijving(self) -> str:
        if self.aanbieder_id:
            return f"aanbieder {self.aanbieder.agb_code}"  # type: ignore[union-attr]
        if self.pk and self.is_gemeente_user:
            return "gemeente " + ",".join(sorted(self.gemeenten.values_list("code", flat=True)))
        return ""

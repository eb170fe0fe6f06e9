"""The abonnementstarief per year (domain/NOTES.md 1.1) as data, and the exemptions of 1.2."""

from __future__ import annotations

from django.db import models

from resultaat.core.opmaak import euro


class TariefPeriode(models.TextChoices):
    MAAND = "maand", "per maand"
    VIER_WEKEN = "4w", "per periode van 4 weken"


class Abonnementstarief(models.Model):
    """The maximum eigen bijdrage per household for Wmo maatwerkvoorzieningen in one calendar year."""

    jaar = models.PositiveSmallIntegerField(unique=True)
    bedrag_cent = models.PositiveIntegerField("bedrag (eurocent)")
    periode = models.CharField(max_length=5, choices=TariefPeriode.choices, default=TariefPeriode.MAAND)
    toelichting = models.TextField(blank=True)
    bron = models.TextField(blank=True)

    class Meta:
        verbose_name = "abonnementstarief"
        verbose_name_plural = "abonnementstarieven"
        ordering = ["jaar"]

    def __str__(self) -> str:
        return f"{self.jaar}: {euro(self.bedrag_cent)} {self.get_periode_display()}"


class Vrijstelling(models.TextChoices):
    """Why a client pays no abonnementstarief (domain/NOTES.md 1.2)."""

    GEEN = "", "geen vrijstelling"
    PARTNER_ONDER_AOW = (
        "partner-onder-aow",
        "gehuwd of samenwonend, en een van beiden heeft de AOW-leeftijd nog niet",
    )
    MINDERJARIG = "minderjarig", "de cliënt is jonger dan 18 jaar"
    WLZ = "wlz", "het huishouden betaalt al een eigen bijdrage voor de Wlz"
    AL_WMO = "al-wmo", "het huishouden betaalt al het abonnementstarief voor een andere voorziening"
    MINIMA = "minima", "vrijstelling op grond van het minimabeleid van de gemeente"

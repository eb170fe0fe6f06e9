"""Sturing: the figures per period that a contract manager steers by, kept as aggregates.

A :class:`Kengetal` holds the figures of one provider for one product in one settlement period of one
gemeente: clients in care, new and ended, spend, evaluations and how many reached the result, switches
between providers, days from toewijzing to start, signals, complaints, satisfaction and waiting time.
The rows hold counts and sums only, no client: they stay when the retention term pseudonymises the
cases behind them (``toegang.bewaartermijn``), because ``sturing_bijwerken`` recomputes recent periods
only. Averages and shares are computed when read (sum / count), so that periods, products and
providers add up.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.db import models

from resultaat.core.querysets import OrganisatieQuerySet

# The aggregates' foreign keys have no constraint in the database: their rows are written only by
# ``INSERT ... SELECT`` statements that join the rows they refer to, and a country's five years are tens of
# millions of rows, each of which would be checked four times at commit (minutes). Deleting a gemeente,
# period, provider or product they refer to is still refused (``PROTECT``, checked by Django).


class KengetalQuerySet(OrganisatieQuerySet):
    """Gemeente staff see their gemeenten's rows; a provider only its own rows."""

    aanbieder_path = "aanbieder"


class Cijfervelden(models.Model):
    """The figures of a group, as counts and sums (and the longest wait, a maximum)."""

    actief = models.PositiveIntegerField("cliënten in zorg", default=0)
    nieuw = models.PositiveIntegerField("nieuwe toewijzingen", default=0)
    beeindigd = models.PositiveIntegerField("beëindigde toewijzingen", default=0)
    uitgaven_cent = models.BigIntegerField("uitgaven (goedgekeurde afrekeningen)", default=0)
    betaalde_clienten = models.PositiveIntegerField("cliënten met een betaling", default=0)
    evaluaties = models.PositiveIntegerField(default=0)
    behaald = models.PositiveIntegerField("resultaat behaald", default=0)
    deels_behaald = models.PositiveIntegerField("resultaat deels behaald", default=0)
    overstap_in = models.PositiveIntegerField("overgestapt naar deze aanbieder", default=0)
    overstap_uit = models.PositiveIntegerField("overgestapt naar een andere aanbieder", default=0)
    starts = models.PositiveIntegerField("gestarte toewijzingen", default=0)
    startdagen = models.BigIntegerField("dagen van toewijzing tot start (som)", default=0)
    signalen = models.PositiveIntegerField(default=0)
    klachten = models.PositiveIntegerField(default=0)
    tevredenheid_aantal = models.PositiveIntegerField("beantwoorde tevredenheidsonderzoeken", default=0)
    tevredenheid_som = models.PositiveIntegerField("som van de rapportcijfers", default=0)
    wachtenden = models.PositiveIntegerField("op de wachtlijst", default=0)
    wachttijd_dagen = models.PositiveIntegerField(
        "langste wachttijd (dagen)",
        null=True,
        blank=True,
        help_text="Van de wachtlijst, of anders de wachttijd die de aanbieder bij het contract opgaf.",
    )

    class Meta:
        abstract = True


class PerAanbiederEnPeriode(Cijfervelden):
    """The figures of one provider in one period of one gemeente (the detailed rows add a product)."""

    gemeente = models.ForeignKey(
        "organisaties.Gemeente", on_delete=models.PROTECT, related_name="+", db_constraint=False
    )
    periode = models.ForeignKey(
        "bekostiging.Periode", on_delete=models.PROTECT, related_name="+", db_constraint=False
    )
    # A copy of the period's code and first day: the dashboards filter and order by them without a join.
    periode_code = models.CharField(max_length=8)
    periode_begin = models.DateField()
    aanbieder = models.ForeignKey(
        "organisaties.Aanbieder", on_delete=models.PROTECT, related_name="+", db_constraint=False
    )

    objects: ClassVar[Any] = KengetalQuerySet.as_manager()

    class Meta:
        abstract = True


class Kengetal(PerAanbiederEnPeriode):
    product = models.ForeignKey(
        "catalogus.Product",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_constraint=False,
        help_text="Leeg: signalen en klachten die niet bij één toewijzing horen.",
    )
    bijgewerkt_op = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "kengetal"
        verbose_name_plural = "kengetallen"
        ordering = ["periode_begin", "aanbieder", "product"]
        constraints = [
            models.UniqueConstraint(
                fields=["periode", "aanbieder", "product"], name="sturing_kengetal_uniek"
            ),
        ]
        indexes = [
            models.Index(fields=["gemeente", "periode_code"], name="sturing_gemeente_periode"),
            models.Index(fields=["aanbieder", "periode_code"], name="sturing_aanbieder_periode"),
        ]

    def __str__(self) -> str:
        return f"{self.periode_code} {self.aanbieder_id} {self.product_id}"


class AanbiederKengetal(PerAanbiederEnPeriode):
    """The figures of one provider in one period of one gemeente, all products together: the sums of its
    :class:`Kengetal` rows (the longest wait their maximum), written by the same run. The dashboards read
    these (a region over five years reads tens of thousands of rows instead of a million); only the table
    per product reads the detailed rows."""

    class Meta:
        verbose_name = "kengetal per aanbieder"
        verbose_name_plural = "kengetallen per aanbieder"
        ordering = ["periode_begin", "aanbieder"]
        constraints = [
            models.UniqueConstraint(fields=["periode", "aanbieder"], name="sturing_aanbiederkengetal_uniek"),
        ]
        indexes = [
            models.Index(fields=["gemeente", "periode_code"], name="sturing_ak_gemeente_periode"),
            models.Index(fields=["aanbieder", "periode_code"], name="sturing_ak_aanbieder_periode"),
        ]

    def __str__(self) -> str:
        return f"{self.periode_code} {self.aanbieder_id}"


class GemeenteKengetal(Cijfervelden):
    """The figures of one period of one gemeente, all providers and products together: the sums of its
    :class:`AanbiederKengetal` rows, written by the same run; the region's figures per period and its
    average are read from these. Gemeente staff see their gemeenten's rows; a provider sees these sums
    only on its dashboard, and only when enough providers make them up."""

    gemeente = models.ForeignKey(
        "organisaties.Gemeente", on_delete=models.PROTECT, related_name="+", db_constraint=False
    )
    periode = models.OneToOneField(
        "bekostiging.Periode", on_delete=models.PROTECT, related_name="+", db_constraint=False
    )
    periode_code = models.CharField(max_length=8)
    periode_begin = models.DateField()
    aanbieders = models.PositiveIntegerField("aanbieders met cijfers", default=0)

    class Meta:
        verbose_name = "kengetal per gemeente"
        verbose_name_plural = "kengetallen per gemeente"
        ordering = ["periode_begin", "gemeente"]
        indexes = [
            models.Index(fields=["gemeente", "periode_code"], name="sturing_gk_gemeente_periode"),
        ]

    def __str__(self) -> str:
        return f"{self.periode_code} {self.gemeente_id}"

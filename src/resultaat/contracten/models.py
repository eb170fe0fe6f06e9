from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from resultaat.core.models import Geldigheid, GeldigheidQuerySet
from resultaat.core.validators import validate_agb_code, validate_kvk_nummer


class ContractQuerySet(GeldigheidQuerySet):
    def for_user(self, user: Any) -> ContractQuerySet:
        if user.is_superuser:
            return self
        if user.is_aanbieder_user:
            return self.filter(aanbieder_id=user.aanbieder_id)
        if user.is_gemeente_user:
            return self.filter(gemeenten__in=user.gemeenten.all()).distinct()
        return self.none()


class Contract(Geldigheid):
    """An agreement between one aanbieder and one or more gemeenten (a region buying jointly)."""

    kenmerk = models.CharField(max_length=40, unique=True)
    aanbieder = models.ForeignKey(
        "organisaties.Aanbieder", on_delete=models.PROTECT, related_name="contracten"
    )
    gemeenten = models.ManyToManyField("organisaties.Gemeente", related_name="contracten")
    perceel = models.CharField("perceel (lot)", max_length=200, blank=True)
    omschrijving = models.TextField(blank=True)
    # Targets the contract manager holds the provider to on the dashboards (resultaat.sturing); empty: none.
    doel_behaald_procent = models.PositiveSmallIntegerField(
        "doel: resultaat behaald (%)",
        null=True,
        blank=True,
        validators=[MaxValueValidator(100)],
        help_text="Aandeel van de evaluaties waarin het resultaat is behaald.",
    )
    max_wachtweken = models.PositiveSmallIntegerField("doel: hoogstens weken wachten", null=True, blank=True)
    min_tevredenheid = models.DecimalField(
        "doel: tevredenheid minstens (cijfer)",
        max_digits=3,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
    )

    objects: ClassVar[Any] = ContractQuerySet.as_manager()

    class Meta(Geldigheid.Meta):
        verbose_name = "contract"
        verbose_name_plural = "contracten"
        ordering = ["kenmerk"]

    def __str__(self) -> str:
        return f"{self.kenmerk} {self.aanbieder}"


class ContractProductQuerySet(GeldigheidQuerySet):
    def gecontracteerd(self, gemeente: Any, product: Any, datum: dt.date) -> ContractProductQuerySet:
        """Contracted products for a gemeente and product on a date (contract and line both valid)."""
        return (
            self.geldig_op(datum)
            .filter(product=product, contract__gemeenten=gemeente)
            .filter(contract__in=Contract.objects.geldig_op(datum))
            .select_related("contract__aanbieder")
        )


class ContractProduct(Geldigheid):
    """A product an aanbieder delivers under a contract, with capacity and waiting time."""

    contract = models.ForeignKey(Contract, on_delete=models.PROTECT, related_name="producten")
    product = models.ForeignKey("catalogus.Product", on_delete=models.PROTECT, related_name="contractregels")
    capaciteit = models.PositiveIntegerField(
        null=True, blank=True, help_text="Maximaal aantal cliënten; leeg: geen maximum."
    )
    wachttijd_dagen = models.PositiveIntegerField("wachttijd (dagen)", default=0)

    objects: ClassVar[Any] = ContractProductQuerySet.as_manager()

    class Meta(Geldigheid.Meta):
        verbose_name = "gecontracteerd product"
        verbose_name_plural = "gecontracteerde producten"
        constraints = [
            *Geldigheid.Meta.constraints,
            models.UniqueConstraint(
                fields=["contract", "product", "geldig_van"], name="contracten_product_uniek"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.contract.kenmerk}: {self.product}"


class Onderaannemer(Geldigheid):
    """A subcontractor of the aanbieder under a contract (seed 001: "Onderaannemers zijn mogelijk")."""

    contract = models.ForeignKey(Contract, on_delete=models.PROTECT, related_name="onderaannemers")
    naam = models.CharField(max_length=200)
    agb_code = models.CharField("AGB-code", max_length=8, blank=True, validators=[validate_agb_code])
    kvk_nummer = models.CharField("KvK-nummer", max_length=8, blank=True, validators=[validate_kvk_nummer])

    class Meta(Geldigheid.Meta):
        verbose_name = "onderaannemer"
        verbose_name_plural = "onderaannemers"

    def __str__(self) -> str:
        return self.naam

"""The catalogue in the API: domains, results, time bands and products. Reference data, read only."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from resultaat.catalogus.api import serializers as s
from resultaat.catalogus.models import Product, Resultaat, ResultaatDomein, Subresultaat, Tarief, Tijdsband
from resultaat.core.api.viewsets import AlleenLezen, Filter, met_filters


class ResultaatDomeinViewSet(AlleenLezen):
    """Domains of the results matrix (catalogue)."""

    queryset = ResultaatDomein.objects.all()
    serializer_class = s.ResultaatDomeinSerializer

    def scoped(self) -> QuerySet[Any]:
        return ResultaatDomein.objects.all()


@met_filters(domein=Filter("domein__code", "Code van het resultaatdomein."))
class ResultaatViewSet(AlleenLezen):
    """Results the gemeente can grant, with their subresults and aandachtspunten (catalogue)."""

    queryset = Resultaat.objects.all()
    serializer_class = s.ResultaatSerializer

    def scoped(self) -> QuerySet[Any]:
        return Resultaat.objects.select_related("domein").prefetch_related(
            Prefetch("subresultaten", Subresultaat.objects.prefetch_related("aandachtspunten"))
        )


@met_filters(resultaat=Filter("resultaat__code", "Code van het resultaat."))
class TijdsbandViewSet(AlleenLezen):
    """Time bands (minutes per week) of a result, with their meerposten (catalogue)."""

    queryset = Tijdsband.objects.all()
    serializer_class = s.TijdsbandSerializer

    def scoped(self) -> QuerySet[Any]:
        return Tijdsband.objects.select_related("resultaat").prefetch_related("meerposten")


@met_filters(
    categorie=Filter("categorie", "iWmo-productcategorie (WMO020), bijvoorbeeld 01."),
    resultaat=Filter("resultaat__code", "Code van het resultaat."),
)
class ProductViewSet(AlleenLezen):
    """iWmo products (result x level), each with the tariff valid today (catalogue)."""

    queryset = Product.objects.all()
    serializer_class = s.ProductSerializer

    def scoped(self) -> QuerySet[Any]:
        return Product.objects.select_related("resultaat", "complexiteit", "intensiteit").prefetch_related(
            Prefetch("tarieven", Tarief.objects.geldig_op(timezone.localdate()))
        )

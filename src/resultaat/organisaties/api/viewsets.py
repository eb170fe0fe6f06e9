"""Gemeenten and zorgaanbieders in the API: reference data, read only."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from resultaat.core.api.viewsets import AlleenLezen, Filter, met_filters
from resultaat.organisaties.api import serializers as s
from resultaat.organisaties.models import Aanbieder, Gemeente


class GemeenteViewSet(AlleenLezen):
    """Gemeenten (municipalities), with their 4-digit CBS code. Reference data, readable by every user."""

    queryset = Gemeente.objects.select_related("regio")
    serializer_class = s.GemeenteSerializer

    def scoped(self) -> QuerySet[Any]:
        return Gemeente.objects.select_related("regio")


@met_filters(agb=Filter("agb_code", "AGB-code."))
class AanbiederViewSet(AlleenLezen):
    """Zorgaanbieders by AGB code: those contracted by your gemeenten, or your own organisation."""

    queryset = Aanbieder.objects.all()
    serializer_class = s.AanbiederSerializer

    def scoped(self) -> QuerySet[Any]:
        return Aanbieder.objects.for_user(self.request.user)

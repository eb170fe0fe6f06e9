"""Contracts in the API, read only: a gemeente sees those of its gemeenten, a provider only its own."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from resultaat.contracten.api import serializers as s
from resultaat.contracten.models import Contract
from resultaat.core.api.viewsets import AANBIEDER_FILTER, GEMEENTE_FILTER, AlleenLezen, Filter, met_filters


@met_filters(aanbieder=AANBIEDER_FILTER, gemeente=Filter("gemeenten__code", GEMEENTE_FILTER.omschrijving))
class ContractViewSet(AlleenLezen):
    """Contracts: a gemeente sees those of its gemeenten, a provider only its own."""

    queryset = Contract.objects.all()
    serializer_class = s.ContractSerializer

    def scoped(self) -> QuerySet[Any]:
        return (
            Contract.objects.for_user(self.request.user)
            .select_related("aanbieder")
            .prefetch_related("gemeenten", "producten", "onderaannemers")
        )

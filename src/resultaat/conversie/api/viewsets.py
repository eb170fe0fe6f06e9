"""The conversion in the API, read only; the acts themselves are on the conversion page and the command."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from resultaat.conversie.api import serializers as s
from resultaat.conversie.models import Indicatieimport, Scenario
from resultaat.core.api.permissions import CONTRACTBEHEER
from resultaat.core.api.viewsets import GEMEENTE_FILTER, AlleenLezen, met_filters


@met_filters(gemeente=GEMEENTE_FILTER)
class IndicatieimportViewSet(AlleenLezen):
    """Files of existing indications and how far they have been read, with the report per row."""

    queryset = Indicatieimport.objects.all()
    serializer_class = s.IndicatieimportSerializer
    lees_rollen = CONTRACTBEHEER  # as the conversion pages: the report names clients

    def scoped(self) -> QuerySet[Any]:
        return Indicatieimport.objects.for_user(self.request.user).select_related("gemeente").defer("inhoud")


@met_filters(gemeente=GEMEENTE_FILTER)
class ScenarioViewSet(AlleenLezen):
    """Conversion scenarios; one scenario comes with its comparison (clients per product, cost before and
    after, gains and losses, personal conversations, revenue per provider, what cannot be converted)."""

    queryset = Scenario.objects.all()
    lees_rollen = CONTRACTBEHEER

    def get_serializer_class(self) -> Any:
        return s.ScenarioMetVergelijkingSerializer if self.action == "retrieve" else s.ScenarioSerializer

    def scoped(self) -> QuerySet[Any]:
        return Scenario.objects.for_user(self.request.user).select_related("gemeente")

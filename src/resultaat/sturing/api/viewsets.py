"""/api/v1/kengetallen/: the dashboards' figures per period, provider and product, read only.

Counts and sums, no client: shares and averages follow from them (reached / evaluations, spend / paid
clients). Gemeente staff see the rows of their gemeenten, a provider only its own rows.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from resultaat.core.api.permissions import AANBIEDER, CONTRACTBEHEER
from resultaat.core.api.viewsets import AANBIEDER_FILTER, GEMEENTE_FILTER, AlleenLezen, Filter, met_filters
from resultaat.sturing.api.serializers import KengetalSerializer
from resultaat.sturing.models import Kengetal


@met_filters(
    gemeente=GEMEENTE_FILTER,
    aanbieder=AANBIEDER_FILTER,
    periode=Filter("periode_code", "Periode, bijvoorbeeld 2017-P02."),
)
class KengetalViewSet(AlleenLezen):
    """Figures per settlement period, provider and product: clients in care, new and ended, spend and paid
    clients, evaluations and results reached, switches in and out, starts and days to start, signals,
    complaints, satisfaction (answers and sum of grades), waiting. A provider sees only its own rows."""

    queryset = Kengetal.objects.all()
    serializer_class = KengetalSerializer
    # Contract management (the contract manager, the beheerder) and the provider, for its own rows.
    lees_rollen = CONTRACTBEHEER | AANBIEDER

    def scoped(self) -> QuerySet[Any]:
        return (
            Kengetal.objects.for_user(self.request.user)
            .select_related("gemeente", "aanbieder")
            .order_by("periode_begin", "aanbieder_id", "product_id", "id")
        )

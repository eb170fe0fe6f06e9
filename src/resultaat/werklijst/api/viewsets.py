"""The consulent's worklist in the API, read only."""

from __future__ import annotations

from typing import Any

from django.db.models import F, QuerySet

from resultaat.core.api.permissions import GEMEENTE
from resultaat.core.api.viewsets import GEMEENTE_FILTER, STATUS_FILTER, AlleenLezen, Filter, met_filters
from resultaat.werklijst.api import serializers as s
from resultaat.werklijst.models import WerklijstItem


@met_filters(gemeente=GEMEENTE_FILTER, status=STATUS_FILTER, soort=Filter("soort", "Soort werklijstitem."))
class WerklijstViewSet(AlleenLezen):
    """The consulent's worklist. Only for gemeente staff, rows of their gemeenten."""

    queryset = WerklijstItem.objects.all()
    serializer_class = s.WerklijstItemSerializer
    lees_rollen = GEMEENTE

    def scoped(self) -> QuerySet[Any]:
        return (
            WerklijstItem.objects.for_user(self.request.user)
            .select_related("gemeente", "toegewezen_aan", "content_type")
            .order_by(F("uiterlijk").asc(nulls_last=True), "aangemaakt_op", "pk")
        )

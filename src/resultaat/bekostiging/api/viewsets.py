"""/api/v1/bekostiging/: settlement runs, their lines and the payment batches, read-only.

Runs are visible to gemeente staff of their gemeenten; lines and batches also to provider staff, who
see only their own (another provider's line or batch is a 404). Runs are made and approved through
the web UI or the ``settle`` command, which call the same services.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from resultaat.bekostiging.api import serializers as s
from resultaat.bekostiging.models import Afrekenregel, Afrekenrun, Betaalbatch
from resultaat.core.api.permissions import GEMEENTE
from resultaat.core.api.viewsets import AlleenLezen, Filter, met_filters


@met_filters(
    gemeente=Filter("gemeente__code", "CBS-gemeentecode, bijvoorbeeld 0361."),
    periode=Filter("periode__code", "Periode, bijvoorbeeld 2017-P02."),
    status=Filter("status", "Status: concept of goedgekeurd."),
)
class AfrekenrunViewSet(AlleenLezen):
    """Settlement runs of your gemeenten: period, status (concept until a second person approves), totals."""

    queryset = Afrekenrun.objects.all()
    serializer_class = s.AfrekenrunSerializer
    lees_rollen = GEMEENTE

    def scoped(self) -> QuerySet[Any]:
        return Afrekenrun.objects.for_user(self.request.user).select_related("gemeente", "periode")


@met_filters(
    run=Filter("run_id", "Id van de afrekenrun."),
    periode=Filter("periode__code", "Periode waarvoor de regel betaalt, bijvoorbeeld 2017-P02."),
    soort=Filter("soort", "normaal of correctie."),
)
class AfrekenregelViewSet(AlleenLezen):
    """Settlement lines: per toewijzing and period the amount, the rule that applied, the days and the
    tariff. Providers see only their own lines."""

    queryset = Afrekenregel.objects.all()
    serializer_class = s.AfrekenregelSerializer

    def scoped(self) -> QuerySet[Any]:
        return (
            Afrekenregel.objects.for_user(self.request.user)
            .select_related("periode", "toewijzing")
            .order_by("run_id", "id")
        )


@met_filters(run=Filter("run_id", "Id van de afrekenrun."))
class BetaalbatchViewSet(AlleenLezen):
    """Payment batches of approved runs, one per provider. Providers see only their own."""

    queryset = Betaalbatch.objects.all()
    serializer_class = s.BetaalbatchSerializer

    def scoped(self) -> QuerySet[Any]:
        return Betaalbatch.objects.for_user(self.request.user).select_related(
            "run__periode", "run__gemeente", "aanbieder"
        )

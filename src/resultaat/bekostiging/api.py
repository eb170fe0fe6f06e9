"""/api/v1/bekostiging/: settlement runs, their lines and the payment batches, read-only.

Runs are visible to gemeente staff of their gemeenten; lines and batches also to provider staff, who
see only their own (another provider's line or batch is a 404). Runs are made and approved through
the web UI or the ``settle`` command, which call the same services.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from rest_framework import serializers

from resultaat.bekostiging.models import Afrekenregel, Afrekenrun, Betaalbatch
from resultaat.core.api.permissions import GEMEENTE
from resultaat.core.api.viewsets import AlleenLezen, Filter, met_filters


class AfrekenrunSerializer(serializers.ModelSerializer):
    gemeente = serializers.CharField(source="gemeente.code", read_only=True)
    periode = serializers.CharField(source="periode.code", read_only=True)

    class Meta:
        model = Afrekenrun
        fields = [
            "id",
            "gemeente",
            "periode",
            "status",
            "aangemaakt_op",
            "aangemaakt_door_naam",
            "goedgekeurd_op",
            "aantal_regels",
            "totaal_cent",
        ]


class AfrekenregelSerializer(serializers.ModelSerializer):
    periode = serializers.CharField(source="periode.code", read_only=True)
    toewijzingnummer = serializers.IntegerField(source="toewijzing.nummer", read_only=True)
    toelichting = serializers.CharField(read_only=True)

    class Meta:
        model = Afrekenregel
        fields = [
            "id",
            "run",
            "periode",
            "toewijzing",
            "toewijzingnummer",
            "client",
            "aanbieder",
            "product",
            "soort",
            "regel",
            "bedrag_cent",
            "verschuldigd_cent",
            "eerder_betaald_cent",
            "tarief_cent",
            "dagen",
            "periode_dagen",
            "eerste_dag",
            "laatste_dag",
            "toelichting",
        ]


class BetaalbatchSerializer(serializers.ModelSerializer):
    kenmerk = serializers.CharField(read_only=True)
    periode = serializers.CharField(source="run.periode.code", read_only=True)
    gemeente = serializers.CharField(source="run.gemeente.code", read_only=True)

    class Meta:
        model = Betaalbatch
        fields = [
            "id",
            "kenmerk",
            "run",
            "gemeente",
            "periode",
            "aanbieder",
            "aantal_regels",
            "aantal_clienten",
            "totaal_cent",
        ]


@met_filters(
    gemeente=Filter("gemeente__code", "CBS-gemeentecode, bijvoorbeeld 0361."),
    periode=Filter("periode__code", "Periode, bijvoorbeeld 2017-P02."),
    status=Filter("status", "Status: concept of goedgekeurd."),
)
class AfrekenrunViewSet(AlleenLezen):
    """Settlement runs of your gemeenten: period, status (concept until a second person approves), totals."""

    queryset = Afrekenrun.objects.all()
    serializer_class = AfrekenrunSerializer
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
    serializer_class = AfrekenregelSerializer

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
    serializer_class = BetaalbatchSerializer

    def scoped(self) -> QuerySet[Any]:
        return Betaalbatch.objects.for_user(self.request.user).select_related(
            "run__periode", "run__gemeente", "aanbieder"
        )

"""Serializers of the settlement runs, their lines and the payment batches in the API, read only."""

from __future__ import annotations

from rest_framework import serializers

from resultaat.bekostiging.models import REGEL_VELDEN, Afrekenregel, Afrekenrun, Betaalbatch


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
        # What the run wrote, with the toewijzing's number beside its id and the rule in words.
        fields = ["id", *REGEL_VELDEN[:3], "toewijzingnummer", *REGEL_VELDEN[3:], "toelichting"]


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

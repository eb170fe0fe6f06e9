"""The conversion in the API, read only: imports with their report, scenarios with their comparison."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from resultaat.conversie.models import Importmelding, Indicatieimport, Scenario
from resultaat.conversie.services import vergelijk
from resultaat.core.api.serializers import gemeente_code


class ImportmeldingSerializer(serializers.ModelSerializer):
    class Meta:
        model = Importmelding
        fields = ("regel", "soort", "tekst", "proef")
        read_only_fields = fields


class IndicatieimportSerializer(serializers.ModelSerializer):
    gemeente = gemeente_code()
    meldingen = serializers.SerializerMethodField(help_text="De eerste 500 regels met een melding.")

    class Meta:
        model = Indicatieimport
        fields = (
            "id",
            "gemeente",
            "bestandsnaam",
            "status",
            "regels",
            "verwerkt_tot",
            "ingelezen",
            "afgekeurd",
            "koppeling",
            "aangemaakt_op",
            "meldingen",
        )
        read_only_fields = fields

    @extend_schema_field(ImportmeldingSerializer(many=True))
    def get_meldingen(self, imp: Indicatieimport) -> list[dict[str, Any]]:
        return ImportmeldingSerializer(imp.meldingen.all()[:500], many=True).data  # type: ignore[return-value]


class ProductUitkomstSerializer(serializers.Serializer):
    product = serializers.CharField()
    clienten = serializers.IntegerField()
    na_cent = serializers.IntegerField(help_text="Kosten per jaar na omzetting, eurocent.")


class AanbiederUitkomstSerializer(serializers.Serializer):
    aanbieder = serializers.CharField()
    clienten = serializers.IntegerField()
    voor_cent = serializers.IntegerField()
    na_cent = serializers.IntegerField()


class GesprekSerializer(serializers.Serializer):
    client_id = serializers.IntegerField()
    oud_product = serializers.CharField()
    minuten_voor = serializers.IntegerField()
    nieuw_product = serializers.CharField()
    minuten_na = serializers.IntegerField()
    daling_procent = serializers.IntegerField()


class NietOmgezetSerializer(serializers.Serializer):
    client_id = serializers.IntegerField()
    oud_product = serializers.CharField()
    minuten_voor = serializers.IntegerField()
    reden = serializers.CharField()


class VergelijkingSerializer(serializers.Serializer):
    indicaties = serializers.IntegerField()
    omgezet = serializers.IntegerField()
    voor_cent = serializers.IntegerField(help_text="Uren × uurtarief × 52, eurocent per jaar.")
    na_cent = serializers.IntegerField(
        help_text="Perioden × tarief van het nieuwe product, eurocent per jaar."
    )
    meer_hulp = serializers.IntegerField()
    minder_hulp = serializers.IntegerField()
    gelijk = serializers.IntegerField()
    zonder_tijdmaat = serializers.IntegerField()
    producten = ProductUitkomstSerializer(many=True)
    aanbieders = AanbiederUitkomstSerializer(many=True)
    gesprekken = GesprekSerializer(many=True)
    niet_omgezet = NietOmgezetSerializer(many=True)


SCENARIO_VELDEN: tuple[str, ...] = (
    "id",
    "gemeente",
    "naam",
    "omschrijving",
    "omzetdatum",
    "uurtarieven",
    "gesprek_vanaf_procent",
    "samenvoegen",
)


class ScenarioSerializer(serializers.ModelSerializer):
    gemeente = gemeente_code()

    class Meta:
        model = Scenario
        fields = (
            "id",
            "gemeente",
            "naam",
            "omschrijving",
            "omzetdatum",
            "uurtarieven",
            "gesprek_vanaf_procent",
            "samenvoegen",
        )
        read_only_fields: tuple[str, ...] = fields


class ScenarioMetVergelijkingSerializer(ScenarioSerializer):
    vergelijking = serializers.SerializerMethodField()

    class Meta:
        model = Scenario
        fields = (*SCENARIO_VELDEN, "vergelijking")
        read_only_fields = fields

    @extend_schema_field(VergelijkingSerializer)
    def get_vergelijking(self, scenario: Scenario) -> dict[str, Any]:
        return VergelijkingSerializer(vergelijk([scenario])[0]).data

"""Serializers of toewijzingen and leveringen in the API: the rows (read only) and the input of the
provider's actions (accept, return, start, stop, subcontractor, the CSV upload)."""

from __future__ import annotations

from rest_framework import serializers

from resultaat.core.api.serializers import agb_code, gemeente_code
from resultaat.core.codes import WMO588RedenBeeindiging
from resultaat.toewijzingen.models import Levering, Toewijzing, ToewijzingVersie

TERMEN = Toewijzing.TERM_FIELDS


class ToewijzingVersieSerializer(serializers.ModelSerializer):
    class Meta:
        model = ToewijzingVersie
        fields = ("id", *TERMEN, "vastgelegd_op")
        read_only_fields = fields


class LeveringSerializer(serializers.ModelSerializer):
    class Meta:
        model = Levering
        fields: tuple[str, ...] = (
            "id",
            "toewijzing",
            "begindatum",
            "einddatum",
            "reden_beeindiging",
            "bron",
            "start_gemeld_op",
            "stop_gemeld_op",
            "toelichting",
            "verwijderd",
        )
        read_only_fields: tuple[str, ...] = fields


class ToewijzingLeveringSerializer(LeveringSerializer):
    class Meta(LeveringSerializer.Meta):
        fields = tuple(f for f in LeveringSerializer.Meta.fields if f != "toewijzing")
        read_only_fields = fields


class ToewijzingSerializer(serializers.ModelSerializer):
    gemeente = gemeente_code()
    aanbieder = agb_code()
    versies = ToewijzingVersieSerializer(many=True, read_only=True)
    leveringen = ToewijzingLeveringSerializer(many=True, read_only=True)

    class Meta:
        model = Toewijzing
        fields = (
            "id",
            "gemeente",
            "nummer",
            "client",
            "aanbieder",
            "product",
            "beschikt_resultaat",
            "voorganger",
            "referentie_aanbieder",
            "onderaannemer",
            "reactie",
            "reactie_op",
            "retourreden",
            *TERMEN,
            "versies",
            "leveringen",
        )
        read_only_fields = fields


# --- Input of the provider's actions -----------------------------------------------------------------

STOP_REDENEN = [
    (c, label) for c, label in WMO588RedenBeeindiging.choices if c != WMO588RedenBeeindiging.TIJDELIJK
]


class RetourInvoerSerializer(serializers.Serializer):
    reden = serializers.CharField(
        max_length=1000, help_text="Waarom u de toewijzing niet aanneemt; de consulent leest dit."
    )


class StartInvoerSerializer(serializers.Serializer):
    begindatum = serializers.DateField(help_text="De eerste dag van de ondersteuning.")


class TijdelijkeStopInvoerSerializer(serializers.Serializer):
    einddatum = serializers.DateField(help_text="De laatste dag van de ondersteuning vóór de stop.")
    toelichting = serializers.CharField(
        max_length=200,
        required=False,
        allow_blank=True,
        default="",
        help_text="De oorzaak, bijvoorbeeld ziekenhuisopname.",
    )


class StopInvoerSerializer(serializers.Serializer):
    einddatum = serializers.DateField(help_text="De laatste dag van de ondersteuning.")
    reden = serializers.ChoiceField(
        choices=STOP_REDENEN, help_text="Reden van beëindiging (WMO588); 20 is een tijdelijke stop."
    )
    toelichting = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


class OnderaannemerInvoerSerializer(serializers.Serializer):
    onderaannemer = serializers.IntegerField(
        allow_null=True,
        help_text="Id van een onderaannemer onder uw contract voor deze gemeente en dit product; "
        "null als u zelf levert.",
    )


class CsvInvoerSerializer(serializers.Serializer):
    bestand = serializers.FileField(
        help_text="CSV met de kolommen toewijzingnummer;gemeentecode;soort;datum;reden;toelichting "
        "(UTF-8, ; of ,, max. 2 MB)."
    )
    alleen_geldige = serializers.BooleanField(
        default=False,
        help_text="Pas de geldige regels toe, ook als andere regels een fout hebben. Zonder deze keuze "
        "past een bestand met een fout niets toe.",
    )


class CsvRegelSerializer(serializers.Serializer):
    regelnummer = serializers.IntegerField(help_text="Regel in het bestand; de kopregel is regel 1.")
    toewijzingnummer = serializers.CharField()
    soort = serializers.CharField()
    status = serializers.ChoiceField(
        choices=[("toegepast", "toegepast"), ("fout", "fout"), ("niet toegepast", "niet toegepast")]
    )
    melding = serializers.CharField(help_text="Wat er is gedaan, of de fout.")


class CsvVerslagSerializer(serializers.Serializer):
    toegepast = serializers.BooleanField(help_text="Of de geldige regels zijn toegepast.")
    aantal_toegepast = serializers.IntegerField()
    fouten = serializers.IntegerField(help_text="Aantal regels met een fout.")
    regels = CsvRegelSerializer(many=True)

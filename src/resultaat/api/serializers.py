"""Serializers of the API. Reading only, except the input of the client registration and the BSN search.

Related organisations and catalogue entries are referred to by their public code (gemeente code, AGB
code, resultaat code); client-data rows by their id. Writes never happen here: the viewsets call the
service functions with the validated data.
"""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from resultaat.core.api.serializers import agb_code, code, gebruikersnaam, gemeente_code
from resultaat.ondersteuning.models import (
    Evaluatie,
    Ondersteuningsplan,
    PlanActiviteit,
    PlanDoel,
    PlusAfspraak,
    Signaal,
)
from resultaat.toegang.models import (
    Aanvraag,
    Beschikking,
    BeschiktResultaat,
    Melding,
    Onderzoek,
    OnderzoekResultaat,
    ZRMScore,
)

# --- Organisations ---------------------------------------------------------------------------------


# --- Catalogue ----------------------------------------------------------------------------------------


# --- Contracts ----------------------------------------------------------------------------------------


# --- Clients ------------------------------------------------------------------------------------------


# --- Toegang -------------------------------------------------------------------------------------------


class MeldingSerializer(serializers.ModelSerializer):
    gemeente = gemeente_code()
    consulent = gebruikersnaam()

    class Meta:
        model = Melding
        fields = (
            "id",
            "client",
            "gemeente",
            "ontvangen_op",
            "wijze",
            "hulpvraag",
            "consulent",
            "status",
            "opgeschort_dagen",
            "onderzoek_uiterlijk",
        )
        read_only_fields = fields


class ZRMScoreSerializer(serializers.ModelSerializer):
    class Meta:
        model = ZRMScore
        fields = ("id", "domein", "niveau", "toelichting")


class OnderzoekResultaatSerializer(serializers.ModelSerializer):
    resultaat = code()

    class Meta:
        model = OnderzoekResultaat
        fields = ("id", "resultaat", "subresultaten", "aandachtspunten", "anders_namelijk")
        read_only_fields = fields


class OnderzoekSerializer(serializers.ModelSerializer):
    consulent = gebruikersnaam()
    zrm_scores = ZRMScoreSerializer(many=True, read_only=True)
    resultaten = OnderzoekResultaatSerializer(many=True, read_only=True)

    class Meta:
        model = Onderzoek
        fields = (
            "id",
            "melding",
            "client",
            "datum_gesprek",
            "consulent",
            "situatie",
            "eigen_kracht",
            "netwerk",
            "mantelzorg",
            "voorliggende_voorzieningen",
            "afgerond_op",
            "zrm_scores",
            "resultaten",
        )
        read_only_fields = fields


class AanvraagSerializer(serializers.ModelSerializer):
    gemeente = gemeente_code()

    class Meta:
        model = Aanvraag
        fields = (
            "id",
            "client",
            "gemeente",
            "melding",
            "onderzoek",
            "ontvangen_op",
            "status",
            "opgeschort_dagen",
            "besluit_uiterlijk",
        )
        read_only_fields = fields


class BeschiktResultaatSerializer(serializers.ModelSerializer):
    resultaat = code()
    complexiteit = code(allow_null=True)
    intensiteit = code(allow_null=True)

    class Meta:
        model = BeschiktResultaat
        fields = (
            "id",
            "resultaat",
            "product",
            "complexiteit",
            "intensiteit",
            "tijdsband",
            "minuten_per_week",
            "frequentie",
            "ingangsdatum",
            "einddatum",
            "subresultaten",
        )
        read_only_fields = fields


class BeschikkingSerializer(serializers.ModelSerializer):
    gemeente = gemeente_code()
    resultaten = BeschiktResultaatSerializer(
        many=True, read_only=True, help_text="Voor een aanbieder alleen de resultaten die hij levert."
    )

    class Meta:
        model = Beschikking
        fields = (
            "id",
            "client",
            "gemeente",
            "nummer",
            "besluit",
            "besluitdatum",
            "ingangsdatum",
            "einddatum",
            "ondersteuningsplan_onderdeel",
            "motivering",
            "verzonden_op",
            "resultaten",
        )
        read_only_fields = fields


# --- Toewijzingen and leveringen ----------------------------------------------------------------------


# --- Ondersteuningsplan, evaluatie, signalen --------------------------------------------------------


class PlanActiviteitSerializer(serializers.ModelSerializer):
    class Meta:
        model = PlanActiviteit
        fields = ("id", "wat", "hoe_vaak", "door")


class PlanDoelSerializer(serializers.ModelSerializer):
    activiteiten = PlanActiviteitSerializer(many=True, read_only=True)

    class Meta:
        model = PlanDoel
        fields = ("id", "subresultaat", "doel", "activiteiten")
        read_only_fields = fields


class PlusAfspraakSerializer(serializers.ModelSerializer):
    voorziening: serializers.StringRelatedField[Any] = serializers.StringRelatedField(
        read_only=True, allow_null=True
    )

    class Meta:
        model = PlusAfspraak
        fields = ("id", "soort", "omschrijving", "voorziening")


class OndersteuningsplanSerializer(serializers.ModelSerializer):
    client = serializers.IntegerField(source="toewijzing.client_id", read_only=True)
    doelen = PlanDoelSerializer(many=True, read_only=True)
    plus_afspraken = PlusAfspraakSerializer(many=True, read_only=True)

    class Meta:
        model = Ondersteuningsplan
        fields = (
            "id",
            "toewijzing",
            "client",
            "versie",
            "status",
            "opgesteld_op",
            "akkoord_op",
            "akkoord_wijze",
            "regiefrequentie",
            "evaluatiedatum",
            "toelichting",
            "doelen",
            "plus_afspraken",
        )
        read_only_fields = fields


class EvaluatieSerializer(serializers.ModelSerializer):
    client = serializers.IntegerField(source="toewijzing.client_id", read_only=True)
    uitgevoerd_door = gebruikersnaam()

    class Meta:
        model = Evaluatie
        fields = (
            "id",
            "toewijzing",
            "client",
            "datum",
            "resultaat_behaald",
            "client_tevreden",
            "toelichting",
            "uitgevoerd_door",
        )
        read_only_fields = fields


class SignaalSerializer(serializers.ModelSerializer):
    aanbieder = agb_code()
    gemeld_door = gebruikersnaam()

    class Meta:
        model = Signaal
        fields = (
            "id",
            "client",
            "aanbieder",
            "toewijzing",
            "soort",
            "toelichting",
            "gemeld_op",
            "gemeld_door",
            "status",
            "opvolging",
            "terugkoppeling",
            "afgehandeld_op",
        )
        read_only_fields = fields
        extra_kwargs = {
            "opvolging": {"help_text": "Interne aantekening van de gemeente; leeg voor een aanbieder."}
        }

    def to_representation(self, instance: Signaal) -> dict[str, Any]:
        data = super().to_representation(instance)
        request = self.context.get("request")
        if request is not None and getattr(request.user, "is_aanbieder_user", False):
            # The provider gets the terugkoppeling, never the gemeente's internal note.
            data["opvolging"] = ""
        return data


# --- Werklijst and audit -----------------------------------------------------------------------------


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField(help_text="Meesturen als header `Authorization: Token <token>`.")

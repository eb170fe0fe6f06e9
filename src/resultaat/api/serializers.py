"""Serializers of the API. Reading only, except the input of the client registration and the BSN search.

Related organisations and catalogue entries are referred to by their public code (gemeente code, AGB
code, resultaat code); client-data rows by their id. Writes never happen here: the viewsets call the
service functions with the validated data.
"""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from resultaat.core.api.serializers import agb_code, gebruikersnaam
from resultaat.ondersteuning.models import (
    Evaluatie,
    Ondersteuningsplan,
    PlanActiviteit,
    PlanDoel,
    PlusAfspraak,
    Signaal,
)

# --- Organisations ---------------------------------------------------------------------------------


# --- Catalogue ----------------------------------------------------------------------------------------


# --- Contracts ----------------------------------------------------------------------------------------


# --- Clients ------------------------------------------------------------------------------------------


# --- Toegang -------------------------------------------------------------------------------------------


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

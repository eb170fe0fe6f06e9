"""Serializers of the organisations in the API: gemeenten and zorgaanbieders, read only."""

from __future__ import annotations

from rest_framework import serializers

from resultaat.core.api.serializers import code
from resultaat.organisaties.models import Aanbieder, Gemeente


class GemeenteSerializer(serializers.ModelSerializer):
    regio = code("naam", allow_null=True)

    class Meta:
        model = Gemeente
        fields = ("id", "code", "naam", "regio", "postadres", "telefoon", "email")


class AanbiederSerializer(serializers.ModelSerializer):
    class Meta:
        model = Aanbieder
        fields = (
            "id",
            "agb_code",
            "naam",
            "kvk_nummer",
            "iban",
            "straat",
            "huisnummer",
            "postcode",
            "plaats",
            "telefoon",
            "email",
        )

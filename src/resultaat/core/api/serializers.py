"""Serializer pieces every component's API uses: references by public code, the validity fields, the error.

Related organisations and catalogue entries are referred to by their public code (gemeente code, AGB
code, resultaat code); client-data rows by their id.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers

GELDIGHEID = ("geldig_van", "geldig_tot")


def code(slug_field: str = "code", **kwargs: Any) -> serializers.SlugRelatedField[Any]:
    """A read-only reference to a related row by its public code."""
    return serializers.SlugRelatedField(slug_field=slug_field, read_only=True, **kwargs)


def gemeente_code(**kwargs: Any) -> serializers.SlugRelatedField[Any]:
    return code(help_text="CBS-gemeentecode.", **kwargs)


def agb_code(**kwargs: Any) -> serializers.SlugRelatedField[Any]:
    return code("agb_code", help_text="AGB-code.", **kwargs)


def gebruikersnaam(**kwargs: Any) -> serializers.SlugRelatedField[Any]:
    return code("username", allow_null=True, **kwargs)


class FoutSerializer(serializers.Serializer):
    """The shape of an error that is not about one field."""

    detail = serializers.CharField()


NIET_GEVONDEN = OpenApiResponse(FoutSerializer, description="Niet gevonden, of niet zichtbaar voor u.")

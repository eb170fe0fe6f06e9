"""The OpenAPI schema: what every operation can answer (the errors), and a schema that is the same on
every database."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from drf_spectacular.extensions import OpenApiAuthenticationExtension, OpenApiSerializerExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import get_view_model
from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers
from rest_framework.schemas.utils import get_pk_description

from resultaat.core.api.serializers import FoutSerializer

# drf-spectacular takes an integer field's range from the database backend: SQLite reports 64-bit
# limits, PostgreSQL those of its column types. They are storage details, not API contract, and would
# make the committed schema depend on the database it was generated on.
_DATABASE_INTEGER_LIMITS = {2**63 - 1, 2**31 - 1, 2**15 - 1}


class TokenSchema(OpenApiAuthenticationExtension):
    """The API token (django-rest-knox) under the name the schema has used since v1."""

    target_class = "knox.auth.TokenAuthentication"
    name = "tokenAuth"
    priority = 1

    def get_security_definition(self, auto_schema: Any) -> dict[str, Any]:
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": 'Token-based authentication with required prefix "Token"; the token expires.',
        }


def _strip(node: Any) -> None:
    if isinstance(node, dict):
        if node.get("type") == "integer" and node.get("maximum") in _DATABASE_INTEGER_LIMITS:
            del node["maximum"]
            if node.get("format") == "int64":
                del node["format"]
        for value in node.values():
            _strip(value)
    elif isinstance(node, list):
        for value in node:
            _strip(value)


def drop_database_integer_limits(
    result: dict[str, Any], generator: Any, request: Any, public: bool
) -> dict[str, Any]:
    _strip(result)
    return result


# --- The schema of every operation -------------------------------------------------------------------


class ValidatiefoutSerializer(serializers.Serializer):
    """Invalid input: per field (or `non_field_errors`) the Dutch messages, nested like the input; a
    request that cannot be read at all gets `detail`."""


class ValidatiefoutSchema(OpenApiSerializerExtension):
    target_class = ValidatiefoutSerializer

    def map_serializer(self, auto_schema: AutoSchema, direction: str) -> dict[str, Any]:
        return {
            "oneOf": [
                {
                    "type": "object",
                    "additionalProperties": {
                        "oneOf": [
                            {"type": "array", "items": {}},
                            {"type": "object"},
                            {"type": "string"},
                        ]
                    },
                },
                {"type": "array", "items": {"type": "string"}},
            ],
            "example": {"veld": ["Dit veld is verplicht."]},
        }


NIET_GEVONDEN = 'Niet gevonden, of niet zichtbaar voor u: `{"detail": "Niet gevonden."}`.'
PAGINA_NIET_GEVONDEN = 'Of een pagina na de laatste: `{"detail": "Ongeldige pagina."}`.'
NIET_INGELOGD = "Geen of een ongeldig token (of sessie)."
GEEN_TOESTEMMING = "Uw rol mag dit niet, of (met een sessie) het CSRF-token ontbreekt."
ANDER_FORMAAT = "Een Content-Type die dit endpoint niet leest (zie de requestBody)."
ONGELDIG = "Ongeldige invoer: de Nederlandse melding staat bij het veld."
# resultaat.core.middleware.GeenBsnInUrl answers every request with a BSN parameter in its query string.
BSN_IN_URL = (
    'Een queryparameter `bsn` in het webadres: `{"bsn": ["Een BSN hoort niet in een webadres: ..."]}`.'
)

# A time as DRF writes and reads it ("09:00:00"): JSON Schema's "time" format requires a UTC offset.
TIJD_PATROON = r"^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,6})?)?$"


def _model_veld_mag_leeg(field: Any) -> bool:
    """A read-only field of a ModelSerializer loses ``allow_blank``; the model field still says it."""
    source = getattr(field, "source", None)
    if not field.read_only or not isinstance(source, str) or "." in source:
        return False
    if not isinstance(field, (serializers.CharField, serializers.ChoiceField)):
        return False
    model = getattr(getattr(field.parent, "Meta", None), "model", None)
    if model is None:
        return False
    try:
        model_field = model._meta.get_field(source)
    except FieldDoesNotExist:
        return False
    return isinstance(model_field, (models.CharField, models.TextField)) and model_field.blank


class Schema(AutoSchema):
    """drf-spectacular's AutoSchema, plus what every operation of this API can answer.

    - 400 with the field errors when there is input (a body, or the list's filters and paging), and on
      every operation for a ``bsn`` query parameter (resultaat.core.middleware.GeenBsnInUrl), 401 and
      403 when it needs a login, 404 with the Dutch detail when there is an id in the path or a page,
      415 when it reads a body;
      a response an endpoint documents itself keeps its description and gets the error shape;
    - a read-only text field that the model allows to be blank is documented as allowing "";
    - an id in the path is a whole number (the routes take nothing else);
    - a time is a string like "09:00:00" (a pattern), not JSON Schema's "time" with its UTC offset.
    """

    def _map_serializer_field(self, field: Any, direction: Any, bypass_extensions: bool = False) -> Any:
        if _model_veld_mag_leeg(field):
            field.allow_blank = True  # this instance only serves the schema
        schema = super()._map_serializer_field(field, direction, bypass_extensions)
        if isinstance(field, serializers.TimeField):
            schema.pop("format", None)
            schema["pattern"] = TIJD_PATROON
        return schema

    def _resolve_path_parameters(self, variables: Any) -> Any:
        # The routes take an id as r"\d+" (BasisViewSet.lookup_value_regex): it is a whole number, not a
        # string with a pattern.
        parameters = super()._resolve_path_parameters(variables)
        model = get_view_model(self.view, emit_warnings=False)
        for parameter in parameters:
            if parameter["schema"] == {"type": "string", "pattern": r"^\d+$"}:
                parameter["schema"] = {"type": "integer", "minimum": 0}
                if model is not None and "description" not in parameter:
                    parameter["description"] = get_pk_description(model, model._meta.pk)
        return parameters

    def _standaardfouten(self) -> dict[str, tuple[type[serializers.Serializer], str]]:
        fouten: dict[str, tuple[type[serializers.Serializer], str]] = {}
        is_lijst = self._is_list_view() and self.method == "GET"
        if self.method != "GET" or is_lijst:
            fouten["400"] = (ValidatiefoutSerializer, ONGELDIG)
        else:
            fouten["400"] = (ValidatiefoutSerializer, BSN_IN_URL)
        auth = self.get_auth()
        if auth and {} not in auth:
            fouten["401"] = (FoutSerializer, NIET_INGELOGD)
            fouten["403"] = (FoutSerializer, GEEN_TOESTEMMING)
        if self.method in ("POST", "PUT", "PATCH"):
            fouten["415"] = (FoutSerializer, ANDER_FORMAAT)
        if "{" in self.path:
            fouten["404"] = (FoutSerializer, NIET_GEVONDEN)
        elif is_lijst and self._get_paginator() is not None:
            fouten["404"] = (FoutSerializer, PAGINA_NIET_GEVONDEN)
        return fouten

    def _get_response_bodies(self, direction: Any = "response") -> Any:
        responses = dict(super()._get_response_bodies(direction))
        for code, (serializer, beschrijving) in self._standaardfouten().items():
            eigen = responses.get(code)
            if eigen is not None and "content" in eigen:
                continue
            if eigen is not None and eigen.get("description"):
                beschrijving = eigen["description"]
            responses[code] = self._get_response_for_code(
                OpenApiResponse(serializer, description=beschrijving), code, direction=direction
            )
        return dict(sorted(responses.items()))

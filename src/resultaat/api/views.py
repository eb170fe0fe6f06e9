"""The endpoints of /api/v1/. Thin: rows come from ``for_user`` QuerySets, writes go through services."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.throttling import AnonRateThrottle

from resultaat.api import serializers as s

# --- Organisations and catalogue: reference data, the same for every user ---------------------------


# --- Clients -------------------------------------------------------------------------------------------


# --- Toegang: the gemeente's own working files, never visible to providers ----------------------------


# --- Toewijzingen, leveringen and the provider's side -------------------------------------------------


# --- Werklijst and audit log -----------------------------------------------------------------------------


# --- Token ----------------------------------------------------------------------------------------------


class TokenThrottle(AnonRateThrottle):
    """Slows down password guessing on the token endpoint."""

    scope = "token"
    rate = "30/minute"


@extend_schema(
    summary="Token ophalen",
    description=(
        "Wissel gebruikersnaam en wachtwoord in voor een token. Stuur het token daarna mee in elke "
        "request als header `Authorization: Token <token>`."
    ),
    request=AuthTokenSerializer,
    responses={
        200: s.TokenSerializer,
        400: OpenApiResponse(description="Onjuiste gebruikersnaam of wachtwoord."),
    },
    auth=[],
    tags=["token"],
)
class TokenView(ObtainAuthToken):
    throttle_classes = [TokenThrottle]

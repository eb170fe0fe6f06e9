"""The token endpoint of /api/v1/: username and password for a token, slowed down against guessing."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.throttling import AnonRateThrottle


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField(help_text="Meesturen als header `Authorization: Token <token>`.")


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
        200: TokenSerializer,
        400: OpenApiResponse(description="Onjuiste gebruikersnaam of wachtwoord."),
    },
    auth=[],
    tags=["token"],
)
class TokenView(ObtainAuthToken):
    throttle_classes = [TokenThrottle]

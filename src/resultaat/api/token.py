"""The token endpoints of /api/v1/: username and password (and, for gemeente roles, the code of the
authenticator app) for a token that expires; revoking one's own tokens. Slowed down and locked against
guessing: the throttle counts per client address as ``resultaat.core.adres`` decides it (a forged
X-Forwarded-For does not reset it), and a locked login (django-axes) gets no token either.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import authenticate
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import APIView

from resultaat.accounts import tokens, tweestaps
from resultaat.core.adres import client_adres

ONJUIST = "Onjuiste gebruikersnaam of wachtwoord."


class TokenAanvraag(serializers.Serializer):
    username = serializers.CharField(max_length=150, help_text="Gebruikersnaam.")
    password = serializers.CharField(
        max_length=256, trim_whitespace=False, style={"input_type": "password"}, help_text="Wachtwoord."
    )
    code = serializers.CharField(
        required=False,
        max_length=6,
        help_text="De code van zes cijfers uit de authenticator-app: verplicht voor gemeentelijke rollen.",
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        request = self.context["request"]
        # The Django request, so that a lockout (django-axes) is seen by its middleware: 429.
        django_request = getattr(request, "_request", request)
        user = authenticate(request=django_request, username=attrs["username"], password=attrs["password"])
        if user is None:
            raise serializers.ValidationError({"non_field_errors": [ONJUIST]}, code="authorization")
        if tweestaps.verplicht_voor(user):
            if not tweestaps.heeft_apparaat(user):
                raise serializers.ValidationError(
                    {"code": ["Stel eerst tweestapsverificatie in: log in op de website."]}
                )
            if not tweestaps.controleer_code(user, attrs.get("code", "")):
                raise serializers.ValidationError({"code": ["De code uit de authenticator-app klopt niet."]})
        attrs["user"] = user
        return attrs


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField(help_text="Meesturen als header `Authorization: Token <token>`.")
    verloopt = serializers.DateTimeField(help_text="Tot wanneer het token geldig is.")


class TokenThrottle(AnonRateThrottle):
    """Slows down password guessing on the token endpoint, per client address."""

    scope = "token"
    rate = "30/minute"

    def get_ident(self, request: Request) -> str:
        return client_adres(request)


@extend_schema(
    summary="Token ophalen",
    description=(
        "Wissel gebruikersnaam en wachtwoord (en voor gemeentelijke rollen de code uit de "
        "authenticator-app) in voor een token. Stuur het token daarna mee in elke request als header "
        "`Authorization: Token <token>`. Het token verloopt na de ingestelde geldigheid; alleen een hash "
        "ervan wordt bewaard."
    ),
    request=TokenAanvraag,
    responses={
        200: TokenSerializer,
        400: OpenApiResponse(description="Onjuiste gebruikersnaam, wachtwoord of code."),
        429: OpenApiResponse(description="Te veel pogingen: even wachten, of het inloggen is geblokkeerd."),
    },
    auth=[],
    tags=["token"],
)
class TokenView(APIView):
    authentication_classes: list[Any] = []
    permission_classes: list[Any] = []
    throttle_classes = [TokenThrottle]

    def post(self, request: Request) -> Response:
        aanvraag = TokenAanvraag(data=request.data, context={"request": request})
        aanvraag.is_valid(raise_exception=True)
        token, verloopt = tokens.geef_token(aanvraag.validated_data["user"])
        return Response({"token": token, "verloopt": verloopt})


@extend_schema(
    summary="Tokens intrekken",
    description=(
        "Trek het token van deze request in, of met `?alle=ja` alle tokens van de gebruiker. "
        "Een nieuw wachtwoord trekt ook alle tokens in."
    ),
    request=None,
    responses={204: OpenApiResponse(description="Ingetrokken.")},
    tags=["token"],
)
class TokenIntrekkenView(APIView):
    permission_classes = [IsAuthenticated]

    def post(self, request: Request) -> Response:
        if request.query_params.get("alle") == "ja" or request.auth is None or isinstance(request.auth, str):
            tokens.trek_tokens_in(request.user, door=request.user)  # type: ignore[arg-type]
        else:
            tokens.trek_token_in(request.auth)
        return Response(status=status.HTTP_204_NO_CONTENT)

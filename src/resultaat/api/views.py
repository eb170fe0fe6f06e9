"""The endpoints of /api/v1/. Thin: rows come from ``for_user`` QuerySets, writes go through services."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.throttling import AnonRateThrottle

from resultaat.api import serializers as s
from resultaat.core.api.viewsets import (
    AANBIEDER_FILTER,
    GEMEENTE_FILTER,
    STATUS_FILTER,
    AlleenLezen,
    Filter,
    met_filters,
)
from resultaat.ondersteuning.models import Evaluatie, Ondersteuningsplan, PlanDoel, Signaal

# --- Organisations and catalogue: reference data, the same for every user ---------------------------


# --- Clients -------------------------------------------------------------------------------------------


# --- Toegang: the gemeente's own working files, never visible to providers ----------------------------


# --- Toewijzingen, leveringen and the provider's side -------------------------------------------------


@met_filters(
    aanbieder=Filter("toewijzing__aanbieder__agb_code", AANBIEDER_FILTER.omschrijving),
    gemeente=Filter("toewijzing__gemeente__code", GEMEENTE_FILTER.omschrijving),
    status=STATUS_FILTER,
)
class OndersteuningsplanViewSet(AlleenLezen):
    """Ondersteuningsplannen with goals, activities and the Plus; a provider sees only its own."""

    queryset = Ondersteuningsplan.objects.all()
    serializer_class = s.OndersteuningsplanSerializer

    def scoped(self) -> QuerySet[Any]:
        return (
            Ondersteuningsplan.objects.for_user(self.request.user)
            .select_related("toewijzing")
            .prefetch_related(
                Prefetch("doelen", PlanDoel.objects.prefetch_related("activiteiten").order_by("pk")),
                "plus_afspraken__voorziening",
            )
            .order_by("toewijzing", "-versie", "pk")
        )


@met_filters(
    aanbieder=Filter("toewijzing__aanbieder__agb_code", AANBIEDER_FILTER.omschrijving),
    gemeente=Filter("toewijzing__gemeente__code", GEMEENTE_FILTER.omschrijving),
)
class EvaluatieViewSet(AlleenLezen):
    """Evaluations per toewijzing; a provider sees only its own."""

    queryset = Evaluatie.objects.all()
    serializer_class = s.EvaluatieSerializer

    def scoped(self) -> QuerySet[Any]:
        return (
            Evaluatie.objects.for_user(self.request.user)
            .select_related("toewijzing", "uitgevoerd_door")
            .order_by("-datum", "-pk")
        )


@met_filters(
    aanbieder=AANBIEDER_FILTER,
    gemeente=Filter("client__gemeente__code", GEMEENTE_FILTER.omschrijving),
    soort=Filter("soort", "Soort signaal, bijvoorbeeld eenzaamheid."),
    status=STATUS_FILTER,
)
class SignaalViewSet(AlleenLezen):
    """Signals a provider reported; a provider sees only its own."""

    queryset = Signaal.objects.all()
    serializer_class = s.SignaalSerializer

    def scoped(self) -> QuerySet[Any]:
        return (
            Signaal.objects.for_user(self.request.user)
            .select_related("aanbieder", "gemeld_door")
            .order_by("-gemeld_op", "-pk")
        )


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

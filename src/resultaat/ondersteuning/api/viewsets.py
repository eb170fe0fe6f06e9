"""Ondersteuning in the API: plans, evaluations and signals. A provider with its own software writes plans
as in the portal.

Plans are read as in the portal, and written through the same services as the web pages: ``POST`` a new
version (concept), ``PUT`` the content of a concept, ``POST .../akkoord/`` the client's agreement. Signals
too: a provider reports one (``POST``), a consulent of the client's gemeente records the follow-up
(``POST .../opvolging/``). A service's Dutch ``ValidationError`` becomes a 400.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from resultaat.clienten.models import Client
from resultaat.core.api.permissions import AANBIEDER, CONSULENT, CONSULENT_OF_AANBIEDER
from resultaat.core.api.rollen import RollenPerActie
from resultaat.core.api.serializers import NIET_GEVONDEN
from resultaat.core.api.viewsets import (
    AANBIEDER_FILTER,
    GEMEENTE_FILTER,
    STATUS_FILTER,
    AlleenLezen,
    Filter,
    eigen,
    invoer,
    met_filters,
)
from resultaat.ondersteuning import evaluaties, services
from resultaat.ondersteuning.api import serializers as s
from resultaat.ondersteuning.models import (
    Evaluatie,
    Ondersteuningsplan,
    PlanDoel,
    Regiegesprek,
    Signaal,
)
from resultaat.toewijzingen.models import Toewijzing


def _invoer(data: dict[str, Any]) -> services.PlanInvoer:
    return services.PlanInvoer(
        regiefrequentie=data["regiefrequentie"],
        evaluatiedatum=data.get("evaluatiedatum"),
        toelichting=data.get("toelichting") or "",
        doelen=tuple(
            services.DoelInvoer(
                doel=d["doel"],
                subresultaat=d.get("subresultaat"),
                activiteiten=tuple(
                    services.ActiviteitInvoer(wat=a["wat"], hoe_vaak=a["hoe_vaak"], door=a["door"])
                    for a in d.get("activiteiten", [])
                ),
            )
            for d in data.get("doelen", [])
        ),
        plus=tuple(
            services.PlusInvoer(
                soort=p["soort"], omschrijving=p["omschrijving"], voorziening=p.get("voorziening")
            )
            for p in data.get("plus_afspraken", [])
        ),
    )


def _antwoord(plan: Ondersteuningsplan, request: Request, code: int = status.HTTP_200_OK) -> Response:
    plan = (
        Ondersteuningsplan.objects.for_user(request.user)
        .select_related("toewijzing")
        .prefetch_related("doelen__activiteiten", "plus_afspraken__voorziening")
        .get(pk=plan.pk)
    )
    return Response(s.OndersteuningsplanSerializer(plan).data, status=code)


@met_filters(
    aanbieder=Filter("toewijzing__aanbieder__agb_code", AANBIEDER_FILTER.omschrijving),
    gemeente=Filter("toewijzing__gemeente__code", GEMEENTE_FILTER.omschrijving),
    status=STATUS_FILTER,
)
class OndersteuningsplanViewSet(AlleenLezen):
    """Ondersteuningsplannen with goals, activities and the Plus; a provider sees only its own and writes
    the plans of its own toewijzingen: a new version, the content of a concept, the client's agreement.
    An agreed version is never changed (400)."""

    queryset = Ondersteuningsplan.objects.all()
    serializer_class = s.OndersteuningsplanSerializer
    schrijf_rollen = AANBIEDER

    def scoped(self) -> QuerySet[Any]:
        return (
            Ondersteuningsplan.objects.for_user(self.request.user)
            .select_related("toewijzing")
            .prefetch_related(
                Prefetch("doelen", PlanDoel.objects.prefetch_related("activiteiten").order_by("pk")),
                "plus_afspraken__voorziening",
            )
            .order_by("toewijzing_id", "-versie", "pk")
        )

    @extend_schema(
        summary="Nieuwe versie (concept) van het ondersteuningsplan",
        request=s.PlanNieuwSerializer,
        responses={201: s.OndersteuningsplanSerializer},
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = invoer(s.PlanNieuwSerializer, request)
        toewijzing = eigen(
            Toewijzing.objects.for_user(request.user),
            data["toewijzing"],
            "toewijzing",
            "Geen toewijzing van uw organisatie met dit id.",
        )
        plan = services.maak_plan(door=request.user, toewijzing=toewijzing, invoer=_invoer(data))
        return _antwoord(plan, request, status.HTTP_201_CREATED)

    @extend_schema(
        summary="Inhoud van een concept vervangen",
        request=s.PlanInhoudSerializer,
        responses={200: s.OndersteuningsplanSerializer},
    )
    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        plan = self.get_object()
        plan = services.wijzig_plan(
            door=request.user, plan=plan, invoer=_invoer(invoer(s.PlanInhoudSerializer, request))
        )
        return _antwoord(plan, request)

    @extend_schema(
        summary="Akkoord van de cliënt vastleggen",
        request=s.PlanAkkoordSerializer,
        responses={200: s.OndersteuningsplanSerializer},
    )
    @action(detail=True, methods=["post"])
    def akkoord(self, request: Request, pk: str | None = None) -> Response:
        plan = self.get_object()
        data = invoer(s.PlanAkkoordSerializer, request)
        plan = services.leg_akkoord_vast(
            door=request.user, plan=plan, akkoord_op=data["akkoord_op"], akkoord_wijze=data["akkoord_wijze"]
        )
        return _antwoord(plan, request)


# --- Evaluaties ----------------------------------------------------------------------------------------


@met_filters(
    aanbieder=Filter("toewijzing__aanbieder__agb_code", AANBIEDER_FILTER.omschrijving),
    gemeente=Filter("toewijzing__gemeente__code", GEMEENTE_FILTER.omschrijving),
)
class EvaluatieViewSet(RollenPerActie, mixins.CreateModelMixin, AlleenLezen):
    """Evaluations per toewijzing, with a judgement per subresult; a provider sees only its own. The
    consulent of the client's gemeente or the provider of the toewijzing records one (``POST``)."""

    queryset = Evaluatie.objects.all()
    serializer_class = s.EvaluatieSerializer
    schrijf_rollen = CONSULENT_OF_AANBIEDER

    def scoped(self) -> QuerySet[Any]:
        return (
            Evaluatie.objects.for_user(self.request.user)
            .select_related("toewijzing", "uitgevoerd_door")
            .prefetch_related("oordelen")
            .order_by("-datum", "-pk")
        )

    @extend_schema(
        summary="Evaluatie vastleggen",
        description="Per subresultaat behaald, deels of niet, met toelichting (verplicht als het niet "
        "helemaal is behaald) en de visie van de cliënt. Open evaluaties op de werklijst zijn daarmee "
        "afgehandeld.",
        request=s.EvaluatieInvoerSerializer,
        responses={
            201: s.EvaluatieSerializer,
            400: OpenApiResponse(description="De melding staat bij het veld."),
            403: OpenApiResponse(description="Alleen de consulent of de aanbieder van de toewijzing."),
        },
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = invoer(s.EvaluatieInvoerSerializer, request)
        toewijzing = eigen(
            Toewijzing.objects.for_user(request.user).select_related("client", "product"),
            data["toewijzing"],
            "toewijzing",
            "Geen toewijzing die u mag evalueren met dit id.",
        )
        evaluatie = evaluaties.evalueer(
            door=request.user,
            toewijzing=toewijzing,
            datum=data["datum"],
            moment=data["moment"],
            oordelen=tuple(
                evaluaties.OordeelInvoer(
                    subresultaat=o["subresultaat"], behaald=o["behaald"], toelichting=o["toelichting"]
                )
                for o in data["oordelen"]
            ),
            clientvisie=data["clientvisie"],
            client_tevreden=data["client_tevreden"],
            toelichting=data["toelichting"],
        )
        return Response(
            s.EvaluatieSerializer(self.scoped().get(pk=evaluatie.pk)).data, status=status.HTTP_201_CREATED
        )


# --- Regiegesprekken ----------------------------------------------------------------------------------


@met_filters(
    aanbieder=Filter("toewijzing__aanbieder__agb_code", AANBIEDER_FILTER.omschrijving),
    gemeente=Filter("toewijzing__gemeente__code", GEMEENTE_FILTER.omschrijving),
)
class RegiegesprekViewSet(RollenPerActie, mixins.CreateModelMixin, AlleenLezen):
    """Regiegesprekken per toewijzing (date, who, outcome); a provider sees only its own. The provider of
    the toewijzing or the consulent of the client's gemeente records one (``POST``)."""

    queryset = Regiegesprek.objects.all()
    serializer_class = s.RegiegesprekSerializer
    schrijf_rollen = CONSULENT_OF_AANBIEDER

    def scoped(self) -> QuerySet[Any]:
        return (
            Regiegesprek.objects.for_user(self.request.user)
            .select_related("toewijzing", "vastgelegd_door")
            .order_by("-datum", "-pk")
        )

    @extend_schema(
        summary="Regiegesprek vastleggen",
        request=s.RegiegesprekInvoerSerializer,
        responses={
            201: s.RegiegesprekSerializer,
            400: OpenApiResponse(description="De melding staat bij het veld."),
            403: OpenApiResponse(description="Alleen de consulent of de aanbieder van de toewijzing."),
        },
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = invoer(s.RegiegesprekInvoerSerializer, request)
        toewijzing = eigen(
            Toewijzing.objects.for_user(request.user).select_related("client"),
            data["toewijzing"],
            "toewijzing",
            "Geen toewijzing van u met dit id.",
        )
        gesprek = evaluaties.leg_regiegesprek_vast(
            door=request.user,
            toewijzing=toewijzing,
            datum=data["datum"],
            deelnemers=data["deelnemers"],
            uitkomst=data["uitkomst"],
        )
        return Response(
            s.RegiegesprekSerializer(self.scoped().get(pk=gesprek.pk)).data, status=status.HTTP_201_CREATED
        )


# --- Signalen ------------------------------------------------------------------------------------------


@met_filters(
    aanbieder=AANBIEDER_FILTER,
    gemeente=Filter("client__gemeente__code", GEMEENTE_FILTER.omschrijving),
    soort=Filter("soort", "Soort signaal, bijvoorbeeld eenzaamheid."),
    status=STATUS_FILTER,
)
class SignaalViewSet(RollenPerActie, mixins.CreateModelMixin, AlleenLezen):
    """Signals a provider reported; a provider sees only its own. A provider reports a signal about one of
    its own clients (it lands on the consulent's worklist); a consulent of the client's gemeente records the
    follow-up. The provider sees the status and the terugkoppeling, never the internal opvolging."""

    queryset = Signaal.objects.all()
    serializer_class = s.SignaalSerializer
    schrijf_rollen = AANBIEDER
    actie_rollen = {"create": AANBIEDER, "opvolging": CONSULENT}

    def scoped(self) -> QuerySet[Any]:
        return (
            Signaal.objects.for_user(self.request.user)
            .select_related("aanbieder", "gemeld_door")
            .order_by("-gemeld_op", "-pk")
        )

    def _antwoord(self, signaal: Signaal, code: int = status.HTTP_200_OK) -> Response:
        signaal = self.scoped().get(pk=signaal.pk)
        return Response(s.SignaalSerializer(signaal, context={"request": self.request}).data, status=code)

    @extend_schema(
        summary="Signaal melden",
        description="Alleen voor een aanbieder, over een cliënt met een toewijzing aan de eigen organisatie.",
        request=s.SignaalInvoerSerializer,
        responses={
            201: s.SignaalSerializer,
            400: OpenApiResponse(description="De melding staat bij het veld."),
            403: OpenApiResponse(description="Alleen een aanbieder meldt een signaal."),
        },
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = invoer(s.SignaalInvoerSerializer, request)
        client = eigen(
            Client.objects.for_user(request.user),
            data["client"],
            "client",
            "Kies een cliënt van uw eigen organisatie.",
        )
        toewijzing = None
        if data["toewijzing"] is not None:
            toewijzing = eigen(
                Toewijzing.objects.for_user(request.user),
                data["toewijzing"],
                "toewijzing",
                "Geen toewijzing van uw organisatie met dit id.",
            )
        signaal = services.meld_signaal(
            door=request.user,
            client=client,
            soort=data["soort"],
            toelichting=data["toelichting"],
            toewijzing=toewijzing,
        )
        return self._antwoord(signaal, status.HTTP_201_CREATED)

    @extend_schema(
        summary="Signaal opvolgen",
        description="Alleen voor een consulent van de gemeente van de cliënt. Een afgehandeld signaal "
        "verandert niet meer (400).",
        request=s.OpvolgingInvoerSerializer,
        responses={
            200: s.SignaalSerializer,
            400: OpenApiResponse(description="De melding staat bij het veld."),
            403: OpenApiResponse(description="Alleen een consulent volgt een signaal op."),
            404: NIET_GEVONDEN,
        },
    )
    @action(detail=True, methods=["post"])
    def opvolging(self, request: Request, pk: str | None = None) -> Response:
        signaal = self.get_object()
        data = invoer(s.OpvolgingInvoerSerializer, request)
        services.volg_signaal_op(door=request.user, signaal=signaal, **data)
        return self._antwoord(signaal)

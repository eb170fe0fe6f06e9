"""The ondersteuningsplan in the API: a provider with its own software writes plans as in the portal.

The read endpoints (``resultaat.api.views.OndersteuningsplanViewSet``) get their writes here, calling the
same services as the web pages: ``POST`` a new version (concept), ``PUT`` the content of a concept,
``POST .../akkoord/`` the client's agreement. Signals too: a provider reports one (``POST``), a consulent
of the client's gemeente records the follow-up (``POST .../opvolging/``). A service's Dutch
``ValidationError`` becomes a 400.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from resultaat.api import serializers as s
from resultaat.api import views
from resultaat.catalogus.models import Subresultaat
from resultaat.clienten.models import Client
from resultaat.core.api.permissions import AANBIEDER, CONSULENT
from resultaat.core.api.rollen import RollenPerActie
from resultaat.core.api.serializers import NIET_GEVONDEN
from resultaat.core.api.viewsets import invoer
from resultaat.ondersteuning import services
from resultaat.ondersteuning.models import (
    AkkoordWijze,
    Ondersteuningsplan,
    PlusSoort,
    Regiefrequentie,
    Signaal,
    SignaalSoort,
    SignaalStatus,
    SocialeKaartVoorziening,
    Uitvoerder,
)
from resultaat.toewijzingen.models import Toewijzing


class PlanActiviteitInvoerSerializer(serializers.Serializer):
    wat = serializers.CharField()
    hoe_vaak = serializers.CharField(max_length=100, help_text="Bijvoorbeeld: elke week.")
    door = serializers.ChoiceField(choices=Uitvoerder.choices, default=Uitvoerder.AANBIEDER)


class PlanDoelInvoerSerializer(serializers.Serializer):
    doel = serializers.CharField()
    subresultaat = serializers.PrimaryKeyRelatedField(
        queryset=Subresultaat.objects.all(), allow_null=True, required=False, default=None
    )
    activiteiten = PlanActiviteitInvoerSerializer(many=True, required=False, default=list)


class PlusAfspraakInvoerSerializer(serializers.Serializer):
    soort = serializers.ChoiceField(choices=PlusSoort.choices)
    omschrijving = serializers.CharField()
    voorziening = serializers.PrimaryKeyRelatedField(
        queryset=SocialeKaartVoorziening.objects.all(),
        allow_null=True,
        required=False,
        default=None,
        help_text="Id van een voorziening op de sociale kaart van de gemeente van de cliënt.",
    )


class PlanInhoudSerializer(serializers.Serializer):
    regiefrequentie = serializers.ChoiceField(
        choices=Regiefrequentie.choices, default=Regiefrequentie.HALFJAAR
    )
    evaluatiedatum = serializers.DateField(required=False, allow_null=True, default=None)
    toelichting = serializers.CharField(required=False, allow_blank=True, default="")
    doelen = PlanDoelInvoerSerializer(many=True, required=False, default=list)
    plus_afspraken = PlusAfspraakInvoerSerializer(many=True, required=False, default=list)


class PlanNieuwSerializer(PlanInhoudSerializer):
    toewijzing = serializers.IntegerField(help_text="Id van een toewijzing van uw organisatie.")


class PlanAkkoordSerializer(serializers.Serializer):
    akkoord_op = serializers.DateField(help_text="De dag waarop de cliënt instemde; niet in de toekomst.")
    akkoord_wijze = serializers.ChoiceField(choices=AkkoordWijze.choices)


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


class OndersteuningsplanViewSet(views.OndersteuningsplanViewSet):
    """Ondersteuningsplannen with goals, activities and the Plus; a provider sees only its own and writes
    the plans of its own toewijzingen: a new version, the content of a concept, the client's agreement.
    An agreed version is never changed (400)."""

    schrijf_rollen = AANBIEDER

    @extend_schema(
        summary="Nieuwe versie (concept) van het ondersteuningsplan",
        request=PlanNieuwSerializer,
        responses={201: s.OndersteuningsplanSerializer},
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = invoer(PlanNieuwSerializer, request)
        toewijzing = Toewijzing.objects.for_user(request.user).filter(pk=data["toewijzing"]).first()
        if toewijzing is None:
            raise serializers.ValidationError(
                {"toewijzing": ["Geen toewijzing van uw organisatie met dit id."]}
            )
        plan = services.maak_plan(door=request.user, toewijzing=toewijzing, invoer=_invoer(data))
        return _antwoord(plan, request, status.HTTP_201_CREATED)

    @extend_schema(
        summary="Inhoud van een concept vervangen",
        request=PlanInhoudSerializer,
        responses={200: s.OndersteuningsplanSerializer},
    )
    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        plan = self.get_object()
        plan = services.wijzig_plan(
            door=request.user, plan=plan, invoer=_invoer(invoer(PlanInhoudSerializer, request))
        )
        return _antwoord(plan, request)

    @extend_schema(
        summary="Akkoord van de cliënt vastleggen",
        request=PlanAkkoordSerializer,
        responses={200: s.OndersteuningsplanSerializer},
    )
    @action(detail=True, methods=["post"])
    def akkoord(self, request: Request, pk: str | None = None) -> Response:
        plan = self.get_object()
        data = invoer(PlanAkkoordSerializer, request)
        plan = services.leg_akkoord_vast(
            door=request.user, plan=plan, akkoord_op=data["akkoord_op"], akkoord_wijze=data["akkoord_wijze"]
        )
        return _antwoord(plan, request)


# --- Signalen ------------------------------------------------------------------------------------------


class SignaalInvoerSerializer(serializers.Serializer):
    client = serializers.IntegerField(help_text="Id van een cliënt van uw organisatie (niet het BSN).")
    toewijzing = serializers.IntegerField(
        required=False,
        allow_null=True,
        default=None,
        help_text="Id van de toewijzing van deze cliënt waar het signaal bij hoort (mag leeg).",
    )
    soort = serializers.ChoiceField(choices=SignaalSoort.choices)
    toelichting = serializers.CharField(help_text="Wat u heeft gezien of gehoord; feiten.")


class OpvolgingInvoerSerializer(serializers.Serializer):
    status = serializers.ChoiceField(
        choices=[
            (SignaalStatus.IN_BEHANDELING, SignaalStatus.IN_BEHANDELING.label),
            (SignaalStatus.AFGEHANDELD, SignaalStatus.AFGEHANDELD.label),
        ],
        help_text="Afgehandeld sluit de taak op de werklijst; daarna verandert het signaal niet meer.",
    )
    opvolging = serializers.CharField(
        help_text="Interne aantekening van de gemeente; de aanbieder ziet die niet."
    )
    terugkoppeling = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text="Kort en zonder gevoelige details: de aanbieder ziet deze tekst bij het signaal.",
    )


class SignaalViewSet(RollenPerActie, mixins.CreateModelMixin, views.SignaalViewSet):
    """Signals a provider reported; a provider sees only its own. A provider reports a signal about one of
    its own clients (it lands on the consulent's worklist); a consulent of the client's gemeente records the
    follow-up. The provider sees the status and the terugkoppeling, never the internal opvolging."""

    schrijf_rollen = AANBIEDER
    actie_rollen = {"create": AANBIEDER, "opvolging": CONSULENT}

    def _antwoord(self, signaal: Signaal, code: int = status.HTTP_200_OK) -> Response:
        signaal = self.scoped().get(pk=signaal.pk)
        return Response(s.SignaalSerializer(signaal, context={"request": self.request}).data, status=code)

    @extend_schema(
        summary="Signaal melden",
        description="Alleen voor een aanbieder, over een cliënt met een toewijzing aan de eigen organisatie.",
        request=SignaalInvoerSerializer,
        responses={
            201: s.SignaalSerializer,
            400: OpenApiResponse(description="De melding staat bij het veld."),
            403: OpenApiResponse(description="Alleen een aanbieder meldt een signaal."),
        },
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = invoer(SignaalInvoerSerializer, request)
        client = Client.objects.for_user(request.user).filter(pk=data["client"]).first()
        if client is None:
            raise serializers.ValidationError({"client": ["Kies een cliënt van uw eigen organisatie."]})
        toewijzing = None
        if data["toewijzing"] is not None:
            toewijzing = Toewijzing.objects.for_user(request.user).filter(pk=data["toewijzing"]).first()
            if toewijzing is None:
                raise serializers.ValidationError(
                    {"toewijzing": ["Geen toewijzing van uw organisatie met dit id."]}
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
        request=OpvolgingInvoerSerializer,
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
        data = invoer(OpvolgingInvoerSerializer, request)
        services.volg_signaal_op(door=request.user, signaal=signaal, **data)
        return self._antwoord(signaal)

"""The endpoints of /api/v1/. Thin: rows come from ``for_user`` QuerySets, writes go through services."""

from __future__ import annotations

from typing import Any

from django.db.models import F, Prefetch, QuerySet
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle

from resultaat.api import serializers as s
from resultaat.clienten.models import Client
from resultaat.clienten.services import auditspoor, registreer_client, zoek_op_bsn
from resultaat.core.api.permissions import AUDIT, CLIENT_REGISTRATIE, GEMEENTE
from resultaat.core.api.serializers import NIET_GEVONDEN
from resultaat.core.api.viewsets import (
    AANBIEDER_FILTER,
    GEMEENTE_FILTER,
    STATUS_FILTER,
    AlleenLezen,
    Filter,
    met_filters,
)
from resultaat.core.audit.models import Actie, AuditEvent, record
from resultaat.ondersteuning.models import Evaluatie, Ondersteuningsplan, PlanDoel, Signaal
from resultaat.toegang.models import Aanvraag, Beschikking, BeschiktResultaat, Melding, Onderzoek
from resultaat.toewijzingen.models import Levering, Toewijzing
from resultaat.werklijst.models import WerklijstItem

# --- Organisations and catalogue: reference data, the same for every user ---------------------------


# --- Clients -------------------------------------------------------------------------------------------


@met_filters(gemeente=GEMEENTE_FILTER)
@extend_schema_view(
    list=extend_schema(responses=s.ClientLijstSerializer(many=True)),
    create=extend_schema(
        summary="Cliënt registreren",
        description="Alleen voor een consulent of beheerder, in een van de eigen gemeenten.",
        request=s.ClientRegistratieSerializer,
        responses={201: s.ClientSerializer},
    ),
)
class ClientViewSet(mixins.CreateModelMixin, AlleenLezen):
    """Clients. The BSN is in the body of a response, never in a URL: search with POST /clienten/zoeken/.

    A list shows the BSN masked; one client (retrieve, search) shows it in full, and that read is
    written to the audit trail, as on the web client page."""

    queryset = Client.objects.all()
    serializer_class = s.ClientSerializer
    schrijf_rollen = CLIENT_REGISTRATIE
    lees_acties = frozenset({"zoeken"})

    def scoped(self) -> QuerySet[Any]:
        return Client.objects.for_user(self.request.user).select_related("gemeente")

    def get_serializer_class(self) -> type[s.ClientSerializer]:
        return s.ClientLijstSerializer if self.action == "list" else s.ClientSerializer

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        client = self.get_object()
        record([client], Actie.GELEZEN)
        return Response(s.ClientSerializer(client).data)

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        invoer = s.ClientRegistratieSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        client = registreer_client(door=request.user, **invoer.validated_data)
        return Response(s.ClientSerializer(client).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Cliënt zoeken op BSN",
        description=(
            "Het BSN staat in de body, nooit in de URL. Een BSN dat niet aan de elfproef voldoet geeft 400 "
            "met een foutmelding bij het veld `bsn`; een cliënt die niet bestaat of die u niet mag zien "
            "geeft 404 (dezelfde 404: het antwoord verraadt niet of de cliënt elders bestaat)."
        ),
        request=s.BsnZoekSerializer,
        responses={
            200: s.ClientSerializer,
            400: OpenApiResponse(description="Ongeldig BSN."),
            404: NIET_GEVONDEN,
        },
        examples=[OpenApiExample("Zoeken", value={"bsn": "999993653"}, request_only=True)],
    )
    @action(detail=False, methods=["post"], pagination_class=None)
    def zoeken(self, request: Request) -> Response:
        invoer = s.BsnZoekSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        client = zoek_op_bsn(door=request.user, bsn=invoer.validated_data["bsn"])
        if client is None:
            return Response({"detail": "Geen cliënt gevonden met dit BSN."}, status=status.HTTP_404_NOT_FOUND)
        record([client], Actie.GELEZEN)
        return Response(s.ClientSerializer(client).data)


# --- Toegang: the gemeente's own working files, never visible to providers ----------------------------


@met_filters(gemeente=GEMEENTE_FILTER, status=STATUS_FILTER)
class MeldingViewSet(AlleenLezen):
    """Meldingen (requests for support). Only for gemeente staff, rows of their gemeenten."""

    queryset = Melding.objects.all()
    serializer_class = s.MeldingSerializer
    lees_rollen = GEMEENTE

    def scoped(self) -> QuerySet[Any]:
        return Melding.objects.for_user(self.request.user).select_related("gemeente", "consulent")


@met_filters(gemeente=Filter("client__gemeente__code", GEMEENTE_FILTER.omschrijving))
class OnderzoekViewSet(AlleenLezen):
    """Onderzoeken (keukentafelgesprek) with ZRM scores and chosen results. Only for gemeente staff."""

    queryset = Onderzoek.objects.all()
    serializer_class = s.OnderzoekSerializer
    lees_rollen = GEMEENTE

    def scoped(self) -> QuerySet[Any]:
        return (
            Onderzoek.objects.for_user(self.request.user)
            .select_related("consulent")
            .prefetch_related("zrm_scores", "resultaten__resultaat", "resultaten__subresultaten")
            .prefetch_related("resultaten__aandachtspunten")
            .order_by("-pk")
        )


@met_filters(gemeente=GEMEENTE_FILTER, status=STATUS_FILTER)
class AanvraagViewSet(AlleenLezen):
    """Aanvragen (formal applications) with their decision deadline. Only for gemeente staff."""

    queryset = Aanvraag.objects.all()
    serializer_class = s.AanvraagSerializer
    lees_rollen = GEMEENTE

    def scoped(self) -> QuerySet[Any]:
        return Aanvraag.objects.for_user(self.request.user).select_related("gemeente")


@met_filters(gemeente=GEMEENTE_FILTER, besluit=Filter("besluit", "Besluit: toegekend, deels of afgewezen."))
class BeschikkingViewSet(AlleenLezen):
    """Beschikkingen; a provider sees those it delivers under, with only the results it delivers."""

    queryset = Beschikking.objects.all()
    serializer_class = s.BeschikkingSerializer

    def scoped(self) -> QuerySet[Any]:
        user = self.request.user
        resultaten = BeschiktResultaat.objects.select_related("resultaat", "complexiteit", "intensiteit")
        if user.is_aanbieder_user:  # type: ignore[union-attr]
            resultaten = resultaten.filter(toewijzingen__aanbieder_id=user.aanbieder_id).distinct()  # type: ignore[union-attr]
        return (
            Beschikking.objects.for_user(user)
            .select_related("gemeente")
            .prefetch_related(Prefetch("resultaten", resultaten.order_by("pk")), "resultaten__subresultaten")
            .order_by("-besluitdatum", "-pk")
        )


# --- Toewijzingen, leveringen and the provider's side -------------------------------------------------


@met_filters(gemeente=GEMEENTE_FILTER, aanbieder=AANBIEDER_FILTER)
class ToewijzingViewSet(AlleenLezen):
    """Toewijzingen with their versions and leveringen; a provider sees only its own."""

    queryset = Toewijzing.objects.all()
    serializer_class = s.ToewijzingSerializer

    def scoped(self) -> QuerySet[Any]:
        return (
            Toewijzing.objects.for_user(self.request.user)
            .select_related("gemeente", "aanbieder")
            .prefetch_related("versies", "leveringen")
            .order_by("-ingangsdatum", "-nummer", "-pk")
        )


@met_filters(
    gemeente=Filter("toewijzing__gemeente__code", GEMEENTE_FILTER.omschrijving),
    aanbieder=Filter("toewijzing__aanbieder__agb_code", AANBIEDER_FILTER.omschrijving),
)
class LeveringViewSet(AlleenLezen):
    """Leveringen (start, temporary stop and stop of delivery); a provider sees only its own."""

    queryset = Levering.objects.all()
    serializer_class = s.LeveringSerializer

    def scoped(self) -> QuerySet[Any]:
        return Levering.objects.for_user(self.request.user).order_by("toewijzing", "begindatum", "pk")


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


@met_filters(gemeente=GEMEENTE_FILTER, status=STATUS_FILTER, soort=Filter("soort", "Soort werklijstitem."))
class WerklijstViewSet(AlleenLezen):
    """The consulent's worklist. Only for gemeente staff, rows of their gemeenten."""

    queryset = WerklijstItem.objects.all()
    serializer_class = s.WerklijstItemSerializer
    lees_rollen = GEMEENTE

    def scoped(self) -> QuerySet[Any]:
        return (
            WerklijstItem.objects.for_user(self.request.user)
            .select_related("gemeente", "toegewezen_aan", "content_type")
            .order_by(F("uiterlijk").asc(nulls_last=True), "aangemaakt_op", "pk")
        )


@met_filters(
    actie=Filter("actie", "aangemaakt, gewijzigd, verwijderd of gelezen."),
    client=Filter("client_id", "Id van de cliënt (niet het BSN)."),
)
class AuditEventViewSet(AlleenLezen):
    """The audit trail: only for the privacy officer / auditor (and superusers)."""

    queryset = AuditEvent.objects.all()
    serializer_class = s.AuditEventSerializer
    lees_rollen = AUDIT

    def scoped(self) -> QuerySet[Any]:
        return auditspoor(self.request.user).select_related("content_type")


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

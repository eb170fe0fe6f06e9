"""Clients in the API (list, one client, registration, search by BSN) and the audit trail of their data."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from resultaat.clienten.api import serializers as s
from resultaat.clienten.models import Client
from resultaat.clienten.services import auditspoor, registreer_client, zoek_op_bsn
from resultaat.core.api.permissions import AUDIT, CLIENT_REGISTRATIE
from resultaat.core.api.serializers import NIET_GEVONDEN
from resultaat.core.api.viewsets import GEMEENTE_FILTER, AlleenLezen, Filter, met_filters
from resultaat.core.audit.models import AuditEvent


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

    A list shows the BSN masked; one client (retrieve, search) shows it in full. Every client on a
    page of the list, each one retrieved and each search is written to the access log."""

    queryset = Client.objects.all()
    serializer_class = s.ClientSerializer
    schrijf_rollen = CLIENT_REGISTRATIE
    lees_acties = frozenset({"zoeken"})

    def scoped(self) -> QuerySet[Any]:
        return Client.objects.for_user(self.request.user).select_related("gemeente")

    def get_serializer_class(self) -> type[s.ClientSerializer]:
        return s.ClientLijstSerializer if self.action == "list" else s.ClientSerializer

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return Response(s.ClientSerializer(self.get_object()).data)  # the read is logged by get_object

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
        return Response(s.ClientSerializer(client).data)


@met_filters(
    actie=Filter(
        "actie",
        "aangemaakt, gewijzigd, verwijderd, gelezen, gezocht, geexporteerd, afgedrukt of gebeurtenis.",
    ),
    client=Filter("client_id", "Id van de cliënt (niet het BSN)."),
)
class AuditEventViewSet(AlleenLezen):
    """The audit trail: only for the privacy officer / auditor (and superusers)."""

    queryset = AuditEvent.objects.all()
    serializer_class = s.AuditEventSerializer
    lees_rollen = AUDIT

    def scoped(self) -> QuerySet[Any]:
        return auditspoor(self.request.user).select_related("content_type")

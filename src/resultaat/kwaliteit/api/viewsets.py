"""The quality component in the API: surveys, complaints, and the figures per provider.

Reads are scoped as on the pages: gemeente staff see their gemeenten's rows, a provider only its own,
and a provider's survey rows carry neither client nor toewijzing. Writes go through the same services
as the pages: ``POST enquetes/`` records answers taken by phone or at a home visit (gemeente only; the
resident's answers are never changed), ``POST klachten/`` registers a complaint, ``POST
klachten/{id}/stap/`` and ``.../afhandelen/`` handle it. A service's Dutch error becomes a 400.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from resultaat.catalogus.models import Product
from resultaat.clienten.models import Client
from resultaat.core.api.permissions import AANBIEDER, CONSULENT
from resultaat.core.api.rollen import RollenPerActie
from resultaat.core.api.serializers import NIET_GEVONDEN
from resultaat.core.api.viewsets import (
    AANBIEDER_FILTER,
    GEMEENTE_FILTER,
    STATUS_FILTER,
    AlleenLezen,
    BasisViewSet,
    eigen,
    invoer,
    met_filters,
)
from resultaat.core.rollen import Rol
from resultaat.kwaliteit.api import serializers as s
from resultaat.kwaliteit.models import Enquete, Klacht, KlachtStap
from resultaat.kwaliteit.services import enquete_cijfers, enquetes, klachten, wachttijden
from resultaat.organisaties.models import Aanbieder, Gemeente
from resultaat.toewijzingen.models import Toewijzing

CONTRACTMANAGER = frozenset({str(Rol.CONTRACTMANAGER)})
KWALITEIT_GEMEENTE = CONSULENT | CONTRACTMANAGER
KWALITEIT_LEZEN = KWALITEIT_GEMEENTE | AANBIEDER

PERIODE = [
    OpenApiParameter(
        "van", dt.date, OpenApiParameter.QUERY, description="Eerste dag (standaard een jaar terug)."
    ),
    OpenApiParameter(
        "tot", dt.date, OpenApiParameter.QUERY, description="Dag na de laatste dag (standaard morgen)."
    ),
]


def _periode(request: Request) -> tuple[dt.date, dt.date]:
    morgen = timezone.localdate() + dt.timedelta(days=1)
    waarden: dict[str, dt.date] = {}
    for naam, standaard in (("van", morgen - dt.timedelta(days=366)), ("tot", morgen)):
        tekst = request.query_params.get(naam, "")
        try:
            waarden[naam] = dt.date.fromisoformat(tekst) if tekst else standaard
        except ValueError:
            raise ValidationError({naam: ["Geef een datum als JJJJ-MM-DD."]}) from None
    if waarden["tot"] <= waarden["van"]:
        raise ValidationError({"tot": ["'tot' moet na 'van' liggen."]})
    return waarden["van"], waarden["tot"]


def _scope(user: Any) -> dict[str, Any]:
    if user.is_superuser:
        return {}
    if user.is_aanbieder_user:
        return {"aanbieder_ids": [user.aanbieder_id]}
    return {"gemeente_ids": list(user.gemeenten.values_list("pk", flat=True))}


# --- Tevredenheidsonderzoek -------------------------------------------------------------------------------


@met_filters(aanbieder=AANBIEDER_FILTER, gemeente=GEMEENTE_FILTER)
class EnqueteViewSet(RollenPerActie, AlleenLezen):
    """Satisfaction surveys with the resident's answers; a provider sees its own, without the client.
    Gemeente staff (consulent, contract manager) record answers taken by phone or at a home visit."""

    queryset = Enquete.objects.all()
    serializer_class = s.EnqueteSerializer
    lees_rollen = KWALITEIT_LEZEN
    schrijf_rollen = KWALITEIT_GEMEENTE

    def get_serializer_class(self) -> Any:
        if getattr(self.request.user, "is_aanbieder_user", False):
            return s.EnqueteAanbiederSerializer
        return s.EnqueteSerializer

    def scoped(self) -> QuerySet[Any]:
        return (
            Enquete.objects.for_user(self.request.user)
            .select_related("gemeente", "aanbieder", "ingevoerd_door")
            .order_by("-verzonden_op", "-pk")
        )

    @extend_schema(
        summary="Antwoorden vastleggen (telefonisch of huisbezoek)",
        request=s.EnqueteInvoerSerializer,
        responses={
            201: s.EnqueteSerializer,
            400: OpenApiResponse(description="De melding staat bij het veld."),
            403: OpenApiResponse(description="Alleen de gemeente van de cliënt legt antwoorden vast."),
        },
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = invoer(s.EnqueteInvoerSerializer, request)
        toewijzing = eigen(
            Toewijzing.objects.for_user(request.user),
            data["toewijzing"],
            "toewijzing",
            "Geen toewijzing van uw gemeente met dit id.",
        )
        open_enquete = Enquete.objects.filter(toewijzing=toewijzing).open_op(timezone.now()).first()
        enquete = enquetes.leg_antwoorden_vast(
            door=request.user,
            afname=data["afname"],
            antwoorden=enquetes.Antwoorden(
                cijfer=data["cijfer"],
                resultaat=data["resultaat"],
                respect=data["respect"],
                betrouwbaar=data["betrouwbaar"],
                aanraden=data["aanraden"],
                toelichting=data["toelichting"],
            ),
            toewijzing=None if open_enquete else toewijzing,
            enquete=open_enquete,
            datum=data.get("datum"),
        )
        return Response(
            s.EnqueteSerializer(self.scoped().get(pk=enquete.pk)).data, status=status.HTTP_201_CREATED
        )


class CijfersViewSet(BasisViewSet):
    """Figures per provider: aggregates, no rows of client data (so neither paged nor logged per row)."""

    lees_rollen = CONTRACTMANAGER | AANBIEDER
    queryset = Aanbieder.objects.all()
    pagination_class = None  # type: ignore[assignment]  # one row per provider (and product): bounded

    def scoped(self) -> QuerySet[Any]:
        return Aanbieder.objects.for_user(self.request.user)


class TevredenheidViewSet(CijfersViewSet):
    """Survey figures per provider over a period (by the day a survey was sent or taken): sent,
    answered, response rate, average grade and the answers per question. A provider gets its own row."""

    @extend_schema(
        summary="Tevredenheid per aanbieder",
        parameters=PERIODE,
        responses=s.TevredenheidSerializer(many=True),
    )
    def list(self, request: Request) -> Response:
        van, tot = _periode(request)
        rijen = enquete_cijfers(van, tot, **_scope(request.user))
        agb = dict(
            Aanbieder.objects.filter(pk__in=[r.aanbieder_id for r in rijen]).values_list("pk", "agb_code")
        )
        namen = dict(Aanbieder.objects.filter(pk__in=agb).values_list("pk", "naam"))
        data = [
            {
                **{k: v for k, v in s.as_dict(r).items() if k not in ("aanbieder_id", "maand")},
                "aanbieder": agb[r.aanbieder_id],
                "naam": namen[r.aanbieder_id],
                "respons": r.respons,
            }
            for r in rijen
        ]
        return Response(s.TevredenheidSerializer(data, many=True).data)


class WachtlijstViewSet(CijfersViewSet):
    """Waiting per provider and product: waiting now (no start yet) and the wait of those who started in
    the period (toewijzing date to first day of delivery), beside the capacity the provider reported."""

    @extend_schema(
        summary="Wachtlijst per aanbieder en product",
        parameters=PERIODE,
        responses=s.WachttijdSerializer(many=True),
    )
    def list(self, request: Request) -> Response:
        van, tot = _periode(request)
        rijen = wachttijden(van, tot, **_scope(request.user))
        agb = dict(
            Aanbieder.objects.filter(pk__in={r.aanbieder_id for r in rijen}).values_list("pk", "agb_code")
        )
        producten = {
            p.pk: f"{p.categorie}{p.code}"
            for p in Product.objects.filter(pk__in={r.product_id for r in rijen})
        }
        data = [
            {
                **{k: v for k, v in s.as_dict(r).items() if k not in ("aanbieder_id", "product_id")},
                "aanbieder": agb[r.aanbieder_id],
                "product": producten[r.product_id],
            }
            for r in rijen
        ]
        return Response(s.WachttijdSerializer(data, many=True).data)


# --- Klachten ---------------------------------------------------------------------------------------------


@met_filters(aanbieder=AANBIEDER_FILTER, gemeente=GEMEENTE_FILTER, status=STATUS_FILTER)
class KlachtViewSet(RollenPerActie, mixins.CreateModelMixin, AlleenLezen):
    """Complaints about providers with their handling; a provider reads the complaints about itself.
    Gemeente staff (consulent, contract manager) register them, record steps and close them."""

    queryset = Klacht.objects.all()
    serializer_class = s.KlachtSerializer
    lees_rollen = KWALITEIT_LEZEN
    schrijf_rollen = KWALITEIT_GEMEENTE

    def scoped(self) -> QuerySet[Any]:
        return (
            Klacht.objects.for_user(self.request.user)
            .select_related("gemeente", "aanbieder")
            .prefetch_related(
                Prefetch("stappen", KlachtStap.objects.select_related("door").order_by("datum", "pk"))
            )
            .order_by("-ontvangen_op", "-pk")
        )

    def _antwoord(self, klacht: Klacht, code: int = status.HTTP_200_OK) -> Response:
        return Response(s.KlachtSerializer(self.scoped().get(pk=klacht.pk)).data, status=code)

    @extend_schema(
        summary="Klacht registreren",
        request=s.KlachtInvoerSerializer,
        responses={
            201: s.KlachtSerializer,
            400: OpenApiResponse(description="De melding staat bij het veld."),
        },
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = invoer(s.KlachtInvoerSerializer, request)
        user: Any = request.user
        aanbieder = Aanbieder.objects.for_user(user).filter(agb_code=data["aanbieder"]).first()
        if aanbieder is None:
            raise ValidationError(
                {"aanbieder": ["Geen aanbieder met een contract bij uw gemeente met deze AGB-code."]}
            )
        client = None
        if data["client"] is not None:
            client = eigen(
                Client.objects.for_user(user),
                data["client"],
                "client",
                "Geen cliënt van uw gemeente met dit id.",
            )
        if client is not None:
            gemeente = client.gemeente
        else:
            gemeenten = Gemeente.objects.all() if user.is_superuser else user.gemeenten.all()
            if data["gemeente"]:
                gemeenten = gemeenten.filter(code=data["gemeente"])
            if gemeenten.count() != 1:
                raise ValidationError({"gemeente": ["Geef de CBS-code van een van uw gemeenten."]})
            gemeente = gemeenten.get()
        klacht = klachten.registreer(
            door=user,
            gemeente=gemeente,
            aanbieder=aanbieder,
            client=client,
            ontvangen_op=data["ontvangen_op"],
            indiener=data["indiener"],
            categorie=data["categorie"],
            onderwerp=data["onderwerp"],
            omschrijving=data["omschrijving"],
        )
        return self._antwoord(klacht, status.HTTP_201_CREATED)

    @extend_schema(
        summary="Stap in de afhandeling vastleggen",
        request=s.KlachtStapInvoerSerializer,
        responses={
            200: s.KlachtSerializer,
            400: OpenApiResponse(description="De melding staat bij het veld."),
            404: NIET_GEVONDEN,
        },
    )
    @action(detail=True, methods=["post"])
    def stap(self, request: Request, pk: str | None = None) -> Response:
        klacht = self.get_object()
        data = invoer(s.KlachtStapInvoerSerializer, request)
        klachten.leg_stap_vast(door=request.user, klacht=klacht, **data)
        return self._antwoord(klacht)

    @extend_schema(
        summary="Klacht afhandelen",
        request=s.AfhandelenInvoerSerializer,
        responses={
            200: s.KlachtSerializer,
            400: OpenApiResponse(description="De melding staat bij het veld."),
            404: NIET_GEVONDEN,
        },
    )
    @action(detail=True, methods=["post"])
    def afhandelen(self, request: Request, pk: str | None = None) -> Response:
        klacht = self.get_object()
        data = invoer(s.AfhandelenInvoerSerializer, request)
        klachten.handel_af(door=request.user, klacht=klacht, **data)
        return self._antwoord(klacht)

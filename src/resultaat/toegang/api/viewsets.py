"""Toegang in the API: every step of the web UI as an endpoint, calling the same services.

Melding, onderzoek, aanvraag and beschikking are read as in the web UI, with their write actions on the
same viewset; indicaties are a resource of their own (a provider sees those it was asked to propose under
mandate). A service's Dutch ``ValidationError`` becomes a 400 with the message at its field.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Prefetch, QuerySet
from django.http import Http404, HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from resultaat.brieven.render import pdf
from resultaat.clienten.models import Client
from resultaat.core.api.permissions import CONSULENT, CONSULENT_OF_AANBIEDER, GEMEENTE
from resultaat.core.api.viewsets import (
    GEMEENTE_FILTER,
    STATUS_FILTER,
    AlleenLezen,
    BasisViewSet,
    Filter,
    invoer,
    met_filters,
)
from resultaat.core.audit.models import Actie
from resultaat.toegang import awb, bekendmaking, services
from resultaat.toegang.api import serializers as s
from resultaat.toegang.brieven import beschikking_pdf, verdagingsbrief_html
from resultaat.toegang.models import Aanvraag, Beschikking, BeschiktResultaat, Indicatie, Melding, Onderzoek
from resultaat.toewijzingen.api.serializers import ToewijzingSerializer
from resultaat.toewijzingen.models import Toewijzing
from resultaat.toewijzingen.services import wissel_aanbieder


@met_filters(gemeente=GEMEENTE_FILTER, status=STATUS_FILTER)
class MeldingViewSet(mixins.CreateModelMixin, AlleenLezen):
    """Meldingen (requests for support) with their deadline and pauses. Only for gemeente staff; a consulent
    registers a melding (onderzoek due within six weeks), pauses it and records the onderzoek."""

    queryset = Melding.objects.all()
    serializer_class = s.MeldingMetOpschortingenSerializer
    lees_rollen = GEMEENTE
    schrijf_rollen = CONSULENT

    def scoped(self) -> QuerySet[Any]:
        return (
            Melding.objects.for_user(self.request.user)
            .select_related("gemeente", "consulent")
            .prefetch_related("opschortingen")
        )

    @extend_schema(
        summary="Melding vastleggen",
        request=s.MeldingInvoerSerializer,
        responses={201: s.MeldingMetOpschortingenSerializer},
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = invoer(s.MeldingInvoerSerializer, request)
        client = Client.objects.for_user(request.user).filter(pk=data.pop("client")).first()
        if client is None:
            return Response({"client": ["Onbekende cliënt."]}, status=status.HTTP_400_BAD_REQUEST)
        melding = services.registreer_melding(door=request.user, client=client, **data)
        return Response(s.MeldingMetOpschortingenSerializer(melding).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Termijn opschorten",
        request=s.OpschortingSerializer,
        responses={201: s.MeldingMetOpschortingenSerializer},
    )
    @action(detail=True, methods=["post"])
    def opschorten(self, request: Request, pk: str | None = None) -> Response:
        melding = self.get_object()
        data = invoer(s.OpschortingSerializer, request)
        services.schort_op(door=request.user, melding=melding, **data)
        melding.refresh_from_db()
        return Response(s.MeldingMetOpschortingenSerializer(melding).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Onderzoekstermijn verlengen in overleg met de cliënt",
        description="Wmo 2015 art. 2.3.2: alleen met instemming van de cliënt en vóór het einde van de "
        "termijn; er gaat geen verdagingsbrief uit (Awb 4:14 geldt niet voor een melding).",
        request=s.OnderzoekVerlengingSerializer,
        responses={201: s.MeldingMetOpschortingenSerializer},
    )
    @action(detail=True, methods=["post"])
    def verlenging(self, request: Request, pk: str | None = None) -> Response:
        melding = self.get_object()
        awb.verleng_onderzoek(
            door=request.user, melding=melding, **invoer(s.OnderzoekVerlengingSerializer, request)
        )
        melding.refresh_from_db()
        return Response(s.MeldingMetOpschortingenSerializer(melding).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Aanvraag zonder verslag na de onderzoekstermijn",
        description="Wmo 2015 art. 2.3.2 lid 9: het onderzoek is niet binnen de termijn klaar; de cliënt "
        "vraagt direct aan. De beslistermijn van twee weken begint.",
        request=s.AanvraagInvoerSerializer,
        responses={201: s.AanvraagMetOpschortingenSerializer},
    )
    @action(detail=True, methods=["post"], url_path="aanvraag")
    def aanvraag_na_termijn(self, request: Request, pk: str | None = None) -> Response:
        melding = self.get_object()
        aanvraag = awb.registreer_aanvraag_na_onderzoekstermijn(
            door=request.user, melding=melding, **invoer(s.AanvraagInvoerSerializer, request)
        )
        return Response(s.AanvraagMetOpschortingenSerializer(aanvraag).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Onderzoeksverslag vastleggen",
        request=s.OnderzoekInvoerSerializer,
        responses={200: s.OnderzoekSerializer},
    )
    @action(detail=True, methods=["post"])
    def onderzoek(self, request: Request, pk: str | None = None) -> Response:
        melding = self.get_object()
        data = invoer(s.OnderzoekInvoerSerializer, request)
        zrm = {z["domein"]: (z["niveau"], z["toelichting"]) for z in data.pop("zrm", [])}
        gekozen = [
            services.GekozenResultaat(
                r["resultaat"], r.get("subresultaten", []), r.get("aandachtspunten", []), r["anders_namelijk"]
            )
            for r in data.pop("resultaten", [])
        ]
        onderzoek = services.leg_onderzoek_vast(
            door=request.user, melding=melding, zrm=zrm, resultaten=gekozen, **data
        )
        return Response(s.OnderzoekSerializer(onderzoek).data)


@met_filters(gemeente=Filter("client__gemeente__code", GEMEENTE_FILTER.omschrijving))
class OnderzoekViewSet(AlleenLezen):
    """Onderzoeken (keukentafelgesprek) with ZRM scores and chosen results. Only for gemeente staff; after the
    onderzoek a consulent registers the aanvraag (decision due within two weeks)."""

    queryset = Onderzoek.objects.all()
    serializer_class = s.OnderzoekSerializer
    lees_rollen = GEMEENTE
    schrijf_rollen = CONSULENT

    def scoped(self) -> QuerySet[Any]:
        return (
            Onderzoek.objects.for_user(self.request.user)
            .select_related("consulent")
            .prefetch_related("zrm_scores", "resultaten__resultaat", "resultaten__subresultaten")
            .prefetch_related("resultaten__aandachtspunten")
            .order_by("-pk")
        )

    @extend_schema(
        summary="Aanvraag vastleggen",
        request=s.AanvraagInvoerSerializer,
        responses={201: s.AanvraagMetOpschortingenSerializer},
    )
    @action(detail=True, methods=["post"])
    def aanvraag(self, request: Request, pk: str | None = None) -> Response:
        onderzoek = self.get_object()
        aanvraag = services.registreer_aanvraag(
            door=request.user, onderzoek=onderzoek, **invoer(s.AanvraagInvoerSerializer, request)
        )
        return Response(s.AanvraagMetOpschortingenSerializer(aanvraag).data, status=status.HTTP_201_CREATED)


@met_filters(gemeente=GEMEENTE_FILTER, status=STATUS_FILTER)
class AanvraagViewSet(AlleenLezen):
    """Aanvragen with their decision deadline and pauses. Only for gemeente staff; a consulent sets the
    indicatie per result, pauses the deadline and decides (toekennen or afwijzen)."""

    queryset = Aanvraag.objects.all()
    serializer_class = s.AanvraagMetOpschortingenSerializer
    lees_rollen = GEMEENTE
    leesacties = {"verdagingsbrief": Actie.AFGEDRUKT}
    schrijf_rollen = CONSULENT

    def scoped(self) -> QuerySet[Any]:
        return (
            Aanvraag.objects.for_user(self.request.user)
            .select_related("gemeente")
            .prefetch_related("opschortingen")
        )

    @extend_schema(
        summary="Beslistermijn opschorten",
        request=s.OpschortingSerializer,
        responses={201: s.AanvraagMetOpschortingenSerializer},
    )
    @action(detail=True, methods=["post"])
    def opschorten(self, request: Request, pk: str | None = None) -> Response:
        aanvraag = self.get_object()
        services.schort_op(door=request.user, aanvraag=aanvraag, **invoer(s.OpschortingSerializer, request))
        aanvraag.refresh_from_db()
        return Response(s.AanvraagMetOpschortingenSerializer(aanvraag).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Ingebrekestelling vastleggen",
        description="Na de beslistermijn (Awb 4:17): twee weken later loopt een dwangsom per dag.",
        request=s.IngebrekestellingSerializer,
        responses={201: s.AanvraagMetOpschortingenSerializer},
    )
    @action(detail=True, methods=["post"])
    def ingebrekestelling(self, request: Request, pk: str | None = None) -> Response:
        aanvraag = self.get_object()
        data = invoer(s.IngebrekestellingSerializer, request)
        services.registreer_ingebrekestelling(door=request.user, aanvraag=aanvraag, **data)
        aanvraag.refresh_from_db()
        return Response(s.AanvraagMetOpschortingenSerializer(aanvraag).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Beslistermijn verdagen",
        description="Awb 4:14: vóór het einde van de termijn, met de reden en een zo kort mogelijke nieuwe "
        "termijn (hoogstens acht weken erna). De cliënt krijgt een brief: "
        "`GET aanvragen/{id}/verdagingsbrief/`.",
        request=s.VerdagingSerializer,
        responses={201: s.TermijnverlengingSerializer},
    )
    @action(detail=True, methods=["post"])
    def verdaging(self, request: Request, pk: str | None = None) -> Response:
        aanvraag = self.get_object()
        verlenging = awb.verdaag_besluit(
            door=request.user, aanvraag=aanvraag, **invoer(s.VerdagingSerializer, request)
        )
        return Response(s.TermijnverlengingSerializer(verlenging).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="De laatste verdagingsbrief als PDF",
        responses={(200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY, description="De brief.")},
    )
    @action(detail=True, methods=["get"])
    def verdagingsbrief(self, request: Request, pk: str | None = None) -> HttpResponse:
        aanvraag = self.get_object()
        verlenging = aanvraag.verlengingen.order_by("-op", "-pk").first()
        if verlenging is None:
            raise Http404("Deze aanvraag is niet verdaagd.")
        response = HttpResponse(pdf(verdagingsbrief_html(verlenging)), content_type="application/pdf")
        response["Content-Disposition"] = (
            f'inline; filename="verdaging-{verlenging.kenmerk.replace(" ", "-")}.pdf"'
        )
        response["Cache-Control"] = "private, no-store"
        return response

    @extend_schema(
        summary="Indicatie vastleggen",
        description="Voor huishoudelijke ondersteuning berekent het normenkader de minuten per week; "
        "buiten elke band alleen met `handmatig` en een `motivering`.",
        request=s.IndicatieInvoerSerializer,
        responses={201: s.IndicatieSerializer},
    )
    @action(detail=True, methods=["post"])
    def indicaties(self, request: Request, pk: str | None = None) -> Response:
        aanvraag = self.get_object()
        data = invoer(s.IndicatieInvoerSerializer, request)
        keuzes = data.pop("normenkader")
        indicatie = services.leg_indicatie_vast(
            door=request.user,
            aanvraag=aanvraag,
            keuzes=keuzes,
            subresultaten=data.pop("subresultaten", []),
            **data,
        )
        return Response(s.IndicatieSerializer(indicatie).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Besluiten op de aanvraag",
        request=s.BesluitInvoerSerializer,
        responses={201: s.BeschikkingSerializer},
    )
    @action(detail=True, methods=["post"])
    def besluit(self, request: Request, pk: str | None = None) -> Response:
        aanvraag = self.get_object()
        data = invoer(s.BesluitInvoerSerializer, request)
        beschikking = services.beslis_op_aanvraag(door=request.user, aanvraag=aanvraag, **data)
        return Response(s.BeschikkingSerializer(beschikking).data, status=status.HTTP_201_CREATED)


@met_filters(
    gemeente=GEMEENTE_FILTER,
    besluit=Filter("besluit", "Besluit: toegekend, deels, afgewezen of ingetrokken."),
)
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


class BeschikkingBriefViewSet(BasisViewSet):
    """The beschikking letter as PDF (with the plan that is part of it), its sending and the plan sent
    after it, and the withdrawal of one of its results. Only for gemeente staff: the letter shows every
    result of the beschikking, also those another provider delivers."""

    queryset = Beschikking.objects.all()
    lees_rollen = GEMEENTE
    leesacties = {"brief": Actie.AFGEDRUKT}
    schrijf_rollen = CONSULENT  # the sending, the plan sent after it, the intrekking

    def scoped(self) -> QuerySet[Any]:
        return Beschikking.objects.for_user(self.request.user).select_related(
            "client", "gemeente", "aanvraag"
        )

    @extend_schema(
        summary="De brief als PDF",
        responses={(200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY, description="De brief.")},
    )
    @action(detail=True, methods=["get"])
    def brief(self, request: Request, pk: str | None = None) -> HttpResponse:
        beschikking = self.get_object()
        response = HttpResponse(beschikking_pdf(beschikking), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="beschikking-{beschikking.nummer}.pdf"'
        response["Cache-Control"] = "private, no-store"
        return response

    @extend_schema(
        summary="De verzending van de brief vastleggen",
        description="Vanaf de verzending geldt het besluit. Een ondersteuningsplan dat bij het besluit hoort "
        "en waarmee de cliënt instemde, gaat met de brief mee en wordt als bijlage vastgelegd.",
        request=s.VerzendingSerializer,
        responses={201: s.BijlageSerializer(many=True)},
    )
    @action(detail=True, methods=["post"])
    def verzending(self, request: Request, pk: str | None = None) -> Response:
        beschikking = self.get_object()
        op = invoer(s.VerzendingSerializer, request)["op"]
        bekendmaking.leg_verzending_vast(door=request.user, beschikkingen=[beschikking], op=op)
        mee = beschikking.bijlagen.filter(verzonden_op=op)
        return Response(s.BijlageSerializer(mee, many=True).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Een later afgesproken plan nasturen",
        description="Het besluit zegt dat het plan erbij hoort en de brief is al verzonden: het plan gaat "
        "met een korte brief na en wordt als bijlage vastgelegd.",
        request=s.VerzendingSerializer,
        responses={201: s.BijlageSerializer(many=True)},
    )
    @action(detail=True, methods=["post"])
    def nazending(self, request: Request, pk: str | None = None) -> Response:
        beschikking = self.get_object()
        op = invoer(s.VerzendingSerializer, request)["op"]
        nieuw = bekendmaking.stuur_bijlagen_na(door=request.user, beschikking=beschikking, op=op)
        return Response(s.BijlageSerializer(nieuw, many=True).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Een resultaat van de beschikking intrekken",
        description="Een eigen besluit (met brief en bezwaarclausule); `per` is de laatste dag van de "
        "ondersteuning. De toewijzing stopt op die dag en de aanbieder krijgt een 301.",
        request=s.IntrekkingSerializer,
        responses={201: s.BeschikkingSerializer},
    )
    @action(detail=True, methods=["post"], url_path="intrekking")
    def intrekking(self, request: Request, pk: str | None = None) -> Response:
        beschikking = self.get_object()
        data = invoer(s.IntrekkingSerializer, request)
        resultaat = beschikking.resultaten.filter(pk=data.pop("resultaat")).first()
        if resultaat is None:
            raise ValidationError({"resultaat": "Dit resultaat hoort niet bij deze beschikking."})
        nieuw = services.trek_in(door=request.user, resultaat=resultaat, **data)
        return Response(s.BeschikkingSerializer(nieuw).data, status=status.HTTP_201_CREATED)


@met_filters(status=Filter("status", "Status van de indicatie, bijvoorbeeld mandaat of voorgesteld."))
class IndicatieViewSet(AlleenLezen):
    """Indicaties per result. Gemeente staff see those of their gemeenten; a provider only those it was asked
    to propose under mandate (seed 003), which it proposes within the band."""

    queryset = Indicatie.objects.all()
    serializer_class = s.IndicatieSerializer
    schrijf_rollen = CONSULENT_OF_AANBIEDER

    def scoped(self) -> QuerySet[Any]:
        return (
            Indicatie.objects.for_user(self.request.user)
            .select_related("resultaat", "tijdsband", "aanbieder", "mandaat_aanbieder")
            .order_by("-pk")
        )

    @extend_schema(
        summary="Aanbieder kiezen (keuze van de cliënt)",
        request=s.AanbiederKeuzeSerializer,
        responses={200: s.IndicatieSerializer},
    )
    @action(detail=True, methods=["post"])
    def aanbieder(self, request: Request, pk: str | None = None) -> Response:
        indicatie = self.get_object()
        data = invoer(s.AanbiederKeuzeSerializer, request)
        services.kies_aanbieder(door=request.user, indicatie=indicatie, aanbieder=data["aanbieder"])
        return Response(s.IndicatieSerializer(indicatie).data)

    @extend_schema(
        summary="Voorstel van de aanbieder (mandaat)",
        request=s.VoorstelSerializer,
        responses={200: s.IndicatieSerializer},
    )
    @action(detail=True, methods=["post"])
    def voorstel(self, request: Request, pk: str | None = None) -> Response:
        indicatie = self.get_object()
        services.stel_indicatie_voor(
            door=request.user, indicatie=indicatie, **invoer(s.VoorstelSerializer, request)
        )
        return Response(s.IndicatieSerializer(indicatie).data)

    @extend_schema(
        summary="Voorstel beoordelen", request=s.BeoordelingSerializer, responses={200: s.IndicatieSerializer}
    )
    @action(detail=True, methods=["post"])
    def beoordeling(self, request: Request, pk: str | None = None) -> Response:
        indicatie = self.get_object()
        services.beoordeel_voorstel(
            door=request.user, indicatie=indicatie, **invoer(s.BeoordelingSerializer, request)
        )
        return Response(s.IndicatieSerializer(indicatie).data)


class OverstapViewSet(mixins.CreateModelMixin, BasisViewSet):
    """Overstap: the client votes with the feet. The toewijzing ends the day before ``per`` (reden 09) and a
    new one starts on ``per`` for the same product: no gap, no overlap. Only for a consulent."""

    schrijf_rollen = CONSULENT

    @extend_schema(
        summary="Overstap naar een andere aanbieder",
        request=s.OverstapSerializer,
        responses={201: ToewijzingSerializer},
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = invoer(s.OverstapSerializer, request)
        toewijzing = Toewijzing.objects.for_user(request.user).filter(pk=data["toewijzing"]).first()
        if toewijzing is None:
            return Response({"toewijzing": ["Onbekende toewijzing."]}, status=status.HTTP_400_BAD_REQUEST)
        services.controleer_consulent(request.user, toewijzing.gemeente)
        nieuw = wissel_aanbieder(
            door=request.user, toewijzing=toewijzing, nieuwe_aanbieder=data["aanbieder"], per=data["per"]
        )
        return Response(ToewijzingSerializer(nieuw).data, status=status.HTTP_201_CREATED)

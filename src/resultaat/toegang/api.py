"""Toegang in the API: every step of the web UI as an endpoint, calling the same services.

The read endpoints of melding, onderzoek, aanvraag and beschikking (``resultaat.api.views``) get their write
actions here; indicaties are a resource of their own (a provider sees those it was asked to propose under
mandate). A service's Dutch ``ValidationError`` becomes a 400 with the message at its field.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from resultaat.api import serializers as s
from resultaat.api import views
from resultaat.brieven.render import pdf
from resultaat.catalogus.models import (
    Aandachtspunt,
    ComplexiteitNiveau,
    IntensiteitNiveau,
    Resultaat,
    Subresultaat,
    Tijdsband,
)
from resultaat.clienten.models import Client
from resultaat.core.api.permissions import CONSULENT, CONSULENT_OF_AANBIEDER, GEMEENTE
from resultaat.core.api.viewsets import AlleenLezen, BasisViewSet, Filter, invoer, met_filters
from resultaat.eigen_bijdrage.models import Vrijstelling
from resultaat.organisaties.models import Aanbieder
from resultaat.toegang import services
from resultaat.toegang.brieven import beschikking_html
from resultaat.toegang.models import Beschikking, Indicatie, MeldingWijze, Opschorting, ZRMDomein
from resultaat.toewijzingen.api.serializers import ToewijzingSerializer
from resultaat.toewijzingen.models import Toewijzing
from resultaat.toewijzingen.services import wissel_aanbieder


def code_veld(model: Any, **kwargs: Any) -> serializers.SlugRelatedField[Any]:
    return serializers.SlugRelatedField(slug_field="code", queryset=model.objects.all(), **kwargs)


# --- Serializers ---------------------------------------------------------------------------------------


class OpschortingSerializer(serializers.ModelSerializer):
    class Meta:
        model = Opschorting
        fields = ("id", "van", "tot", "reden")


class MeldingInvoerSerializer(serializers.Serializer):
    client = serializers.IntegerField(help_text="Id van de cliënt (niet het BSN).")
    ontvangen_op = serializers.DateField()
    wijze = serializers.ChoiceField(choices=MeldingWijze.choices, default=MeldingWijze.TELEFOON)
    hulpvraag = serializers.CharField(required=False, allow_blank=True, default="")


class MeldingMetOpschortingenSerializer(s.MeldingSerializer):
    opschortingen = OpschortingSerializer(many=True, read_only=True)

    class Meta(s.MeldingSerializer.Meta):
        fields: tuple[str, ...] = (*s.MeldingSerializer.Meta.fields, "opschortingen")  # type: ignore[assignment]
        read_only_fields: tuple[str, ...] = fields  # type: ignore[assignment]


class ZRMInvoerSerializer(serializers.Serializer):
    domein = serializers.ChoiceField(choices=ZRMDomein.choices)
    niveau = serializers.IntegerField(min_value=1, max_value=5)
    toelichting = serializers.CharField(required=False, allow_blank=True, default="")


class GekozenResultaatSerializer(serializers.Serializer):
    resultaat = code_veld(Resultaat)
    subresultaten = code_veld(Subresultaat, many=True, required=False)
    aandachtspunten = serializers.PrimaryKeyRelatedField(
        queryset=Aandachtspunt.objects.all(), many=True, required=False
    )
    anders_namelijk = serializers.CharField(required=False, allow_blank=True, default="")


class OnderzoekInvoerSerializer(serializers.Serializer):
    datum_gesprek = serializers.DateField()
    situatie = serializers.CharField(required=False, allow_blank=True, default="")
    eigen_kracht = serializers.CharField(required=False, allow_blank=True, default="")
    netwerk = serializers.CharField(required=False, allow_blank=True, default="")
    mantelzorg = serializers.CharField(required=False, allow_blank=True, default="")
    voorliggende_voorzieningen = serializers.CharField(required=False, allow_blank=True, default="")
    zrm = ZRMInvoerSerializer(many=True, required=False)
    resultaten = GekozenResultaatSerializer(many=True, required=False)
    afronden = serializers.BooleanField(default=False)


class AanvraagInvoerSerializer(serializers.Serializer):
    ontvangen_op = serializers.DateField()


class AanvraagMetOpschortingenSerializer(s.AanvraagSerializer):
    opschortingen = OpschortingSerializer(many=True, read_only=True)

    class Meta(s.AanvraagSerializer.Meta):
        fields: tuple[str, ...] = (*s.AanvraagSerializer.Meta.fields, "opschortingen")  # type: ignore[assignment]
        read_only_fields: tuple[str, ...] = fields  # type: ignore[assignment]


class IndicatieSerializer(serializers.ModelSerializer):
    resultaat: Any = serializers.SlugRelatedField(slug_field="code", read_only=True)
    tijdsband: Any = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    aanbieder: Any = serializers.SlugRelatedField(slug_field="agb_code", read_only=True, allow_null=True)
    mandaat_aanbieder: Any = serializers.SlugRelatedField(
        slug_field="agb_code", read_only=True, allow_null=True
    )

    class Meta:
        model = Indicatie
        fields = (
            "id",
            "aanvraag",
            "client",
            "resultaat",
            "complexiteit",
            "intensiteit",
            "tijdsband",
            "product",
            "minuten_per_week",
            "frequentie",
            "ingangsdatum",
            "einddatum",
            "normberekening",
            "handmatig",
            "motivering",
            "status",
            "aanbieder",
            "mandaat_aanbieder",
            "voorgesteld_op",
        )
        read_only_fields = fields


class IndicatieInvoerSerializer(serializers.Serializer):
    resultaat = code_veld(Resultaat)
    ingangsdatum = serializers.DateField()
    einddatum = serializers.DateField(required=False, allow_null=True, default=None)
    complexiteit = code_veld(ComplexiteitNiveau, required=False, allow_null=True, default=None)
    intensiteit = code_veld(IntensiteitNiveau, required=False, allow_null=True, default=None)
    frequentie = serializers.CharField(required=False, allow_blank=True, default="")
    subresultaten = code_veld(Subresultaat, many=True, required=False)
    normenkader = serializers.DictField(
        child=serializers.IntegerField(min_value=0),
        required=False,
        allow_null=True,
        default=None,
        help_text="Per post van het normenkader (code) hoe vaak die geldt; de basis telt altijd mee.",
    )
    minuten_per_week = serializers.IntegerField(min_value=0, required=False, allow_null=True, default=None)
    handmatig = serializers.BooleanField(default=False)
    motivering = serializers.CharField(required=False, allow_blank=True, default="")
    tijdsband = serializers.PrimaryKeyRelatedField(
        queryset=Tijdsband.objects.all(), required=False, allow_null=True, default=None
    )
    mandaat_aanbieder = serializers.SlugRelatedField(
        slug_field="agb_code", queryset=Aanbieder.objects.all(), required=False, allow_null=True, default=None
    )


class BesluitInvoerSerializer(serializers.Serializer):
    besluit = serializers.ChoiceField(choices=[("toekennen", "toekennen"), ("afwijzen", "afwijzen")])
    besluitdatum = serializers.DateField()
    motivering = serializers.CharField(required=False, allow_blank=True, default="")
    vrijstelling = serializers.ChoiceField(choices=Vrijstelling.choices, required=False, default="")


class AanbiederKeuzeSerializer(serializers.Serializer):
    aanbieder = serializers.SlugRelatedField(slug_field="agb_code", queryset=Aanbieder.objects.all())


class VoorstelSerializer(serializers.Serializer):
    minuten_per_week = serializers.IntegerField(min_value=0)
    frequentie = serializers.CharField(required=False, allow_blank=True, default="")


class BeoordelingSerializer(serializers.Serializer):
    akkoord = serializers.BooleanField()
    motivering = serializers.CharField(required=False, allow_blank=True, default="")


class OverstapSerializer(serializers.Serializer):
    toewijzing = serializers.IntegerField(help_text="Id van de huidige toewijzing.")
    aanbieder = serializers.SlugRelatedField(slug_field="agb_code", queryset=Aanbieder.objects.all())
    per = serializers.DateField(help_text="Eerste dag bij de nieuwe aanbieder.")


# --- Viewsets ------------------------------------------------------------------------------------------


class MeldingViewSet(mixins.CreateModelMixin, views.MeldingViewSet):
    """Meldingen (requests for support) with their deadline and pauses. Only for gemeente staff; a consulent
    registers a melding (onderzoek due within six weeks), pauses it and records the onderzoek."""

    serializer_class = MeldingMetOpschortingenSerializer
    schrijf_rollen = CONSULENT

    def scoped(self) -> QuerySet[Any]:
        return super().scoped().prefetch_related("opschortingen")

    @extend_schema(
        summary="Melding vastleggen",
        request=MeldingInvoerSerializer,
        responses={201: MeldingMetOpschortingenSerializer},
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = invoer(MeldingInvoerSerializer, request)
        client = Client.objects.for_user(request.user).filter(pk=data.pop("client")).first()
        if client is None:
            return Response({"client": ["Onbekende cliënt."]}, status=status.HTTP_400_BAD_REQUEST)
        melding = services.registreer_melding(door=request.user, client=client, **data)
        return Response(MeldingMetOpschortingenSerializer(melding).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Termijn opschorten",
        request=OpschortingSerializer,
        responses={201: MeldingMetOpschortingenSerializer},
    )
    @action(detail=True, methods=["post"])
    def opschorten(self, request: Request, pk: str | None = None) -> Response:
        melding = self.get_object()
        data = invoer(OpschortingSerializer, request)
        services.schort_op(door=request.user, melding=melding, **data)
        melding.refresh_from_db()
        return Response(MeldingMetOpschortingenSerializer(melding).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Onderzoeksverslag vastleggen",
        request=OnderzoekInvoerSerializer,
        responses={200: s.OnderzoekSerializer},
    )
    @action(detail=True, methods=["post"])
    def onderzoek(self, request: Request, pk: str | None = None) -> Response:
        melding = self.get_object()
        data = invoer(OnderzoekInvoerSerializer, request)
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


class OnderzoekViewSet(views.OnderzoekViewSet):
    """Onderzoeken (keukentafelgesprek) with ZRM scores and chosen results. Only for gemeente staff; after the
    onderzoek a consulent registers the aanvraag (decision due within two weeks)."""

    schrijf_rollen = CONSULENT

    @extend_schema(
        summary="Aanvraag vastleggen",
        request=AanvraagInvoerSerializer,
        responses={201: AanvraagMetOpschortingenSerializer},
    )
    @action(detail=True, methods=["post"])
    def aanvraag(self, request: Request, pk: str | None = None) -> Response:
        onderzoek = self.get_object()
        aanvraag = services.registreer_aanvraag(
            door=request.user, onderzoek=onderzoek, **invoer(AanvraagInvoerSerializer, request)
        )
        return Response(AanvraagMetOpschortingenSerializer(aanvraag).data, status=status.HTTP_201_CREATED)


class AanvraagViewSet(views.AanvraagViewSet):
    """Aanvragen with their decision deadline and pauses. Only for gemeente staff; a consulent sets the
    indicatie per result, pauses the deadline and decides (toekennen or afwijzen)."""

    serializer_class = AanvraagMetOpschortingenSerializer
    schrijf_rollen = CONSULENT

    def scoped(self) -> QuerySet[Any]:
        return super().scoped().prefetch_related("opschortingen")

    @extend_schema(
        summary="Beslistermijn opschorten",
        request=OpschortingSerializer,
        responses={201: AanvraagMetOpschortingenSerializer},
    )
    @action(detail=True, methods=["post"])
    def opschorten(self, request: Request, pk: str | None = None) -> Response:
        aanvraag = self.get_object()
        services.schort_op(door=request.user, aanvraag=aanvraag, **invoer(OpschortingSerializer, request))
        aanvraag.refresh_from_db()
        return Response(AanvraagMetOpschortingenSerializer(aanvraag).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Indicatie vastleggen",
        description="Voor huishoudelijke ondersteuning berekent het normenkader de minuten per week; "
        "buiten elke band alleen met `handmatig` en een `motivering`.",
        request=IndicatieInvoerSerializer,
        responses={201: IndicatieSerializer},
    )
    @action(detail=True, methods=["post"])
    def indicaties(self, request: Request, pk: str | None = None) -> Response:
        aanvraag = self.get_object()
        data = invoer(IndicatieInvoerSerializer, request)
        keuzes = data.pop("normenkader")
        indicatie = services.leg_indicatie_vast(
            door=request.user,
            aanvraag=aanvraag,
            keuzes=keuzes,
            subresultaten=data.pop("subresultaten", []),
            **data,
        )
        return Response(IndicatieSerializer(indicatie).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Besluiten op de aanvraag",
        request=BesluitInvoerSerializer,
        responses={201: s.BeschikkingSerializer},
    )
    @action(detail=True, methods=["post"])
    def besluit(self, request: Request, pk: str | None = None) -> Response:
        aanvraag = self.get_object()
        data = invoer(BesluitInvoerSerializer, request)
        if data["besluit"] == "toekennen":
            beschikking = services.neem_besluit(
                door=request.user,
                aanvraag=aanvraag,
                besluitdatum=data["besluitdatum"],
                motivering=data["motivering"],
                vrijstelling=data["vrijstelling"],
            )
        else:
            beschikking = services.wijs_aanvraag_af(
                door=request.user,
                aanvraag=aanvraag,
                besluitdatum=data["besluitdatum"],
                motivering=data["motivering"],
            )
        return Response(s.BeschikkingSerializer(beschikking).data, status=status.HTTP_201_CREATED)


class BeschikkingBriefViewSet(BasisViewSet):
    """The beschikking letter as PDF. Only for gemeente staff: the letter shows every result of the
    beschikking, also those another provider delivers."""

    queryset = Beschikking.objects.all()
    lees_rollen = GEMEENTE

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
        response = HttpResponse(pdf(beschikking_html(beschikking)), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="beschikking-{beschikking.nummer}.pdf"'
        response["Cache-Control"] = "private, no-store"
        return response


@met_filters(status=Filter("status", "Status van de indicatie, bijvoorbeeld mandaat of voorgesteld."))
class IndicatieViewSet(AlleenLezen):
    """Indicaties per result. Gemeente staff see those of their gemeenten; a provider only those it was asked
    to propose under mandate (seed 003), which it proposes within the band."""

    queryset = Indicatie.objects.all()
    serializer_class = IndicatieSerializer
    schrijf_rollen = CONSULENT_OF_AANBIEDER

    def scoped(self) -> QuerySet[Any]:
        return (
            Indicatie.objects.for_user(self.request.user)
            .select_related("resultaat", "tijdsband", "aanbieder", "mandaat_aanbieder")
            .order_by("-pk")
        )

    @extend_schema(
        summary="Aanbieder kiezen (keuze van de cliënt)",
        request=AanbiederKeuzeSerializer,
        responses={200: IndicatieSerializer},
    )
    @action(detail=True, methods=["post"])
    def aanbieder(self, request: Request, pk: str | None = None) -> Response:
        indicatie = self.get_object()
        data = invoer(AanbiederKeuzeSerializer, request)
        services.kies_aanbieder(door=request.user, indicatie=indicatie, aanbieder=data["aanbieder"])
        return Response(IndicatieSerializer(indicatie).data)

    @extend_schema(
        summary="Voorstel van de aanbieder (mandaat)",
        request=VoorstelSerializer,
        responses={200: IndicatieSerializer},
    )
    @action(detail=True, methods=["post"])
    def voorstel(self, request: Request, pk: str | None = None) -> Response:
        indicatie = self.get_object()
        services.stel_indicatie_voor(
            door=request.user, indicatie=indicatie, **invoer(VoorstelSerializer, request)
        )
        return Response(IndicatieSerializer(indicatie).data)

    @extend_schema(
        summary="Voorstel beoordelen", request=BeoordelingSerializer, responses={200: IndicatieSerializer}
    )
    @action(detail=True, methods=["post"])
    def beoordeling(self, request: Request, pk: str | None = None) -> Response:
        indicatie = self.get_object()
        services.beoordeel_voorstel(
            door=request.user, indicatie=indicatie, **invoer(BeoordelingSerializer, request)
        )
        return Response(IndicatieSerializer(indicatie).data)


class OverstapViewSet(mixins.CreateModelMixin, BasisViewSet):
    """Overstap: the client votes with the feet. The toewijzing ends the day before ``per`` (reden 09) and a
    new one starts on ``per`` for the same product: no gap, no overlap. Only for a consulent."""

    schrijf_rollen = CONSULENT

    @extend_schema(
        summary="Overstap naar een andere aanbieder",
        request=OverstapSerializer,
        responses={201: ToewijzingSerializer},
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = invoer(OverstapSerializer, request)
        toewijzing = Toewijzing.objects.for_user(request.user).filter(pk=data["toewijzing"]).first()
        if toewijzing is None:
            return Response({"toewijzing": ["Onbekende toewijzing."]}, status=status.HTTP_400_BAD_REQUEST)
        services.controleer_consulent(request.user, toewijzing.gemeente)
        nieuw = wissel_aanbieder(
            door=request.user, toewijzing=toewijzing, nieuwe_aanbieder=data["aanbieder"], per=data["per"]
        )
        return Response(ToewijzingSerializer(nieuw).data, status=status.HTTP_201_CREATED)

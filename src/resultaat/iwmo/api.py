"""/api/v1/iwmo/berichten/: upload a file (the answer is its retour), list and download messages.

Gemeente staff see the messages of their gemeenten; provider staff only the messages they sent or
received (another provider's message is a 404). A provider may upload only files it sent itself.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpResponse
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from resultaat.accounts.models import Rol
from resultaat.api.viewsets import AlleenLezen, Filter, met_filters
from resultaat.iwmo import xml
from resultaat.iwmo.intake import controleer_technisch, verwerk
from resultaat.iwmo.models import Bericht


class BerichtSerializer(serializers.ModelSerializer):
    class Meta:
        model = Bericht
        fields = [
            "id",
            "richting",
            "berichttype",
            "afzender",
            "ontvanger",
            "identificatie",
            "dagtekening",
            "bestandsnaam",
            "sha256",
            "status",
            "retourcodes",
            "heenbericht",
            "aangemaakt_op",
        ]


class UploadSerializer(serializers.Serializer):
    bestand = serializers.FileField(
        help_text="Een iWmo 3.2-bestand (XML, UTF-8 zonder BOM, CRLF, max. 25 MB)."
    )


class ProbleemSerializer(serializers.Serializer):
    regel = serializers.CharField()
    retourcode = serializers.CharField(allow_null=True)
    pad = serializers.CharField()
    melding = serializers.CharField()


class UitkomstSerializer(serializers.Serializer):
    bestandsnaam = serializers.CharField()
    berichttype = serializers.CharField(allow_null=True)
    status = serializers.CharField(
        help_text="goedgekeurd, afgekeurd, technisch, dubbel-goedgekeurd, dubbel-afgekeurd"
    )
    problemen = ProbleemSerializer(many=True)
    bericht = serializers.IntegerField(allow_null=True, help_text="Id van het opgeslagen bericht.")
    retour_bestandsnaam = serializers.CharField(allow_null=True)
    retour = serializers.CharField(allow_null=True, help_text="Het retourbericht (XML), als dat er is.")


@met_filters(berichttype=Filter("berichttype", "Berichttype, bijvoorbeeld WMO305."))
class BerichtViewSet(AlleenLezen):
    """iWmo messages sent and received. Upload a file with POST /iwmo/berichten/upload/; the answer holds
    the retour (or the technical reason when the file is not a valid iWmo 3.2 message)."""

    queryset = Bericht.objects.all()
    serializer_class = BerichtSerializer
    schrijf_rollen = frozenset({str(Rol.AANBIEDER), str(Rol.BEHEERDER)})

    def scoped(self) -> QuerySet[Any]:
        return Bericht.objects.for_user(self.request.user).defer("inhoud")

    @extend_schema(
        summary="iWmo-bestand downloaden",
        responses={
            (200, "application/xml"): OpenApiResponse(description="Het bestand zoals verzonden of ontvangen.")
        },
    )
    @action(detail=True, methods=["get"])
    def bestand(self, request: Request, pk: str | None = None) -> HttpResponse:
        bericht = Bericht.objects.for_user(request.user).filter(pk=self.get_object().pk).get()
        response = HttpResponse(bytes(bericht.inhoud), content_type="application/xml")
        response["Content-Disposition"] = f'attachment; filename="{bericht.bestandsnaam}"'
        return response

    @extend_schema(
        summary="iWmo-bestand aanleveren",
        request={"multipart/form-data": UploadSerializer},
        responses={200: UitkomstSerializer, 400: OpenApiResponse(description="Geen bestand meegestuurd.")},
    )
    @action(detail=False, methods=["post"], parser_classes=[MultiPartParser], pagination_class=None)
    def upload(self, request: Request) -> Response:
        invoer = UploadSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        upload = invoer.validated_data["bestand"]
        if upload.size > xml.MAX_BYTES:
            data = b""
            te_groot = True
        else:
            data = upload.read()
            te_groot = False
        user: Any = request.user
        if te_groot:
            uitkomst = {
                "status": "technisch",
                "problemen": [
                    {
                        "regel": "OP179",
                        "retourcode": None,
                        "pad": "/",
                        "melding": "Het bestand is groter dan 25 MB.",
                    }
                ],
            }
            return Response(
                {
                    "bestandsnaam": upload.name,
                    "berichttype": None,
                    "bericht": None,
                    "retour_bestandsnaam": None,
                    "retour": None,
                    **uitkomst,
                }
            )
        if user.is_aanbieder_user and not user.is_superuser:
            gelezen = controleer_technisch(upload.name, data).gelezen
            if gelezen is not None:
                h = gelezen.header
                agb = h.ontvanger if gelezen.berichttype in ("WMO302", "WMO320") else h.afzender
                if agb != user.aanbieder.agb_code:
                    return Response(
                        {"detail": "U kunt alleen berichten aanleveren met uw eigen AGB-code als afzender."},
                        status=status.HTTP_403_FORBIDDEN,
                    )
        (u,) = verwerk([(upload.name, data)], door=user)
        return Response(
            {
                "bestandsnaam": u.bestandsnaam,
                "berichttype": u.berichttype,
                "status": u.status,
                "problemen": [
                    {
                        "regel": p.regel,
                        "retourcode": p.retourcode if u.status != "technisch" else None,
                        "pad": p.pad,
                        "melding": p.melding,
                    }
                    for p in u.problemen
                ],
                "bericht": u.bericht.pk if u.bericht is not None and u.bericht.pk else None,
                "retour_bestandsnaam": u.retour_naam,
                "retour": u.retour.decode("utf-8") if u.retour else None,
            }
        )

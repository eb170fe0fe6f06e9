"""/api/v1/iwmo/berichten/: upload a file (the answer is its retour), list and download messages.
/api/v1/verzoeken/: the provider's requests (315 VOT, 317 VOW), from messages or the portal.

Gemeente staff see the messages of their gemeenten; provider staff only the messages they sent or
received (another provider's message is a 404). A provider may upload only files it sent itself.

Requests work as in the portal, through the same services (:mod:`resultaat.iwmo.services`): a provider
asks for a toewijzing or a change for one of its own clients, and a consulent of the gemeente grants it
(toewijzingen and a 301), rejects it with a reason (319 antwoord 1) or puts it in onderzoek (319
antwoord 2). A role that may not do an action gets 403; a service's Dutch message becomes a 400.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpResponse
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from resultaat.accounts.models import Rol
from resultaat.clienten.models import Client
from resultaat.core.api.permissions import AANBIEDER, CONSULENT
from resultaat.core.api.rollen import RollenPerActie
from resultaat.core.api.serializers import NIET_GEVONDEN
from resultaat.core.api.viewsets import AlleenLezen, Filter, eigen, invoer, met_filters
from resultaat.core.audit.models import Actie, record
from resultaat.core.codes import WJ760VerzoekAntwoord
from resultaat.iwmo import services, xml
from resultaat.iwmo.api import serializers as s
from resultaat.iwmo.intake import controleer_technisch, verwerk
from resultaat.iwmo.models import Bericht, Verzoek
from resultaat.toewijzingen.models import Toewijzing


@met_filters(berichttype=Filter("berichttype", "Berichttype, bijvoorbeeld WMO305."))
class BerichtViewSet(AlleenLezen):
    """iWmo messages sent and received. Upload a file with POST /iwmo/berichten/upload/; the answer holds
    the retour (or the technical reason when the file is not a valid iWmo 3.2 message)."""

    queryset = Bericht.objects.all()
    serializer_class = s.BerichtSerializer
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
        record([bericht], Actie.GEEXPORTEERD)  # the file holds BSNs and addresses
        response = HttpResponse(bytes(bericht.inhoud), content_type="application/xml")
        response["Content-Disposition"] = f'attachment; filename="{bericht.bestandsnaam}"'
        return response

    @extend_schema(
        summary="iWmo-bestand aanleveren",
        request={"multipart/form-data": s.UploadSerializer},
        responses={200: s.UitkomstSerializer, 400: OpenApiResponse(description="Geen bestand meegestuurd.")},
    )
    @action(detail=False, methods=["post"], parser_classes=[MultiPartParser], pagination_class=None)
    def upload(self, request: Request) -> Response:
        invoer = s.UploadSerializer(data=request.data)
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


# --- Verzoeken (315 VOT, 317 VOW) -------------------------------------------------------------------------


FOUT = OpenApiResponse(description="Het verzoek of het antwoord kan niet: de Nederlandse melding.")


def _verzoek_actie(samenvatting: str, omschrijving: str, invoer_serializer: Any, *, door: str) -> Any:
    """The schema of an action on a request: a provider submits one (201, "aanbieder") or a consulent
    answers one (200 with 404 for an unknown request, "consulent")."""
    antwoorden: dict[int, Any] = {400: FOUT, 403: OpenApiResponse(description=f"Alleen een {door}.")}
    if door == "aanbieder":
        antwoorden[201] = s.VerzoekSerializer
    else:
        antwoorden[200] = s.VerzoekSerializer
        antwoorden[404] = NIET_GEVONDEN
    return extend_schema(
        summary=samenvatting,
        description=omschrijving,
        request=invoer_serializer,
        responses=dict(sorted(antwoorden.items())),
    )


@met_filters(
    status=Filter("status", "open, onderzoek, toegekend of afgewezen."),
    soort=Filter("soort", "vot (verzoek om toewijzing) of vow (verzoek om wijziging)."),
    gemeente=Filter("gemeente__code", "CBS-gemeentecode, bijvoorbeeld 0361."),
    aanbieder=Filter("aanbieder__agb_code", "AGB-code van de aanbieder."),
)
class VerzoekViewSet(RollenPerActie, AlleenLezen):
    """Requests of providers for a toewijzing (315, VOT) or a change (317, VOW), from a message or the portal.
    A provider sees and makes only its own; the gemeente's consulent answers them: grant (toewijzingen and
    a 301), reject with a reason (319) or in onderzoek (319, answer within 8 weeks)."""

    queryset = Verzoek.objects.all()
    serializer_class = s.VerzoekSerializer
    actie_rollen = {
        "toewijzing": AANBIEDER,
        "wijziging": AANBIEDER,
        "toekennen": CONSULENT,
        "afwijzen": CONSULENT,
        "in_onderzoek": CONSULENT,
    }

    def scoped(self) -> QuerySet[Any]:
        return (
            Verzoek.objects.for_user(self.request.user)
            .select_related("gemeente", "aanbieder", "ingediend_door")
            .order_by("-ingediend_op", "-pk")
        )

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        pagina = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        assert pagina is not None  # the viewset always pages
        per_verzoek = s.toewijzingen_per_verzoek(request.user, pagina)
        context = {**self.get_serializer_context(), "toewijzingen": per_verzoek}
        return self.get_paginated_response(s.VerzoekSerializer(pagina, many=True, context=context).data)

    def _antwoord(self, verzoek: Verzoek, code: int = status.HTTP_200_OK) -> Response:
        verzoek = self.scoped().get(pk=verzoek.pk)
        return Response(s.VerzoekSerializer(verzoek, context=self.get_serializer_context()).data, status=code)

    @_verzoek_actie(
        "Verzoek om toewijzing (zoals een 315)",
        "Voor een cliënt van uw organisatie en een product waarvoor u een contract heeft in de "
        "gemeente van de cliënt op de gewenste ingangsdatum; geen overlap met een toewijzing van hetzelfde "
        "product (OP259) en geen ander open verzoek voor deze cliënt (TR374).",
        s.VotInvoerSerializer,
        door="aanbieder",
    )
    @action(detail=False, methods=["post"], pagination_class=None)
    def toewijzing(self, request: Request) -> Response:
        data = invoer(s.VotInvoerSerializer, request)
        client = eigen(
            Client.objects.for_user(request.user),
            data.pop("client"),
            "client",
            "Kies een cliënt van uw eigen organisatie.",
        )
        verzoek = services.dien_vot_in(door=request.user, client=client, **data)
        return self._antwoord(verzoek, status.HTTP_201_CREATED)

    @_verzoek_actie(
        "Verzoek om wijziging (zoals een 317)",
        "Van een lopende toewijzing van uw organisatie: een nieuwe einddatum en/of een ander "
        "gecontracteerd product met de datum vanaf wanneer.",
        s.VowInvoerSerializer,
        door="aanbieder",
    )
    @action(detail=False, methods=["post"], pagination_class=None)
    def wijziging(self, request: Request) -> Response:
        data = invoer(s.VowInvoerSerializer, request)
        toewijzing = eigen(
            Toewijzing.objects.for_user(request.user),
            data.pop("toewijzing"),
            "toewijzing",
            "Geen toewijzing van uw organisatie met dit id.",
        )
        verzoek = services.dien_vow_in(door=request.user, toewijzing=toewijzing, **data)
        return self._antwoord(verzoek, status.HTTP_201_CREATED)

    @_verzoek_actie(
        "Verzoek toekennen",
        "Maakt de gevraagde toewijzingen (of wijzigt de einddatum) en zet een 301 met de "
        "ReferentieAanbieder klaar voor de aanbieder. Alleen voor een consulent.",
        None,
        door="consulent",
    )
    @action(detail=True, methods=["post"])
    def toekennen(self, request: Request, pk: str | None = None) -> Response:
        verzoek = self.get_object()
        services.ken_toe(door=request.user, verzoek=verzoek)
        return self._antwoord(verzoek)

    @_verzoek_actie(
        "Verzoek afwijzen (319 antwoord 1)",
        "Met een reden uit WJ759; zonder reden 400 (CD085). Alleen voor een consulent.",
        s.AfwijzingInvoerSerializer,
        door="consulent",
    )
    @action(detail=True, methods=["post"])
    def afwijzen(self, request: Request, pk: str | None = None) -> Response:
        verzoek = self.get_object()
        data = invoer(s.AfwijzingInvoerSerializer, request)
        try:
            services.beantwoord_met_319(
                door=request.user,
                verzoek=verzoek,
                antwoord=WJ760VerzoekAntwoord.AFGEWEZEN,
                reden=data["reden"],
            )
        except ValidationError as fout:
            if getattr(fout, "code", None) == "CD085":
                raise ValidationError({"reden": fout.messages}) from None
            raise
        return self._antwoord(verzoek)

    @_verzoek_actie(
        "Verzoek in onderzoek (319 antwoord 2)",
        "De aanbieder krijgt een 319; de gemeente antwoordt binnen 8 weken. Eén keer per verzoek "
        "(TR359). Alleen voor een consulent.",
        None,
        door="consulent",
    )
    @action(detail=True, methods=["post"], url_path="in-onderzoek")
    def in_onderzoek(self, request: Request, pk: str | None = None) -> Response:
        verzoek = self.get_object()
        services.beantwoord_met_319(
            door=request.user, verzoek=verzoek, antwoord=WJ760VerzoekAntwoord.IN_ONDERZOEK
        )
        return self._antwoord(verzoek)

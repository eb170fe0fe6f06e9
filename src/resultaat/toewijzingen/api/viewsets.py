"""Toewijzingen and leveringen in the API, with the portal's actions for a provider's software or a script.

The toewijzingen and leveringen are read as in the portal, and the provider has the same actions as the
portal pages, calling the same services (:mod:`resultaat.toewijzingen.services`):
accept or return a toewijzing (the 302), start, temporary stop, resume and stop (the 305/307), the
subcontractor, and the CSV upload of starts and stops. Only role ``aanbieder`` acts (a gemeente user
gets 403); another provider's toewijzing is a 404, because every lookup starts from ``for_user``. A
service's Dutch ``ValidationError`` becomes a 400 with the message at its field, and nothing is saved.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from resultaat.contracten.models import Onderaannemer
from resultaat.core.api.permissions import AANBIEDER
from resultaat.core.api.serializers import NIET_GEVONDEN
from resultaat.core.api.viewsets import (
    AANBIEDER_FILTER,
    GEMEENTE_FILTER,
    AlleenLezen,
    Filter,
    invoer,
    met_filters,
)
from resultaat.core.codes import WMO588RedenBeeindiging
from resultaat.toewijzingen import services
from resultaat.toewijzingen.api import serializers as s
from resultaat.toewijzingen.api.serializers import (
    CsvInvoerSerializer,
    CsvVerslagSerializer,
    OnderaannemerInvoerSerializer,
    RetourInvoerSerializer,
    StartInvoerSerializer,
    StopInvoerSerializer,
    TijdelijkeStopInvoerSerializer,
)
from resultaat.toewijzingen.csv_upload import MAX_BYTES, CsvBestandFout, verwerk_csv
from resultaat.toewijzingen.models import Levering, LeveringBron, Toewijzing

FOUT = OpenApiResponse(description="De actie kan niet: de Nederlandse melding staat bij het veld.")
GEEN_AANBIEDER = OpenApiResponse(description="Alleen een medewerker van een aanbieder mag dit doen.")


def _actie(summary: str, request: Any = None, description: str = "") -> Any:
    return extend_schema(
        summary=summary,
        description=description,
        request=request,
        responses={200: s.ToewijzingSerializer, 400: FOUT, 403: GEEN_AANBIEDER, 404: NIET_GEVONDEN},
    )


@met_filters(gemeente=GEMEENTE_FILTER, aanbieder=AANBIEDER_FILTER)
class ToewijzingViewSet(AlleenLezen):
    """Toewijzingen with their versions and leveringen; a provider sees only its own. The provider acts on
    its own toewijzingen as in the portal: accept or return (302), start, temporary stop, resume and stop
    (305/307), and the subcontractor. Each action answers with the toewijzing as it is afterwards."""

    queryset = Toewijzing.objects.all()
    serializer_class = s.ToewijzingSerializer
    schrijf_rollen = AANBIEDER

    def scoped(self) -> QuerySet[Any]:
        return (
            Toewijzing.objects.for_user(self.request.user)
            .select_related("gemeente", "aanbieder")
            .prefetch_related("versies", "leveringen")
            .order_by("-ingangsdatum", "-nummer", "-pk")
        )

    def _antwoord(self, toewijzing: Toewijzing) -> Response:
        return Response(s.ToewijzingSerializer(self.scoped().get(pk=toewijzing.pk)).data)

    @_actie(
        "Toewijzing accepteren",
        description="Zoals een 302 zonder retourcodes. Twee keer accepteren verandert niets.",
    )
    @action(detail=True, methods=["post"])
    def accepteren(self, request: Request, pk: str | None = None) -> Response:
        toewijzing = self.get_object()
        services.accepteer_toewijzing(door=request.user, toewijzing=toewijzing)
        return self._antwoord(toewijzing)

    @_actie(
        "Toewijzing retourneren",
        RetourInvoerSerializer,
        "Zoals een 302 met retourcodes: de consulent krijgt de reden op de werklijst en kiest met de "
        "cliënt een andere aanbieder. Een gestarte toewijzing kan niet meer worden geretourneerd.",
    )
    @action(detail=True, methods=["post"])
    def retourneren(self, request: Request, pk: str | None = None) -> Response:
        toewijzing = self.get_object()
        data = invoer(RetourInvoerSerializer, request)
        services.retourneer_toewijzing(door=request.user, toewijzing=toewijzing, reden=data["reden"])
        return self._antwoord(toewijzing)

    @_actie(
        "Start melden",
        StartInvoerSerializer,
        "Zoals een 305. Een start accepteert ook een nieuwe toewijzing.",
    )
    @action(detail=True, methods=["post"])
    def start(self, request: Request, pk: str | None = None) -> Response:
        toewijzing = self.get_object()
        data = invoer(StartInvoerSerializer, request)
        services.meld_start(
            door=request.user, toewijzing=toewijzing, begindatum=data["begindatum"], bron=LeveringBron.PORTAAL
        )
        return self._antwoord(toewijzing)

    @_actie(
        "Tijdelijk stoppen",
        TijdelijkeStopInvoerSerializer,
        "Zoals een 307 met reden 20, bijvoorbeeld bij een ziekenhuisopname. Meld daarna een hervatting.",
    )
    @action(detail=True, methods=["post"], url_path="tijdelijke-stop")
    def tijdelijke_stop(self, request: Request, pk: str | None = None) -> Response:
        toewijzing = self.get_object()
        data = invoer(TijdelijkeStopInvoerSerializer, request)
        services.meld_stop(
            door=request.user,
            toewijzing=toewijzing,
            einddatum=data["einddatum"],
            reden=WMO588RedenBeeindiging.TIJDELIJK,
            toelichting=data["toelichting"],
        )
        return self._antwoord(toewijzing)

    @_actie(
        "Hervatten",
        StartInvoerSerializer,
        "Zoals een 305 na een tijdelijke stop: de ondersteuning begint weer, na de tijdelijke stop.",
    )
    @action(detail=True, methods=["post"])
    def hervatten(self, request: Request, pk: str | None = None) -> Response:
        toewijzing = self.get_object()
        data = invoer(StartInvoerSerializer, request)
        services.meld_start(
            door=request.user,
            toewijzing=toewijzing,
            begindatum=data["begindatum"],
            bron=LeveringBron.PORTAAL,
            hervatting=True,
        )
        return self._antwoord(toewijzing)

    @_actie(
        "Stop melden",
        StopInvoerSerializer,
        "Zoals een 307: de ondersteuning stopt definitief. Na een tijdelijke stop wordt die stop "
        "definitief (de datum blijft).",
    )
    @action(detail=True, methods=["post"])
    def stop(self, request: Request, pk: str | None = None) -> Response:
        toewijzing = self.get_object()
        data = invoer(StopInvoerSerializer, request)
        services.meld_stop(
            door=request.user,
            toewijzing=toewijzing,
            einddatum=data["einddatum"],
            reden=data["reden"],
            toelichting=data["toelichting"],
        )
        return self._antwoord(toewijzing)

    @_actie(
        "Onderaannemer kiezen",
        OnderaannemerInvoerSerializer,
        "Welke onderaannemer onder uw contract voor deze gemeente en dit product de ondersteuning levert, "
        "geldig op vandaag (binnen de looptijd van de toewijzing); null als u zelf levert.",
    )
    @action(detail=True, methods=["post"])
    def onderaannemer(self, request: Request, pk: str | None = None) -> Response:
        toewijzing = self.get_object()
        data = invoer(OnderaannemerInvoerSerializer, request)
        gekozen = None
        if data["onderaannemer"] is not None:
            gekozen = Onderaannemer.objects.filter(
                contract__aanbieder_id=toewijzing.aanbieder_id, pk=data["onderaannemer"]
            ).first()
            if gekozen is None:
                raise ValidationError(
                    {"onderaannemer": "Geen onderaannemer onder een contract van uw organisatie met dit id."}
                )
        services.kies_onderaannemer(door=request.user, toewijzing=toewijzing, onderaannemer=gekozen)
        return self._antwoord(toewijzing)


@met_filters(
    gemeente=Filter("toewijzing__gemeente__code", GEMEENTE_FILTER.omschrijving),
    aanbieder=Filter("toewijzing__aanbieder__agb_code", AANBIEDER_FILTER.omschrijving),
)
class LeveringViewSet(AlleenLezen):
    """Leveringen (start, temporary stop and stop of delivery); a provider sees only its own. A provider
    without iWmo software uploads its starts and stops as a CSV file with POST /leveringen/csv/."""

    queryset = Levering.objects.all()
    serializer_class = s.LeveringSerializer
    schrijf_rollen = AANBIEDER

    def scoped(self) -> QuerySet[Any]:
        return Levering.objects.for_user(self.request.user).order_by("toewijzing_id", "begindatum", "pk")

    @extend_schema(
        summary="Starts en stops uploaden (CSV)",
        description=(
            "Elke regel gaat in volgorde door dezelfde controles als in het portaal (bron CSV). Het antwoord "
            "geeft per regel de status en de melding. **Een bestand met een fout past niets toe**: het "
            "antwoord is dan 422 met hetzelfde verslag (`toegepast` false, de goede regels hebben status "
            "`niet toegepast`), tenzij `alleen_geldige` aan staat (200, alleen de goede regels). Een "
            "bestand dat niet te lezen is (geen UTF-8, verkeerde kopregel, leeg, groter dan 2 MB) geeft "
            "400 met de melding bij `bestand`."
        ),
        request={"multipart/form-data": CsvInvoerSerializer},
        responses={
            200: CsvVerslagSerializer,
            400: FOUT,
            403: GEEN_AANBIEDER,
            422: OpenApiResponse(CsvVerslagSerializer, description="Fouten in regels: niets toegepast."),
        },
    )
    @action(detail=False, methods=["post"], parser_classes=[MultiPartParser], pagination_class=None)
    def csv(self, request: Request) -> Response:
        data = invoer(CsvInvoerSerializer, request)
        aanbieder = getattr(request.user, "aanbieder", None)
        if aanbieder is None:
            raise ValidationError("Alleen medewerkers van een aanbieder kunnen starts en stops uploaden.")
        try:
            verslag = verwerk_csv(
                door=request.user,
                aanbieder=aanbieder,
                data=data["bestand"].read(MAX_BYTES + 1),
                alleen_geldige=data["alleen_geldige"],
            )
        except CsvBestandFout as fout:
            raise ValidationError({"bestand": str(fout)}) from None
        antwoord = {
            "toegepast": verslag.toegepast,
            "aantal_toegepast": verslag.aantal_toegepast,
            "fouten": verslag.fouten,
            "regels": [
                {
                    "regelnummer": r.regelnummer,
                    "toewijzingnummer": r.toewijzingnummer,
                    "soort": r.soort,
                    "status": r.status,
                    "melding": r.tekst,
                }
                for r in verslag.regels
            ],
        }
        # Nothing applied because of row errors: 422, so that a script notices (curl --fail) and a person
        # reads the same report per row.
        code = status.HTTP_200_OK if verslag.toegepast else status.HTTP_422_UNPROCESSABLE_ENTITY
        return Response(CsvVerslagSerializer(antwoord).data, status=code)

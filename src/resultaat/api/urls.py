"""/api/v1/: one router for every resource, the token endpoint and the OpenAPI schema."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import DefaultRouter

from resultaat.api import views
from resultaat.bekostiging import api as bekostiging
from resultaat.iwmo.api import BerichtViewSet as IwmoBerichtViewSet
from resultaat.iwmo.api import VerzoekViewSet
from resultaat.ondersteuning import api as ondersteuning
from resultaat.toegang import api as toegang
from resultaat.toewijzingen import api as toewijzingen

app_name = "api"


class Router(DefaultRouter):
    # No ".json" URL variants: one URL per resource keeps the schema and the isolation test simple.
    include_format_suffixes = False


router = Router(trailing_slash=True)
router.register("gemeenten", views.GemeenteViewSet, basename="gemeente")
router.register("aanbieders", views.AanbiederViewSet, basename="aanbieder")
router.register("contracten", views.ContractViewSet, basename="contract")
router.register("catalogus/resultaatdomeinen", views.ResultaatDomeinViewSet, basename="resultaatdomein")
router.register("catalogus/resultaten", views.ResultaatViewSet, basename="resultaat")
router.register("catalogus/producten", views.ProductViewSet, basename="product")
router.register("catalogus/tijdsbanden", views.TijdsbandViewSet, basename="tijdsband")
router.register("clienten", views.ClientViewSet, basename="client")
router.register("meldingen", toegang.MeldingViewSet, basename="melding")
router.register("onderzoeken", toegang.OnderzoekViewSet, basename="onderzoek")
router.register("aanvragen", toegang.AanvraagViewSet, basename="aanvraag")
router.register("indicaties", toegang.IndicatieViewSet, basename="indicatie")
router.register("beschikkingen", views.BeschikkingViewSet, basename="beschikking")
router.register("beschikkingen", toegang.BeschikkingBriefViewSet, basename="beschikkingbrief")
router.register("toewijzingen", toewijzingen.ToewijzingViewSet, basename="toewijzing")
router.register("leveringen", toewijzingen.LeveringViewSet, basename="levering")
router.register(
    "ondersteuningsplannen", ondersteuning.OndersteuningsplanViewSet, basename="ondersteuningsplan"
)
router.register("evaluaties", views.EvaluatieViewSet, basename="evaluatie")
router.register("signalen", ondersteuning.SignaalViewSet, basename="signaal")
router.register("verzoeken", VerzoekViewSet, basename="verzoek")
router.register("werklijst", views.WerklijstViewSet, basename="werklijstitem")
router.register("auditlog", views.AuditEventViewSet, basename="auditevent")
router.register("bekostiging/runs", bekostiging.AfrekenrunViewSet, basename="afrekenrun")
router.register("bekostiging/regels", bekostiging.AfrekenregelViewSet, basename="afrekenregel")
router.register("bekostiging/batches", bekostiging.BetaalbatchViewSet, basename="betaalbatch")
router.register("iwmo/berichten", IwmoBerichtViewSet, basename="iwmobericht")
router.register("overstappen", toegang.OverstapViewSet, basename="overstap")

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("token/", views.TokenView.as_view(), name="token"),
    *router.urls,
]

from django.urls import include, path

from resultaat.web.views.aanbieders import AanbiederDetailView, AanbiederListView
from resultaat.web.views.clienten import ClientDetailView
from resultaat.web.views.contracten import ContractDetailView
from resultaat.web.views.home import HomeView
from resultaat.web.views.toegang import (
    AanvraagDetailView,
    BeschikkingDetailView,
    BeschikkingPdfView,
    IndicatieDetailView,
    InformatiebriefView,
    MandaatListView,
    MeldingDetailView,
    MeldingNieuwView,
    OnderzoekDetailView,
    OverstapView,
)
from resultaat.web.views.toewijzingen import ToewijzingDetailView

app_name = "web"

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("", include("resultaat.werklijst.web.urls")),
    path("", include("resultaat.clienten.web.urls")),
    path("clienten/<int:pk>/", ClientDetailView.as_view(), name="client-detail"),
    path("", include("resultaat.toewijzingen.web.urls")),
    path("toewijzingen/<int:pk>/", ToewijzingDetailView.as_view(), name="toewijzing-detail"),
    path("", include("resultaat.ondersteuning.web.urls")),
    path("", include("resultaat.iwmo.web.urls")),
    path("aanbieders/", AanbiederListView.as_view(), name="aanbieder-list"),
    path("aanbieders/<int:pk>/", AanbiederDetailView.as_view(), name="aanbieder-detail"),
    path("", include("resultaat.contracten.web.urls")),
    path("contracten/<int:pk>/", ContractDetailView.as_view(), name="contract-detail"),
    path("", include("resultaat.catalogus.web.urls")),
    path("", include("resultaat.bekostiging.web.urls")),
    path("toegang/meldingen/nieuw/", MeldingNieuwView.as_view(), name="melding-nieuw"),
    path("toegang/meldingen/<int:pk>/", MeldingDetailView.as_view(), name="melding-detail"),
    path("toegang/onderzoeken/<int:pk>/", OnderzoekDetailView.as_view(), name="onderzoek-detail"),
    path("toegang/aanvragen/<int:pk>/", AanvraagDetailView.as_view(), name="aanvraag-detail"),
    path("toegang/beschikkingen/<int:pk>/", BeschikkingDetailView.as_view(), name="beschikking-detail"),
    path("toegang/beschikkingen/<int:pk>/pdf/", BeschikkingPdfView.as_view(), name="beschikking-pdf"),
    path("toegang/toewijzingen/<int:pk>/overstap/", OverstapView.as_view(), name="toewijzing-overstap"),
    path("toegang/clienten/<int:pk>/informatiebrief/", InformatiebriefView.as_view(), name="informatiebrief"),
    path("toegang/mandaat/", MandaatListView.as_view(), name="mandaat-list"),
    path("toegang/indicaties/<int:pk>/", IndicatieDetailView.as_view(), name="indicatie-detail"),
]

"""The toegang pages (in the site's "web" namespace, see resultaat.web.urls)."""

from django.urls import path

from resultaat.toegang.web.views.aanvraag import AanvraagDetailView
from resultaat.toegang.web.views.beschikking import (
    BeschikkingBijlagePdfView,
    BeschikkingDetailView,
    BeschikkingListView,
    BeschikkingPdfView,
    InformatiebriefView,
    OverstapView,
)
from resultaat.toegang.web.views.mandaat import IndicatieDetailView, MandaatListView
from resultaat.toegang.web.views.melding import MeldingDetailView, MeldingNieuwView, OnderzoekDetailView
from resultaat.toegang.web.views.termijnen import TermijnregisterView, VerdagingsbriefView

urlpatterns = [
    path("toegang/meldingen/nieuw/", MeldingNieuwView.as_view(), name="melding-nieuw"),
    path("toegang/meldingen/<int:pk>/", MeldingDetailView.as_view(), name="melding-detail"),
    path("toegang/onderzoeken/<int:pk>/", OnderzoekDetailView.as_view(), name="onderzoek-detail"),
    path("toegang/aanvragen/<int:pk>/", AanvraagDetailView.as_view(), name="aanvraag-detail"),
    path("toegang/beschikkingen/", BeschikkingListView.as_view(), name="beschikking-list"),
    path("toegang/beschikkingen/<int:pk>/", BeschikkingDetailView.as_view(), name="beschikking-detail"),
    path("toegang/beschikkingen/<int:pk>/pdf/", BeschikkingPdfView.as_view(), name="beschikking-pdf"),
    path(
        "toegang/bijlagen/<int:pk>/pdf/", BeschikkingBijlagePdfView.as_view(), name="beschikking-bijlage-pdf"
    ),
    path("toegang/toewijzingen/<int:pk>/overstap/", OverstapView.as_view(), name="toewijzing-overstap"),
    path("toegang/clienten/<int:pk>/informatiebrief/", InformatiebriefView.as_view(), name="informatiebrief"),
    path("toegang/mandaat/", MandaatListView.as_view(), name="mandaat-list"),
    path("toegang/termijnen/", TermijnregisterView.as_view(), name="termijnregister"),
    path("toegang/verdagingen/<int:pk>/brief/", VerdagingsbriefView.as_view(), name="verdagingsbrief"),
    path("toegang/indicaties/<int:pk>/", IndicatieDetailView.as_view(), name="indicatie-detail"),
]

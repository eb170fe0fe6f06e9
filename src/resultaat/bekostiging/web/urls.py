"""The payment pages: settlement runs, payment specifications, budget (in the site's "web" namespace)."""

from django.urls import path

from resultaat.bekostiging.web.views import (
    AfrekenregelListView,
    AfrekenrunCsvView,
    AfrekenrunDetailView,
    AfrekenrunGoedkeurenView,
    AfrekenrunListView,
    AfrekenrunNieuwView,
    AfrekenrunSepaView,
    BetaalbatchDetailView,
    BetaalbatchListView,
    BetaalbatchPdfView,
    BetaalbatchXlsxView,
    BudgetView,
    ClientBetalingenView,
    ClientBetalingenZoekenView,
    UrenVergelijkingView,
)

urlpatterns = [
    path("bekostiging/runs/", AfrekenrunListView.as_view(), name="afrekenrun-list"),
    path("bekostiging/runs/nieuw/", AfrekenrunNieuwView.as_view(), name="afrekenrun-nieuw"),
    path("bekostiging/runs/<int:pk>/", AfrekenrunDetailView.as_view(), name="afrekenrun-detail"),
    path(
        "bekostiging/runs/<int:pk>/goedkeuren/",
        AfrekenrunGoedkeurenView.as_view(),
        name="afrekenrun-goedkeuren",
    ),
    path("bekostiging/runs/<int:pk>/sepa/", AfrekenrunSepaView.as_view(), name="afrekenrun-sepa"),
    path("bekostiging/runs/<int:pk>/csv/", AfrekenrunCsvView.as_view(), name="afrekenrun-csv"),
    path("bekostiging/regels/", AfrekenregelListView.as_view(), name="afrekenregel-list"),
    path("bekostiging/specificaties/", BetaalbatchListView.as_view(), name="betaalbatch-list"),
    path("bekostiging/specificaties/<int:pk>/", BetaalbatchDetailView.as_view(), name="betaalbatch-detail"),
    path("bekostiging/specificaties/<int:pk>/xlsx/", BetaalbatchXlsxView.as_view(), name="betaalbatch-xlsx"),
    path("bekostiging/specificaties/<int:pk>/pdf/", BetaalbatchPdfView.as_view(), name="betaalbatch-pdf"),
    path("bekostiging/betalingen/", ClientBetalingenZoekenView.as_view(), name="client-betalingen-zoeken"),
    path("bekostiging/betalingen/<int:pk>/", ClientBetalingenView.as_view(), name="client-betalingen"),
    path("bekostiging/budget/", BudgetView.as_view(), name="bekostiging-budget"),
    path("bekostiging/uren-resultaat/", UrenVergelijkingView.as_view(), name="bekostiging-uren"),
]

"""The plan, sociale kaart and signal pages (in the site's "web" namespace, see resultaat.web.urls)."""

from django.urls import path

from resultaat.ondersteuning.web.views.evaluaties import EvaluatieNieuwView, RegiegesprekNieuwView
from resultaat.ondersteuning.web.views.plannen import (
    PlanAkkoordView,
    PlanDetailView,
    PlanNieuwView,
    PlanPdfView,
    PlanWijzigenView,
)
from resultaat.ondersteuning.web.views.signalen import SignaalDetailView, SignaalListView, SignaalNieuwView
from resultaat.ondersteuning.web.views.sociale_kaart import (
    SocialeKaartView,
    VoorzieningNieuwView,
    VoorzieningWijzigenView,
)

urlpatterns = [
    path("signalen/", SignaalListView.as_view(), name="signaal-list"),
    path("signalen/<int:pk>/", SignaalDetailView.as_view(), name="signaal-detail"),
    path("signalen/nieuw/", SignaalNieuwView.as_view(), name="signaal-nieuw"),
    path("toewijzingen/<int:pk>/plan/nieuw/", PlanNieuwView.as_view(), name="plan-nieuw"),
    path("toewijzingen/<int:pk>/evaluatie/nieuw/", EvaluatieNieuwView.as_view(), name="evaluatie-nieuw"),
    path(
        "toewijzingen/<int:pk>/regiegesprek/nieuw/",
        RegiegesprekNieuwView.as_view(),
        name="regiegesprek-nieuw",
    ),
    path("plannen/<int:pk>/", PlanDetailView.as_view(), name="plan-detail"),
    path("plannen/<int:pk>/wijzigen/", PlanWijzigenView.as_view(), name="plan-wijzigen"),
    path("plannen/<int:pk>/akkoord/", PlanAkkoordView.as_view(), name="plan-akkoord"),
    path("plannen/<int:pk>/pdf/", PlanPdfView.as_view(), name="plan-pdf"),
    path("sociale-kaart/", SocialeKaartView.as_view(), name="sociale-kaart"),
    path("sociale-kaart/nieuw/", VoorzieningNieuwView.as_view(), name="voorziening-nieuw"),
    path("sociale-kaart/<int:pk>/", VoorzieningWijzigenView.as_view(), name="voorziening-wijzigen"),
]

"""The site's one URL namespace "web": the shell's own pages and every component's ``urlpatterns``.

Each component owns its pages in ``resultaat.<component>.web.urls`` (a plain list, no app_name); they are
included here without a namespace of their own, so every ``{% url 'web:...' %}`` and ``reverse("web:...")``
stays the same. The pages below that are not in a component combine components in a way the layering
forbids for the component they are about (see pyproject.toml, [tool.importlinter]).
"""

from django.urls import include, path

from resultaat.web.views.aanbieders import AanbiederDetailView, AanbiederListView
from resultaat.web.views.clienten import ClientDetailView
from resultaat.web.views.contracten import ContractDetailView
from resultaat.web.views.handleiding import HandleidingView
from resultaat.web.views.home import HomeView
from resultaat.web.views.toewijzingen import ToewijzingDetailView

app_name = "web"

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("handleiding/", HandleidingView.as_view(), name="handleiding"),
    path("", include("resultaat.werklijst.web.urls")),
    path("", include("resultaat.clienten.web.urls")),
    path("", include("resultaat.toegang.web.urls")),
    path("", include("resultaat.toewijzingen.web.urls")),
    path("", include("resultaat.ondersteuning.web.urls")),
    path("", include("resultaat.kwaliteit.web.urls")),
    path("", include("resultaat.iwmo.web.urls")),
    path("", include("resultaat.bekostiging.web.urls")),
    path("", include("resultaat.contracten.web.urls")),
    path("", include("resultaat.eigen_bijdrage.web.urls")),
    path("", include("resultaat.catalogus.web.urls")),
    path("", include("resultaat.conversie.web.urls")),
    path("", include("resultaat.sturing.web.urls")),
    # The client's file: its timeline shows toegang, toewijzingen and ondersteuning (above clienten).
    path("clienten/<int:pk>/", ClientDetailView.as_view(), name="client-detail"),
    # One toewijzing with its plans, evaluations and signals (ondersteuning is above toewijzingen).
    path("toewijzingen/<int:pk>/", ToewijzingDetailView.as_view(), name="toewijzing-detail"),
    # Providers with their contracts and active toewijzingen (both above organisaties).
    path("aanbieders/", AanbiederListView.as_view(), name="aanbieder-list"),
    path("aanbieders/<int:pk>/", AanbiederDetailView.as_view(), name="aanbieder-detail"),
    # One contract with the clients in care now per product (toewijzingen is above contracten).
    path("contracten/<int:pk>/", ContractDetailView.as_view(), name="contract-detail"),
]

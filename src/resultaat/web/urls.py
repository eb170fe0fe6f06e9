from django.urls import include, path

from resultaat.web.views.aanbieders import AanbiederDetailView, AanbiederListView
from resultaat.web.views.clienten import ClientDetailView
from resultaat.web.views.contracten import ContractDetailView
from resultaat.web.views.home import HomeView
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
    path("", include("resultaat.toegang.web.urls")),
]

"""The household, exemption and CAK-leveringen pages (in the site's "web" namespace, included by
resultaat.web.urls)."""

from django.urls import path

from resultaat.eigen_bijdrage.web.cak_views import (
    CakBestandView,
    CakLeveringenView,
    Wmo405MakenView,
    Wmo406InlezenView,
)
from resultaat.eigen_bijdrage.web.views import HuishoudenView, PartnerView, VrijstellingView

urlpatterns = [
    path("clienten/<int:pk>/huishouden/", HuishoudenView.as_view(), name="eigen-bijdrage-huishouden"),
    path("clienten/<int:pk>/huishouden/partner/", PartnerView.as_view(), name="eigen-bijdrage-partner"),
    path("eigen-bijdrage/cak/", CakLeveringenView.as_view(), name="cak-leveringen"),
    path("eigen-bijdrage/cak/wmo405/", Wmo405MakenView.as_view(), name="cak-wmo405-maken"),
    path("eigen-bijdrage/cak/wmo406/", Wmo406InlezenView.as_view(), name="cak-wmo406-inlezen"),
    path("eigen-bijdrage/cak/<int:pk>/bestand/", CakBestandView.as_view(), name="cak-bestand"),
    path("clienten/<int:pk>/vrijstelling/", VrijstellingView.as_view(), name="eigen-bijdrage-vrijstelling"),
]

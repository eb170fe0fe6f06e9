"""The household and exemption pages (in the site's "web" namespace, included by resultaat.web.urls)."""

from django.urls import path

from resultaat.eigen_bijdrage.web.views import HuishoudenView, VrijstellingView

urlpatterns = [
    path("clienten/<int:pk>/huishouden/", HuishoudenView.as_view(), name="eigen-bijdrage-huishouden"),
    path("clienten/<int:pk>/vrijstelling/", VrijstellingView.as_view(), name="eigen-bijdrage-vrijstelling"),
]

"""The worklist page (in the site's "web" namespace, included by resultaat.web.urls)."""

from django.urls import path

from resultaat.werklijst.web.views import WerklijstView

urlpatterns = [
    path("werklijst/", WerklijstView.as_view(), name="werklijst"),
]

"""The request and message pages (in the site's "web" namespace, see resultaat.web.urls)."""

from django.urls import path

from resultaat.iwmo.web.views.berichten import BerichtBestandView, BerichtDetailView, BerichtListView
from resultaat.iwmo.web.views.verzoeken import VerzoekDetailView, VerzoekListView, VotNieuwView, VowNieuwView

urlpatterns = [
    path("verzoeken/", VerzoekListView.as_view(), name="verzoek-list"),
    path("verzoeken/<int:pk>/", VerzoekDetailView.as_view(), name="verzoek-detail"),
    path("verzoeken/toewijzing/nieuw/", VotNieuwView.as_view(), name="verzoek-toewijzing-nieuw"),
    path("toewijzingen/<int:pk>/wijziging/", VowNieuwView.as_view(), name="verzoek-wijziging-nieuw"),
    path("berichten/", BerichtListView.as_view(), name="bericht-list"),
    path("berichten/<int:pk>/", BerichtDetailView.as_view(), name="bericht-detail"),
    path("berichten/<int:pk>/bestand/", BerichtBestandView.as_view(), name="bericht-bestand"),
]

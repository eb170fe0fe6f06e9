"""The quality pages (in the site's "web" namespace, see resultaat.web.urls). ``/enquete/...`` is public:
the resident answers the survey there without an account."""

from django.urls import path

from resultaat.kwaliteit.web.views import klachten, publiek, tevredenheid, wachtlijst

urlpatterns = [
    path("enquete/", publiek.EnqueteStartView.as_view(), name="enquete-start"),
    path("enquete/vragen/", publiek.EnqueteVragenView.as_view(), name="enquete-vragen"),
    path("enquete/bedankt/", publiek.bedankt, name="enquete-bedankt"),
    path("tevredenheid/", tevredenheid.TevredenheidView.as_view(), name="tevredenheid"),
    path("tevredenheid/onderzoeken/", tevredenheid.EnqueteListView.as_view(), name="enquete-list"),
    path(
        "tevredenheid/onderzoeken/<int:pk>/", tevredenheid.EnqueteDetailView.as_view(), name="enquete-detail"
    ),
    path(
        "toewijzingen/<int:pk>/tevredenheid/",
        tevredenheid.ToewijzingEnqueteView.as_view(),
        name="toewijzing-enquete",
    ),
    path("klachten/", klachten.KlachtListView.as_view(), name="klacht-list"),
    path("klachten/nieuw/", klachten.KlachtNieuwView.as_view(), name="klacht-nieuw"),
    path("klachten/<int:pk>/", klachten.KlachtDetailView.as_view(), name="klacht-detail"),
    path("klachten/<int:pk>/stap/", klachten.KlachtStapView.as_view(), name="klacht-stap"),
    path("klachten/<int:pk>/afhandelen/", klachten.KlachtAfhandelenView.as_view(), name="klacht-afhandelen"),
    path("wachtlijst/", wachtlijst.WachtlijstView.as_view(), name="wachtlijst"),
    path("wachtlijst/capaciteit/", wachtlijst.CapaciteitView.as_view(), name="capaciteit-melden"),
]

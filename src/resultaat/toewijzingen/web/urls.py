"""The toewijzingen list and the provider portal (in the site's "web" namespace, see resultaat.web.urls)."""

from django.urls import path

from resultaat.toewijzingen.web.views.portaal import (
    AccepterenView,
    CsvUploadView,
    CsvVoorbeeldView,
    HervattenView,
    OnderaannemerView,
    PortaalOverzichtView,
    RetournerenView,
    StartView,
    StopView,
    TijdelijkeStopView,
)
from resultaat.toewijzingen.web.views.toewijzingen import ToewijzingListView

urlpatterns = [
    path("toewijzingen/", ToewijzingListView.as_view(), name="toewijzing-list"),
    path("portaal/", PortaalOverzichtView.as_view(), name="portaal"),
    path("portaal/csv/", CsvUploadView.as_view(), name="portaal-csv"),
    path("portaal/csv/voorbeeld.csv", CsvVoorbeeldView.as_view(), name="portaal-csv-voorbeeld"),
    path("portaal/toewijzingen/<int:pk>/accepteren/", AccepterenView.as_view(), name="portaal-accepteren"),
    path("portaal/toewijzingen/<int:pk>/retourneren/", RetournerenView.as_view(), name="portaal-retourneren"),
    path("portaal/toewijzingen/<int:pk>/start/", StartView.as_view(), name="portaal-start"),
    path(
        "portaal/toewijzingen/<int:pk>/tijdelijk-stoppen/",
        TijdelijkeStopView.as_view(),
        name="portaal-tijdelijke-stop",
    ),
    path("portaal/toewijzingen/<int:pk>/hervatten/", HervattenView.as_view(), name="portaal-hervatten"),
    path("portaal/toewijzingen/<int:pk>/stop/", StopView.as_view(), name="portaal-stop"),
    path(
        "portaal/toewijzingen/<int:pk>/onderaannemer/",
        OnderaannemerView.as_view(),
        name="portaal-onderaannemer",
    ),
]

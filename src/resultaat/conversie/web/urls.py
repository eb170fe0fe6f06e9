"""The conversion pages (in the site's "web" namespace, included by resultaat.web.urls)."""

from django.urls import path

from resultaat.conversie.web.uitvoeren import (
    OmzettingView,
    RondeActieView,
    RondeBrievenView,
    RondeView,
    ScenarioUitvoerenView,
)
from resultaat.conversie.web.views import (
    ConversieView,
    ImportNieuwView,
    ImportStapView,
    ImportView,
    ScenarioNieuwView,
    VergelijkingView,
)

urlpatterns = [
    path("conversie/", ConversieView.as_view(), name="conversie"),
    path("conversie/imports/nieuw/", ImportNieuwView.as_view(), name="conversie-import-nieuw"),
    path("conversie/imports/<int:pk>/", ImportView.as_view(), name="conversie-import"),
    path("conversie/imports/<int:pk>/stap/", ImportStapView.as_view(), name="conversie-import-stap"),
    path("conversie/scenarios/nieuw/", ScenarioNieuwView.as_view(), name="conversie-scenario-nieuw"),
    path("conversie/scenarios/", VergelijkingView.as_view(), name="conversie-vergelijking"),
    path("conversie/omzetting/", OmzettingView.as_view(), name="conversie-omzetting"),
    path(
        "conversie/scenarios/<int:pk>/uitvoeren/", ScenarioUitvoerenView.as_view(), name="conversie-uitvoeren"
    ),
    path("conversie/rondes/<int:pk>/", RondeView.as_view(), name="conversie-ronde"),
    path("conversie/rondes/<int:pk>/brieven.pdf", RondeBrievenView.as_view(), name="conversie-ronde-brieven"),
    path("conversie/rondes/<int:pk>/actie/", RondeActieView.as_view(), name="conversie-ronde-actie"),
]

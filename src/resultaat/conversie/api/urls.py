"""The conversion's resources of /api/v1/; resultaat.api.urls registers them on the one router."""

from resultaat.conversie.api.viewsets import IndicatieimportViewSet, ScenarioViewSet

routes = [
    ("conversie/imports", IndicatieimportViewSet, "indicatieimport"),
    ("conversie/scenarios", ScenarioViewSet, "scenario"),
]

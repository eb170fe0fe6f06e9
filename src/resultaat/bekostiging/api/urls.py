"""Bekostiging's resources of /api/v1/; resultaat.api.urls registers them on the one router."""

from resultaat.bekostiging.api.viewsets import AfrekenregelViewSet, AfrekenrunViewSet, BetaalbatchViewSet

routes = [
    ("bekostiging/runs", AfrekenrunViewSet, "afrekenrun"),
    ("bekostiging/regels", AfrekenregelViewSet, "afrekenregel"),
    ("bekostiging/batches", BetaalbatchViewSet, "betaalbatch"),
]

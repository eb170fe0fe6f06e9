"""Toewijzingen and leveringen in /api/v1/; resultaat.api.urls registers them on the one router."""

from resultaat.toewijzingen.api.viewsets import LeveringViewSet, ToewijzingViewSet

routes = [
    ("toewijzingen", ToewijzingViewSet, "toewijzing"),
    ("leveringen", LeveringViewSet, "levering"),
]

"""The figures' resource of /api/v1/; resultaat.api.urls registers it on the one router."""

from resultaat.sturing.api.viewsets import KengetalViewSet

routes = [
    ("kengetallen", KengetalViewSet, "kengetal"),
]

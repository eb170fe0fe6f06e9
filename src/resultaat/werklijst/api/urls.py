"""The worklist's resource of /api/v1/; resultaat.api.urls registers it on the one router."""

from resultaat.werklijst.api.viewsets import WerklijstViewSet

routes = [
    ("werklijst", WerklijstViewSet, "werklijstitem"),
]

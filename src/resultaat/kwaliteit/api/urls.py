"""The quality component's resources of /api/v1/; resultaat.api.urls registers them on the one router."""

from resultaat.kwaliteit.api.viewsets import (
    EnqueteViewSet,
    KlachtViewSet,
    TevredenheidViewSet,
    WachtlijstViewSet,
)

routes = [
    ("enquetes", EnqueteViewSet, "enquete"),
    ("klachten", KlachtViewSet, "klacht"),
    ("tevredenheid", TevredenheidViewSet, "tevredenheid"),
    ("wachtlijst", WachtlijstViewSet, "wachtlijst"),
]

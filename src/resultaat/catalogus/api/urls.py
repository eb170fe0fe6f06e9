"""The catalogue's resources of /api/v1/; resultaat.api.urls registers them on the one router."""

from resultaat.catalogus.api.viewsets import (
    ProductViewSet,
    ResultaatDomeinViewSet,
    ResultaatViewSet,
    TijdsbandViewSet,
)

routes = [
    ("catalogus/resultaatdomeinen", ResultaatDomeinViewSet, "resultaatdomein"),
    ("catalogus/resultaten", ResultaatViewSet, "resultaat"),
    ("catalogus/producten", ProductViewSet, "product"),
    ("catalogus/tijdsbanden", TijdsbandViewSet, "tijdsband"),
]

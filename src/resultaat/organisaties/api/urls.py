"""The organisations' resources of /api/v1/; resultaat.api.urls registers them on the one router."""

from resultaat.organisaties.api.viewsets import AanbiederViewSet, GemeenteViewSet

routes = [
    ("gemeenten", GemeenteViewSet, "gemeente"),
    ("aanbieders", AanbiederViewSet, "aanbieder"),
]

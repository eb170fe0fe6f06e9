"""iWmo's resources of /api/v1/; resultaat.api.urls registers them on the one router."""

from resultaat.iwmo.api.viewsets import BerichtViewSet, VerzoekViewSet

# The requests sit before the worklist in the API root, the messages after bekostiging.
verzoek_routes = [
    ("verzoeken", VerzoekViewSet, "verzoek"),
]
bericht_routes = [
    ("iwmo/berichten", BerichtViewSet, "iwmobericht"),
]

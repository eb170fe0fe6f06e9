"""/api/v1/: one router for every resource, the token endpoint and the OpenAPI schema.

Each component lists its resources in its own ``api/urls.py`` as (prefix, viewset, basename); this module
registers them on the one router. The order is that of the API root since v1: a new resource goes last.
"""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import DefaultRouter

from resultaat.api.token import TokenIntrekkenView, TokenView
from resultaat.bekostiging.api import urls as bekostiging
from resultaat.catalogus.api import urls as catalogus
from resultaat.clienten.api import urls as clienten
from resultaat.contracten.api import urls as contracten
from resultaat.conversie.api import urls as conversie
from resultaat.iwmo.api import urls as iwmo
from resultaat.kwaliteit.api import urls as kwaliteit
from resultaat.ondersteuning.api import urls as ondersteuning
from resultaat.organisaties.api import urls as organisaties
from resultaat.sturing.api import urls as sturing
from resultaat.toegang.api import urls as toegang
from resultaat.toewijzingen.api import urls as toewijzingen
from resultaat.werklijst.api import urls as werklijst

app_name = "api"


class Router(DefaultRouter):
    # No ".json" URL variants: one URL per resource keeps the schema and the isolation test simple.
    include_format_suffixes = False


ROUTES = [
    *organisaties.routes,
    *contracten.routes,
    *catalogus.routes,
    *clienten.routes,
    *toegang.routes,
    *toewijzingen.routes,
    *ondersteuning.routes,
    *iwmo.verzoek_routes,
    *werklijst.routes,
    *clienten.audit_routes,
    *bekostiging.routes,
    *iwmo.bericht_routes,
    *toegang.overstap_routes,
    *conversie.routes,
    *kwaliteit.routes,
    *sturing.routes,
]

router = Router(trailing_slash=True)
for prefix, viewset, basename in ROUTES:
    router.register(prefix, viewset, basename=basename)

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("token/", TokenView.as_view(), name="token"),
    path("token/intrekken/", TokenIntrekkenView.as_view(), name="token-intrekken"),
    *router.urls,
]

"""The catalogue page (in the site's "web" namespace, included by resultaat.web.urls)."""

from django.urls import path

from resultaat.catalogus.web.views import CatalogusView

urlpatterns = [
    path("catalogus/", CatalogusView.as_view(), name="catalogus"),
]

"""The dashboards (in the site's "web" namespace, included by resultaat.web.urls)."""

from django.urls import path

from resultaat.sturing.web.views import AanbiederView, MijnCijfersView, RegioView

urlpatterns = [
    path("sturing/", RegioView.as_view(), name="sturing"),
    path("sturing/aanbieders/<int:pk>/", AanbiederView.as_view(), name="sturing-aanbieder"),
    path("portaal/cijfers/", MijnCijfersView.as_view(), name="sturing-mijn"),
]

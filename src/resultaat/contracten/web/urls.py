"""The list of contracts (in the site's "web" namespace, included by resultaat.web.urls)."""

from django.urls import path

from resultaat.contracten.web.views import ContractListView

urlpatterns = [
    path("contracten/", ContractListView.as_view(), name="contract-list"),
]

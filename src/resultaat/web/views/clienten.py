"""The client page: personal data and the whole chain as a timeline.

In the site shell, not in resultaat.clienten: the timeline shows toegang, toewijzingen and ondersteuning.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from resultaat.clienten.models import Client
from resultaat.core.tabellen import CLIENTPAGINA
from resultaat.core.web import ScopedDetailView
from resultaat.eigen_bijdrage.services import overzicht_voor
from resultaat.web.tijdlijn import tijdlijn


class ClientDetailView(ScopedDetailView):
    """Personal data (the full BSN only here) and the chain as a timeline; the read is audited."""

    secties = CLIENTPAGINA
    model = Client
    template_name = "web/client_detail.html"
    context_object_name = "client"

    def get_queryset(self) -> QuerySet[Client]:
        return Client.objects.for_user(self.request.user).select_related("gemeente")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        client = self.object
        vandaag = timezone.localdate()
        context["vandaag"] = vandaag
        context["tijdlijn"] = tijdlijn(client, self.request.user, vandaag)
        if getattr(self.request.user, "is_gemeente_user", False):
            context["eigen_bijdrage"] = overzicht_voor(client, vandaag)
        return context

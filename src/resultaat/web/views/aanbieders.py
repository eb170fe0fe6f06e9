"""Providers and their contracts, as the gemeente's purchasing and finance staff see them.

In the site shell, not in resultaat.organisaties: the pages count contracts and toewijzingen (higher).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from resultaat.contracten.models import Contract
from resultaat.core.web import ScopedDetailView, ScopedListView
from resultaat.organisaties.models import Aanbieder
from resultaat.toewijzingen.models import Toewijzing


class AanbiederListView(ScopedListView):
    secties = ("aanbieders",)
    model = Aanbieder
    template_name = "web/aanbieder_list.html"
    context_object_name = "aanbieders"

    def get_queryset(self) -> QuerySet[Aanbieder]:
        vandaag = timezone.localdate()
        actief = Toewijzing.objects.for_user(self.request.user).actief_op(vandaag)
        return (
            Aanbieder.objects.for_user(self.request.user)
            .annotate(
                toewijzingen_actief=Count(
                    "toewijzingen", filter=Q(toewijzingen__in=actief.values("pk")), distinct=True
                )
            )
            .order_by("naam")
        )


class AanbiederDetailView(ScopedDetailView):
    secties = ("aanbieders",)
    model = Aanbieder
    template_name = "web/aanbieder_detail.html"
    context_object_name = "aanbieder"

    def get_queryset(self) -> QuerySet[Aanbieder]:
        return Aanbieder.objects.for_user(self.request.user)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        vandaag = timezone.localdate()
        contracten = (
            Contract.objects.for_user(user)
            .filter(aanbieder=self.object)
            .prefetch_related("gemeenten")
            .annotate(aantal_producten=Count("producten", distinct=True))
            .order_by("-geldig_van", "kenmerk")
        )
        actief = Toewijzing.objects.for_user(user).filter(aanbieder=self.object).actief_op(vandaag)
        context.update(
            {
                "vandaag": vandaag,
                "contracten": [{"contract": c, "geldig": c.is_geldig_op(vandaag)} for c in contracten],
                "toewijzingen_actief": actief.count(),
                "clienten_actief": actief.values("client").distinct().count(),
            }
        )
        return context

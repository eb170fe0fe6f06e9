"""The list of toewijzingen (one toewijzing: in the site shell, as it shows plans and signals)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from resultaat.core.tabellen import TabelView
from resultaat.toewijzingen.models import Toewijzing
from resultaat.toewijzingen.web.tabellen import ToewijzingFilter, ToewijzingTabel

FILTERS = {
    "actief": "Actief vandaag",
    "toekomst": "Nog niet begonnen",
    "beeindigd": "Beëindigd",
    "alle": "Alle",
}


class ToewijzingListView(TabelView):
    secties = ("toewijzingen",)
    model = Toewijzing
    template_name = "toewijzingen/toewijzing_list.html"
    context_object_name = "toewijzingen"
    tabel_class = ToewijzingTabel
    filter_class = ToewijzingFilter
    export_naam = "toewijzingen"
    enkelvoud, meervoud = "toewijzing", "toewijzingen"

    def basis(self) -> QuerySet[Toewijzing]:
        qs = Toewijzing.objects.for_user(self.request.user).select_related("client", "product", "aanbieder")
        vandaag = timezone.localdate()
        self.filter = self.request.GET.get("filter", "actief")
        if self.filter not in FILTERS:
            self.filter = "actief"
        if self.filter == "actief":
            qs = qs.actief_op(vandaag)
        elif self.filter == "toekomst":
            qs = qs.filter(ingangsdatum__gt=vandaag)
        elif self.filter == "beeindigd":
            qs = qs.filter(einddatum__lt=vandaag)
        return qs.order_by("-ingangsdatum", "-nummer")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["filters"] = FILTERS
        context["filter"] = self.filter
        context["vandaag"] = timezone.localdate()
        return context

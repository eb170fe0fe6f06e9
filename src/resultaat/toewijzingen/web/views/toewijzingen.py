"""The list of toewijzingen (one toewijzing: in the site shell, as it shows plans and signals)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from resultaat.core.tabellen import TabelView
from resultaat.organisaties.models import Aanbieder
from resultaat.toewijzingen.models import Toewijzing
from resultaat.toewijzingen.web.tabellen import ToewijzingFilter, ToewijzingTabel

FILTERS = {
    "actief": "Actief vandaag",
    "toekomst": "Nog niet begonnen",
    "beeindigd": "Beëindigd",
    "start_te_laat": "Start niet op tijd gemeld",
    "geretourneerd": "Geretourneerd (laatste 3 maanden)",
    "plan_concept": "Plan zonder akkoord",
    "stop_melden": "Beëindigd, stop nog melden",
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
        elif self.filter == "start_te_laat":
            qs = qs.start_te_laat(vandaag)
        elif self.filter == "geretourneerd":
            qs = qs.recent_geretourneerd(vandaag)
        elif self.filter == "plan_concept":
            qs = qs.met_plan_zonder_akkoord()
        elif self.filter == "stop_melden":
            qs = qs.stop_te_melden(vandaag)
        # ``?aanbieder=<id>``: one provider's toewijzingen (the contractmanager's start page links here).
        aanbieder = self.request.GET.get("aanbieder", "")
        self.aanbieder = None
        if aanbieder.isdigit():
            self.aanbieder = Aanbieder.objects.filter(pk=int(aanbieder)).first()
            qs = qs.filter(aanbieder_id=int(aanbieder))
        return qs.order_by("-ingangsdatum", "-nummer")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["filters"] = FILTERS
        context["filter"] = self.filter
        context["aanbieder"] = self.aanbieder
        context["vandaag"] = timezone.localdate()
        return context

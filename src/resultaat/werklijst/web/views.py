"""The consulent's worklist, most urgent first: overdue items on top, then by deadline."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from resultaat.core.tabellen import StatusTabelView
from resultaat.werklijst.models import WerklijstItem, WerklijstSoort, WerklijstStatus
from resultaat.werklijst.web.tabellen import WerklijstFilter, WerklijstTabel, termijn_tekst

# ``?termijn=``: items past their deadline, or due within BINNENKORT_DAGEN days (today included).
TERMIJNEN = {"verlopen": "over de termijn", "binnenkort": "termijn verloopt binnen een week"}
BINNENKORT_DAGEN = 7


def filter_termijn(qs: Any, termijn: str, vandaag: dt.date) -> Any:
    if termijn == "verlopen":
        return qs.filter(uiterlijk__lt=vandaag)
    if termijn == "binnenkort":
        return qs.filter(uiterlijk__gte=vandaag, uiterlijk__lt=vandaag + dt.timedelta(days=BINNENKORT_DAGEN))
    return qs


def werklijst_regels(items: Iterable[WerklijstItem], vandaag: dt.date) -> list[dict[str, Any]]:
    """Each item with whether it is overdue and how many days are left."""
    regels = []
    for item in items:
        dagen = (item.uiterlijk - vandaag).days if item.uiterlijk else None
        regels.append(
            {
                "item": item,
                "te_laat": item.is_te_laat(vandaag),
                "dagen": dagen,
                "termijn": termijn_tekst(dagen) if item.status == WerklijstStatus.OPEN else "",
            }
        )
    return regels


class WerklijstView(StatusTabelView):
    secties = ("werklijst",)
    model = WerklijstItem
    template_name = "werklijst/werklijst.html"
    context_object_name = "items"
    paginate_by = 50
    status_keuzes = WerklijstStatus
    status_standaard = WerklijstStatus.OPEN
    tabel_class = WerklijstTabel
    filter_class = WerklijstFilter
    export_naam = "werklijst"
    enkelvoud, meervoud = "taak", "taken"

    def basis(self) -> QuerySet[WerklijstItem]:
        qs = self.filter_status(WerklijstItem.objects.for_user(self.request.user))
        # ``?soort=onderzoek`` and ``?termijn=verlopen``: the links of the start page's counts.
        self.soort = self.request.GET.get("soort", "")
        if self.soort not in WerklijstSoort.values:
            self.soort = ""
        self.termijn = self.request.GET.get("termijn", "")
        if self.termijn not in TERMIJNEN:
            self.termijn = ""
        qs = filter_termijn(qs, self.termijn, timezone.localdate())
        return qs.op_urgentie().select_related("client", "toegewezen_aan", "content_type")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["soort_label"] = WerklijstSoort(self.soort).label if self.soort else ""
        context["termijn_label"] = TERMIJNEN.get(self.termijn, "")
        return context

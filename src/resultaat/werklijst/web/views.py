"""The consulent's worklist, most urgent first: overdue items on top, then by deadline."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from resultaat.core.web import StatusListView
from resultaat.werklijst.models import WerklijstItem, WerklijstSoort, WerklijstStatus

# ``?termijn=``: items past their deadline, or due within BINNENKORT_DAGEN days (today included).
TERMIJNEN = {"verlopen": "over de termijn", "binnenkort": "termijn verloopt binnen een week"}
BINNENKORT_DAGEN = 7


def filter_termijn(qs: Any, termijn: str, vandaag: dt.date) -> Any:
    if termijn == "verlopen":
        return qs.filter(uiterlijk__lt=vandaag)
    if termijn == "binnenkort":
        return qs.filter(uiterlijk__gte=vandaag, uiterlijk__lt=vandaag + dt.timedelta(days=BINNENKORT_DAGEN))
    return qs


def termijn_tekst(dagen: int | None) -> str:
    """How far away a deadline is, in words: "nog 3 dagen", "vandaag", "2 dagen te laat"."""
    if dagen is None:
        return ""
    if dagen == 0:
        return "vandaag"
    if dagen > 0:
        return "nog 1 dag" if dagen == 1 else f"nog {dagen} dagen"
    return "1 dag te laat" if dagen == -1 else f"{-dagen} dagen te laat"


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


class WerklijstView(StatusListView):
    secties = ("werklijst",)
    model = WerklijstItem
    template_name = "werklijst/werklijst.html"
    context_object_name = "items"
    paginate_by = 50
    status_keuzes = WerklijstStatus
    status_standaard = WerklijstStatus.OPEN

    def get_queryset(self) -> QuerySet[WerklijstItem]:
        qs = self.filter_status(WerklijstItem.objects.for_user(self.request.user))
        # ``?soort=onderzoek`` and ``?termijn=verlopen``: the links of the start page's counts.
        self.soort = self.request.GET.get("soort", "")
        if self.soort not in WerklijstSoort.values:
            self.soort = ""
        if self.soort:
            qs = qs.filter(soort=self.soort)
        self.termijn = self.request.GET.get("termijn", "")
        if self.termijn not in TERMIJNEN:
            self.termijn = ""
        qs = filter_termijn(qs, self.termijn, timezone.localdate())
        return qs.op_urgentie().select_related("client", "toegewezen_aan", "content_type")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        vandaag = timezone.localdate()
        context["vandaag"] = vandaag
        context["regels"] = werklijst_regels(context["items"], vandaag)
        context["soort_label"] = WerklijstSoort(self.soort).label if self.soort else ""
        context["termijn_label"] = TERMIJNEN.get(self.termijn, "")
        return context

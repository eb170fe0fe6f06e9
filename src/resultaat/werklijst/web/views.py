"""The consulent's worklist, most urgent first: overdue items on top, then by deadline."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from resultaat.core.web import StatusListView
from resultaat.werklijst.models import WerklijstItem, WerklijstStatus


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
        return qs.op_urgentie().select_related("client", "toegewezen_aan", "content_type")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        vandaag = timezone.localdate()
        context["vandaag"] = vandaag
        context["regels"] = werklijst_regels(context["items"], vandaag)
        return context

"""The consulent's worklist, most urgent first: overdue items on top, then by deadline."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db.models import QuerySet

from resultaat.core.tabellen import StatusTabelView
from resultaat.werklijst.models import WerklijstItem, WerklijstStatus
from resultaat.werklijst.web.tabellen import WerklijstFilter, WerklijstTabel, termijn_tekst


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
        return qs.op_urgentie().select_related("client", "toegewezen_aan", "content_type")

"""The worklist as a table: most urgent first, sortable by deadline, kind or client; search by client."""

from __future__ import annotations

from typing import Any

import django_filters
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from resultaat.core.tabellen import (
    CLIENTPAGINA,
    DatumKolom,
    Kolom,
    LinkKolom,
    SjabloonKolom,
    Tabel,
    ZoekFilter,
)
from resultaat.werklijst.models import WerklijstItem, WerklijstSoort, WerklijstStatus


def termijn_tekst(dagen: int | None) -> str:
    """How far away a deadline is, in words: "nog 3 dagen", "vandaag", "2 dagen te laat"."""
    if dagen is None:
        return ""
    if dagen == 0:
        return "vandaag"
    if dagen > 0:
        return "nog 1 dag" if dagen == 1 else f"nog {dagen} dagen"
    return "1 dag te laat" if dagen == -1 else f"{-dagen} dagen te laat"


def stand(item: WerklijstItem) -> tuple[str, str]:
    """The badge of an item: (NL Design System modifier, text)."""
    vandaag = timezone.localdate()
    dagen = (item.uiterlijk - vandaag).days if item.uiterlijk else None
    if item.status == WerklijstStatus.AFGEHANDELD:
        return "safe", "Afgehandeld"
    if item.is_te_laat(vandaag):
        return "danger", "Te laat"
    if dagen is not None and dagen <= 7:
        return "warning resultaat-badge--donker", "Binnen een week"
    return "neutral", "Open"


class WerklijstFilter(ZoekFilter):
    client = django_filters.CharFilter(
        label="Achternaam cliënt", field_name="client__achternaam", lookup_expr="istartswith"
    )
    soort = django_filters.ChoiceFilter(
        label="Soort", choices=WerklijstSoort.choices, empty_label="Alle soorten"
    )

    class Meta:
        model = WerklijstItem
        fields: list[str] = []


class WerklijstTabel(Tabel):
    uiterlijk = DatumKolom("Uiterlijk", orderable=True, default="geen termijn")
    termijn = Kolom("Termijn", accessor="uiterlijk", orderable=False, empty_values=())
    status = Kolom("Status", orderable=True, empty_values=())
    soort = Kolom("Soort", accessor="get_soort_display", orderable=True, order_by=("soort", "uiterlijk"))
    client = LinkKolom(
        "Cliënt",
        accessor="client__naam",
        url=lambda i: reverse("web:client-detail", args=[i.client_id]),
        secties=CLIENTPAGINA,
        orderable=True,
        order_by=("client__achternaam", "client__voorletters"),
    )
    omschrijving = SjabloonKolom(verbose_name="Omschrijving", template_name="werklijst/_omschrijving.html")
    behandelaar = Kolom("Behandelaar", accessor="toegewezen_aan", default="–")

    def render_termijn(self, record: WerklijstItem) -> str:
        if record.status != WerklijstStatus.OPEN or not record.uiterlijk:
            return ""
        return termijn_tekst((record.uiterlijk - timezone.localdate()).days)

    def value_termijn(self, record: WerklijstItem) -> str:
        return self.render_termijn(record)

    def render_status(self, record: WerklijstItem) -> str:
        klasse, tekst = stand(record)
        return format_html(
            '<span class="utrecht-status-badge utrecht-status-badge--{}">{}</span>', klasse, tekst
        )

    def value_status(self, record: WerklijstItem) -> str:
        return stand(record)[1]

    def render_behandelaar(self, value: Any) -> str:
        return value.get_full_name() or value.username

    def value_behandelaar(self, value: Any) -> str:
        return (value.get_full_name() or value.username) if value else ""

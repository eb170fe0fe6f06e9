"""The iWmo messages list as a table: filter by message type, direction and status; sort by date, type
or status."""

from __future__ import annotations

import django_filters
from django.urls import reverse

from resultaat.core.codes import COD002Berichtcode
from resultaat.core.tabellen import DatumTijdKolom, Kolom, LinkKolom, Tabel, ZoekFilter
from resultaat.iwmo.models import Bericht, BerichtStatus, Richting

BERICHTTYPEN = [label.split(" ", 1)[0] for label in COD002Berichtcode.labels]


class BerichtFilter(ZoekFilter):
    berichttype = django_filters.ChoiceFilter(
        label="Berichttype", choices=[(t, t) for t in BERICHTTYPEN], empty_label="Alle"
    )
    richting = django_filters.ChoiceFilter(label="Richting", choices=Richting.choices, empty_label="Alle")
    status = django_filters.ChoiceFilter(label="Status", choices=BerichtStatus.choices, empty_label="Alle")
    identificatie = django_filters.CharFilter(label="Berichtnummer", lookup_expr="icontains")

    class Meta:
        model = Bericht
        fields: list[str] = []


class BerichtTabel(Tabel):
    aangemaakt_op = DatumTijdKolom("Datum", orderable=True)
    bericht = LinkKolom(
        "Bericht",
        accessor="identificatie",
        url=lambda b: reverse("web:bericht-detail", args=[b.pk]),
        orderable=True,
        order_by=("berichttype", "identificatie"),
    )
    richting = Kolom("Richting", accessor="get_richting_display", orderable=True, order_by=("richting",))
    van_aan = Kolom("Van → aan", accessor="afzender")
    status = Kolom("Status", accessor="get_status_display", orderable=True, order_by=("status",))
    retourcodes = Kolom("Retourcodes", default="–")

    def render_bericht(self, record: Bericht) -> str:
        return LinkKolom.render(
            self.columns["bericht"].column, f"{record.berichttype} {record.identificatie}", record
        )

    def value_bericht(self, record: Bericht) -> str:
        return f"{record.berichttype} {record.identificatie}"

    def render_van_aan(self, record: Bericht) -> str:
        return f"{record.afzender} → {record.ontvanger}"

    def value_van_aan(self, record: Bericht) -> str:
        return self.render_van_aan(record)

    def render_retourcodes(self, value: list[str]) -> str:
        return ", ".join(value) or "–"

    def value_retourcodes(self, value: list[str] | None) -> str:
        return ", ".join(value or [])

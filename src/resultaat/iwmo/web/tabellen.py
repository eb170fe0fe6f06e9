"""The iWmo messages list as a table: filter by message type, direction and status; sort by date, type
or status."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Q
from django.urls import reverse

from resultaat.core.codes import COD002Berichtcode
from resultaat.core.tabellen import (
    DatumKolom,
    DatumTijdKolom,
    Kolom,
    LinkKolom,
    SjabloonKolom,
    Tabel,
    ZoekFilter,
)
from resultaat.iwmo.inhoud import retourcode_tekst
from resultaat.iwmo.models import Bericht, BerichtStatus, Richting, Verzoek

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
        return LinkKolom.render(self.columns["bericht"].column, self.value_bericht(record), record, self)

    def value_bericht(self, record: Bericht) -> str:
        # "WMO305 Start ondersteuning DEMO000001": the type with what it is.
        return f"{record.get_berichtcode_display()} {record.identificatie}"

    def render_van_aan(self, record: Bericht) -> str:
        """The parties by name where the message is linked to them, else by their code."""
        gemeente = f"gemeente {record.gemeente.naam}" if record.gemeente else None
        aanbieder = record.aanbieder.naam if record.aanbieder else None
        if record.richting == "in":
            return f"{aanbieder or record.afzender} → {gemeente or record.ontvanger}"
        return f"{gemeente or record.afzender} → {aanbieder or record.ontvanger}"

    def value_van_aan(self, record: Bericht) -> str:
        return self.render_van_aan(record)

    def render_retourcodes(self, value: list[str]) -> str:
        # Each code with its official meaning: "Geen opmerking over deze berichtklasse. (0200)".
        return "; ".join(retourcode_tekst(c) for c in value) or "–"

    def value_retourcodes(self, value: list[str] | None) -> str:
        return "; ".join(retourcode_tekst(c) for c in value or [])


class VerzoekFilter(ZoekFilter):
    zoek = django_filters.CharFilter(label="Cliënt of aanbieder", method="zoeken")

    class Meta:
        model = Verzoek
        fields: list[str] = []

    def zoeken(self, qs: Any, naam: str, waarde: str) -> Any:
        w = waarde.strip()
        if not w:
            return qs
        return qs.filter(Q(client__achternaam__istartswith=w) | Q(aanbieder__naam__icontains=w))


class VerzoekTabel(Tabel):
    ingediend_op = DatumKolom("Ingediend", orderable=True)
    soort = LinkKolom(
        "Soort",
        accessor="get_soort_display",
        url=lambda v: reverse("web:verzoek-detail", args=[v.pk]),
        hoofdletter=True,
        orderable=True,
        order_by=("soort", "-ingediend_op"),
    )
    client = Kolom(
        "Cliënt",
        accessor="client__naam",
        orderable=True,
        order_by=("client__achternaam", "client__voorletters"),
    )
    aanbieder = Kolom("Aanbieder", accessor="aanbieder__naam", orderable=True)
    bron = Kolom("Via", accessor="get_bron_display")
    uiterlijk = DatumKolom("Antwoord uiterlijk", orderable=True)
    status = SjabloonKolom(
        verbose_name="Status",
        template_code='{% with v=record %}{% include "iwmo/_verzoek_status.html" %}{% endwith %}',
        orderable=True,
    )

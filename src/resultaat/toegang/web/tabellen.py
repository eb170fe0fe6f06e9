"""The mandate proposals as a table: search by client, filter by status, sort by client or status."""

from __future__ import annotations

import django_filters
from django.urls import reverse

from resultaat.core.tabellen import Kolom, LinkKolom, Tabel, ZoekFilter
from resultaat.toegang.models import Indicatie, IndicatieStatus


class MandaatFilter(ZoekFilter):
    client = django_filters.CharFilter(
        label="Achternaam cliënt", field_name="client__achternaam", lookup_expr="istartswith"
    )
    status = django_filters.ChoiceFilter(label="Status", choices=IndicatieStatus.choices, empty_label="Alle")

    class Meta:
        model = Indicatie
        fields: list[str] = []


class MandaatTabel(Tabel):
    client = LinkKolom(
        "Cliënt",
        accessor="client__naam",
        url=lambda i: reverse("web:indicatie-detail", args=[i.pk]),
        orderable=True,
        order_by=("client__achternaam", "client__voorletters"),
    )
    resultaat = Kolom("Resultaat", accessor="resultaat__naam", orderable=True)
    aanbieder = Kolom("Aanbieder", accessor="mandaat_aanbieder__naam", orderable=True)
    tijdsband = Kolom("Band", accessor="tijdsband__naam", default="–")
    status = Kolom("Status", orderable=True)

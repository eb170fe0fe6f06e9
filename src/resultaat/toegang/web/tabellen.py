"""The mandate proposals and the beschikkingen as tables: search, filter, sort and export."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Q
from django.urls import reverse

from resultaat.core.tabellen import DatumKolom, Kolom, LinkKolom, Tabel, ZoekFilter
from resultaat.toegang.models import Beschikking, Besluit, Indicatie, IndicatieStatus


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


class BeschikkingFilter(ZoekFilter):
    zoek = django_filters.CharFilter(
        label="Zoeken",
        method="zoeken",
        help_text="Beschikkingnummer of achternaam van de cliënt.",
    )
    besluit = django_filters.ChoiceFilter(label="Besluit", choices=Besluit.choices, empty_label="Alle")

    class Meta:
        model = Beschikking
        fields: list[str] = []

    def zoeken(self, qs: Any, naam: str, waarde: str) -> Any:
        w = waarde.strip()
        if not w:
            return qs
        return qs.filter(Q(nummer__icontains=w) | Q(client__achternaam__istartswith=w))


class BeschikkingTabel(Tabel):
    nummer = LinkKolom("Nummer", url=lambda b: reverse("web:beschikking-detail", args=[b.pk]), orderable=True)
    client = LinkKolom(
        "Cliënt",
        accessor="client__naam",
        url=lambda b: reverse("web:client-detail", args=[b.client_id]),
        orderable=True,
        order_by=("client__achternaam", "client__voorletters"),
    )
    besluit = Kolom("Besluit", orderable=True)
    besluitdatum = DatumKolom("Besluitdatum", orderable=True)
    ingangsdatum = DatumKolom("Ingangsdatum", orderable=True, default="–")
    einddatum = DatumKolom("Einddatum", orderable=True, default="onbepaald")
    verzonden_op = DatumKolom("Verzonden", orderable=True, default="nog niet")

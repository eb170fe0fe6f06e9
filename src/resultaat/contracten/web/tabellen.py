"""The contracts list as a table: search by reference or provider, sort by reference, provider or dates."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Q
from django.urls import reverse

from resultaat.contracten.models import Contract
from resultaat.core.tabellen import DatumKolom, GetalKolom, Kolom, LinkKolom, Tabel, ZoekFilter


class ContractFilter(ZoekFilter):
    zoek = django_filters.CharFilter(label="Kenmerk, aanbieder of perceel", method="zoeken")

    class Meta:
        model = Contract
        fields: list[str] = []

    def zoeken(self, qs: Any, naam: str, waarde: str) -> Any:
        w = waarde.strip()
        if not w:
            return qs
        return qs.filter(Q(kenmerk__icontains=w) | Q(aanbieder__naam__icontains=w) | Q(perceel__icontains=w))


class ContractTabel(Tabel):
    kenmerk = LinkKolom("Kenmerk", url=lambda c: reverse("web:contract-detail", args=[c.pk]), orderable=True)
    aanbieder = Kolom("Aanbieder", accessor="aanbieder__naam", orderable=True)
    perceel = Kolom("Perceel", orderable=True)
    gemeenten = Kolom("Gemeenten", accessor="pk")
    geldig_van = DatumKolom("Geldig van", orderable=True)
    geldig_tot = DatumKolom("Geldig tot en met", orderable=True, default="onbepaald")
    aantal_producten = GetalKolom("Producten", orderable=True)

    def render_gemeenten(self, record: Contract) -> str:
        return ", ".join(g.naam for g in record.gemeenten.all())

    def value_gemeenten(self, record: Contract) -> str:
        return self.render_gemeenten(record)

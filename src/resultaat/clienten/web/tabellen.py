"""The client list as a table: search by surname, sort by name, birth date or place."""

from __future__ import annotations

from typing import Any

import django_filters
from django.urls import reverse

from resultaat.clienten.models import Client
from resultaat.core.tabellen import CLIENTPAGINA, DatumKolom, Kolom, LinkKolom, Tabel, ZoekFilter


class ClientFilter(ZoekFilter):
    achternaam = django_filters.CharFilter(
        label="Achternaam", method="begint_met", help_text="De eerste letters zijn genoeg."
    )

    class Meta:
        model = Client
        fields: list[str] = []

    def begint_met(self, qs: Any, naam: str, waarde: str) -> Any:
        return qs.filter(achternaam__istartswith=waarde.strip()) if waarde.strip() else qs


class ClientTabel(Tabel):
    naam = LinkKolom(
        "Naam",
        url=lambda c: reverse("web:client-detail", args=[c.pk]),
        secties=CLIENTPAGINA,
        orderable=True,
        order_by=("achternaam", "voorletters", "pk"),
    )
    bsn = Kolom("BSN", accessor="bsn_gemaskeerd")
    geboortedatum = DatumKolom("Geboortedatum", orderable=True)
    woonplaats = Kolom("Woonplaats", orderable=True)
    gemeente = Kolom("Gemeente", accessor="gemeente__naam", orderable=True)

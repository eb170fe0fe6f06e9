"""The mandate proposals and the beschikkingen as tables: search, filter, sort and export."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Q
from django.urls import reverse

from resultaat.core.tabellen import (
    CLIENTPAGINA,
    BedragKolom,
    DatumKolom,
    GetalKolom,
    Kolom,
    LinkKolom,
    Tabel,
    ZoekFilter,
)
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
        secties=CLIENTPAGINA,
        orderable=True,
        order_by=("client__achternaam", "client__voorletters"),
    )
    besluit = Kolom("Besluit", orderable=True)
    besluitdatum = DatumKolom("Besluitdatum", orderable=True)
    ingangsdatum = DatumKolom("Ingangsdatum", orderable=True, default="–")
    einddatum = DatumKolom("Einddatum", orderable=True, default="onbepaald")
    verzonden_op = DatumKolom("Verzonden", orderable=True, default="nog niet")


class JaNeeKolom(Kolom):
    """A yes/no fact: "ja" or "nee", on the page and in an export."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("empty_values", ())
        super().__init__(*args, **kwargs)

    def render(self, value: Any) -> str:
        return "ja" if value else "nee"

    def value(self, value: Any, **kwargs: Any) -> str:
        return self.render(value)


class TermijnregisterTabel(Tabel):
    """The export of the register of Awb terms: one row per case (the rows of ``awb.registerregel``),
    dates as dates and the dwangsom as an amount."""

    client = Kolom("Cliënt", accessor="client__naam")
    melding_op = DatumKolom("Melding ontvangen")
    onderzoek_uiterlijk = DatumKolom("Onderzoek uiterlijk")
    onderzoek_verlengd = JaNeeKolom("Onderzoekstermijn verlengd")
    aanvraag_op = DatumKolom("Aanvraag ontvangen", default="")
    besluit_uiterlijk = DatumKolom("Besluit uiterlijk", default="")
    besluit_verdaagd = JaNeeKolom("Beslistermijn verdaagd")
    ingebrekestelling_op = DatumKolom("Ingebrekestelling ontvangen", default="")
    dwangsom_dagen = GetalKolom("Dwangsom dagen")
    dwangsom_cent = BedragKolom("Dwangsom tot nu toe")
    te_laat = JaNeeKolom("Termijn overschreden")
    status = Kolom("Status")

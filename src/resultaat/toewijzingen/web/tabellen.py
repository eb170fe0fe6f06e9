"""The toewijzingen list as a table: search by number, client, product or provider; sort by number,
client, provider or dates."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Q
from django.urls import reverse

from resultaat.core.tabellen import DatumKolom, Kolom, LinkKolom, SjabloonKolom, Tabel, ZoekFilter
from resultaat.toewijzingen.models import Toewijzing

CLIENT = (
    '{% if "clienten" in secties %}<a class="utrecht-link utrecht-link--html-a" '
    "href=\"{% url 'web:client-detail' record.client_id %}\">{{ record.client.naam }}</a>"
    "{% else %}{{ record.client.naam }}{% endif %}"
)
STATUS = '{% with t=record %}{% include "web/includes/toewijzing_status.html" %}{% endwith %}'


class ToewijzingFilter(ZoekFilter):
    zoek = django_filters.CharFilter(
        label="Zoeken",
        method="zoeken",
        help_text="Nummer, achternaam van de cliënt, product of aanbieder.",
    )

    class Meta:
        model = Toewijzing
        fields: list[str] = []

    def zoeken(self, qs: Any, naam: str, waarde: str) -> Any:
        w = waarde.strip()
        if not w:
            return qs
        return qs.filter(
            Q(nummer__icontains=w)
            | Q(client__achternaam__istartswith=w)
            | Q(product__naam__icontains=w)
            | Q(product__code__iexact=w)
            | Q(aanbieder__naam__icontains=w)
        )


class ToewijzingTabel(Tabel):
    nummer = LinkKolom("Nummer", url=lambda t: reverse("web:toewijzing-detail", args=[t.pk]), orderable=True)
    client = SjabloonKolom(
        verbose_name="Cliënt",
        template_code=CLIENT,
        orderable=True,
        order_by=("client__achternaam", "client__voorletters"),
    )
    product = Kolom("Product", accessor="product", orderable=True, order_by=("product__code",))
    aanbieder = Kolom("Aanbieder", accessor="aanbieder__naam", orderable=True)
    ingangsdatum = DatumKolom("Ingangsdatum", orderable=True)
    einddatum = DatumKolom("Einddatum", orderable=True, default="onbepaald")
    status = SjabloonKolom(verbose_name="Status", template_code=STATUS)

    def render_product(self, record: Toewijzing) -> str:
        p = record.product
        return f"{p.categorie}{p.code} {p.naam}"

    def value_product(self, record: Toewijzing) -> str:
        return self.render_product(record)

    def value_einddatum(self, value: Any) -> Any:
        return value

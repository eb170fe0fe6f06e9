"""The signals list as a table: search by client, sort by date, kind or status."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Q
from django.urls import reverse

from resultaat.core.tabellen import DatumKolom, Kolom, LinkKolom, SjabloonKolom, Tabel, ZoekFilter
from resultaat.ondersteuning.models import Signaal, SignaalSoort, SocialeKaartVoorziening


class SignaalFilter(ZoekFilter):
    zoek = django_filters.CharFilter(label="Cliënt of aanbieder", method="zoeken")
    soort = django_filters.ChoiceFilter(
        label="Soort", choices=SignaalSoort.choices, empty_label="Alle soorten"
    )

    class Meta:
        model = Signaal
        fields: list[str] = []

    def zoeken(self, qs: Any, naam: str, waarde: str) -> Any:
        w = waarde.strip()
        if not w:
            return qs
        return qs.filter(Q(client__achternaam__icontains=w) | Q(aanbieder__naam__icontains=w))


class SignaalTabel(Tabel):
    gemeld_op = DatumKolom("Gemeld op", orderable=True)
    soort = LinkKolom(
        "Soort",
        accessor="get_soort_display",
        url=lambda s: reverse("web:signaal-detail", args=[s.pk]),
        hoofdletter=True,
        orderable=True,
        order_by=("soort", "-gemeld_op"),
    )
    client = Kolom(
        "Cliënt",
        accessor="client__naam",
        orderable=True,
        order_by=("client__achternaam", "client__voorletters"),
    )
    aanbieder = Kolom("Aanbieder", accessor="aanbieder__naam", orderable=True)
    status = SjabloonKolom(
        verbose_name="Status",
        template_code='{% with s=record %}{% include "ondersteuning/_signaal_status.html" %}{% endwith %}',
        orderable=True,
    )


class VoorzieningFilter(ZoekFilter):
    zoek = django_filters.CharFilter(label="Naam of soort", method="zoeken")

    class Meta:
        model = SocialeKaartVoorziening
        fields: list[str] = []

    def zoeken(self, qs: Any, naam: str, waarde: str) -> Any:
        w = waarde.strip()
        return qs.filter(Q(naam__icontains=w) | Q(soort__icontains=w)) if w else qs


NAAM = (
    '{% if mag_beheren %}<a class="utrecht-link utrecht-link--html-a" '
    "href=\"{% url 'web:voorziening-wijzigen' record.pk %}\">{{ record.naam }}</a>"
    "{% else %}{{ record.naam }}{% endif %}"
)


class VoorzieningTabel(Tabel):
    naam = SjabloonKolom(verbose_name="Naam", template_code=NAAM, orderable=True, order_by=("naam",))
    soort = Kolom("Soort", orderable=True, default="–")
    adres = Kolom("Adres", default="–")
    contact = Kolom("Contact", default="–")
    gemeente = Kolom("Gemeente", accessor="gemeente__naam", orderable=True)

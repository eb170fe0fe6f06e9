"""Settlement lines as a table: finance staff find one client's payments over all runs (by surname or
toewijzing number), or the lines of one run, provider or period; sorted and exported like every list."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Q
from django.urls import reverse
from django.utils.html import format_html

from resultaat.bekostiging.models import Afrekenregel, Afrekenrun, Betaalbatch, RegelSoort
from resultaat.core.tabellen import (
    CLIENTPAGINA,
    BedragKolom,
    DatumTijdKolom,
    GetalKolom,
    Kolom,
    LinkKolom,
    SjabloonKolom,
    Tabel,
    ZoekFilter,
)


def run_naam(run: Afrekenrun) -> str:
    return f"Run {run.pk}: {run.gemeente.naam}, periode {run.periode.code} ({run.get_status_display()})"


class AfrekenregelFilter(ZoekFilter):
    zoek = django_filters.CharFilter(
        label="Cliënt of toewijzing",
        method="zoeken",
        help_text="Achternaam van de cliënt (de eerste letters zijn genoeg) of het toewijzingsnummer.",
    )
    run = django_filters.ChoiceFilter(label="Run", empty_label="Alle runs", method="op_run")
    aanbieder = django_filters.CharFilter(
        label="Aanbieder", field_name="aanbieder__naam", lookup_expr="icontains"
    )
    soort = django_filters.ChoiceFilter(label="Soort", choices=RegelSoort.choices, empty_label="Alle soorten")

    class Meta:
        model = Afrekenregel
        fields: list[str] = []

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        user = self.request.user if self.request is not None else None
        runs = (
            Afrekenrun.objects.for_user(user).select_related("gemeente", "periode").order_by("-pk")[:200]
            if user is not None
            else []
        )
        self.form.fields["run"].choices = [("", "Alle runs"), *((str(r.pk), run_naam(r)) for r in runs)]

    def zoeken(self, qs: Any, naam: str, waarde: str) -> Any:
        w = waarde.strip()
        if not w:
            return qs
        return qs.filter(Q(client__achternaam__istartswith=w) | Q(toewijzing__nummer=w))

    def op_run(self, qs: Any, naam: str, waarde: str) -> Any:
        return qs.filter(run_id=int(waarde)) if str(waarde).isdigit() else qs


class AfrekenregelTabel(Tabel):
    run = LinkKolom(
        "Run",
        accessor="run_id",
        url=lambda r: reverse("web:afrekenrun-detail", args=[r.run_id]),
        orderable=True,
    )
    periode = Kolom("Periode", accessor="periode__code", orderable=True, order_by=("periode__begin",))
    aanbieder = Kolom("Aanbieder", accessor="aanbieder__naam", orderable=True)
    toewijzing = Kolom("Toewijzing", accessor="toewijzing__nummer", orderable=True)
    client = LinkKolom(
        "Cliënt",
        accessor="client__naam",
        url=lambda r: reverse("web:client-detail", args=[r.client_id]),
        secties=CLIENTPAGINA,
        orderable=True,
        order_by=("client__achternaam", "client__voorletters"),
    )
    soort = Kolom("Soort", accessor="get_soort_display", orderable=True, order_by=("soort",))
    dagen = GetalKolom("Dagen", orderable=True)
    tarief_cent = BedragKolom("Tarief per periode", orderable=True)
    toelichting = Kolom("Toelichting")
    bedrag_cent = BedragKolom("Bedrag", orderable=True)


class AfrekenrunTabel(Tabel):
    run = LinkKolom(
        "Run",
        accessor="pk",
        url=lambda r: reverse("web:afrekenrun-detail", args=[r.pk]),
        orderable=True,
        order_by=("pk",),
    )
    gemeente = Kolom("Gemeente", accessor="gemeente__naam", orderable=True)
    periode = Kolom("Periode", accessor="periode__code", orderable=True, order_by=("periode__begin",))
    status = Kolom("Status", orderable=True)
    aangemaakt_op = DatumTijdKolom("Gemaakt op", orderable=True)
    aangemaakt_door_naam = Kolom("Door")
    aantal_regels = GetalKolom("Regels", orderable=True)
    totaal_cent = BedragKolom("Totaal", orderable=True)

    def render_run(self, record: Afrekenrun) -> str:
        return format_html(
            '<a class="utrecht-link utrecht-link--html-a" href="{}">Run {}</a>',
            reverse("web:afrekenrun-detail", args=[record.pk]),
            record.pk,
        )

    def value_run(self, record: Afrekenrun) -> str:
        return f"Run {record.pk}"


class BetaalbatchFilter(ZoekFilter):
    periode = django_filters.ChoiceFilter(
        label="Periode", field_name="run__periode__code", empty_label="Alle perioden"
    )
    aanbieder = django_filters.CharFilter(
        label="Aanbieder", field_name="aanbieder__naam", lookup_expr="icontains"
    )

    class Meta:
        model = Betaalbatch
        fields: list[str] = []

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        user = self.request.user if self.request is not None else None
        perioden = (
            Betaalbatch.objects.for_user(user)
            .order_by("-run__periode__begin")
            .values_list("run__periode__code", flat=True)
            if user is not None
            else []
        )
        self.form.fields["periode"].choices = [
            ("", "Alle perioden"),
            *((p, p) for p in dict.fromkeys(perioden)),
        ]


class BetaalbatchTabel(Tabel):
    kenmerk = LinkKolom(
        "Kenmerk", url=lambda b: reverse("web:betaalbatch-detail", args=[b.pk]), orderable=True
    )
    gemeente = Kolom("Gemeente", accessor="run__gemeente__naam", orderable=True)
    periode = Kolom(
        "Periode", accessor="run__periode__code", orderable=True, order_by=("run__periode__begin",)
    )
    aanbieder = Kolom("Aanbieder", accessor="aanbieder__naam", orderable=True)
    aantal_clienten = GetalKolom("Cliënten", orderable=True)
    totaal_cent = BedragKolom("Bedrag", orderable=True)
    downloaden = SjabloonKolom(
        verbose_name="Downloaden",
        template_code=(
            '<a class="utrecht-link utrecht-link--html-a" href="{% url \'web:betaalbatch-pdf\' record.pk %}" '
            'download>PDF</a> · <a class="utrecht-link utrecht-link--html-a" '
            "href=\"{% url 'web:betaalbatch-xlsx' record.pk %}\" download>Excel</a>"
        ),
        exclude_from_export=True,
    )


class BudgetTabel(Tabel):
    """Budget, paid, committed and forecast per product (no client data: totals only)."""

    product = Kolom("Product", orderable=True)
    clienten = GetalKolom("Cliënten in zorg", orderable=True)
    budget_cent = BedragKolom("Budget", default="–")
    gerealiseerd_cent = BedragKolom("Betaald", orderable=True)
    verplicht_cent = BedragKolom("Verplicht", orderable=True)
    prognose_cent = BedragKolom("Prognose", orderable=True)
    verschil_cent = BedragKolom("Ruimte", default="–")

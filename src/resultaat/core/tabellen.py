"""Every list page the same way: search and filter (django-filter), sorting on whitelisted columns and
pagination (django-tables2), and a CSV or XLSX export of what the filter shows (``?_export=csv``).

A list page is a :class:`TabelView`: a :class:`Tabel` names its columns (money in :class:`BedragKolom`,
counts in :class:`GetalKolom`, dates in :class:`DatumKolom`; only columns with ``orderable=True`` can be
sorted on), an optional :class:`ZoekFilter` its search form, and ``basis()`` the rows the user may see
(``for_user``). The page shows 25 rows counted up to a bound (``BegrensdeTelling``); each row of client
data on the page is written to the access log as "gelezen" (or "gezocht" when a filter is filled in),
each exported row as "geexporteerd".

Exports hold what the page shows for the same filter and sort. A list longer than ``MAX_EXPORT`` rows is
not cut off silently: the page comes back with a message to narrow the search first. Money goes out as
numbers with a Dutch display format in XLSX ("€ 1.234,56"), dates as dates, every text cell through
``veilige_cel``; the CSV (``;``-separated, as Dutch spreadsheets read it) writes amounts as 1234,56 and
dates as dd-mm-jjjj.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
from decimal import Decimal
from typing import Any, ClassVar

import django_filters
import django_tables2 as tables
from django import forms
from django.contrib import messages
from django.core.paginator import EmptyPage, PageNotAnInteger
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template import Context, Template
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import capfirst

from resultaat.core import opmaak
from resultaat.core.audit.models import Actie, record_inzage
from resultaat.core.navigation import mag
from resultaat.core.opmaak import veilige_rij
from resultaat.core.web import ScopedListView, StatusListView

MAX_EXPORT = 10_000
# The sections of the client page (web:client-detail): a link to it only for who may open it.
CLIENTPAGINA = ("clienten", "client-zoeken")
EXPORTS = ("csv", "xlsx")

XLSX_FORMAAT = {
    "euro": "€ #,##0.00",
    "getal": "#,##0",
    "datum": "dd-mm-yyyy",
    "datumtijd": "dd-mm-yyyy hh:mm",
}


class Kolom(tables.Column):
    """A text column; not sortable unless ``orderable=True`` (the whitelist of a table's sort keys)."""

    soort: ClassVar[str] = "tekst"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("orderable", False)
        super().__init__(*args, **kwargs)

    @property
    def numeriek(self) -> bool:
        return self.soort in ("euro", "getal")


class BedragKolom(Kolom):
    """Integer eurocents: "€ 1.234,56" on the page, right-aligned; a number (euros) in an export."""

    soort = "euro"

    def render(self, value: Any) -> str:
        return opmaak.euro(value)

    def value(self, value: Any, **kwargs: Any) -> Any:
        return None if value is None else Decimal(int(value)) / 100


class GetalKolom(Kolom):
    """A count: "4.915" on the page, right-aligned; a number in an export."""

    soort = "getal"

    def render(self, value: Any) -> str:
        return opmaak.getal(value)

    def value(self, value: Any, **kwargs: Any) -> Any:
        return value


class DatumKolom(Kolom):
    """A date: "05-12-2026" on the page, a date in an export."""

    soort = "datum"

    def render(self, value: Any) -> str:
        return opmaak.datum(value)

    def value(self, value: Any, **kwargs: Any) -> Any:
        if isinstance(value, dt.datetime):
            return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
        return value


class DatumTijdKolom(Kolom):
    """A moment: "05-12-2026 14:03" (Dutch local time) on the page, a date and time in an export."""

    soort = "datumtijd"

    def render(self, value: Any) -> str:
        return opmaak.datumtijd(value)

    def value(self, value: Any, **kwargs: Any) -> Any:
        if isinstance(value, dt.datetime) and timezone.is_aware(value):
            return timezone.localtime(value).replace(tzinfo=None)
        return value


class LinkKolom(Kolom):
    """Text that links to the row's page: ``url`` is a function of the row. With ``secties`` the link is
    there only for a reader whose role may open that section (core.navigation); others read the text,
    so that no list leads a role to a page it cannot open."""

    def __init__(
        self, *args: Any, url: Any, hoofdletter: bool = False, secties: tuple[str, ...] = (), **kwargs: Any
    ) -> None:
        self.url = url
        self.hoofdletter = hoofdletter
        self.secties = secties
        super().__init__(*args, **kwargs)

    def render(self, value: Any, record: Any, table: Any) -> str:
        if self.hoofdletter:
            value = capfirst(str(value))
        request = getattr(table, "request", None)
        if self.secties and not (request is not None and mag(request.user, *self.secties)):
            return str(value)
        return format_html(
            '<a class="utrecht-link utrecht-link--html-a" href="{}">{}</a>', self.url(record), value
        )

    def value(self, value: Any, **kwargs: Any) -> Any:
        if value is None:
            return ""
        return capfirst(str(value)) if self.hoofdletter else str(value)


@functools.cache
def _sjabloon(code: str) -> Template:
    """A column's template, compiled once per process (a compiled template renders any context)."""
    return Template(code)


class SjabloonKolom(tables.TemplateColumn):
    """A cell from a template (a badge, a link that depends on the row); in an export its text."""

    soort: ClassVar[str] = "tekst"
    numeriek = False

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("orderable", False)
        super().__init__(*args, **kwargs)

    def render(self, record: Any, table: Any, value: Any, bound_column: Any, **kwargs: Any) -> Any:
        """As django-tables2 renders a template column, without compiling ``template_code`` for every
        cell: a list of 50 rows compiled it 50 times per request."""
        if not self.template_code:
            return super().render(
                record=record, table=table, value=value, bound_column=bound_column, **kwargs
            )
        context = getattr(table, "context", Context())
        extra = self.get_context_data(
            record=record, table=table, value=value, bound_column=bound_column, **kwargs
        )
        with context.update(extra):
            context["request"] = getattr(table, "request", None)
            return _sjabloon(self.template_code).render(context)

    def value(self, **kwargs: Any) -> Any:
        return " ".join(str(super().value(**kwargs)).split())


class Tabel(tables.Table):
    """The NL Design System table (web/includes/tabel_lijst.html); ``bijschrift`` is its caption."""

    bijschrift: str = ""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("empty_text", "Niets gevonden.")
        super().__init__(*args, **kwargs)


class ZoekFilter(django_filters.FilterSet):
    """A filter form in NL Design System markup: text boxes, select boxes and date fields styled as such."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for naam, veld in self.form.fields.items():
            widget = veld.widget
            if veld.help_text:
                widget.attrs["aria-describedby"] = f"{naam}-uitleg"
            if isinstance(widget, forms.Select):
                widget.attrs.setdefault("class", "utrecht-select utrecht-select--html-select")
            elif isinstance(widget, forms.DateInput):
                widget.input_type = "date"
                widget.format = "%Y-%m-%d"
                widget.attrs.setdefault("class", "utrecht-textbox utrecht-textbox--html-input")
            else:
                widget.attrs.setdefault("class", "utrecht-textbox utrecht-textbox--html-input")

    def ingevuld(self) -> bool:
        """Whether the user filled in any filter (the access log then says "gezocht")."""
        return any(str(self.data.get(naam, "")).strip() for naam in self.filters)


def tabel_rijen(tabel: Tabel) -> list[list[Any]]:
    """The header and every row of ``tabel`` as values (numbers, dates, text), each text cell safe."""
    kolommen = [k for k in tabel.columns.iterall() if not k.column.exclude_from_export]
    rijen: list[list[Any]] = [[str(k.header) for k in kolommen]]
    for rij in tabel.rows:
        # An empty cell says what the page says ("onbepaald" for an open end).
        waarden = [rij.get_cell_value(k.name) for k in kolommen]
        rijen.append([k.default if w is None else w for k, w in zip(kolommen, waarden, strict=True)])
    return rijen


def als_csv(tabel: Tabel) -> str:
    def cel(waarde: Any) -> Any:
        if isinstance(waarde, Decimal):
            return f"{waarde:.2f}".replace(".", ",")
        if isinstance(waarde, dt.datetime):
            return waarde.strftime("%d-%m-%Y %H:%M")
        if isinstance(waarde, dt.date):
            return opmaak.datum(waarde)
        return "" if waarde is None else waarde

    return opmaak.csv_tekst([[cel(w) for w in rij] for rij in tabel_rijen(tabel)])


def als_xlsx(tabel: Tabel, titel: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = titel[:31] or "Lijst"
    soorten = [
        getattr(k.column, "soort", "tekst")
        for k in tabel.columns.iterall()
        if not k.column.exclude_from_export
    ]
    for i, rij in enumerate(tabel_rijen(tabel)):
        ws.append(veilige_rij(["" if w is None else w for w in rij]))
        if i == 0:
            for cel in ws[1]:
                cel.font = Font(bold=True)
    for kolom, soort in enumerate(soorten, start=1):
        formaat = XLSX_FORMAAT.get(soort)
        if formaat:
            for (cel,) in ws.iter_rows(min_row=2, min_col=kolom, max_col=kolom):
                cel.number_format = formaat
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def exportbestand(tabel: Tabel, formaat: str, naam: str) -> HttpResponse:
    """The rows of ``tabel`` as a CSV or XLSX download named ``naam``."""
    if formaat == "xlsx":
        response = HttpResponse(
            als_xlsx(tabel, naam),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        response = HttpResponse(als_csv(tabel), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{naam}.{formaat}"'
    response["Cache-Control"] = "private, no-store"
    return response


def export_te_lang(
    request: HttpRequest, grens: int | None = None, terug: str | None = None, parameter: str = "_export"
) -> HttpResponse:
    """Back to the list with a message, for a download of more than ``grens`` rows: never half a list,
    because a cut-off file looks complete in a spreadsheet. ``terug`` is the list page (default: this
    page), with the same search and sort."""
    grens = MAX_EXPORT if grens is None else grens
    messages.warning(
        request,
        f"Deze lijst telt meer dan {opmaak.getal(grens)} rijen; zo'n groot bestand kunt u niet in één keer "
        "downloaden. Verfijn eerst de zoekopdracht (bijvoorbeeld op periode, datum of gemeente) en "
        "download dan opnieuw.",
    )
    vraag = request.GET.copy()
    vraag.pop(parameter, None)
    pad = terug or request.path
    return HttpResponseRedirect(f"{pad}?{vraag.urlencode()}" if vraag else pad)


class TabelView(ScopedListView):
    """A list page on :class:`Tabel` and :class:`ZoekFilter`; the template includes
    web/includes/tabel_overzicht.html (filter form, table, pagination, export links)."""

    tabel_class: ClassVar[type[Tabel]]
    filter_class: ClassVar[type[ZoekFilter] | None] = None
    # The file name of an export, without extension.
    export_naam: ClassVar[str] = "lijst"
    # Sort when the user chose none (column names; "-" for descending), on top of ``basis()``'s order.
    standaard_sortering: ClassVar[tuple[str, ...]] = ()
    # The caption: the number of rows and what they are, "1.234 cliënten".
    enkelvoud: ClassVar[str] = "rij"
    meervoud: ClassVar[str] = "rijen"

    def basis(self) -> Any:
        """The rows the user may see, in their default order."""
        return self.model._default_manager.for_user(self.request.user)  # type: ignore[union-attr]

    def get_queryset(self) -> Any:
        qs = self.basis()
        self.zoekfilter = (
            self.filter_class(self.request.GET or None, queryset=qs, request=self.request)
            if self.filter_class
            else None
        )
        if self.zoekfilter is not None and self.zoekfilter.is_bound:
            # A field with an unknown value (a period that has no specification) is left out, with its
            # message next to it; the other fields still filter.
            zf = self.zoekfilter
            qs = zf.qs if zf.is_valid() else zf.filter_queryset(qs)
        return qs

    def maak_tabel(self, qs: Any) -> Tabel:
        # The request's sorting, but not django-tables2's own paging: that counts every row of the list
        # (``COUNT(*)``) before ``paginate_queryset`` pages it again with the bounded count.
        tabel = self.tabel_class(qs)
        tables.RequestConfig(self.request, paginate=False).configure(tabel)
        sortering = self.request.GET.get("sort", "") or ",".join(self.standaard_sortering)
        if sortering:
            tabel.order_by = sortering
        return tabel

    def gezocht(self) -> bool:
        return bool(
            self.zoekfilter is not None and self.zoekfilter.is_bound and self.zoekfilter.ingevuld()
        ) or any(self.request.GET.get(veld, "").strip() for veld in self.zoekvelden)

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        formaat = request.GET.get("_export", "")
        if formaat in EXPORTS:
            return self.exporteer(formaat)
        return super().get(request, *args, **kwargs)

    def exporteer(self, formaat: str) -> HttpResponse:
        tabel = self.maak_tabel(self.get_queryset())
        data = tabel.data.data
        rijen = list(data[: MAX_EXPORT + 1]) if hasattr(data, "query") else list(tabel.data)[: MAX_EXPORT + 1]
        if len(rijen) > MAX_EXPORT:
            return export_te_lang(self.request)
        response = exportbestand(self.tabel_class(rijen, request=self.request), formaat, self.export_naam)
        with transaction.atomic():
            record_inzage(rijen, Actie.GEEXPORTEERD)
        return response

    def paginate_queryset(self, queryset: Any, page_size: int) -> tuple[Any, Any, Any, bool]:
        self.tabel = self.maak_tabel(queryset)
        try:
            self.tabel.paginate(
                paginator_class=self.paginator_class,
                per_page=page_size,
                page=self.request.GET.get("page") or 1,
            )
        except PageNotAnInteger:
            self.tabel.paginate(paginator_class=self.paginator_class, per_page=page_size, page=1)
        except EmptyPage:
            self.tabel.paginate(paginator_class=self.paginator_class, per_page=page_size, page=1)
        pagina = self.tabel.page
        paginator = self.tabel.paginator
        self.tabel.bijschrift = (
            f"{paginator.aantal} {self.enkelvoud if paginator.count == 1 else self.meervoud}"
        )
        rijen = [rij.record for rij in pagina.object_list]
        return self.tabel.paginator, pagina, rijen, pagina.has_other_pages()

    def rijen_op_pagina(self, context: dict[str, Any]) -> Any:
        return context["object_list"]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["tabel"] = self.tabel
        context["zoekfilter"] = self.zoekfilter
        context["exports"] = EXPORTS
        context["max_export"] = opmaak.getal(MAX_EXPORT)
        return context


class StatusTabelView(TabelView, StatusListView):
    """A :class:`TabelView` filtered on ``?status=`` as well (see ``StatusListView``)."""

    def basis(self) -> Any:
        return StatusListView.get_queryset(self)

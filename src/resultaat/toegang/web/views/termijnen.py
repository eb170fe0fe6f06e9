"""The Awb deadlines of toegang: the register of every case (page, CSV and XLSX) and the verdaging letter.

The register lists each melding with its latest aanvraag: when the melding came in, until when the
onderzoek runs (extended by agreement or not), when the aanvraag came in, the decision term (verdaagd or
not), the ingebrekestelling and the dwangsom owed so far (Awb 4:17), and the status. Filters: open,
termijn overschreden, dwangsom loopt. Reading the rows is logged as for every list; the export as
"geexporteerd".
"""

from __future__ import annotations

import io
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from resultaat.brieven.render import pdf
from resultaat.core.audit.models import Actie, record_inzage
from resultaat.core.navigation import mag
from resultaat.core.opmaak import csv_tekst, datum, euro, veilige_rij
from resultaat.core.web import ScopedDetailView, ScopedListView
from resultaat.toegang import awb
from resultaat.toegang.brieven import verdagingsbrief_html
from resultaat.toegang.models import Melding, Termijnverlenging

MAX_EXPORT = 10_000
KOLOMMEN = (
    "Cliënt",
    "Melding ontvangen",
    "Onderzoek uiterlijk",
    "Onderzoekstermijn verlengd",
    "Aanvraag ontvangen",
    "Besluit uiterlijk",
    "Beslistermijn verdaagd",
    "Ingebrekestelling ontvangen",
    "Dwangsom dagen",
    "Dwangsom tot nu toe",
    "Termijn overschreden",
    "Status",
)


def _exportrij(r: dict[str, Any]) -> list[Any]:
    return [
        r["client"].naam,
        datum(r["melding_op"]),
        datum(r["onderzoek_uiterlijk"]),
        "ja" if r["onderzoek_verlengd"] else "nee",
        datum(r["aanvraag_op"]) if r["aanvraag_op"] else "",
        datum(r["besluit_uiterlijk"]) if r["besluit_uiterlijk"] else "",
        "ja" if r["besluit_verdaagd"] else "nee",
        datum(r["ingebrekestelling_op"]) if r["ingebrekestelling_op"] else "",
        r["dwangsom_dagen"],
        euro(r["dwangsom_cent"]),
        "ja" if r["te_laat"] else "nee",
        r["status"],
    ]


class TermijnregisterView(ScopedListView):
    """The Awb deadlines as a register, for consulenten and beheerders; ``?filter=`` open, te-laat or
    dwangsom; ``?formaat=csv`` or ``xlsx`` exports the filtered register."""

    secties = ("termijnen",)
    model = Melding
    template_name = "toegang/termijnregister.html"
    context_object_name = "meldingen"

    def get_queryset(self) -> QuerySet[Melding]:
        self.filter_ = self.request.GET.get("filter", "")
        if self.filter_ not in awb.REGISTER_FILTERS:
            self.filter_ = ""
        return awb.register(Melding.objects.for_user(self.request.user), self.filter_, timezone.localdate())

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        formaat = request.GET.get("formaat", "")
        if formaat not in ("csv", "xlsx"):
            return super().get(request, *args, **kwargs)
        vandaag = timezone.localdate()
        meldingen = list(self.get_queryset()[:MAX_EXPORT])
        rijen = [KOLOMMEN, *(_exportrij(awb.registerregel(m, vandaag)) for m in meldingen)]
        if formaat == "xlsx":
            response = HttpResponse(
                _xlsx(rijen), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            )
        else:
            response = HttpResponse(csv_tekst(rijen), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="termijnregister.{formaat}"'
        response["Cache-Control"] = "private, no-store"
        with transaction.atomic():
            record_inzage(meldingen, Actie.GEEXPORTEERD)
        return response

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        vandaag = timezone.localdate()
        context["regels"] = [awb.registerregel(m, vandaag) for m in context["meldingen"]]
        context["filter"] = self.filter_
        context["filters"] = list(awb.REGISTER_FILTERS.items())
        context["vandaag"] = vandaag
        # The beheerder reads the register for accountability but does not open the cases themselves.
        context["mag_openen"] = mag(self.request.user, "toegang")
        return context


def _xlsx(rijen: list[Any]) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Termijnregister"
    for rij in rijen:
        ws.append(veilige_rij(rij))
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


class VerdagingsbriefView(ScopedDetailView):
    """The verdaging letter (Awb 4:14) as PDF."""

    secties = ("toegang",)
    model = Termijnverlenging
    leesactie = Actie.AFGEDRUKT

    def get_queryset(self) -> QuerySet[Termijnverlenging]:
        return (
            Termijnverlenging.objects.for_user(self.request.user)
            .filter(aanvraag__isnull=False)
            .select_related("aanvraag__client", "aanvraag__gemeente", "consulent")
        )

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        verlenging = self.get_object()
        response = HttpResponse(pdf(verdagingsbrief_html(verlenging)), content_type="application/pdf")
        response["Content-Disposition"] = (
            f'inline; filename="verdaging-{verlenging.kenmerk.replace(" ", "-")}.pdf"'
        )
        response["Cache-Control"] = "private, no-store"
        return response

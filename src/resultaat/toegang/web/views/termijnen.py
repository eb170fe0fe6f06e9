"""The Awb deadlines of toegang: the register of every case (page, CSV and XLSX) and the verdaging letter.

The register lists each melding with its latest aanvraag: when the melding came in, until when the
onderzoek runs (extended by agreement or not), when the aanvraag came in, the decision term (verdaagd or
not), the ingebrekestelling and the dwangsom owed so far (Awb 4:17), and the status. Filters: open,
termijn overschreden, dwangsom loopt. Reading the rows is logged as for every list; the export as
"geexporteerd".
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from resultaat.brieven.render import pdf
from resultaat.core.audit.models import Actie, record_inzage
from resultaat.core.navigation import mag
from resultaat.core.tabellen import MAX_EXPORT, export_te_lang, exportbestand
from resultaat.core.web import ScopedDetailView, ScopedListView
from resultaat.toegang import awb
from resultaat.toegang.brieven import verdagingsbrief_html
from resultaat.toegang.models import Melding, Termijnverlenging
from resultaat.toegang.web.tabellen import TermijnregisterTabel


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
        meldingen = list(self.get_queryset()[: MAX_EXPORT + 1])
        if len(meldingen) > MAX_EXPORT:
            return export_te_lang(request, MAX_EXPORT, parameter="formaat")
        tabel = TermijnregisterTabel([awb.registerregel(m, vandaag) for m in meldingen])
        response = exportbestand(tabel, formaat, "termijnregister")
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

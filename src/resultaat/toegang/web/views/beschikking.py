"""The beschikking with its letter (HTML and PDF), the information letter to current clients and a switch
of provider.

Thin views: every write goes through :mod:`resultaat.toegang.services` (or toewijzingen.services for the
switch); a ``ValidationError`` is shown in Dutch next to the form and nothing is saved. Every view with a
``pk`` looks its object up through ``for_user``, so another organisation's record is a 404.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone

from resultaat.brieven.render import pdf
from resultaat.clienten.models import Client
from resultaat.core.audit.models import Actie
from resultaat.core.opmaak import datum
from resultaat.core.tabellen import TabelView
from resultaat.core.web import (
    ScopedDetailView,
    fouten_naar_form,
)
from resultaat.organisaties.models import Aanbieder
from resultaat.toegang import bekendmaking, services
from resultaat.toegang.brieven import beschikking_html, beschikking_pdf, informatiebrief_html, nazending_pdf
from resultaat.toegang.models import (
    Beschikking,
    BeschikkingBijlage,
    Besluit,
)
from resultaat.toegang.web.forms import (
    IntrekkingForm,
    OverstapForm,
    VerzendForm,
)
from resultaat.toegang.web.tabellen import BeschikkingFilter, BeschikkingTabel
from resultaat.toewijzingen.models import Toewijzing
from resultaat.toewijzingen.services import wissel_aanbieder


class BeschikkingListView(TabelView):
    """Every beschikking of the consulent's gemeenten: search by number or client, filter on the decision."""

    secties = ("toegang",)
    model = Beschikking
    template_name = "toegang/beschikking_list.html"
    context_object_name = "beschikkingen"
    tabel_class = BeschikkingTabel
    filter_class = BeschikkingFilter
    export_naam = "beschikkingen"
    enkelvoud, meervoud = "beschikking", "beschikkingen"

    def basis(self) -> QuerySet[Beschikking]:
        return (
            Beschikking.objects.for_user(self.request.user)
            .select_related("client")
            .order_by("-besluitdatum", "-pk")
        )


class BeschikkingDetailView(ScopedDetailView):
    """The beschikking: the letter as HTML, a link to the PDF, and the toewijzingen made from it."""

    secties = ("toegang",)
    model = Beschikking
    template_name = "toegang/beschikking_detail.html"
    context_object_name = "beschikking"

    def get_queryset(self) -> QuerySet[Beschikking]:
        return Beschikking.objects.for_user(self.request.user).select_related(
            "client", "gemeente", "aanvraag"
        )

    def render_to_response(self, context: dict[str, Any], **kwargs: Any) -> HttpResponse:
        response = super().render_to_response(context, **kwargs)
        response._csp_update = {"style-src-attr": ["'unsafe-inline'"]}  # type: ignore[attr-defined]
        return response

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        # The letter's own <style> is allowed by this request's CSP nonce; its text may carry style
        # attributes (cleaned to a list of safe properties when saved), allowed on this page only.
        nonce = getattr(self.request, "csp_nonce", "")
        context["brief"] = beschikking_html(self.object).replace("<style>", f'<style nonce="{nonce}">', 1)
        context["toewijzingen"] = list(
            Toewijzing.objects.for_user(self.request.user)
            .filter(beschikt_resultaat__beschikking=self.object)
            .select_related("aanbieder", "product")
        )
        context["lopend"] = lopend = [
            r for r in self.object.resultaten.select_related("resultaat") if r.beeindigd_per is None
        ]
        context["beeindigd"] = [
            r
            for r in self.object.resultaten.select_related("resultaat", "beeindigd_door")
            if r.beeindigd_per is not None
        ]
        context["bijlagen"] = list(self.object.bijlagen.all())
        context["nog_te_sturen"] = bekendmaking.nog_te_sturen(self.object)
        context["verzend_form"] = kwargs.get("verzend_form") or VerzendForm(
            initial={"op": timezone.localdate()}
        )
        if lopend and self.object.besluit in (Besluit.TOEGEKEND, Besluit.DEELS):
            context["intrekking_form"] = kwargs.get("intrekking_form") or IntrekkingForm(
                initial={"besluitdatum": timezone.localdate()}
            )
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        """Send the letter (with the plan when it is part of the decision and agreed), send a plan agreed
        later, or withdraw one result of this beschikking from a date (a decision of its own)."""
        self.object = beschikking = self.get_object()
        actie = request.POST.get("actie", "")
        if actie in ("verzenden", "nasturen"):
            return self._verzend(request, beschikking, actie)
        form = IntrekkingForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            resultaat = beschikking.resultaten.filter(pk=data["resultaat"]).first()
            if resultaat is None:
                form.add_error(None, "Kies het resultaat dat u intrekt.")
            else:
                try:
                    nieuw = services.trek_in(
                        door=request.user,
                        resultaat=resultaat,
                        per=data["per"],
                        besluitdatum=data["besluitdatum"],
                        motivering=data["motivering"],
                    )
                except ValidationError as fout:
                    fouten_naar_form(form, fout)
                else:
                    messages.success(request, f"Beschikking {nieuw.nummer}: de ondersteuning is ingetrokken.")
                    return redirect("web:beschikking-detail", pk=nieuw.pk)
        return self.render_to_response(self.get_context_data(intrekking_form=form))

    def _verzend(self, request: HttpRequest, beschikking: Beschikking, actie: str) -> HttpResponse:
        form = VerzendForm(request.POST)
        if form.is_valid():
            op = form.cleaned_data["op"]
            try:
                if actie == "verzenden":
                    bekendmaking.leg_verzending_vast(door=request.user, beschikkingen=[beschikking], op=op)
                    mee = list(beschikking.bijlagen.filter(verzonden_op=op))
                    messages.success(
                        request,
                        f"De brief is verzonden op {datum(op)}"
                        + (f", met {len(mee)} bijlage(n)." if mee else "."),
                    )
                else:
                    nieuw = bekendmaking.stuur_bijlagen_na(door=request.user, beschikking=beschikking, op=op)
                    messages.success(request, f"Nagestuurd op {datum(op)}: {len(nieuw)} bijlage(n).")
            except ValidationError as fout:
                fouten_naar_form(form, fout)
            else:
                return redirect("web:beschikking-detail", pk=beschikking.pk)
        return self.render_to_response(self.get_context_data(verzend_form=form))


class BeschikkingBijlagePdfView(ScopedDetailView):
    """A plan sent after the beschikking it is part of: the short letter with the plan behind it (PDF)."""

    secties = ("toegang",)
    model = BeschikkingBijlage
    leesactie = Actie.AFGEDRUKT

    def get_queryset(self) -> QuerySet[BeschikkingBijlage]:
        return BeschikkingBijlage.objects.for_user(self.request.user).select_related(
            "beschikking__client", "beschikking__gemeente", "beschikking__consulent"
        )

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        bijlage = self.get_object()
        response = HttpResponse(nazending_pdf(bijlage), content_type="application/pdf")
        response["Content-Disposition"] = (
            f'inline; filename="plan-bij-beschikking-{bijlage.beschikking.nummer}.pdf"'
        )
        response["Cache-Control"] = "private, no-store"
        return response


class BeschikkingPdfView(ScopedDetailView):
    """The beschikking letter as PDF (WeasyPrint), with the documents that are part of it behind it."""

    secties = ("toegang",)
    model = Beschikking
    leesactie = Actie.AFGEDRUKT

    def get_queryset(self) -> QuerySet[Beschikking]:
        return Beschikking.objects.for_user(self.request.user).select_related(
            "client", "gemeente", "aanvraag"
        )

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        beschikking = self.get_object()
        response = HttpResponse(beschikking_pdf(beschikking), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="beschikking-{beschikking.nummer}.pdf"'
        response["Cache-Control"] = "private, no-store"
        return response


class InformatiebriefView(ScopedDetailView):
    """The letter to a current client of huishoudelijke hulp explaining support on results (PDF); for a
    client without it, a message on the client's page instead."""

    secties = ("toegang",)
    model = Client
    leesactie = Actie.AFGEDRUKT

    def get_queryset(self) -> QuerySet[Client]:
        return Client.objects.for_user(self.request.user).select_related("gemeente")

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        client = self.get_object()
        vandaag = timezone.localdate()
        per = dt.date(vandaag.year + 1, 1, 1)
        try:
            html = informatiebrief_html(client, datum=vandaag, per_datum=per)
        except ValidationError as fout:
            messages.error(request, " ".join(fout.messages))
            return redirect("web:client-detail", pk=client.pk)
        response = HttpResponse(pdf(html), content_type="application/pdf")
        response["Content-Disposition"] = 'inline; filename="informatiebrief.pdf"'
        response["Cache-Control"] = "private, no-store"
        return response


class OverstapView(ScopedDetailView):
    """The client votes with the feet: the toewijzing ends (reden 09), a new one starts: no gap or overlap."""

    secties = ("toegang",)
    model = Toewijzing
    template_name = "toegang/overstap.html"
    context_object_name = "toewijzing"

    def get_queryset(self) -> QuerySet[Toewijzing]:
        return Toewijzing.objects.for_user(self.request.user).select_related(
            "client", "aanbieder", "product", "gemeente"
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        t = self.object
        datum = max(timezone.localdate(), t.ingangsdatum + dt.timedelta(days=1))
        context["keuzes"] = [
            k
            for k in services.gecontracteerde_aanbieders(gemeente=t.gemeente, product=t.product, datum=datum)
            if k.aanbieder != t.aanbieder
        ]
        context["form"] = kwargs.get("form") or OverstapForm(initial={"per": datum})
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.object = toewijzing = self.get_object()
        services.controleer_consulent(request.user, toewijzing.gemeente)
        form = OverstapForm(request.POST)
        if form.is_valid():
            aanbieder = Aanbieder.objects.filter(pk=request.POST.get("aanbieder") or 0).first()
            if aanbieder is None:
                form.add_error(None, "Kies de nieuwe aanbieder.")
            else:
                try:
                    nieuw = wissel_aanbieder(
                        door=request.user,
                        toewijzing=toewijzing,
                        nieuwe_aanbieder=aanbieder,
                        per=form.cleaned_data["per"],
                    )
                except ValidationError as fout:
                    fouten_naar_form(form, fout)
                else:
                    messages.success(
                        request, f"Overstap vastgelegd: toewijzing {nieuw.nummer} bij {aanbieder.naam}."
                    )
                    return redirect("web:toewijzing-detail", pk=nieuw.pk)
        return self.render_to_response(self.get_context_data(form=form))

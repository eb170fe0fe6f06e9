"""Survey pages for staff: the overview per provider with the response rate, the surveys themselves,
and, on a client's toewijzing, sending a survey or recording the answers of a phone call or home visit.

A provider sees only its own surveys, without the client's name (the letter promises the resident so),
and changes nothing."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.views.generic import TemplateView

from resultaat.core.audit.models import Actie, record_inzage
from resultaat.core.web import ScopedDetailView, ScopedListView, SectieMixin, fouten_naar_form, is_aanbieder
from resultaat.kwaliteit.models import Enquete
from resultaat.kwaliteit.services import enquete_cijfers, enquetes, totaal
from resultaat.kwaliteit.services.cijfers import VRAGEN, EnqueteCijfers
from resultaat.kwaliteit.web.forms import AfnameForm, VersturenForm
from resultaat.kwaliteit.web.views.periode import AlleenRollen, komma, periode, procent, scope
from resultaat.organisaties.models import Aanbieder
from resultaat.toewijzingen.models import Toewijzing


def regel(naam: str, c: EnqueteCijfers, aanbieder_id: int | None = None) -> dict[str, Any]:
    """One row of the overview, formatted for the page."""
    return {
        "naam": naam,
        "aanbieder_id": aanbieder_id,
        "verstuurd": c.verstuurd,
        "beantwoord": c.beantwoord,
        "respons": procent(c.respons),
        "cijfer": komma(c.cijfer_gemiddeld),
        **{vraag: procent(c.aandeel_ja(vraag)) for vraag in VRAGEN},
        "via": f"{c.via_link} / {c.via_telefoon} / {c.via_huisbezoek}",
    }


class TevredenheidView(SectieMixin, TemplateView):
    secties = ("tevredenheid",)
    template_name = "kwaliteit/tevredenheid.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        form, van, tot = periode(self.request)
        rijen = enquete_cijfers(van, tot, **scope(self.request.user))
        namen = dict(
            Aanbieder.objects.filter(pk__in=[r.aanbieder_id for r in rijen]).values_list("pk", "naam")
        )
        regels = sorted(
            (regel(namen.get(r.aanbieder_id, ""), r, r.aanbieder_id) for r in rijen), key=lambda r: r["naam"]
        )
        alles = totaal(rijen)
        context.update(
            periode_form=form,
            regels=regels,
            totaal=regel("Alle aanbieders", alles) if alles and len(rijen) > 1 else None,
            is_aanbieder=is_aanbieder(self.request.user),
        )
        return context


class EnqueteListView(ScopedListView):
    """The surveys one may see, newest first; ``?aanbieder=`` narrows to one provider."""

    secties = ("tevredenheid",)
    model = Enquete
    template_name = "kwaliteit/enquete_list.html"
    context_object_name = "enquetes"

    def get_queryset(self) -> QuerySet[Enquete]:
        qs = Enquete.objects.for_user(self.request.user).select_related("aanbieder", "client")
        aanbieder = self.request.GET.get("aanbieder", "")
        if aanbieder.isdigit():
            qs = qs.filter(aanbieder_id=int(aanbieder))
        if self.request.GET.get("beantwoord") == "1":
            qs = qs.beantwoord()
        return qs.order_by("-verzonden_op", "-pk")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["is_aanbieder"] = is_aanbieder(self.request.user)
        context["nu"] = timezone.now()
        return context


class EnqueteDetailView(ScopedDetailView):
    secties = ("tevredenheid",)
    model = Enquete
    template_name = "kwaliteit/enquete_detail.html"
    context_object_name = "enquete"

    def get_queryset(self) -> QuerySet[Enquete]:
        return Enquete.objects.for_user(self.request.user).select_related(
            "aanbieder", "client", "toewijzing__product", "ingevoerd_door", "verzonden_door"
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["is_aanbieder"] = is_aanbieder(self.request.user)
        context["nu"] = timezone.now()
        return context


class ToewijzingEnqueteView(AlleenRollen, ScopedDetailView):
    """On a client's toewijzing (gemeente staff): send a survey by letter or e-mail, or record the
    answers of a phone call or home visit (on the open survey, if there is one)."""

    secties = ("toewijzingen",)
    model = Toewijzing
    template_name = "kwaliteit/toewijzing_enquete.html"
    context_object_name = "toewijzing"

    def get_queryset(self) -> QuerySet[Toewijzing]:
        return Toewijzing.objects.for_user(self.request.user).select_related(
            "client__gemeente", "aanbieder", "product"
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        nu = timezone.now()
        context["versturen_form"] = kwargs.get("versturen_form") or VersturenForm()
        context["afname_form"] = kwargs.get("afname_form") or AfnameForm(
            initial={"datum": timezone.localdate()}
        )
        context["enquetes"] = Enquete.objects.for_user(self.request.user).filter(toewijzing=self.object)
        context["open"] = context["enquetes"].open_op(nu).first()
        context["nu"] = nu
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.object = self.get_object()
        if request.POST.get("actie") == "versturen":
            return self._versturen()
        return self._vastleggen()

    def _versturen(self) -> HttpResponse:
        form = VersturenForm(self.request.POST)
        if form.is_valid():
            try:
                verstuurd = enquetes.verstuur(
                    toewijzing=self.object, verzending=form.cleaned_data["verzending"], door=self.request.user
                )
            except ValidationError as fout:
                fouten_naar_form(form, fout)
            else:
                if verstuurd.brief is None:
                    messages.success(self.request, "De uitnodiging is per e-mail verstuurd.")
                    return redirect("web:toewijzing-enquete", pk=self.object.pk)
                record_inzage([verstuurd.enquete], Actie.AFGEDRUKT)
                antwoord = HttpResponse(verstuurd.brief, content_type="application/pdf")
                antwoord["Content-Disposition"] = (
                    f'attachment; filename="tevredenheid-{verstuurd.enquete.pk}.pdf"'
                )
                return antwoord
        return self.render_to_response(self.get_context_data(versturen_form=form))

    def _vastleggen(self) -> HttpResponse:
        form = AfnameForm(self.request.POST)
        if form.is_valid():
            open_enquete = Enquete.objects.filter(toewijzing=self.object).open_op(timezone.now()).first()
            try:
                enquetes.leg_antwoorden_vast(
                    door=self.request.user,
                    afname=form.cleaned_data["afname"],
                    antwoorden=form.antwoorden(),
                    toewijzing=None if open_enquete else self.object,
                    enquete=open_enquete,
                    datum=form.cleaned_data["datum"],
                )
            except ValidationError as fout:
                fouten_naar_form(form, fout)
            else:
                messages.success(self.request, "De antwoorden zijn vastgelegd.")
                return redirect("web:toewijzing-enquete", pk=self.object.pk)
        return self.render_to_response(self.get_context_data(afname_form=form))

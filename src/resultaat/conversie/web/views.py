"""The conversion pages: the overview, an import (mapping, dry run, reading in steps with progress, the
report per row) and the scenarios side by side, each with its chart."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views import View
from django.views.generic import TemplateView

from resultaat.clienten.models import Client
from resultaat.conversie import services
from resultaat.conversie.lezen import VELDEN
from resultaat.conversie.models import ImportStatus, Indicatieimport, Samenvoegen, Scenario
from resultaat.conversie.scenario import Gesprek, NietOmgezet
from resultaat.conversie.web.forms import ScenarioForm, UploadForm
from resultaat.conversie.web.grafiek import staven
from resultaat.core.web import SectieMixin, fouten_naar_form
from resultaat.organisaties.models import Gemeente

# Rows read per step of the page, so the progress shows while a large file is read.
REGELS_PER_STAP = 5000
MELDINGEN_OP_PAGINA = 500
# Clients listed per scenario for a conversation or as not convertible; the counts show all.
TONEN = 50


def _gemeenten(user: Any) -> QuerySet[Gemeente]:
    return Gemeente.objects.all() if user.is_superuser else user.gemeenten.all()


def _keuzes(user: Any) -> list[tuple[str, str]]:
    return [(g.code, g.naam) for g in _gemeenten(user).order_by("naam")]


class ConversieView(SectieMixin, TemplateView):
    secties = ("conversie",)
    template_name = "conversie/overzicht.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["imports"] = Indicatieimport.objects.for_user(user).select_related("gemeente")[:50]
        context["scenarios"] = Scenario.objects.for_user(user).select_related("gemeente")
        context.setdefault("upload", UploadForm(gemeenten=_keuzes(user)))
        context.setdefault("scenario_form", ScenarioForm(gemeenten=_keuzes(user)))
        return context


class ImportNieuwView(SectieMixin, View):
    secties = ("conversie",)

    def post(self, request: HttpRequest) -> HttpResponseBase:
        form = UploadForm(request.POST, request.FILES, gemeenten=_keuzes(request.user))
        if form.is_valid():
            bestand = form.cleaned_data["bestand"]
            try:
                imp = services.nieuwe_import(
                    door=request.user,
                    gemeente=get_object_or_404(_gemeenten(request.user), code=form.cleaned_data["gemeente"]),
                    bestandsnaam=bestand.name,
                    inhoud=bestand.read(),
                )
            except ValidationError as fout:
                fouten_naar_form(form, fout)
            else:
                messages.success(request, f"{imp.bestandsnaam} is geladen: {imp.regels} regels.")
                return redirect("web:conversie-import", pk=imp.pk)
        view = ConversieView()
        view.setup(request)
        return render(request, view.template_name, view.get_context_data(upload=form))


def _import(request: HttpRequest, pk: int) -> Indicatieimport:
    return get_object_or_404(Indicatieimport.objects.for_user(request.user).select_related("gemeente"), pk=pk)


class ImportView(SectieMixin, TemplateView):
    """One import: the mapping, the buttons for the next step, the progress and the report per row."""

    secties = ("conversie",)
    model = Indicatieimport
    template_name = "conversie/import.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        imp = _import(self.request, kwargs["pk"])
        context["imp"] = imp
        context["velden"] = [{"veld": v, "gekozen": imp.koppeling.get(v.code, "")} for v in VELDEN]
        context["meldingen"] = imp.meldingen.all()[:MELDINGEN_OP_PAGINA]
        context["aantal_meldingen"] = imp.meldingen.count()
        context["wijzigbaar"] = imp.status in (ImportStatus.KOPPELEN, ImportStatus.GECONTROLEERD)
        context["bezig"] = imp.status == ImportStatus.BEZIG
        context["doorgaan"] = context["bezig"] and self.request.GET.get("verder") == "1"
        return context


class ImportStapView(SectieMixin, View):
    """POST: save the mapping, run the dry run, or read the next step of rows."""

    secties = ("conversie",)
    model = Indicatieimport

    def post(self, request: HttpRequest, pk: int) -> HttpResponseBase:
        imp = _import(request, pk)
        actie = request.POST.get("actie", "")
        try:
            if actie in ("koppelen", "proef"):
                koppeling = {v.code: request.POST.get(v.code, "") for v in VELDEN}
                if koppeling != imp.koppeling or imp.status == ImportStatus.KOPPELEN:
                    services.koppel_kolommen(door=request.user, indicatieimport=imp, koppeling=koppeling)
            if actie == "proef":
                services.proefdraai(door=request.user, indicatieimport=imp)
                messages.success(
                    request,
                    f"Proef gedraaid: {imp.regels - imp.afgekeurd} van de {imp.regels} regels zijn goed; "
                    "er is nog niets ingelezen.",
                )
            elif actie == "inlezen":
                services.lees_in(door=request.user, indicatieimport=imp, max_regels=REGELS_PER_STAP)
                if imp.status == ImportStatus.BEZIG:
                    return redirect(reverse("web:conversie-import", args=[imp.pk]) + "?verder=1")
                messages.success(
                    request, f"Klaar: {imp.ingelezen} indicaties ingelezen, {imp.afgekeurd} regels afgekeurd."
                )
            elif actie == "koppelen":
                messages.success(request, "De koppeling van de kolommen is bewaard.")
        except ValidationError as fout:
            messages.error(request, " ".join(fout.messages))
        return redirect("web:conversie-import", pk=imp.pk)


class ScenarioNieuwView(SectieMixin, View):
    secties = ("conversie",)

    def post(self, request: HttpRequest) -> HttpResponseBase:
        form = ScenarioForm(request.POST, gemeenten=_keuzes(request.user))
        if form.is_valid():
            d = form.cleaned_data
            try:
                scenario = services.maak_standaardscenario(
                    door=request.user,
                    gemeente=get_object_or_404(_gemeenten(request.user), code=d["gemeente"]),
                    naam=d["naam"],
                    omzetdatum=d["omzetdatum"],
                    uurtarieven={
                        "HH1": round(d["uurtarief_hh1"] * 100),
                        "HH2": round(d["uurtarief_hh2"] * 100),
                        "BG": round(d["uurtarief_bg"] * 100),
                    },
                    verschuiving_minuten=d["verschuiving"],
                    licht_tot_minuten=d["licht_tot"],
                    midden_tot_minuten=d["midden_tot"],
                    gesprek_vanaf_procent=d["gesprek_vanaf"],
                    samenvoegen=d["samenvoegen"] or Samenvoegen.OPTELLEN,
                )
            except ValidationError as fout:
                fouten_naar_form(form, fout)
            else:
                messages.success(request, f"Scenario {scenario.naam} is gemaakt.")
                return redirect("web:conversie")
        view = ConversieView()
        view.setup(request)
        return render(request, view.template_name, view.get_context_data(scenario_form=form))


class VergelijkingView(SectieMixin, TemplateView):
    """The chosen scenarios (all of the user's when none is chosen) side by side, each with its chart."""

    secties = ("conversie",)
    template_name = "conversie/vergelijking.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        alle = Scenario.objects.for_user(self.request.user).select_related("gemeente")
        gekozen = [s for s in self.request.GET.getlist("scenario") if s.isdigit()]
        scenarios = alle.filter(pk__in=gekozen) if gekozen else alle
        uitkomsten = services.vergelijk(scenarios[:4])
        getoond: list[Gesprek | NietOmgezet] = []
        for v in uitkomsten:
            getoond += v.gesprekken[:TONEN]
            getoond += v.niet_omgezet[:TONEN]
        clienten = Client.objects.for_user(self.request.user).filter(pk__in={r.client_id for r in getoond})
        namen = {c.pk: c.naam for c in clienten}
        for r in getoond:
            r.naam = namen.get(r.client_id, "")
        context["alle"] = alle
        context["gekozen"] = {int(s) for s in gekozen}
        context["kolommen"] = [{"v": v, "grafiek": staven(v)} for v in uitkomsten]
        return context

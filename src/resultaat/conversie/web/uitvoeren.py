"""The pages for executing a scenario: the form (transition period, phase), a round with its clients,
decisions and letters, and the two acts that close it: the letters were sent, or undo."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views import View
from django.views.generic import TemplateView

from resultaat.conversie import uitvoeren
from resultaat.conversie.models import Omzetronde, Scenario
from resultaat.conversie.web.forms import UitvoerenForm
from resultaat.core.web import SectieMixin, fouten_naar_form


def _producten(scenario: Scenario) -> list[str]:
    return sorted(set(scenario.regels.values_list("oud_product", flat=True)))


class OmzettingView(SectieMixin, TemplateView):
    """The consulent's start: the gemeente's scenarios, each to execute, with its rounds."""

    secties = ("omzetting",)
    template_name = "conversie/omzetting.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["scenarios"] = (
            Scenario.objects.for_user(self.request.user).select_related("gemeente").prefetch_related("rondes")
        )
        return context


class ScenarioUitvoerenView(SectieMixin, View):
    secties = ("omzetting",)
    model = Scenario
    template_name = "conversie/uitvoeren.html"

    def _context(self, scenario: Scenario, form: UitvoerenForm) -> dict[str, Any]:
        return {"scenario": scenario, "form": form, "rondes": scenario.rondes.all()}

    def get(self, request: HttpRequest, pk: int) -> HttpResponseBase:
        scenario = get_object_or_404(Scenario.objects.for_user(request.user), pk=pk)
        form = UitvoerenForm(producten=_producten(scenario))
        return render(request, self.template_name, self._context(scenario, form))

    def post(self, request: HttpRequest, pk: int) -> HttpResponseBase:
        scenario = get_object_or_404(Scenario.objects.for_user(request.user), pk=pk)
        form = UitvoerenForm(request.POST, producten=_producten(scenario))
        if form.is_valid():
            try:
                uitkomst = uitvoeren.voer_uit(
                    door=request.user,
                    scenario=scenario,
                    besluitdatum=timezone.localdate(),
                    overgang_weken=form.cleaned_data["overgang_weken"],
                    producten=form.cleaned_data["producten"],
                )
                uitvoeren.maak_brieven(door=request.user, ronde=uitkomst.ronde)
            except ValidationError as fout:
                fouten_naar_form(form, fout)
            else:
                messages.success(
                    request,
                    f"{uitkomst.omgezet} cliënten omgezet, {len(uitkomst.niet_omgezet)} niet. "
                    "Controleer de brieven en verstuur ze; tot dan kunt u alles ongedaan maken.",
                )
                for reden in uitkomst.niet_omgezet[:50]:
                    messages.warning(request, f"Niet omgezet: {reden}")
                return redirect("web:conversie-ronde", pk=uitkomst.ronde.pk)
        return render(request, self.template_name, self._context(scenario, form))


def _ronde(request: HttpRequest, pk: int) -> Omzetronde:
    return get_object_or_404(Omzetronde.objects.for_user(request.user).select_related("scenario"), pk=pk)


class RondeView(SectieMixin, TemplateView):
    secties = ("omzetting",)
    model = Omzetronde
    template_name = "conversie/ronde.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        ronde = _ronde(self.request, kwargs["pk"])
        context["ronde"] = ronde
        context["omzettingen"] = ronde.omzettingen.select_related(
            "client", "indicatie", "beschikking"
        ).prefetch_related("beschikking__resultaten__product")
        return context


class RondeBrievenView(SectieMixin, View):
    """All letters of the round in one PDF, for printing."""

    secties = ("omzetting",)
    model = Omzetronde

    def get(self, request: HttpRequest, pk: int) -> HttpResponseBase:
        ronde = _ronde(request, pk)
        response = HttpResponse(bytes(ronde.samengevoegd), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="brieven-omzetting-{ronde.pk}.pdf"'
        return response


class RondeActieView(SectieMixin, View):
    secties = ("omzetting",)
    model = Omzetronde

    def post(self, request: HttpRequest, pk: int) -> HttpResponseBase:
        ronde = _ronde(request, pk)
        try:
            if request.POST.get("actie") == "verzonden":
                uitvoeren.verzend(door=request.user, ronde=ronde, op=timezone.localdate())
                messages.success(request, "De brieven zijn verzonden: de nieuwe besluiten gelden.")
            else:
                uitvoeren.maak_ongedaan(door=request.user, ronde=ronde)
                messages.success(
                    request,
                    "De omzetting is ongedaan gemaakt: de besluiten zijn vervallen, de aanbieders "
                    "krijgen bericht en de oude indicaties gelden weer.",
                )
        except ValidationError as fout:
            messages.error(request, " ".join(fout.messages))
        return redirect("web:conversie-ronde", pk=ronde.pk)

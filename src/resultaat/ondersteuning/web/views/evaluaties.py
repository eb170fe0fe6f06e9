"""Evaluating a toewijzing per subresult: the consulent of the client's gemeente or the provider of the
toewijzing records whether each subresult was reached, with a note and the client's view. The write
goes through :func:`resultaat.ondersteuning.evaluaties.evalueer`, the same service as the API."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils import timezone

from resultaat.core.web import FormActie, ScopedDetailView
from resultaat.ondersteuning import evaluaties, services
from resultaat.ondersteuning.models import Evaluatie, EvaluatieMoment, Regiegesprek
from resultaat.ondersteuning.web.forms import EvaluatieForm, RegiegesprekForm
from resultaat.toewijzingen.models import Toewijzing


class EvaluatieNieuwView(FormActie, ScopedDetailView):
    secties = ("toewijzingen",)
    model = Toewijzing
    template_name = "ondersteuning/evaluatie_form.html"
    context_object_name = "toewijzing"

    def get_queryset(self) -> QuerySet[Toewijzing]:
        return Toewijzing.objects.for_user(self.request.user).select_related(
            "client__gemeente", "aanbieder", "product__resultaat", "beschikt_resultaat"
        )

    def _mag(self) -> None:
        evaluaties.rol_van(self.request.user, self.object)

    def maak_form(self, data: Any = None) -> EvaluatieForm:
        return EvaluatieForm(
            data,
            subresultaten=services.subresultaten_voor(self.object),
            initial={"datum": timezone.localdate(), "moment": EvaluatieMoment.TUSSENTIJDS},
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        try:
            self._mag()
        except PermissionDenied:
            context["form"] = None
        else:
            context["form"] = kwargs.get("form") or self.maak_form()
        context["eerdere"] = (
            Evaluatie.objects.for_user(self.request.user)
            .filter(toewijzing=self.object)
            .prefetch_related("oordelen__subresultaat")
        )
        return context

    def bereid_voor(self) -> None:
        super().bereid_voor()
        self._mag()

    def uitvoeren(self, form: Any) -> Evaluatie:
        data = form.cleaned_data
        return evaluaties.evalueer(
            door=self.request.user,
            toewijzing=self.object,
            datum=data["datum"],
            moment=data["moment"],
            oordelen=form.oordelen(),
            clientvisie=data["clientvisie"],
            client_tevreden=data["client_tevreden"],
            toelichting=data["toelichting"],
        )

    def gelukt(self, resultaat: Any) -> HttpResponse:
        messages.success(
            self.request,
            f"De evaluatie is vastgelegd: resultaat {resultaat.get_resultaat_behaald_display()}.",
        )
        return redirect("web:toewijzing-detail", pk=self.object.pk)


class RegiegesprekNieuwView(FormActie, ScopedDetailView):
    """Record a regiegesprek; the page shows the earlier ones and when the next one is due."""

    secties = ("toewijzingen",)
    model = Toewijzing
    template_name = "ondersteuning/regiegesprek_form.html"
    context_object_name = "toewijzing"
    form_class = RegiegesprekForm

    def get_queryset(self) -> QuerySet[Toewijzing]:
        return Toewijzing.objects.for_user(self.request.user).select_related("client", "aanbieder", "product")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        try:
            evaluaties.rol_van(self.request.user, self.object)
        except PermissionDenied:
            context["form"] = None
        else:
            context["form"] = kwargs.get("form") or RegiegesprekForm(initial={"datum": timezone.localdate()})
        context["gesprekken"] = Regiegesprek.objects.for_user(self.request.user).filter(
            toewijzing=self.object
        )
        context["volgend"] = evaluaties.volgend_regiegesprek(self.object)
        return context

    def bereid_voor(self) -> None:
        super().bereid_voor()
        evaluaties.rol_van(self.request.user, self.object)

    def uitvoeren(self, form: Any) -> Regiegesprek:
        return evaluaties.leg_regiegesprek_vast(
            door=self.request.user, toewijzing=self.object, **form.cleaned_data
        )

    def gelukt(self, resultaat: Any) -> HttpResponse:
        messages.success(self.request, "Het regiegesprek is vastgelegd.")
        return redirect("web:toewijzing-detail", pk=self.object.pk)

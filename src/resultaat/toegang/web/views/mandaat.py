"""The mandate of seed 003: the provider proposes the minutes of an indicatie, the consulent approves.

Thin views: every write goes through :mod:`resultaat.toegang.services` (or toewijzingen.services for the
switch); a ``ValidationError`` is shown in Dutch next to the form and nothing is saved. Every view with a
``pk`` looks its object up through ``for_user``, so another organisation's record is a 404.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from resultaat.core.web import (
    ScopedDetailView,
    ScopedListView,
    fouten_naar_form,
)
from resultaat.toegang import services
from resultaat.toegang.models import (
    Indicatie,
    IndicatieStatus,
)
from resultaat.toegang.web.forms import (
    VoorstelForm,
)


class MandaatListView(ScopedListView):
    """Seed 003 mandate: a provider sees the indicaties it is asked to propose; a consulent the proposals."""

    secties = ("mandaat",)
    model = Indicatie
    template_name = "toegang/mandaat_list.html"
    context_object_name = "indicaties"

    def get_queryset(self) -> QuerySet[Indicatie]:
        return (
            Indicatie.objects.for_user(self.request.user)
            .filter(mandaat_aanbieder__isnull=False)
            .select_related("client", "resultaat", "tijdsband", "mandaat_aanbieder")
            .order_by("-pk")
        )


class IndicatieDetailView(ScopedDetailView):
    """One indicatie; under mandate the provider proposes the minutes, the consulent approves or rejects."""

    secties = ("mandaat",)
    model = Indicatie
    template_name = "toegang/indicatie_detail.html"
    context_object_name = "indicatie"

    def get_queryset(self) -> QuerySet[Indicatie]:
        return Indicatie.objects.for_user(self.request.user).select_related(
            "client", "resultaat", "tijdsband", "product", "mandaat_aanbieder", "aanvraag"
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user: Any = self.request.user
        ind = self.object
        context["mag_voorstellen"] = user.is_aanbieder_user and ind.status in (
            IndicatieStatus.MANDAAT_GEVRAAGD,
            IndicatieStatus.AFGEWEZEN,
        )
        context["mag_beoordelen"] = user.is_gemeente_user and ind.status == IndicatieStatus.VOORGESTELD
        context["form"] = kwargs.get("form") or VoorstelForm()
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.object = ind = self.get_object()
        actie = request.POST.get("actie")
        form = VoorstelForm(request.POST)
        if actie == "voorstel":
            if form.is_valid() and form.cleaned_data["minuten_per_week"] is not None:
                try:
                    services.stel_indicatie_voor(
                        door=request.user,
                        indicatie=ind,
                        minuten_per_week=form.cleaned_data["minuten_per_week"],
                        frequentie=form.cleaned_data["frequentie"],
                    )
                    messages.success(request, "Uw voorstel is naar de consulent gestuurd.")
                    return redirect("web:indicatie-detail", pk=ind.pk)
                except ValidationError as fout:
                    fouten_naar_form(form, fout)
            elif form.is_valid():
                form.add_error("minuten_per_week", "Vul het aantal minuten per week in.")
        elif actie in ("akkoord", "afwijzen"):
            try:
                services.beoordeel_voorstel(
                    door=request.user,
                    indicatie=ind,
                    akkoord=actie == "akkoord",
                    motivering=request.POST.get("motivering", ""),
                )
                messages.success(
                    request,
                    "Het voorstel is goedgekeurd." if actie == "akkoord" else "Het voorstel is afgewezen.",
                )
                return redirect("web:aanvraag-detail", pk=ind.aanvraag_id)
            except ValidationError as fout:
                form.add_error(None, fout.messages)
        return self.render_to_response(self.get_context_data(form=form))

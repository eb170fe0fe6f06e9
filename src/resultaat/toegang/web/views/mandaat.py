"""The mandate of seed 003: the provider proposes the minutes of an indicatie, the consulent approves.

Thin views: every write goes through :mod:`resultaat.toegang.services` (or toewijzingen.services for the
switch); a ``ValidationError`` is shown in Dutch next to the form and nothing is saved. Every view with a
``pk`` looks its object up through ``for_user``, so another organisation's record is a 404.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import redirect

from resultaat.core.tabellen import TabelView
from resultaat.core.web import (
    FormActie,
    ScopedDetailView,
)
from resultaat.toegang import services
from resultaat.toegang.models import (
    Indicatie,
    IndicatieStatus,
)
from resultaat.toegang.web.forms import (
    BeoordelingForm,
    VoorstelForm,
)
from resultaat.toegang.web.tabellen import MandaatFilter, MandaatTabel


class MandaatListView(TabelView):
    """Seed 003 mandate: a provider sees the indicaties it is asked to propose; a consulent the proposals."""

    secties = ("mandaat",)
    model = Indicatie
    template_name = "toegang/mandaat_list.html"
    context_object_name = "indicaties"
    tabel_class = MandaatTabel
    filter_class = MandaatFilter
    export_naam = "indicatievoorstellen"
    enkelvoud, meervoud = "voorstel", "voorstellen"

    def basis(self) -> QuerySet[Indicatie]:
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
        context["beoordeling_form"] = kwargs.get("beoordeling_form") or BeoordelingForm()
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        """The forms of the page post here with a hidden ``actie``: each action is a view with a form."""
        actie = INDICATIE_ACTIES.get(request.POST.get("actie", ""))
        if actie is None:
            self.object = self.get_object()
            return self.render_to_response(self.get_context_data(form=VoorstelForm(request.POST)))
        return actie.as_view()(request, *args, **kwargs)


class VoorstelIndienenView(FormActie, IndicatieDetailView):
    """Action "voorstel": the provider proposes the minutes per week (within the band of the mandate)."""

    form_class = VoorstelForm

    def uitvoeren(self, form: Any) -> Any:
        return services.stel_indicatie_voor(
            door=self.request.user,
            indicatie=self.object,
            minuten_per_week=form.cleaned_data["minuten_per_week"],
            frequentie=form.cleaned_data["frequentie"],
        )

    def gelukt(self, resultaat: Any) -> HttpResponseBase:
        messages.success(self.request, "Uw voorstel is naar de consulent gestuurd.")
        return redirect("web:indicatie-detail", pk=self.object.pk)


class VoorstelGoedkeurenView(FormActie, IndicatieDetailView):
    """Action "akkoord": the consulent approves the proposal; it is the indicatie now."""

    akkoord = True
    form_class = BeoordelingForm
    form_naam = "beoordeling_form"

    def uitvoeren(self, form: Any) -> Any:
        return services.beoordeel_voorstel(
            door=self.request.user,
            indicatie=self.object,
            akkoord=self.akkoord,
            motivering=form.cleaned_data["motivering"],
        )

    def gelukt(self, resultaat: Any) -> HttpResponseBase:
        messages.success(
            self.request, "Het voorstel is goedgekeurd." if self.akkoord else "Het voorstel is afgewezen."
        )
        return redirect("web:aanvraag-detail", pk=self.object.aanvraag_id)


class VoorstelAfwijzenView(VoorstelGoedkeurenView):
    """Action "afwijzen": the consulent rejects the proposal, with a motivering; the provider proposes
    again."""

    akkoord = False


INDICATIE_ACTIES: dict[str, type[IndicatieDetailView]] = {
    "voorstel": VoorstelIndienenView,
    "akkoord": VoorstelGoedkeurenView,
    "afwijzen": VoorstelAfwijzenView,
}

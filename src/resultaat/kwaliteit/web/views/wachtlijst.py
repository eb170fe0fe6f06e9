"""The waiting list per provider and product: who waits now and how long, how long those who started in
the period waited, and the capacity the provider reported. A provider sees its own and reports capacity."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.views.generic import TemplateView

from resultaat.catalogus.models import Product
from resultaat.core.rollen import Rol
from resultaat.core.web import SectieMixin, fouten_naar_form, is_aanbieder
from resultaat.kwaliteit.models import Capaciteitsmelding
from resultaat.kwaliteit.services import wachttijden
from resultaat.kwaliteit.services.wachtlijst import meld_capaciteit
from resultaat.kwaliteit.web.forms import CapaciteitForm
from resultaat.kwaliteit.web.views.periode import AlleenRollen, komma, periode, scope
from resultaat.organisaties.models import Aanbieder, Gemeente
from resultaat.toewijzingen.models import Toewijzing


class WachtlijstView(SectieMixin, TemplateView):
    secties = ("wachtlijst",)
    template_name = "kwaliteit/wachtlijst.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        form, van, tot = periode(self.request)
        rijen = wachttijden(van, tot, **scope(self.request.user))
        aanbieders = dict(
            Aanbieder.objects.filter(pk__in={r.aanbieder_id for r in rijen}).values_list("pk", "naam")
        )
        producten = dict(
            Product.objects.filter(pk__in={r.product_id for r in rijen}).values_list("pk", "naam")
        )
        regels = [
            {
                "aanbieder": aanbieders.get(r.aanbieder_id, ""),
                "product": producten.get(r.product_id, ""),
                "wachtend": r.wachtend,
                "wacht_mediaan": komma(r.wacht_mediaan_dagen, 0),
                "wacht_langste": r.wacht_langste_dagen if r.wacht_langste_dagen is not None else "–",
                "gestart": r.gestart,
                "start_mediaan": komma(r.start_mediaan_dagen, 0),
                "start_langste": r.start_langste_dagen if r.start_langste_dagen is not None else "–",
                "plaatsen": r.plaatsen,
                "vrij": r.vrije_plaatsen,
                "gemeld_wachtend": r.gemelde_wachtenden,
                "gemeld_op": r.gemeld_op,
            }
            for r in rijen
        ]
        regels.sort(key=lambda r: (r["aanbieder"], r["product"]))
        context.update(
            periode_form=form,
            regels=regels,
            peildatum=timezone.localdate(),
            is_aanbieder=is_aanbieder(self.request.user),
        )
        return context


class CapaciteitView(AlleenRollen, SectieMixin, TemplateView):
    """A provider reports places, free places and people waiting for one product in one gemeente."""

    secties = ("wachtlijst",)
    rollen = frozenset({Rol.AANBIEDER})
    template_name = "kwaliteit/capaciteit_form.html"

    def _form(self, data: Any = None) -> CapaciteitForm:
        user: Any = self.request.user
        eigen = Toewijzing.objects.filter(aanbieder_id=user.aanbieder_id).order_by()
        return CapaciteitForm(
            data,
            gemeenten=Gemeente.objects.filter(pk__in=eigen.values("gemeente_id")).order_by("naam"),
            producten=Product.objects.filter(pk__in=eigen.values("product_id")).order_by("naam"),
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.setdefault("form", self._form())
        context["meldingen"] = Capaciteitsmelding.objects.for_user(self.request.user).select_related(
            "gemeente", "product"
        )[:20]
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = self._form(request.POST)
        if form.is_valid():
            try:
                meld_capaciteit(door=request.user, **form.cleaned_data)
            except ValidationError as fout:
                fouten_naar_form(form, fout)
            else:
                messages.success(request, "De capaciteit is gemeld.")
                return redirect("web:wachtlijst")
        return self.render_to_response(self.get_context_data(form=form))

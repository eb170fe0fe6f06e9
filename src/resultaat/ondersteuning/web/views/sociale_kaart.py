"""The sociale kaart: consulenten and beheerders keep the voorzieningen of their gemeenten; a provider sees
that of its clients' gemeenten when it connects a client to a voorziening (the Plus of the plan).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views import View

from resultaat.core.rollen import Rol
from resultaat.core.tabellen import TabelView
from resultaat.core.web import FormActie, ScopedDetailView, SectieMixin
from resultaat.ondersteuning import services
from resultaat.ondersteuning.models import (
    SocialeKaartVoorziening,
)
from resultaat.ondersteuning.web.forms import VoorzieningForm
from resultaat.ondersteuning.web.tabellen import VoorzieningFilter, VoorzieningTabel
from resultaat.organisaties.models import Gemeente

PLAN_SECTIES = ("toewijzingen",)


class SocialeKaartView(TabelView):
    """The sociale kaart of the user's gemeenten; a provider sees that of its clients' gemeenten."""

    secties = ("sociale-kaart",)
    model = SocialeKaartVoorziening
    template_name = "ondersteuning/plan/sociale_kaart.html"
    context_object_name = "voorzieningen"
    paginate_by = 50
    tabel_class = VoorzieningTabel
    filter_class = VoorzieningFilter
    export_naam = "sociale-kaart"
    enkelvoud, meervoud = "voorziening", "voorzieningen"

    def basis(self) -> QuerySet[SocialeKaartVoorziening]:
        qs = SocialeKaartVoorziening.objects.for_user(self.request.user).select_related("gemeente")
        self.gemeenten = list(Gemeente.objects.filter(pk__in=qs.values("gemeente")).order_by("naam"))
        gekozen = self.request.GET.get("gemeente", "")
        self.gemeente = next((g for g in self.gemeenten if str(g.pk) == gekozen), None)
        if self.gemeente is not None:
            qs = qs.filter(gemeente=self.gemeente)
        return qs.order_by("gemeente__naam", "naam")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["gemeenten"] = self.gemeenten
        context["gemeente"] = self.gemeente
        context["mag_beheren"] = _beheert(self.request.user)
        return context


def _beheert(user: Any) -> bool:
    return bool(user.is_superuser or user.rol in (Rol.CONSULENT, Rol.BEHEERDER))


def _eigen_gemeenten(user: Any) -> QuerySet[Gemeente]:
    if user.is_superuser:
        return Gemeente.objects.order_by("naam")
    return user.gemeenten.order_by("naam")


class VoorzieningNieuwView(FormActie, SectieMixin, View):
    """Add a voorziening to the sociale kaart of one of the user's gemeenten."""

    secties = ("sociale-kaart",)
    template_name = "ondersteuning/plan/voorziening_form.html"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        if request.user.is_authenticated and not _beheert(request.user):
            raise PermissionDenied("Alleen de gemeente houdt de sociale kaart bij.")
        return super().dispatch(request, *args, **kwargs)

    def get(self, request: HttpRequest) -> HttpResponse:
        form = VoorzieningForm(gemeenten=_eigen_gemeenten(request.user))
        return render(request, self.template_name, {"form": form})

    def maak_form(self, data: Any = None) -> VoorzieningForm:
        return VoorzieningForm(data, gemeenten=_eigen_gemeenten(self.request.user))

    def uitvoeren(self, form: Any) -> SocialeKaartVoorziening:
        return services.bewaar_voorziening(door=self.request.user, **form.cleaned_data)

    def gelukt(self, resultaat: Any) -> HttpResponse:
        messages.success(self.request, f"{resultaat.naam} staat op de sociale kaart.")
        return redirect(f"{_kaart_url()}?gemeente={resultaat.gemeente_id}")

    def opnieuw(self, form: Any) -> HttpResponse:
        return render(self.request, self.template_name, {"form": form})


def _kaart_url() -> str:
    from django.urls import reverse

    return reverse("web:sociale-kaart")


class VoorzieningWijzigenView(FormActie, ScopedDetailView):
    """Change a voorziening of one of the user's gemeenten."""

    secties = ("sociale-kaart",)
    model = SocialeKaartVoorziening
    template_name = "ondersteuning/plan/voorziening_form.html"
    context_object_name = "voorziening"

    def get_queryset(self) -> QuerySet[SocialeKaartVoorziening]:
        return SocialeKaartVoorziening.objects.beheerbaar_voor(self.request.user).select_related("gemeente")

    def maak_form(self, data: Any = None) -> VoorzieningForm:
        v = self.object
        return VoorzieningForm(
            data,
            gemeenten=_eigen_gemeenten(self.request.user),
            vaste_gemeente=True,
            initial={"naam": v.naam, "soort": v.soort, "adres": v.adres, "contact": v.contact},
        )

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.object = self.get_object()
        return render(request, self.template_name, {"form": self.maak_form(), "voorziening": self.object})

    def uitvoeren(self, form: Any) -> str:
        services.bewaar_voorziening(door=self.request.user, voorziening=self.object, **form.cleaned_data)
        return str(form.cleaned_data["naam"])

    def gelukt(self, resultaat: Any) -> HttpResponse:
        messages.success(self.request, f"{resultaat} is bijgewerkt.")
        return redirect(f"{_kaart_url()}?gemeente={self.object.gemeente_id}")

    def opnieuw(self, form: Any) -> HttpResponse:
        return render(self.request, self.template_name, {"form": form, "voorziening": self.object})

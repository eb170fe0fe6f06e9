"""Complaint pages: the list (status, overdue), registering one, and its handling (steps, closing).
Gemeente staff register and handle; a provider reads the complaints about itself and registers one that
one of its own clients made to it (from the client's page), but handles none."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.views.generic import TemplateView

from resultaat.clienten.models import Client
from resultaat.core.rollen import Rol
from resultaat.core.web import (
    FormActie,
    ScopedDetailView,
    SectieMixin,
    StatusListView,
    fouten_naar_form,
    is_aanbieder,
)
from resultaat.kwaliteit.models import Klacht, KlachtStatus
from resultaat.kwaliteit.services import klachten
from resultaat.kwaliteit.web.forms import AfhandelenForm, KlachtForm, KlachtStapForm
from resultaat.kwaliteit.web.views.periode import KWALITEIT_ROLLEN, AlleenRollen
from resultaat.organisaties.models import Aanbieder


class KlachtListView(StatusListView):
    secties = ("klachten",)
    model = Klacht
    template_name = "kwaliteit/klacht_list.html"
    context_object_name = "klachten"
    status_keuzes = KlachtStatus

    def get_queryset(self) -> QuerySet[Klacht]:
        qs = self.filter_status(Klacht.objects.for_user(self.request.user)).select_related(
            "aanbieder", "client"
        )
        if self.request.GET.get("te_laat") == "1":
            qs = qs.te_laat_op(timezone.localdate())
        aanbieder = self.request.GET.get("aanbieder", "")
        if aanbieder.isdigit():
            qs = qs.filter(aanbieder_id=int(aanbieder))
        return qs.order_by("-ontvangen_op", "-pk")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["vandaag"] = timezone.localdate()
        context["is_aanbieder"] = is_aanbieder(self.request.user)
        context["te_laat"] = self.request.GET.get("te_laat") == "1"
        return context


class KlachtNieuwView(AlleenRollen, SectieMixin, TemplateView):
    """Register a complaint; opened from a client's file (``?client=``) it is about that client."""

    secties = ("klachten",)
    template_name = "kwaliteit/klacht_nieuw.html"
    # A provider too, for a complaint of its own client about itself (the service checks both).
    rollen = KWALITEIT_ROLLEN | {Rol.AANBIEDER}

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if is_aanbieder(request.user) and self._client() is None:
            messages.info(request, "Open de cliënt en kies daar ‘Klacht van deze cliënt registreren’.")
            return redirect("web:client-list")
        return super().get(request, *args, **kwargs)

    def _client(self) -> Client | None:
        pk = self.request.POST.get("client") or self.request.GET.get("client") or ""
        if not pk:
            return None
        client = Client.objects.for_user(self.request.user).filter(pk=pk).first() if pk.isdigit() else None
        if client is None:
            raise Http404("Niet gevonden.")
        return client

    def _form(self, data: Any = None) -> KlachtForm:
        return KlachtForm(
            data,
            aanbieders=Aanbieder.objects.for_user(self.request.user).order_by("naam"),
            initial={"ontvangen_op": timezone.localdate()},
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.setdefault("form", self._form())
        context["client"] = self._client()
        context["is_aanbieder"] = is_aanbieder(self.request.user)
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        client = self._client()
        form = self._form(request.POST)
        if form.is_valid():
            user: Any = request.user
            gemeente = client.gemeente if client else user.gemeenten.order_by("naam").first()
            try:
                klacht = klachten.registreer(
                    door=request.user, gemeente=gemeente, client=client, **form.cleaned_data
                )
            except ValidationError as fout:
                fouten_naar_form(form, fout)
            else:
                messages.success(
                    request, f"De klacht is geregistreerd. Afhandelen uiterlijk {klacht.uiterlijk:%d-%m-%Y}."
                )
                return redirect("web:klacht-detail", pk=klacht.pk)
        return self.render_to_response(self.get_context_data(form=form))


class KlachtDetailView(ScopedDetailView):
    secties = ("klachten",)
    model = Klacht
    template_name = "kwaliteit/klacht_detail.html"
    context_object_name = "klacht"

    def get_queryset(self) -> QuerySet[Klacht]:
        return Klacht.objects.for_user(self.request.user).select_related(
            "aanbieder", "client", "geregistreerd_door"
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        klacht = self.object
        mag = not is_aanbieder(self.request.user) and klacht.status != KlachtStatus.AFGEHANDELD
        vandaag = timezone.localdate()
        context["stap_form"] = kwargs.get("stap_form") or (
            KlachtStapForm(initial={"datum": vandaag}) if mag else None
        )
        context["afhandelen_form"] = kwargs.get("afhandelen_form") or (
            AfhandelenForm(initial={"afgehandeld_op": vandaag}) if mag else None
        )
        context["stappen"] = klacht.stappen.select_related("door").order_by("datum", "pk")
        context["vandaag"] = vandaag
        context["is_aanbieder"] = is_aanbieder(self.request.user)
        return context


class KlachtStapView(AlleenRollen, FormActie, KlachtDetailView):
    form_class = KlachtStapForm
    form_naam = "stap_form"
    http_method_names = ["post"]

    def uitvoeren(self, form: Any) -> Any:
        return klachten.leg_stap_vast(door=self.request.user, klacht=self.object, **form.cleaned_data)

    def gelukt(self, resultaat: Any) -> HttpResponse:
        messages.success(self.request, "De stap is vastgelegd.")
        return redirect("web:klacht-detail", pk=self.object.pk)


class KlachtAfhandelenView(AlleenRollen, FormActie, KlachtDetailView):
    form_class = AfhandelenForm
    form_naam = "afhandelen_form"
    http_method_names = ["post"]

    def uitvoeren(self, form: Any) -> Any:
        return klachten.handel_af(door=self.request.user, klacht=self.object, **form.cleaned_data)

    def gelukt(self, resultaat: Any) -> HttpResponse:
        messages.success(self.request, "De klacht is afgehandeld.")
        return redirect("web:klacht-detail", pk=self.object.pk)

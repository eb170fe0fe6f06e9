"""The client's household and individual exemptions: what the eigen bijdrage rules decide from."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from resultaat.clienten.models import Client
from resultaat.core.web import FormActie, ScopedDetailView
from resultaat.eigen_bijdrage import services
from resultaat.eigen_bijdrage.web.forms import HuisgenootForm, PartnerForm, VrijstellingForm


class _Huishouden(FormActie, ScopedDetailView):
    secties = ("toegang",)
    model = Client
    template_name = "eigen_bijdrage/huishouden.html"
    context_object_name = "client"

    def get_queryset(self) -> QuerySet[Client]:
        return Client.objects.for_user(self.request.user).select_related("gemeente")

    def pagina(self, **forms: Any) -> HttpResponse:
        context = {
            "client": self.object,
            "overzicht": services.overzicht_voor(self.object, timezone.localdate()),
            "huisgenoot_form": forms.get("huisgenoot_form") or HuisgenootForm(),
            "vrijstelling_form": forms.get("vrijstelling_form") or VrijstellingForm(),
            "partner_form": forms.get("partner_form") or PartnerForm(),
            "vrijstellingen": self.object.vrijstellingen.order_by("vanaf"),
        }
        return render(self.request, self.template_name, context)

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.object = self.get_object()
        return self.pagina()

    def gelukt(self, resultaat: Any) -> HttpResponse:
        messages.success(self.request, resultaat)
        return redirect(reverse("web:eigen-bijdrage-huishouden", args=[self.object.pk]))


class HuishoudenView(_Huishouden):
    """The page, and adding someone who lives with the client."""

    form_class = HuisgenootForm

    def uitvoeren(self, form: Any) -> str:
        services.leg_huisgenoot_vast(door=self.request.user, client=self.object, **form.cleaned_data)
        return "De huisgenoot is vastgelegd."

    def opnieuw(self, form: Any) -> HttpResponse:
        return self.pagina(huisgenoot_form=form)


class PartnerView(_Huishouden):
    """Linking a partner who is a client of the gemeente too, found by BSN (sent by POST only)."""

    form_class = PartnerForm

    def uitvoeren(self, form: Any) -> str:
        h = services.koppel_partner(door=self.request.user, client=self.object, **form.cleaned_data)
        return f"{h.naam} is vastgelegd als partner; de eigen bijdrage houdt rekening met het huishouden."

    def opnieuw(self, form: Any) -> HttpResponse:
        return self.pagina(partner_form=form)


class VrijstellingView(_Huishouden):
    """Adding an exemption the gemeente knows (Wlz bijdrage, minimabeleid)."""

    form_class = VrijstellingForm

    def uitvoeren(self, form: Any) -> str:
        services.leg_vrijstelling_vast(door=self.request.user, client=self.object, **form.cleaned_data)
        return "De vrijstelling is vastgelegd."

    def opnieuw(self, form: Any) -> HttpResponse:
        return self.pagina(vrijstelling_form=form)

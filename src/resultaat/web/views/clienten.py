"""Finding a client (by BSN over POST, or by surname) and the client page with the whole chain."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views import View

from resultaat.clienten.models import Client
from resultaat.clienten.services import zoek_op_bsn
from resultaat.core.web import GeenBsnInUrlMixin, ScopedDetailView, ScopedListView, SectieMixin
from resultaat.web.forms import BsnZoekForm, NaamZoekForm
from resultaat.web.tijdlijn import tijdlijn

GEEN_CLIENT = "Geen cliënt gevonden met dit BSN."


class ClientZoekenView(GeenBsnInUrlMixin, SectieMixin, View):
    """The BSN goes in the body of a POST: never in a URL, a query string, a log line or the history."""

    secties = ("client-zoeken",)
    template_name = "web/client_zoeken.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        return render(request, self.template_name, {"form": BsnZoekForm()})

    def post(self, request: HttpRequest) -> HttpResponse:
        form = BsnZoekForm(request.POST)
        if form.is_valid():
            client = zoek_op_bsn(door=request.user, bsn=form.cleaned_data["bsn"])
            if client is not None:
                return redirect("web:client-detail", pk=client.pk)
            # The same answer whether the BSN is unknown or belongs to someone the user may not see.
            form.add_error("bsn", GEEN_CLIENT)
        return render(request, self.template_name, {"form": form})


class ClientListView(ScopedListView):
    secties = ("clienten",)
    model = Client
    template_name = "web/client_list.html"
    context_object_name = "clienten"

    def get_queryset(self) -> QuerySet[Client]:
        qs = Client.objects.for_user(self.request.user).select_related("gemeente")
        self.zoekform = NaamZoekForm(self.request.GET or None)
        if self.zoekform.is_valid() and self.zoekform.cleaned_data["achternaam"]:
            qs = qs.filter(achternaam__istartswith=self.zoekform.cleaned_data["achternaam"].strip())
        return qs.order_by("achternaam", "voorletters", "pk")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["zoekform"] = self.zoekform
        return context


class ClientDetailView(ScopedDetailView):
    """Personal data (the full BSN only here) and the chain as a timeline; the read is audited."""

    secties = ("clienten", "client-zoeken")
    model = Client
    template_name = "web/client_detail.html"
    context_object_name = "client"

    def get_queryset(self) -> QuerySet[Client]:
        return Client.objects.for_user(self.request.user).select_related("gemeente")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        client = self.object
        vandaag = timezone.localdate()
        context["vandaag"] = vandaag
        context["tijdlijn"] = tijdlijn(client, self.request.user, vandaag)
        return context

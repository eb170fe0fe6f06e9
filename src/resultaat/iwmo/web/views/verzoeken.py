"""Provider requests (verzoek om toewijzing, verzoek om wijziging) and the consulent's answer.

A provider asks from the portal; a request may also have come in as a 315/317 message. Both land on the
consulent's worklist and are answered on the same page: grant (a 301 goes out), reject with a reason
(319 antwoord 1) or "in onderzoek" (319 antwoord 2). Every write goes through
:mod:`resultaat.iwmo.services`.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views import View

from resultaat.catalogus.models import Product
from resultaat.core.codes import WJ760VerzoekAntwoord
from resultaat.core.opmaak import datum, lees_datum
from resultaat.core.tabellen import StatusTabelView
from resultaat.core.web import (
    FormActie,
    ScopedDetailView,
    SectieMixin,
    is_aanbieder,
    is_gemeente,
)
from resultaat.iwmo import services
from resultaat.iwmo.models import Verzoek, VerzoekStatus
from resultaat.iwmo.web.forms import AntwoordForm, VotForm, VowForm
from resultaat.iwmo.web.tabellen import VerzoekFilter, VerzoekTabel
from resultaat.toewijzingen.models import Toewijzing


def _datum(waarde: str | None) -> str:
    return datum(lees_datum(waarde), "geen")


def _product(code: dict[str, str] | None) -> str:
    if not code:
        return "geen product genoemd"
    product = (
        Product.objects.filter(categorie=code.get("Categorie"), code=code.get("Code"))
        .order_by("-geldig_van")
        .first()
    )
    naam = f"{product.naam} " if product else ""
    return f"{naam}({code.get('Categorie')}/{code.get('Code')})"


def gevraagd(verzoek: Verzoek) -> list[str]:
    """What the request asks, in words, read from ``producten`` (the message's shape)."""
    regels = []
    for p in verzoek.producten:
        if "TeWijzigenProducten" in p or "NieuweProducten" in p:
            for t in p.get("TeWijzigenProducten", []):
                regels.append(
                    f"Toewijzing {t.get('ToewijzingNummer')}: nieuwe einddatum {_datum(t.get('Einddatum'))}"
                )
            for n in p.get("NieuweProducten", []):
                van = _datum(n.get("GewensteIngangsdatum"))
                regels.append(
                    f"Nieuw product {_product(n.get('Product'))} vanaf {van}, "
                    f"einddatum {_datum(n.get('Einddatum'))}"
                )
        else:
            regels.append(
                f"{_product(p.get('Product'))} vanaf {_datum(p.get('ToewijzingIngangsdatum'))}, "
                f"einddatum {_datum(p.get('ToewijzingEinddatum'))}"
            )
    return regels


class AlleenAanbiederMixin:
    """Forms only a provider's staff fill in; a gemeente user gets 403 (404 on a page with a pk)."""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated and not is_aanbieder(request.user):
            if kwargs.get("pk") is not None:
                raise Http404("Niet gevonden.")
            raise PermissionDenied("Alleen een aanbieder dient een verzoek in.")
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]


class VerzoekListView(StatusTabelView):
    secties = ("verzoeken",)
    model = Verzoek
    template_name = "iwmo/verzoek_list.html"
    context_object_name = "verzoeken"
    tabel_class = VerzoekTabel
    filter_class = VerzoekFilter
    export_naam = "verzoeken"
    enkelvoud, meervoud = "verzoek", "verzoeken"
    status_keuzes = VerzoekStatus
    samen_met = ("client", "aanbieder")
    volgorde = ("-ingediend_op", "-pk")
    aanbieder_voegt_toe = "mag_indienen"


class VerzoekDetailView(FormActie, ScopedDetailView):
    """The request, what it asks, its answer; for the gemeente the form to answer it."""

    secties = ("verzoeken",)
    model = Verzoek
    template_name = "iwmo/verzoek_detail.html"
    context_object_name = "verzoek"

    def get_queryset(self) -> QuerySet[Verzoek]:
        return Verzoek.objects.for_user(self.request.user).select_related(
            "client", "aanbieder", "gemeente", "bericht", "ingediend_door", "beantwoord_door"
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        verzoek = self.object
        gemeente = is_gemeente(user)
        context["is_gemeente"] = gemeente
        context["gevraagd"] = gevraagd(verzoek)
        context["toewijzingen"] = list(
            Toewijzing.objects.for_user(user)
            .filter(
                aanbieder=verzoek.aanbieder,
                client=verzoek.client,
                referentie_aanbieder=verzoek.referentie_aanbieder,
            )
            .exclude(referentie_aanbieder="")
            .select_related("product")
            .order_by("nummer")
        )
        context["te_laat"] = (
            verzoek.status in (VerzoekStatus.OPEN, VerzoekStatus.IN_ONDERZOEK)
            and verzoek.uiterlijk < timezone.localdate()
        )
        if gemeente and verzoek.status in (VerzoekStatus.OPEN, VerzoekStatus.IN_ONDERZOEK):
            context["form"] = kwargs.get("form") or AntwoordForm()
        return context

    form_class = AntwoordForm

    def bereid_voor(self) -> None:
        super().bereid_voor()
        if not is_gemeente(self.request.user):
            raise PermissionDenied("Alleen de gemeente beantwoordt een verzoek.")

    def uitvoeren(self, form: Any) -> str:
        verzoek, user = self.object, self.request.user
        antwoord, reden = form.cleaned_data["antwoord"], form.cleaned_data["reden"]
        if antwoord == "toekennen":
            gemaakt = services.ken_toe(door=user, verzoek=verzoek)
            nummers = ", ".join(str(t.nummer) for t in gemaakt)
            return f"Toegekend: toewijzing {nummers}. De 301 staat klaar voor de aanbieder."
        if antwoord == "afwijzen":
            services.beantwoord_met_319(
                door=user, verzoek=verzoek, antwoord=WJ760VerzoekAntwoord.AFGEWEZEN, reden=reden
            )
            return "Het verzoek is afgewezen; het antwoordbericht (319) staat klaar."
        services.beantwoord_met_319(
            door=user, verzoek=verzoek, antwoord=WJ760VerzoekAntwoord.IN_ONDERZOEK, reden=reden
        )
        return "Het verzoek is in onderzoek; de aanbieder krijgt een antwoordbericht (319)."

    def gelukt(self, resultaat: Any) -> HttpResponse:
        messages.success(self.request, resultaat)
        return redirect("web:verzoek-detail", pk=self.object.pk)


def _ingediend(request: HttpRequest, verzoek: Verzoek) -> HttpResponse:
    messages.success(
        request, f"Uw verzoek is ingediend. De gemeente antwoordt uiterlijk {verzoek.uiterlijk:%d-%m-%Y}."
    )
    return redirect("web:verzoek-detail", pk=verzoek.pk)


class VotNieuwView(FormActie, AlleenAanbiederMixin, SectieMixin, View):
    """ "Verzoek om toewijzing" for one of the provider's own clients (``?client=<pk>`` preselects)."""

    secties = ("verzoeken",)
    template_name = "iwmo/verzoek_toewijzing.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        initial: dict[str, Any] = {}
        if str(request.GET.get("client", "")).isdigit():
            initial["client"] = request.GET["client"]
        return render(request, self.template_name, {"form": VotForm(user=request.user, initial=initial)})

    def maak_form(self, data: Any = None) -> VotForm:
        return VotForm(data, user=self.request.user)

    def uitvoeren(self, form: Any) -> Verzoek:
        return services.dien_vot_in(door=self.request.user, **form.cleaned_data)

    def gelukt(self, resultaat: Any) -> HttpResponse:
        return _ingediend(self.request, resultaat)

    def opnieuw(self, form: Any) -> HttpResponse:
        return render(self.request, self.template_name, {"form": form})


class VowNieuwView(FormActie, AlleenAanbiederMixin, ScopedDetailView):
    """ "Verzoek om wijziging" of one of the provider's toewijzingen: a new end date and/or product."""

    secties = ("verzoeken",)
    model = Toewijzing
    template_name = "iwmo/verzoek_wijziging.html"
    context_object_name = "toewijzing"

    def get_queryset(self) -> QuerySet[Toewijzing]:
        return Toewijzing.objects.for_user(self.request.user).select_related("client", "product", "aanbieder")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        toewijzing = self.object
        context["form"] = kwargs.get("form") or VowForm(user=self.request.user, toewijzing=toewijzing)
        context["beeindigd"] = (
            toewijzing.einddatum is not None and toewijzing.einddatum < timezone.localdate()
        )
        return context

    def maak_form(self, data: Any = None) -> VowForm:
        return VowForm(data, user=self.request.user, toewijzing=self.object)

    def uitvoeren(self, form: Any) -> Verzoek:
        return services.dien_vow_in(door=self.request.user, toewijzing=self.object, **form.cleaned_data)

    def gelukt(self, resultaat: Any) -> HttpResponse:
        return _ingediend(self.request, resultaat)

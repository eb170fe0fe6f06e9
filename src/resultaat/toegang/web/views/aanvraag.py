"""The aanvraag: indicatie per result (normenkader), the choice of provider, and the decision.

Thin views: every write goes through :mod:`resultaat.toegang.services` (or toewijzingen.services for the
switch); a ``ValidationError`` is shown in Dutch next to the form and nothing is saved. Every view with a
``pk`` looks its object up through ``for_user``, so another organisation's record is a 404.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import redirect
from django.utils import timezone

from resultaat.catalogus.models import Normenkader, Resultaat
from resultaat.core import termijnen
from resultaat.core.opmaak import datum
from resultaat.core.web import (
    FormActie,
    ScopedDetailView,
    fouten_naar_form,
)
from resultaat.toegang import awb, services
from resultaat.toegang.models import (
    Aanvraag,
    AanvraagStatus,
    ToegangInstelling,
)
from resultaat.toegang.web.forms import (
    AanbiederKeuzeForm,
    BesluitForm,
    IndicatieForm,
    IngebrekestellingForm,
    OpschortingForm,
    VerdagingForm,
)


def _normenkader_posten(aanvraag: Aanvraag, datum: dt.date) -> tuple[Normenkader | None, list[Any]]:
    huis = Resultaat.objects.filter(normenkaders__isnull=False).first()
    if huis is None:
        return None, []
    kader = Normenkader.objects.voor(aanvraag.gemeente, huis, datum)
    return kader, list(kader.posten.all()) if kader else []


class AanvraagDetailView(ScopedDetailView):
    """The aanvraag: deadline, indicatie per result (normenkader), choice of provider, and the decision."""

    secties = ("toegang",)
    model = Aanvraag
    template_name = "toegang/aanvraag_detail.html"
    context_object_name = "aanvraag"

    def get_queryset(self) -> QuerySet[Aanvraag]:
        return Aanvraag.objects.for_user(self.request.user).select_related("client", "gemeente", "onderzoek")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        aanvraag = self.object
        vandaag = timezone.localdate()
        indicatie_form = kwargs.get("indicatie_form") or IndicatieForm(
            aanvraag=aanvraag, initial={"ingangsdatum": vandaag}
        )
        datum = vandaag
        if indicatie_form.is_bound and indicatie_form.is_valid():
            datum = indicatie_form.cleaned_data["ingangsdatum"]
        kader, posten = _normenkader_posten(aanvraag, datum)
        indicaties = []
        for ind in aanvraag.indicaties.select_related(
            "resultaat", "product", "tijdsband", "aanbieder", "mandaat_aanbieder"
        ):
            keuzes = (
                services.gecontracteerde_aanbieders(
                    gemeente=aanvraag.gemeente, product=ind.product, datum=ind.ingangsdatum
                )
                if ind.product and ind.beschikt_resultaat_id is None
                else []
            )
            indicaties.append(
                {
                    "i": ind,
                    "keuzes": keuzes,
                    "tarief": ind.product.tarief_op(ind.ingangsdatum) if ind.product else None,
                }
            )
        context.update(
            {
                "vandaag": vandaag,
                "te_laat": aanvraag.status == AanvraagStatus.INGEDIEND
                and vandaag > aanvraag.besluit_uiterlijk,
                "open": aanvraag.status == AanvraagStatus.INGEDIEND,
                "opschortingen": list(aanvraag.opschortingen.all()),
                "opschorting_form": kwargs.get("opschorting_form") or OpschortingForm(),
                "ingebrekestelling_form": kwargs.get("ingebrekestelling_form") or IngebrekestellingForm(),
                "verlengingen": list(aanvraag.verlengingen.all()),
                "verdaging_form": kwargs.get("verdaging_form")
                or VerdagingForm(initial={"op": vandaag, "nieuw_uiterlijk": aanvraag.besluit_uiterlijk}),
                "dwangsom": dict(zip(("dagen", "cent"), aanvraag.dwangsom(vandaag), strict=True)),
                "dwangsom_vanaf": termijnen.INGEBREKESTELLING.uiterlijk(aanvraag.ingebrekestelling_op)
                if aanvraag.ingebrekestelling_op
                else None,
                "indicatie_form": indicatie_form,
                "normenkader": kader,
                "posten": [
                    {
                        "p": p,
                        "waarde": (
                            self.request.POST.get(f"post_{p.code}", "")
                            if self.request.method == "POST"
                            else ""
                        ),
                    }
                    for p in posten
                    if p.soort != "basis"
                ],
                "basis": next((p for p in posten if p.soort == "basis"), None),
                "berekening": kwargs.get("berekening"),
                "indicaties": indicaties,
                "besluit_form": kwargs.get("besluit_form") or BesluitForm(initial={"besluitdatum": vandaag}),
                "beschikkingen": list(aanvraag.beschikkingen.all()),
                "mandaat": ToegangInstelling.voor(aanvraag.gemeente).mandaat_aanbieder,
            }
        )
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        """The forms of the page post here with a hidden ``actie``: each action is a view with a form."""
        actie = AANVRAAG_ACTIES.get(request.POST.get("actie", ""))
        if actie is None:
            aanvraag = self.get_object()
            return redirect("web:aanvraag-detail", pk=aanvraag.pk)
        return actie.as_view()(request, *args, **kwargs)


class AanvraagOpschortenView(FormActie, AanvraagDetailView):
    """Action "opschorten": the decision deadline pauses (at the client's request)."""

    form_class = OpschortingForm
    form_naam = "opschorting_form"

    def uitvoeren(self, form: Any) -> Any:
        return services.schort_op(door=self.request.user, aanvraag=self.object, **form.cleaned_data)

    def gelukt(self, resultaat: Any) -> HttpResponseBase:
        messages.success(self.request, "De beslistermijn is opgeschort.")
        return redirect("web:aanvraag-detail", pk=self.object.pk)


class IngebrekestellingView(FormActie, AanvraagDetailView):
    """Action "ingebrekestelling": the client's ingebrekestelling is recorded; the dwangsom will run."""

    form_class = IngebrekestellingForm
    form_naam = "ingebrekestelling_form"

    def uitvoeren(self, form: Any) -> Any:
        return services.registreer_ingebrekestelling(
            door=self.request.user, aanvraag=self.object, **form.cleaned_data
        )

    def gelukt(self, resultaat: Any) -> HttpResponseBase:
        messages.success(self.request, "De ingebrekestelling is vastgelegd.")
        return redirect("web:aanvraag-detail", pk=self.object.pk)


class VerdagingView(FormActie, AanvraagDetailView):
    """Action "verdagen": before the term ends, the decision term is extended by a letter (Awb 4:14)."""

    form_class = VerdagingForm
    form_naam = "verdaging_form"

    def uitvoeren(self, form: Any) -> Any:
        return awb.verdaag_besluit(door=self.request.user, aanvraag=self.object, **form.cleaned_data)

    def gelukt(self, resultaat: Any) -> HttpResponseBase:
        messages.success(
            self.request,
            f"De beslistermijn loopt nu tot en met {datum(resultaat.nieuw_uiterlijk)}. "
            f"Stuur de cliënt de brief (kenmerk {resultaat.kenmerk}).",
        )
        return redirect("web:aanvraag-detail", pk=self.object.pk)


class IndicatieBerekenenView(AanvraagDetailView):
    """Action "bereken": the normenkader computes the minutes of the ticked terms; nothing is saved."""

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        self.object = aanvraag = self.get_object()
        form = IndicatieForm(request.POST, aanvraag=aanvraag)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(indicatie_form=form))
        data = form.cleaned_data
        try:
            uitkomst = services.bereken_normtijd(
                gemeente=aanvraag.gemeente,
                resultaat=data["resultaat"],
                datum=data["ingangsdatum"],
                keuzes=form.keuzes(),
            )
            banden = services.banden_op(data["resultaat"], data["ingangsdatum"])
        except ValidationError as fout:
            fouten_naar_form(form, fout)
            return self.render_to_response(self.get_context_data(indicatie_form=form))
        berekening = {
            "uitkomst": uitkomst,
            "buiten": services.buiten_band_tekst(uitkomst.totaal, banden) if uitkomst.buiten_band else "",
        }
        return self.render_to_response(self.get_context_data(indicatie_form=form, berekening=berekening))


class IndicatieVastleggenView(FormActie, AanvraagDetailView):
    """Action "indicatie": the indicatie of one result is saved (by the normenkader, by hand or under
    mandate)."""

    form_naam = "indicatie_form"

    def maak_form(self, data: Any = None) -> IndicatieForm:
        return IndicatieForm(data, aanvraag=self.object)

    def uitvoeren(self, form: Any) -> Any:
        data = form.cleaned_data
        resultaat = data["resultaat"]
        heeft_banden = bool(services.banden_op(resultaat, data["ingangsdatum"]))
        services.leg_indicatie_vast(
            door=self.request.user,
            aanvraag=self.object,
            resultaat=resultaat,
            ingangsdatum=data["ingangsdatum"],
            einddatum=data["einddatum"],
            complexiteit=data["complexiteit"],
            intensiteit=data["intensiteit"],
            frequentie=data["frequentie"],
            keuzes=form.keuzes()
            if heeft_banden and data["minuten_per_week"] is None and not data["mandaat_aanbieder"]
            else None,
            minuten_per_week=data["minuten_per_week"],
            omvang_per_week=data["omvang_per_week"],
            handmatig=data["handmatig"],
            motivering=data["motivering"],
            tijdsband=data["tijdsband"],
            mandaat_aanbieder=data["mandaat_aanbieder"],
        )
        return resultaat

    def gelukt(self, resultaat: Any) -> HttpResponseBase:
        messages.success(self.request, f"Indicatie voor {resultaat} vastgelegd.")
        return redirect("web:aanvraag-detail", pk=self.object.pk)


class AanbiederKiezenView(AanvraagDetailView):
    """Action "kies": the client chooses one of the contracted providers for an indicatie. The choice
    sits in the table of indicaties, so the outcome is a message above the page."""

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        self.object = aanvraag = self.get_object()
        form = AanbiederKeuzeForm(request.POST, aanvraag=aanvraag)
        if not form.is_valid():
            messages.error(request, "Kies een aanbieder.")
            return redirect("web:aanvraag-detail", pk=aanvraag.pk)
        aanbieder = form.cleaned_data["aanbieder"]
        try:
            services.kies_aanbieder(
                door=request.user, indicatie=form.cleaned_data["indicatie"], aanbieder=aanbieder
            )
        except ValidationError as fout:
            messages.error(request, " ".join(fout.messages))
        else:
            messages.success(request, f"De cliënt kiest {aanbieder.naam}.")
        return redirect("web:aanvraag-detail", pk=aanvraag.pk)


class AanvraagToekennenView(FormActie, AanvraagDetailView):
    """Action "toekennen": the aanvraag is granted; the beschikking is made. The decision goes through
    ``services.beslis_op_aanvraag``, as the API's."""

    besluit = "toekennen"
    form_class = BesluitForm
    form_naam = "besluit_form"

    def uitvoeren(self, form: Any) -> Any:
        data = form.cleaned_data
        return services.beslis_op_aanvraag(
            door=self.request.user,
            aanvraag=self.object,
            besluit=self.besluit,
            besluitdatum=data["besluitdatum"],
            motivering=data["motivering"],
            vrijstelling=data["vrijstelling"],
            niet_toegekend=data["niet_toegekend"] if self.besluit == "toekennen" else "",
        )

    def gelukt(self, resultaat: Any) -> HttpResponseBase:
        messages.success(self.request, f"Beschikking {resultaat.nummer} is vastgesteld.")
        return redirect("web:beschikking-detail", pk=resultaat.pk)


class AanvraagAfwijzenView(AanvraagToekennenView):
    """Action "afwijzen": the aanvraag is rejected; the beschikking says why."""

    besluit = "afwijzen"


AANVRAAG_ACTIES: dict[str, type[AanvraagDetailView]] = {
    "opschorten": AanvraagOpschortenView,
    "ingebrekestelling": IngebrekestellingView,
    "verdagen": VerdagingView,
    "bereken": IndicatieBerekenenView,
    "indicatie": IndicatieVastleggenView,
    "kies": AanbiederKiezenView,
    "toekennen": AanvraagToekennenView,
    "afwijzen": AanvraagAfwijzenView,
}

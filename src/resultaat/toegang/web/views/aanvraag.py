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
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone

from resultaat.catalogus.models import Normenkader, Resultaat
from resultaat.core.web import (
    ScopedDetailView,
    fouten_naar_form,
)
from resultaat.organisaties.models import Aanbieder
from resultaat.toegang import services
from resultaat.toegang.models import (
    Aanvraag,
    AanvraagStatus,
    ToegangInstelling,
)
from resultaat.toegang.web.forms import (
    BesluitForm,
    IndicatieForm,
    OpschortingForm,
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

    def _keuzes(self, request: HttpRequest) -> dict[str, int]:
        keuzes: dict[str, int] = {}
        for sleutel in request.POST:
            waarde = str(request.POST.get(sleutel, ""))
            if sleutel.startswith("post_") and waarde not in ("", "0"):
                keuzes[sleutel[5:]] = 1 if waarde == "on" else int(waarde) if waarde.isdigit() else -1
        return keuzes

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.object = aanvraag = self.get_object()
        actie = request.POST.get("actie", "")
        if actie == "opschorten":
            form: Any = OpschortingForm(request.POST)
            if form.is_valid():
                try:
                    services.schort_op(door=request.user, aanvraag=aanvraag, **form.cleaned_data)
                    messages.success(request, "De beslistermijn is opgeschort.")
                    return redirect("web:aanvraag-detail", pk=aanvraag.pk)
                except ValidationError as fout:
                    fouten_naar_form(form, fout)
            return self.render_to_response(self.get_context_data(opschorting_form=form))
        if actie in ("bereken", "indicatie"):
            form = IndicatieForm(request.POST, aanvraag=aanvraag)
            if not form.is_valid():
                return self.render_to_response(self.get_context_data(indicatie_form=form))
            data = form.cleaned_data
            keuzes = self._keuzes(request)
            resultaat = data["resultaat"]
            heeft_banden = bool(services.banden_op(resultaat, data["ingangsdatum"]))
            try:
                if actie == "bereken":
                    uitkomst = services.bereken_normtijd(
                        gemeente=aanvraag.gemeente,
                        resultaat=resultaat,
                        datum=data["ingangsdatum"],
                        keuzes=keuzes,
                    )
                    banden = services.banden_op(resultaat, data["ingangsdatum"])
                    return self.render_to_response(
                        self.get_context_data(
                            indicatie_form=form,
                            berekening={
                                "uitkomst": uitkomst,
                                "buiten": services.buiten_band_tekst(uitkomst.totaal, banden)
                                if uitkomst.buiten_band
                                else "",
                            },
                        )
                    )
                services.leg_indicatie_vast(
                    door=request.user,
                    aanvraag=aanvraag,
                    resultaat=resultaat,
                    ingangsdatum=data["ingangsdatum"],
                    einddatum=data["einddatum"],
                    complexiteit=data["complexiteit"],
                    intensiteit=data["intensiteit"],
                    frequentie=data["frequentie"],
                    keuzes=keuzes
                    if heeft_banden and data["minuten_per_week"] is None and not data["mandaat_aanbieder"]
                    else None,
                    minuten_per_week=data["minuten_per_week"],
                    handmatig=data["handmatig"],
                    motivering=data["motivering"],
                    tijdsband=data["tijdsband"],
                    mandaat_aanbieder=data["mandaat_aanbieder"],
                )
            except ValidationError as fout:
                fouten_naar_form(form, fout)
                return self.render_to_response(self.get_context_data(indicatie_form=form))
            messages.success(request, f"Indicatie voor {resultaat} vastgelegd.")
        elif actie == "kies":
            indicatie = aanvraag.indicaties.filter(pk=request.POST.get("indicatie")).first()
            aanbieder = Aanbieder.objects.filter(pk=request.POST.get("aanbieder") or 0).first()
            if indicatie is None or aanbieder is None:
                messages.error(request, "Kies een aanbieder.")
            else:
                try:
                    services.kies_aanbieder(door=request.user, indicatie=indicatie, aanbieder=aanbieder)
                    messages.success(request, f"De cliënt kiest {aanbieder.naam}.")
                except ValidationError as fout:
                    messages.error(request, " ".join(fout.messages))
        elif actie in ("toekennen", "afwijzen"):
            form = BesluitForm(request.POST)
            if not form.is_valid():
                return self.render_to_response(self.get_context_data(besluit_form=form))
            data = form.cleaned_data
            try:
                if actie == "toekennen":
                    beschikking = services.neem_besluit(
                        door=request.user,
                        aanvraag=aanvraag,
                        besluitdatum=data["besluitdatum"],
                        motivering=data["motivering"],
                        vrijstelling=data["vrijstelling"],
                    )
                else:
                    beschikking = services.wijs_aanvraag_af(
                        door=request.user,
                        aanvraag=aanvraag,
                        besluitdatum=data["besluitdatum"],
                        motivering=data["motivering"],
                    )
            except ValidationError as fout:
                fouten_naar_form(form, fout)
                return self.render_to_response(self.get_context_data(besluit_form=form))
            messages.success(request, f"Beschikking {beschikking.nummer} is vastgesteld.")
            return redirect("web:beschikking-detail", pk=beschikking.pk)
        return redirect("web:aanvraag-detail", pk=aanvraag.pk)

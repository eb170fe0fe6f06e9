"""Toegang in the web UI: melding, opschorting, onderzoek (printable), aanvraag with indicatie (normenkader),
the choice of provider, the beschikking with its letter (HTML and PDF), a provider switch, the mandate
proposals of seed 003 and the information letter to current clients.

Thin views: every write goes through :mod:`resultaat.toegang.services` (or toewijzingen.services for the
switch); a ``ValidationError`` is shown in Dutch next to the form and nothing is saved. Every view with a
``pk`` looks its object up through ``for_user``, so another organisation's record is a 404.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views import View

from resultaat.brieven.render import pdf
from resultaat.catalogus.models import Aandachtspunt, Normenkader, Resultaat, Subresultaat
from resultaat.clienten.models import Client
from resultaat.core.web import (
    GeenBsnInUrlMixin,
    ScopedDetailView,
    ScopedListView,
    SectieMixin,
    fouten_naar_form,
)
from resultaat.organisaties.models import Aanbieder
from resultaat.toegang import services
from resultaat.toegang.brieven import beschikking_html, informatiebrief_html
from resultaat.toegang.models import (
    Aanvraag,
    AanvraagStatus,
    Beschikking,
    Indicatie,
    IndicatieStatus,
    Melding,
    MeldingStatus,
    Onderzoek,
    ToegangInstelling,
    ZRMDomein,
    ZRMNiveau,
)
from resultaat.toewijzingen.models import Toewijzing
from resultaat.toewijzingen.services import wissel_aanbieder
from resultaat.web.forms_toegang import (
    AanvraagForm,
    BesluitForm,
    IndicatieForm,
    MeldingForm,
    OpschortingForm,
    OverstapForm,
    VoorstelForm,
)


class MeldingNieuwView(GeenBsnInUrlMixin, SectieMixin, View):
    """A melding for a new client (BSN by POST, checked with the elfproef) or for a known client."""

    secties = ("toegang",)
    template_name = "web/toegang/melding_nieuw.html"

    def _client(self, request: HttpRequest) -> Client | None:
        pk = request.GET.get("client") or request.POST.get("client")
        if not pk or not str(pk).isdigit():
            return None
        return Client.objects.for_user(request.user).filter(pk=pk).first()

    def get(self, request: HttpRequest) -> HttpResponse:
        client = self._client(request)
        form = MeldingForm(
            user=request.user, bestaande_client=client, initial={"ontvangen_op": timezone.localdate()}
        )
        return render(request, self.template_name, {"form": form, "client": client})

    def post(self, request: HttpRequest) -> HttpResponse:
        client = self._client(request)
        form = MeldingForm(request.POST, user=request.user, bestaande_client=client)
        if form.is_valid():
            data = form.cleaned_data
            try:
                if client is not None:
                    melding = services.registreer_melding(
                        door=request.user,
                        client=client,
                        ontvangen_op=data["ontvangen_op"],
                        wijze=data["wijze"],
                        hulpvraag=data["hulpvraag"],
                    )
                else:
                    melding = services.registreer_melding_met_client(
                        door=request.user,
                        client_velden=form.client_velden(),
                        ontvangen_op=data["ontvangen_op"],
                        wijze=data["wijze"],
                        hulpvraag=data["hulpvraag"],
                    )
            except ValidationError as fout:
                fouten_naar_form(form, fout)
            else:
                messages.success(
                    request,
                    "Melding vastgelegd. Het onderzoek moet uiterlijk "
                    f"{melding.onderzoek_uiterlijk:%d-%m-%Y} klaar zijn.",
                )
                return redirect("web:melding-detail", pk=melding.pk)
        return render(request, self.template_name, {"form": form, "client": client}, status=200)


def _zrm_regels(post: Any = None, onderzoek: Onderzoek | None = None) -> list[dict[str, Any]]:
    bestaand = {s.domein: s for s in onderzoek.zrm_scores.all()} if onderzoek else {}
    regels = []
    for domein in ZRMDomein:
        score = bestaand.get(domein.value)
        regels.append(
            {
                "code": domein.value,
                "naam": domein.label,
                "niveau": (post.get(f"zrm_{domein.value}") if post else None)
                or (str(score.niveau) if score else ""),
                "toelichting": (post.get(f"zrm_toelichting_{domein.value}") if post else None)
                or (score.toelichting if score else ""),
            }
        )
    return regels


class MeldingDetailView(ScopedDetailView):
    """The melding with its deadline and pauses, and the onderzoek report form (keukentafelgesprek)."""

    secties = ("toegang",)
    model = Melding
    template_name = "web/toegang/melding_detail.html"
    context_object_name = "melding"

    def get_queryset(self) -> QuerySet[Melding]:
        return Melding.objects.for_user(self.request.user).select_related("client", "gemeente")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        melding = self.object
        onderzoek = (
            Onderzoek.objects.filter(melding=melding).prefetch_related("zrm_scores", "resultaten").first()
        )
        post = getattr(self, "post_data", None)
        gekozen = {r.resultaat_id: r for r in onderzoek.resultaten.all()} if onderzoek else {}
        vandaag = timezone.localdate()
        resultaten = []
        for r in (
            Resultaat.objects.geldig_op(vandaag)
            .select_related("domein")
            .prefetch_related("subresultaten__aandachtspunten")
        ):
            keuze = gekozen.get(r.pk)
            resultaten.append(
                {
                    "r": r,
                    "gekozen": (str(r.pk) in post.getlist("resultaat")) if post else keuze is not None,
                    "subs": set(post.getlist("sub"))
                    if post
                    else {str(s.pk) for s in keuze.subresultaten.all()}
                    if keuze
                    else set(),
                    "punten": set(post.getlist("punt"))
                    if post
                    else {str(p.pk) for p in keuze.aandachtspunten.all()}
                    if keuze
                    else set(),
                    "anders": (
                        post.get(f"anders_{r.pk}", "") if post else keuze.anders_namelijk if keuze else ""
                    ),
                }
            )
        context.update(
            {
                "vandaag": vandaag,
                "te_laat": melding.status in (MeldingStatus.ONTVANGEN, MeldingStatus.IN_ONDERZOEK)
                and vandaag > melding.onderzoek_uiterlijk,
                "opschortingen": list(melding.opschortingen.all()),
                "opschorting_form": kwargs.get("opschorting_form") or OpschortingForm(),
                "onderzoek": onderzoek,
                "zrm": _zrm_regels(post, onderzoek),
                "niveaus": ZRMNiveau.choices,
                "resultaten": resultaten,
                "onderzoek_fouten": kwargs.get("onderzoek_fouten", []),
                "onderzoek_post": post,
                "aanvragen": list(melding.aanvragen.all()),
                "aanvraag_form": kwargs.get("aanvraag_form")
                or AanvraagForm(initial={"ontvangen_op": vandaag}),
            }
        )
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.object = melding = self.get_object()
        actie = request.POST.get("actie")
        try:
            if actie == "opschorten":
                form: Any = OpschortingForm(request.POST)
                if not form.is_valid():
                    return self.render_to_response(self.get_context_data(opschorting_form=form))
                try:
                    services.schort_op(door=request.user, melding=melding, **form.cleaned_data)
                except ValidationError as fout:
                    fouten_naar_form(form, fout)
                    return self.render_to_response(self.get_context_data(opschorting_form=form))
                messages.success(request, "De termijn is opgeschort.")
            elif actie in ("onderzoek", "onderzoek-afronden"):
                self.post_data = request.POST
                try:
                    datum = dt.date.fromisoformat(request.POST.get("datum_gesprek", ""))
                except ValueError:
                    return self.render_to_response(
                        self.get_context_data(onderzoek_fouten=["Vul de datum van het gesprek in."])
                    )
                zrm = {}
                for domein in ZRMDomein:
                    niveau = request.POST.get(f"zrm_{domein.value}")
                    if niveau:
                        zrm[domein.value] = (
                            int(niveau),
                            request.POST.get(f"zrm_toelichting_{domein.value}", ""),
                        )
                gekozen = []
                for pk in request.POST.getlist("resultaat"):
                    resultaat = Resultaat.objects.filter(pk=pk).first()
                    if resultaat is None:
                        continue
                    gekozen.append(
                        services.GekozenResultaat(
                            resultaat,
                            list(
                                Subresultaat.objects.filter(
                                    pk__in=request.POST.getlist("sub"), resultaat=resultaat
                                )
                            ),
                            list(
                                Aandachtspunt.objects.filter(
                                    pk__in=request.POST.getlist("punt"), subresultaat__resultaat=resultaat
                                )
                            ),
                            request.POST.get(f"anders_{resultaat.pk}", "").strip(),
                        )
                    )
                try:
                    services.leg_onderzoek_vast(
                        door=request.user,
                        melding=melding,
                        datum_gesprek=datum,
                        situatie=request.POST.get("situatie", ""),
                        eigen_kracht=request.POST.get("eigen_kracht", ""),
                        netwerk=request.POST.get("netwerk", ""),
                        mantelzorg=request.POST.get("mantelzorg", ""),
                        voorliggende_voorzieningen=request.POST.get("voorliggende_voorzieningen", ""),
                        zrm=zrm,
                        resultaten=gekozen,
                        afronden=actie == "onderzoek-afronden",
                    )
                except ValidationError as fout:
                    return self.render_to_response(self.get_context_data(onderzoek_fouten=fout.messages))
                messages.success(
                    request,
                    "Het onderzoeksverslag is opgeslagen."
                    + (" Het onderzoek is afgerond." if actie == "onderzoek-afronden" else ""),
                )
            elif actie == "aanvraag":
                form = AanvraagForm(request.POST)
                onderzoek = Onderzoek.objects.filter(melding=melding).first()
                if onderzoek is None:
                    messages.error(request, "Leg eerst het onderzoek vast.")
                    return redirect("web:melding-detail", pk=melding.pk)
                if not form.is_valid():
                    return self.render_to_response(self.get_context_data(aanvraag_form=form))
                try:
                    aanvraag = services.registreer_aanvraag(
                        door=request.user, onderzoek=onderzoek, **form.cleaned_data
                    )
                except ValidationError as fout:
                    fouten_naar_form(form, fout)
                    return self.render_to_response(self.get_context_data(aanvraag_form=form))
                messages.success(
                    request, f"Aanvraag vastgelegd. Besluit uiterlijk {aanvraag.besluit_uiterlijk:%d-%m-%Y}."
                )
                return redirect("web:aanvraag-detail", pk=aanvraag.pk)
        except PermissionDenied:
            raise
        return redirect("web:melding-detail", pk=melding.pk)


class OnderzoekDetailView(ScopedDetailView):
    """The onderzoek report as the client gets it: printable."""

    secties = ("toegang",)
    model = Onderzoek
    template_name = "web/toegang/onderzoek_verslag.html"
    context_object_name = "onderzoek"

    def get_queryset(self) -> QuerySet[Onderzoek]:
        return (
            Onderzoek.objects.for_user(self.request.user)
            .select_related("client", "melding__gemeente", "consulent")
            .prefetch_related(
                "zrm_scores",
                "resultaten__resultaat",
                "resultaten__subresultaten",
                "resultaten__aandachtspunten",
            )
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        labels = dict(ZRMDomein.choices)
        context["scores"] = [
            {"domein": labels[s.domein], "niveau": s.get_niveau_display(), "toelichting": s.toelichting}
            for s in sorted(self.object.zrm_scores.all(), key=lambda s: list(labels).index(s.domein))
        ]
        return context


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
    template_name = "web/toegang/aanvraag_detail.html"
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


class BeschikkingDetailView(ScopedDetailView):
    """The beschikking: the letter as HTML, a link to the PDF, and the toewijzingen made from it."""

    secties = ("toegang",)
    model = Beschikking
    template_name = "web/toegang/beschikking_detail.html"
    context_object_name = "beschikking"

    def get_queryset(self) -> QuerySet[Beschikking]:
        return Beschikking.objects.for_user(self.request.user).select_related(
            "client", "gemeente", "aanvraag"
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["brief"] = beschikking_html(self.object)
        context["toewijzingen"] = list(
            Toewijzing.objects.for_user(self.request.user)
            .filter(beschikt_resultaat__beschikking=self.object)
            .select_related("aanbieder", "product")
        )
        return context


class BeschikkingPdfView(ScopedDetailView):
    """The beschikking letter as PDF (WeasyPrint)."""

    secties = ("toegang",)
    model = Beschikking

    def get_queryset(self) -> QuerySet[Beschikking]:
        return Beschikking.objects.for_user(self.request.user).select_related(
            "client", "gemeente", "aanvraag"
        )

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        beschikking = self.get_object()
        response = HttpResponse(pdf(beschikking_html(beschikking)), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="beschikking-{beschikking.nummer}.pdf"'
        response["Cache-Control"] = "private, no-store"
        return response


class InformatiebriefView(ScopedDetailView):
    """The letter to a current client explaining support on results (PDF)."""

    secties = ("toegang",)
    model = Client

    def get_queryset(self) -> QuerySet[Client]:
        return Client.objects.for_user(self.request.user).select_related("gemeente")

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        client = self.get_object()
        vandaag = timezone.localdate()
        per = dt.date(vandaag.year + 1, 1, 1)
        response = HttpResponse(
            pdf(informatiebrief_html(client, datum=vandaag, per_datum=per)), content_type="application/pdf"
        )
        response["Content-Disposition"] = 'inline; filename="informatiebrief.pdf"'
        response["Cache-Control"] = "private, no-store"
        return response


class OverstapView(ScopedDetailView):
    """The client votes with the feet: the toewijzing ends (reden 09), a new one starts: no gap or overlap."""

    secties = ("toegang",)
    model = Toewijzing
    template_name = "web/toegang/overstap.html"
    context_object_name = "toewijzing"

    def get_queryset(self) -> QuerySet[Toewijzing]:
        return Toewijzing.objects.for_user(self.request.user).select_related(
            "client", "aanbieder", "product", "gemeente"
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        t = self.object
        datum = max(timezone.localdate(), t.ingangsdatum + dt.timedelta(days=1))
        context["keuzes"] = [
            k
            for k in services.gecontracteerde_aanbieders(gemeente=t.gemeente, product=t.product, datum=datum)
            if k.aanbieder != t.aanbieder
        ]
        context["form"] = kwargs.get("form") or OverstapForm(initial={"per": datum})
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.object = toewijzing = self.get_object()
        services.controleer_consulent(request.user, toewijzing.gemeente)
        form = OverstapForm(request.POST)
        if form.is_valid():
            aanbieder = Aanbieder.objects.filter(pk=request.POST.get("aanbieder") or 0).first()
            if aanbieder is None:
                form.add_error(None, "Kies de nieuwe aanbieder.")
            else:
                try:
                    nieuw = wissel_aanbieder(
                        door=request.user,
                        toewijzing=toewijzing,
                        nieuwe_aanbieder=aanbieder,
                        per=form.cleaned_data["per"],
                    )
                except ValidationError as fout:
                    fouten_naar_form(form, fout)
                else:
                    messages.success(
                        request, f"Overstap vastgelegd: toewijzing {nieuw.nummer} bij {aanbieder.naam}."
                    )
                    return redirect("web:toewijzing-detail", pk=nieuw.pk)
        return self.render_to_response(self.get_context_data(form=form))


class MandaatListView(ScopedListView):
    """Seed 003 mandate: a provider sees the indicaties it is asked to propose; a consulent the proposals."""

    secties = ("mandaat",)
    model = Indicatie
    template_name = "web/toegang/mandaat_list.html"
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
    template_name = "web/toegang/indicatie_detail.html"
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

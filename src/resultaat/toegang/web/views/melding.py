"""Toegang in the web UI: the melding, its opschorting, the onderzoek (report form and printable report) and
the aanvraag that follows it. The melding page's forms post to the page's URL with a hidden ``actie``;
each action is its own view with its own form (``MELDING_ACTIES``).

Thin views: every write goes through :mod:`resultaat.toegang.services` (or toewijzingen.services for the
switch); a ``ValidationError`` is shown in Dutch next to the form and nothing is saved. Every view with a
``pk`` looks its object up through ``for_user``, so another organisation's record is a 404.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views import View

from resultaat.catalogus.models import Resultaat
from resultaat.clienten.models import Client
from resultaat.core.opmaak import datum
from resultaat.core.web import (
    FormActie,
    ScopedDetailView,
    SectieMixin,
    fouten_naar_form,
)
from resultaat.toegang import awb, services
from resultaat.toegang.models import (
    Melding,
    MeldingStatus,
    Onderzoek,
    ZRMDomein,
    ZRMNiveau,
)
from resultaat.toegang.web.forms import (
    AanvraagForm,
    AanvraagNaTermijnForm,
    MeldingForm,
    OnderzoekForm,
    OnderzoekVerlengingForm,
    OpschortingForm,
)


class MeldingNieuwView(FormActie, SectieMixin, View):
    """A melding for a new client (BSN by POST, checked with the elfproef) or for a known client."""

    secties = ("toegang",)
    template_name = "toegang/melding_nieuw.html"

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

    def bereid_voor(self) -> None:
        self.client = self._client(self.request)

    def maak_form(self, data: Any = None) -> MeldingForm:
        return MeldingForm(data, user=self.request.user, bestaande_client=self.client)

    def uitvoeren(self, form: Any) -> Melding:
        data = form.cleaned_data
        if self.client is not None:
            return services.registreer_melding(
                door=self.request.user,
                client=self.client,
                ontvangen_op=data["ontvangen_op"],
                wijze=data["wijze"],
                hulpvraag=data["hulpvraag"],
            )
        return services.registreer_melding_met_client(
            door=self.request.user,
            client_velden=form.client_velden(),
            ontvangen_op=data["ontvangen_op"],
            wijze=data["wijze"],
            hulpvraag=data["hulpvraag"],
        )

    def gelukt(self, resultaat: Any) -> HttpResponse:
        messages.success(
            self.request,
            "Melding vastgelegd. Het onderzoek moet uiterlijk "
            f"{resultaat.onderzoek_uiterlijk:%d-%m-%Y} klaar zijn.",
        )
        return redirect("web:melding-detail", pk=resultaat.pk)

    def opnieuw(self, form: Any) -> HttpResponse:
        return render(self.request, self.template_name, {"form": form, "client": self.client}, status=200)


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
    template_name = "toegang/melding_detail.html"
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
                "open": melding.status in awb.OPEN_MELDING and not melding.aanvragen.exists(),
                "verlengingen": list(melding.verlengingen.all()),
                "verlenging_form": kwargs.get("verlenging_form")
                or OnderzoekVerlengingForm(
                    initial={"op": vandaag, "nieuw_uiterlijk": melding.onderzoek_uiterlijk}
                ),
                "na_termijn_form": kwargs.get("na_termijn_form")
                or AanvraagNaTermijnForm(initial={"ontvangen_op": vandaag}),
                "aanvraag_form": kwargs.get("aanvraag_form")
                or AanvraagForm(initial={"ontvangen_op": vandaag}),
            }
        )
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        """The forms of the page post here with a hidden ``actie``: each action is a view with a form."""
        actie = MELDING_ACTIES.get(request.POST.get("actie", ""))
        if actie is None:
            melding = self.get_object()
            return redirect("web:melding-detail", pk=melding.pk)
        return actie.as_view()(request, *args, **kwargs)


class MeldingOpschortenView(FormActie, MeldingDetailView):
    """Action "opschorten": the deadline of the onderzoek pauses (at the client's request)."""

    form_class = OpschortingForm
    form_naam = "opschorting_form"

    def uitvoeren(self, form: Any) -> Any:
        return services.schort_op(door=self.request.user, melding=self.object, **form.cleaned_data)

    def gelukt(self, resultaat: Any) -> HttpResponseBase:
        messages.success(self.request, "De termijn is opgeschort.")
        return redirect("web:melding-detail", pk=self.object.pk)


class OnderzoekVastleggenView(MeldingDetailView):
    """Action "onderzoek": the report of the keukentafelgesprek is saved (ZRM scores, chosen results)."""

    afronden = False

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        self.object = melding = self.get_object()
        self.post_data = request.POST
        form = OnderzoekForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(
                self.get_context_data(onderzoek_fouten=["Vul de datum van het gesprek in."])
            )
        data = form.cleaned_data
        try:
            services.leg_onderzoek_vast(
                door=request.user,
                melding=melding,
                datum_gesprek=data["datum_gesprek"],
                situatie=data["situatie"],
                eigen_kracht=data["eigen_kracht"],
                netwerk=data["netwerk"],
                mantelzorg=data["mantelzorg"],
                voorliggende_voorzieningen=data["voorliggende_voorzieningen"],
                zrm=form.zrm(),
                resultaten=form.resultaten(),
                afronden=self.afronden,
            )
        except ValidationError as fout:
            return self.render_to_response(self.get_context_data(onderzoek_fouten=fout.messages))
        messages.success(
            request,
            "Het onderzoeksverslag is opgeslagen." + (" Het onderzoek is afgerond." if self.afronden else ""),
        )
        return redirect("web:melding-detail", pk=melding.pk)


class OnderzoekAfrondenView(OnderzoekVastleggenView):
    """Action "onderzoek-afronden": the report is saved and the onderzoek is finished."""

    afronden = True


class AanvraagRegistrerenView(MeldingDetailView):
    """Action "aanvraag": after the onderzoek the client applies; the decision deadline starts."""

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        self.object = melding = self.get_object()
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


class OnderzoekVerlengenView(FormActie, MeldingDetailView):
    """Action "verlengen": a longer onderzoek term agreed with the client (Wmo 2.3.2; no Awb letter)."""

    form_class = OnderzoekVerlengingForm
    form_naam = "verlenging_form"

    def uitvoeren(self, form: Any) -> Any:
        return awb.verleng_onderzoek(door=self.request.user, melding=self.object, **form.cleaned_data)

    def gelukt(self, resultaat: Any) -> HttpResponseBase:
        messages.success(
            self.request,
            f"Afspraak vastgelegd: het onderzoek is klaar uiterlijk {datum(resultaat.nieuw_uiterlijk)}.",
        )
        return redirect("web:melding-detail", pk=self.object.pk)


class AanvraagNaTermijnView(FormActie, MeldingDetailView):
    """Action "aanvraag-na-termijn": six weeks passed without a verslag; the client applies directly
    (Wmo 2.3.2 lid 9) and the decision term starts."""

    form_class = AanvraagNaTermijnForm
    form_naam = "na_termijn_form"

    def uitvoeren(self, form: Any) -> Any:
        return awb.registreer_aanvraag_na_onderzoekstermijn(
            door=self.request.user, melding=self.object, **form.cleaned_data
        )

    def gelukt(self, resultaat: Any) -> HttpResponseBase:
        messages.success(
            self.request, f"Aanvraag vastgelegd. Besluit uiterlijk {datum(resultaat.besluit_uiterlijk)}."
        )
        return redirect("web:aanvraag-detail", pk=resultaat.pk)


MELDING_ACTIES: dict[str, type[MeldingDetailView]] = {
    "verlengen": OnderzoekVerlengenView,
    "aanvraag-na-termijn": AanvraagNaTermijnView,
    "opschorten": MeldingOpschortenView,
    "onderzoek": OnderzoekVastleggenView,
    "onderzoek-afronden": OnderzoekAfrondenView,
    "aanvraag": AanvraagRegistrerenView,
}


class OnderzoekDetailView(ScopedDetailView):
    """The onderzoek report as the client gets it: printable."""

    secties = ("toegang",)
    model = Onderzoek
    template_name = "toegang/onderzoek_verslag.html"
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

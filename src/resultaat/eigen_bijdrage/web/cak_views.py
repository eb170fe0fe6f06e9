"""The CAK-leveringen page for finance staff: the WMO405 files per gemeente, making a month's file,
reading the CAK's WMO406 answer, and the rejected meldingen. The same services as ``cak_wmo405``
and ``cak_wmo406``."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views import View

from resultaat.core.audit.models import Actie, record_inzage
from resultaat.core.web import SectieMixin
from resultaat.eigen_bijdrage import cak, leveringen
from resultaat.eigen_bijdrage.models import CakBericht, CakBerichtSoort, MeldingStatus
from resultaat.eigen_bijdrage.web.forms import MaandForm, RetourForm
from resultaat.organisaties.models import Gemeente

SECTIE = ("cak",)


def _gemeenten(user: Any) -> QuerySet[Gemeente]:
    if user.is_superuser:
        return Gemeente.objects.order_by("naam")
    return user.gemeenten.order_by("naam") if user.is_gemeente_user else Gemeente.objects.none()


def _terug(gemeente: Gemeente) -> HttpResponse:
    return redirect(f"{reverse('web:cak-leveringen')}?gemeente={gemeente.code}")


class CakLeveringenView(SectieMixin, View):
    """GET: the page for one of the user's gemeenten (``?gemeente=<code>``, else the first)."""

    secties = SECTIE

    def get(self, request: HttpRequest) -> HttpResponse:
        return self.pagina(request)

    @staticmethod
    def pagina(request: HttpRequest, gemeente: Gemeente | None = None, **forms: Any) -> HttpResponse:
        gemeenten = list(_gemeenten(request.user))
        if gemeente is None:
            code = request.GET.get("gemeente")
            gemeente = next((g for g in gemeenten if g.code == code), None) or (
                gemeenten[0] if gemeenten else None
            )
        afgekeurd = list(leveringen.afgekeurde_meldingen(gemeente)[:200]) if gemeente else []
        record_inzage(afgekeurd, Actie.GELEZEN)
        context = {
            "gemeenten": gemeenten,
            "gemeente": gemeente,
            "leveringen": leveringen.leveringen(gemeente) if gemeente else [],
            "afgekeurd": afgekeurd,
            "maand_form": forms.get("maand_form") or MaandForm(),
            "retour_form": forms.get("retour_form") or RetourForm(),
        }
        return render(request, "eigen_bijdrage/cak_leveringen.html", context, status=forms.get("status", 200))


class _Handeling(SectieMixin, View):
    secties = SECTIE

    def gemeente(self, request: HttpRequest) -> Gemeente:
        return get_object_or_404(_gemeenten(request.user), code=request.POST.get("gemeente", ""))


class Wmo405MakenView(_Handeling):
    """POST: make the WMO405 of a month (``cak.maak_wmo405``, as the command does)."""

    def post(self, request: HttpRequest) -> HttpResponse:
        gemeente = self.gemeente(request)
        form = MaandForm(request.POST)
        if form.is_valid():
            maand = form.cleaned_data["maand"]
            try:
                bericht = cak.maak_wmo405(door=request.user, gemeente=gemeente, maand=maand)
            except ValidationError as e:
                form.add_error("maand", e.messages)
            else:
                if bericht is None:
                    messages.info(
                        request,
                        f"Er is niets nieuws voor het CAK over {cak.maandnaam(maand)}: geen bestand gemaakt.",
                    )
                else:
                    messages.success(
                        request,
                        f"De WMO405 voor {cak.maandnaam(maand)} is gemaakt met "
                        f"{bericht.meldingen.count()} meldingen. "
                        "Download het bestand en stuur het naar het CAK.",
                    )
                return _terug(gemeente)
        return CakLeveringenView.pagina(request, gemeente, maand_form=form, status=400)


class Wmo406InlezenView(_Handeling):
    """POST: read the CAK's answer (``cak.verwerk_wmo406``, as the command does)."""

    def post(self, request: HttpRequest) -> HttpResponse:
        gemeente = self.gemeente(request)
        form = RetourForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                retour = cak.verwerk_wmo406(
                    door=request.user, gemeente=gemeente, inhoud=form.cleaned_data["bestand"]
                )
            except ValidationError as e:
                form.add_error("bestand", e.messages)
            else:
                assert retour.antwoord_op is not None
                afgekeurd = retour.antwoord_op.meldingen.filter(status=MeldingStatus.AFGEKEURD).count()
                messages.success(
                    request,
                    f"Het antwoord van het CAK op {retour.antwoord_op.bestandsnaam} is verwerkt"
                    + (
                        f": {afgekeurd} afgekeurd, die staan op de werklijst van de consulenten."
                        if afgekeurd
                        else ": alles is verwerkt, niets afgekeurd."
                    ),
                )
                return _terug(gemeente)
        return CakLeveringenView.pagina(request, gemeente, retour_form=form, status=400)


class CakBestandView(SectieMixin, View):
    """GET: the WMO405 file as sent; an export, written to the access log per person in it."""

    secties = SECTIE
    geweigerd_als_404 = True
    model = CakBericht

    def get(self, request: HttpRequest, pk: int) -> HttpResponseBase:
        bericht = get_object_or_404(
            CakBericht.objects.filter(gemeente__in=_gemeenten(request.user), soort=CakBerichtSoort.WMO405),
            pk=pk,
        )
        response = HttpResponse(bericht.inhoud, content_type="application/xml; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{bericht.bestandsnaam}"'
        leveringen.leg_download_vast(bericht)
        return response

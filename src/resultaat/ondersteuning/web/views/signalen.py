"""Signals from providers (loneliness, money worries, overloaded mantelzorger, ...) and their follow-up.

The provider reports a signal about one of its own clients ("Signaal melden"); it lands on the
consulent's worklist. The consulent records the follow-up on the signal's page. The provider sees the
status and the short terugkoppeling, never the gemeente's internal note.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.views import View

from resultaat.core.tabellen import StatusTabelView
from resultaat.core.web import (
    FormActie,
    ScopedDetailView,
    SectieMixin,
    is_aanbieder,
    is_gemeente,
)
from resultaat.ondersteuning import services
from resultaat.ondersteuning.models import Signaal, SignaalStatus
from resultaat.ondersteuning.web.forms import OpvolgingForm, SignaalForm
from resultaat.ondersteuning.web.tabellen import SignaalFilter, SignaalTabel
from resultaat.toewijzingen.models import Toewijzing


class SignaalListView(StatusTabelView):
    secties = ("signalen",)
    model = Signaal
    template_name = "ondersteuning/signaal_list.html"
    context_object_name = "signalen"
    tabel_class = SignaalTabel
    filter_class = SignaalFilter
    export_naam = "signalen"
    enkelvoud, meervoud = "signaal", "signalen"
    status_keuzes = SignaalStatus
    samen_met = ("client", "aanbieder")
    volgorde = ("-gemeld_op", "-pk")
    aanbieder_voegt_toe = "mag_melden"


class SignaalNieuwView(FormActie, SectieMixin, View):
    """ "Signaal melden": a provider's signal about one of its own clients (from the list, a client or a
    toewijzing: ``?client=<pk>`` or ``?toewijzing=<pk>`` preselect it)."""

    secties = ("signalen",)
    template_name = "ondersteuning/signaal_nieuw.html"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated and not is_aanbieder(request.user):
            raise PermissionDenied("Alleen een aanbieder meldt een signaal.")
        return super().dispatch(request, *args, **kwargs)

    def _toewijzing(self, request: HttpRequest) -> Toewijzing | None:
        pk = request.POST.get("toewijzing") or request.GET.get("toewijzing")
        if not pk or not str(pk).isdigit():
            return None
        return (
            Toewijzing.objects.for_user(request.user)
            .filter(pk=pk, aanbieder_id=getattr(request.user, "aanbieder_id", None))
            .select_related("client", "product")
            .first()
        )

    def get(self, request: HttpRequest) -> HttpResponse:
        toewijzing = self._toewijzing(request)
        initial: dict[str, Any] = {}
        if toewijzing is not None:
            initial["client"] = toewijzing.client_id
        elif str(request.GET.get("client", "")).isdigit():
            initial["client"] = request.GET["client"]
        form = SignaalForm(user=request.user, initial=initial)
        return render(request, self.template_name, {"form": form, "toewijzing": toewijzing})

    def bereid_voor(self) -> None:
        self.toewijzing = self._toewijzing(self.request)

    def maak_form(self, data: Any = None) -> SignaalForm:
        return SignaalForm(data, user=self.request.user)

    def uitvoeren(self, form: Any) -> Signaal:
        data, toewijzing = form.cleaned_data, self.toewijzing
        return services.meld_signaal(
            door=self.request.user,
            client=data["client"],
            soort=data["soort"],
            toelichting=data["toelichting"],
            toewijzing=toewijzing if toewijzing and toewijzing.client_id == data["client"].pk else None,
        )

    def gelukt(self, resultaat: Any) -> HttpResponse:
        messages.success(self.request, "Het signaal is gemeld. De consulent van de gemeente pakt het op.")
        return redirect("web:signaal-detail", pk=resultaat.pk)

    def opnieuw(self, form: Any) -> HttpResponse:
        return render(self.request, self.template_name, {"form": form, "toewijzing": self.toewijzing})


class SignaalDetailView(FormActie, ScopedDetailView):
    """The signal; for the gemeente also its internal follow-up and the form to record it."""

    secties = ("signalen",)
    model = Signaal
    template_name = "ondersteuning/signaal_detail.html"
    context_object_name = "signaal"

    def get_queryset(self) -> QuerySet[Signaal]:
        return Signaal.objects.for_user(self.request.user).select_related(
            "client", "aanbieder", "toewijzing__product", "gemeld_door", "opgevolgd_door"
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        gemeente = is_gemeente(user)
        context["is_gemeente"] = gemeente
        if gemeente and self.object.status != SignaalStatus.AFGEHANDELD:
            context["form"] = kwargs.get("form") or OpvolgingForm(
                initial={
                    "status": self.object.status
                    if self.object.status != SignaalStatus.NIEUW
                    else SignaalStatus.IN_BEHANDELING,
                    "opvolging": self.object.opvolging,
                    "terugkoppeling": self.object.terugkoppeling,
                }
            )
        return context

    form_class = OpvolgingForm

    def bereid_voor(self) -> None:
        super().bereid_voor()
        if not is_gemeente(self.request.user):
            raise PermissionDenied("Alleen de gemeente volgt een signaal op.")

    def uitvoeren(self, form: Any) -> Any:
        return services.volg_signaal_op(door=self.request.user, signaal=self.object, **form.cleaned_data)

    def gelukt(self, resultaat: Any) -> HttpResponse:
        signaal = Signaal.objects.get(pk=self.object.pk)
        messages.success(
            self.request,
            "Het signaal is afgehandeld; de taak is van de werklijst."
            if signaal.status == SignaalStatus.AFGEHANDELD
            else "De opvolging is vastgelegd.",
        )
        return redirect("web:signaal-detail", pk=signaal.pk)

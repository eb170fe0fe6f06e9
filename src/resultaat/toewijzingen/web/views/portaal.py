"""The provider portal: new toewijzingen to accept or return, clients in care with their deadlines,
start / temporary stop / resume / stop, the subcontractor per client, and the CSV upload of starts and
stops.

Thin views: every write goes through :mod:`resultaat.toewijzingen.services` (or the CSV upload, which
calls the same services); a ``ValidationError`` is shown in Dutch next to the form and nothing is
saved. Every view with a ``pk`` looks the toewijzing up through ``for_user``, so another provider's
toewijzing is a 404.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from django import forms
from django.contrib import messages
from django.db.models import Exists, OuterRef, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views import View
from django.views.generic import TemplateView

from resultaat.contracten.models import ContractProduct, Onderaannemer
from resultaat.core import termijnen
from resultaat.core.audit.models import record_inzage
from resultaat.core.codes import WMO002RedenWijziging, WMO588RedenBeeindiging
from resultaat.core.navigation import mag
from resultaat.core.paginering import BegrensdeTelling
from resultaat.core.web import FormActie, ScopedDetailView, SectieMixin
from resultaat.toewijzingen import services
from resultaat.toewijzingen.csv_upload import VOORBEELD, CsvBestandFout, verwerk_csv
from resultaat.toewijzingen.models import Levering, LeveringBron, ReactieAanbieder, Toewijzing
from resultaat.toewijzingen.web.forms import (
    CsvUploadForm,
    HervattenForm,
    OnderaannemerForm,
    RetourForm,
    StartForm,
    StopForm,
    TijdelijkeStopForm,
)


def start_uiterlijk(toewijzing: Toewijzing) -> dt.date:
    return termijnen.START_MELDEN.uiterlijk(toewijzing.ingangsdatum)


def onderaannemer_keuzes(toewijzing: Toewijzing, datum: dt.date | None = None) -> QuerySet[Onderaannemer]:
    """Subcontractors under the provider's own contract for this gemeente and product, valid on the date."""
    if datum is None:
        datum = max(timezone.localdate(), toewijzing.ingangsdatum)
        if toewijzing.einddatum is not None:
            datum = min(datum, toewijzing.einddatum)
    contracten = (
        ContractProduct.objects.gecontracteerd(toewijzing.gemeente, toewijzing.product, datum)
        .filter(contract__aanbieder_id=toewijzing.aanbieder_id)
        .values("contract_id")
    )
    return Onderaannemer.objects.geldig_op(datum).filter(contract_id__in=contracten).order_by("naam")


def portaal_acties(user: Any, toewijzing: Toewijzing) -> dict[str, Any]:
    """What the owning provider may do next on its toewijzing page (empty for everyone else)."""
    if not mag(user, "portaal") or user.aanbieder_id != toewijzing.aanbieder_id or toewijzing.is_verwijderd:
        return {}
    leveringen = list(toewijzing.leveringen.filter(verwijderd=False).order_by("begindatum", "pk"))
    laatste = leveringen[-1] if leveringen else None
    geretourneerd = toewijzing.reactie == ReactieAanbieder.GERETOURNEERD
    lopend = laatste is not None and laatste.einddatum is None
    tijdelijk = laatste is not None and laatste.is_tijdelijk_gestopt
    # After a definitive stop the care can start again (a new 305), within the toewijzing.
    gestopt = laatste is not None and laatste.einddatum is not None and not tijdelijk
    return {
        "accepteren": not geretourneerd and not leveringen and toewijzing.reactie == ReactieAanbieder.NIEUW,
        "retourneren": not geretourneerd and not leveringen,
        "start": not geretourneerd and (not leveringen or gestopt),
        "start_uiterlijk": start_uiterlijk(toewijzing) if not leveringen else None,
        "tijdelijk_stoppen": lopend,
        "hervatten": tijdelijk,
        "stop": lopend or tijdelijk,
        "onderaannemer": not geretourneerd,
        "werkdagen": termijnen.START_MELDEN.werkdagen,
        # Several forms on one page share field names (einddatum, toelichting): each gets ids of its own,
        # so that every label belongs to its own field (the names sent stay the same).
        "retour_form": RetourForm(auto_id="retour_%s"),
        "start_form": StartForm(auto_id="start_%s", initial={"begindatum": toewijzing.ingangsdatum}),
        "tijdelijke_stop_form": TijdelijkeStopForm(auto_id="tijdelijk_%s"),
        "hervatten_form": HervattenForm(auto_id="hervatten_%s"),
        "stop_form": StopForm(auto_id="stop_%s"),
        "onderaannemer_form": OnderaannemerForm(
            auto_id="onderaannemer_%s",
            keuzes=onderaannemer_keuzes(toewijzing),
            initial={"onderaannemer": toewijzing.onderaannemer_id},
        ),
    }


class PortaalOverzichtView(SectieMixin, TemplateView):
    """The provider's start of the day: what to accept, which starts to report, who is in care."""

    secties = ("portaal",)
    template_name = "toewijzingen/portaal/overzicht.html"
    in_zorg_per_pagina = 50
    te_starten_per_pagina = 25
    te_beoordelen_per_pagina = 25
    tijdelijk_per_pagina = 25

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        vandaag = timezone.localdate()
        eigen = (
            Toewijzing.objects.for_user(user)
            .exclude(reden_wijziging=WMO002RedenWijziging.VERWIJDERD)
            .select_related("client", "product", "gemeente", "onderaannemer")
        )
        lopend = Levering.objects.filter(toewijzing=OuterRef("pk"), verwijderd=False, einddatum__isnull=True)
        # Every list a page at a time, each with a page parameter of its own, counted up to a bound:
        # new toewijzingen (``?nieuw=``), starts still to report (``?start=``, oldest first),
        # temporary stops (``?gestopt=``) and clients in care (``?page=``).
        nieuw_paginator = BegrensdeTelling(
            eigen.te_beoordelen().lopend_op(vandaag).order_by("ingangsdatum", "nummer"),
            self.te_beoordelen_per_pagina,
        )
        nieuw_pagina = nieuw_paginator.get_page(self.request.GET.get("nieuw"))
        start_paginator = BegrensdeTelling(
            eigen.wacht_op_start().lopend_op(vandaag).order_by("ingangsdatum", "nummer"),
            self.te_starten_per_pagina,
        )
        start_pagina = start_paginator.get_page(self.request.GET.get("start"))
        tijdelijk_paginator = BegrensdeTelling(
            eigen.tijdelijk_gestopt().order_by("client__achternaam", "nummer"), self.tijdelijk_per_pagina
        )
        tijdelijk_pagina = tijdelijk_paginator.get_page(self.request.GET.get("gestopt"))
        te_starten = []
        for t in start_pagina.object_list:
            uiterlijk = start_uiterlijk(t)
            te_starten.append({"t": t, "uiterlijk": uiterlijk, "te_laat": uiterlijk < vandaag})
        in_zorg = eigen.filter(Exists(lopend)).order_by("client__achternaam", "nummer")
        # Clients in care: a page at a time (a large provider has thousands); the page's rows get the
        # date of their running start (counting the rows needs no such date).
        paginator = BegrensdeTelling(in_zorg, self.in_zorg_per_pagina)
        pagina = paginator.get_page(self.request.GET.get("page"))
        pagina.object_list = list(
            in_zorg.filter(pk__in=[t.pk for t in pagina.object_list]).annotate(
                sinds=Levering.objects.filter(
                    toewijzing=OuterRef("pk"), verwijderd=False, einddatum__isnull=True
                ).values("begindatum")[:1]
            )
        )
        context.update(
            {
                "vandaag": vandaag,
                "te_beoordelen": list(nieuw_pagina.object_list),
                "nieuw_paginator": nieuw_paginator,
                "nieuw_pagina": nieuw_pagina,
                "te_starten": te_starten,
                "start_paginator": start_paginator,
                "start_pagina": start_pagina,
                "in_zorg": pagina.object_list,
                "paginator": paginator,
                "page_obj": pagina,
                "tijdelijk": list(tijdelijk_pagina.object_list),
                "tijdelijk_paginator": tijdelijk_paginator,
                "tijdelijk_pagina": tijdelijk_pagina,
                "werkdagen": termijnen.START_MELDEN.werkdagen,
            }
        )
        # Each toewijzing shown (with its client's name) is a read in the access log.
        getoond = [*context["te_beoordelen"], *(r["t"] for r in te_starten), *context["in_zorg"]]
        record_inzage([*getoond, *context["tijdelijk"]])
        return context


class _PortaalActie(FormActie, ScopedDetailView):
    """One action on one of the provider's own toewijzingen: GET shows its form, POST carries it out
    and goes back to the toewijzing page; a refusal is shown next to the form."""

    secties = ("portaal",)
    model = Toewijzing
    template_name = "toewijzingen/portaal/actie.html"
    context_object_name = "toewijzing"
    form_class: ClassVar[type[forms.Form]] = forms.Form
    titel = ""
    knop = ""
    uitleg = ""

    def get_queryset(self) -> QuerySet[Toewijzing]:
        return Toewijzing.objects.for_user(self.request.user).select_related(
            "client", "product", "aanbieder", "gemeente"
        )

    def maak_form(self, data: Any = None) -> forms.Form:
        return self.form_class(data)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(
            {
                "form": kwargs.get("form") or self.maak_form(),
                "titel": self.titel,
                "knop": self.knop,
                "uitleg": self.uitleg,
                "vandaag": timezone.localdate(),
            }
        )
        return context

    def gelukt(self, resultaat: Any) -> HttpResponse:
        messages.success(self.request, resultaat)
        return redirect("web:toewijzing-detail", pk=self.object.pk)


class AccepterenView(_PortaalActie):
    titel = "Toewijzing accepteren"
    knop = "Accepteren"
    uitleg = "U neemt de ondersteuning aan. Meld daarna de start zodra de ondersteuning begint."

    def uitvoeren(self, form: Any) -> str:
        toewijzing = self.object
        services.accepteer_toewijzing(door=self.request.user, toewijzing=toewijzing)
        return f"Toewijzing {toewijzing.nummer} is geaccepteerd."


class RetournerenView(_PortaalActie):
    form_class = RetourForm
    titel = "Toewijzing retourneren"
    knop = "Retourneren"
    uitleg = (
        "U neemt deze ondersteuning niet aan. De consulent van de gemeente krijgt uw reden op de "
        "werklijst en kiest met de cliënt een andere aanbieder."
    )

    def uitvoeren(self, form: Any) -> str:
        toewijzing, data = self.object, form.cleaned_data
        services.retourneer_toewijzing(door=self.request.user, toewijzing=toewijzing, reden=data["reden"])
        return f"Toewijzing {toewijzing.nummer} is geretourneerd aan de gemeente."


class StartView(_PortaalActie):
    form_class: ClassVar[type[forms.Form]] = StartForm
    titel = "Start melden"
    knop = "Start melden"
    uitleg = "Meld de start binnen 5 werkdagen na de echte start van de ondersteuning."
    hervatting = False
    gemeld = "Start"

    def uitvoeren(self, form: Any) -> str:
        toewijzing, data = self.object, form.cleaned_data
        services.meld_start(
            door=self.request.user,
            toewijzing=toewijzing,
            begindatum=data["begindatum"],
            bron=LeveringBron.PORTAAL,
            hervatting=self.hervatting,
        )
        return f"{self.gemeld} per {data['begindatum']:%d-%m-%Y} gemeld."


class TijdelijkeStopView(_PortaalActie):
    form_class = TijdelijkeStopForm
    titel = "Tijdelijk stoppen"
    knop = "Tijdelijk stoppen"
    uitleg = (
        "Bijvoorbeeld bij een ziekenhuisopname (reden 20). "
        "Meld een hervatting als de ondersteuning weer begint."
    )

    def uitvoeren(self, form: Any) -> str:
        toewijzing, data = self.object, form.cleaned_data
        services.meld_stop(
            door=self.request.user,
            toewijzing=toewijzing,
            einddatum=data["einddatum"],
            reden=WMO588RedenBeeindiging.TIJDELIJK,
            toelichting=data.get("toelichting", ""),
        )
        return f"Tijdelijke stop per {data['einddatum']:%d-%m-%Y} gemeld."


class HervattenView(StartView):
    """A resumption is a new start after a temporary stop (it needs an earlier delivery)."""

    form_class = HervattenForm
    titel = "Hervatten"
    knop = "Hervatten"
    uitleg = "De ondersteuning begint weer na een tijdelijke stop: een nieuwe start."
    hervatting = True
    gemeld = "Hervatting"


class StopView(_PortaalActie):
    form_class = StopForm
    titel = "Stop melden"
    knop = "Stop melden"
    uitleg = "De ondersteuning stopt definitief. Na een tijdelijke stop wordt die stop definitief."

    def uitvoeren(self, form: Any) -> str:
        toewijzing, data = self.object, form.cleaned_data
        levering = services.meld_stop(
            door=self.request.user,
            toewijzing=toewijzing,
            einddatum=data["einddatum"],
            reden=data["reden"],
            toelichting=data.get("toelichting", ""),
        )
        assert levering.einddatum is not None
        return f"Stop per {levering.einddatum:%d-%m-%Y} gemeld ({levering.get_reden_beeindiging_display()})."


class OnderaannemerView(_PortaalActie):
    form_class = OnderaannemerForm
    titel = "Onderaannemer"
    knop = "Onderaannemer opslaan"
    uitleg = "Welke onderaannemer onder uw contract de ondersteuning voor deze cliënt levert."

    def maak_form(self, data: Any = None) -> forms.Form:
        t = self.object
        # Every subcontractor of the provider's own contracts is a valid choice for the form; the
        # service refuses one of another contract or not valid on the date, with its Dutch message.
        keuzes = Onderaannemer.objects.filter(contract__aanbieder_id=t.aanbieder_id)
        return OnderaannemerForm(data, keuzes=keuzes, initial={"onderaannemer": t.onderaannemer_id})

    def uitvoeren(self, form: Any) -> str:
        toewijzing, data = self.object, form.cleaned_data
        gekozen = data.get("onderaannemer")
        services.kies_onderaannemer(door=self.request.user, toewijzing=toewijzing, onderaannemer=gekozen)
        return f"Onderaannemer: {gekozen}." if gekozen else "Geen onderaannemer: u levert zelf."


class CsvUploadView(SectieMixin, View):
    """Starts and stops from a CSV file, with a report per row."""

    secties = ("portaal",)
    template_name = "toewijzingen/portaal/csv_upload.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        return render(request, self.template_name, {"form": CsvUploadForm()})

    def post(self, request: HttpRequest) -> HttpResponse:
        form = CsvUploadForm(request.POST, request.FILES)
        verslag = None
        if form.is_valid():
            aanbieder = getattr(request.user, "aanbieder", None)
            if aanbieder is None:
                form.add_error(None, "Alleen medewerkers van een aanbieder kunnen starts en stops uploaden.")
            else:
                bestand = form.cleaned_data["bestand"]
                try:
                    data = bestand.read(2 * 1024 * 1024 + 1)
                    verslag = verwerk_csv(
                        door=request.user,
                        aanbieder=aanbieder,
                        data=data,
                        alleen_geldige=form.cleaned_data["alleen_geldige"],
                    )
                except CsvBestandFout as fout:
                    form.add_error("bestand", str(fout))
        return render(request, self.template_name, {"form": form, "verslag": verslag})


class CsvVoorbeeldView(SectieMixin, View):
    """An example file with the columns and the four kinds of row."""

    secties = ("portaal",)

    def get(self, request: HttpRequest) -> HttpResponse:
        response = HttpResponse(VOORBEELD.encode("utf-8"), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="starts-en-stops-voorbeeld.csv"'
        return response

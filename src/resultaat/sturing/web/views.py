"""The dashboards: the gemeente or region (contract manager), one provider (contract manager), and the
provider's own figures in the portal. Every table downloads as XLSX or CSV from the same values
(``?download=xlsx&tabel=<code>`` with the page's filter)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.views.generic import TemplateView

from resultaat.core.web import SectieMixin
from resultaat.organisaties.models import Aanbieder
from resultaat.sturing import tabellen
from resultaat.sturing.dashboard import (
    Aanbiederdashboard,
    Regiodashboard,
    Selectie,
    aanbiederdashboard,
    gemeenten_van,
    kies,
    regiodashboard,
)
from resultaat.sturing.models import AanbiederKengetal
from resultaat.sturing.web.grafiek import Grafiek

FORMATEN = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}


class DashboardView(SectieMixin, TemplateView):
    """The filter (gemeente, from and to period), the figures, and the downloads of its tables."""

    def selectie(self) -> Selectie:
        g = self.request.GET
        return kies(
            self.request.user,
            g.get("gemeente", "").strip(),
            g.get("van", "").strip(),
            g.get("tot", "").strip(),
            AanbiederKengetal.objects.for_user(self.request.user),
        )

    def dashboard(self, selectie: Selectie) -> Regiodashboard | Aanbiederdashboard:
        raise NotImplementedError

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        selectie = self.selectie()
        dashboard = self.dashboard(selectie)
        formaat = request.GET.get("download", "")
        if formaat:
            tabel = dashboard.tabellen.get(request.GET.get("tabel", ""))
            if formaat not in FORMATEN or tabel is None:
                raise Http404("Deze tabel of dit bestandsformaat bestaat niet.")
            return self.download(tabel, formaat, selectie)
        for fout in selectie.fouten:
            messages.warning(request, fout)
        return self.render_to_response(self.get_context_data(d=dashboard, selectie=selectie, **kwargs))

    def download(self, tabel: tabellen.Tabel, formaat: str, selectie: Selectie) -> HttpResponse:
        onderschrift = selectie.omschrijving()
        if formaat == "xlsx":
            inhoud: bytes | str = tabellen.xlsx(tabel, onderschrift)
        else:
            inhoud = tabellen.csv(tabel)
        response = HttpResponse(inhoud, content_type=FORMATEN[formaat])
        naam = f"{self.bestandsnaam()}-{tabel.code}-{selectie.van}-{selectie.tot}.{formaat}"
        response["Content-Disposition"] = f'attachment; filename="{naam}"'
        return response

    def bestandsnaam(self) -> str:
        return "sturing"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        g = self.request.GET
        context["filter"] = {k: g.get(k, "") for k in ("gemeente", "van", "tot")}
        context["kies_gemeenten"] = gemeenten_van(self.request.user).order_by("naam")
        context["filter_query"] = "&".join(
            f"{k}={v}"
            for k, v in (
                ("gemeente", g.get("gemeente", "")),
                ("van", kwargs["selectie"].van),
                ("tot", kwargs["selectie"].tot),
            )
            if v
        )
        return context


class RegioView(DashboardView):
    secties = ("sturing",)
    template_name = "sturing/regio.html"

    def dashboard(self, selectie: Selectie) -> Regiodashboard:
        return regiodashboard(self.request.user, selectie)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        d: Regiodashboard = kwargs["d"]
        uitgaven = Grafiek(
            "Uitgaven per periode", "Uitgaven uit goedgekeurde afrekeningen", "euro", ["Uitgaven"]
        )
        clienten = Grafiek(
            "Cliënten in zorg per periode",
            "Cliënten met een lopende toewijzing",
            "aantal",
            ["Cliënten in zorg"],
        )
        for periode in d.perioden.rijen:
            uitgaven.rij(periode[0], [periode[4]])
            clienten.rij(periode[0], [periode[1]])
        behaald = Grafiek(
            "Resultaat behaald per aanbieder",
            "Aandeel van de evaluaties waarin het resultaat is behaald, met het doel uit het contract "
            "(streep) en het regiogemiddelde (lijn)",
            "procent",
            ["Resultaat behaald (%)"],
            lijn=d.regio.behaald_procent,
            lijn_label="regio",
            merk_label="doel",
        )
        overstap = Grafiek(
            "Overstappen per aanbieder",
            "Cliënten die naar deze aanbieder overstapten en die bij deze aanbieder weggingen",
            "aantal",
            ["Overgestapt naar", "Overgestapt weg"],
        )
        for a, c, doel in d.per_aanbieder:
            behaald.rij(a["naam"], [c.behaald_procent], doel.behaald_procent)
            overstap.rij(a["naam"], [c.overstap_in, c.overstap_uit])
        context["grafieken_perioden"] = [uitgaven, clienten]
        context["grafieken_aanbieders"] = [behaald, overstap]
        return context


class AanbiederView(DashboardView):
    """One provider, for gemeente staff (the provider itself has :class:`MijnCijfersView`)."""

    secties = ("sturing",)
    model = Aanbieder
    template_name = "sturing/aanbieder.html"

    def aanbieder(self) -> Aanbieder:
        return get_object_or_404(Aanbieder.objects.for_user(self.request.user), pk=self.kwargs["pk"])

    def dashboard(self, selectie: Selectie) -> Aanbiederdashboard:
        return aanbiederdashboard(self.request.user, self.aanbieder(), selectie)

    def bestandsnaam(self) -> str:
        return f"sturing-{self.aanbieder().agb_code}"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        d: Aanbiederdashboard = kwargs["d"]
        reeksen = [d.aanbieder.naam, "Regio"] if d.regio_zichtbaar else [d.aanbieder.naam]
        behaald = Grafiek(
            "Resultaat behaald per periode",
            "Aandeel van de evaluaties waarin het resultaat is behaald"
            + (", naast de regio" if d.regio_zichtbaar else "")
            + "; de lijn is het doel uit het contract",
            "procent",
            reeksen,
            lijn=d.doelen.behaald_procent,
            lijn_label="doel",
        )
        kosten = Grafiek(
            "Kosten per cliënt per periode",
            "Uitgaven gedeeld door de cliënten met een betaling",
            "euro",
            reeksen,
        )
        clienten = Grafiek(
            "Cliënten in zorg per periode",
            "Cliënten met een lopende toewijzing",
            "aantal",
            [d.aanbieder.naam],
        )
        overstap = Grafiek(
            "Overstappen per periode",
            "Cliënten die overstapten naar en weg van deze aanbieder",
            "aantal",
            ["Overgestapt naar", "Overgestapt weg"],
        )
        for code, c in d.eigen_per_periode.items():
            regio = d.regio_per_periode.get(code)
            behaald.rij(
                code,
                [
                    c.behaald_procent,
                    *([regio.behaald_procent if regio else None] if d.regio_zichtbaar else []),
                ],
            )
            kosten.rij(
                code,
                [
                    c.kosten_per_client,
                    *([regio.kosten_per_client if regio else None] if d.regio_zichtbaar else []),
                ],
            )
            clienten.rij(code, [c.actief_gemiddeld])
            overstap.rij(code, [c.overstap_in, c.overstap_uit])
        context["grafieken"] = [behaald, kosten, clienten, overstap]
        context["aanbieder"] = d.aanbieder
        return context


class MijnCijfersView(AanbiederView):
    """The provider's own dashboard in the portal: only its own rows, the region only as an average."""

    secties = ("mijn-cijfers",)

    def aanbieder(self) -> Aanbieder:
        user: Any = self.request.user
        if not user.is_aanbieder_user:
            raise Http404("Alleen voor medewerkers van een zorgaanbieder.")
        return Aanbieder.objects.get(pk=user.aanbieder_id)

"""Bekostiging: settlement runs, approval, batches and their files, budget and the hours comparison.

Financieel medewerkers (section "bekostiging") see the runs of their gemeenten; provider staff
(section "specificaties") see only the batches and lines of their own organisation. Every state
change goes through :mod:`resultaat.bekostiging.services`.
"""

from __future__ import annotations

import math
from decimal import Decimal, InvalidOperation
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views import View
from django.views.generic import TemplateView

from resultaat.bekostiging import exports, services
from resultaat.bekostiging.models import Afrekenregel, Afrekenrun, Betaalbatch, Periode, RunStatus
from resultaat.bekostiging.web.forms import ClientBetalingenZoekForm
from resultaat.bekostiging.web.tabellen import (
    AfrekenregelFilter,
    AfrekenregelTabel,
    AfrekenrunTabel,
    BetaalbatchFilter,
    BetaalbatchTabel,
    BudgetTabel,
)
from resultaat.catalogus.models import Product
from resultaat.clienten.models import Client
from resultaat.clienten.services import MAX_ZOEKRESULTATEN, zoek_clienten
from resultaat.core.audit.models import Actie
from resultaat.core.opmaak import decimaal, euro, getal
from resultaat.core.paginering import getal_begrensd
from resultaat.core.tabellen import EXPORTS, TabelView, exportbestand
from resultaat.core.web import ScopedDetailView, SectieMixin
from resultaat.organisaties.models import Gemeente
from resultaat.toewijzingen.models import Toewijzing


def _gemeenten(user: Any) -> QuerySet[Gemeente]:
    if user.is_superuser:
        return Gemeente.objects.all()
    return user.gemeenten.all() if user.is_gemeente_user else Gemeente.objects.none()


def _gekozen_gemeente(gemeenten: list[Gemeente], code: str | None) -> Gemeente | None:
    """The gemeente of ``?gemeente=<code>`` among the user's, else the first of them."""
    return next((g for g in gemeenten if g.code == code), None) or (gemeenten[0] if gemeenten else None)


class AfrekenrunListView(TabelView):
    secties = ("bekostiging",)
    model = Afrekenrun
    template_name = "bekostiging/afrekenrun_list.html"
    context_object_name = "runs"
    tabel_class = AfrekenrunTabel
    export_naam = "afrekenruns"
    enkelvoud, meervoud = "run", "runs"

    def basis(self) -> QuerySet[Afrekenrun]:
        qs = Afrekenrun.objects.for_user(self.request.user).select_related("gemeente", "periode")
        # The start page's links: ``?status=concept&door=anderen`` (runs to approve: made by someone
        # else), ``door=mij`` (one's own, waiting for a colleague), ``?status=goedgekeurd&dagen=30``.
        self.status = self.request.GET.get("status", "")
        if self.status not in RunStatus.values:
            self.status = ""
        if self.status:
            qs = qs.filter(status=self.status)
        self.door = self.request.GET.get("door", "")
        te_keuren = qs.te_goedkeuren_door(self.request.user)
        if self.door == "anderen":
            qs = te_keuren
        elif self.door == "mij":
            qs = qs.filter(status=RunStatus.CONCEPT).exclude(pk__in=te_keuren.values("pk"))
        else:
            self.door = ""
        dagen = self.request.GET.get("dagen", "")
        self.dagen = int(dagen) if dagen.isdigit() and 0 < int(dagen) <= 3660 else None
        if self.dagen:
            qs = qs.recent_goedgekeurd(self.dagen)
        return qs.order_by("-aangemaakt_op", "-pk")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["gemeenten"] = _gemeenten(self.request.user)
        context["gefilterd"] = bool(self.status or self.door or self.dagen)
        context["filter_tekst"] = {
            "anderen": "afrekenruns van een collega die u kunt goedkeuren",
            "mij": "uw eigen afrekenruns die wachten op goedkeuring door een collega",
        }.get(self.door) or (
            f"goedgekeurde afrekenruns van de laatste {self.dagen} dagen"
            if self.dagen
            else (f"afrekenruns met status {RunStatus(self.status).label}" if self.status else "")
        )
        context["af_te_rekenen"] = list(
            Periode.objects.for_user(self.request.user)
            .af_te_rekenen(timezone.localdate())
            .select_related("gemeente")[:100]
        )
        return context


class AfrekenregelListView(TabelView):
    """Every settlement line of the user's gemeenten: one client's payments, or one run's lines."""

    secties = ("bekostiging",)
    model = Afrekenregel
    template_name = "bekostiging/afrekenregel_list.html"
    context_object_name = "regels"
    tabel_class = AfrekenregelTabel
    filter_class = AfrekenregelFilter
    export_naam = "betalingen"
    enkelvoud, meervoud = "regel", "regels"

    def basis(self) -> QuerySet[Afrekenregel]:
        return (
            Afrekenregel.objects.for_user(self.request.user)
            .select_related("run", "periode", "toewijzing", "client", "aanbieder")
            .order_by("-run_id", "aanbieder__naam", "toewijzing__nummer", "periode__begin", "pk")
        )


class AfrekenrunNieuwView(SectieMixin, View):
    """POST: settle a period (or a dry run) for one of the user's gemeenten."""

    secties = ("bekostiging",)

    def post(self, request: HttpRequest) -> HttpResponseBase:
        gemeente = get_object_or_404(_gemeenten(request.user), code=request.POST.get("gemeente", ""))
        try:
            periode = services.zoek_periode(gemeente, request.POST.get("periode", "").strip())
            res = services.afrekenen(
                gemeente=gemeente, periode=periode, door=request.user, dry_run=bool(request.POST.get("proef"))
            )
        except ValidationError as e:
            messages.error(request, " ".join(e.messages))
            return redirect("web:afrekenrun-list")
        samenvatting = f"{getal(res.regels)} regels, {getal(res.clienten)} cliënten, {euro(res.totaal_cent)}"
        if res.run is None:
            messages.info(request, f"{res.melding} ({samenvatting})")
            return redirect("web:afrekenrun-list")
        messages.success(request, f"Periode {periode.code} afgerekend als concept: {samenvatting}.")
        if res.conflicten:
            messages.warning(
                request,
                f"{len(res.conflicten) // 2} keer twee toewijzingen voor hetzelfde resultaat op dezelfde "
                "dagen: aangehouden, zie de lijst hieronder.",
            )
        return redirect("web:afrekenrun-detail", pk=res.run.pk)


class AfrekenrunDetailView(ScopedDetailView):
    secties = ("bekostiging",)
    model = Afrekenrun
    template_name = "bekostiging/afrekenrun_detail.html"
    context_object_name = "run"

    def get_queryset(self) -> QuerySet[Afrekenrun]:
        return Afrekenrun.objects.for_user(self.request.user).select_related(
            "gemeente", "periode", "aangemaakt_door", "goedgekeurd_door"
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        run = self.object
        context["samenvatting"] = services._samenvatting(run, run.periode).per_aanbieder
        context["zoekfilter"] = AfrekenregelFilter(queryset=Afrekenregel.objects.none(), request=self.request)
        context["batches"] = run.batches.select_related("aanbieder")
        # One line per pair: the conflict is stored for each of its two toewijzingen.
        context["conflicten"] = [
            k
            for k in run.conflicten.select_related(
                "client",
                "periode",
                "toewijzing__product",
                "toewijzing__aanbieder",
                "andere_toewijzing__product",
                "andere_toewijzing__aanbieder",
            ).order_by("client__id", "periode__begin", "toewijzing_id")
            if k.toewijzing_id < k.andere_toewijzing_id
        ]
        context["mag_goedkeuren"] = run.goedkeuring_bezwaar(self.request.user) is None
        return context


class AfrekenrunGoedkeurenView(SectieMixin, View):
    secties = ("bekostiging",)
    geweigerd_als_404 = True
    model = Afrekenrun

    def post(self, request: HttpRequest, pk: int) -> HttpResponseBase:
        run = get_object_or_404(Afrekenrun.objects.for_user(request.user), pk=pk)
        try:
            services.keur_goed(run=run, door=request.user)
            messages.success(
                request, "De run is goedgekeurd en betaalbaar; de batches per aanbieder staan klaar."
            )
        except ValidationError as e:
            messages.error(request, " ".join(e.messages))
        return redirect("web:afrekenrun-detail", pk=pk)


def _bestand(inhoud: bytes | str, content_type: str, naam: str) -> HttpResponse:
    response = HttpResponse(inhoud, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{naam}"'
    response["Cache-Control"] = "private, no-store"
    return response


class AfrekenrunBestandView(SectieMixin, View):
    """A file of an approved run; an export that cannot be made goes back to the run with its message."""

    secties = ("bekostiging",)
    geweigerd_als_404 = True
    model = Afrekenrun
    content_type = ""

    def maak(self, run: Afrekenrun) -> tuple[bytes | str, str]:
        """The file's content and its name."""
        raise NotImplementedError

    def get(self, request: HttpRequest, pk: int) -> HttpResponseBase:
        run = get_object_or_404(Afrekenrun.objects.for_user(request.user), pk=pk)
        try:
            inhoud, naam = self.maak(run)
        except ValidationError as e:
            messages.error(request, " ".join(e.messages))
            return redirect("web:afrekenrun-detail", pk=pk)
        return _bestand(inhoud, self.content_type, naam)


class AfrekenrunSepaView(AfrekenrunBestandView):
    content_type = "application/xml"

    def maak(self, run: Afrekenrun) -> tuple[bytes | str, str]:
        return exports.sepa_xml(run), f"sepa-{run.gemeente.code}-{run.periode.code}-R{run.pk}.xml"


class AfrekenrunCsvView(AfrekenrunBestandView):
    content_type = "text/csv; charset=utf-8"

    def maak(self, run: Afrekenrun) -> tuple[bytes | str, str]:
        return exports.financieel_csv(run), f"boekingen-{run.gemeente.code}-{run.periode.code}.csv"


class BetaalbatchListView(TabelView):
    """Provider staff: their payment specifications; finance staff: every batch of their gemeenten."""

    secties = ("bekostiging", "specificaties")
    model = Betaalbatch
    template_name = "bekostiging/betaalbatch_list.html"
    context_object_name = "batches"
    tabel_class = BetaalbatchTabel
    filter_class = BetaalbatchFilter
    export_naam = "betaalspecificaties"
    enkelvoud, meervoud = "specificatie", "specificaties"

    def basis(self) -> QuerySet[Betaalbatch]:
        qs = Betaalbatch.objects.for_user(self.request.user)
        return qs.select_related("run__gemeente", "run__periode", "aanbieder").order_by(
            "-run__periode__begin", "-run__aangemaakt_op", "run__gemeente__naam", "aanbieder__naam"
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        # Starts whose payment waits for an agreed plan (contracts paying on start plus plan).
        rijen, aantal = services.wacht_op_plan(
            Toewijzing.objects.for_user(self.request.user), timezone.localdate()
        )
        context["wacht_op_plan"], context["wacht_op_plan_aantal"] = rijen, getal_begrensd(aantal)
        return context


class BetaalbatchDetailView(ScopedDetailView):
    secties = ("bekostiging", "specificaties")
    model = Betaalbatch
    template_name = "bekostiging/betaalbatch_detail.html"
    context_object_name = "batch"

    def get_queryset(self) -> QuerySet[Betaalbatch]:
        return Betaalbatch.objects.for_user(self.request.user).select_related(
            "run__gemeente", "run__periode", "aanbieder"
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["regels"] = exports.specificatie_regels(self.object)[:500]
        exports.leg_inzage_vast(self.object, Actie.GELEZEN)
        return context


class BetaalbatchXlsxView(SectieMixin, View):
    secties = ("bekostiging", "specificaties")
    geweigerd_als_404 = True
    model = Betaalbatch

    def get(self, request: HttpRequest, pk: int) -> HttpResponseBase:
        batch = get_object_or_404(Betaalbatch.objects.for_user(request.user), pk=pk)
        response = _bestand(
            exports.specificatie_xlsx(batch),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            f"specificatie-{batch.kenmerk}.xlsx",
        )
        exports.leg_inzage_vast(batch, Actie.GEEXPORTEERD)
        return response


class BetaalbatchPdfView(SectieMixin, View):
    secties = ("bekostiging", "specificaties")
    geweigerd_als_404 = True
    model = Betaalbatch

    def get(self, request: HttpRequest, pk: int) -> HttpResponseBase:
        batch = get_object_or_404(Betaalbatch.objects.for_user(request.user), pk=pk)
        response = _bestand(
            exports.specificatie_pdf(batch), "application/pdf", f"specificatie-{batch.kenmerk}.pdf"
        )
        exports.leg_inzage_vast(batch, Actie.AFGEDRUKT)
        return response


def _staafdiagram(regels: list[services.Prognoseregel]) -> dict[str, Any]:
    """An inline SVG bar chart: per product budget (outline) against realised + committed (bars)."""
    hoogste = max([1] + [max(r.budget_cent or 0, r.prognose_cent) for r in regels])
    breedte, rij = 520, 34
    staven = []
    for i, r in enumerate(regels):
        y = 10 + i * rij
        staven.append(
            {
                "y": y,
                "tekst_y": y + 14,
                "label": r.product[:28],
                "gerealiseerd": round(breedte * r.gerealiseerd_cent / hoogste),
                "verplicht": round(breedte * r.verplicht_cent / hoogste),
                "budget": round(breedte * (r.budget_cent or 0) / hoogste) if r.budget_cent else None,
                "over": r.verschil_cent is not None and r.verschil_cent < 0,
            }
        )
    return {"staven": staven, "hoogte": 20 + rij * len(regels), "breedte": breedte}


class BudgetView(SectieMixin, TemplateView):
    secties = ("bekostiging",)
    template_name = "bekostiging/budget.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        vandaag = timezone.localdate()
        gemeenten = list(_gemeenten(self.request.user))
        gemeente = _gekozen_gemeente(gemeenten, self.request.GET.get("gemeente"))
        fouten: dict[str, str] = {}
        jaar = _geheel_getal(self.request.GET.get("jaar", ""), EERSTE_JAAR, LAATSTE_JAAR)
        if jaar is None:
            if self.request.GET.get("jaar", "") != "":
                fouten["jaar"] = (
                    f"Vul een jaar in van {EERSTE_JAAR} tot en met {LAATSTE_JAAR}, bijvoorbeeld 2025."
                )
            jaar = vandaag.year
        regels = services.prognose(gemeente, jaar, vandaag) if gemeente else []
        tabel = BudgetTabel(regels, request=self.request)
        tabel.bijschrift = f"Budget en prognose per product, {jaar}"
        if self.request.GET.get("sort"):
            tabel.order_by = self.request.GET["sort"]
        context.update(
            {
                "gemeenten": gemeenten,
                "gemeente": gemeente,
                "jaar": jaar,
                "fouten": fouten,
                "regels": regels,
                "tabel": tabel,
                **_staafdiagram(regels),
            }
        )
        return context

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        context = self.get_context_data(**kwargs)
        formaat = request.GET.get("_export", "")
        if formaat in EXPORTS:
            naam = f"budget-{context['gemeente'].code if context['gemeente'] else ''}-{context['jaar']}"
            return exportbestand(context["tabel"], formaat, naam)
        return self.render_to_response(context)


EERSTE_JAAR, LAATSTE_JAAR = 2000, 2100
MAX_UURTARIEF_CENT = 100_000  # € 1.000 per hour
MAX_UREN = 168.0  # hours in a week


def _geheel_getal(tekst: str, laagste: int, hoogste: int) -> int | None:
    """A whole number in [laagste, hoogste] typed in a GET parameter; anything else gives None."""
    tekst = tekst.strip()
    if not (tekst.isascii() and tekst.isdigit() and len(tekst) <= 12):
        return None
    getal = int(tekst)
    return getal if laagste <= getal <= hoogste else None


def _bedrag_cent(tekst: str, hoogste: int) -> int | None:
    """An amount in euro ("25,00", "25.5") as cents in [0, hoogste]; anything else gives None."""
    try:
        bedrag = Decimal(tekst.strip().replace(",", "."))
    except (InvalidOperation, ValueError):
        return None
    if not bedrag.is_finite() or not 0 <= bedrag * 100 <= hoogste:
        return None
    return int(bedrag * 100)


def _uren(tekst: str) -> float | None:
    """Hours per week in [0, 168]; anything else (nan, inf, text) gives None."""
    try:
        uren = float(tekst.strip().replace(",", "."))
    except ValueError:
        return None
    return uren if math.isfinite(uren) and 0 <= uren <= MAX_UREN else None


class UrenVergelijkingView(SectieMixin, TemplateView):
    """Hours against results for the same caseload (seed 002: the 40% cut of the budget)."""

    secties = ("bekostiging",)
    template_name = "bekostiging/uren_vergelijking.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        vandaag = timezone.localdate()
        gemeenten = list(_gemeenten(self.request.user))
        gemeente = _gekozen_gemeente(gemeenten, self.request.GET.get("gemeente"))
        get = self.request.GET
        fouten: dict[str, str] = {}
        uurtarief = _bedrag_cent(get.get("uurtarief", ""), MAX_UURTARIEF_CENT)
        if uurtarief is None:
            if get.get("uurtarief", "").strip():
                fouten["uurtarief"] = (
                    "Vul het uurtarief in euro in, van 0 tot en met 1000, bijvoorbeeld 25,00."
                )
            uurtarief = 2500
        uren = _uren(get.get("uren", ""))
        if uren is None:
            if get.get("uren", "").strip():
                fouten["uren"] = (
                    "Vul het aantal uren per week in, van 0 tot en met 168, bijvoorbeeld 3 of 2,5."
                )
            uren = 3.0
        producten = (
            Product.objects.geldig_op(vandaag).filter(tarieven__isnull=False).distinct().order_by("code")
        )
        product_pk = _geheel_getal(get.get("product", ""), 1, 2**31 - 1)
        product = producten.filter(pk=product_pk).first() if product_pk else None
        if product is None and get.get("product", "").strip():
            fouten["product"] = "Kies een product uit de lijst."
        product = product or producten.first()
        vergelijking = (
            services.uren_versus_resultaat(
                gemeente, product, vandaag, uurtarief_cent=uurtarief, uren_per_week=uren
            )
            if gemeente and product
            else None
        )
        context.update(
            {
                "gemeenten": gemeenten,
                "gemeente": gemeente,
                "producten": producten,
                "product": product,
                # As typed in the box: a decimal comma, no thousands separator ("25,00").
                "uurtarief": decimaal(uurtarief).replace(".", ","),
                "uren": f"{uren:g}".replace(".", ","),
                "fouten": fouten,
                "v": vergelijking,
                "bezuiniging_seed_002": 40,
                "peildatum": vandaag,
            }
        )
        return context


class ClientBetalingenZoekenView(SectieMixin, View):
    """Finance staff find one client (by name, birth date, client number or BSN, in a POST so the BSN
    stays out of every URL) to open its payments; each client found is a search in the access log."""

    secties = ("bekostiging",)
    template_name = "bekostiging/client_betalingen_zoeken.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        return render(request, self.template_name, {"form": ClientBetalingenZoekForm()})

    def post(self, request: HttpRequest) -> HttpResponse:
        form = ClientBetalingenZoekForm(request.POST)
        gevonden: list[Client] | None = None
        if form.is_valid():
            d = form.cleaned_data
            gevonden = zoek_clienten(
                door=request.user,
                bsn=d["bsn"],
                nummer=d["nummer"],
                achternaam=d["achternaam"],
                geboortedatum=d["geboortedatum"],
            )
            if len(gevonden) == 1:
                return redirect("web:client-betalingen", pk=gevonden[0].pk)
        return render(
            request,
            self.template_name,
            {"form": form, "gevonden": gevonden, "max_resultaten": MAX_ZOEKRESULTATEN},
        )


class ClientBetalingenView(ScopedDetailView):
    """One client's settlement lines per period and run (a read of the client in the access log)."""

    secties = ("bekostiging",)
    model = Client
    template_name = "bekostiging/client_betalingen.html"
    context_object_name = "client"
    max_regels = 1000

    def get_queryset(self) -> QuerySet[Client]:
        return Client.objects.for_user(self.request.user).select_related("gemeente")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        # Through the (period, toewijzing) index: the client's toewijzingen times the periods of their
        # gemeenten (the lines have no index led by the client, see ``Afrekenregel.Meta``).
        toewijzingen = list(
            Toewijzing.objects.filter(client=self.object).order_by().values_list("pk", "gemeente_id")
        )
        perioden = list(
            Periode.objects.filter(gemeente_id__in={g for _, g in toewijzingen})
            .order_by()
            .values_list("pk", flat=True)
        )
        regels = list(
            Afrekenregel.objects.for_user(self.request.user)
            .filter(periode_id__in=perioden, toewijzing_id__in=[pk for pk, _ in toewijzingen])
            .filter(client=self.object)
            .select_related("periode", "run", "toewijzing", "aanbieder", "product")
            .order_by("-periode__begin", "-run__aangemaakt_op", "-run_id", "toewijzing__nummer", "pk")[
                : self.max_regels + 1
            ]
        )
        context["meer"] = len(regels) > self.max_regels
        context["regels"] = regels[: self.max_regels]
        context["totaal_cent"] = sum(
            r.bedrag_cent for r in context["regels"] if r.run.status == RunStatus.GOEDGEKEURD
        )
        return context

"""The ondersteuningsplan in the web UI (the sociale kaart: see sociale_kaart.py).

The provider (role aanbieder) writes the plan of its own toewijzing with the client: a concept it can
change, the client's agreement that freezes it, a new version for every change after that, and a PDF
for the client. The gemeente reads every version. Consulenten and beheerders keep the sociale kaart of
their gemeenten; a provider sees it when it connects a client to a voorziening (the Plus).

Thin views: every write goes through :mod:`resultaat.ondersteuning.services`; a ``ValidationError`` is
shown in Dutch next to the form and nothing is saved. Every view with a ``pk`` looks its object up
through ``for_user``, so another organisation's record is a 404.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from resultaat.brieven.render import pdf
from resultaat.core.audit.models import Actie
from resultaat.core.opmaak import lange_datum
from resultaat.core.web import FormActie, ScopedDetailView, fouten_naar_form
from resultaat.ondersteuning import services
from resultaat.ondersteuning.models import (
    Ondersteuningsplan,
    PlanActiviteit,
    PlanDoel,
    PlanStatus,
)
from resultaat.ondersteuning.planbrief import plan_html
from resultaat.ondersteuning.web.forms import AkkoordForm, PlanFormulier
from resultaat.toewijzingen.models import ReactieAanbieder, Toewijzing

PLAN_SECTIES = ("toewijzingen",)


def _plannen(user: Any) -> QuerySet[Ondersteuningsplan]:
    return Ondersteuningsplan.objects.for_user(user).select_related(
        "toewijzing__client__gemeente",
        "toewijzing__aanbieder",
        "toewijzing__product__resultaat",
        "toewijzing__beschikt_resultaat__beschikking",
        "opgesteld_door",
    )


def _met_inhoud(qs: QuerySet[Ondersteuningsplan]) -> QuerySet[Ondersteuningsplan]:
    return qs.prefetch_related(
        Prefetch(
            "doelen",
            PlanDoel.objects.select_related("subresultaat")
            .prefetch_related(Prefetch("activiteiten", PlanActiviteit.objects.order_by("pk")))
            .order_by("pk"),
        ),
        "plus_afspraken__voorziening",
    )


def _schrijft(user: Any) -> bool:
    """Only provider staff write plans (of their own toewijzingen: the rows come from ``for_user``)."""
    return bool(user.is_aanbieder_user)


def _formulier(toewijzing: Toewijzing, data: Any = None, **kwargs: Any) -> PlanFormulier:
    return PlanFormulier(
        data,
        subresultaten=services.subresultaten_voor(toewijzing),
        keuzes=services.subresultaat_keuzes(toewijzing),
        voorzieningen=services.sociale_kaart_voor(toewijzing),
        **kwargs,
    )


def _plan_context(toewijzing: Toewijzing) -> dict[str, Any]:
    return {
        "toewijzing": toewijzing,
        "hoort_bij_beschikking": services.plan_hoort_bij_beschikking(toewijzing),
        "subresultaten": services.subresultaten_voor(toewijzing),
        "sociale_kaart": list(services.sociale_kaart_voor(toewijzing)),
        "plus_uitleg": toewijzing.product.resultaat.plus if toewijzing.product.resultaat else "",
    }


class PlanNieuwView(ScopedDetailView):
    """A new version of the plan for a toewijzing: the first one, or a change after the client agreed
    (the page starts from the last version)."""

    secties = PLAN_SECTIES
    model = Toewijzing
    template_name = "ondersteuning/plan/plan_form.html"
    context_object_name = "toewijzing"

    def get_queryset(self) -> QuerySet[Toewijzing]:
        qs = Toewijzing.objects.for_user(self.request.user)
        if getattr(self.request.user, "is_aanbieder_user", False):
            # A returned toewijzing is no longer the provider's client: no plan page (with the address).
            qs = qs.exclude(reactie=ReactieAanbieder.GERETOURNEERD)
        return qs.select_related(
            "client__gemeente", "aanbieder", "product__resultaat", "beschikt_resultaat__beschikking"
        )

    def _context(self, formulier: PlanFormulier | None) -> dict[str, Any]:
        toewijzing = self.object
        plannen = Ondersteuningsplan.objects.filter(toewijzing=toewijzing)
        return {
            **_plan_context(toewijzing),
            "formulier": formulier,
            "concept": plannen.filter(status=PlanStatus.CONCEPT).first(),
            "vorige": plannen.order_by("-versie").first(),
            "mag_schrijven": _schrijft(self.request.user),
            "actie": "nieuw",
            "geen_nieuw_plan": services.geen_nieuw_plan_omdat(toewijzing),
        }

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.object = toewijzing = self.get_object()
        vorige = Ondersteuningsplan.objects.filter(toewijzing=toewijzing).order_by("-versie").first()
        invoer = services.invoer_van(vorige) if vorige is not None else None
        return render(request, self.template_name, self._context(_formulier(toewijzing, invoer=invoer)))

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.object = toewijzing = self.get_object()
        if not _schrijft(request.user):
            raise PermissionDenied("Alleen de aanbieder schrijft het ondersteuningsplan.")
        meer = "meer_regels" in request.POST
        formulier = _formulier(toewijzing, request.POST, meer=meer)
        if not meer and formulier.is_valid():
            try:
                plan = services.maak_plan(door=request.user, toewijzing=toewijzing, invoer=formulier.invoer())
            except ValidationError as fout:
                fouten_naar_form(formulier.plan, fout)
            else:
                messages.success(
                    request,
                    f"Ondersteuningsplan versie {plan.versie} opgeslagen als concept. "
                    "Leg het akkoord van de cliënt vast als u het samen eens bent.",
                )
                return redirect("web:plan-detail", pk=plan.pk)
        return render(request, self.template_name, self._context(formulier))


class _EenPlan(ScopedDetailView):
    """One plan version the user may see, with its goals, activities and Plus."""

    secties = PLAN_SECTIES
    model = Ondersteuningsplan
    context_object_name = "plan"

    def get_queryset(self) -> QuerySet[Ondersteuningsplan]:
        return _met_inhoud(_plannen(self.request.user))


class PlanDetailView(_EenPlan):
    """One version: goals, activities, the Plus; its history; the agreement; links to change and PDF."""

    template_name = "ondersteuning/plan/plan_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        plan = self.object
        toewijzing = plan.toewijzing
        versies = list(
            Ondersteuningsplan.objects.for_user(self.request.user)
            .filter(toewijzing=toewijzing)
            .select_related("opgesteld_door")
            .order_by("-versie")
        )
        context.update(
            _plan_context(toewijzing),
            versies=versies,
            concept=next((v for v in versies if v.status == PlanStatus.CONCEPT), None),
            mag_schrijven=_schrijft(self.request.user),
            akkoord_form=kwargs.get("akkoord_form") or AkkoordForm(),
        )
        return context


class PlanWijzigenView(_EenPlan):
    """Change a concept. An agreed version is not changed: the page says so and offers a new version."""

    template_name = "ondersteuning/plan/plan_form.html"

    def _context(self, formulier: PlanFormulier | None) -> dict[str, Any]:
        plan = self.object
        return {
            **_plan_context(plan.toewijzing),
            "plan": plan,
            "formulier": formulier if plan.status == PlanStatus.CONCEPT else None,
            "mag_schrijven": _schrijft(self.request.user),
            "actie": "wijzigen",
        }

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.object = plan = self.get_object()
        formulier = _formulier(plan.toewijzing, invoer=services.invoer_van(plan))
        return render(request, self.template_name, self._context(formulier))

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.object = plan = self.get_object()
        if not _schrijft(request.user):
            raise PermissionDenied("Alleen de aanbieder schrijft het ondersteuningsplan.")
        meer = "meer_regels" in request.POST
        formulier = _formulier(plan.toewijzing, request.POST, meer=meer)
        try:
            services.controleer_wijzigbaar(plan)
        except ValidationError as fout:
            # The page already says the version is frozen; say it once more and change nothing.
            messages.error(request, " ".join(fout.messages))
            return redirect("web:plan-detail", pk=plan.pk)
        if not meer and formulier.is_valid():
            try:
                plan = services.wijzig_plan(door=request.user, plan=plan, invoer=formulier.invoer())
            except ValidationError as fout:
                fouten_naar_form(formulier.plan, fout)
            else:
                messages.success(request, f"Ondersteuningsplan versie {plan.versie} opgeslagen.")
                return redirect("web:plan-detail", pk=plan.pk)
        return render(request, self.template_name, self._context(formulier))


class PlanAkkoordView(FormActie, ScopedDetailView):
    """Record the client's agreement with a concept: the version is frozen."""

    secties = PLAN_SECTIES
    model = Ondersteuningsplan
    template_name = "ondersteuning/plan/plan_akkoord.html"
    context_object_name = "plan"

    def get_queryset(self) -> QuerySet[Ondersteuningsplan]:
        return _plannen(self.request.user)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["form"] = kwargs.get("form") or AkkoordForm()
        context["mag_schrijven"] = _schrijft(self.request.user)
        return context

    form_class = AkkoordForm

    def bereid_voor(self) -> None:
        super().bereid_voor()
        if not _schrijft(self.request.user):
            raise PermissionDenied("Alleen de aanbieder legt het akkoord van de cliënt vast.")

    def uitvoeren(self, form: Any) -> Ondersteuningsplan:
        return services.leg_akkoord_vast(
            door=self.request.user,
            plan=self.object,
            akkoord_op=form.cleaned_data["akkoord_op"],
            akkoord_wijze=form.cleaned_data["akkoord_wijze"],
        )

    def gelukt(self, resultaat: Any) -> HttpResponse:
        messages.success(
            self.request,
            f"Akkoord van de cliënt vastgelegd op {lange_datum(resultaat.akkoord_op)}. "
            f"Versie {resultaat.versie} kan nu niet meer worden gewijzigd.",
        )
        return redirect("web:plan-detail", pk=resultaat.pk)


class PlanPdfView(_EenPlan):
    """The plan for the client, printable (PDF, WeasyPrint), in plain Dutch."""

    leesactie = Actie.AFGEDRUKT

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        plan = self.get_object()
        response = HttpResponse(pdf(plan_html(plan)), content_type="application/pdf")
        response["Content-Disposition"] = (
            f'inline; filename="ondersteuningsplan-{plan.toewijzing.nummer}-versie-{plan.versie}.pdf"'
        )
        response["Cache-Control"] = "private, no-store"
        return response

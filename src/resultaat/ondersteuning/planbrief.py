"""The ondersteuningsplan as a document for the client: its PDF page, and the plan as part of the
beschikking when the beschikking says so (seed 003), supplied to the letters through
:mod:`resultaat.brieven.bijlagen` (registered in ``OndersteuningConfig.ready``)."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from django.template.loader import render_to_string

from resultaat.brieven.bijlagen import Bijlage
from resultaat.core.opmaak import lange_datum
from resultaat.ondersteuning import services
from resultaat.ondersteuning.models import Ondersteuningsplan, PlanStatus, PlusSoort

SOORT = "ondersteuningsplan"


def plan_pdf_context(plan: Ondersteuningsplan) -> dict[str, Any]:
    toewijzing = plan.toewijzing
    client = toewijzing.client
    doelen = list(plan.doelen.all())
    plus = sorted(plan.plus_afspraken.all(), key=lambda p: list(PlusSoort.values).index(p.soort))
    return {
        "plan": plan,
        "toewijzing": toewijzing,
        "client": client,
        "aanbieder": toewijzing.aanbieder,
        "gemeente": client.gemeente,
        "doelen": doelen,
        "plus": plus,
        "opgesteld_op": lange_datum(plan.opgesteld_op),
        "akkoord_op": lange_datum(plan.akkoord_op, leeg=""),
        "evaluatiedatum": lange_datum(plan.evaluatiedatum, leeg="nog niet afgesproken"),
        "ingangsdatum": lange_datum(toewijzing.ingangsdatum),
        "einddatum": lange_datum(toewijzing.einddatum),
        "hoort_bij_beschikking": services.plan_hoort_bij_beschikking(toewijzing),
    }


def plan_html(plan: Ondersteuningsplan) -> str:
    return render_to_string("ondersteuning/plan/plan_pdf.html", plan_pdf_context(plan))


def omschrijving(plan: Ondersteuningsplan) -> str:
    """How a letter names the plan: "het ondersteuningsplan van Zorg Thuis voor Schoon en leefbaar huis,
    versie 2, afgesproken op 3 maart 2026"."""
    toewijzing = plan.toewijzing
    beschikt = toewijzing.beschikt_resultaat
    wat = beschikt.resultaat.naam if beschikt is not None else toewijzing.product.naam
    afgesproken = f", afgesproken op {lange_datum(plan.akkoord_op)}" if plan.akkoord_op else ""
    van = toewijzing.aanbieder.naam
    return f"het ondersteuningsplan van {van} voor {wat}, versie {plan.versie}{afgesproken}"


def plannen_bij_beschikking(beschikking: Any, sleutels: Collection[int] | None = None) -> list[Bijlage]:
    """The plans that are part of ``beschikking``: when the beschikking says so, the version the client
    agreed to of each of its toewijzingen (none yet: nothing to attach); with ``sleutels``, those versions."""
    plannen = Ondersteuningsplan.objects.filter(
        toewijzing__beschikt_resultaat__beschikking=beschikking
    ).select_related(
        "toewijzing__aanbieder",
        "toewijzing__client__gemeente",
        "toewijzing__product",
        "toewijzing__beschikt_resultaat__resultaat",
    )
    if sleutels is not None:
        plannen = plannen.filter(pk__in=sleutels)
    elif not getattr(beschikking, "ondersteuningsplan_onderdeel", False):
        return []
    else:
        plannen = plannen.filter(status=PlanStatus.AKKOORD)
    return [
        Bijlage(soort=SOORT, sleutel=plan.pk, omschrijving=omschrijving(plan), html=plan_html(plan))
        for plan in plannen.order_by("toewijzing_id", "versie")
    ]

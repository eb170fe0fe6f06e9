"""Template helpers for the ondersteuningsplan on pages that list plans (toewijzing, beschikking)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import template

from resultaat.ondersteuning.models import Ondersteuningsplan, PlanStatus

register = template.Library()


@register.filter
def geldend(plannen: Iterable[Any]) -> Any:
    """The version the client agreed to (there is at most one per toewijzing), or None."""
    return next((p for p in plannen if p.status == PlanStatus.AKKOORD), None)


@register.filter
def akkoord_plan(toewijzing: Any) -> Any:
    """The agreed plan of a toewijzing (one query; for the few toewijzingen of one beschikking)."""
    return Ondersteuningsplan.objects.filter(toewijzing=toewijzing, status=PlanStatus.AKKOORD).first()

"""Template helpers for the ondersteuningsplan on pages that list plans (toewijzing, beschikking)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import template

from resultaat.ondersteuning.models import PlanStatus

register = template.Library()


@register.filter
def geldend(plannen: Iterable[Any]) -> Any:
    """The version the client agreed to (there is at most one per toewijzing), or None."""
    return next((p for p in plannen if p.status == PlanStatus.AKKOORD), None)

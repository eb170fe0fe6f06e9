"""Payments held for want of a plan: the starts under a contract that pays only with an agreed
ondersteuningsplan (grondslag "plan", seed 004) that have none yet, shown to finance and the provider."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef, Q, Subquery

from resultaat.bekostiging.models import (
    Grondslag,
)
from resultaat.contracten.models import Contract
from resultaat.core.codes import WMO002RedenWijziging
from resultaat.core.paginering import tel_begrensd
from resultaat.ondersteuning.models import Ondersteuningsplan
from resultaat.toewijzingen.models import Levering, Toewijzing


@dataclass(frozen=True)
class WachtOpPlan:
    """A toewijzing that started under a contract paying only with an agreed ondersteuningsplan
    (grondslag "plan", seed 004) and has no agreed plan yet: paid without one up to ``betaald_tot``,
    after that nothing until the day the plan is agreed."""

    toewijzing: Toewijzing
    eerste_start: dt.date
    betaald_tot: dt.date
    vandaag: dt.date

    @property
    def gestopt(self) -> bool:
        return self.vandaag > self.betaald_tot


def _plantermijnen(gemeente_ids: set[int], vandaag: dt.date) -> dict[tuple[int, int], int]:
    """Per (provider, gemeente) whose contract valid today pays on start plus plan: the days paid without
    an agreed plan (the latest valid contract with a policy counts, as in the run)."""
    termijnen: dict[tuple[int, int], int] = {}
    gezien: set[tuple[int, int]] = set()
    contracten = (
        Contract.objects.filter(gemeenten__id__in=gemeente_ids, betaalbeleid__isnull=False)
        .select_related("betaalbeleid")
        .prefetch_related("gemeenten")
        .order_by("aanbieder_id", "-geldig_van", "-id")
    )
    for c in contracten:
        if not c.is_geldig_op(vandaag):
            continue
        for g in c.gemeenten.all():
            sleutel = (c.aanbieder_id, g.pk)
            if g.pk not in gemeente_ids or sleutel in gezien:
                continue
            gezien.add(sleutel)
            if c.betaalbeleid.grondslag == Grondslag.PLAN:
                termijnen[sleutel] = c.betaalbeleid.plan_termijn_dagen
    return termijnen


def wacht_op_plan(toewijzingen: Any, vandaag: dt.date, hoogstens: int = 25) -> tuple[list[WachtOpPlan], int]:
    """Of ``toewijzingen`` (already scoped to the reader), those running today whose payment waits for an
    agreed plan, the longest waiting first: at most ``hoogstens`` rows, and their number up to a bound."""
    gemeente_ids = set(toewijzingen.order_by().values_list("gemeente_id", flat=True).distinct())
    termijnen = _plantermijnen(gemeente_ids, vandaag)
    if not termijnen:
        return [], 0
    paren = Q()
    for aanbieder_id, gemeente_id in termijnen:
        paren |= Q(aanbieder_id=aanbieder_id, gemeente_id=gemeente_id)
    gestart = Levering.objects.filter(toewijzing=OuterRef("pk"), verwijderd=False)
    qs = (
        toewijzingen.filter(paren)
        .filter(Q(einddatum__isnull=True) | Q(einddatum__gte=vandaag), Exists(gestart))
        .exclude(reden_wijziging=WMO002RedenWijziging.VERWIJDERD)
        .exclude(
            Exists(Ondersteuningsplan.objects.filter(toewijzing=OuterRef("pk"), akkoord_op__isnull=False))
        )
        .annotate(eerste_start=Subquery(gestart.order_by("begindatum").values("begindatum")[:1]))
        .select_related("client", "aanbieder", "product", "gemeente")
    )
    rijen = [
        WachtOpPlan(
            toewijzing=t,
            eerste_start=t.eerste_start,
            betaald_tot=t.eerste_start + dt.timedelta(days=termijnen[(t.aanbieder_id, t.gemeente_id)] - 1),
            vandaag=vandaag,
        )
        for t in qs.order_by("eerste_start", "nummer")[:hoogstens]
    ]
    return rijen, tel_begrensd(qs)

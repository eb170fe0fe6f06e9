"""Sturing: recompute the figures of recent periods (``sturing_bijwerken``, the demo) and read them for
the dashboards (:mod:`resultaat.sturing.dashboard`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from resultaat.bekostiging.models import Periode
from resultaat.sturing.berekenen import schrijf
from resultaat.sturing.models import Kengetal

# Recomputed daily: periods that ended in the last 13 weeks, or have not ended yet. Late evaluations,
# corrections and start messages about older periods land within that window; older figures stay as
# they were, also after the cases behind them are pseudonymised.
RECENT = dt.timedelta(weeks=13)


@dataclass(frozen=True)
class Bijgewerkt:
    perioden: int
    regels: int


def bijwerken(vanaf: dt.date | None = None, gemeente_id: int | None = None) -> Bijgewerkt:
    """Recompute the figures of every period that ends after ``vanaf`` (default: 13 weeks ago), for one
    gemeente or all. Gemeente by gemeente, each in one transaction: the old rows of its periods go, the
    new ones come (so memory stays bounded by one gemeente's figures, however many gemeenten there are)."""
    vanaf = vanaf or timezone.localdate() - RECENT
    perioden_qs = Periode.objects.filter(eind__gt=vanaf)
    if gemeente_id is not None:
        perioden_qs = perioden_qs.filter(gemeente_id=gemeente_id)
    gemeenten = sorted(set(perioden_qs.values_list("gemeente_id", flat=True)))
    totaal = Bijgewerkt(perioden=0, regels=0)
    for gid in gemeenten:
        uitkomst = bijwerken_gemeente(vanaf, gid)
        totaal = Bijgewerkt(totaal.perioden + uitkomst.perioden, totaal.regels + uitkomst.regels)
    return totaal


def bijwerken_gemeente(vanaf: dt.date, gemeente_id: int) -> Bijgewerkt:
    perioden = Periode.objects.filter(eind__gt=vanaf, gemeente_id=gemeente_id)
    with transaction.atomic():
        Kengetal.objects.filter(periode__in=perioden).delete()
        regels = schrijf(vanaf, gemeente_id)
    return Bijgewerkt(perioden=perioden.count(), regels=regels)

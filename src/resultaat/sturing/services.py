"""Sturing: recompute the figures of recent periods (``sturing_bijwerken``, the demo) and read them for
the dashboards (:mod:`resultaat.sturing.dashboard`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import QuerySet
from django.utils import timezone

from resultaat.bekostiging.models import Periode
from resultaat.sturing.berekenen import schrijf, vat_samen
from resultaat.sturing.models import AanbiederKengetal, GemeenteKengetal, Kengetal

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
    gemeente or all, in one transaction: the old rows of those periods go, the new ones come, each level
    in one set-based ``INSERT ... SELECT`` over all the gemeenten at once (no row passes through Python,
    so memory does not grow with the number of gemeenten)."""
    vanaf = vanaf or timezone.localdate() - RECENT
    perioden = Periode.objects.filter(eind__gt=vanaf)
    if gemeente_id is not None:
        perioden = perioden.filter(gemeente_id=gemeente_id)
    with transaction.atomic():
        werkgeheugen()
        wis(perioden)
        regels = schrijf(vanaf, gemeente_id)
        vat_samen(vanaf, gemeente_id)
    return Bijgewerkt(perioden=perioden.count(), regels=regels)


# Memory for PostgreSQL's sorts and hash tables in this transaction: the grouping of a whole country's
# periods then runs in memory instead of in temporary files on disk.
WERKGEHEUGEN = "256MB"


def werkgeheugen() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"SET LOCAL work_mem = '{WERKGEHEUGEN}'")


def wis(perioden: QuerySet[Periode]) -> None:
    for model in (GemeenteKengetal, AanbiederKengetal, Kengetal):
        model.objects.filter(periode__in=perioden).delete()


def samenvatten(vanaf: dt.date, gemeente_id: int | None = None) -> None:
    """Rebuild the per-provider and per-gemeente sums of the periods that end after ``vanaf`` from the
    detailed rows as they are (after a correction of the detailed rows themselves)."""
    perioden = Periode.objects.filter(eind__gt=vanaf)
    if gemeente_id is not None:
        perioden = perioden.filter(gemeente_id=gemeente_id)
    with transaction.atomic():
        werkgeheugen()
        for model in (GemeenteKengetal, AanbiederKengetal):
            model.objects.filter(periode__in=perioden).delete()
        vat_samen(vanaf, gemeente_id)

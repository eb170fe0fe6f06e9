"""Budget, commitments and the hours-versus-results comparison (the budget pages)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import Sum

from resultaat.bekostiging.models import Afrekenregel, Budget
from resultaat.bekostiging.referentie import dialect
from resultaat.bekostiging.sql import verplichtingen_sql
from resultaat.catalogus.models import Product, Tarief, TariefPeriode
from resultaat.organisaties.models import Gemeente
from resultaat.toewijzingen.models import Toewijzing


def per_dag_cent(tarief: Tarief) -> float:
    """A tariff per day: a 4-week tariff over 28 days, a month tariff over 365/12 days."""
    if tarief.periode == TariefPeriode.CAK_PERIODE:
        return tarief.bedrag_cent / 28
    return tarief.bedrag_cent * 12 / 365


def per_jaar_cent(tarief: Tarief) -> int:
    return tarief.bedrag_cent * (13 if tarief.periode == TariefPeriode.CAK_PERIODE else 12)


@dataclass
class Prognoseregel:
    product_id: int
    product: str
    budget_cent: int | None
    gerealiseerd_cent: int
    verplicht_cent: int
    clienten: int

    @property
    def prognose_cent(self) -> int:
        return self.gerealiseerd_cent + self.verplicht_cent

    @property
    def verschil_cent(self) -> int | None:
        return None if self.budget_cent is None else self.budget_cent - self.prognose_cent


def prognose(gemeente: Gemeente, jaar: int, vandaag: dt.date) -> list[Prognoseregel]:
    """Per product: budget, what the runs of this year paid, and the commitments: what the toewijzingen
    in care today will cost from today until their end or the year end (one grouped query)."""
    jaareind = dt.date(jaar + 1, 1, 1)
    start = max(vandaag, dt.date(jaar, 1, 1))
    sql = verplichtingen_sql(dialect(), start, jaareind)
    with connection.cursor() as cur:
        cur.execute(sql, [gemeente.pk, start, start, start])
        actief = {pid: (n, dagen or 0) for pid, n, dagen in cur.fetchall()}
    budgetten = dict(
        Budget.objects.filter(gemeente=gemeente, jaar=jaar).values_list("product_id", "bedrag_cent")
    )
    betaald = dict(
        Afrekenregel.objects.filter(
            run__gemeente=gemeente, periode__begin__gte=dt.date(jaar, 1, 1), periode__begin__lt=jaareind
        )
        .values_list("product_id")
        .annotate(s=Sum("bedrag_cent"))
        .values_list("product_id", "s")
    )
    regels = []
    for product in Product.objects.filter(pk__in=set(actief) | set(budgetten) | set(betaald)).order_by(
        "code"
    ):
        tarief = product.tarief_op(start)
        n, dagen = actief.get(product.pk, (0, 0))
        verplicht = round(dagen * per_dag_cent(tarief)) if tarief else 0
        regels.append(
            Prognoseregel(
                product.pk,
                str(product),
                budgetten.get(product.pk),
                betaald.get(product.pk) or 0,
                verplicht,
                n,
            )
        )
    return regels


@dataclass
class UrenVergelijking:
    clienten: int
    uren_per_week: float
    uurtarief_cent: int
    uren_cent: int
    resultaat_cent: int

    @property
    def besparing_procent(self) -> float:
        return 0.0 if not self.uren_cent else 100 * (self.uren_cent - self.resultaat_cent) / self.uren_cent


def uren_versus_resultaat(
    gemeente: Gemeente, product: Any, vandaag: dt.date, *, uurtarief_cent: int, uren_per_week: float
) -> UrenVergelijking:
    """The same caseload (clients in care today with this product) paid by the hour for the hours of
    their old indications, or per result at the product tariff, per year (seed 002: the 40% cut)."""
    clienten = (
        Toewijzing.objects.filter(gemeente=gemeente, product=product)
        .actief_op(vandaag)
        .filter(
            leveringen__verwijderd=False,
            leveringen__einddatum__isnull=True,
            leveringen__begindatum__lte=vandaag,
        )
        .values("client_id")
        .distinct()
        .count()
    )
    tarief = product.tarief_op(vandaag)
    uren = round(clienten * uren_per_week * 52 * uurtarief_cent)
    resultaat = clienten * per_jaar_cent(tarief) if tarief else 0
    return UrenVergelijking(clienten, uren_per_week, uurtarief_cent, uren, resultaat)

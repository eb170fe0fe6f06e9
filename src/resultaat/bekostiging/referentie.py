"""The reference data a settlement run gives its SQL: per period the payment policy of each provider's
contract, the stacking rules, the tariffs (and the check that none is missing), and the database dialect."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.db import connection

from resultaat.bekostiging.models import (
    Betaalbeleid,
    KalenderSoort,
    Periode,
    Stapelregel,
)
from resultaat.bekostiging.sql import (
    BeleidRij,
    Dialect,
    PeriodeRij,
    TariefRij,
)
from resultaat.catalogus.models import Product, Tarief, TariefPeriode
from resultaat.contracten.models import Contract
from resultaat.core.codes import WMO002RedenWijziging
from resultaat.organisaties.models import Gemeente
from resultaat.toewijzingen.models import Toewijzing


def standaardbeleid() -> BeleidRij:
    velden = {f.name: f.default for f in Betaalbeleid._meta.fields if f.name != "id" and f.name != "contract"}
    return BeleidRij(
        -1,
        -1,
        velden["deelperiode"],
        velden["peildag"],
        velden["tijdelijke_stop_dagen"],
        velden["overlijden"],
        velden["overstap"],
        velden["voorschot"],
        velden["grondslag"],
        velden["plan_termijn_dagen"],
    )


def beleid(gemeente_id: int, perioden: list[PeriodeRij]) -> list[BeleidRij]:
    """Per period and provider the policy of its contract with the gemeente valid at the period start
    (the latest such contract that has a policy)."""
    contracten = list(
        Contract.objects.filter(gemeenten__id=gemeente_id, betaalbeleid__isnull=False)
        .select_related("betaalbeleid")
        .order_by("aanbieder_id", "-geldig_van", "-id")
    )
    rijen = []
    for p in perioden:
        gezien: set[int] = set()
        for c in contracten:
            if c.aanbieder_id in gezien or not c.is_geldig_op(p.begin):
                continue
            gezien.add(c.aanbieder_id)
            b = c.betaalbeleid
            rijen.append(
                BeleidRij(
                    p.pid,
                    c.aanbieder_id,
                    b.deelperiode,
                    b.peildag,
                    b.tijdelijke_stop_dagen,
                    b.overlijden,
                    b.overstap,
                    b.voorschot,
                    b.grondslag,
                    b.plan_termijn_dagen,
                )
            )
    return rijen


def stapelregels(gemeente_id: int, perioden: list[PeriodeRij]) -> list[tuple[int, int, int]]:
    """Per period the product pairs (both orders) a stapelregel valid at the period's start allows."""
    regels = list(Stapelregel.objects.filter(gemeente_id=gemeente_id))
    return [
        (p.pid, a, b)
        for p in perioden
        for r in regels
        if r.is_geldig_op(p.begin)
        for a, b in ((r.product_id, r.samen_met_id), (r.samen_met_id, r.product_id))
    ]


def resultaat_van() -> dict[int, int]:
    """The result of every product; a product without one is a result of its own."""
    return {
        pk: (rid if rid is not None else -pk) for pk, rid in Product.objects.values_list("pk", "resultaat_id")
    }


def ontbrekende_tarieven(gemeente: Gemeente, perioden: list[Periode], tarieven: list[TariefRij]) -> list[str]:
    """Per period the products some toewijzing in care needs but that have no tariff: a run would pay
    them nothing without saying so."""
    heeft = {(t.pid, t.product_id) for t in tarieven}
    toewijzingen = Toewijzing.objects.filter(gemeente=gemeente).exclude(
        reden_wijziging=WMO002RedenWijziging.VERWIJDERD
    )
    # Only the products some period lacks a tariff for are looked up among the toewijzingen (usually
    # none): not a pass over every toewijzing per run.
    met_tarief_overal = (
        set.intersection(*({prid for pid, prid in heeft if pid == p.pk} for p in perioden))
        if perioden
        else set()
    )
    ontbreekt_ergens = set(Product.objects.values_list("pk", flat=True)) - met_tarief_overal
    if not ontbreekt_ergens:
        return []
    in_gebruik = set(
        toewijzingen.filter(product_id__in=ontbreekt_ergens)
        .order_by()
        .values_list("product_id", flat=True)
        .distinct()
    )
    producten = {p.pk: p for p in Product.objects.filter(pk__in=in_gebruik)}
    ontbrekend = []
    for p in perioden:
        for prid in sorted(in_gebruik):
            if (p.pk, prid) in heeft:
                continue
            if (
                toewijzingen.filter(product_id=prid, ingangsdatum__lt=p.eind)
                .lopend_op(p.begin)
                .filter(leveringen__verwijderd=False, leveringen__begindatum__lt=p.eind)
                .exists()
            ):
                ontbrekend.append(
                    f"{producten[prid]} in periode {p.code} ({p.begin:%d-%m-%Y} t/m {p.laatste_dag:%d-%m-%Y})"
                )
    return ontbrekend


def is_kalendermaand(begin: dt.date, eind: dt.date) -> bool:
    volgende = dt.date(begin.year + begin.month // 12, begin.month % 12 + 1, 1)
    return begin.day == 1 and eind == volgende


def bedrag_voor_periode(tarief: Tarief, begin: dt.date, eind: dt.date, kalender: str | None) -> int:
    """The amount for a whole period: the tariff itself when the period is of the tariff's kind. A
    four-week tariff for a calendar month is 13/12 of it and a month tariff for a four-week period 12/13,
    so that a year pays 13 four-week or 12 month amounts alike (EUR 216 per four weeks: EUR 234 per
    month, EUR 2,808 a year either way). Any other range: by days (a four-week tariff per 28 days, a
    month tariff per 365/12 days). Rounded to the cent."""
    dagen = (eind - begin).days
    if tarief.periode == TariefPeriode.CAK_PERIODE:
        if kalender == KalenderSoort.VIER_WEKEN:
            return tarief.bedrag_cent
        if is_kalendermaand(begin, eind):
            return (tarief.bedrag_cent * 13 * 2 + 12) // 24
        return (tarief.bedrag_cent * dagen * 2 + 28) // 56
    if kalender == KalenderSoort.MAAND or is_kalendermaand(begin, eind):
        return tarief.bedrag_cent
    if kalender == KalenderSoort.VIER_WEKEN:
        return (tarief.bedrag_cent * 12 * 2 + 13) // 26
    return (tarief.bedrag_cent * 12 * dagen * 2 + 365) // 730


def tarieven(
    perioden: Sequence[tuple[PeriodeRij, str | None]], product_ids: list[int] | None
) -> list[TariefRij]:
    """Per period the tariff of every product valid on the period's first day."""
    rijen = []
    for p, soort in perioden:
        qs = Tarief.objects.geldig_op(p.begin).order_by("product_id", "-geldig_van")
        if product_ids is not None:
            qs = qs.filter(product_id__in=product_ids)
        gezien: set[int] = set()
        for t in qs:
            if t.product_id not in gezien:
                gezien.add(t.product_id)
                rijen.append(TariefRij(p.pid, t.product_id, bedrag_voor_periode(t, p.begin, p.eind, soort)))
    return rijen


def dialect() -> Dialect:
    return Dialect(connection.vendor)

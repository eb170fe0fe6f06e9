"""A small plain-Python model of what is due, written for the tests (not the SQL under test).

Per toewijzing and period: the days in care (leveringen from start to stop; after a temporary stop,
reden 20, the policy's extra days, never past the resumption), within the toewijzing, up to the date of
death, within the period; under grondslag "plan" only the grace term after the first start and the days
from the agreement of a plan. The amount follows the policy: whole period, pro rata, peildag, death
(period made up), switches between providers. Two toewijzingen of one client for one result with a day
in common are held (never both paid)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from resultaat.catalogus.models import Tarief
from resultaat.toewijzingen.models import Toewijzing

EEN = dt.timedelta(days=1)
NOOIT = dt.date(9999, 12, 31)


@dataclass(frozen=True)
class Beleid:
    deelperiode: str
    peildag: int
    tijdelijke_stop_dagen: int
    overlijden: str
    overstap: str
    grondslag: str = "start"
    plan_termijn_dagen: int = 0


def _leveringen(t: Toewijzing, stopdagen: int) -> list[tuple[dt.date, dt.date]]:
    rijen = list(t.leveringen.filter(verwijderd=False).order_by("begindatum"))
    uit = []
    for lev in rijen:
        if lev.einddatum is None:
            eind = NOOIT
        elif lev.reden_beeindiging == "20":
            volgende = [x.begindatum for x in rijen if x.begindatum > lev.einddatum]
            eind = lev.einddatum + dt.timedelta(days=stopdagen)
            if volgende:
                eind = min(eind, min(volgende) - EEN)
        else:
            eind = lev.einddatum
        uit.append((lev.begindatum, eind))
    return uit


def _stukken(a: dt.date, b: dt.date, t: Toewijzing, beleid: Beleid) -> list[tuple[dt.date, dt.date]]:
    """The paid pieces of care interval [a, b] under the policy's grondslag."""
    if beleid.grondslag != "plan":
        return [(a, b)]
    starts = [lev.begindatum for lev in t.leveringen.filter(verwijderd=False)]
    if not starts:
        return [(a, b)]
    s0 = min(starts)
    akkoord = [p.akkoord_op for p in t.plannen.all() if p.akkoord_op is not None]
    p0 = min(akkoord) if akkoord else None
    grens = s0 + dt.timedelta(days=beleid.plan_termijn_dagen) - EEN
    if p0 is not None and p0 <= grens + EEN:
        return [(a, b)]
    stukken = [(a, min(b, grens))]
    if p0 is not None:
        stukken.append((max(a, p0), b))
    return [(x, y) for x, y in stukken if y >= x]


class Orakel:
    def __init__(self, beleid: Beleid) -> None:
        self.beleid = beleid

    def zorg(self, t: Toewijzing, begin: dt.date, eind: dt.date) -> list[tuple[dt.date, dt.date]]:
        """Days in care of ``t`` in [begin, eind), before the grondslag."""
        t_eind = t.einddatum or NOOIT
        dood = t.client.overlijdensdatum or NOOIT
        uit = []
        for lb, le in _leveringen(t, self.beleid.tijdelijke_stop_dagen):
            if lb >= eind or t.ingangsdatum >= eind or t_eind < begin:
                continue
            a = max(lb, t.ingangsdatum, begin)
            b = min(le, t_eind, dood, eind - EEN)
            if b >= a:
                uit.append((a, b))
        return uit

    def betaald_dagen(self, t: Toewijzing, begin: dt.date, eind: dt.date) -> list[tuple[dt.date, dt.date]]:
        return [s for a, b in self.zorg(t, begin, eind) for s in _stukken(a, b, t, self.beleid)]

    def verschuldigd(self, t: Toewijzing, begin: dt.date, eind: dt.date) -> int:
        b = self.beleid
        pd = (eind - begin).days
        tarief = Tarief.objects.geldig_op(begin).filter(product=t.product).order_by("-geldig_van").first()
        bedrag = tarief.bedrag_cent if tarief else 0
        stukken = self.betaald_dagen(t, begin, eind)
        dagen = sum((y - x).days + 1 for x, y in stukken)
        if dagen == 0:
            return 0

        def in_periode(d: dt.date) -> bool:
            return begin <= d < eind

        nieuw = (
            t.voorganger is not None
            and t.voorganger.aanbieder_id != t.aanbieder_id
            and in_periode(t.ingangsdatum)
        )
        oud = any(
            o.aanbieder_id != t.aanbieder_id and in_periode(o.ingangsdatum) and o.reden_wijziging != "13"
            for o in Toewijzing.objects.filter(voorganger=t)
        )
        if (nieuw and b.overstap == "oude") or (oud and b.overstap == "nieuwe"):
            return 0
        if (oud and b.overstap in ("oude", "beide")) or (nieuw and b.overstap in ("nieuwe", "beide")):
            return bedrag
        if dagen == pd:
            return bedrag
        dood = t.client.overlijdensdatum
        if b.overlijden == "periode_af" and dood and any(x <= dood <= y for x, y in stukken):
            return bedrag
        if b.deelperiode == "pro_rata":
            return (bedrag * dagen * 2 + pd) // (2 * pd)
        peildag = begin + dt.timedelta(days=b.peildag - 1)
        if b.deelperiode == "peildag" and any(x <= peildag <= y for x, y in stukken):
            return bedrag
        return 0

    def conflicten(self, toewijzingen: list[Toewijzing], begin: dt.date, eind: dt.date) -> set[int]:
        """The toewijzingen (one client, one product here) that share a day in care with another."""
        zorg = {t.pk: self.zorg(t, begin, eind) for t in toewijzingen}
        vast = set()
        for t in toewijzingen:
            for u in toewijzingen:
                if t.pk != u.pk and any(max(a, c) <= min(b, d) for a, b in zorg[t.pk] for c, d in zorg[u.pk]):
                    vast.add(t.pk)
        return vast

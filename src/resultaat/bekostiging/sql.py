"""The one definition of "what is due": SQL that runs on SQLite and PostgreSQL alike.

Dates are turned into day numbers (days since 1970-01-01) so that every rule is integer arithmetic;
the small reference tables (periods, policies per provider, tariff per product) are inlined as
``VALUES`` common table expressions of validated literals, so the big statement only joins
toewijzingen, leveringen and clients.

Paid days of a toewijzing in a period: the days of its leveringen (start .. stop inclusive; after a
temporary stop, reden 20, another ``tijdelijke_stop_dagen`` days, never past the resumption), within
the toewijzing (ingangsdatum .. einddatum inclusive), up to and including the date of death, within
the period ``[begin, eind)``. The amount then follows the policy (see ``BEDRAG``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

EPOCH = dt.date(1970, 1, 1)
BIG = 99_999_999  # "no end" as a day number


def dagnummer(d: dt.date) -> int:
    return (d - EPOCH).days


@dataclass(frozen=True)
class Dialect:
    vendor: str

    @property
    def pg(self) -> bool:
        return self.vendor == "postgresql"

    def dag(self, expr: str) -> str:
        if self.pg:
            return f"({expr} - DATE '1970-01-01')"
        return f"CAST(julianday({expr}) - 2440587.5 AS INTEGER)"

    def datum(self, expr: str) -> str:
        if self.pg:
            return f"(DATE '1970-01-01' + CAST({expr} AS INTEGER))"
        return f"date(2440587.5 + {expr})"

    def datum_lit(self, d: dt.date) -> str:
        return f"DATE '{d.isoformat()}'" if self.pg else f"'{d.isoformat()}'"

    def grootste(self, *exprs: str) -> str:
        return f"{'GREATEST' if self.pg else 'MAX'}({', '.join(exprs)})"

    def kleinste(self, *exprs: str) -> str:
        return f"{'LEAST' if self.pg else 'MIN'}({', '.join(exprs)})"

    def onwaar(self) -> str:
        return "FALSE" if self.pg else "0"


@dataclass(frozen=True)
class PeriodeRij:
    pid: int
    begin: dt.date
    eind: dt.date  # exclusive


@dataclass(frozen=True)
class BeleidRij:
    pid: int
    aanbieder_id: int
    deelperiode: str
    peildag: int
    stopdagen: int
    overlijden: str
    overstap: str


@dataclass(frozen=True)
class TariefRij:
    pid: int
    product_id: int
    bedrag_cent: int


def _waarden(b: BeleidRij) -> tuple[str, int, int, str, str]:
    return (b.deelperiode, b.peildag, b.stopdagen, b.overlijden, b.overstap)


def _lit(s: str) -> str:
    if not s.replace("_", "").isalnum():
        raise ValueError(f"Geen geldige code: {s!r}")
    return f"'{s}'"


def ctes(
    d: Dialect,
    perioden: list[PeriodeRij],
    beleid: list[BeleidRij],
    tarieven: list[TariefRij],
    standaard: BeleidRij,
) -> str:
    """The reference tables as CTEs. Each period has a default policy row (aanbieder -1); the tariff
    table gets a dummy row, as VALUES cannot be empty."""
    per = ", ".join(
        f"({int(p.pid)}, {dagnummer(p.begin)}, {dagnummer(p.eind)}, {(p.eind - p.begin).days}, "
        f"{d.datum_lit(p.begin)}, {d.datum_lit(p.eind)})"
        for p in perioden
    )
    bel = ", ".join(
        f"({int(b.pid)}, {int(b.aanbieder_id)}, {_lit(b.deelperiode)}, {int(b.peildag)}, {int(b.stopdagen)}, "
        f"{_lit(b.overlijden)}, {_lit(b.overstap)})"
        for b in [*beleid, *(BeleidRij(p.pid, -1, *_waarden(standaard)) for p in perioden)]
    )
    tar = ", ".join(
        f"({int(t.pid)}, {int(t.product_id)}, {int(t.bedrag_cent)})"
        for t in [*tarieven, TariefRij(-1, -1, 0)]
    )
    return f"""
per (pid, pb, pe, pd, pbd, ped) AS (VALUES {per}),
bel (pid, aid, deel, peil, stop, ovl, ovs) AS (VALUES {bel}),
tar (pid, prid, bedrag) AS (VALUES {tar})"""


def verschuldigd_cte(d: Dialect, filter_sql: str) -> str:
    """CTE ``due``: one row per (toewijzing, period) with days in care and the amount due.

    Switches: a toewijzing that gives way under the switch rule ("oude": the new one gives way;
    "nieuwe": the old one does) gets nothing before any other switch rule applies, so that with two
    switches in one period (A to B to C) only one of them gets the full amount.

    ``filter_sql`` restricts the toewijzingen (``t``), e.g. to a gemeente or one toewijzing."""
    nooit = str(BIG)
    dag = d.dag
    # ``bl`` is the policy of the toewijzing's provider; ``bd`` (aanbieder -1) the default policy for
    # providers without one.
    volgende_start = (
        f"(SELECT MIN({dag('l2.begindatum')}) FROM toewijzingen_levering l2 "  # noqa: S608
        f"WHERE l2.toewijzing_id = l.toewijzing_id AND l2.verwijderd = {d.onwaar()} "
        f"AND l2.begindatum > l.einddatum)"
    )
    stop_eind = dag("l.einddatum") + " + COALESCE(bl.stop, bd.stop)"
    levering_eind = (
        f"CASE WHEN l.einddatum IS NULL THEN {nooit} "
        f"WHEN l.reden_beeindiging = '20' THEN "
        f"{d.kleinste(stop_eind, f'COALESCE({volgende_start}, {nooit}) - 1')} "
        f"ELSE {dag('l.einddatum')} END"
    )
    dood_eind = f"COALESCE({dag('c.overlijdensdatum')}, {nooit})"
    a = d.grootste(dag("l.begindatum"), dag("t.ingangsdatum"), "per.pb")
    b = d.kleinste(levering_eind, f"COALESCE({dag('t.einddatum')}, {nooit})", dood_eind, "per.pe - 1")
    return f"""
iv AS (
  SELECT t.id AS tid, per.pid AS pid, t.client_id, t.aanbieder_id, t.product_id, per.pd,
    COALESCE(tar.bedrag, 0) AS tarief, COALESCE(bl.deel, bd.deel) AS deel, COALESCE(bl.ovl, bd.ovl) AS ovl,
    {a} AS a, {b} AS b, per.pb + COALESCE(bl.peil, bd.peil) - 1 AS peildag, {dood_eind} AS dood
  FROM toewijzingen_toewijzing t
  JOIN toewijzingen_levering l ON l.toewijzing_id = t.id AND l.verwijderd = {d.onwaar()}
  JOIN clienten_client c ON c.id = t.client_id
  JOIN per ON t.ingangsdatum < per.ped AND (t.einddatum IS NULL OR t.einddatum >= per.pbd)
    AND l.begindatum < per.ped
  LEFT JOIN bel bl ON bl.pid = per.pid AND bl.aid = t.aanbieder_id
  LEFT JOIN bel bd ON bd.pid = per.pid AND bd.aid = -1
  LEFT JOIN tar ON tar.pid = per.pid AND tar.prid = t.product_id
  WHERE t.reden_wijziging <> '13' AND {filter_sql}
),
agg AS (
  SELECT tid, pid, MAX(client_id) AS client_id, MAX(aanbieder_id) AS aanbieder_id,
    MAX(product_id) AS product_id, MAX(pd) AS pd, MAX(tarief) AS tarief, MAX(deel) AS deel, MAX(ovl) AS ovl,
    SUM(CASE WHEN b >= a THEN b - a + 1 ELSE 0 END) AS dagen,
    MIN(CASE WHEN b >= a THEN a END) AS eerste,
    MAX(CASE WHEN b >= a THEN b END) AS laatste,
    MAX(CASE WHEN b >= a AND a <= peildag AND peildag <= b THEN 1 ELSE 0 END) AS op_peildag,
    MAX(CASE WHEN b >= a AND a <= dood AND dood <= b THEN 1 ELSE 0 END) AS op_sterfdag
  FROM iv GROUP BY tid, pid
),
due AS (
  SELECT agg.tid, agg.pid, agg.dagen, agg.eerste, agg.laatste, agg.pd, agg.tarief,
    agg.client_id, agg.aanbieder_id, agg.product_id,
    CASE
      WHEN agg.dagen = 0 THEN 'geen_zorg'
      WHEN nieuw.ovs = 'oude' THEN 'overstap_niets'
      WHEN oud.ovs = 'nieuwe' THEN 'overstap_niets'
      WHEN oud.ovs IN ('oude', 'beide') THEN 'overstap_vol'
      WHEN nieuw.ovs IN ('nieuwe', 'beide') THEN 'overstap_vol'
      WHEN agg.dagen = agg.pd THEN 'volledig'
      WHEN agg.ovl = 'periode_af' AND agg.op_sterfdag = 1 THEN 'overlijden_vol'
      WHEN agg.deel = 'pro_rata' THEN 'pro_rata'
      WHEN agg.deel = 'peildag' AND agg.op_peildag = 1 THEN 'peildag_ja'
      WHEN agg.deel = 'peildag' THEN 'peildag_nee'
      ELSE 'deel_niets'
    END AS regel
  FROM agg
  LEFT JOIN (
    SELECT o.voorganger_id AS tid, per.pid, MIN(COALESCE(bo.ovs, bdo.ovs)) AS ovs
    FROM toewijzingen_toewijzing o
    JOIN toewijzingen_toewijzing v ON v.id = o.voorganger_id AND v.aanbieder_id <> o.aanbieder_id
    JOIN per ON o.ingangsdatum >= per.pbd AND o.ingangsdatum < per.ped
    LEFT JOIN bel bo ON bo.pid = per.pid AND bo.aid = o.aanbieder_id
    LEFT JOIN bel bdo ON bdo.pid = per.pid AND bdo.aid = -1
    WHERE o.voorganger_id IS NOT NULL AND o.reden_wijziging <> '13'
    GROUP BY o.voorganger_id, per.pid
  ) oud ON oud.tid = agg.tid AND oud.pid = agg.pid
  LEFT JOIN (
    SELECT o.id AS tid, per.pid, COALESCE(bo.ovs, bdo.ovs) AS ovs
    FROM toewijzingen_toewijzing o
    JOIN toewijzingen_toewijzing v ON v.id = o.voorganger_id AND v.aanbieder_id <> o.aanbieder_id
    JOIN per ON o.ingangsdatum >= per.pbd AND o.ingangsdatum < per.ped
    LEFT JOIN bel bo ON bo.pid = per.pid AND bo.aid = o.aanbieder_id
    LEFT JOIN bel bdo ON bdo.pid = per.pid AND bdo.aid = -1
    WHERE o.voorganger_id IS NOT NULL
  ) nieuw ON nieuw.tid = agg.tid AND nieuw.pid = agg.pid
),
due_bedrag AS (
  SELECT due.*,
    CASE regel
      WHEN 'volledig' THEN tarief WHEN 'overstap_vol' THEN tarief WHEN 'overlijden_vol' THEN tarief
      WHEN 'peildag_ja' THEN tarief
      WHEN 'pro_rata' THEN (tarief * dagen * 2 + pd) / (2 * pd)
      ELSE 0
    END AS bedrag
  FROM due
)"""  # noqa: S608

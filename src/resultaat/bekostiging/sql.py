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
from typing import Any

from django.db import models

from resultaat.bekostiging.models import (
    REGEL_VELDEN,
    Afrekenconflict,
    Afrekenregel,
    Deelperiode,
    Grondslag,
    Overlijden,
    Overstap,
    Regel,
    RegelSoort,
    Runwijziging,
)
from resultaat.clienten.models import Client
from resultaat.core.codes import WMO002RedenWijziging, WMO588RedenBeeindiging
from resultaat.ondersteuning.models import Ondersteuningsplan
from resultaat.toewijzingen.models import Levering, Toewijzing

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
    voorschot: bool = False
    grondslag: str = "start"
    plan_termijn: int = 0


@dataclass(frozen=True)
class TariefRij:
    pid: int
    product_id: int
    bedrag_cent: int


def _waarden(b: BeleidRij) -> tuple[str, int, int, str, str, bool, str, int]:
    return (
        b.deelperiode,
        b.peildag,
        b.stopdagen,
        b.overlijden,
        b.overstap,
        b.voorschot,
        b.grondslag,
        b.plan_termijn,
    )


def _lit(s: str) -> str:
    if not s.replace("_", "").isalnum():
        raise ValueError(f"Geen geldige code: {s!r}")
    return f"'{s}'"


class Alias:
    """A table in the statement under a short alias; ``alias.veld`` is the column of that model field
    (``t.client`` -> ``t.client_id``), taken from the model metadata, so the SQL follows the models."""

    def __init__(self, model: type[models.Model], alias: str) -> None:
        self._model, self._alias = model, alias

    def __getattr__(self, veld: str) -> str:
        return f"{self._alias}.{self._model._meta.get_field(veld).column}"  # type: ignore[union-attr]

    @property
    def tabel(self) -> str:
        """``<table> <alias>`` for a FROM or JOIN."""
        return f"{self._model._meta.db_table} {self._alias}"


def kolom(model: type[models.Model], veld: str) -> str:
    return str(model._meta.get_field(veld).column)  # type: ignore[union-attr]


# The codes the statement compares with, as SQL literals from their enums.
TIJDELIJK = _lit(WMO588RedenBeeindiging.TIJDELIJK)
VERWIJDERD = _lit(WMO002RedenWijziging.VERWIJDERD)
R: Any = {r.name: _lit(r.value) for r in Regel}


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
        f"{d.datum_lit(p.begin)}, {d.datum_lit(p.eind)}, {d.datum_lit(p.eind - dt.timedelta(days=1))})"
        for p in perioden
    )
    bel = ", ".join(
        f"({int(b.pid)}, {int(b.aanbieder_id)}, {_lit(b.deelperiode)}, {int(b.peildag)}, {int(b.stopdagen)}, "
        f"{_lit(b.overlijden)}, {_lit(b.overstap)}, {1 if b.voorschot else 0}, {_lit(b.grondslag)}, "
        f"{int(b.plan_termijn)})"
        for b in [*beleid, *(BeleidRij(p.pid, -1, *_waarden(standaard)) for p in perioden)]
    )
    tar = ", ".join(
        f"({int(t.pid)}, {int(t.product_id)}, {int(t.bedrag_cent)})"
        for t in [*tarieven, TariefRij(-1, -1, 0)]
    )
    std = standaard
    bdef = (
        f"({_lit(std.deelperiode)}, {int(std.peildag)}, {int(std.stopdagen)}, {_lit(std.overlijden)}, "
        f"{_lit(std.overstap)}, {1 if std.voorschot else 0}, {_lit(std.grondslag)}, {int(std.plan_termijn)})"
    )
    return f"""
per (pid, pb, pe, pd, pbd, ped, pld) AS (VALUES {per}),
bel (pid, aid, deel, peil, stop, ovl, ovs, vs, gs, gt) AS (VALUES {bel}),
bdef (deel, peil, stop, ovl, ovs, vs, gs, gt) AS (VALUES {bdef}),
tar (pid, prid, bedrag) AS (VALUES {tar})"""


def stapel_ctes(stapel: list[tuple[int, int, int]], resultaat_van: dict[int, int]) -> str:
    """``stap``: per period the product pairs that may run together (both orders); ``prk``: per product
    the result it belongs to (a product without a result is a result of its own). Dummy rows, as VALUES
    cannot be empty."""
    stap = ", ".join(f"({int(pid)}, {int(a)}, {int(b)})" for pid, a, b in [*stapel, (-1, -1, -1)])
    prk = ", ".join(f"({int(p)}, {int(r)})" for p, r in [*resultaat_van.items(), (-1, -1)])
    return f"""
stap (pid, p1, p2) AS (VALUES {stap}),
prk (prid, rk) AS (VALUES {prk})"""


def verschuldigd_cte(
    d: Dialect,
    filter_sql: str,
    vandaag: dt.date | None = None,
    delen: list[str] | None = None,
    vlak: bool = False,
    zonder_lege: bool = False,
    via_kandidaten: tuple[dt.date, dt.date] | None = None,
    enkel: PeriodeRij | None = None,
    vlak_apart: bool = False,
) -> str:
    """CTE ``due``: one row per (toewijzing, period) with days in care and the amount due.

    Switches: a toewijzing that gives way under the switch rule ("oude": the new one gives way;
    "nieuwe": the old one does) gets nothing before any other switch rule applies, so that with two
    switches in one period (A to B to C) only one of them gets the full amount.

    ``filter_sql`` restricts the toewijzingen (``t``), e.g. to a gemeente or one toewijzing. With
    ``vandaag``, a period that has not ended by then is only due under a policy of advance payment
    (``voorschot``). ``delen`` splits the scan into parts (extra conditions, joined by UNION ALL): an
    incremental run scans its full periods for every toewijzing and the others for changed clients only.

    With ``vlak`` (the run) the majority takes a plain path: a toewijzing in care for the whole period
    and outside ``kand`` (see below) is due the full tariff, read in one pass as plain as the floor's
    ``INSERT ... SELECT``; only the other rows go through the rules. ``due_bedrag`` holds both; ``iv``
    (the conflict check) then holds only the others, so it is not used with ``vlak``. With
    ``zonder_lege`` (the run) a levering that stopped for good before the period is left out of the
    period's rules under payment on the start: it adds no day, and a (toewijzing, period) with nothing
    due needs no row of its own (what was paid for it is corrected from the lines alone, with the same
    rule, days and basis).

    With ``via_kandidaten`` as well (PostgreSQL, the run, when no policy pays on the plan: the first
    and the last day of the statement's periods) the toewijzingen for the rules are first named one by
    one (``kand_alle``, from the indexes), and the rules read those toewijzingen and their deliveries by
    id, instead of a second pass over every toewijzing and delivery that keeps the few; the plain pass
    then leaves out just that set. ``enkel``: the statement's one period (``per``), read by the plain
    pass as literals. ``vlak_apart``: ``due_bedrag`` holds the rules' rows only, the plain pass is the
    CTE ``vlak`` of its own (the run writes it straight into the lines)."""
    nooit = str(BIG)
    dag = d.dag
    t, t_o, t_v = Alias(Toewijzing, "t"), Alias(Toewijzing, "o"), Alias(Toewijzing, "v")
    lev, lev2, c = Alias(Levering, "l"), Alias(Levering, "l2"), Alias(Client, "c")
    ovs = {o.name: _lit(o.value) for o in Overstap}
    # ``bl`` is the policy of the toewijzing's provider; ``bdef`` the default policy for providers
    # without one (the same in every period: read once, not joined per row).

    def bel(veld: str) -> str:
        return f"COALESCE(bl.{veld}, (SELECT {veld} FROM bdef))"  # noqa: S608

    volgende_start = (
        f"(SELECT MIN({dag(lev2.begindatum)}) FROM {lev2.tabel} "  # noqa: S608
        f"WHERE {lev2.toewijzing} = {lev.toewijzing} AND {lev2.verwijderd} = {d.onwaar()} "
        f"AND {lev2.begindatum} > {lev.einddatum})"
    )
    stop_eind = dag(lev.einddatum) + f" + {bel('stop')}"
    levering_eind = (
        f"CASE WHEN {lev.einddatum} IS NULL THEN {nooit} "
        f"WHEN {lev.reden_beeindiging} = {TIJDELIJK} THEN "
        f"{d.kleinste(stop_eind, f'COALESCE({volgende_start}, {nooit}) - 1')} "
        f"ELSE {dag(lev.einddatum)} END"
    )
    # Only the clients who died are joined (a small table), not every client.
    dood_eind = f"COALESCE({dag(c.overlijdensdatum)}, {nooit})"
    a = d.grootste(dag(lev.begindatum), dag(t.ingangsdatum), "per.pb")
    b = d.kleinste(levering_eind, f"COALESCE({dag(t.einddatum)}, {nooit})", dood_eind, "per.pe - 1")
    afgelopen = f" AND (per.pe <= {dagnummer(vandaag)} OR {bel('vs')} = 1)" if vandaag is not None else ""
    # Grondslag "plan": the first start, and the first day an agreed plan exists (looked up only
    # under that policy).
    pl, lev3 = Alias(Ondersteuningsplan, "pl"), Alias(Levering, "l3")
    plan_gs = f"{bel('gs')} = {_lit(Grondslag.PLAN)}"
    eerste_start = (
        f"CASE WHEN {plan_gs} THEN (SELECT MIN({dag(lev3.begindatum)}) FROM {lev3.tabel} "  # noqa: S608
        f"WHERE {lev3.toewijzing} = {t.id} AND {lev3.verwijderd} = {d.onwaar()}) END"
    )
    akkoord = (
        f"CASE WHEN {plan_gs} THEN (SELECT MIN({dag(pl.akkoord_op)}) FROM {pl.tabel} "  # noqa: S608
        f"WHERE {pl.toewijzing} = {t.id} AND {pl.akkoord_op} IS NOT NULL) END"
    )
    # The plain path. ``kand`` holds every toewijzing for which some rule beyond the full tariff could
    # matter in any period of the statement: a levering that starts after the first period's begin or
    # stops before the last period's end, or one of several; a toewijzing that starts or ends so, or is
    # (or has) a switch; a client who died before the last period's end; a provider whose policy pays
    # on the plan (or every provider, when the default does). For a toewijzing outside ``kand`` every
    # row is its only levering, in care from the first to the last day of the period: the days are the
    # period's and the rule ``VOLLEDIG``, read in a pass as plain as the floor's. The rules run for
    # the toewijzingen in ``kand`` only (a few: those that changed, started or stopped).
    t4, lev4, c4 = Alias(Toewijzing, "t4"), Alias(Levering, "l4"), Alias(Client, "c4")
    niet_verwijderd = f"{lev.verwijderd} = {d.onwaar()}"
    eerste_begin, laatste_dag = "(SELECT MIN(pbd) FROM per)", "(SELECT MAX(pld) FROM per)"
    start = _lit(Grondslag.START)
    # ``kand``: the toewijzingen whose leveringen could matter (one pass over the leveringen) and the
    # predecessors of a switch; ``rij_kand`` the same for a toewijzing's own row (never NULL).
    kand = f"""
dood AS (SELECT {c4.id}, {c4.overlijdensdatum} FROM {c4.tabel} WHERE {c4.overlijdensdatum} IS NOT NULL),
kand AS (
  SELECT {lev4.toewijzing} AS tid FROM {lev4.tabel} WHERE {lev4.verwijderd} = {d.onwaar()}
  GROUP BY {lev4.toewijzing}
  HAVING COUNT(*) > 1 OR MAX({lev4.begindatum}) > {eerste_begin} OR MIN({lev4.einddatum}) < {laatste_dag}
  UNION ALL
  SELECT {t4.voorganger} FROM {t4.tabel} WHERE {t4.voorganger} IS NOT NULL
),"""  # noqa: S608
    rij_kand = (
        f"({t.ingangsdatum} > {eerste_begin} "  # noqa: S608
        f"OR ({t.einddatum} IS NOT NULL AND {t.einddatum} < {laatste_dag}) OR {t.voorganger} IS NOT NULL "
        f"OR {t.aanbieder} IN (SELECT aid FROM bel WHERE gs <> {start}) OR (SELECT gs FROM bdef) <> {start} "
        f"OR {t.client} IN (SELECT id FROM dood WHERE overlijdensdatum < {laatste_dag}) "
        f"OR {t.id} IN (SELECT tid FROM kand))"
    )
    via = vlak and via_kandidaten is not None and d.pg
    if via_kandidaten is not None and via:
        # The same toewijzingen as ``rij_kand`` among those that can have a row (a toewijzing that
        # ended before the first period has none either way), each condition read from an index (the
        # dates as literals, so that the planner sees how few match; the clients who died as an array,
        # an index condition, not a join).
        van, tot = (d.datum_lit(x) for x in via_kandidaten)
        kand += f"""
kand_alle AS (
  SELECT tid FROM kand
  UNION SELECT {t4.id} FROM {t4.tabel} WHERE {t4.ingangsdatum} > {van}
  UNION SELECT {t4.id} FROM {t4.tabel} WHERE {t4.einddatum} >= {van} AND {t4.einddatum} < {tot}
  UNION SELECT {t4.id} FROM {t4.tabel} WHERE {t4.voorganger} IS NOT NULL
  UNION SELECT {t4.id} FROM {t4.tabel}
    WHERE {t4.client} = ANY(ARRAY(SELECT id FROM dood WHERE overlijdensdatum < {tot}))
),"""  # noqa: S608
        rij_kand = f"({t.id} IN (SELECT tid FROM kand_alle))"  # noqa: S608
    ook = f" AND {rij_kand}" if vlak and not via else ""
    if zonder_lege:
        ook += (
            f" AND NOT ({lev.einddatum} IS NOT NULL AND {lev.einddatum} < per.pbd "
            f"AND {lev.reden_beeindiging} <> {TIJDELIJK} AND {bel('gs')} = {start})"
        )
    dood_join = f"""
  LEFT JOIN (SELECT {c.id}, {c.overlijdensdatum} FROM {c.tabel} WHERE {c.overlijdensdatum} IS NOT NULL) c
    ON {c.id} = {t.client}"""  # noqa: S608
    if vlak:
        dood_join = f"\n  LEFT JOIN dood c ON {c.id} = {t.client}"

    def bronnen(voor_vlak: bool = False) -> str:
        # The plain pass reads no policy (the plan's providers are in ``rij_kand``) unless a period has
        # not ended.
        bel_join = (
            ""
            if voor_vlak and not afgelopen
            else f"\n  LEFT JOIN bel bl ON bl.pid = per.pid AND bl.aid = {t.aanbieder}"
        )
        van = f"""
  FROM {t.tabel}
  JOIN {lev.tabel} ON {lev.toewijzing} = {t.id} AND {niet_verwijderd}{"" if voor_vlak else dood_join}"""
        if via and not voor_vlak:
            # The candidates by id (``LATERAL``: looked up in the indexes, not hashed against a pass
            # over every toewijzing and delivery, see ``services._vergrendel``).
            van = f"""
  FROM kand_alle k
  CROSS JOIN LATERAL (SELECT * FROM {Toewijzing._meta.db_table} WHERE id = k.tid OFFSET 0) t
  CROSS JOIN LATERAL (
    SELECT * FROM {Levering._meta.db_table}
    WHERE {kolom(Levering, "toewijzing")} = {t.id} AND {kolom(Levering, "verwijderd")} = {d.onwaar()}
    OFFSET 0
  ) l{dood_join}"""  # noqa: S608
        return f"""{van}
  JOIN per ON {t.ingangsdatum} < per.ped AND ({t.einddatum} IS NULL OR {t.einddatum} >= per.pbd)
    AND {lev.begindatum} < per.ped{bel_join}
  LEFT JOIN tar ON tar.pid = per.pid AND tar.prid = {t.product}
  WHERE {t.reden_wijziging} <> {VERWIJDERD} AND {filter_sql}{afgelopen}"""

    iv_delen = [
        f"""
  SELECT {t.id} AS tid, per.pid AS pid, {t.client} AS client_id, {t.aanbieder} AS aanbieder_id,
    {t.product} AS product_id, per.pd,
    COALESCE(tar.bedrag, 0) AS tarief, {bel("deel")} AS deel, {bel("ovl")} AS ovl,
    {a} AS a, {b} AS b, per.pb + {bel("peil")} - 1 AS peildag, {dood_eind} AS dood,
    {bel("gs")} AS gs, {bel("gt")} AS gt, {eerste_start} AS s0, {akkoord} AS p0{bronnen()}{deel}{ook}"""
        for deel in (delen or [""])
    ]
    vlak_delen = [
        f"""
  SELECT {t.id} AS tid, per.pid AS pid, per.pd AS dagen, per.pb AS eerste, per.pe - 1 AS laatste, per.pd,
    COALESCE(tar.bedrag, 0) AS tarief, {t.client} AS client_id, {t.aanbieder} AS aanbieder_id,
    {t.product} AS product_id, {_lit(Grondslag.START)} AS grondslag, {R["VOLLEDIG"]} AS regel,
    COALESCE(tar.bedrag, 0) AS bedrag, per.pbd AS eerste_dag,
    per.pld AS laatste_dag{bronnen(voor_vlak=True)}{deel} AND NOT {rij_kand}"""
        for deel in (delen or [""])
    ]
    if enkel is not None and not afgelopen and not any(delen or []):
        # One period (the new one) and every period ended: the plain pass reads the period as literals,
        # its conditions filter the scans as in the floor's ``INSERT ... SELECT``, and nothing is joined
        # per row but the tariff.
        pid, pd = int(enkel.pid), (enkel.eind - enkel.begin).days
        vlak_delen = [
            f"""
  SELECT {t.id} AS tid, {pid} AS pid, {pd} AS dagen, {dagnummer(enkel.begin)} AS eerste,
    {dagnummer(enkel.eind) - 1} AS laatste, {pd} AS pd, COALESCE(tar.bedrag, 0) AS tarief,
    {t.client} AS client_id, {t.aanbieder} AS aanbieder_id, {t.product} AS product_id,
    {_lit(Grondslag.START)} AS grondslag, {R["VOLLEDIG"]} AS regel, COALESCE(tar.bedrag, 0) AS bedrag,
    {d.datum_lit(enkel.begin)} AS eerste_dag, {d.datum_lit(enkel.eind - dt.timedelta(days=1))} AS laatste_dag
  FROM {t.tabel}
  JOIN {lev.tabel} ON {lev.toewijzing} = {t.id} AND {niet_verwijderd}
  LEFT JOIN tar ON tar.pid = {pid} AND tar.prid = {t.product}
  WHERE {t.reden_wijziging} <> {VERWIJDERD} AND {filter_sql}
    AND {t.ingangsdatum} < {d.datum_lit(enkel.eind)}
    AND ({t.einddatum} IS NULL OR {t.einddatum} >= {d.datum_lit(enkel.begin)})
    AND {lev.begindatum} < {d.datum_lit(enkel.eind)} AND NOT {rij_kand}"""  # noqa: S608
        ]
    vlak_ctes = (
        f"""{kand}
vlak AS ({" UNION ALL ".join(vlak_delen)}),"""
        if vlak
        else ""
    )
    vlak_erbij = " UNION ALL SELECT * FROM vlak" if vlak and not vlak_apart else ""
    # PostgreSQL: ``OFFSET 0`` keeps each step a subquery of its own, so that a row's days (``a``, ``b``,
    # ``a1`` .. ``b2``) are computed once; pulled up into ``agg`` every use would recompute the whole
    # expression (the statement's main cost per row).
    hek = " OFFSET 0" if d.pg else ""
    return f"""{vlak_ctes}
iv AS (SELECT * FROM ({" UNION ALL ".join(iv_delen)}) u{hek}),
grens AS (
  SELECT iv.*,
    CASE WHEN s0 IS NULL OR (p0 IS NOT NULL AND p0 <= s0 + gt) THEN {nooit} ELSE s0 + gt - 1 END AS g,
    CASE WHEN s0 IS NULL OR p0 IS NULL OR p0 <= s0 + gt THEN {nooit} ELSE p0 END AS p
  FROM iv
),
stuk AS (
  SELECT grens.*, a AS a1, {d.kleinste("b", "g")} AS b1, {d.grootste("a", "p")} AS a2, b AS b2
  FROM grens{hek}
),
agg AS (
  SELECT tid, pid, client_id, aanbieder_id, product_id, pd, tarief, deel, ovl, gs AS grondslag,
    SUM(CASE WHEN b >= a THEN b - a + 1 ELSE 0 END) AS zorgdagen,
    SUM(CASE WHEN b1 >= a1 THEN b1 - a1 + 1 ELSE 0 END + CASE WHEN b2 >= a2 THEN b2 - a2 + 1 ELSE 0 END)
      AS dagen,
    MIN(CASE WHEN b1 >= a1 THEN a1 WHEN b2 >= a2 THEN a2 END) AS eerste,
    MAX(CASE WHEN b2 >= a2 THEN b2 WHEN b1 >= a1 THEN b1 END) AS laatste,
    MAX(CASE WHEN (b1 >= a1 AND a1 <= peildag AND peildag <= b1)
      OR (b2 >= a2 AND a2 <= peildag AND peildag <= b2) THEN 1 ELSE 0 END) AS op_peildag,
    MAX(CASE WHEN (b1 >= a1 AND a1 <= dood AND dood <= b1) OR (b2 >= a2 AND a2 <= dood AND dood <= b2)
      THEN 1 ELSE 0 END) AS op_sterfdag
  FROM stuk
  -- The columns after tid and pid are the same for every row of a (tid, pid): grouped on, not
  -- aggregated (one comparison instead of an aggregate per row, and no collation-aware MAX of text).
  GROUP BY tid, pid, client_id, aanbieder_id, product_id, pd, tarief, deel, ovl, gs
),
due AS (
  SELECT agg.tid, agg.pid, agg.dagen, agg.eerste, agg.laatste, agg.pd, agg.tarief,
    agg.client_id, agg.aanbieder_id, agg.product_id, agg.grondslag,
    CASE
      WHEN agg.dagen = 0 AND agg.zorgdagen > 0 THEN {R["GEEN_PLAN"]}
      WHEN agg.dagen = 0 THEN {R["GEEN_ZORG"]}
      WHEN nieuw.ovs = {ovs["OUDE"]} THEN {R["OVERSTAP_NIETS"]}
      WHEN oud.ovs = {ovs["NIEUWE"]} THEN {R["OVERSTAP_NIETS"]}
      WHEN oud.ovs IN ({ovs["OUDE"]}, {ovs["BEIDE"]}) THEN {R["OVERSTAP_VOL"]}
      WHEN nieuw.ovs IN ({ovs["NIEUWE"]}, {ovs["BEIDE"]}) THEN {R["OVERSTAP_VOL"]}
      WHEN agg.dagen = agg.pd THEN {R["VOLLEDIG"]}
      WHEN agg.ovl = {_lit(Overlijden.PERIODE_AF)} AND agg.op_sterfdag = 1 THEN {R["OVERLIJDEN_VOL"]}
      WHEN agg.deel = {_lit(Deelperiode.PRO_RATA)} THEN {R["PRO_RATA"]}
      WHEN agg.deel = {_lit(Deelperiode.PEILDAG)} AND agg.op_peildag = 1 THEN {R["PEILDAG_JA"]}
      WHEN agg.deel = {_lit(Deelperiode.PEILDAG)} THEN {R["PEILDAG_NEE"]}
      ELSE {R["DEEL_NIETS"]}
    END AS regel
  FROM agg
  LEFT JOIN (
    SELECT {t_o.voorganger} AS tid, per.pid, MIN(COALESCE(bo.ovs, bdo.ovs)) AS ovs
    FROM {t_o.tabel}
    JOIN {t_v.tabel} ON {t_v.id} = {t_o.voorganger} AND {t_v.aanbieder} <> {t_o.aanbieder}
    JOIN per ON {t_o.ingangsdatum} >= per.pbd AND {t_o.ingangsdatum} < per.ped
    LEFT JOIN bel bo ON bo.pid = per.pid AND bo.aid = {t_o.aanbieder}
    LEFT JOIN bel bdo ON bdo.pid = per.pid AND bdo.aid = -1
    WHERE {t_o.voorganger} IS NOT NULL AND {t_o.reden_wijziging} <> {VERWIJDERD}
    GROUP BY {t_o.voorganger}, per.pid
  ) oud ON oud.tid = agg.tid AND oud.pid = agg.pid
  LEFT JOIN (
    SELECT {t_o.id} AS tid, per.pid, COALESCE(bo.ovs, bdo.ovs) AS ovs
    FROM {t_o.tabel}
    JOIN {t_v.tabel} ON {t_v.id} = {t_o.voorganger} AND {t_v.aanbieder} <> {t_o.aanbieder}
    JOIN per ON {t_o.ingangsdatum} >= per.pbd AND {t_o.ingangsdatum} < per.ped
    LEFT JOIN bel bo ON bo.pid = per.pid AND bo.aid = {t_o.aanbieder}
    LEFT JOIN bel bdo ON bdo.pid = per.pid AND bdo.aid = -1
    WHERE {t_o.voorganger} IS NOT NULL
  ) nieuw ON nieuw.tid = agg.tid AND nieuw.pid = agg.pid{hek}
),
due_bedrag AS (
  SELECT * FROM (
    SELECT due.*,
      CASE regel
        WHEN {R["VOLLEDIG"]} THEN tarief WHEN {R["OVERSTAP_VOL"]} THEN tarief
        WHEN {R["OVERLIJDEN_VOL"]} THEN tarief
        WHEN {R["PEILDAG_JA"]} THEN tarief
        WHEN {R["PRO_RATA"]} THEN (tarief * dagen * 2 + pd) / (2 * pd)
        ELSE 0
      END AS bedrag,
      CASE WHEN dagen > 0 THEN {d.datum("eerste")} END AS eerste_dag,
      CASE WHEN dagen > 0 THEN {d.datum("laatste")} END AS laatste_dag
    FROM due{hek}
  ) regels{vlak_erbij}
)"""  # noqa: S608


# The columns a run writes, in the order of its SELECT, from the model's fields.
INSERT_KOLOMMEN = ", ".join(kolom(Afrekenregel, veld) for veld in REGEL_VELDEN)
REGELS = Afrekenregel._meta.db_table


def run_sql(
    d: Dialect,
    run_id: int,
    gemeente_id: int,
    perioden: list[PeriodeRij],
    reference: str,
    correcties: bool = True,
    vandaag: dt.date | None = None,
    volledig: list[int] | None = None,
    vastgehouden: bool = True,
    via_kandidaten: bool = False,
) -> str:
    """The statement of a run for ``perioden``: due minus what earlier runs paid, per toewijzing and
    period.

    Without ``correcties`` (no line exists yet for any of the periods, so nothing was paid) the same
    statement without the subtraction: the lines are what is due, one pass over the toewijzingen as
    plain as the floor's ``INSERT ... SELECT`` plus the rules. A (toewijzing, period) the run holds back
    for a conflict (``Afrekenconflict`` of this run) gets no line at all: neither paid nor corrected
    until the conflict is resolved; without ``vastgehouden`` (the run holds nothing back) that look-up
    is left out. ``via_kandidaten``: see :func:`verschuldigd_cte`."""
    t, r = Alias(Toewijzing, "t"), Alias(Afrekenregel, "r")
    k = Alias(Afrekenconflict, "k")
    normaal, correctie = _lit(RegelSoort.NORMAAL), _lit(RegelSoort.CORRECTIE)
    # PostgreSQL, no line yet: the plain pass writes its lines itself (a data-modifying CTE in the same
    # statement), straight from the scan as the floor does, not through the rules' union and filter.
    apart = not correcties and volledig != [] and d.pg
    kop = (
        "WITH "
        + reference
        + ","
        + verschuldigd_cte(
            d,
            f"{t.gemeente} = {int(gemeente_id)}",
            # Every period ended: the condition on advance payment holds for every row.
            vandaag if vandaag is not None and any(p.eind > vandaag for p in perioden) else None,
            delen(run_id, volledig, "per.pid", t.client),
            # Corrections for the changed clients only are a few rows found through the indexes: there
            # the plain path would only add its look-ups.
            vlak=volledig != [],
            zonder_lege=True,
            via_kandidaten=(
                min(p.begin for p in perioden),
                max(p.eind for p in perioden) - dt.timedelta(days=1),
            )
            if via_kandidaten and perioden
            else None,
            enkel=perioden[0] if len(perioden) == 1 else None,
            vlak_apart=apart,
        )
    )

    def niet_vast(tid: str, pid: str) -> str:
        if not vastgehouden:
            return "1 = 1"
        return (
            f"NOT EXISTS (SELECT 1 FROM {k.tabel} WHERE {k.run} = {int(run_id)} "  # noqa: S608
            f"AND {k.toewijzing} = {tid} AND {k.periode} = {pid})"
        )

    if not correcties:
        if apart:
            kop += f""",
vlak_regels AS (
INSERT INTO {REGELS} ({INSERT_KOLOMMEN})
SELECT {int(run_id)}, pid, tid, client_id, aanbieder_id, product_id, {normaal}, regel, bedrag, bedrag, 0,
  tarief, dagen, pd, eerste_dag, laatste_dag, grondslag
FROM vlak WHERE bedrag <> 0 AND {niet_vast("vlak.tid", "vlak.pid")}
)"""  # noqa: S608
        eenvoudig = f"""
INSERT INTO {REGELS} ({INSERT_KOLOMMEN})
SELECT {int(run_id)}, pid, tid, client_id, aanbieder_id, product_id, {normaal}, regel, bedrag, bedrag, 0,
  tarief, dagen, pd, eerste_dag, laatste_dag, grondslag
FROM due_bedrag WHERE bedrag <> 0 AND {niet_vast("due_bedrag.tid", "due_bedrag.pid")}"""  # noqa: S608
        return kop + eenvoudig
    pids = ", ".join(str(int(p.pid)) for p in perioden)
    betaald_delen = [
        f"""
  SELECT {r.toewijzing} AS tid, {r.periode} AS pid, SUM({r.bedrag_cent}) AS betaald, COUNT(*) AS n
  FROM {r.tabel}
  WHERE {r.periode} IN ({pids}){deel}
  GROUP BY {r.toewijzing}, {r.periode}"""  # noqa: S608
        for deel in delen(run_id, volledig, r.periode, r.client, r.toewijzing)
    ]
    # Corrections for the changed clients only (PostgreSQL): both sides hold at most one row per
    # (toewijzing, period) and name the toewijzing's client, provider and product, so they are joined
    # as they are, without adding up every row again or looking up each toewijzing a second time.
    gewijzigd = volledig == [] and d.pg
    if volledig is not None and d.pg:
        betaald_delen[-1] = _betaald_gewijzigd(run_id, pids, volledig, met_toewijzing=gewijzigd)
    betaald_sql = " UNION ALL ".join(betaald_delen)
    if gewijzigd:
        samen = """
  SELECT COALESCE(d.tid, b.tid) AS tid, COALESCE(d.pid, b.pid) AS pid, COALESCE(d.bedrag, 0) AS bedrag,
    COALESCE(b.betaald, 0) AS betaald, COALESCE(b.n, 0) AS n, d.regel, d.dagen, d.eerste, d.laatste,
    d.grondslag, COALESCE(d.client_id, b.client_id) AS client_id,
    COALESCE(d.aanbieder_id, b.aanbieder_id) AS aanbieder_id,
    COALESCE(d.product_id, b.product_id) AS product_id
  FROM due_bedrag d
  FULL JOIN betaald b ON b.tid = d.tid AND b.pid = d.pid"""
        bron, van_t, product = "s.client_id, s.aanbieder_id, s.product_id", "", "s.product_id"
    else:
        samen = """
  SELECT tid, pid, SUM(bedrag) AS bedrag, SUM(betaald) AS betaald, SUM(n) AS n, MAX(regel) AS regel,
    MAX(dagen) AS dagen, MAX(eerste) AS eerste, MAX(laatste) AS laatste, MAX(grondslag) AS grondslag
  FROM (
    SELECT tid, pid, bedrag, 0 AS betaald, 0 AS n, regel, dagen, eerste, laatste, grondslag FROM due_bedrag
    UNION ALL
    SELECT tid, pid, 0, betaald, n, NULL, NULL, NULL, NULL, NULL FROM betaald
  ) u
  GROUP BY tid, pid"""
        bron, product = f"{t.client}, {t.aanbieder}, {t.product}", t.product
        van_t = f"\nJOIN {t.tabel} ON {t.id} = s.tid"
    rest = f"""
betaald AS ({betaald_sql}
),
samen AS ({samen}
)
INSERT INTO {REGELS} ({INSERT_KOLOMMEN})
SELECT {int(run_id)}, s.pid, s.tid, {bron},
  CASE WHEN s.n > 0 THEN {correctie} ELSE {normaal} END,
  COALESCE(s.regel, {R["GEEN_ZORG"]}), s.bedrag - s.betaald, s.bedrag, s.betaald, COALESCE(tar.bedrag, 0),
  COALESCE(s.dagen, 0), per.pd,
  CASE WHEN s.dagen > 0 THEN {d.datum("s.eerste")} END, CASE WHEN s.dagen > 0 THEN {d.datum("s.laatste")} END,
  COALESCE(s.grondslag, {_lit(Grondslag.START)})
FROM samen s{van_t}
JOIN per ON per.pid = s.pid
LEFT JOIN tar ON tar.pid = s.pid AND tar.prid = {product}
WHERE s.bedrag <> s.betaald AND {niet_vast("s.tid", "s.pid")}"""  # noqa: S608
    return kop + "," + rest


def _betaald_gewijzigd(run_id: int, pids: str, volledig: list[int], met_toewijzing: bool = False) -> str:
    """PostgreSQL: what was paid for the changed clients' toewijzingen in the periods not recomputed in
    full, looked up per client and toewijzing in the (period, toewijzing) index (``LATERAL``: the run's
    statement otherwise plans hash joins, see ``services._vergrendel``, which would read every line of
    every earlier period). The cost follows the number of changed toewijzingen and periods, not the size
    of the history. With ``met_toewijzing`` each row also names the toewijzing's client, provider and
    product."""
    r, w, t = Alias(Afrekenregel, "r"), Alias(Runwijziging, "w"), Alias(Toewijzing, "tw")
    vol = ", ".join(str(int(p)) for p in [*volledig, -1])
    erbij = ", tw.client_id, tw.aanbieder_id, tw.product_id" if met_toewijzing else ""
    return f"""
  SELECT x.tid, x.pid, x.betaald, x.n{erbij}
  FROM {w.tabel}
  CROSS JOIN LATERAL (
    SELECT {t.id} AS id, {t.client} AS client_id, {t.aanbieder} AS aanbieder_id, {t.product} AS product_id
    FROM {t.tabel} WHERE {t.client} = {w.client_id}
  ) tw
  CROSS JOIN LATERAL (
    SELECT {r.toewijzing} AS tid, {r.periode} AS pid, SUM({r.bedrag_cent}) AS betaald, COUNT(*) AS n
    FROM {r.tabel}
    WHERE {r.toewijzing} = tw.id AND {r.periode} IN ({pids}) AND {r.periode} NOT IN ({vol})
    GROUP BY {r.toewijzing}, {r.periode}
  ) x
  WHERE {w.run} = {int(run_id)}"""  # noqa: S608


def delen(
    run_id: int, volledig: list[int] | None, periode: str, client: str, toewijzing: str | None = None
) -> list[str]:
    """The parts of an incremental scan: the periods recomputed in full, and the other periods for the
    clients that changed since the previous run (``Runwijziging``). One part without condition otherwise.

    With ``toewijzing`` (the lines already paid) the changed clients are named by their toewijzingen:
    the lines are found through the (period, toewijzing) index, one look-up per changed toewijzing and
    period, instead of reading every line of every earlier period to find the changed clients' ones."""
    if volledig is None:
        return [""]
    w, t = Alias(Runwijziging, "w"), Alias(Toewijzing, "tw")
    pids = ", ".join(str(int(p)) for p in [*volledig, -1])
    gewijzigd = f"(SELECT {w.client_id} FROM {w.tabel} WHERE {w.run} = {int(run_id)})"  # noqa: S608
    # No period in full (the new period is settled by a statement of its own): the changed clients only.
    vol = [f" AND {periode} IN ({pids})"] if volledig else []
    if toewijzing is not None:
        van_clienten = f"(SELECT {t.id} FROM {t.tabel} WHERE {t.client} IN {gewijzigd})"  # noqa: S608
        return [*vol, f" AND {periode} NOT IN ({pids}) AND {toewijzing} IN {van_clienten}"]
    return [*vol, f" AND {periode} NOT IN ({pids}) AND {client} IN {gewijzigd}"]


def conflicten_sql(
    d: Dialect,
    gemeente_id: int,
    reference: str,
    vandaag: dt.date | None = None,
    run_id: int = 0,
    volledig: list[int] | None = None,
) -> str:
    """Per period, the pairs of toewijzingen of one client for the same result (``prk``) with at least
    one day in care in common, unless a stapelregel (``stap``) lets the two products run together. Only
    clients with more than one toewijzing are looked at. One row per toewijzing and other toewijzing:
    period, client, toewijzing, other, provider, both products, first and last day in common."""
    t, t2 = Alias(Toewijzing, "t"), Alias(Toewijzing, "t2")
    w = Alias(Runwijziging, "w")
    g = int(gemeente_id)
    # The candidates: clients with more than one toewijzing of any kind (a superset: the pairs are then
    # taken from ``iv``, which holds only live toewijzingen of this gemeente). Without other conditions
    # the count runs over the client index in its order (see ``services._leg_conflicten_vast``) instead
    # of hashing every toewijzing.
    meer = f"(SELECT {t2.client} FROM {t2.tabel} GROUP BY {t2.client} HAVING COUNT(*) > 1)"  # noqa: S608
    van, tot = d.grootste("x.a", "y.a"), d.kleinste("x.b", "y.b")
    # One client condition per part: the clients with more than one toewijzing, and in the part of the
    # earlier periods only the changed ones among them, so that part starts from the few changed clients
    # instead of every toewijzing in every earlier period.
    if volledig is None:
        delen_sql = [f" AND {t.client} IN {meer}"]
    else:
        pids = ", ".join(str(int(p)) for p in [*volledig, -1])
        # The changed clients with more than one toewijzing: counted per changed client in the client
        # index, not by counting every client's toewijzingen first.
        t3 = Alias(Toewijzing, "t3")
        gewijzigd = (
            f"(SELECT {w.client_id} FROM {w.tabel} WHERE {w.run} = {int(run_id)} "  # noqa: S608
            f"AND (SELECT COUNT(*) FROM {t3.tabel} WHERE {t3.client} = {w.client_id}) > 1)"
        )
        # PostgreSQL: as an array (computed once, an index condition on the toewijzingen' client), so
        # the planner cannot first join every toewijzing with every earlier period and filter after.
        bij_client = f"= ANY(ARRAY{gewijzigd})" if d.pg else f"IN {gewijzigd}"
        delen_sql = [
            f" AND per.pid IN ({pids}) AND {t.client} IN {meer}",
            f" AND per.pid NOT IN ({pids}) AND {t.client} {bij_client}",
        ]
    kop = "WITH " + reference + "," + verschuldigd_cte(d, f"{t.gemeente} = {g}", vandaag, delen_sql)
    return kop + (  # noqa: S608
        f"""
SELECT x.pid, MAX(x.client_id), x.tid, y.tid, MAX(x.aanbieder_id), MAX(x.product_id), MAX(y.product_id),
  {d.datum(f"MIN({van})")}, {d.datum(f"MAX({tot})")}
FROM iv x
JOIN prk px ON px.prid = x.product_id
JOIN iv y ON y.client_id = x.client_id AND y.pid = x.pid AND y.tid <> x.tid
JOIN prk py ON py.prid = y.product_id AND py.rk = px.rk
WHERE x.b >= x.a AND y.b >= y.a AND {van} <= {tot}
  AND NOT EXISTS (SELECT 1 FROM stap s WHERE s.pid = x.pid AND s.p1 = x.product_id AND s.p2 = y.product_id)
GROUP BY x.pid, x.tid, y.tid"""  # noqa: S608
    )


def verplichtingen_sql(d: Dialect, start: dt.date, jaareind: dt.date) -> str:
    """Per product: clients in care on ``start`` and their remaining days until their end or
    ``jaareind`` (the commitments of the budget forecast). Parameters: gemeente id and three times
    ``start``."""
    t, lev = Alias(Toewijzing, "t"), Alias(Levering, "l")
    eind_n = dagnummer(jaareind)
    resterend = (
        d.kleinste(f"COALESCE({d.dag(t.einddatum)} + 1, {eind_n})", str(eind_n)) + f" - {dagnummer(start)}"
    )
    return f"""
SELECT {t.product}, COUNT(DISTINCT {t.client}), SUM({resterend})
FROM {t.tabel}
WHERE {t.gemeente} = %s AND {t.reden_wijziging} <> {VERWIJDERD} AND {t.ingangsdatum} <= %s
  AND ({t.einddatum} IS NULL OR {t.einddatum} >= %s)
  AND EXISTS (SELECT 1 FROM {lev.tabel} WHERE {lev.toewijzing} = {t.id}
              AND {lev.verwijderd} = {d.onwaar()} AND {lev.begindatum} <= %s AND {lev.einddatum} IS NULL)
GROUP BY {t.product}"""  # noqa: S608

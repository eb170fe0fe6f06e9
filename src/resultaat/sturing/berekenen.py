"""The figures per period, provider and product, each from one grouped SQL statement (SQLite and
PostgreSQL alike).

Every source joins its rows to the settlement periods of their gemeente and groups by period, provider
and product; the sources stand side by side in one ``INSERT ... SELECT`` (:func:`invoegen_sql`) that sums
them per period, provider and product into ``sturing_kengetal``. No client row is read into Python.

- **actief**: clients with a toewijzing that runs on at least one day of the period; **nieuw** and
  **beeindigd**: toewijzingen whose first or last day falls in the period (a toewijzing meets a period
  once in the join, so these are plain sums: only the clients need a distinct count). Deleted toewijzingen
  (reden 13) and toewijzingen the provider returned do not count.
- **uitgaven**: the lines of approved settlement runs for the period (corrections included, in the
  period they correct), and the clients those lines pay for.
- **evaluaties**: evaluations dated in the period, and how many say the result was reached (or partly).
- **overstap**: a toewijzing that follows one of another provider (its ``voorganger``), in the period it
  begins: "in" for the new provider, "uit" for the old one.
- **start**: the first delivery of a toewijzing (its start message), in the period it begins, with the
  days from the first toewijzing date (its first version) to that start.
- **signalen**: signals reported in the period.
- **wachtlijst**: toewijzingen still waiting for their start at the end of the period (as
  ``resultaat.kwaliteit`` counts its waiting list), and the longest wait in days.
- **tevredenheid** and **klachten**: the surveys of ``resultaat.kwaliteit`` by the day they were sent or
  taken (with their grade; per product through the survey's toewijzing) and its complaints by the day
  received (about the provider, no product), as ``kwaliteit.services.cijfers`` counts them, but per period
  in one statement (calling those services per period and gemeente took 1.7 s per gemeente).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import connection
from django.utils import timezone

from resultaat.bekostiging.models import RunStatus
from resultaat.core.codes import WMO002RedenWijziging
from resultaat.ondersteuning.models import ResultaatBehaald
from resultaat.toewijzingen.models import ReactieAanbieder

# The figures of a Kengetal row, in the order of the INSERT.
VELDEN = (
    "actief",
    "nieuw",
    "beeindigd",
    "uitgaven_cent",
    "betaalde_clienten",
    "evaluaties",
    "behaald",
    "deels_behaald",
    "overstap_in",
    "overstap_uit",
    "starts",
    "startdagen",
    "signalen",
    "klachten",
    "tevredenheid_aantal",
    "tevredenheid_som",
    "wachtenden",
    "wachttijd_dagen",
)


def dagen_tussen(later: str, eerder: str) -> str:
    """SQL for the number of days from date ``eerder`` to date ``later``."""
    if connection.vendor == "postgresql":
        return f"({later} - {eerder})"
    return f"CAST(julianday({later}) - julianday({eerder}) AS INTEGER)"


# The periods to compute: recent ones (their last day on or after %(vanaf)s), of all gemeenten or one.
PERIODEN = "p.eind > %(vanaf)s AND (%(gemeente)s IS NULL OR p.gemeente_id = %(gemeente)s)"
TELT = "t.reden_wijziging <> %(verwijderd)s AND t.reactie <> %(geretourneerd)s"

ZORG = f"""
SELECT p.id AS k_periode, t.aanbieder_id AS k_aanbieder, t.product_id AS k_product,
       COUNT(DISTINCT t.client_id) AS v1,
       SUM(CASE WHEN t.ingangsdatum >= p.begin THEN 1 ELSE 0 END) AS v2,
       SUM(CASE WHEN t.einddatum IS NOT NULL AND t.einddatum < p.eind THEN 1 ELSE 0 END) AS v3
FROM bekostiging_periode p
JOIN toewijzingen_toewijzing t
  ON t.gemeente_id = p.gemeente_id AND t.ingangsdatum < p.eind
 AND (t.einddatum IS NULL OR t.einddatum >= p.begin)
WHERE {PERIODEN} AND {TELT}
GROUP BY p.id, t.aanbieder_id, t.product_id
"""  # noqa: S608 (validated literals and parameters only)

UITGAVEN = f"""
SELECT p.id AS k_periode, r.aanbieder_id AS k_aanbieder, r.product_id AS k_product,
       SUM(r.bedrag_cent) AS v1,
       COUNT(DISTINCT CASE WHEN r.verschuldigd_cent > 0 THEN r.client_id END) AS v2
FROM bekostiging_afrekenregel r
JOIN bekostiging_afrekenrun run ON run.id = r.run_id
JOIN bekostiging_periode p ON p.id = r.periode_id
WHERE run.status = %(goedgekeurd)s AND {PERIODEN}
GROUP BY p.id, r.aanbieder_id, r.product_id
"""  # noqa: S608 (validated literals and parameters only)

EVALUATIES = f"""
SELECT p.id AS k_periode, t.aanbieder_id AS k_aanbieder, t.product_id AS k_product,
       COUNT(*) AS v1,
       SUM(CASE WHEN e.resultaat_behaald = %(ja)s THEN 1 ELSE 0 END) AS v2,
       SUM(CASE WHEN e.resultaat_behaald = %(deels)s THEN 1 ELSE 0 END) AS v3
FROM ondersteuning_evaluatie e
JOIN toewijzingen_toewijzing t ON t.id = e.toewijzing_id
JOIN bekostiging_periode p ON p.gemeente_id = t.gemeente_id AND e.datum >= p.begin AND e.datum < p.eind
WHERE {PERIODEN}
GROUP BY p.id, t.aanbieder_id, t.product_id
"""  # noqa: S608 (validated literals and parameters only)

OVERSTAP = f"""
SELECT p.id AS k_periode, {{aanbieder}} AS k_aanbieder, {{product}} AS k_product, COUNT(*) AS v1
FROM toewijzingen_toewijzing t
JOIN toewijzingen_toewijzing v ON v.id = t.voorganger_id AND v.aanbieder_id <> t.aanbieder_id
JOIN bekostiging_periode p
  ON p.gemeente_id = t.gemeente_id AND t.ingangsdatum >= p.begin AND t.ingangsdatum < p.eind
WHERE {PERIODEN} AND {TELT}
GROUP BY p.id, {{aanbieder}}, {{product}}
"""  # noqa: S608 (validated literals and parameters only)


# The first version's date of each toewijzing (of the gemeente being computed).
EERSTE = """SELECT v.toewijzing_id, MIN(v.toewijzingsdatum) AS datum FROM toewijzingen_toewijzingversie v
  JOIN toewijzingen_toewijzing tv ON tv.id = v.toewijzing_id
  WHERE %(gemeente)s IS NULL OR tv.gemeente_id = %(gemeente)s
  GROUP BY v.toewijzing_id"""


# The first day of delivery of each toewijzing of the gemeente (its start message; deleted ones not).
GESTART = """SELECT l.toewijzing_id, MIN(l.begindatum) AS begin FROM toewijzingen_levering l
  JOIN toewijzingen_toewijzing tl ON tl.id = l.toewijzing_id
  WHERE l.verwijderd = %(nee)s AND (%(gemeente)s IS NULL OR tl.gemeente_id = %(gemeente)s)
  GROUP BY l.toewijzing_id"""


def start_sql() -> str:
    # From the first version's toewijzingsdatum (the row carries the current version's), never below 0
    # (a toewijzing decided after the care began, with a date in the past).
    dagen = dagen_tussen("gestart.begin", "eerste.datum")
    return f"""
SELECT p.id AS k_periode, t.aanbieder_id AS k_aanbieder, t.product_id AS k_product,
       COUNT(*) AS v1, SUM(CASE WHEN {dagen} > 0 THEN {dagen} ELSE 0 END) AS v2
FROM ({GESTART}) gestart
JOIN toewijzingen_toewijzing t ON t.id = gestart.toewijzing_id
JOIN ({EERSTE}) eerste ON eerste.toewijzing_id = t.id
JOIN bekostiging_periode p
  ON p.gemeente_id = t.gemeente_id AND gestart.begin >= p.begin AND gestart.begin < p.eind
WHERE {PERIODEN}
GROUP BY p.id, t.aanbieder_id, t.product_id
"""  # noqa: S608 (validated literals and parameters only)


SIGNALEN = f"""
SELECT p.id AS k_periode, s.aanbieder_id AS k_aanbieder, t.product_id AS k_product, COUNT(*) AS v1
FROM ondersteuning_signaal s
LEFT JOIN toewijzingen_toewijzing t ON t.id = s.toewijzing_id
JOIN clienten_client c ON c.id = s.client_id
JOIN bekostiging_periode p
  ON p.gemeente_id = c.gemeente_id AND DATE(s.gemeld_op) >= p.begin AND DATE(s.gemeld_op) < p.eind
WHERE {PERIODEN}
GROUP BY p.id, s.aanbieder_id, t.product_id
"""  # noqa: S608 (validated literals and parameters only)


def wachtlijst_sql() -> str:
    # Waiting at the end of the period: a toewijzing decided by then (its first version), not ended
    # before the period's end, not returned or deleted, without a delivery begun before the period's end;
    # with the longest wait in days (as resultaat.kwaliteit counts the waiting list). Only the periods
    # between the decision and the start are joined.
    dagen = dagen_tussen("p.eind", "eerste.datum")
    return f"""
SELECT p.id AS k_periode, t.aanbieder_id AS k_aanbieder, t.product_id AS k_product, COUNT(*) AS v1,
       MAX({dagen}) AS v2
FROM ({EERSTE}) eerste
JOIN toewijzingen_toewijzing t ON t.id = eerste.toewijzing_id
LEFT JOIN ({GESTART}) gestart ON gestart.toewijzing_id = t.id
JOIN bekostiging_periode p
  ON p.gemeente_id = t.gemeente_id AND p.eind > eerste.datum
 AND (gestart.begin IS NULL OR p.eind <= gestart.begin)
 AND (t.einddatum IS NULL OR t.einddatum >= p.eind)
WHERE {PERIODEN} AND {TELT} AND p.begin <= %(vandaag)s
GROUP BY p.id, t.aanbieder_id, t.product_id
"""  # noqa: S608 (validated literals and parameters only)


# The quality figures, counted as resultaat.kwaliteit.services.cijfers counts them (surveys by the day they
# were sent or taken, with their grade; complaints by the day received), here per period in one statement.
TEVREDENHEID = f"""
SELECT p.id AS k_periode, e.aanbieder_id AS k_aanbieder, t.product_id AS k_product,
       COUNT(e.cijfer) AS v1, SUM(e.cijfer) AS v2
FROM kwaliteit_enquete e
LEFT JOIN toewijzingen_toewijzing t ON t.id = e.toewijzing_id
JOIN bekostiging_periode p
  ON p.gemeente_id = e.gemeente_id AND e.verzonden_op >= p.begin AND e.verzonden_op < p.eind
WHERE {PERIODEN} AND e.cijfer IS NOT NULL
GROUP BY p.id, e.aanbieder_id, t.product_id
"""  # noqa: S608 (validated literals and parameters only)

KLACHTEN = f"""
SELECT p.id AS k_periode, k.aanbieder_id AS k_aanbieder, CAST(NULL AS BIGINT) AS k_product, COUNT(*) AS v1
FROM kwaliteit_klacht k
JOIN bekostiging_periode p
  ON p.gemeente_id = k.gemeente_id AND k.ontvangen_op >= p.begin AND k.ontvangen_op < p.eind
WHERE {PERIODEN}
GROUP BY p.id, k.aanbieder_id
"""  # noqa: S608 (validated literals and parameters only)

# (SQL, the Kengetal fields its value columns v1, v2, ... fill)
Bron = tuple[str, tuple[str, ...]]


def bronnen() -> list[Bron]:
    return [
        (ZORG, ("actief", "nieuw", "beeindigd")),
        (UITGAVEN, ("uitgaven_cent", "betaalde_clienten")),
        (EVALUATIES, ("evaluaties", "behaald", "deels_behaald")),
        (OVERSTAP.format(aanbieder="t.aanbieder_id", product="t.product_id"), ("overstap_in",)),
        (OVERSTAP.format(aanbieder="v.aanbieder_id", product="v.product_id"), ("overstap_uit",)),
        (start_sql(), ("starts", "startdagen")),
        (SIGNALEN, ("signalen",)),
        (wachtlijst_sql(), ("wachtenden", "wachttijd_dagen")),
        (TEVREDENHEID, ("tevredenheid_aantal", "tevredenheid_som")),
        (KLACHTEN, ("klachten",)),
    ]


def invoegen_sql() -> str:
    """One ``INSERT ... SELECT`` of every figure of the periods: the sources side by side (``UNION ALL``,
    each filling its own columns), summed per period, provider and product."""
    delen = []
    for i, (sql, namen) in enumerate(bronnen()):
        kolommen = []
        for veld in VELDEN:
            if veld in namen:
                kolommen.append(f"s{i}.v{namen.index(veld) + 1} AS {veld}")
            else:
                kolommen.append(
                    f"CAST(NULL AS INTEGER) AS {veld}" if veld == "wachttijd_dagen" else f"0 AS {veld}"
                )
        sleutel = f"s{i}.k_periode, s{i}.k_aanbieder, s{i}.k_product"
        delen.append(f"SELECT {sleutel}, {', '.join(kolommen)} FROM ({sql}) s{i}")  # noqa: S608
    sommen = ", ".join(f"MAX(u.{v})" if v == "wachttijd_dagen" else f"SUM(u.{v})" for v in VELDEN)
    return f"""
INSERT INTO sturing_kengetal (gemeente_id, periode_id, periode_code, periode_begin, aanbieder_id, product_id,
    {", ".join(VELDEN)}, bijgewerkt_op)
SELECT p.gemeente_id, p.id, p.code, p.begin, u.k_aanbieder, u.k_product, {sommen}, %(nu)s
FROM ({" UNION ALL ".join(delen)}) u
JOIN bekostiging_periode p ON p.id = u.k_periode
GROUP BY p.gemeente_id, p.id, p.code, p.begin, u.k_aanbieder, u.k_product
"""  # noqa: S608 (validated literals and parameters only)


def parameters(vanaf: dt.date, gemeente_id: int | None) -> dict[str, Any]:
    return {
        "vanaf": vanaf,
        "vandaag": timezone.localdate(),
        "gemeente": gemeente_id,
        "verwijderd": WMO002RedenWijziging.VERWIJDERD.value,
        "geretourneerd": ReactieAanbieder.GERETOURNEERD.value,
        "goedgekeurd": RunStatus.GOEDGEKEURD.value,
        "ja": ResultaatBehaald.JA.value,
        "deels": ResultaatBehaald.DEELS.value,
        "nee": False,
    }


def schrijf(vanaf: dt.date, gemeente_id: int | None) -> int:
    """Write the figures of the periods that end after ``vanaf``, of one gemeente or all at once (their
    old rows must be gone), in one ``INSERT ... SELECT``; returns the number of rows."""
    params = parameters(vanaf, gemeente_id)
    params["nu"] = timezone.now()
    with connection.cursor() as cursor:
        cursor.execute(invoegen_sql(), params)
        return int(cursor.rowcount)


def samenvatten_sql() -> tuple[str, str]:
    """Two ``INSERT ... SELECT`` statements that sum the detailed rows of the periods into the coarser
    levels the dashboards read: per provider (all products) and per gemeente (all providers). Every figure
    is a sum of the level below, the longest wait its maximum."""
    sommen = ", ".join(f"MAX(k.{v})" if v == "wachttijd_dagen" else f"SUM(k.{v})" for v in VELDEN)
    velden = ", ".join(VELDEN)
    per_aanbieder = f"""
INSERT INTO sturing_aanbiederkengetal (gemeente_id, periode_id, periode_code, periode_begin, aanbieder_id,
    {velden})
SELECT k.gemeente_id, k.periode_id, k.periode_code, k.periode_begin, k.aanbieder_id, {sommen}
FROM sturing_kengetal k JOIN bekostiging_periode p ON p.id = k.periode_id
WHERE {PERIODEN}
GROUP BY k.gemeente_id, k.periode_id, k.periode_code, k.periode_begin, k.aanbieder_id
"""  # noqa: S608 (validated literals and parameters only)
    per_gemeente = f"""
INSERT INTO sturing_gemeentekengetal (gemeente_id, periode_id, periode_code, periode_begin, aanbieders,
    {velden})
SELECT k.gemeente_id, k.periode_id, k.periode_code, k.periode_begin, COUNT(*), {sommen}
FROM sturing_aanbiederkengetal k JOIN bekostiging_periode p ON p.id = k.periode_id
WHERE {PERIODEN}
GROUP BY k.gemeente_id, k.periode_id, k.periode_code, k.periode_begin
"""  # noqa: S608 (validated literals and parameters only)
    return per_aanbieder, per_gemeente


def vat_samen(vanaf: dt.date, gemeente_id: int | None) -> None:
    """Write the coarser levels of the periods that end after ``vanaf`` (their old rows must be gone) from
    the detailed rows."""
    params = parameters(vanaf, gemeente_id)
    with connection.cursor() as cursor:
        for sql in samenvatten_sql():
            cursor.execute(sql, params)

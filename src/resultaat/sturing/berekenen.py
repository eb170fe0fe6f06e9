"""The figures per period, provider and product, each from one grouped SQL statement (SQLite and
PostgreSQL alike).

Every statement joins the source rows to the settlement periods of their gemeente and groups by
period, provider and product; none reads a client row into Python. What comes back is one row per
group, merged here into :class:`Regel` objects keyed by (period, provider, product).

- **actief**: clients with a toewijzing that runs on at least one day of the period; **nieuw** and
  **beeindigd**: toewijzingen whose first or last day falls in the period. Deleted toewijzingen
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
- **tevredenheid** and **klachten**: from the read services of ``resultaat.kwaliteit``, one call per
  period and gemeente (surveys by the day they were sent or taken, complaints by the day received);
  they belong to the provider, not to one product (``product`` empty).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from typing import Any

from django.db import connection
from django.utils import timezone

from resultaat.bekostiging.models import Periode, RunStatus
from resultaat.core.codes import WMO002RedenWijziging
from resultaat.kwaliteit.services.cijfers import enquete_cijfers, klacht_cijfers
from resultaat.ondersteuning.models import ResultaatBehaald
from resultaat.toewijzingen.models import ReactieAanbieder

Sleutel = tuple[int, int, int | None]  # (periode_id, aanbieder_id, product_id)


@dataclass
class Regel:
    """The figures of one key; the names are the fields of ``Kengetal``."""

    actief: int = 0
    nieuw: int = 0
    beeindigd: int = 0
    uitgaven_cent: int = 0
    betaalde_clienten: int = 0
    evaluaties: int = 0
    behaald: int = 0
    deels_behaald: int = 0
    overstap_in: int = 0
    overstap_uit: int = 0
    starts: int = 0
    startdagen: int = 0
    signalen: int = 0
    klachten: int = 0
    tevredenheid_aantal: int = 0
    tevredenheid_som: int = 0
    wachtenden: int = 0
    wachttijd_dagen: int | None = field(default=None)


VELDEN = tuple(f.name for f in fields(Regel))


def dagen_tussen(later: str, eerder: str) -> str:
    """SQL for the number of days from date ``eerder`` to date ``later``."""
    if connection.vendor == "postgresql":
        return f"({later} - {eerder})"
    return f"CAST(julianday({later}) - julianday({eerder}) AS INTEGER)"


# The periods to compute: recent ones (their last day on or after %(vanaf)s), of all gemeenten or one.
PERIODEN = "p.eind > %(vanaf)s AND (%(gemeente)s IS NULL OR p.gemeente_id = %(gemeente)s)"
TELT = "t.reden_wijziging <> %(verwijderd)s AND t.reactie <> %(geretourneerd)s"

ZORG = f"""
SELECT p.id, t.aanbieder_id, t.product_id,
       COUNT(DISTINCT t.client_id),
       COUNT(DISTINCT CASE WHEN t.ingangsdatum >= p.begin THEN t.id END),
       COUNT(DISTINCT CASE WHEN t.einddatum IS NOT NULL AND t.einddatum < p.eind THEN t.id END)
FROM bekostiging_periode p
JOIN toewijzingen_toewijzing t
  ON t.gemeente_id = p.gemeente_id AND t.ingangsdatum < p.eind
 AND (t.einddatum IS NULL OR t.einddatum >= p.begin)
WHERE {PERIODEN} AND {TELT}
GROUP BY p.id, t.aanbieder_id, t.product_id
"""  # noqa: S608 (validated literals and parameters only)

UITGAVEN = f"""
SELECT p.id, r.aanbieder_id, r.product_id,
       SUM(r.bedrag_cent),
       COUNT(DISTINCT CASE WHEN r.verschuldigd_cent > 0 THEN r.client_id END)
FROM bekostiging_afrekenregel r
JOIN bekostiging_afrekenrun run ON run.id = r.run_id
JOIN bekostiging_periode p ON p.id = r.periode_id
WHERE run.status = %(goedgekeurd)s AND {PERIODEN}
GROUP BY p.id, r.aanbieder_id, r.product_id
"""  # noqa: S608 (validated literals and parameters only)

EVALUATIES = f"""
SELECT p.id, t.aanbieder_id, t.product_id,
       COUNT(*),
       SUM(CASE WHEN e.resultaat_behaald = %(ja)s THEN 1 ELSE 0 END),
       SUM(CASE WHEN e.resultaat_behaald = %(deels)s THEN 1 ELSE 0 END)
FROM ondersteuning_evaluatie e
JOIN toewijzingen_toewijzing t ON t.id = e.toewijzing_id
JOIN bekostiging_periode p ON p.gemeente_id = t.gemeente_id AND e.datum >= p.begin AND e.datum < p.eind
WHERE {PERIODEN}
GROUP BY p.id, t.aanbieder_id, t.product_id
"""  # noqa: S608 (validated literals and parameters only)

OVERSTAP = f"""
SELECT p.id, {{aanbieder}}, {{product}}, COUNT(*)
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


def start_sql() -> str:
    # From the first version's toewijzingsdatum (the row carries the current version's), never below 0
    # (a toewijzing decided after the care began, with a date in the past).
    dagen = dagen_tussen("l.begindatum", "eerste.datum")
    return f"""
SELECT p.id, t.aanbieder_id, t.product_id,
       COUNT(*), SUM(CASE WHEN {dagen} > 0 THEN {dagen} ELSE 0 END)
FROM toewijzingen_levering l
JOIN toewijzingen_toewijzing t ON t.id = l.toewijzing_id
JOIN ({EERSTE}) eerste ON eerste.toewijzing_id = t.id
JOIN bekostiging_periode p
  ON p.gemeente_id = t.gemeente_id AND l.begindatum >= p.begin AND l.begindatum < p.eind
WHERE {PERIODEN} AND l.verwijderd = %(nee)s
  AND NOT EXISTS (SELECT 1 FROM toewijzingen_levering e WHERE e.toewijzing_id = l.toewijzing_id
                  AND e.verwijderd = %(nee)s AND e.begindatum < l.begindatum)
GROUP BY p.id, t.aanbieder_id, t.product_id
"""  # noqa: S608 (validated literals and parameters only)


SIGNALEN = f"""
SELECT p.id, s.aanbieder_id, t.product_id, COUNT(*)
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
    # with the longest wait in days (as resultaat.kwaliteit counts the waiting list).
    dagen = dagen_tussen("p.eind", "eerste.datum")
    return f"""
SELECT p.id, t.aanbieder_id, t.product_id, COUNT(*), MAX({dagen})
FROM bekostiging_periode p
JOIN toewijzingen_toewijzing t
  ON t.gemeente_id = p.gemeente_id AND (t.einddatum IS NULL OR t.einddatum >= p.eind)
JOIN ({EERSTE}) eerste ON eerste.toewijzing_id = t.id AND eerste.datum < p.eind
WHERE {PERIODEN} AND {TELT} AND p.begin <= %(vandaag)s
  AND NOT EXISTS (SELECT 1 FROM toewijzingen_levering l WHERE l.toewijzing_id = t.id
                  AND l.verwijderd = %(nee)s AND l.begindatum < p.eind)
GROUP BY p.id, t.aanbieder_id, t.product_id
"""  # noqa: S608 (validated literals and parameters only)


# (SQL, the Regel fields its value columns fill, how they combine with a value already there)
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
    ]


def kwaliteit(perioden: Iterable[tuple[int, int, dt.date, dt.date]]) -> Iterable[tuple[Any, ...]]:
    """(periode_id, aanbieder_id, None, klachten, tevredenheid_aantal, tevredenheid_som) per period and
    provider, from the quality component's figures for the period's gemeente."""
    for periode_id, gemeente_id, begin, eind in perioden:
        rijen: dict[int, list[int]] = {}
        for k in klacht_cijfers(begin, eind, gemeente_ids=[gemeente_id]):
            rijen.setdefault(k.aanbieder_id, [0, 0, 0])[0] += k.ontvangen
        for e in enquete_cijfers(begin, eind, gemeente_ids=[gemeente_id]):
            if e.cijfer_gemiddeld is not None and e.beantwoord:
                rij = rijen.setdefault(e.aanbieder_id, [0, 0, 0])
                rij[1] += e.beantwoord
                rij[2] += round(e.cijfer_gemiddeld * e.beantwoord)
        for aanbieder_id, waarden in rijen.items():
            yield (periode_id, aanbieder_id, None, *waarden)


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


def voeg_toe(regels: dict[Sleutel, Regel], rijen: Iterable[tuple[Any, ...]], namen: tuple[str, ...]) -> None:
    for periode_id, aanbieder_id, product_id, *waarden in rijen:
        regel = regels.setdefault((periode_id, aanbieder_id, product_id), Regel())
        for naam, waarde in zip(namen, waarden, strict=True):
            if waarde is None:
                continue
            huidig = getattr(regel, naam)
            setattr(regel, naam, int(waarde) if huidig is None else huidig + int(waarde))


def bereken(vanaf: dt.date, gemeente_id: int | None = None) -> dict[Sleutel, Regel]:
    """The figures of every period that ends after ``vanaf`` (of one gemeente, or all)."""
    params = parameters(vanaf, gemeente_id)
    regels: dict[Sleutel, Regel] = {}
    with connection.cursor() as cursor:
        for sql, namen in bronnen():
            cursor.execute(sql, params)
            voeg_toe(regels, cursor.fetchall(), namen)
    perioden = Periode.objects.filter(eind__gt=vanaf)
    if gemeente_id is not None:
        perioden = perioden.filter(gemeente_id=gemeente_id)
    rijen = kwaliteit(
        perioden.filter(begin__lte=params["vandaag"]).values_list("pk", "gemeente_id", "begin", "eind")
    )
    voeg_toe(regels, rijen, ("klachten", "tevredenheid_aantal", "tevredenheid_som"))
    return regels

"""Bekostiging services: calendars, what is due, the settlement run, approval and batches.

Every write goes through these functions, in one transaction each. The run is one ``INSERT ... SELECT``
(see :mod:`resultaat.bekostiging.sql`) over all toewijzingen of the gemeente at once.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Count, Exists, OuterRef, Q, Subquery, Sum
from django.utils import timezone

from resultaat.bekostiging import betaalgegevens
from resultaat.bekostiging.budget import (  # noqa: F401  (the budget pages call them through services)
    Prognoseregel,
    UrenVergelijking,
    per_dag_cent,
    per_jaar_cent,
    prognose,
    uren_versus_resultaat,
)
from resultaat.bekostiging.gebeurtenissen import AFREKENRUN_GEMAAKT, AFREKENRUN_GOEDGEKEURD
from resultaat.bekostiging.models import (
    Afrekenconflict,
    Afrekenregel,
    Afrekenrun,
    Betaalbatch,
    Betaalbeleid,
    CakPeriodejaar,
    ConflictReden,
    Grondslag,
    KalenderSoort,
    Periode,
    Periodekalender,
    Regel,
    RunStatus,
    Runwijziging,
    Stapelregel,
)
from resultaat.bekostiging.sql import (
    Alias,
    BeleidRij,
    Dialect,
    PeriodeRij,
    TariefRij,
    conflicten_sql,
    ctes,
    run_sql,
    stapel_ctes,
    verschuldigd_cte,
)
from resultaat.catalogus.models import Product, Tarief, TariefPeriode
from resultaat.contracten.models import Contract
from resultaat.core.audit.context import acting_as
from resultaat.core.audit.gebeurtenissen import leg_vast
from resultaat.core.audit.models import ALLEEN_INZAGE, Actie, AuditEvent, record
from resultaat.core.codes import WMO002RedenWijziging
from resultaat.core.opmaak import euro
from resultaat.core.paginering import tel_begrensd
from resultaat.ondersteuning.models import Ondersteuningsplan
from resultaat.organisaties.models import Aanbieder, Gemeente
from resultaat.toewijzingen.models import Levering, Toewijzing

# A run recomputes earlier periods for the clients changed since the previous run began, minus this
# margin for transactions that were still open then.
WIJZIGING_MARGE = dt.timedelta(hours=1)
LOCK_NAMESPACE = 5_000_005  # pg_advisory_xact_lock(namespace, gemeente_id): one run per gemeente at a time


# --- Period calendars ----------------------------------------------------------------------------------


def cak_begin(jaar: int) -> dt.date:
    """The first day of CAK period 1 of ``jaar``: the published date (``CakPeriodejaar``), else 1 January."""
    rij = CakPeriodejaar.objects.filter(jaar=jaar).values_list("begin", flat=True).first()
    return rij or dt.date(jaar, 1, 1)


def genereer_kalender(
    gemeente: Gemeente, jaar: int, soort: str = KalenderSoort.VIER_WEKEN
) -> Periodekalender:
    """The periods of a year: the 13 four-week periods of the CAK (period 1 from ``cak_begin``; period
    13 runs up to period 1 of the next year), or 12 calendar months. Idempotent for an existing calendar
    of the same kind. A year must join the calendar of the year before without gap or overlap."""
    with transaction.atomic():
        kalender, _ = Periodekalender.objects.get_or_create(
            gemeente=gemeente, jaar=jaar, defaults={"soort": soort}
        )
        if kalender.soort != soort:
            raise ValidationError(
                f"De kalender {jaar} van {gemeente.naam} is al {kalender.get_soort_display()}."
            )
        if kalender.perioden.exists():
            return kalender
        perioden = []
        if soort == KalenderSoort.VIER_WEKEN:
            begin1, volgend = cak_begin(jaar), cak_begin(jaar + 1)
            if volgend - begin1 < dt.timedelta(days=12 * 28 + 1):
                raise ValidationError(f"De CAK-perioden van {jaar} en {jaar + 1} sluiten niet aan.")
            for n in range(1, 14):
                begin = begin1 + dt.timedelta(days=28 * (n - 1))
                eind = volgend if n == 13 else begin + dt.timedelta(days=28)
                perioden.append((f"{jaar}-P{n:02d}", n, begin, eind))
        else:
            for n in range(1, 13):
                begin = dt.date(jaar, n, 1)
                eind = dt.date(jaar + 1, 1, 1) if n == 12 else dt.date(jaar, n + 1, 1)
                perioden.append((f"{jaar}-{n:02d}", n, begin, eind))
        _sluit_aan(gemeente, jaar, perioden[0][2], perioden[-1][3])
        Periode.objects.bulk_create(
            Periode(kalender=kalender, gemeente=gemeente, code=c, nummer=n, begin=b, eind=e)
            for c, n, b, e in perioden
        )
    return kalender


def _sluit_aan(gemeente: Gemeente, jaar: int, eerste: dt.date, eind: dt.date) -> None:
    """A new year's calendar neither overlaps nor leaves a gap with the years before and after it: a day
    outside every period would never be paid, a day in two periods twice."""
    laatste = eind - dt.timedelta(days=1)
    tekst = f"De kalender {jaar} van {gemeente.naam} ({eerste:%d-%m-%Y} t/m {laatste:%d-%m-%Y})"
    overlap = Periode.objects.filter(gemeente=gemeente, begin__lt=eind, eind__gt=eerste).first()
    if overlap is not None:
        raise ValidationError(f"{tekst} overlapt periode {overlap.code}.")
    vorige = Periode.objects.filter(gemeente=gemeente, kalender__jaar=jaar - 1).order_by("-eind").first()
    volgende = Periode.objects.filter(gemeente=gemeente, kalender__jaar=jaar + 1).order_by("begin").first()
    if vorige is not None and vorige.eind != eerste:
        raise ValidationError(
            f"{tekst} sluit niet aan op periode {vorige.code} (t/m {vorige.laatste_dag:%d-%m-%Y})."
        )
    if volgende is not None and volgende.begin != eind:
        raise ValidationError(
            f"{tekst} sluit niet aan op periode {volgende.code} (vanaf {volgende.begin:%d-%m-%Y})."
        )


def zoek_periode(gemeente: Gemeente, code: str) -> Periode:
    """A period by its code (YYYY-PNN or YYYY-MM); the year's calendar is generated when missing (4 weeks
    for PNN codes, months otherwise)."""
    try:
        return Periode.objects.get(gemeente=gemeente, code=code)
    except Periode.DoesNotExist:
        pass
    try:
        jaar = int(code[:4])
    except ValueError:
        raise ValidationError(f"Onbekende periode {code!r}: schrijf YYYY-PNN of YYYY-MM.") from None
    soort = KalenderSoort.VIER_WEKEN if code[5:6] == "P" else KalenderSoort.MAAND
    genereer_kalender(gemeente, jaar, soort)
    try:
        return Periode.objects.get(gemeente=gemeente, code=code)
    except Periode.DoesNotExist:
        raise ValidationError(
            f"Periode {code} bestaat niet in de kalender {jaar} van {gemeente.naam}."
        ) from None


# --- Reference data for the SQL: policies and tariffs per period ---------------------------------------


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


def _beleid(gemeente_id: int, perioden: list[PeriodeRij]) -> list[BeleidRij]:
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


def _stapelregels(gemeente_id: int, perioden: list[PeriodeRij]) -> list[tuple[int, int, int]]:
    """Per period the product pairs (both orders) a stapelregel valid at the period's start allows."""
    regels = list(Stapelregel.objects.filter(gemeente_id=gemeente_id))
    return [
        (p.pid, a, b)
        for p in perioden
        for r in regels
        if r.is_geldig_op(p.begin)
        for a, b in ((r.product_id, r.samen_met_id), (r.samen_met_id, r.product_id))
    ]


def _resultaat_van() -> dict[int, int]:
    """The result of every product; a product without one is a result of its own."""
    return {
        pk: (rid if rid is not None else -pk) for pk, rid in Product.objects.values_list("pk", "resultaat_id")
    }


def _ontbrekende_tarieven(
    gemeente: Gemeente, perioden: list[Periode], tarieven: list[TariefRij]
) -> list[str]:
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


def _is_kalendermaand(begin: dt.date, eind: dt.date) -> bool:
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
        if _is_kalendermaand(begin, eind):
            return (tarief.bedrag_cent * 13 * 2 + 12) // 24
        return (tarief.bedrag_cent * dagen * 2 + 28) // 56
    if kalender == KalenderSoort.MAAND or _is_kalendermaand(begin, eind):
        return tarief.bedrag_cent
    if kalender == KalenderSoort.VIER_WEKEN:
        return (tarief.bedrag_cent * 12 * 2 + 13) // 26
    return (tarief.bedrag_cent * 12 * dagen * 2 + 365) // 730


def _tarieven(
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


def _dialect() -> Dialect:
    return Dialect(connection.vendor)


# --- What is due: one definition for the run and for the 323 check -------------------------------------


@dataclass(frozen=True)
class Verschuldigd:
    """What is due for one toewijzing in one period (or date range), and why."""

    toewijzing_id: int
    begin: dt.date
    eind: dt.date  # exclusive
    bedrag_cent: int
    regel: str
    dagen: int
    periode_dagen: int
    tarief_cent: int
    eerste_dag: dt.date | None
    laatste_dag: dt.date | None

    @property
    def toelichting(self) -> str:
        tekst = f"{Regel(self.regel).label}; {self.dagen} van {self.periode_dagen} dagen"
        return (
            tekst
            + f"; tarief {euro(self.tarief_cent)} per periode"
            + f"; verschuldigd {euro(self.bedrag_cent)}"
        )


def verschuldigd(toewijzing: Any, periode: Periode | str | tuple[dt.date, dt.date]) -> Verschuldigd:
    """What is due for ``toewijzing`` in ``periode``: a :class:`Periode`, a period code of the gemeente's
    calendar ("2017-P01", "2017-03"), or a half-open date range ``(begin, eind)`` such as a calendar
    month of a 323 declaration. A range that is not a period of the gemeente's calendar is settled as
    one period of its own length with the tariff converted by days (see ``bedrag_voor_periode``).

    The run (``afrekenen``) uses the same SQL, so a declaration checked against this function is
    checked against what the gemeente pays."""
    if isinstance(periode, str):
        periode = zoek_periode(toewijzing.gemeente, periode)
    if isinstance(periode, Periode):
        rij = PeriodeRij(0, periode.begin, periode.eind)
        soort: str | None = periode.kalender.soort
    else:
        begin, eind = periode
        if eind <= begin:
            raise ValidationError("Een periode eindigt na haar begin (halfopen: [begin, eind)).")
        bestaand = Periode.objects.filter(gemeente_id=toewijzing.gemeente_id, begin=begin, eind=eind).first()
        soort = bestaand.kalender.soort if bestaand else None
        rij = PeriodeRij(0, begin, eind)
    d = _dialect()
    sql = (
        "WITH "
        + ctes(
            d,
            [rij],
            _beleid(toewijzing.gemeente_id, [rij]),
            _tarieven([(rij, soort)], [toewijzing.product_id]),
            standaardbeleid(),
        )
        + ","
        + verschuldigd_cte(d, f"t.id = {int(toewijzing.pk)}", timezone.localdate())
        + f"""
SELECT bedrag, regel, dagen, pd, tarief, {d.datum("eerste")}, {d.datum("laatste")}
FROM due_bedrag"""  # noqa: S608
    )
    with connection.cursor() as cur:
        cur.execute(sql)
        row = cur.fetchone()
    pd = (rij.eind - rij.begin).days
    if row is None:
        tarief = _tarieven([(rij, soort)], [toewijzing.product_id])
        return Verschuldigd(
            toewijzing.pk,
            rij.begin,
            rij.eind,
            0,
            "geen_zorg",
            0,
            pd,
            tarief[0].bedrag_cent if tarief else 0,
            None,
            None,
        )
    bedrag, regel, dagen, pd, tarief, eerste, laatste = row
    return Verschuldigd(
        toewijzing.pk,
        rij.begin,
        rij.eind,
        int(bedrag),
        regel,
        int(dagen),
        int(pd),
        int(tarief),
        _als_datum(eerste) if dagen else None,
        _als_datum(laatste) if dagen else None,
    )


def _datum(v: Any) -> dt.date:
    return v if isinstance(v, dt.date) else dt.date.fromisoformat(str(v))


def _als_datum(v: Any) -> dt.date | None:
    if v is None or isinstance(v, dt.date):
        return v
    return dt.date.fromisoformat(str(v))


# --- The settlement run --------------------------------------------------------------------------------


@dataclass
class Regelsamenvatting:
    aanbieder_id: int
    aanbieder: str
    regels: int
    clienten: int
    totaal_cent: int


@dataclass
class Runresultaat:
    run: Afrekenrun | None
    periode: Periode
    regels: int = 0
    clienten: int = 0
    totaal_cent: int = 0
    per_aanbieder: list[Regelsamenvatting] = field(default_factory=list)
    dry_run: bool = False
    melding: str = ""
    conflicten: list[Afrekenconflict] = field(default_factory=list)


def _vergrendel(gemeente_id: int) -> None:
    """One run per gemeente at a time. PostgreSQL: a second run waits here until the first has
    committed, and then finds nothing left to add. SQLite serialises writers itself (IMMEDIATE).

    Also the planner settings of this one transaction: the statement is a batch over every
    toewijzing, for which hash joins and enough sort memory beat per-row index lookups, and JIT
    compilation costs more than it saves."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute("SELECT pg_advisory_xact_lock(%s, %s)", [LOCK_NAMESPACE, int(gemeente_id)])
            cur.execute("SET LOCAL jit = off")
            cur.execute("SET LOCAL enable_nestloop = off")
            cur.execute("SET LOCAL work_mem = '256MB'")


def _controleer_periode(gemeente: Gemeente, periode: Periode, vandaag: dt.date) -> None:
    """A period that has not ended is settled only for contracts whose policy pays in advance."""
    if periode.eind <= vandaag:
        return
    voorschot = Contract.objects.filter(gemeenten=gemeente, betaalbeleid__voorschot=True).geldig_op(
        periode.begin
    )
    if not voorschot.exists():
        raise ValidationError(
            f"Periode {periode.code} loopt tot en met {periode.laatste_dag:%d-%m-%Y} en is nog niet voorbij: "
            f"afrekenen kan vanaf {periode.eind:%d-%m-%Y}. Alleen een contract met betaling vooraf "
            "(voorschot) wordt eerder betaald."
        )


def _gebruiker(door: Any) -> Any:
    """The person who makes a run: a run needs a named user, so that the four-eyes rule can hold."""
    if door is None or not getattr(door, "pk", None):
        raise ValidationError(
            "Een afrekenrun wordt gemaakt door een medewerker met een eigen account; geef aan wie (--door)."
        )
    return door


def afrekenen(
    *,
    gemeente: Gemeente,
    periode: Periode,
    door: Any,
    dry_run: bool = False,
    vandaag: dt.date | None = None,
    volledig: bool = False,
) -> Runresultaat:
    """Settle ``periode`` for ``gemeente``: what is due for the period, plus corrections for every
    earlier settled period (what is due now minus what was paid), as one new concept run made by
    ``door`` (a user; another user approves it).

    Refused, with nothing saved: a period that has not ended by ``vandaag`` (unless a contract pays in
    advance), and a period in which a product in care has no tariff. Two toewijzingen of one client for
    the same result on the same day are never both paid: both are held for that period and listed as
    conflicts of the run (:class:`Afrekenconflict`).

    Incremental: an earlier period is recomputed in full only when its reference data (policies,
    tariffs, stapelregels, ended or not) differs from the previous run's; otherwise only for the clients
    whose data changed since the previous run (the audit trail). ``volledig`` recomputes everything;
    ``settle --controle`` proves both give the same lines.

    Past runs are never edited. Settling again adds nothing when nothing changed: then no run is kept
    and the result says so. ``dry_run`` computes the same lines and rolls them back."""
    if periode.gemeente_id != gemeente.pk:
        raise ValidationError("Deze periode hoort niet bij deze gemeente.")
    user = _gebruiker(door)
    vandaag = vandaag or timezone.localdate()
    _controleer_periode(gemeente, periode, vandaag)
    with transaction.atomic(), acting_as(user):
        _vergrendel(gemeente.pk)
        # Corrections: every period from the first one ever settled up to this one (a period skipped in
        # between is settled here too; its lines are then normal lines).
        eerste = (
            Periode.objects.filter(gemeente=gemeente, runs__isnull=False)
            .order_by("begin")
            .values("begin")
            .first()
        )
        eerdere = (
            list(
                Periode.objects.filter(gemeente=gemeente, begin__gte=eerste["begin"], begin__lt=periode.begin)
                .select_related("kalender")
                .order_by("begin")
            )
            if eerste is not None
            else []
        )
        alle = [*eerdere, periode]
        rijen = [(PeriodeRij(p.pk, p.begin, p.eind), p.kalender.soort) for p in alle]
        perioden = [r for r, _ in rijen]
        tarieven = _tarieven(rijen, None)
        ontbrekend = _ontbrekende_tarieven(gemeente, alle, tarieven)
        if ontbrekend:
            raise ValidationError(
                "Geen tarief voor "
                + "; ".join(ontbrekend[:5])
                + (f" (en {len(ontbrekend) - 5} meer)" if len(ontbrekend) > 5 else "")
                + ". Leg eerst het tarief vast; er is niets afgerekend."
            )
        beleid = _beleid(gemeente.pk, perioden)
        stapel = _stapelregels(gemeente.pk, perioden)
        reference = ctes(_dialect(), perioden, beleid, tarieven, standaardbeleid())
        vingerafdruk = _vingerafdrukken(perioden, beleid, tarieven, stapel, vandaag)
        vorige = Afrekenrun.objects.filter(gemeente=gemeente).order_by("-aangemaakt_op", "-id").first()
        run = Afrekenrun.objects.create(
            gemeente=gemeente,
            periode=periode,
            aangemaakt_door=user,
            aangemaakt_door_naam=user.get_username(),
            referentie=vingerafdruk,
        )
        alles: list[int] | None = None
        if not volledig and vorige is not None:
            alles = [
                p.pid
                for p in perioden
                if p.pid == periode.pk or vorige.referentie.get(str(p.pid)) != vingerafdruk[str(p.pid)]
            ]
            _leg_wijzigingen_vast(run, vorige)
        if alles is not None and len(alles) < len(perioden):
            Afrekenrun.objects.filter(pk=run.pk).update(volledig=False)
            run.volledig = False
        else:
            alles = None
        conflicten = _leg_conflicten_vast(run, gemeente, perioden, reference, stapel, vandaag, alles)
        if alles is not None and vorige is not None:
            conflicten += _neem_conflicten_over(run, vorige, perioden, alles)
        # Two statements: the periods nothing was paid for yet (the new period) get their lines in one
        # plain pass, without looking up what was paid; the periods with lines get their corrections
        # (in full for those in ``alles``, else for the changed clients only). The cost of a run is
        # then that of its new period plus that of what changed, whatever the length of the history.
        met_regels = _perioden_met_regels(gemeente, run, perioden)
        d = _dialect()
        with connection.cursor() as cur:
            for deel, correcties in (
                ([p for p in perioden if p.pid not in met_regels], False),
                ([p for p in perioden if p.pid in met_regels], True),
            ):
                if not deel:
                    continue
                pids = {p.pid for p in deel}
                vol = None if alles is None or not correcties else [p for p in alles if p in pids]
                # Corrections for the changed clients only: a few rows, found through the indexes
                # (nested loops) instead of hash joins over every toewijzing (see ``_vergrendel``).
                alleen_gewijzigd = vol == [] and connection.vendor == "postgresql"
                if alleen_gewijzigd:
                    cur.execute("SET LOCAL enable_nestloop = on")
                cur.execute(
                    run_sql(
                        d,
                        run.pk,
                        gemeente.pk,
                        deel,
                        ctes(
                            d,
                            deel,
                            [b for b in beleid if b.pid in pids],
                            [t for t in tarieven if t.pid in pids],
                            standaardbeleid(),
                        ),
                        correcties,
                        vandaag,
                        vol,
                        vastgehouden=bool(conflicten),
                    )
                )
                if alleen_gewijzigd:
                    cur.execute("SET LOCAL enable_nestloop = off")
        resultaat = _samenvatting(run, periode)
        resultaat.conflicten = conflicten
        # An empty first run is kept: it records that the period is settled (a late start is then
        # corrected in a later run). An empty rerun adds nothing and is not kept, unless it holds
        # conflicts back: those are listed on the run for the financieel user to resolve.
        al_afgerekend = Afrekenrun.objects.filter(periode=periode).exclude(pk=run.pk).exists()
        if dry_run or (resultaat.regels == 0 and al_afgerekend and not conflicten):
            transaction.set_rollback(True)
            resultaat.run = None
            resultaat.dry_run = dry_run
            resultaat.melding = (
                "Proefrun: niets vastgelegd."
                if dry_run
                else f"Niets toe te voegen: periode {periode.code} is al volledig afgerekend."
            )
            return resultaat
        Afrekenrun.objects.filter(pk=run.pk).update(
            aantal_regels=resultaat.regels, totaal_cent=resultaat.totaal_cent
        )
        run.aantal_regels, run.totaal_cent = resultaat.regels, resultaat.totaal_cent
        # One audit event for the run: its lines are written set-based (see models docstring).
        record([run], Actie.AANGEMAAKT, ["regels"])
        leg_vast(
            AFREKENRUN_GEMAAKT,
            run,
            periode=periode.code,
            gemeente=run.gemeente,
            regels=run.aantal_regels,
            totaal=euro(run.totaal_cent),
        )
    return resultaat


def _perioden_met_regels(gemeente: Gemeente, run: Afrekenrun, perioden: list[PeriodeRij]) -> set[int]:
    """The periods that may have lines already: every run settles the periods up to its own, so a
    period after the last one any earlier run settled has none (nothing was paid for it). One look-up
    in the runs, not in the lines (which a rolled-back dry run may have left full of dead entries)."""
    laatste = (
        Afrekenrun.objects.filter(gemeente=gemeente)
        .exclude(pk=run.pk)
        .order_by("-periode__begin")
        .values_list("periode__begin", flat=True)
        .first()
    )
    return {p.pid for p in perioden if laatste is not None and p.begin <= laatste}


def _leg_wijzigingen_vast(run: Afrekenrun, vorige: Afrekenrun) -> None:
    """The clients whose data changed since the previous run began, from the audit trail (an hour of
    margin for transactions that were still open then); one set-based insert."""
    sinds = vorige.aangemaakt_op - WIJZIGING_MARGE
    w, a = Runwijziging._meta.db_table, AuditEvent._meta.db_table
    with connection.cursor() as cur:
        cur.execute(
            f"INSERT INTO {w} (run_id, client_id) SELECT DISTINCT %s, client_id FROM {a} "  # noqa: S608
            "WHERE tijdstip >= %s AND client_id IS NOT NULL AND actie NOT IN ("
            + ", ".join(["%s"] * len(ALLEEN_INZAGE))
            + ")",
            [run.pk, sinds, *sorted(ALLEEN_INZAGE)],
        )


def _vingerafdrukken(
    perioden: list[PeriodeRij],
    beleid: list[BeleidRij],
    tarieven: list[TariefRij],
    stapel: list[tuple[int, int, int]],
    vandaag: dt.date,
) -> dict[str, str]:
    """Per period a fingerprint of everything besides client data that decides what is due in it."""
    uit = {}
    producten = sorted(_resultaat_van().items())
    for p in perioden:
        inhoud = repr(
            (
                p.begin,
                p.eind,
                p.eind <= vandaag,
                sorted(repr(b) for b in beleid if b.pid == p.pid),
                standaardbeleid(),
                sorted((t.product_id, t.bedrag_cent) for t in tarieven if t.pid == p.pid),
                sorted(s for s in stapel if s[0] == p.pid),
                producten,
            )
        )
        uit[str(p.pid)] = hashlib.sha256(inhoud.encode()).hexdigest()[:16]
    return uit


def _leg_conflicten_vast(
    run: Afrekenrun,
    gemeente: Gemeente,
    perioden: list[PeriodeRij],
    reference: str,
    stapel: list[tuple[int, int, int]],
    vandaag: dt.date,
    alles: list[int] | None,
) -> list[Afrekenconflict]:
    """The conflicts the run holds back, written before its lines (the line statement skips them)."""
    sql = conflicten_sql(
        _dialect(),
        gemeente.pk,
        reference + "," + stapel_ctes(stapel, _resultaat_van()),
        vandaag,
        run.pk,
        alles,
    )
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            # Counted in the order of the client index (streaming) instead of a hash over every
            # toewijzing: the candidates cost one pass of the index.
            cur.execute("SET LOCAL enable_hashagg = off")
        cur.execute(sql)
        rijen = cur.fetchall()
        if connection.vendor == "postgresql":
            cur.execute("SET LOCAL enable_hashagg = on")
    conflicten = [
        Afrekenconflict(
            run=run,
            periode_id=pid,
            client_id=client_id,
            toewijzing_id=tid,
            andere_toewijzing_id=andere,
            aanbieder_id=aanbieder_id,
            reden=ConflictReden.ZELFDE_PRODUCT if p1 == p2 else ConflictReden.ZELFDE_RESULTAAT,
            eerste_dag=_datum(eerste),
            laatste_dag=_datum(laatste),
        )
        for pid, client_id, tid, andere, aanbieder_id, p1, p2, eerste, laatste in rijen
    ]
    return Afrekenconflict.objects.bulk_create(conflicten)


def _neem_conflicten_over(
    run: Afrekenrun, vorige: Afrekenrun, perioden: list[PeriodeRij], alles: list[int]
) -> list[Afrekenconflict]:
    """An incremental run recomputes the earlier periods only for the clients that changed; for the
    others nothing that decides an overlap changed since the previous run, so the overlaps that run held
    still hold. They are held (and listed) again, so that the run shows every unresolved overlap, as a
    full run would, and not only the ones of changed clients."""
    eerder = [p.pid for p in perioden if p.pid not in set(alles)]
    gewijzigd = Runwijziging.objects.filter(run=run).values("client_id")
    over = Afrekenconflict.objects.filter(run=vorige, periode_id__in=eerder).exclude(client_id__in=gewijzigd)
    return Afrekenconflict.objects.bulk_create(
        Afrekenconflict(
            run=run,
            periode_id=k.periode_id,
            client_id=k.client_id,
            toewijzing_id=k.toewijzing_id,
            andere_toewijzing_id=k.andere_toewijzing_id,
            aanbieder_id=k.aanbieder_id,
            reden=k.reden,
            eerste_dag=k.eerste_dag,
            laatste_dag=k.laatste_dag,
        )
        for k in over.order_by("id")
    )


def _samenvatting(run: Afrekenrun, periode: Periode) -> Runresultaat:
    """Lines, clients and total of a run, per provider and in all. PostgreSQL: one pass over the run's
    lines (grouping sets) instead of one per figure."""
    regels = Afrekenregel.objects.filter(run=run)
    if connection.vendor == "postgresql":
        r = Alias(Afrekenregel, "r")
        with connection.cursor() as cur:
            cur.execute(
                f"SELECT {r.aanbieder}, COUNT(*), COUNT(DISTINCT {r.client}), SUM({r.bedrag_cent}) "  # noqa: S608
                f"FROM {r.tabel} WHERE {r.run} = %s GROUP BY GROUPING SETS (({r.aanbieder}), ())",
                [run.pk],
            )
            rijen = cur.fetchall()
        namen = dict(
            Aanbieder.objects.filter(pk__in=[a for a, *_ in rijen if a is not None]).values_list("pk", "naam")
        )
        totaal = next((rij for rij in rijen if rij[0] is None), (None, 0, 0, 0))
        per = sorted(
            (
                {"aanbieder_id": a, "aanbieder__naam": namen[a], "n": n, "c": c, "s": som}
                for a, n, c, som in rijen
                if a is not None
            ),
            key=lambda x: x["aanbieder__naam"],
        )
        clienten = totaal[2]
    else:
        per = list(
            regels.values("aanbieder_id", "aanbieder__naam")
            .annotate(n=Count("id"), c=Count("client_id", distinct=True), s=Sum("bedrag_cent"))
            .order_by("aanbieder__naam")
        )
        clienten = regels.aggregate(c=Count("client_id", distinct=True))["c"]
    return Runresultaat(
        run=run,
        periode=periode,
        regels=sum(r["n"] for r in per),
        clienten=clienten or 0,
        totaal_cent=sum(r["s"] or 0 for r in per),
        per_aanbieder=[
            Regelsamenvatting(r["aanbieder_id"], r["aanbieder__naam"], r["n"], r["c"], r["s"] or 0)
            for r in per
        ],
    )


def keur_goed(*, run: Afrekenrun, door: Any) -> Afrekenrun:
    """A second person approves a concept run; then it is payable and gets one batch per provider."""
    with transaction.atomic(), acting_as(door):
        run = Afrekenrun.objects.select_for_update().get(pk=run.pk)
        bezwaar = run.goedkeuring_bezwaar(door)
        if bezwaar:
            raise ValidationError(bezwaar)
        run.status = RunStatus.GOEDGEKEURD
        run.goedgekeurd_door = door
        run.goedgekeurd_op = timezone.now()
        run.save(update_fields=["status", "goedgekeurd_door", "goedgekeurd_op"])
        betaalgegevens.leg_vast_bij_goedkeuring(run)
        per = (
            Afrekenregel.objects.filter(run=run)
            .values("aanbieder_id")
            .annotate(n=Count("id"), c=Count("client_id", distinct=True), s=Sum("bedrag_cent"))
        )
        # The bank details approved with the run: what the files of every batch pay, whatever the
        # provider's record says later.
        rekeningen = {
            a.pk: a
            for a in Aanbieder.objects.filter(pk__in=[r["aanbieder_id"] for r in per]).only("naam", "iban")
        }
        Betaalbatch.objects.bulk_create(
            Betaalbatch(
                run=run,
                aanbieder_id=r["aanbieder_id"],
                aantal_regels=r["n"],
                aantal_clienten=r["c"],
                totaal_cent=r["s"],
                iban=rekeningen[r["aanbieder_id"]].iban,
                rekeninghouder=rekeningen[r["aanbieder_id"]].naam,
            )
            for r in per
        )
        record([run], Actie.GEWIJZIGD, ["status", "goedgekeurd_door"])
        leg_vast(
            AFREKENRUN_GOEDGEKEURD,
            run,
            periode=run.periode.code,
            gemeente=run.gemeente,
            regels=run.aantal_regels,
            totaal=euro(run.totaal_cent),
            gemaakt_door=run.aangemaakt_door_naam,
        )
    return run


def betaald_per_toewijzing(gemeente: Gemeente) -> dict[tuple[int, int], int]:
    """What all runs together paid per (toewijzing, period)."""
    totaal: dict[tuple[int, int], int] = defaultdict(int)
    for tid, pid, s in (
        Afrekenregel.objects.filter(run__gemeente=gemeente)
        .values_list("toewijzing_id", "periode_id")
        .annotate(s=Sum("bedrag_cent"))
        .values_list("toewijzing_id", "periode_id", "s")
    ):
        totaal[(tid, pid)] += s
    return dict(totaal)


def verschuldigd_cent(*, toewijzing: Any, periode_begin: dt.date, periode_eind: dt.date) -> int:
    """What is due in eurocents for ``toewijzing`` from ``periode_begin`` up to and including
    ``periode_eind`` (iWmo dates are inclusive), computed exactly as the settlement run does: the
    entry point of the iWmo 323 check; see :func:`verschuldigd` for the reasons behind the amount."""
    return verschuldigd(toewijzing, (periode_begin, periode_eind + dt.timedelta(days=1))).bedrag_cent


# --- Held for want of a plan ---------------------------------------------------------------------------


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

"""Bekostiging services: calendars, what is due, the settlement run, approval and batches.

Every write goes through these functions, in one transaction each. The run is one ``INSERT ... SELECT``
(see :mod:`resultaat.bekostiging.sql`) over all toewijzingen of the gemeente at once.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Count, Sum
from django.utils import timezone

from resultaat.bekostiging import betaalgegevens, referentie
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
    CakPeriodejaar,
    ConflictReden,
    Grondslag,
    KalenderSoort,
    Periode,
    Periodekalender,
    Regel,
    RunStatus,
    Runwijziging,
)
from resultaat.bekostiging.referentie import bedrag_voor_periode, standaardbeleid  # noqa: F401  (callers use services)
from resultaat.bekostiging.sql import (
    Alias,
    BeleidRij,
    PeriodeRij,
    TariefRij,
    conflicten_sql,
    ctes,
    run_sql,
    stapel_ctes,
    verschuldigd_cte,
)
from resultaat.bekostiging.wachtopplan import WachtOpPlan, wacht_op_plan  # noqa: F401  (the pages call services)
from resultaat.contracten.models import Contract
from resultaat.core.audit.context import acting_as
from resultaat.core.audit.gebeurtenissen import leg_vast
from resultaat.core.audit.models import ALLEEN_INZAGE, Actie, AuditEvent, record
from resultaat.core.opmaak import euro
from resultaat.organisaties.models import Aanbieder, Gemeente

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
    d = referentie.dialect()
    sql = (
        "WITH "
        + ctes(
            d,
            [rij],
            referentie.beleid(toewijzing.gemeente_id, [rij]),
            referentie.tarieven([(rij, soort)], [toewijzing.product_id]),
            referentie.standaardbeleid(),
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
        tarief = referentie.tarieven([(rij, soort)], [toewijzing.product_id])
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
    toewijzing, for which hash joins and enough sort memory beat per-row index lookups (and beat
    sorting every row for a merge join with a small reference table), and JIT compilation costs more
    than it saves."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute("SELECT pg_advisory_xact_lock(%s, %s)", [LOCK_NAMESPACE, int(gemeente_id)])
            cur.execute("SET LOCAL jit = off")
            cur.execute("SET LOCAL enable_nestloop = off")
            cur.execute("SET LOCAL enable_mergejoin = off")
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
        tarieven = referentie.tarieven(rijen, None)
        ontbrekend = referentie.ontbrekende_tarieven(gemeente, alle, tarieven)
        if ontbrekend:
            raise ValidationError(
                "Geen tarief voor "
                + "; ".join(ontbrekend[:5])
                + (f" (en {len(ontbrekend) - 5} meer)" if len(ontbrekend) > 5 else "")
                + ". Leg eerst het tarief vast; er is niets afgerekend."
            )
        beleid = referentie.beleid(gemeente.pk, perioden)
        stapel = referentie.stapelregels(gemeente.pk, perioden)
        reference = ctes(referentie.dialect(), perioden, beleid, tarieven, referentie.standaardbeleid())
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
        d = referentie.dialect()
        # Without payment on the plan the rules concern a few toewijzingen, read by id (see ``run_sql``).
        zonder_plan = all(b.grondslag == Grondslag.START for b in [*beleid, referentie.standaardbeleid()])
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
                # The new period: the candidates for the rules (``kand``) are counted per toewijzing in
                # the order of the deliveries' index (streaming) instead of in a hash of every
                # toewijzing; its other groupings hold only those few candidates.
                nieuw = not correcties and connection.vendor == "postgresql"
                if nieuw:
                    cur.execute("SET LOCAL enable_hashagg = off")
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
                            referentie.standaardbeleid(),
                        ),
                        correcties,
                        vandaag,
                        vol,
                        vastgehouden=bool(conflicten),
                        via_kandidaten=zonder_plan,
                    )
                )
                if alleen_gewijzigd:
                    cur.execute("SET LOCAL enable_nestloop = off")
                if nieuw:
                    cur.execute("SET LOCAL enable_hashagg = on")
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
    producten = sorted(referentie.resultaat_van().items())
    for p in perioden:
        inhoud = repr(
            (
                p.begin,
                p.eind,
                p.eind <= vandaag,
                sorted(repr(b) for b in beleid if b.pid == p.pid),
                referentie.standaardbeleid(),
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
        referentie.dialect(),
        gemeente.pk,
        reference + "," + stapel_ctes(stapel, referentie.resultaat_van()),
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

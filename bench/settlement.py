"""Benchmark of the settlement run: ``python bench/settlement.py --toewijzingen 1000000``.

Fills a database with N active toewijzingen (one client, one start each; a few percent start during
the period, so the partial-period rules do real work), settles one four-week period with the real
service (``bekostiging.services.afrekenen``), and compares its wall time with the floor: one
hand-written ``INSERT ... SELECT`` of the plain full-period amounts into the same table (rolled back).

Database: PostgreSQL when ``DATABASE_URL`` is set (use a database of your own, e.g.
``postgres://postgres@127.0.0.1:5432/bench_bekostiging``; it is created when missing and emptied), else
a temporary SQLite file. The last line is ``seconds=... ratio_to_floor=...``.

``--history N`` settles N four-week periods first (from 2017-P01), then makes 1% of the toewijzingen
change retroactively (a stop in period 2, through the audited queryset update, as the services write),
and times the run of the next period; beside the floor it times the same period settled without any
history (a dry run before the history exists). The last line is then
``seconds=... ratio_to_no_history=... ratio_to_floor=...``. The floor is timed on an empty table of
lines; after the run it is timed again with the history in place (``floor with history``), as inserting
into the lines' indexes costs more once they hold N periods.

PostgreSQL only: ``--bewaar NAAM`` keeps two copies as templates, ``NAAM_leeg`` (filled, nothing
settled) and ``NAAM_historie`` (the history settled and the 1% changed); ``--hergebruik NAAM`` starts
from them (``createdb -T``) instead of filling and settling again, so that two versions of the code time
their last run on the same data. Pending migrations are applied to each copy.

On a shared machine wall time follows the load; the line before the last gives the same ratios in CPU
seconds (this process plus, on a local PostgreSQL, its server backend, read from ``/proc``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))


def _pg_args() -> tuple[str, list[str]]:
    """The database name of ``DATABASE_URL`` and the connection arguments of the PostgreSQL tools."""
    parsed = urlparse(os.environ["DATABASE_URL"])
    args = [
        "-h",
        parsed.hostname or "127.0.0.1",
        "-p",
        str(parsed.port or 5432),
        "-U",
        parsed.username or "postgres",
    ]
    return parsed.path.lstrip("/"), args


def _kopieer(bron: str, doel: str) -> None:
    """``doel`` becomes a fresh copy of ``bron`` (neither may have open connections)."""
    _, args = _pg_args()
    subprocess.run(["dropdb", *args, "--if-exists", doel], check=True)  # noqa: S603, S607
    subprocess.run(["createdb", *args, "-T", bron, doel], check=True)  # noqa: S603, S607


def _prepare_database(hergebruik: str | None = None) -> str:
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        naam, args = _pg_args()
        if hergebruik:
            _kopieer(f"{hergebruik}_leeg", naam)
            return f"PostgreSQL ({naam}, a copy of {hergebruik}_leeg)"
        bestaat = subprocess.run(  # noqa: S603
            ["psql", *args, "-tAc", "SELECT 1 FROM pg_database WHERE datname = '" + naam + "'", "postgres"],  # noqa: S607, S608
            capture_output=True,
            text=True,
            check=False,
        )
        if bestaat.stdout.strip() != "1":
            subprocess.run(["createdb", *args, naam], check=True)  # noqa: S603, S607
        else:
            subprocess.run(  # noqa: S603
                ["psql", *args, "-qc", "DROP SCHEMA public CASCADE; CREATE SCHEMA public;", naam],  # noqa: S607
                check=True,
                capture_output=True,
            )
        return f"PostgreSQL ({naam})"
    pad = Path(tempfile.mkdtemp(prefix="bench_bekostiging_")) / "bench.sqlite3"
    os.environ["SQLITE_PATH"] = str(pad)
    return f"SQLite ({pad})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--toewijzingen", type=int, default=100_000)
    parser.add_argument("--periode", default="2017-P02")
    parser.add_argument("--history", type=int, default=0, help="Settle this many periods first.")
    parser.add_argument("--bewaar", metavar="NAAM", help="Keep NAAM_leeg and NAAM_historie (PostgreSQL).")
    parser.add_argument("--hergebruik", metavar="NAAM", help="Start from the copies kept by --bewaar.")
    opts = parser.parse_args()
    n = opts.toewijzingen
    if (opts.bewaar or opts.hergebruik) and not (
        os.environ.get("DATABASE_URL", "").startswith("postgres") and opts.history
    ):
        raise SystemExit("bench: --bewaar and --hergebruik need PostgreSQL and --history")

    database = _prepare_database(opts.hergebruik)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "resultaat.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction

    call_command("migrate", verbosity=0)

    from resultaat.bekostiging import referentie, services
    from resultaat.bekostiging import sql as sql_mod
    from resultaat.bekostiging.models import Afrekenregel
    from resultaat.catalogus.models import Product
    from resultaat.catalogus.seed import PRODUCT_THUISONDERSTEUNING
    from resultaat.clienten.models import Client
    from resultaat.contracten.models import Contract, ContractProduct
    from resultaat.core.audit.context import acting_as
    from resultaat.organisaties.models import Aanbieder, Gemeente
    from resultaat.toewijzingen.models import Levering, Toewijzing

    pg = connection.vendor == "postgresql"
    print(f"database: {database}; {os.cpu_count()} cores; toewijzingen: {n:,}")
    backend: Path | None = None

    def verbind() -> None:
        """(Re)connect and find the server backend whose CPU time counts."""
        nonlocal backend
        if pg:
            with connection.cursor() as cur:
                cur.execute("SELECT pg_backend_pid()")
                backend = Path(f"/proc/{cur.fetchone()[0]}/stat")

    def kopie(bron: str | None = None, doel: str | None = None) -> None:
        """Copy the bench database to ``doel``, or replace it by a copy of ``bron``; then reconnect."""
        connection.close()
        naam, _ = _pg_args()
        _kopieer(bron or naam, doel or naam)
        if bron:
            call_command("migrate", verbosity=0)
        verbind()

    verbind()

    def cpu() -> float:
        """CPU seconds of this process and of its PostgreSQL backend (when local and readable)."""
        eigen = time.process_time()
        if backend is None or not backend.exists():
            return eigen
        velden = backend.read_text().rsplit(")", 1)[1].split()
        return eigen + (int(velden[11]) + int(velden[12])) / os.sysconf("SC_CLK_TCK")

    from resultaat.accounts.models import Rol, User
    from resultaat.catalogus.models import Tarief

    categorie, code = PRODUCT_THUISONDERSTEUNING
    product = Product.objects.get(categorie=categorie, code=code)
    if opts.hergebruik:
        gemeente = Gemeente.objects.get(code="0361")
        maker = User.objects.get(username="bench-financieel")
    else:
        gemeente = Gemeente.objects.create(code="0361", naam="Alkmaar")
        aanbieders = []
        for i in range(4):
            a = Aanbieder.objects.create(
                agb_code=f"9800000{i}",
                naam=f"Aanbieder {i}",
                kvk_nummer=f"5000000{i}",
                iban="NL91ABNA0417164300",
            )
            c = Contract.objects.create(kenmerk=f"B-{i}", aanbieder=a, geldig_van="2016-01-01")
            c.gemeenten.set([gemeente])
            ContractProduct.objects.create(contract=c, product=product, geldig_van="2016-01-01")
            aanbieders.append(a.pk)
        maker = User.objects.create(username="bench-financieel", rol=Rol.FINANCIEEL)
        maker.gemeenten.set([gemeente])
        # Every year of the history has a tariff (the seed catalogue has 2017's).
        laatste = Tarief.objects.filter(product=product).order_by("-geldig_van").first()
        if laatste is not None and laatste.geldig_tot is not None:
            Tarief.objects.create(
                product=product,
                bedrag_cent=laatste.bedrag_cent,
                periode=laatste.periode,
                geldig_van=laatste.geldig_tot,
            )

        def series(select: str) -> str:
            if pg:
                return select + f" FROM generate_series(1, {n}) AS g(n)"  # noqa: S608
            reeks = f"WITH RECURSIVE g(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM g WHERE n < {n}) "  # noqa: S608
            return reeks + select + " FROM g"  # noqa: S608

        def insert(model: type, waarden: dict[str, str]) -> None:
            kolommen, expressies = [], []
            for f in model._meta.concrete_fields:
                if f.primary_key:
                    continue
                kolommen.append(f.column)
                if f.column in waarden:
                    expressies.append(waarden[f.column])
                elif f.null:
                    expressies.append("NULL")
                elif (
                    f.get_internal_type() in ("CharField", "TextField", "EmailField")
                    and f.blank
                    and not f.has_default()
                ):
                    expressies.append("''")
                elif f.has_default() and isinstance(f.get_default(), str):
                    expressies.append("'" + f.get_default().replace("'", "''") + "'")
                elif f.has_default() and isinstance(f.get_default(), bool):
                    expressies.append(
                        ("TRUE" if f.get_default() else "FALSE") if pg else str(int(f.get_default()))
                    )
                elif f.has_default() and isinstance(f.get_default(), int):
                    expressies.append(str(f.get_default()))
                else:
                    raise SystemExit(f"bench: no value for {model.__name__}.{f.column}")
            sql = f"INSERT INTO {model._meta.db_table} ({', '.join(kolommen)}) " + series(
                f"SELECT {', '.join(expressies)}"
            )
            with connection.cursor() as cur:
                cur.execute(sql)

        bsn = "lpad(CAST(n AS TEXT), 9, '0')" if pg else "substr('000000000' || n, -9, 9)"
        nu = "CURRENT_TIMESTAMP"
        t0 = time.perf_counter()
        with transaction.atomic():
            with connection.cursor() as cur:
                cur.execute("SELECT COALESCE(MAX(id), 0) FROM clienten_client")
                basis = cur.fetchone()[0]
            insert(
                Client,
                {
                    "bsn": bsn,
                    "gemeente_id": str(gemeente.pk),
                    "achternaam": "'Client ' || n",
                    "geboortedatum": "'1940-05-17'" if not pg else "DATE '1940-05-17'",
                    "aangemaakt_op": nu,
                },
            )
            aanbieder_case = (
                "CASE n % 4 " + " ".join(f"WHEN {i} THEN {a}" for i, a in enumerate(aanbieders)) + " END"
            )
            datum = (lambda s: f"DATE '{s}'") if pg else (lambda s: f"'{s}'")
            insert(
                Toewijzing,
                {
                    "toewijzingsdatum": datum("2016-12-20"),
                    "toewijzingstijd": "TIME '09:00:00'" if pg else "'09:00:00'",
                    "ingangsdatum": datum("2017-01-01"),
                    "gemeente_id": str(gemeente.pk),
                    "nummer": "n",
                    "client_id": f"{basis} + n",
                    "aanbieder_id": aanbieder_case,
                    "product_id": str(product.pk),
                    "volume": "1",
                    "eenheid": "'82'",
                    "frequentie": "'4'",
                },
            )
            with connection.cursor() as cur:
                cur.execute("SELECT MIN(id) FROM toewijzingen_toewijzing")
                eerste_t = cur.fetchone()[0]
            # 95% in care since 1 January; 5% start somewhere in P02 (partial period).
            begin = (
                "CASE WHEN n % 20 = 0 THEN DATE '2017-01-29' + (n % 28) ELSE DATE '2017-01-01' END"
                if pg
                else "CASE WHEN n % 20 = 0 THEN date('2017-01-29', '+' || (n % 28) || ' days') "
                "ELSE '2017-01-01' END"
            )
            insert(
                Levering,
                {
                    "toewijzing_id": f"{eerste_t} - 1 + n",
                    "begindatum": begin,
                    "bron": "'portaal'",
                    "start_gemeld_op": nu,
                },
            )
        vul = time.perf_counter() - t0
        if pg:
            with connection.cursor() as cur:
                cur.execute("ANALYZE")
        print(f"filled in {vul:.1f} s")
    if opts.history:
        codes = [f"{2017 + i // 13}-P{i % 13 + 1:02d}" for i in range(opts.history + 1)]
        opts.periode = codes[-1]
    periode = services.zoek_periode(gemeente, opts.periode)
    if opts.bewaar:
        kopie(doel=f"{opts.bewaar}_leeg")

    def floor(periode: Any = periode) -> tuple[float, float]:
        d = referentie.dialect()
        sql = f"""
INSERT INTO bekostiging_afrekenregel ({sql_mod.INSERT_KOLOMMEN})
SELECT %s, %s, t.id, t.client_id, t.aanbieder_id, t.product_id, 'normaal', 'volledig', 21600, 21600, 0, 21600,
  28, 28, {d.datum_lit(periode.begin)}, {d.datum_lit(periode.laatste_dag)}, 'start'
FROM toewijzingen_toewijzing t
JOIN toewijzingen_levering l ON l.toewijzing_id = t.id
WHERE t.gemeente_id = %s AND t.ingangsdatum < %s AND (t.einddatum IS NULL OR t.einddatum >= %s)
  AND l.begindatum < %s AND (l.einddatum IS NULL OR l.einddatum >= %s)"""  # noqa: S608
        with transaction.atomic():
            from resultaat.bekostiging.models import Afrekenrun

            run = Afrekenrun.objects.create(gemeente=gemeente, periode=periode, aangemaakt_door_naam="bench")
            start, c0 = time.perf_counter(), cpu()
            with connection.cursor() as cur:
                cur.execute(
                    sql,
                    [
                        run.pk,
                        periode.pk,
                        gemeente.pk,
                        periode.eind,
                        periode.begin,
                        periode.eind,
                        periode.begin,
                    ],
                )
                rows = cur.rowcount
            duur, cpu_duur = time.perf_counter() - start, cpu() - c0
            transaction.set_rollback(True)
        print(f"floor: {rows:,} rows in {duur:.2f} s ({cpu_duur:.2f} CPU s)")
        return duur, cpu_duur

    vloer, cpu_vloer = floor()
    zonder_historie = cpu_zonder = None
    if opts.history:
        start, c0 = time.perf_counter(), cpu()
        with acting_as(maker):
            services.afrekenen(gemeente=gemeente, periode=periode, door=maker, dry_run=True)
        zonder_historie, cpu_zonder = time.perf_counter() - start, cpu() - c0
        print(f"no history: {periode.code} in {zonder_historie:.2f} s ({cpu_zonder:.2f} CPU s, dry run)")
        if opts.hergebruik:
            kopie(bron=f"{opts.hergebruik}_historie")
            print(f"history: a copy of {opts.hergebruik}_historie")
        else:
            for code in codes[:-1]:
                start = time.perf_counter()
                with acting_as(maker):
                    r = services.afrekenen(
                        gemeente=gemeente, periode=services.zoek_periode(gemeente, code), door=maker
                    )
                print(f"history {code}: {r.regels:,} lines in {time.perf_counter() - start:.2f} s")
            # 1% of the toewijzingen change retroactively: care stopped in period 2 (audited, as a
            # service does).
            stop = services.zoek_periode(gemeente, codes[1]).begin + dt.timedelta(days=13)
            gewijzigd = Levering.objects.filter(
                toewijzing__gemeente=gemeente, toewijzing__nummer__lte=max(n // 100, 1), begindatum__lte=stop
            )
            with acting_as(maker), transaction.atomic():
                aantal = gewijzigd.update(einddatum=stop, reden_beeindiging="02")
            print(f"changed retroactively: {aantal:,} leveringen (stop on {stop:%d-%m-%Y})")
            if pg:
                with connection.cursor() as cur:
                    cur.execute("ANALYZE")
        if opts.bewaar:
            kopie(doel=f"{opts.bewaar}_historie")
    start, c0 = time.perf_counter(), cpu()
    with acting_as(maker):
        res = services.afrekenen(gemeente=gemeente, periode=periode, door=maker)
    seconden, cpu_seconden = time.perf_counter() - start, cpu() - c0
    regels = Afrekenregel.objects.filter(run=res.run).count()
    print(
        f"settlement {periode.code}: {res.regels:,} lines ({regels:,} stored), {res.clienten:,} clients, "
        f"total EUR {res.totaal_cent / 100:,.2f}"
    )
    for s in res.per_aanbieder:
        print(f"  {s.aanbieder}: {s.regels:,} lines, EUR {s.totaal_cent / 100:,.2f}")
    if opts.history:
        # The floor above ran on an empty table of lines; the same statement now, with the history's
        # lines and their indexes in place (rolled back), shows what inserting alone costs after N periods.
        # The next period (the timed one has its lines now, one normal line per toewijzing and period).
        i = opts.history + 1
        volgende = services.zoek_periode(gemeente, f"{2017 + i // 13}-P{i % 13 + 1:02d}")
        print("floor with history:", end=" ")
        vloer_h, cpu_vloer_h = floor(volgende)
        print(
            f"cpu_ratio_to_floor_with_history={cpu_seconden / cpu_vloer_h:.2f} "
            f"ratio_to_floor_with_history={seconden / vloer_h:.2f}"
        )
    print(f"rows_per_second={res.regels / seconden:,.0f}")
    if cpu_zonder is not None:
        print(
            f"cpu_seconds={cpu_seconden:.2f} cpu_ratio_to_no_history={cpu_seconden / cpu_zonder:.2f} "
            f"cpu_ratio_to_floor={cpu_seconden / cpu_vloer:.2f}"
        )
    else:
        print(f"cpu_seconds={cpu_seconden:.2f} cpu_ratio_to_floor={cpu_seconden / cpu_vloer:.2f}")
    if zonder_historie is not None:
        print(
            f"seconds={seconden:.2f} ratio_to_no_history={seconden / zonder_historie:.2f} "
            f"ratio_to_floor={seconden / vloer:.2f}"
        )
    else:
        print(f"seconds={seconden:.2f} ratio_to_floor={seconden / vloer:.2f}")


if __name__ == "__main__":
    main()

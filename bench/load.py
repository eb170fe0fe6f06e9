"""Load benchmark of the production server: ``DATABASE_URL=postgres://... python bench/load.py``.

1. The PostgreSQL database of ``DATABASE_URL`` (a database of your own; created when missing) gets the
   demo region with ``--basis`` clients (``generate_demo``), whose client data is then copied in bulk SQL
   until there are ``--clients`` (``bench/vermenigvuldig.py``; 100,000 clients in a few minutes); skipped
   when it already has them. Its tables are vacuumed and analysed (``VACUUM (ANALYZE)``) after the bulk
   load, as autovacuum leaves a database in use: the visibility map set, so that index-only scans read
   no table rows (right after a bulk load they would, which no production database sees for long).
2. The production server starts on 127.0.0.1 as ``make serve`` starts it: collected static files,
   gunicorn with ``deploy/gunicorn.conf.py`` and ``--workers`` workers.
3. ``--users`` concurrent users, spread over every demo login (every role), each request its main pages
   (the menu of its role, the home page, a client's file for the roles that open one) and the API lists
   its role may read, one after the other without think time, for ``--seconds`` seconds after a warm-up.
   Every request has a timeout, so the run is bounded.
4. It prints requests/s, p50, p95, p99 and the errors, and the slowest pages by p95 with the number of
   SQL queries each makes (counted afterwards in-process, for the same user, on the same database).
5. Its last two lines: the CPU one request costs the machine (its busy time over the whole run, warm-up
   included, split into gunicorn and its workers, this load generator, and the rest: PostgreSQL and
   whatever else runs, so run it on a quiet machine), with the capacity that gives, and what the goal
   asks: with U users and no think time a request takes U / throughput on average (Little's law), so a
   p95 under 300 ms needs at least U / 0.3 requests/s; the ratio of that to the measured rate.

Figures depend on the machine: report them with its load (``uptime``) at the time.

``--profiel`` measures instead, one user at a time and in-process (no server), what every page and API
list of the mix costs for one demo login of each role: CPU milliseconds of the Django process
(``time.process_time``) and of the PostgreSQL backend (its ``/proc`` CPU counters), and the number of SQL
queries; the median of ``--herhalingen`` requests after one warm-up request. CPU time hardly depends on
the other work on the machine, so this figure is the one to compare on a busy machine; the capacity it
implies is about ``cores * 1000 / mean CPU ms`` requests/s.
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import re
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
PY = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")


def database_url() -> str:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        sys.exit(
            "Zet DATABASE_URL op een eigen PostgreSQL-database, bijvoorbeeld postgres://postgres@127.0.0.1:5432/resultaat_load"
        )
    return url


def psql(url: str, sql: str, database: str | None = None) -> str:
    deel = urllib.parse.urlparse(url)
    args = [
        "psql",
        "-h",
        deel.hostname or "127.0.0.1",
        "-p",
        str(deel.port or 5432),
        "-U",
        deel.username or "postgres",
    ]
    args += ["-d", database or deel.path.lstrip("/"), "-Atqc", sql]
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout.strip()  # noqa: S603


def prepare(url: str, clients: int, basis_clients: int, env: dict[str, str]) -> None:
    naam = urllib.parse.urlparse(url).path.lstrip("/")
    bestaat = f"SELECT 1 FROM pg_database WHERE datname = '{naam}'"  # noqa: S608 (the own database name)
    if not psql(url, bestaat, database="postgres"):
        psql(url, f'CREATE DATABASE "{naam}"', database="postgres")
    subprocess.run([PY, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)  # noqa: S603
    aanwezig = int(psql(url, "SELECT count(*) FROM clienten_client"))
    if aanwezig == 0:
        basis = min(clients, basis_clients)
        print(f"demo-regio met {basis} cliënten genereren ...", flush=True)
        begin = time.perf_counter()
        subprocess.run(  # noqa: S603
            [PY, "manage.py", "generate_demo", "--clients", str(basis), "--seed", "2026"],
            cwd=ROOT,
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        print(f"gegenereerd in {time.perf_counter() - begin:.0f} s", flush=True)
        aanwezig = int(psql(url, "SELECT count(*) FROM clienten_client"))
    if aanwezig < clients:
        factor = -(-clients // aanwezig)
        print(f"de {aanwezig} cliënten met hun gegevens {factor} keer in bulk-SQL ...", flush=True)
        begin = time.perf_counter()
        django_opzetten(env)
        from vermenigvuldig import vermenigvuldig

        rijen = vermenigvuldig(factor)
        print(f"{sum(rijen.values())} rijen gekopieerd in {time.perf_counter() - begin:.0f} s", flush=True)
    psql(url, "VACUUM (ANALYZE)")
    clienten = psql(url, "SELECT count(*) FROM clienten_client")
    toewijzingen = psql(url, "SELECT count(*) FROM toewijzingen_toewijzing")
    print(
        f"database: {clienten} cliënten, {toewijzingen} toewijzingen (VACUUM en ANALYZE gedaan)", flush=True
    )


CLIENT = "<cliënt>"


@dataclass
class Gebruiker:
    username: str
    rol: str
    paden: list[str]
    clienten: list[str]
    cookie: str = ""


def django_opzetten(env: dict[str, str]) -> None:
    os.environ.update(env)
    import django

    django.setup()


def plan_users(env: dict[str, str]) -> list[Gebruiker]:
    """Every demo login with its main pages and API lists (in-process, read-only)."""
    django_opzetten(env)
    from django.urls import NoReverseMatch, reverse

    from resultaat.accounts.models import User
    from resultaat.api.urls import ROUTES
    from resultaat.clienten.models import Client
    from resultaat.core.navigation import ROL_MENU, SECTIES

    gebruikers = []
    for user in User.objects.filter(is_active=True, is_superuser=False).order_by("username"):
        paden = ["/"]
        for code, _label in ROL_MENU.get(user.rol, ()):
            if code in ("beheer",):
                continue
            try:
                paden.append(reverse(SECTIES[code].url_name))
            except NoReverseMatch:
                continue
        for prefix, viewset, _basename in ROUTES:
            rollen = getattr(viewset, "lees_rollen", None)
            if hasattr(viewset, "list") and (rollen is None or user.rol in rollen):
                paden.append(f"/api/v1/{prefix}/")
        clienten: list[str] = []
        if "clienten" in [c for c, _ in ROL_MENU.get(user.rol, ())]:
            ids = Client.objects.for_user(user).order_by("?").values_list("pk", flat=True)[:50]
            clienten = [reverse("web:client-detail", args=[pk]) for pk in ids]
        if clienten:
            paden.append(CLIENT)  # one page among the others: a client's file, another one each time
        gebruikers.append(Gebruiker(user.username, user.rol, paden, clienten))
    return gebruikers


def query_counts(
    gebruikers: dict[str, Gebruiker], paden: list[tuple[str, str]]
) -> dict[tuple[str, str], int]:
    from django.db import connection
    from django.test import Client as TestClient
    from django.test.utils import CaptureQueriesContext

    from resultaat.accounts.models import User

    uit = {}
    for username, pad in paden:
        test = TestClient(HTTP_HOST="127.0.0.1")
        test.force_login(User.objects.get(username=username))
        with CaptureQueriesContext(connection) as vangst:
            test.get(pad)
        uit[(username, pad)] = len(vangst.captured_queries)
    return uit


def _backend_cpu_ms(pid: int) -> float:
    """CPU time (user + system) of a PostgreSQL backend on this machine, in ms."""
    velden = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(velden[11]) + int(velden[12])) * 1000 / os.sysconf("SC_CLK_TCK")


def _cpu_s(pids: list[int]) -> float:
    """CPU seconds (user + system) of these processes; a process that has ended counts 0."""
    totaal = 0.0
    for pid in pids:
        try:
            totaal += _backend_cpu_ms(pid) / 1000
        except (OSError, IndexError):
            pass
    return totaal


def _kinderen(pid: int) -> list[int]:
    """A process and its descendants (the gunicorn master and its workers)."""
    uit, rij = [], [pid]
    while rij:
        p = rij.pop()
        uit.append(p)
        for taak in Path(f"/proc/{p}/task").glob("*/children"):
            rij += [int(k) for k in taak.read_text().split()]
    return uit


def _machine_cpu_s() -> float:
    """CPU seconds the whole machine has spent busy (every core, every process: /proc/stat)."""
    velden = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    bezig = sum(velden) - velden[3] - velden[4]  # all but idle and iowait
    return bezig / os.sysconf("SC_CLK_TCK")


def profiel(gebruikers: list[Gebruiker], herhalingen: int) -> None:
    """Per page and role: median Django CPU ms, PostgreSQL CPU ms and queries of one request."""
    from django.db import connection
    from django.test import Client as TestClient
    from django.test.utils import CaptureQueriesContext

    from resultaat.accounts.models import User

    connection.ensure_connection()
    with connection.cursor() as cursor:
        # Parallel workers are processes of their own, whose CPU the backend's counters miss: without
        # them every query's CPU is counted (and a saturated 2-core server gains nothing from them).
        cursor.execute("SET max_parallel_workers_per_gather = 0")
        cursor.execute("SELECT pg_backend_pid()")
        backend = cursor.fetchone()[0]
    per_rol: dict[str, Gebruiker] = {}
    for g in gebruikers:
        per_rol.setdefault(g.rol, g)
    regels = []
    for rol, g in sorted(per_rol.items()):
        test = TestClient(HTTP_HOST="127.0.0.1")
        test.force_login(User.objects.get(username=g.username))
        for pad in g.paden:
            metingen = []
            for i in range(herhalingen + 1):
                echt = g.clienten[i % len(g.clienten)] if pad == CLIENT else pad
                pg, cpu = _backend_cpu_ms(backend), time.process_time()
                with CaptureQueriesContext(connection) as vangst:
                    antwoord = test.get(echt, HTTP_ACCEPT_ENCODING="gzip")
                django_ms = (time.process_time() - cpu) * 1000
                pg_ms = _backend_cpu_ms(backend) - pg
                if i:
                    metingen.append((django_ms, pg_ms, len(vangst.captured_queries), antwoord.status_code))
            django_ms = statistics.median(m[0] for m in metingen)
            pg_ms = statistics.median(m[1] for m in metingen)
            queries = max(m[2] for m in metingen)
            status = max(m[3] for m in metingen)
            regels.append((django_ms + pg_ms, django_ms, pg_ms, queries, status, rol, g.username, soort(pad)))
    print("CPU per request (mediaan, ms: totaal = Django + PostgreSQL), queries, status, rol, pagina:")
    for totaal, django_ms, pg_ms, queries, status, rol, _username, pad in sorted(regels, reverse=True):
        print(f"  {totaal:7.1f} = {django_ms:6.1f} + {pg_ms:6.1f}  {queries:3d}q  {status}  {rol:<20} {pad}")
    gemiddeld = statistics.fmean(r[0] for r in regels)
    print(
        f"gemiddeld {gemiddeld:.1f} ms CPU per request over {len(regels)} pagina's: "
        f"capaciteit ongeveer {os.cpu_count() or 1} kernen x 1000 / {gemiddeld:.1f} = "
        f"{(os.cpu_count() or 1) * 1000 / gemiddeld:.0f} requests/s (als de mix elke pagina even vaak vraagt)"
    )


def collectstatic(env: dict[str, str]) -> None:
    subprocess.run([PY, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)  # noqa: S603


def start_server(env: dict[str, str], port: int, workers: int) -> subprocess.Popen[bytes]:
    log = open(ROOT / "var" / "bench-gunicorn.log", "wb")
    server = subprocess.Popen(  # noqa: S603
        [
            GUNICORN,
            "-c",
            "deploy/gunicorn.conf.py",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--access-logfile",
            "/dev/null",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=log,
    )
    for _ in range(120):
        try:
            verbinding = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            verbinding.request("GET", "/inloggen/")
            if verbinding.getresponse().status == 200:
                return server
        except OSError:
            pass
        time.sleep(0.5)
    server.terminate()
    sys.exit("de server startte niet: zie var/bench-gunicorn.log")


def login(port: int, gebruiker: Gebruiker, wachtwoord: str) -> None:
    verbinding = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    verbinding.request("GET", "/inloggen/")
    antwoord = verbinding.getresponse()
    pagina = antwoord.read().decode()
    csrf_cookie = re.search(r"csrftoken=([^;]+)", antwoord.getheader("Set-Cookie") or "")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', pagina)
    assert csrf_cookie and token, "geen CSRF-token op de inlogpagina"
    body = urllib.parse.urlencode(
        {"username": gebruiker.username, "password": wachtwoord, "csrfmiddlewaretoken": token.group(1)}
    )
    verbinding.request(
        "POST",
        "/inloggen/",
        body=body,
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={csrf_cookie.group(1)}",
            "Referer": f"http://127.0.0.1:{port}/inloggen/",
        },
    )
    antwoord = verbinding.getresponse()
    antwoord.read()
    sessie = re.search(r"sessionid=([^;]+)", antwoord.getheader("Set-Cookie") or "")
    assert antwoord.status == 302 and sessie, f"inloggen als {gebruiker.username} mislukt ({antwoord.status})"
    gebruiker.cookie = f"sessionid={sessie.group(1)}"


@dataclass
class Meting:
    tijden: dict[tuple[str, str], list[float]] = field(default_factory=lambda: defaultdict(list))
    fouten: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    lock: threading.Lock = field(default_factory=threading.Lock)
    # Every request, the warm-up included: the denominator of the CPU per request.
    alle: int = 0


def virtuele_gebruiker(
    port: int, gebruiker: Gebruiker, tot: float, meten_vanaf: float, meting: Meting, seed: int
) -> None:
    kans = random.Random(seed)
    paden = list(gebruiker.paden)
    kans.shuffle(paden)
    verbinding = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    i = 0
    while time.perf_counter() < tot:
        pad = paden[i % len(paden)]
        if pad == CLIENT:
            pad = kans.choice(gebruiker.clienten)
        i += 1
        begin = time.perf_counter()
        fout = ""
        try:
            verbinding.request("GET", pad, headers={"Cookie": gebruiker.cookie, "Accept-Encoding": "gzip"})
            antwoord = verbinding.getresponse()
            antwoord.read()
            if antwoord.status != 200:
                fout = f"{antwoord.status} {pad}"
        except (OSError, http.client.HTTPException) as e:
            fout = f"{type(e).__name__} {pad}"
            verbinding.close()
            verbinding = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        duur = time.perf_counter() - begin
        with meting.lock:
            meting.alle += 1
        if begin >= meten_vanaf:
            with meting.lock:
                meting.tijden[(gebruiker.username, pad)].append(duur)
                if fout:
                    meting.fouten[fout] += 1


def percentiel(waarden: list[float], p: float) -> float:
    if not waarden:
        return 0.0
    gesorteerd = sorted(waarden)
    return gesorteerd[min(len(gesorteerd) - 1, round(p / 100 * (len(gesorteerd) - 1)))]


def soort(pad: str) -> str:
    """A page kind: ids replaced, so that every client's file counts as one page."""
    return re.sub(r"/\d+/", "/<id>/", pad)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--clients", type=int, default=100_000)
    parser.add_argument(
        "--basis",
        type=int,
        default=2000,
        help="clients the demo generator makes; the rest are copies in bulk SQL (bench/vermenigvuldig.py)",
    )
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--profiel", action="store_true", help="CPU ms and queries per page, no server")
    parser.add_argument("--herhalingen", type=int, default=3)
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()

    url = database_url()
    (ROOT / "var").mkdir(exist_ok=True)
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "STATIC_COLLECTED": "true",
        "STATIC_ROOT": str(ROOT / "var" / "bench-static"),
        "SECRET_KEY": "bench-" + "x" * 50,
        "LOG_LEVEL": "WARNING",
        # The demo logins have no authenticator app: sign in with a password only, as `make demo` does.
        "TWEESTAPS_VERPLICHT": "false",
        "DJANGO_SETTINGS_MODULE": "resultaat.settings",
        "PYTHONPATH": str(ROOT / "src"),
    }
    prepare(url, args.clients, args.basis, env)
    collectstatic(env)
    gebruikers = plan_users(env)
    if args.profiel:
        profiel(gebruikers, args.herhalingen)
        return
    from resultaat.demo.basis import DEMO_WACHTWOORD

    server = start_server(env, args.port, args.workers)
    try:
        for g in gebruikers:
            login(args.port, g, DEMO_WACHTWOORD)
        rollen = sorted({g.rol for g in gebruikers})
        print(
            f"{len(gebruikers)} demo-logins ({', '.join(rollen)}), {args.users} gelijktijdige gebruikers, "
            f"{args.seconds} s zonder denktijd, {args.workers} gunicorn-workers",
            flush=True,
        )
        meting = Meting()
        # CPU of the server (gunicorn and its workers), of this load generator and of the whole machine,
        # over the whole run: what one request costs. A PostgreSQL backend may live for one request only,
        # so PostgreSQL's share is the machine's busy time less the server's and the generator's.
        server_pids = _kinderen(server.pid)
        cpu_voor = (_cpu_s(server_pids), _machine_cpu_s(), time.process_time())
        begin = time.perf_counter()
        meten_vanaf = begin + args.warmup
        tot = meten_vanaf + args.seconds
        draden = [
            threading.Thread(
                target=virtuele_gebruiker,
                args=(args.port, gebruikers[i % len(gebruikers)], tot, meten_vanaf, meting, i),
                daemon=True,
            )
            for i in range(args.users)
        ]
        for d in draden:
            d.start()
        for d in draden:
            d.join(timeout=args.warmup + args.seconds + 60)
        cpu_na = (_cpu_s(server_pids), _machine_cpu_s(), time.process_time())
    finally:
        server.terminate()
        server.wait(timeout=30)

    alle = [t for lijst in meting.tijden.values() for t in lijst]
    fouten = sum(meting.fouten.values())
    een, vijf, vijftien = os.getloadavg()
    print(f"load: {een:.2f} {vijf:.2f} {vijftien:.2f} (1/5/15 min, na de meting)")
    print(
        f"requests={len(alle)} requests/s={len(alle) / args.seconds:.1f} "
        f"p50={percentiel(alle, 50) * 1000:.0f}ms p95={percentiel(alle, 95) * 1000:.0f}ms "
        f"p99={percentiel(alle, 99) * 1000:.0f}ms errors={fouten}"
    )
    for fout, aantal in sorted(meting.fouten.items(), key=lambda x: -x[1])[:10]:
        print(f"  fout {aantal}x {fout}")

    per_soort: dict[str, list[float]] = defaultdict(list)
    voorbeeld: dict[str, tuple[str, str]] = {}
    for (username, pad), tijden in meting.tijden.items():
        per_soort[soort(pad)] += tijden
        voorbeeld.setdefault(soort(pad), (username, pad))
    traagste = sorted(per_soort, key=lambda s: -percentiel(per_soort[s], 95))[:12]
    queries = query_counts({g.username: g for g in gebruikers}, [voorbeeld[s] for s in traagste])
    print("traagste pagina's (p95, p50, aantal requests, SQL-queries voor één request):")
    for s in traagste:
        tijden = per_soort[s]
        print(
            f"  {percentiel(tijden, 95) * 1000:6.0f}ms {percentiel(tijden, 50) * 1000:6.0f}ms "
            f"{len(tijden):6d}  {queries[voorbeeld[s]]:3d} queries  {s}"
        )
    print(f"mean={statistics.fmean(alle) * 1000:.0f}ms" if alle else "geen requests")
    if meting.alle:
        # Little's law: with U users and no think time, U requests are always in the system, so the mean
        # time of a request is U / throughput. A p95 under 300 ms needs at least U / 0.3 requests/s.
        django_ms, machine_ms, generator_ms = (
            (na - voor) * 1000 / meting.alle for voor, na in zip(cpu_voor, cpu_na, strict=True)
        )
        per_request = machine_ms
        rest_ms = machine_ms - django_ms - generator_ms
        nodig = args.users / 0.3
        print(
            f"CPU per request: {per_request:.1f} ms of the machine (gunicorn {django_ms:.1f} + load "
            f"generator {generator_ms:.1f} + PostgreSQL and the rest {rest_ms:.1f}); "
            f"{os.cpu_count()} cores give at most "
            f"{(os.cpu_count() or 1) * 1000 / per_request:.0f} requests/s"
        )
        print(
            f"p95 < 300 ms with {args.users} users without think time needs >= {nodig:.0f} requests/s "
            f"(Little: users / time per request), i.e. <= {(os.cpu_count() or 1) * 1000 / nodig:.1f} ms CPU "
            f"per request; measured {len(alle) / args.seconds:.1f} requests/s, ratio to the goal "
            f"{nodig / max(len(alle) / args.seconds, 0.001):.1f}x"
        )


if __name__ == "__main__":
    main()

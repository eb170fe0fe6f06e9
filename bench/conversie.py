"""Benchmark of the conversion: importing existing indications and computing a scenario. A script that
prints, not a test.

    .venv/bin/python bench/conversie.py [--rows 100000] [--batch 2000]

It sets up its own SQLite database in a temporary folder (migrated, so the catalogue's time bands and
products are there), one gemeente, five providers, a beheerder and tariffs for the new products, then:

1. writes a CSV file of N rows as a gemeente exports it (semicolons, Dutch dates, decimal commas;
   HH1, HH2 and BG; about one client in eight has two indications; 1% of the rows broken);
2. times the dry run (``services.proefdraai``: every row checked, the report written);
3. times the import (``services.lees_in``: every row checked, new clients registered through
   ``clienten.services.registreer_clienten``, indications and audit rows written, in batches);
4. times the conversion of every imported indication by one scenario (``services.vergelijk``);
5. executes a scenario for ``--letters`` clients (``uitvoeren.voer_uit``: per client the decision
   through the toegang services, toewijzing and 301) and times the letters (``uitvoeren.maak_brieven``:
   one PDF per client and the merged PDF) in one process and in two.

Timings are wall clock (``time.perf_counter``) with the database commits inside; the CPU time of the
process and its finished worker processes is printed beside it. The last two lines are
``import_per_s=... conversie_per_s=... brieven_per_s=...`` with the ratio to the goals (5,000, 10,000
and 20 per second), and the same by CPU time (``by_cpu: ...``: rows per CPU second of one core; letters
per second of two cores from the CPU seconds per letter), which depends much less on the load of a
shared machine. The import line also splits its wall clock (Linux, ``/proc/self/schedstat``): the time the
process ran, waited for a core (other processes on the machine) and was blocked (disk, fsync, locks).
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import os
import pstats
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The goals of the conversion (rows per second for import and conversion, letters per second).
DOEL_IMPORT, DOEL_CONVERSIE, DOEL_BRIEVEN = 5_000, 10_000, 20


def bsns(aantal: int) -> list[str]:
    uit, kandidaat = [], 200000000
    while len(uit) < aantal:
        kandidaat += 1
        s = str(kandidaat)
        d = [int(c) for c in s]
        if (sum(x * w for x, w in zip(d[:8], range(9, 1, -1), strict=True)) - d[8]) % 11 == 0:
            uit.append(s)
    return uit


def bestand(n: int, agbs: list[str]) -> bytes:
    rnd = random.Random(17)
    regels = [
        "BSN;Naam;Geboortedatum;Adres;Postcode;Woonplaats;Gemeente;Product;Uren per week;AGB aanbieder;"
        "Startdatum;Einddatum;Besluitdatum"
    ]
    clienten = bsns(n)
    i = 0
    while len(regels) <= n:
        bsn = clienten[i]
        i += 1
        for k in range(2 if i % 8 == 0 else 1):
            if len(regels) > n:
                break
            product = "BG" if k else rnd.choice(("HH1", "HH1", "HH2", "BG"))
            uren = f"{rnd.choice((1, 1.5, 2, 2.5, 3, 3.5, 4, 5)):.1f}".replace(".", ",")
            if len(regels) % 100 == 0:
                uren = "45"  # broken: out of range
            regels.append(
                f"{bsn};A.B. van Client{i};"
                f"{rnd.randint(1, 28):02d}-{rnd.randint(1, 12):02d}-19{rnd.randint(30, 70)};"
                f"Dorpsstraat {i % 200 + 1};1811 AB;Alkmaar;0361;{product};{uren};{rnd.choice(agbs)};"
                f"01-0{k + 1}-2016;;15-12-2015"
            )
    return ("\n".join(regels) + "\n").encode()


def cpu() -> float:
    """CPU seconds of this process and of its finished child processes (the pools' workers)."""
    eigen, kinderen = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return eigen.ru_utime + eigen.ru_stime + kinderen.ru_utime + kinderen.ru_stime


def wachten() -> tuple[float, float]:
    """Seconds this process waited for a core (ready to run, the run queue of the Linux scheduler) and
    seconds it ran, from /proc/self/schedstat; (0, 0) where that file does not exist. Wall clock minus
    running minus waiting for a core is the time it was blocked (disk, fsync, a lock)."""
    try:
        gelopen, wacht, _ = Path("/proc/self/schedstat").read_text().split()
    except (OSError, ValueError):
        return 0.0, 0.0
    return int(wacht) / 1e9, int(gelopen) / 1e9


def verdeling(wand: float, begin: tuple[float, float]) -> str:
    """Where the wall-clock time of this process went since ``begin`` (a :func:`wachten` reading)."""
    wacht, gelopen = (nu - toen for nu, toen in zip(wachten(), begin, strict=True))
    if not gelopen:
        return ""
    return (
        f"; of the {wand:.2f} s wall this process ran {gelopen:.2f} s, waited for a core {wacht:.2f} s, "
        f"was blocked (disk, locks) {max(0.0, wand - gelopen - wacht):.2f} s"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--batch", type=int, default=2000)
    parser.add_argument("--letters", type=int, default=200, help="Clients to execute and write letters for.")
    parser.add_argument("--profile", action="store_true", help="Print a cProfile (CPU time) of the import.")
    parser.add_argument("--profile-letters", action="store_true", help="Print a cProfile of the letters.")
    parser.add_argument("--processen", type=int, default=2, help="Processes for the letters (both cores: 2).")
    parser.add_argument(
        "--import-processen",
        type=int,
        default=1,
        help="Processes for the import: 2 reads and checks rows in a second process.",
    )
    args = parser.parse_args()
    n = args.rows

    tmp = Path(tempfile.mkdtemp(prefix="conversie-bench-"))
    os.environ["SQLITE_PATH"] = str(tmp / "bench.sqlite3")
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "resultaat.settings")
    sys.path.insert(0, str(ROOT / "src"))

    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)

    from resultaat.accounts.models import Rol, User
    from resultaat.catalogus.models import Product, Tarief
    from resultaat.conversie import services
    from resultaat.conversie.models import BestaandeIndicatie
    from resultaat.organisaties.models import Aanbieder, Gemeente

    gemeente = Gemeente.objects.create(code="0361", naam="Alkmaar")
    agbs = [f"9800000{k}" for k in range(1, 6)]
    for k, agb in enumerate(agbs):
        Aanbieder.objects.create(
            agb_code=agb, naam=f"Aanbieder {k}", kvk_nummer="12345678", iban="NL91ABNA0417164300"
        )
    door = User.objects.create(username="bench", rol=Rol.BEHEERDER)
    door.gemeenten.add(gemeente)
    for code, bedrag in {
        "HOB1": 12000,
        "HOB2": 16000,
        "HOB3": 24000,
        "BGL": 30000,
        "BGM": 50000,
        "BGZ": 80000,
    }.items():
        for product in Product.objects.filter(code=code):
            Tarief.objects.create(product=product, bedrag_cent=bedrag, geldig_van=dt.date(2015, 1, 1))

    inhoud = bestand(n, agbs)
    print(f"{n} rows, {len(inhoud) / 1e6:.1f} MB CSV, database in {tmp}", flush=True)
    imp = services.nieuwe_import(door=door, gemeente=gemeente, bestandsnaam="bench.csv", inhoud=inhoud)

    wand, c0 = time.perf_counter(), cpu()
    services.proefdraai(door=door, indicatieimport=imp, processen=args.import_processen)
    proef_s, proef_cpu = time.perf_counter() - wand, cpu() - c0
    print(
        f"dry run: {n} rows in {proef_s:.2f} s ({n / proef_s:,.0f} rows/s; cpu {proef_cpu:.2f} s)", flush=True
    )

    profiel = cProfile.Profile() if args.profile else None
    wand, c0, w0 = time.perf_counter(), cpu(), wachten()
    if profiel:
        profiel.enable()
    services.lees_in(door=door, indicatieimport=imp, batch=args.batch, processen=args.import_processen)
    if profiel:
        profiel.disable()
        pstats.Stats(profiel).sort_stats("tottime").print_stats(20)
        pstats.Stats(profiel).sort_stats("cumulative").print_stats(30)
    import_s, import_cpu = time.perf_counter() - wand, cpu() - c0
    imp.refresh_from_db()
    print(
        f"import ({args.import_processen} process(es)): {n} rows in {import_s:.2f} s "
        f"({n / import_s:,.0f} rows/s; cpu {import_cpu:.2f} s, {1000 * import_cpu / n:.3f} cpu-s per 1,000 "
        "rows); "
        f"{imp.ingelezen} imported, {imp.afgekeurd} refused{verdeling(import_s, w0)}",
        flush=True,
    )

    scenario = services.maak_standaardscenario(
        door=User.objects.create(username="bench-cm", rol=Rol.CONTRACTMANAGER, is_superuser=True),
        gemeente=gemeente,
        naam="Bench",
        omzetdatum=dt.date(2026, 1, 1),
        uurtarieven={"HH1": 2500, "HH2": 2800, "BG": 5500},
    )
    aantal = BestaandeIndicatie.objects.count()
    wand, c0 = time.perf_counter(), cpu()
    (uitkomst,) = services.vergelijk([scenario])
    conv_s, conv_cpu = time.perf_counter() - wand, cpu() - c0
    print(
        f"conversion: {aantal} indications in {conv_s:.2f} s ({aantal / conv_s:,.0f} rows/s; "
        f"cpu {conv_cpu:.2f} s, {1000 * conv_cpu / aantal:.3f} cpu-s per 1,000 rows); "
        f"{uitkomst.omgezet} converted, {len(uitkomst.niet_omgezet)} not, "
        f"{len(uitkomst.gesprekken)} conversations",
        flush=True,
    )
    brieven_per_s, cpu_per_brief = (
        brieven(gemeente, args.letters, args.processen, args.profile_letters) if args.letters else (0.0, 0.0)
    )
    # By CPU: what one core does for the import and the conversion, and two cores for the letters (the
    # machine is shared, so wall clock depends on the load; CPU seconds much less).
    import_cpu_per_s = n / import_cpu if import_cpu else 0.0
    conv_cpu_per_s = aantal / conv_cpu if conv_cpu else 0.0
    brieven_cpu_per_s = 2 / cpu_per_brief if cpu_per_brief else 0.0
    print(
        f"import_per_s={n / import_s:.0f} ({n / import_s / DOEL_IMPORT:.2f}x goal) "
        f"conversie_per_s={aantal / conv_s:.0f} ({aantal / conv_s / DOEL_CONVERSIE:.2f}x goal) "
        f"brieven_per_s={brieven_per_s:.1f} ({brieven_per_s / DOEL_BRIEVEN:.2f}x goal)"
    )
    print(
        f"by_cpu: import_per_cpu_s={import_cpu_per_s:.0f} "
        f"({import_cpu_per_s / DOEL_IMPORT:.2f}x goal, one core) "
        f"conversie_per_cpu_s={conv_cpu_per_s:.0f} ({conv_cpu_per_s / DOEL_CONVERSIE:.2f}x goal, one core) "
        f"brieven_per_cpu_s={brieven_cpu_per_s:.1f} ({brieven_cpu_per_s / DOEL_BRIEVEN:.2f}x goal, two cores)"
    )


def brieven(gemeente: object, aantal: int, processen_max: int, profileer: bool) -> tuple[float, float]:
    """Execute a scenario for ``aantal`` clients and time the letters in one and in two processes: the
    best letters per second and the CPU seconds per letter (all processes) of that run."""
    import logging

    logging.getLogger("weasyprint").setLevel(logging.WARNING)
    from django.utils import timezone

    from resultaat.accounts.models import Rol, User
    from resultaat.catalogus.models import Product
    from resultaat.contracten.models import Contract, ContractProduct
    from resultaat.conversie import services, uitvoeren
    from resultaat.conversie.models import BestaandeIndicatie
    from resultaat.organisaties.models import Aanbieder

    producten = list(Product.objects.filter(code__in=["HOB1", "HOB2", "HOB3", "BGL", "BGM", "BGZ"]))
    for k, aanbieder in enumerate(Aanbieder.objects.all()):
        contract = Contract.objects.create(
            kenmerk=f"B-{k}", aanbieder=aanbieder, geldig_van=dt.date(2015, 1, 1)
        )
        contract.gemeenten.add(gemeente)
        for product in producten:
            ContractProduct.objects.create(contract=contract, product=product, geldig_van=dt.date(2015, 1, 1))
    consulent = User.objects.create(username="bench-consulent", rol=Rol.CONSULENT)
    consulent.gemeenten.add(gemeente)
    vandaag = timezone.localdate()
    scenario = services.maak_standaardscenario(
        door=User.objects.create(username="bench-cm2", rol=Rol.CONTRACTMANAGER, is_superuser=True),
        gemeente=gemeente,
        naam="Uitvoeren",
        omzetdatum=vandaag + dt.timedelta(days=60),
        uurtarieven={"HH1": 2500, "HH2": 2800, "BG": 5500},
    )
    clienten = list(
        BestaandeIndicatie.objects.filter(einddatum__isnull=True)
        .values_list("client_id", flat=True)
        .distinct()
        .order_by("client_id")[:aantal]
    )
    wand, c0 = time.perf_counter(), cpu()
    uitkomst = uitvoeren.voer_uit(door=consulent, scenario=scenario, besluitdatum=vandaag, clienten=clienten)
    uit_s, uit_cpu = time.perf_counter() - wand, cpu() - c0
    n = uitkomst.omgezet
    print(
        f"execution: {n} clients converted in {uit_s:.2f} s ({n / uit_s:,.1f} clients/s; "
        f"cpu {uit_cpu:.2f} s); {len(uitkomst.niet_omgezet)} not converted",
        flush=True,
    )
    beste = cpu_per_brief = 0.0
    for processen in sorted({1, max(1, processen_max)}):
        profiel = cProfile.Profile() if profileer and processen == 1 else None
        wand, c0 = time.perf_counter(), cpu()
        if profiel:
            profiel.enable()
        brieven = uitvoeren.maak_brieven(door=consulent, ronde=uitkomst.ronde, processen=processen)
        if profiel:
            profiel.disable()
            # WeasyPrint's layout_document and make_all_pages are generators, and cProfile counts each
            # resumption as a call: a two-page letter shows three "calls" of each while every page is laid
            # out once (make_page: one call per page; render and write_pdf: one per letter).
            pstats.Stats(profiel).sort_stats("cumulative").print_stats(40)
        s, c = time.perf_counter() - wand, cpu() - c0
        uitkomst.ronde.refresh_from_db()
        print(
            f"letters ({processen} process{'es' if processen > 1 else ''}): {brieven} letters in {s:.2f} s "
            f"({brieven / s:,.1f} letters/s; cpu {c:.2f} s, {c / brieven:.3f} cpu-s per letter); merged PDF "
            f"{len(bytes(uitkomst.ronde.samengevoegd)) / 1e6:.1f} MB",
            flush=True,
        )
        if brieven / s > beste:
            beste, cpu_per_brief = brieven / s, c / brieven
    return beste, cpu_per_brief


if __name__ == "__main__":
    main()

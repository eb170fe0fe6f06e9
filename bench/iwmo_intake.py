"""Benchmark of the iWmo intake and the 301 outbox. A script that prints, not a test.

    .venv/bin/python bench/iwmo_intake.py [--clients 10000]

It sets up its own SQLite database and IWMO_DIR in a temporary folder, creates one gemeente, one
provider and N clients with one toewijzing each, then:

1. generates N WMO305 files (iWmo 3.2 carries one Client per 305 message, so "a 305 delivery with N
   clients" is N files, as VECOZO drops them);
2. times plain lxml XSD validation of those files: ``schema.validate(etree.fromstring(data))`` per
   file, the parse included (the intake parses every file too), schema loaded beforehand;
3. times the whole intake (gate, XSD, level 2 and 3 rules, leveringen and their audit rows written,
   the 305 and its retour 306 stored, the 306 written to the outbox) through ``iwmo.intake.verwerk``
   in batches of 1000, like ``iwmo_inbox``; the database commits are inside the timing;
4. times a 301 for every toewijzing (OP087 content, stored and written to the outbox).

Both timings use ``time.perf_counter`` (wall clock) after a warm-up of both on 200 other files (the
first batch would otherwise also pay for Django's and lxml's first use). The XSD baseline is timed
before and after the intake and the faster run counts, so that a busy machine does not flatter the
ratio. The CPU time of the process (``time.process_time``, kernel time of the file writes included)
is printed beside it: on a shared machine it moves less than the wall clock.

The floor is what the standard makes us do for every received file, with nothing else: parse and
XSD-validate it, store the received bytes (one row per file in a plain SQLite table of the same
database, one commit per batch) and write its retour file (the intake's own 306 bytes, written
atomically: a ``.tmp`` file, then a rename, in a folder of its own). It is timed after the intake, in
the same batches.

With ``--profile`` and ``BENCH_PROFIEL_BESTAND=<file>`` the profile is also written to that file (pstats).

The last two lines are ``intake_per_s=... ratio_to_floor=... ratio_to_xsd=...``: of wall times, then
(``cpu:``) of CPU times (``time.process_time``), the figure to go by on a busy machine.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=10_000)
    parser.add_argument("--batch", type=int, default=1000)
    parser.add_argument("--profile", action="store_true", help="Print a cProfile (CPU time) of the intake.")
    args = parser.parse_args()
    n = args.clients
    opwarm = 200

    tmp = Path(tempfile.mkdtemp(prefix="iwmo-bench-"))
    os.environ["SQLITE_PATH"] = str(tmp / "bench.sqlite3")
    os.environ["IWMO_DIR"] = str(tmp / "iwmo")
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "resultaat.settings")
    sys.path.insert(0, str(ROOT / "src"))

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import transaction

    call_command("migrate", verbosity=0)

    from lxml import etree

    from resultaat.catalogus.models import Product, Resultaat, ResultaatDomein, Tarief
    from resultaat.clienten.models import Client
    from resultaat.core.audit.context import acting_as
    from resultaat.iwmo import voorbeeld as vb
    from resultaat.iwmo import xml
    from resultaat.iwmo.intake import verwerk, voeg_berichten_in
    from resultaat.iwmo.transport import schrijf_outbox
    from resultaat.iwmo.uitgaand import huidige_toewijzingen, maak_301
    from resultaat.organisaties.models import Aanbieder, Gemeente
    from resultaat.toewijzingen.models import Levering, Toewijzing

    def bsns(aantal: int) -> list[str]:
        uit, kandidaat = [], 100000000
        while len(uit) < aantal:
            kandidaat += 1
            s = str(kandidaat)
            d = [int(c) for c in s]
            if (sum(x * w for x, w in zip(d[:8], range(9, 1, -1), strict=True)) - d[8]) % 11 == 0:
                uit.append(s)
        return uit

    print(f"setting up {n} clients and toewijzingen in {tmp} ...", flush=True)
    with acting_as("bench"), transaction.atomic():
        gemeente = Gemeente.objects.create(code="0361", naam="Alkmaar")
        aanbieder = Aanbieder.objects.create(
            agb_code="98000001", naam="Thuiszorg Noord", kvk_nummer="12345678", iban="NL91ABNA0417164300"
        )
        domein = ResultaatDomein.objects.create(code="bench", naam="Bench", geldig_van=dt.date(2015, 1, 1))
        resultaat = Resultaat.objects.create(
            domein=domein, code="bench-schoon", naam="Schoon huis", geldig_van=dt.date(2015, 1, 1)
        )
        product = Product.objects.create(
            categorie="01",
            code="BNCH1",
            naam="Bench",
            resultaat=resultaat,
            eenheid="82",
            frequentie="4",
            geldig_van=dt.date(2015, 1, 1),
        )
        Tarief.objects.create(product=product, bedrag_cent=21600, geldig_van=dt.date(2015, 1, 1))
        clients = Client.objects.bulk_create(
            [
                Client(
                    gemeente=gemeente,
                    bsn=b,
                    achternaam=f"Client{i}",
                    voorletters="A",
                    geboortedatum=dt.date(1940, 1, 1),
                    huisnummer="1",
                    postcode="1811 AB",
                    straat="Dorpsstraat",
                    woonplaats="Alkmaar",
                )
                for i, b in enumerate(bsns(n + opwarm))
            ],
            batch_size=1000,
        )
        Toewijzing.objects.bulk_create(
            [
                Toewijzing(
                    gemeente=gemeente,
                    nummer=100000 + i,
                    client=c,
                    aanbieder=aanbieder,
                    product=product,
                    toewijzingsdatum=dt.date(2026, 1, 2),
                    toewijzingstijd=dt.time(9, 0),
                    ingangsdatum=dt.date(2026, 1, 5),
                    volume=1,
                    eenheid="82",
                    frequentie="4",
                )
                for i, c in enumerate(clients)
            ],
            batch_size=1000,
        )
    clients = list(Client.objects.order_by("pk"))

    alle_bestanden = [
        (
            f"WMO305_{aanbieder.agb_code}_{i}.xml",
            vb.uit_dict(
                "WMO305",
                {
                    "Header": vb.header(
                        "WMO305", aanbieder.agb_code, gemeente.code, f"B{i}", dt.date(2026, 1, 20)
                    ),
                    "Client": {
                        **vb.client_kort(c.bsn, c.achternaam),
                        "StartProducten": [vb.start(100000 + i, dt.date(2026, 1, 12))],
                    },
                },
            ),
        )
        for i, c in enumerate(clients)
    ]
    bestanden, warm = alle_bestanden[:n], alle_bestanden[n:]
    megabytes = sum(len(d) for _, d in bestanden) / 1e6

    schema = xml.schema("WMO305")

    def plain_xsd(files: list[tuple[str, bytes]]) -> tuple[float, float]:
        wall, cpu = time.perf_counter(), time.process_time()
        geldig = 0
        for _, data in files:
            geldig += schema.validate(etree.fromstring(data))
        assert geldig == len(files)
        return time.perf_counter() - wall, time.process_time() - cpu

    from django.db import connection

    from resultaat.iwmo.transport import _schrijf_atomair

    with connection.cursor() as cur:
        cur.execute("CREATE TABLE bench_vloer (id INTEGER PRIMARY KEY, naam TEXT, sha256 TEXT, inhoud BLOB)")
    vloer_map = tmp / "vloer"
    vloer_map.mkdir()

    def vloer(files: list[tuple[str, bytes]], retouren: list[bytes | None]) -> tuple[float, float]:
        """Parse + XSD, the received bytes stored, the retour file written: per batch, one commit."""
        import hashlib

        wall, cpu = time.perf_counter(), time.process_time()
        for i in range(0, len(files), args.batch):
            deel = files[i : i + args.batch]
            for _, data in deel:
                assert schema.validate(etree.fromstring(data))
            with transaction.atomic(), connection.cursor() as cur:
                cur.executemany(
                    "INSERT INTO bench_vloer (naam, sha256, inhoud) VALUES (%s, %s, %s)",
                    [(naam, hashlib.sha256(data).hexdigest(), data) for naam, data in deel],
                )
            for (naam, _), retour in zip(deel, retouren[i : i + args.batch], strict=True):
                _schrijf_atomair(str(vloer_map / naam), retour or b"")
        return time.perf_counter() - wall, time.process_time() - cpu

    plain_xsd(warm)
    assert all(u.status == "goedgekeurd" for u in verwerk(warm))
    xsd_voor = plain_xsd(bestanden)

    import cProfile

    profiel = cProfile.Profile(time.process_time) if args.profile else None
    uitkomsten = []
    if profiel:
        profiel.enable()
    t0, c0 = time.perf_counter(), time.process_time()
    for i in range(0, n, args.batch):
        uitkomsten += verwerk(bestanden[i : i + args.batch])
    intake_s, intake_cpu = time.perf_counter() - t0, time.process_time() - c0
    vloer_s, vloer_cpu = vloer(bestanden, [u.retour for u in uitkomsten])
    xsd_na = plain_xsd(bestanden)
    xsd_s, xsd_cpu = min(xsd_voor, xsd_na)
    if profiel:
        import pstats

        profiel.disable()
        pstats.Stats(profiel).sort_stats("tottime").print_stats(60)
        pstats.Stats(profiel).sort_stats("cumulative").print_stats(40)
        if os.environ.get("BENCH_PROFIEL_BESTAND"):
            profiel.dump_stats(os.environ["BENCH_PROFIEL_BESTAND"])
    goed = sum(u.status == "goedgekeurd" for u in uitkomsten)
    assert goed == n, {u.status for u in uitkomsten}
    assert Levering.objects.count() == n + opwarm
    outbox = Path(os.environ["IWMO_DIR"]) / "outbox"
    assert len(list(outbox.iterdir())) == n + opwarm

    # 301 outbox: one 301 per client x provider with all its current toewijzingen (OP087).
    toewijzingen = list(
        Toewijzing.objects.select_related("client", "client__gemeente", "aanbieder", "product").order_by(
            "pk"
        )[:n]
    )
    t0 = time.perf_counter()
    with acting_as("bench"), transaction.atomic():
        berichten = [maak_301(t.client, t.aanbieder, [t]) for t in toewijzingen]
        voeg_berichten_in(berichten)
    schrijf_outbox(berichten)
    uit_s = time.perf_counter() - t0
    # the listener path (one query per client for the OP087 content), on a sample of 1000
    t0 = time.perf_counter()
    for t in toewijzingen[:1000]:
        huidige_toewijzingen(t.client, t.aanbieder, [t])
    op087_s = (time.perf_counter() - t0) / 1000

    print(f"files: {n} WMO305 files, {megabytes:.1f} MB; database: SQLite ({tmp})")
    print(
        f"plain lxml XSD validation: {xsd_s:.3f} s = {n / xsd_s:,.0f} files/s "
        f"(before/after the intake: {xsd_voor[0]:.3f}/{xsd_na[0]:.3f} s; CPU {xsd_cpu:.3f} s)"
    )
    print(
        f"intake (parse, XSD, rules, leveringen + audit, 305 and 306 stored, 306 to the outbox): "
        f"{intake_s:.2f} s = {1e6 * intake_s / n:.0f} µs per client (CPU {intake_cpu:.2f} s, "
        f"ratio {intake_cpu / xsd_cpu:.2f})"
    )
    print(
        f"floor (parse + XSD, received bytes stored, retour file written): {vloer_s:.2f} s = "
        f"{n / vloer_s:,.0f} files/s (CPU {vloer_cpu:.2f} s); intake / floor: {intake_s / vloer_s:.2f}"
    )
    print(f"301 outbox for {n} toewijzingen (built, stored, written): {uit_s:.2f} s = {n / uit_s:,.0f}/s")
    print(f"OP087 content query per client: {op087_s * 1000:.2f} ms")
    print(
        f"intake_per_s={n / intake_s:.0f} ratio_to_floor={intake_s / vloer_s:.2f} "
        f"ratio_to_xsd={intake_s / xsd_s:.2f}"
    )
    print(
        f"cpu: intake_per_s={n / intake_cpu:.0f} ratio_to_floor={intake_cpu / vloer_cpu:.2f} "
        f"ratio_to_xsd={intake_cpu / xsd_cpu:.2f}"
    )


if __name__ == "__main__":
    main()

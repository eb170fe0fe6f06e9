"""Benchmark of the WMO405 for the CAK. A script that prints, not a test.

    .venv/bin/python bench/eigen_bijdrage.py [--clients 10000]

It sets up its own SQLite database in a temporary folder (or uses DATABASE_URL), creates one gemeente
and N clients with one toewijzing each (a tenth of them ended in the month, a hundredth deceased),
then times (wall clock, ``time.perf_counter``):

1. the first WMO405 of the month (every person a start, or a start with its stop);
2. a second run with nothing changed (must write nothing);
3. a run after a tenth of the toewijzingen got an einddatum (stops).

The last line is ``wmo405_clients_per_s=...`` for the first run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import tempfile
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=10_000)
    n = parser.parse_args().clients
    if not os.environ.get("DATABASE_URL"):
        os.environ["SQLITE_PATH"] = str(Path(tempfile.mkdtemp(prefix="bench_eb_")) / "bench.sqlite3")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "resultaat.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)

    from resultaat.catalogus.models import Product
    from resultaat.clienten.models import Client
    from resultaat.core.audit.context import acting_as
    from resultaat.eigen_bijdrage import cak
    from resultaat.organisaties.models import Aanbieder, Gemeente
    from resultaat.toewijzingen.models import Toewijzing

    def bsns(aantal: int) -> list[str]:
        """Distinct BSNs that pass the elfproef."""
        uit, k = [], 10_000_000
        while len(uit) < aantal:
            basis = f"{k:08d}"
            k += 1
            rest = sum(int(c) * w for c, w in zip(basis, range(9, 1, -1), strict=True)) % 11
            if rest < 10:
                uit.append(basis + str(rest))
        return uit

    nummers = bsns(n)

    with acting_as("bench"):
        gemeente = Gemeente.objects.create(code="0361", naam="Alkmaar")
        aanbieder = Aanbieder.objects.create(
            agb_code="98000001", naam="Aanbieder", kvk_nummer="50000001", iban="NL91ABNA0417164300"
        )
        product = Product.objects.filter(categorie="01").first()
        assert product is not None
        begin = dt.date(2026, 3, 1)
        clienten = Client.objects.bulk_create(
            Client(
                bsn=nummers[i],
                gemeente=gemeente,
                achternaam=f"Client{i}",
                geboortedatum=dt.date(1940 + i % 30, 1 + i % 12, 1 + i % 28),
                overlijdensdatum=dt.date(2026, 3, 20) if i % 100 == 0 else None,
            )
            for i in range(n)
        )
        Toewijzing.objects.bulk_create(
            Toewijzing(
                gemeente=gemeente,
                nummer=i + 1,
                client=c,
                aanbieder=aanbieder,
                product=product,
                toewijzingsdatum=begin,
                toewijzingstijd=dt.time(9),
                ingangsdatum=begin + dt.timedelta(days=i % 28),
                einddatum=dt.date(2026, 3, 31) if i % 10 == 5 else None,
            )
            for i, c in enumerate(clienten)
        )
    database = os.environ.get("DATABASE_URL", "SQLite").split("@")[-1]
    print(f"database: {database}; {os.cpu_count()} cores; clients: {n:,}")

    def tijd(label: str, maand: dt.date) -> float:
        start = time.perf_counter()
        bericht = cak.maak_wmo405(door="bench", gemeente=gemeente, maand=maand)
        duur = time.perf_counter() - start
        aantal = bericht.meldingen.count() if bericht else 0
        print(f"{label}: {duur:.2f} s, {aantal:,} meldingen")
        return duur

    eerste = tijd("first WMO405 (2026-03)", dt.date(2026, 3, 1))
    tijd("second run, nothing changed", dt.date(2026, 3, 1))
    with acting_as("bench"):
        Toewijzing.objects.filter(einddatum__isnull=True, nummer__endswith="3").update(
            einddatum=dt.date(2026, 4, 30)
        )
    tijd("after stops (2026-04)", dt.date(2026, 4, 1))
    print(f"wmo405_clients_per_s={n / eerste:.0f}")


if __name__ == "__main__":
    main()

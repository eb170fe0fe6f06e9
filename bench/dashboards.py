"""Benchmark of the dashboards on a PostgreSQL database filled by ``bench/landelijk.py``. Prints, not a test.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/sturing_bench .venv/bin/python bench/dashboards.py \\
        [--herhalingen 20]

Each dashboard page is fetched in-process through Django's test client (the whole stack: middleware,
login, access checks, the queries, the template), logged in as the contract manager of the first region
(``bench-regio``: every gemeente of the region), the contract manager of one gemeente
(``bench-gemeente``) and a provider (``bench-aanbieder``). After two warm-up fetches every page is fetched
``--herhalingen`` times; the script prints p50 and p95 of the wall-clock time, the CPU time per fetch
(mean over the fetches) of this Python process and of its PostgreSQL backend (from ``/proc``, same
machine only), and the number of SQL queries of one fetch (``CaptureQueriesContext``). Goal: every
dashboard under 1 s at p95.

Figures depend on the machine: report them with its load (``uptime``) at the time.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))


def main() -> None:
    from landelijk import backend_cpu  # the same reading of the backend's CPU as the generator

    parser = argparse.ArgumentParser()
    parser.add_argument("--herhalingen", type=int, default=20)
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit(
            "Zet DATABASE_URL op de database van bench/landelijk.py, bijvoorbeeld "
            "postgres://postgres@127.0.0.1:5432/sturing_bench"
        )
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "resultaat.settings")
    os.environ["TWEESTAPS_VERPLICHT"] = "false"
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from resultaat.accounts.models import User
    from resultaat.organisaties.models import Aanbieder
    from resultaat.sturing.models import AanbiederKengetal, GemeenteKengetal, Kengetal

    settings.ALLOWED_HOSTS = ["*"]
    regio = User.objects.get(username="bench-regio")
    aanbieder = Aanbieder.objects.get(agb_code="90000001")
    codes = sorted(
        set(
            Kengetal.objects.filter(gemeente__in=regio.gemeenten.all())
            .values_list("periode_code", flat=True)
            .distinct()
        )
    )
    gemeente = regio.gemeenten.order_by("code").first()
    assert gemeente is not None
    print(
        f"Kengetallen: {Kengetal.objects.count()} rijen per product, "
        f"{AanbiederKengetal.objects.count()} per aanbieder, "
        f"{GemeenteKengetal.objects.count()} per gemeente; "
        f"regio 01: {regio.gemeenten.count()} gemeenten, "
        f"{len(codes)} perioden ({codes[0]} .. {codes[-1]})",
        flush=True,
    )
    sturing, per_aanbieder, mijn = (
        reverse("web:sturing"),
        reverse("web:sturing-aanbieder", args=[aanbieder.pk]),
        reverse("web:sturing-mijn"),
    )
    alles = {"van": codes[0], "tot": codes[-1]}
    paginas = [
        ("regio, laatste 13 perioden", "bench-regio", sturing, {}),
        ("regio, vijf jaar", "bench-regio", sturing, alles),
        ("regio, één gemeente", "bench-regio", sturing, {"gemeente": gemeente.code}),
        ("gemeente, laatste 13 perioden", "bench-gemeente", sturing, {}),
        ("aanbieder (contractmanager regio)", "bench-regio", per_aanbieder, {}),
        ("aanbieder, vijf jaar", "bench-regio", per_aanbieder, alles),
        ("mijn cijfers (aanbieder)", "bench-aanbieder", mijn, {}),
        ("XLSX per aanbieder, regio", "bench-regio", sturing, {"download": "xlsx", "tabel": "aanbieders"}),
        (
            "CSV per periode, regio vijf jaar",
            "bench-regio",
            sturing,
            {**alles, "download": "csv", "tabel": "perioden"},
        ),
    ]
    print(
        f"{'pagina':<36} {'p50 (ms)':>9} {'p95 (ms)':>9} {'CPU py':>7} {'CPU pg':>7} {'queries':>8} "
        f"{'bytes':>9}   (wandklok; CPU: ms per keer, gemiddeld)",
        flush=True,
    )
    for naam, login, url, query in paginas:
        client = Client(HTTP_HOST="localhost")
        client.force_login(User.objects.get(username=login))
        for _ in range(2):
            assert client.get(url, query).status_code == 200
        tijden = []
        cpu_py, cpu_pg = time.process_time(), backend_cpu()
        for _ in range(args.herhalingen):
            begonnen = time.perf_counter()
            antwoord = client.get(url, query)
            tijden.append((time.perf_counter() - begonnen) * 1000)
            assert antwoord.status_code == 200, (naam, antwoord.status_code)
        cpu_py = (time.process_time() - cpu_py) * 1000 / args.herhalingen
        cpu_pg = (backend_cpu() - cpu_pg) * 1000 / args.herhalingen
        with CaptureQueriesContext(connection) as queries:
            antwoord = client.get(url, query)
        tijden.sort()
        p95 = tijden[min(len(tijden) - 1, round(0.95 * (len(tijden) - 1)))]
        print(
            f"{naam:<36} {statistics.median(tijden):9.0f} {p95:9.0f} {cpu_py:7.0f} {cpu_pg:7.0f} "
            f"{len(queries.captured_queries):8d} "
            f"{len(antwoord.content):9d}",
            flush=True,
        )


if __name__ == "__main__":
    main()

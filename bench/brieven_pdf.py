"""Benchmark of the letter PDFs: how long one beschikking letter takes, untagged and tagged (PDF/UA-1).
A script that prints, not a test.

    .venv/bin/python bench/brieven_pdf.py [--brieven 30]

It reads the demo database (``make demo`` first, or SQLITE_PATH / DATABASE_URL), renders the HTML of the
first N beschikkingen once, then times (wall clock, ``time.perf_counter``) turning that HTML into a PDF:

1. ``untagged``: WeasyPrint's plain ``write_pdf()`` (how letters were made before they were tagged);
2. ``tagged``: ``resultaat.brieven.render.pdf``, what every letter of the app now goes through
   (PDF/UA-1: tags, document language nl-NL, title).

Each run is done twice over the same letters, alternating, and the faster of the two is printed, so a
busy machine weighs less. The last line is ``tagged_vs_untagged=...`` (the ratio of the medians).
"""

from __future__ import annotations

import argparse
import logging
import os
import statistics
import time


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--brieven", type=int, default=30)
    n = parser.parse_args().brieven
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "resultaat.settings")
    import django

    django.setup()
    # WeasyPrint and fontTools log every step of every PDF at INFO: the figures would drown in it.
    for naam in ("weasyprint", "fontTools"):
        logging.getLogger(naam).setLevel(logging.ERROR)
    from weasyprint import HTML

    from resultaat.brieven.ophalen import BASIS_URL, VeiligeFetcher
    from resultaat.brieven.render import pdf
    from resultaat.toegang.brieven import beschikking_html
    from resultaat.toegang.models import Beschikking

    beschikkingen = list(Beschikking.objects.order_by("pk")[:n])
    if not beschikkingen:
        raise SystemExit("Geen beschikkingen in de database: maak eerst de demo (make demo).")
    htmls = [beschikking_html(b) for b in beschikkingen]

    def untagged(html: str) -> bytes:
        return bytes(HTML(string=html, base_url=BASIS_URL, url_fetcher=VeiligeFetcher()).write_pdf())

    tijden: dict[str, list[float]] = {"untagged": [], "tagged": []}
    groottes: dict[str, list[int]] = {"untagged": [], "tagged": []}
    pdf(htmls[0])  # warm up: fonts and the stylesheet cache
    for html in htmls:
        for naam, functie in (("untagged", untagged), ("tagged", pdf)):
            beste = float("inf")
            for _ in range(2):
                start = time.perf_counter()
                uit = functie(html)
                beste = min(beste, time.perf_counter() - start)
            tijden[naam].append(beste)
            groottes[naam].append(len(uit))
    print(f"letters={len(htmls)}")
    for naam, reeks in tijden.items():
        print(
            f"{naam}: median={statistics.median(reeks) * 1000:.0f} ms  max={max(reeks) * 1000:.0f} ms  "
            f"size_median={statistics.median(groottes[naam]) / 1024:.0f} KiB"
        )
    verhouding = statistics.median(tijden["tagged"]) / statistics.median(tijden["untagged"])
    print(f"tagged_vs_untagged={verhouding:.2f}")


if __name__ == "__main__":
    main()

"""``manage.py generate_demo``: build the deterministic demo region "Regio Alkmaar (demo)".

The work is done by :func:`resultaat.demo.generator.genereer_demo`; this command parses the options
and prints the report: clients per stage, rows written, the voorbeeldtarieven (demo) it added
(example tariffs per four-week period from 2025-01-01, not negotiated prices), the demo logins and
the time taken.

    python manage.py generate_demo --clients 10000 --seed 1 --today 2026-11-22
    python manage.py generate_demo --keep-existing      # what `make demo` runs: idempotent
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from resultaat.clienten.models import Client
from resultaat.demo.basis import DemoFout
from resultaat.demo.generator import genereer_demo


def _datum(waarde: str) -> dt.date:
    try:
        return dt.date.fromisoformat(waarde)
    except ValueError as exc:
        raise CommandError(f"--today verwacht een datum als JJJJ-MM-DD, niet {waarde!r}.") from exc


class Command(BaseCommand):
    help = "Vult een lege database met een demoregio (Regio Alkmaar, demo): gemeenten, aanbieders, cliënten."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--clients", type=int, default=500, help="Aantal cliënten (standaard 500).")
        parser.add_argument(
            "--seed", type=int, default=1, help="Zelfde seed geeft dezelfde demo (standaard 1)."
        )
        parser.add_argument(
            "--today",
            type=_datum,
            default=None,
            help="De datum waar de demo omheen is gebouwd, JJJJ-MM-DD (standaard: vandaag).",
        )
        parser.add_argument(
            "--keep-existing",
            action="store_true",
            help="Staan er al cliënten in de database, doe dan niets (en stop zonder fout).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        aantal = Client.objects.count()
        if aantal and options["keep_existing"]:
            self.stdout.write(f"De demo staat er al ({aantal} cliënten); er is niets gewijzigd.")
            return
        if options["clients"] < 1:
            raise CommandError("--clients moet minstens 1 zijn.")
        try:
            verslag = genereer_demo(
                clienten=options["clients"], seed=options["seed"], vandaag=options["today"]
            )
        except DemoFout as exc:
            raise CommandError(str(exc)) from exc
        for regel in verslag.regels():
            self.stdout.write(regel)

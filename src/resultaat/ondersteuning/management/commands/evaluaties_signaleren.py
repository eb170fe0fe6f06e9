"""Put due re-indications, overdue evaluations and regiegesprekken on the worklist (run daily)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from resultaat.ondersteuning import evaluaties


class Command(BaseCommand):
    help = "Herindicaties voor de einddatum, te late evaluaties en regiegesprekken op de werklijst zetten."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--per", help="Peildatum (JJJJ-MM-DD); standaard vandaag.")
        parser.add_argument(
            "--weken", type=int, help="Aantal weken voor de einddatum; standaard de instelling (8)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        per = None
        if options.get("per"):
            try:
                per = dt.date.fromisoformat(options["per"])
            except ValueError:
                raise CommandError("Geef --per als JJJJ-MM-DD.") from None
        weken = options.get("weken")
        if weken is not None and weken < 0:
            raise CommandError("--weken is 0 of meer.")
        aantallen = evaluaties.signaleer(vandaag=per, weken=weken)
        self.stdout.write(
            f"{aantallen['herindicatie']} herindicatie(s), {aantallen['evaluatie']} evaluatie(s) en "
            f"{aantallen['regiegesprek']} regiegesprek(ken) op de werklijst gezet."
        )

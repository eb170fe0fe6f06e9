"""``python manage.py cak_wmo405 --gemeente 0361 --maand 2026-03 [--uit map]``: the month's WMO405."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from resultaat.eigen_bijdrage import cak
from resultaat.organisaties.models import Gemeente


class Command(BaseCommand):
    help = "Maakt de WMO405 voor het CAK: de starts, stops en correcties van de eigen bijdrage per persoon."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--gemeente", required=True, help="CBS-gemeentecode, bijvoorbeeld 0361.")
        parser.add_argument("--maand", required=True, help="De maand van de mutaties: JJJJ-MM.")
        parser.add_argument("--uit", type=Path, help="Map waarin het bestand wordt geschreven.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            gemeente = Gemeente.objects.get(code=options["gemeente"])
        except Gemeente.DoesNotExist:
            raise CommandError(f"Onbekende gemeente {options['gemeente']!r}.") from None
        try:
            maand = dt.datetime.strptime(options["maand"], "%Y-%m").date()
        except ValueError:
            raise CommandError(f"Maand {options['maand']!r} is geen JJJJ-MM.") from None
        try:
            bericht = cak.maak_wmo405(door="cak_wmo405", gemeente=gemeente, maand=maand)
        except ValidationError as e:
            raise CommandError(" ".join(e.messages)) from None
        if bericht is None:
            self.stdout.write(f"{gemeente.naam}: geen mutaties voor het CAK in {maand:%m-%Y}.")
            return
        if options["uit"]:
            pad = options["uit"] / bericht.bestandsnaam
            pad.write_text(bericht.inhoud, encoding="utf-8")
            self.stdout.write(f"Geschreven: {pad}")
        self.stdout.write(f"{bericht.bestandsnaam}: {bericht.meldingen.count()} meldingen.")

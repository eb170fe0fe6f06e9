"""python manage.py iwmo_parse FILE --json: the message content with the standard's element names."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from resultaat.iwmo import xml
from resultaat.iwmo.parse import naar_dict


class Command(BaseCommand):
    help = "Toon de inhoud van een iWmo-bericht (header, cliënten, producten) als JSON."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("bestand", metavar="FILE")
        parser.add_argument("--json", action="store_true", help="Uitvoer als JSON (standaard).")

    def handle(self, *args: Any, **opts: Any) -> None:
        pad = Path(opts["bestand"])
        if not pad.is_file():
            raise CommandError(f"{pad}: bestand niet gevonden.")
        try:
            berichttype, root = xml.lees(pad.read_bytes())
        except xml.BestandFout as fout:
            raise CommandError(f"{pad}: {fout.melding}") from None
        inhoud = {"Bericht": berichttype, **naar_dict(root)}
        self.stdout.write(json.dumps(inhoud, ensure_ascii=False, indent=2))

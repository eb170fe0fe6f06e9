"""Send the day's satisfaction surveys: after support ended, and yearly while it runs (run daily)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from resultaat.kwaliteit.services import enquetes


class Command(BaseCommand):
    help = (
        "Tevredenheidsonderzoeken versturen: na de eindevaluatie van afgelopen ondersteuning (zonder "
        "eindevaluatie vier weken na het einde), en "
        "jaarlijks zolang die loopt. Per e-mail als het adres bekend is, anders per brief (één PDF voor "
        "de drukker in --map)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--per", help="Peildatum (JJJJ-MM-DD); standaard vandaag.")
        parser.add_argument("--hoogstens", type=int, default=500, help="Hoogstens zoveel per keer (500).")
        parser.add_argument(
            "--map",
            default=str(Path(settings.BASE_DIR) / "var" / "enquetes"),
            help="Map voor de PDF met brieven (standaard var/enquetes).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        per = None
        if options.get("per"):
            try:
                per = dt.date.fromisoformat(options["per"])
            except ValueError:
                raise CommandError("Geef --per als JJJJ-MM-DD.") from None
        if options["hoogstens"] < 1:
            raise CommandError("--hoogstens is 1 of meer.")
        uitslag = enquetes.verstuur_periodiek(datum=per, hoogstens=options["hoogstens"])
        regel = f"{uitslag.per_email} per e-mail, {uitslag.per_brief} per brief verstuurd"
        if uitslag.brieven:
            map_ = Path(options["map"])
            map_.mkdir(parents=True, exist_ok=True)
            dag = (per or timezone.localdate()).isoformat()
            bestand = map_ / f"tevredenheid-{dag}-{uitslag.brieven[0][0].pk}.pdf"
            bestand.write_bytes(enquetes.brieven_pdf(uitslag.brieven))
            regel += f" (brieven in {bestand})"
        if uitslag.overgeslagen:
            regel += f"; {uitslag.overgeslagen} overgeslagen (er staat al een onderzoek open)"
        self.stdout.write(regel + ".")

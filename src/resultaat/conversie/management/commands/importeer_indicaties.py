"""Import a file of existing indications (CSV or XLSX) from the command line: the same services as the
conversion page (upload, column mapping, dry run, reading in batches). Run again with --verder <id> to
resume an import that was interrupted; a row is never imported twice."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from resultaat.accounts.models import User
from resultaat.conversie import services
from resultaat.conversie.models import Indicatieimport
from resultaat.organisaties.models import Gemeente


class Command(BaseCommand):
    help = "Bestaande indicaties (CSV of XLSX) inlezen: proef of echt, hervat na een onderbreking."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("bestand", nargs="?", help="Het CSV- of XLSX-bestand.")
        parser.add_argument("--gemeente", help="CBS-gemeentecode, bijvoorbeeld 0361.")
        parser.add_argument("--door", required=True, help="Gebruikersnaam van de consulent of beheerder.")
        parser.add_argument(
            "--kolommen", help='Koppeling als JSON, bijvoorbeeld {"uren": "Uren p/w"}; anders geraden.'
        )
        parser.add_argument("--proef", action="store_true", help="Alleen controleren, niets inlezen.")
        parser.add_argument("--verder", type=int, help="Nummer van een onderbroken import om te hervatten.")

    def handle(self, *args: Any, **options: Any) -> None:
        door = User.objects.filter(username=options["door"]).first()
        if door is None:
            raise CommandError(f"Onbekende gebruiker: {options['door']}.")
        try:
            if options["verder"]:
                imp = Indicatieimport.objects.for_user(door).filter(pk=options["verder"]).first()
                if imp is None:
                    raise CommandError(f"Onbekende import: {options['verder']}.")
            else:
                imp = self._nieuw(door, options)
            if options["proef"]:
                services.proefdraai(door=door, indicatieimport=imp)
            else:
                services.lees_in(door=door, indicatieimport=imp)
        except ValidationError as fout:
            raise CommandError(" ".join(fout.messages)) from None
        imp.refresh_from_db()
        for melding in imp.meldingen.all().iterator():
            self.stdout.write(f"regel {melding.regel}: {melding.get_soort_display()}: {melding.tekst}")
        self.stdout.write(
            f"Import {imp.pk} ({imp.get_status_display()}): {imp.regels} regels, {imp.ingelezen} ingelezen, "
            f"{imp.afgekeurd} afgekeurd."
        )

    def _nieuw(self, door: Any, options: dict[str, Any]) -> Indicatieimport:
        if not options["bestand"] or not options["gemeente"]:
            raise CommandError("Geef een bestand en --gemeente, of --verder met het nummer van een import.")
        gemeente = Gemeente.objects.filter(code=options["gemeente"]).first()
        if gemeente is None:
            raise CommandError(f"Onbekende gemeente: {options['gemeente']}.")
        pad = Path(options["bestand"])
        if not pad.is_file():
            raise CommandError(f"Bestand niet gevonden: {pad}.")
        imp = services.nieuwe_import(
            door=door, gemeente=gemeente, bestandsnaam=pad.name, inhoud=pad.read_bytes()
        )
        if options["kolommen"]:
            try:
                koppeling = {**imp.koppeling, **json.loads(options["kolommen"])}
            except json.JSONDecodeError:
                raise CommandError("--kolommen is geen geldige JSON.") from None
            services.koppel_kolommen(door=door, indicatieimport=imp, koppeling=koppeling)
        return imp

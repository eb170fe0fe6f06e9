"""``python manage.py cak_wmo406 --gemeente 0361 bestand.xml``: read the CAK's WMO406 answer."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from resultaat.eigen_bijdrage import cak
from resultaat.eigen_bijdrage.models import MeldingStatus
from resultaat.organisaties.models import Gemeente


class Command(BaseCommand):
    help = "Verwerkt een WMO406 van het CAK; afgekeurde meldingen komen op de werklijst."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--gemeente", required=True, help="CBS-gemeentecode, bijvoorbeeld 0361.")
        parser.add_argument("bestand", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            gemeente = Gemeente.objects.get(code=options["gemeente"])
        except Gemeente.DoesNotExist:
            raise CommandError(f"Onbekende gemeente {options['gemeente']!r}.") from None
        try:
            inhoud = options["bestand"].read_text(encoding="utf-8")
            retour = cak.verwerk_wmo406(door="cak_wmo406", gemeente=gemeente, inhoud=inhoud)
        except OSError as e:
            raise CommandError(f"Kan {options['bestand']} niet lezen: {e.strerror}.") from None
        except ValidationError as e:
            raise CommandError(" ".join(e.messages)) from None
        assert retour.antwoord_op is not None
        meldingen = retour.antwoord_op.meldingen
        afgekeurd = meldingen.filter(status=MeldingStatus.AFGEKEURD).count()
        self.stdout.write(
            f"{retour.bestandsnaam}: {meldingen.count()} meldingen, {afgekeurd} afgekeurd (op de werklijst)."
        )

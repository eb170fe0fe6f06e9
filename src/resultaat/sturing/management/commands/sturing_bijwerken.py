"""Recompute the dashboard figures of recent periods (daily; see deploy/)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from resultaat.core.opmaak import lees_datum
from resultaat.organisaties.models import Gemeente
from resultaat.sturing.services import bijwerken


class Command(BaseCommand):
    help = "Herbereken de kengetallen (dashboards) van recente perioden, van alle gemeenten of één."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--vanaf", help="Perioden die na deze datum eindigen (JJJJ-MM-DD); standaard 13 weken geleden."
        )
        parser.add_argument("--gemeente", help="Gemeentecode (4 cijfers); standaard alle gemeenten.")

    def handle(self, *args: Any, **opts: Any) -> None:
        try:
            vanaf = lees_datum(opts["vanaf"])
        except ValueError as e:
            raise CommandError(f"--vanaf {opts['vanaf']!r} is geen datum (JJJJ-MM-DD).") from e
        gemeente_id = None
        if opts["gemeente"]:
            gemeente = Gemeente.objects.filter(code=opts["gemeente"]).first()
            if gemeente is None:
                raise CommandError(f"Er is geen gemeente met code {opts['gemeente']!r}.")
            gemeente_id = gemeente.pk
        uitkomst = bijwerken(vanaf, gemeente_id)
        self.stdout.write(f"{uitkomst.perioden} perioden herberekend: {uitkomst.regels} regels.")

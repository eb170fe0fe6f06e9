"""Pseudonymise the personal data of clients whose cases ended longer than the retention term ago.

    python manage.py bewaartermijn [--gemeente 0361] [--jaren 15] [--proef]

Run it daily or weekly from the scheduler (docs/privacy.md). ``--proef`` only counts.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from resultaat.organisaties.models import Gemeente
from resultaat.toegang import bewaartermijn


class Command(BaseCommand):
    help = (
        "Pseudonimiseer de persoonsgegevens van cliënten van wie de zaak langer dan de bewaartermijn "
        "is beëindigd."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--gemeente", help="CBS-gemeentecode; zonder: alle gemeenten.")
        parser.add_argument(
            "--jaren",
            type=int,
            help="Bewaartermijn in jaren (standaard: RESULTAAT_BEWAARTERMIJN_JAREN).",
        )
        parser.add_argument("--proef", action="store_true", help="Alleen tellen, niets wijzigen.")

    def handle(self, *args: Any, **options: Any) -> None:
        gemeente = None
        if options["gemeente"]:
            gemeente = Gemeente.objects.filter(code=options["gemeente"]).first()
            if gemeente is None:
                raise CommandError(f"Onbekende gemeente: {options['gemeente']}.")
        jaren = options["jaren"] if options["jaren"] is not None else settings.RESULTAAT_BEWAARTERMIJN_JAREN
        if jaren < 1:
            raise CommandError("De bewaartermijn is minstens 1 jaar.")
        if options["proef"]:
            grens = bewaartermijn.grensdatum(timezone.localdate(), jaren)
            aantal = bewaartermijn.verlopen(grens, gemeente).count()
            self.stdout.write(
                f"{aantal} cliënten zouden worden gepseudonimiseerd (zaak beëindigd vóór {grens:%d-%m-%Y})."
            )
            return
        uitkomst = bewaartermijn.pas_toe(jaren=jaren, gemeente=gemeente)
        self.stdout.write(
            f"{uitkomst.clienten} cliënten gepseudonimiseerd "
            f"(zaak beëindigd vóór {uitkomst.grens:%d-%m-%Y}); {uitkomst.teksten} vrije teksten geleegd."
        )

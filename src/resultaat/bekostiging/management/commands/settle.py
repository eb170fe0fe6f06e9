"""``python manage.py settle --gemeente 0361 --period 2017-P02 --door USERNAME [--dry-run]``: settle one
period as that financieel user; another user approves the run (four eyes, as in the portal)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from resultaat.accounts.models import Rol, User
from resultaat.bekostiging import services
from resultaat.core.audit.context import acting_as
from resultaat.core.opmaak import euro
from resultaat.organisaties.models import Gemeente


class Command(BaseCommand):
    help = "Rekent een periode af voor een gemeente en toont regels, cliënten en bedrag per aanbieder."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--gemeente", required=True, help="CBS-gemeentecode, bijvoorbeeld 0361.")
        parser.add_argument("--period", required=True, help="Periode: YYYY-PNN (4 weken) of YYYY-MM.")
        parser.add_argument(
            "--door", required=True, help="Gebruikersnaam van de financieel medewerker die de run maakt."
        )
        parser.add_argument(
            "--controle",
            action="store_true",
            help="Niets vastleggen: reken de periode incrementeel én volledig opnieuw en toon dat de "
            "uitkomsten gelijk zijn (anders een foutmelding).",
        )
        parser.add_argument("--dry-run", action="store_true", help="Rekenen zonder iets vast te leggen.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            gemeente = Gemeente.objects.get(code=options["gemeente"])
        except Gemeente.DoesNotExist:
            raise CommandError(f"Onbekende gemeente {options['gemeente']!r}.") from None
        door = User.objects.filter(username=options["door"], is_active=True, gemeenten=gemeente).first()
        if door is None or door.rol != Rol.FINANCIEEL:
            raise CommandError(
                f"{options['door']!r} is geen actieve financieel medewerker van {gemeente.naam}."
            )
        if options["controle"]:
            self._controle(gemeente, options["period"], door)
            return
        try:
            with acting_as(door):
                periode = services.zoek_periode(gemeente, options["period"])
                res = services.afrekenen(
                    gemeente=gemeente, periode=periode, door=door, dry_run=options["dry_run"]
                )
        except ValidationError as e:
            raise CommandError(" ".join(e.messages)) from None
        self.stdout.write(
            f"{gemeente.naam} ({gemeente.code}) periode {periode.code} "
            f"({periode.begin:%d-%m-%Y} t/m {periode.laatste_dag:%d-%m-%Y})"
        )
        for s in res.per_aanbieder:
            self.stdout.write(
                f"  {s.aanbieder}: {s.regels} regels, {s.clienten} cliënten, {euro(s.totaal_cent)}"
            )
        self.stdout.write(f"{res.regels} regels, {res.clienten} cliënten, totaal {euro(res.totaal_cent)}")
        if res.run is not None:
            self.stdout.write(
                f"Afrekenrun {res.run.pk} vastgelegd als concept; goedkeuring door een tweede persoon nodig."
            )
        for k in res.conflicten:
            self.stdout.write(f"  Aangehouden: {k.beschrijving}")
        if res.melding:
            self.stdout.write(res.melding)

    def _controle(self, gemeente: Gemeente, code: str, door: Any) -> None:
        try:
            with acting_as(door):
                periode = services.zoek_periode(gemeente, code)
                stap = services.afrekenen(gemeente=gemeente, periode=periode, door=door, dry_run=True)
                alles = services.afrekenen(
                    gemeente=gemeente, periode=periode, door=door, dry_run=True, volledig=True
                )
        except ValidationError as e:
            raise CommandError(" ".join(e.messages)) from None
        for naam, res in (("incrementeel", stap), ("volledig opnieuw", alles)):
            self.stdout.write(
                f"{naam}: {res.regels} regels, {res.clienten} cliënten, {euro(res.totaal_cent)}"
            )
        if (stap.regels, stap.totaal_cent) != (alles.regels, alles.totaal_cent):
            raise CommandError(
                "De incrementele berekening wijkt af van de volledige: reken met een volledige run af "
                "en meld dit aan de beheerder."
            )
        self.stdout.write("Gelijk: de incrementele run betaalt hetzelfde als een volledige herberekening.")

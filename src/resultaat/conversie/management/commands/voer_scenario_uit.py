"""Execute a conversion scenario from the command line, with the same services as any decision: per
client a wijzigingsbeschikking after the transition period, the letters in batch (one PDF per client and
one merged PDF), then --verzonden when the letters are posted or --ongedaan to undo a round whose letters
were not sent."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from resultaat.accounts.models import User
from resultaat.conversie import uitvoeren
from resultaat.conversie.models import Omzetronde, Scenario


class Command(BaseCommand):
    help = "Een omzetscenario uitvoeren (besluiten, toewijzingen, brieven), verzenden of ongedaan maken."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--door", required=True, help="Gebruikersnaam van de consulent.")
        parser.add_argument("--scenario", type=int, help="Nummer van het scenario om uit te voeren.")
        parser.add_argument("--overgang", type=int, default=0, help="Overgangsperiode in weken.")
        parser.add_argument("--product", action="append", default=[], help="Alleen dit oude product (fase).")
        parser.add_argument("--brieven", type=Path, help="Schrijf de samengevoegde brieven naar dit bestand.")
        parser.add_argument("--processen", type=int, default=2, help="Processen voor de brieven.")
        parser.add_argument(
            "--verzonden", type=int, metavar="RONDE", help="De brieven van deze ronde zijn verzonden."
        )
        parser.add_argument("--ongedaan", type=int, metavar="RONDE", help="Maak deze ronde ongedaan.")

    def handle(self, *args: Any, **options: Any) -> None:
        door = User.objects.filter(username=options["door"]).first()
        if door is None:
            raise CommandError(f"Onbekende gebruiker: {options['door']}.")
        try:
            if options["verzonden"] or options["ongedaan"]:
                pk = options["verzonden"] or options["ongedaan"]
                ronde = Omzetronde.objects.for_user(door).filter(pk=pk).first()
                if ronde is None:
                    raise CommandError(f"Onbekende omzetronde: {pk}.")
                if options["verzonden"]:
                    uitvoeren.verzend(door=door, ronde=ronde, op=timezone.localdate())
                    self.stdout.write(f"Ronde {ronde.pk}: brieven verzonden; de besluiten gelden.")
                else:
                    uitvoeren.maak_ongedaan(door=door, ronde=ronde)
                    self.stdout.write(f"Ronde {ronde.pk} is ongedaan gemaakt.")
                return
            scenario = Scenario.objects.for_user(door).filter(pk=options["scenario"]).first()
            if scenario is None:
                raise CommandError("Geef --scenario met het nummer van een scenario van uw gemeente.")
            uitkomst = uitvoeren.voer_uit(
                door=door,
                scenario=scenario,
                besluitdatum=timezone.localdate(),
                overgang_weken=options["overgang"],
                producten=options["product"],
            )
            for reden in uitkomst.niet_omgezet:
                self.stdout.write(f"niet omgezet: {reden}")
            uitvoeren.maak_brieven(door=door, ronde=uitkomst.ronde, processen=options["processen"])
        except (ValidationError, PermissionDenied) as fout:
            raise CommandError(" ".join(getattr(fout, "messages", [str(fout)]))) from None
        ronde = uitkomst.ronde
        ronde.refresh_from_db()
        if options["brieven"]:
            options["brieven"].write_bytes(bytes(ronde.samengevoegd))
        self.stdout.write(
            f"Ronde {ronde.pk}: {uitkomst.omgezet} cliënten omgezet per "
            f"{ronde.ingangsdatum:%d-%m-%Y}, {len(uitkomst.niet_omgezet)} niet; "
            "brieven klaar om te verzenden."
        )

"""Write the information letter about support on results (seed 000's worries) for every current client of
huishoudelijke hulp of a gemeente: one PDF per client with a running toewijzing of huishoudelijke hulp,
with their own hours and eigen bijdrage, named by the client's id (never the BSN)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import Exists, OuterRef
from django.utils import timezone

from resultaat.brieven.render import pdf
from resultaat.clienten.models import Client
from resultaat.organisaties.models import Gemeente
from resultaat.toegang.brieven import HUISHOUDEN, informatiebrief_html
from resultaat.toewijzingen.models import Toewijzing


class Command(BaseCommand):
    help = (
        "Informatiebrief 'ondersteuning op resultaat' (PDF) voor elke huidige cliënt van huishoudelijke hulp "
        "van een gemeente."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--gemeente", required=True, help="CBS-gemeentecode, bijvoorbeeld 0361.")
        parser.add_argument("--per", required=True, help="Datum van de overgang (JJJJ-MM-DD).")
        parser.add_argument("--map", required=True, help="Map waarin de PDF's komen.")

    def handle(self, *args: Any, **options: Any) -> None:
        gemeente = Gemeente.objects.filter(code=options["gemeente"]).first()
        if gemeente is None:
            raise CommandError(f"Onbekende gemeente: {options['gemeente']}.")
        try:
            per = dt.date.fromisoformat(options["per"])
        except ValueError:
            raise CommandError("Geef --per als JJJJ-MM-DD.") from None
        vandaag = timezone.localdate()
        map_ = Path(options["map"])
        map_.mkdir(parents=True, exist_ok=True)
        actief = Toewijzing.objects.actief_op(vandaag).filter(
            client=OuterRef("pk"), product__categorie=HUISHOUDEN
        )
        clienten = Client.objects.filter(gemeente=gemeente, overlijdensdatum__isnull=True).filter(
            Exists(actief)
        )
        aantal = 0
        for client in clienten.select_related("gemeente").order_by("pk").iterator():
            (map_ / f"informatiebrief-{client.pk}.pdf").write_bytes(
                pdf(informatiebrief_html(client, datum=vandaag, per_datum=per))
            )
            aantal += 1
        self.stdout.write(f"{aantal} informatiebrieven geschreven in {map_}.")

"""python manage.py iwmo_retouren: put every 301/319 without its retour after three werkdagen (OP090) on
the worklist. Run daily."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from resultaat.iwmo.bewaking import meld_ontbrekende_retouren


class Command(BaseCommand):
    help = "Zet verstuurde 301- en 319-berichten zonder retour na drie werkdagen (OP090) op de werklijst."

    def handle(self, *args: Any, **opties: Any) -> None:
        aantal = meld_ontbrekende_retouren()
        self.stdout.write(f"{aantal} bericht(en) zonder retour op de werklijst gezet.")

"""python manage.py iwmo_inbox: process every file in <IWMO_DIR>/inbox; retours go to the outbox."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from resultaat.iwmo.intake.inbox import verwerk_inbox


class Command(BaseCommand):
    help = "Verwerk de iWmo-inbox: elk bestand wordt gecontroleerd, toegepast en beantwoord met een retour."

    def handle(self, *args: Any, **opts: Any) -> None:
        uitkomsten = verwerk_inbox()
        for u in uitkomsten:
            codes = sorted({p.retourcode for p in u.problemen}) if u.status != "technisch" else []
            extra = f" {', '.join(codes)}" if codes else ""
            self.stdout.write(f"{u.bestandsnaam}: {u.status}{extra}")
        self.stdout.write(f"{len(uitkomsten)} bestand(en) verwerkt.")

"""python manage.py iwmo_validate FILE... [--level xsd|all]: check files without applying anything."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from resultaat.iwmo.intake import controleer_technisch, verwerk


class Command(BaseCommand):
    help = (
        "Valideer iWmo 3.2-bestanden (XSD, regels in het bericht, regels op onze gegevens); past niets toe."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("bestanden", nargs="+", metavar="FILE")
        parser.add_argument(
            "--level", choices=["xsd", "all"], default="all", help="xsd: stop na de XSD-controle."
        )

    def handle(self, *args: Any, **opts: Any) -> None:
        paden = [Path(p) for p in opts["bestanden"]]
        for pad in paden:
            if not pad.is_file():
                raise CommandError(f"{pad}: bestand niet gevonden.")
        bestanden = [(str(p), p.read_bytes()) for p in paden]
        if opts["level"] == "xsd":
            uitkomsten = [controleer_technisch(n, d, alleen_xsd=True).uitkomst for n, d in bestanden]
        else:
            try:
                uitkomsten = verwerk(bestanden, toepassen=False)
            except DatabaseError as exc:
                raise CommandError(
                    f"De regels op onze gegevens vragen een gemigreerde database ({exc}); "
                    "draai eerst `python manage.py migrate`, of gebruik --level xsd."
                ) from None
        fout = False
        for u in uitkomsten:
            if not u.problemen:
                self.stdout.write(f"{u.bestandsnaam}: OK ({u.berichttype})")
                continue
            fout = True
            self.stdout.write(
                f"{u.bestandsnaam}: {len(u.problemen)} probleem/problemen ({u.berichttype or '?'})"
            )
            for p in u.problemen:
                code = p.retourcode if u.status != "technisch" else "geen retour"
                self.stdout.write(f"  [{code}] {p.regel} {p.pad}: {p.melding}")
        if fout:
            raise SystemExit(1)

"""Check the hash chain of the access log: every edited, inserted or removed row is reported.

    python manage.py audit_verify

Exit status 0 and "Auditlog in orde: ..." with the number of rows and the hash of the last row (keep
that hash outside the application: a later run that starts from it also proves that no rows were cut
off at the end); exit status 1 with one line per break otherwise.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from resultaat.core.audit import keten
from resultaat.core.audit.models import AuditEvent


class Command(BaseCommand):
    help = (
        "Controleer de hashketen van het auditlog (NEN 7513): gewijzigde, ingevoegde of verwijderde regels."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--tot-en-met",
            metavar="ID:HASH",
            help="Een eerder genoteerd eindpunt: de regel met dit id moet nog bestaan met deze hash.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        kolommen = ["id", *keten.KETEN_VELDEN, "vorige_hash", "hash"]
        rijen = (
            dict(zip(kolommen, waarden, strict=True))
            for waarden in AuditEvent.objects.order_by("id").values_list(*kolommen).iterator(chunk_size=5000)
        )
        aantal, laatste = 0, {"id": None, "hash": keten.BEGIN}

        def geteld() -> Any:
            nonlocal aantal, laatste
            for rij in rijen:
                aantal, laatste = aantal + 1, rij
                yield rij

        breuken = list(keten.controleer(geteld()))
        anker = options.get("tot_en_met")
        if anker:
            anker_id, _, anker_hash = anker.partition(":")
            if not anker_id.isdigit() or not anker_hash:
                raise CommandError(
                    "--tot-en-met verwacht ID:HASH, zoals audit_verify die als laatste regel meldt."
                )
            bestaand = AuditEvent.objects.filter(pk=anker_id).values_list("hash", flat=True).first()
            if bestaand != anker_hash:
                breuken.append(
                    keten.Breuk(
                        int(anker_id),
                        "verwijderd",
                        f"Regel {anker_id} met de genoteerde hash bestaat niet meer "
                        "(regels verwijderd of gewijzigd).",
                    )
                )
        if breuken:
            for breuk in breuken:
                self.stderr.write(breuk.tekst)
            raise CommandError(
                f"Auditlog niet in orde: {len(breuken)} breuk(en) in de keten van {aantal} regels."
            )
        self.stdout.write(
            f"Auditlog in orde: {aantal} regels; laatste regel {laatste['id']} met hash {laatste['hash']}."
        )

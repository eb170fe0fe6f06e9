"""Named audit events: what happened, in words, beside the row-level trail.

The row-level trail (``record``) says which fields of which row changed; a named event says what a
person did, such as "afrekenrun.goedgekeurd" with the text "Afrekenrun 2026-P12 van Alkmaar
goedgekeurd (2 regels, € 465,00)". Each component declares its events in its own ``gebeurtenissen``
module; the service that performs the act writes the event with :func:`leg_vast` inside the
transaction of the change, so an act and its event are committed together or not at all.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone

from resultaat.core.audit.models import Actie, AuditEvent, client_id_van, herkomst_en_actor, schrijf

# Every declared event by name, so the trail can list and explain them.
ALLE: dict[str, Gebeurtenis] = {}


@dataclass(frozen=True)
class Gebeurtenis:
    """An event type: a dotted name (``<onderwerp>.<wat er gebeurde>``) and a Dutch text with
    ``{placeholders}`` filled in when it is recorded."""

    naam: str
    sjabloon: str
    omschrijving: str = ""

    def __post_init__(self) -> None:
        if self.naam in ALLE and ALLE[self.naam] != self:
            raise ValueError(f"Audit-gebeurtenis {self.naam!r} is twee keer gedeclareerd.")
        ALLE[self.naam] = self

    def tekst(self, **waarden: Any) -> str:
        return self.sjabloon.format(**waarden)


def leg_vast(gebeurtenis: Gebeurtenis, obj: models.Model, **waarden: Any) -> AuditEvent:
    """Write ``gebeurtenis`` about ``obj``, attributed to the current actor, in the caller's
    transaction. Outside a transaction it is refused: the event must commit with the act."""
    (event,) = leg_vast_per_rij(gebeurtenis, [(obj, waarden)])
    return event


def leg_vast_per_rij(
    gebeurtenis: Gebeurtenis, rijen_in: Iterable[tuple[models.Model, dict[str, Any]]]
) -> list[AuditEvent]:
    """The same event about many rows (each with its own values for the text), in one insert: the
    set-based form of :func:`leg_vast`, for acts on many rows at once such as a 302."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError(
            f"{gebeurtenis.naam}: een audit-gebeurtenis hoort in de transactie van de handeling."
        )
    vast = herkomst_en_actor()
    vast.update(
        tijdstip=timezone.now(), actie=Actie.GEBEURTENIS.value, velden=[], gebeurtenis=gebeurtenis.naam
    )
    rijen = [
        {
            **vast,
            "client_id": client_id_van(obj),
            "content_type_id": ContentType.objects.get_for_model(obj.__class__).pk,
            "object_id": str(obj.pk),
            "object_omschrijving": f"{obj._meta.verbose_name} {obj.pk}"[:200],
            "tekst": gebeurtenis.tekst(**waarden)[:300],
        }
        for obj, waarden in rijen_in
    ]
    schrijf(rijen)
    return [AuditEvent(**rij) for rij in rijen]

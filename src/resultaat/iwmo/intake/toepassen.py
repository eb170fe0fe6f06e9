"""Applying a batch: the messages and their retours, the leveringen with their audit events (the
ClientData QuerySet's ``bulk_create`` and ``audit.models.record`` write those set-based), the tasks the checks
left, one ``levering_gemeld`` for the batch, and the retours to the outbox after the commit."""

from __future__ import annotations

from django.db import models

from resultaat.audit.models import Actie, record
from resultaat.iwmo.intake.batch import Batch
from resultaat.iwmo.intake.schrijver import voeg_in
from resultaat.iwmo.models import Bericht
from resultaat.iwmo.transport import schrijf_outbox_na_commit
from resultaat.toewijzingen.models import Levering
from resultaat.toewijzingen.signals import levering_gemeld

# What a stop (or withdrawing a start or stop) changes on a levering.
GEWIJZIGDE_VELDEN = ["einddatum", "reden_beeindiging", "stop_gemeld_op", "verwijderd"]


def voeg_berichten_in(berichten: list[Bericht]) -> None:
    """Insert new messages set-based (:func:`schrijver.voeg_in`). Messages are not client data: no
    audit rows."""
    voeg_in(Bericht, berichten)


def schrijf(b: Batch) -> None:
    voeg_berichten_in(b.berichten)
    for heen, terug in b.retouren:
        terug.heenbericht_id = heen.pk
    voeg_berichten_in([t for _, t in b.retouren])
    # Each levering has its toewijzing at hand (batch.Batch._laad), so the audit rows need no query.
    if b.nieuw:
        voeg_in(Levering, b.nieuw)
        record(b.nieuw, Actie.AANGEMAAKT)
    if b.gewijzigd:
        gewijzigd = list(b.gewijzigd.values())
        # Django's bulk_update on a plain QuerySet, then one audit event per levering. Not
        # ``Levering.objects.bulk_update``: Django's bulk_update calls ``update()``, which the ClientData
        # QuerySet audits as well, so each levering would get two events.
        models.QuerySet[Levering](Levering).bulk_update(gewijzigd, GEWIJZIGDE_VELDEN)
        record(gewijzigd, Actie.GEWIJZIGD, GEWIJZIGDE_VELDEN)
    for taak in b.nagestuurd:
        taak()
    if b.nieuw or b.gewijzigd:
        # One domain event for the whole batch (receivers get every levering at once).
        levering_gemeld.send(sender=Levering, leveringen=[*b.nieuw, *b.gewijzigd.values()])
    schrijf_outbox_na_commit([t for _, t in b.retouren])

"""Applying a batch: the messages and their retours, the leveringen with their audit events (the
``audit.models.record_rijen``, set-based), the tasks the checks left, and the retours to the outbox
after the commit."""

from __future__ import annotations

from typing import Any

from django.db import models

from resultaat.core.audit.models import Actie, record_rijen
from resultaat.core.bulk import voeg_objecten_in
from resultaat.iwmo.intake.batch import Batch
from resultaat.iwmo.models import Bericht
from resultaat.iwmo.transport import schrijf_outbox_na_commit
from resultaat.toewijzingen.models import Levering

# What a stop (or withdrawing a start or stop) changes on a levering.
GEWIJZIGDE_VELDEN = ["einddatum", "reden_beeindiging", "stop_gemeld_op", "verwijderd"]


def voeg_berichten_in(berichten: list[Bericht]) -> None:
    """Insert new messages set-based (:func:`core.bulk.voeg_objecten_in`). Messages are not client data: no
    audit rows."""
    voeg_objecten_in(Bericht, berichten)


def schrijf(b: Batch) -> None:
    voeg_berichten_in(b.berichten)
    for heen, terug in b.retouren:
        terug.heenbericht_id = heen.id
    voeg_berichten_in([t for _, t in b.retouren])
    # The audit rows of the leveringen, set-based: the client of each is known from its toewijzing.
    if b.nieuw:
        voeg_objecten_in(Levering, b.nieuw)
        record_rijen(
            Levering, [(lev.id, b.client_van[lev.toewijzing_id]) for lev in b.nieuw], Actie.AANGEMAAKT
        )
    if b.gewijzigd:
        gewijzigd = list(b.gewijzigd.values())
        # Django's bulk_update on a plain QuerySet, then one audit event per levering. Not
        # ``Levering.objects.bulk_update``: Django's bulk_update calls ``update()``, which the ClientData
        # QuerySet audits as well, so each levering would get two events.
        gewoon: models.QuerySet[Any] = models.QuerySet(Levering)
        gewoon.bulk_update(gewijzigd, GEWIJZIGDE_VELDEN)
        record_rijen(
            Levering,
            [(lev.pk, b.client_van[lev.toewijzing_id]) for lev in gewijzigd],
            Actie.GEWIJZIGD,
            GEWIJZIGDE_VELDEN,
        )
    for taak in b.nagestuurd:
        taak()
    schrijf_outbox_na_commit([t for _, t in b.retouren])

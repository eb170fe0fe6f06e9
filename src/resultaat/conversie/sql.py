"""The set-based write of imported indications: one multi-row INSERT per batch and their audit rows.

A batch of an import can hold thousands of rows; building a model instance per row costs more than
checking the row. The rows are inserted with their values as parameters (``core.bulk.voeg_in``), read
back by import and row number (unique within an import) and written to the audit trail with
``record_rijen``, all in the caller's transaction, so the trail is the same as that of ``bulk_create``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

from resultaat.conversie.models import BestaandeIndicatie
from resultaat.core.audit.models import Actie, record_rijen
from resultaat.core.bulk import voeg_in

Rij = tuple[int, int, int, str, Decimal, int, dt.date, dt.date | None, dt.date]
KOLOMMEN = (
    "indicatieimport",
    "regel",
    "client",
    "gemeente",
    "product",
    "uren_per_week",
    "aanbieder",
    "begindatum",
    "einddatum",
    "besluitdatum",
)


def voeg_indicaties_in(import_id: int, rijen: Sequence[Rij]) -> None:
    """Insert (row number, client, gemeente, product, hours, provider, start, end, decision date) rows of
    one import; the caller has checked every value and holds the transaction."""
    if not rijen:
        return
    voeg_in(BestaandeIndicatie, KOLOMMEN, [(import_id, *r) for r in rijen])
    nummers = [r[0] for r in rijen]
    nieuw = BestaandeIndicatie.objects.filter(
        indicatieimport_id=import_id, regel__gte=min(nummers), regel__lte=max(nummers)
    ).values_list("pk", "client_id")
    record_rijen(BestaandeIndicatie, list(nieuw), Actie.AANGEMAAKT)

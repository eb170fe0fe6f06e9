"""The set-based write of imported indications: one multi-row INSERT per batch and their audit rows.

A batch of an import can hold thousands of rows; building a model instance per row costs more than
checking the row. The rows are inserted with their values as parameters, read back by import and row
number (unique within an import) and written to the audit trail with ``record_rijen``, all in the
caller's transaction, so the trail is the same as that of ``bulk_create``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

from django.db import connections, router

from resultaat.conversie.models import BestaandeIndicatie
from resultaat.core.audit.models import Actie, record_rijen

Rij = tuple[int, int, int, str, Decimal, int, dt.date, dt.date | None, dt.date]
KOLOMMEN = (
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
    conn = connections[router.db_for_write(BestaandeIndicatie)]
    opts = BestaandeIndicatie._meta
    kolom = {f.name: f.column for f in opts.concrete_fields}
    namen = ["indicatieimport", *KOLOMMEN]
    datum = opts.get_field("begindatum")
    uren = opts.get_field("uren_per_week")
    waarden = [
        (
            import_id,
            *r[:4],
            uren.get_db_prep_save(r[4], connection=conn),
            r[5],
            datum.get_db_prep_save(r[6], connection=conn),
            datum.get_db_prep_save(r[7], connection=conn),
            datum.get_db_prep_save(r[8], connection=conn),
        )
        for r in rijen
    ]
    sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608 (names from the model, values as parameters)
        conn.ops.quote_name(opts.db_table),
        ", ".join(conn.ops.quote_name(kolom[n]) for n in namen),
        ", ".join(["%s"] * len(namen)),
    )
    with conn.cursor() as cursor:
        cursor.executemany(sql, waarden)
    nummers = [r[0] for r in rijen]
    nieuw = BestaandeIndicatie.objects.filter(
        indicatieimport_id=import_id, regel__gte=min(nummers), regel__lte=max(nummers)
    ).values_list("pk", "client_id")
    record_rijen(BestaandeIndicatie, list(nieuw), Actie.AANGEMAAKT)

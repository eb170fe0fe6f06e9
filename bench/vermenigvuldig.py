"""Scale a demo region up in bulk SQL: every client's data copied ``factor - 1`` times (bench only).

The demo generator writes each client with its history through the models and the audit trail, which
takes minutes per thousand clients on PostgreSQL. A load test needs 100,000 clients, not 100,000
different histories: :func:`vermenigvuldig` copies every table that holds client data (every model with
a foreign key path to ``Client``), ``factor - 1`` times, with one ``INSERT ... SELECT`` per table.

- Primary keys and foreign keys between the copied tables move by ``k * max(id)`` for copy ``k``; foreign
  keys to the fixed region (gemeente, aanbieder, product, users, periods) stay, so every gemeente and
  provider gets ``factor`` times as many clients.
- The generic link of a worklist item (``content_type`` + ``object_id``) moves with its table.
- Values that must be unique get a copy of their own: a fresh valid BSN (eleven test) per copied client,
  ``-k`` after the beschikking number and the references, the toewijzing number moved by ``k * max``,
  a new token hash.
- The audit trail is not copied (it would not verify as a chain; the copies are bench data).

Triggers and foreign-key checks are off during the copy (``session_replication_role = replica``, which
needs a superuser, as the bench's own database has); the sequences are set past the new ids and every
table is analysed afterwards by the caller.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

# Unique columns of the copied tables and the expression that keeps them unique in copy ``k``.
UNIEK = {
    ("toegang_beschikking", "nummer"): "{col} || '-' || k",
    ("eigen_bijdrage_cakmelding", "referentie"): "{col} || '-' || k",
    ("iwmo_verzoek", "referentie_aanbieder"): "{col} || '-' || k",
    ("iwmo_declaratieregel", "referentienummer"): "left({col}, 16) || '-' || k",
    (
        "kwaliteit_enquete",
        "token_hash",
    ): "encode(sha256(convert_to({col} || '-' || id || '-' || k, 'UTF8')), 'hex')",
}


def _modellen() -> list[Any]:
    """Every model with client data, in foreign-key order (a referenced table before its referrers)."""
    from django.apps import apps

    from resultaat.clienten.models import Client

    alle = [m for m in apps.get_models(include_auto_created=True) if not m._meta.proxy]
    set_ = {Client}
    veranderd = True
    while veranderd:
        veranderd = False
        for m in alle:
            if m in set_ or m._meta.app_label == "audit":
                continue
            if any(f.is_relation and f.related_model in set_ for f in m._meta.concrete_fields):
                set_.add(m)
                veranderd = True
    volgorde: list[Any] = []
    while len(volgorde) < len(set_):
        for m in sorted(set_ - set(volgorde), key=lambda m: m._meta.db_table):
            nodig = {
                f.related_model
                for f in m._meta.concrete_fields
                if f.is_relation and f.related_model in set_ and f.related_model is not m
            }
            if nodig <= set(volgorde):
                volgorde.append(m)
    return volgorde


def _bsns(bezet: set[str]) -> Iterator[str]:
    """Valid BSNs (eleven test) from 100000000 upward, skipping the ones in use."""
    n = 10_000_000
    while True:
        cijfers = [int(c) for c in f"{n:08d}"]
        controle = sum((9 - i) * c for i, c in enumerate(cijfers)) % 11
        n += 1
        if controle == 10:
            continue
        bsn = f"{n - 1:08d}{controle}"
        if bsn not in bezet:
            yield bsn


def vermenigvuldig(factor: int) -> dict[str, int]:
    """Copy every client's data ``factor - 1`` times; returns the rows per table afterwards."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection, transaction

    from resultaat.clienten.models import Client

    if factor < 2:
        return {}
    modellen = _modellen()
    tabellen = {m: m._meta.db_table for m in modellen}
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL session_replication_role = replica")
        verschuiving: dict[Any, int] = {}
        for m in modellen:
            cursor.execute(f"SELECT coalesce(max(id), 0) FROM {tabellen[m]}")  # noqa: S608 (model tables)
            verschuiving[m] = cursor.fetchone()[0]
        soorten = {
            ct.pk: ct.model_class() for ct in ContentType.objects.all() if ct.model_class() in verschuiving
        }
        # A fresh valid BSN per copied client, looked up by the copy's id while inserting.
        basis = verschuiving[Client]
        bezet = set(Client.objects.values_list("bsn", flat=True))
        nieuwe = _bsns(bezet)
        cursor.execute("CREATE TEMP TABLE bench_bsn (id bigint PRIMARY KEY, bsn varchar(9)) ON COMMIT DROP")
        origineel = list(Client.objects.values_list("pk", flat=True).order_by("pk"))
        with cursor.copy("COPY bench_bsn (id, bsn) FROM STDIN") as copy:
            for k in range(1, factor):
                for i in origineel:
                    copy.write_row((i + k * basis, next(nieuwe)))
        uit = {}
        for m in modellen:
            tabel = tabellen[m]
            kolommen, expressies = [], []
            for f in m._meta.concrete_fields:
                col = f'"{f.column}"'
                kolommen.append(col)
                if f.primary_key:
                    expressies.append(f"{col} + k * {verschuiving[m]}")
                elif f.is_relation and f.related_model in verschuiving:
                    expressies.append(f"{col} + k * {verschuiving[f.related_model]}")
                elif tabel == "clienten_client" and f.column == "bsn":
                    expressies.append(
                        f"(SELECT b.bsn FROM bench_bsn b WHERE b.id = {tabel}.id + k * {basis})"  # noqa: S608
                    )
                elif (tabel, f.column) in UNIEK:
                    expressies.append(UNIEK[(tabel, f.column)].format(col=col))
                elif tabel == "toewijzingen_toewijzing" and f.column == "nummer":
                    cursor.execute("SELECT coalesce(max(nummer), 0) FROM toewijzingen_toewijzing")
                    expressies.append(f"{col} + k * {cursor.fetchone()[0]}")
                elif tabel == "werklijst_werklijstitem" and f.column == "object_id" and soorten:
                    gevallen = " ".join(
                        f"WHEN {ct} THEN {col} + k * {verschuiving[model]}" for ct, model in soorten.items()
                    )
                    expressies.append(f"CASE content_type_id {gevallen} ELSE {col} END")
                else:
                    expressies.append(col)
            cursor.execute(
                f"INSERT INTO {tabel} ({', '.join(kolommen)}) "  # noqa: S608 (model tables and columns)
                f"SELECT {', '.join(expressies)} FROM {tabel} "
                f"CROSS JOIN generate_series(1, {factor - 1}) AS k WHERE id <= {verschuiving[m]}"
            )
            uit[tabel] = cursor.rowcount
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{tabel}', 'id'), (SELECT max(id) FROM {tabel}))"  # noqa: S608
            )
    return uit

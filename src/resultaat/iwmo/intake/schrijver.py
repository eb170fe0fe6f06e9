"""A small set-based writer for the intake's hot path: new rows with one multi-row
``INSERT … RETURNING`` per chunk, its SQL built from the model's metadata (``_meta.db_table``, each
field's ``column``, the primary key), values prepared by the fields themselves.

Why not ``bulk_create``: it runs the same kind of statement, but prepares every value of every row
on its own (``pre_save``, ``get_db_prep_save``), which made the whole intake of 10,000 one-client
305s about 1.7-1.9 times as much CPU (bench/iwmo_intake.py, see "Benchmark" in docs/iwmo.md). Here a
value is prepared once per field and distinct value (a batch has few distinct dates, one 'now' and
mostly empty code lists). No signals and no audit rows: the caller writes those (``audit.record``).
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from typing import Any

from django.db import connections, router
from django.utils import timezone

# Field types whose Python value the database drivers (sqlite3, psycopg) take as it is.
_ZOALS_HET_IS = frozenset(
    {
        "AutoField",
        "BigAutoField",
        "BigIntegerField",
        "BinaryField",
        "BooleanField",
        "CharField",
        "ForeignKey",
        "IntegerField",
        "OneToOneField",
        "PositiveBigIntegerField",
        "PositiveIntegerField",
        "PositiveSmallIntegerField",
        "SmallIntegerField",
        "TextField",
    }
)


class Bouwer:
    """Makes unsaved instances of ``model`` from the values of the fields ``velden``, in that order; every
    other field gets its default, as with keywords. It uses Django's positional constructor (the one the
    ORM uses for the rows it reads): with keywords, ``Model.__init__`` looks up every field in the
    keywords and asks it for its default, which made constructing a message about twice as costly."""

    def __init__(self, model: type[Any], velden: tuple[str, ...]) -> None:
        kolommen = model._meta.concrete_fields
        namen = [f.attname for f in kolommen]
        self._model = model
        self._plaatsen = [namen.index(naam) for naam in velden]
        # A default that is not callable is one shared value in Django too (``Field.get_default``).
        self._sjabloon = [None if f.attname in velden else f.get_default() for f in kolommen]
        self._fabrieken: list[tuple[int, Callable[[], Any]]] = [
            (i, f.get_default)
            for i, f in enumerate(kolommen)
            if f.attname not in velden and f.has_default() and callable(f.default)
        ]

    def __call__(self, *waarden: Any) -> Any:
        args = self._sjabloon.copy()
        for i, waarde in zip(self._plaatsen, waarden, strict=True):
            args[i] = waarde
        for i, maak in self._fabrieken:
            args[i] = maak()
        return self._model(*args)


# Parameters per statement, within SQLite's (32766) and PostgreSQL's (65535) limits.
_PARAMETERS = 16000


def voeg_in(model: type[Any], objs: list[Any]) -> None:
    """Insert new, unsaved instances of ``model`` and give each its primary key (SQLite >= 3.35 and
    PostgreSQL return the rows in VALUES order, as Django's own ``bulk_create`` relies on)."""
    if not objs:
        return
    conn = connections[router.db_for_write(model)]
    opts = model._meta
    velden = [f for f in opts.concrete_fields if not f.primary_key]
    for f in velden:
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
            nu = timezone.now()
            for o in objs:
                if getattr(o, f.attname) is None:
                    setattr(o, f.attname, nu)
    lees = operator.attrgetter(*(f.attname for f in velden))
    om_te_zetten: list[tuple[int, Any, dict[Any, Any]]] = [
        (i, f, {}) for i, f in enumerate(velden) if f.get_internal_type() not in _ZOALS_HET_IS
    ]
    q = conn.ops.quote_name
    kolommen = ", ".join(q(f.column) for f in velden)
    rij = "(" + ", ".join(["%s"] * len(velden)) + ")"
    per = max(1, _PARAMETERS // len(velden))
    with conn.cursor() as cursor:
        for begin in range(0, len(objs), per):
            deel = objs[begin : begin + per]
            params: list[Any] = []
            for o in deel:
                waarden = list(lees(o))
                for i, f, onthouden in om_te_zetten:
                    v = waarden[i]
                    sleutel = (v.__class__, v if v.__hash__ is not None else repr(v))
                    if sleutel not in onthouden:
                        onthouden[sleutel] = f.get_db_prep_save(v, connection=conn)
                    waarden[i] = onthouden[sleutel]
                params += waarden
            sql = (
                f"INSERT INTO {q(opts.db_table)} ({kolommen}) "  # noqa: S608 (names from the model)
                f"VALUES {', '.join([rij] * len(deel))} RETURNING {q(opts.pk.column)}"
            )
            cursor.execute(sql, params)
            for o, (pk,) in zip(deel, cursor.fetchall(), strict=True):
                setattr(o, opts.pk.attname, pk)
                o._state.adding = False
                o._state.db = conn.alias

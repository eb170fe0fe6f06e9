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

import inspect
import operator
from collections.abc import Callable
from typing import Any

from django.db import connections, router
from django.db.models import Model
from django.db.models.base import ModelState
from django.db.models.fields.related_descriptors import ForeignKeyDeferredAttribute
from django.db.models.query_utils import DeferredAttribute
from django.db.models.signals import post_init, pre_init
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


# The descriptors for which setting a value on a new instance is storing it in its ``__dict__``.
_GEWONE_DESCRIPTORS = (DeferredAttribute, ForeignKeyDeferredAttribute)


class Bouwer:
    """Makes unsaved instances of ``model`` from the values of the fields ``velden``, in that order; every
    other field gets its default, as with keywords.

    An instance is what ``Model.__init__`` with positional values makes (the constructor the ORM uses
    for the rows it reads), made directly: its ``__dict__`` (a fresh ``ModelState`` and one value per
    field) filled in one go. That is only the same when nothing else takes part in constructing one: the
    model keeps Django's ``__init__``, every field sits behind Django's plain attribute descriptors
    (the foreign-key one only clears a cached related object, of which a new instance has none), and
    nobody listens to ``pre_init``/``post_init`` (checked on every call: with a listener, the instance
    is made by ``Model.__init__``)."""

    def __init__(self, model: type[Any], velden: tuple[str, ...]) -> None:
        kolommen = model._meta.concrete_fields
        namen = [f.attname for f in kolommen]
        self._model = model
        self._velden = velden
        self._plaatsen = [namen.index(naam) for naam in velden]
        # A default that is not callable is one shared value in Django too (``Field.get_default``).
        self._sjabloon = [None if f.attname in velden else f.get_default() for f in kolommen]
        self._fabrieken: list[tuple[int, Callable[[], Any]]] = [
            (i, f.get_default)
            for i, f in enumerate(kolommen)
            if f.attname not in velden and f.has_default() and callable(f.default)
        ]
        self._per_naam = dict(zip(namen, self._sjabloon, strict=True))
        self._fabrieken_per_naam = [(namen[i], maak) for i, maak in self._fabrieken]
        self._direct = model.__init__ is Model.__init__ and all(
            type(inspect.getattr_static(model, naam)) in _GEWONE_DESCRIPTORS for naam in namen
        )

    def __call__(self, *waarden: Any) -> Any:
        if self._direct and not pre_init.receivers and not post_init.receivers:
            inhoud = {"_state": ModelState(), **self._per_naam}
            inhoud.update(zip(self._velden, waarden, strict=True))
            for naam, maak in self._fabrieken_per_naam:
                inhoud[naam] = maak()
            obj = self._model.__new__(self._model)
            obj.__dict__ = inhoud
            return obj
        return self.via_init(*waarden)

    def via_init(self, *waarden: Any) -> Any:
        """The same instance, made by ``Model.__init__``."""
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
    # A new instance holds every field's value in its ``__dict__`` (read there, past the descriptors);
    # one made otherwise, with a field left out (deferred), is read through its attributes.
    namen = [f.attname for f in velden]
    uit_dict = operator.itemgetter(*namen)
    via_attributen = operator.attrgetter(*namen)

    def lees(o: Any) -> Any:
        try:
            return uit_dict(o.__dict__)
        except KeyError:
            return via_attributen(o)

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

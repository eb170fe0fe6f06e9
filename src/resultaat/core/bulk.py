"""Set-based reads and inserts of many rows whose values were checked before, in the caller's
transaction: :func:`voeg_in` writes rows given as tuples (one prepared INSERT run with
``executemany``, without a model instance per row); :func:`voeg_objecten_in` writes new model
instances and gives them their primary keys, :class:`Bouwer` makes such instances; :class:`InWaarden`
reads the rows of a long list of keys.

A model instance costs more to build and to compile into SQL than checking the row did, so a
conversion of a whole caseload writes its rows as tuples. Each value is prepared for the database by its
field, once per distinct value (dates and amounts repeat a lot within a file). Fields left out get their
default; ``auto_now_add`` fields the time of the insert. Audit rows are the caller's (``record_rijen``).
"""

from __future__ import annotations

import inspect
import operator
import sqlite3
from collections.abc import Callable, Sequence
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connections, models, router
from django.db.models import Expression, F, Model
from django.db.models.base import ModelState
from django.db.models.fields.related_descriptors import ForeignKeyDeferredAttribute
from django.db.models.query_utils import DeferredAttribute
from django.db.models.signals import post_init, pre_init
from django.utils import timezone

# Field types whose Python value the database drivers (sqlite3, psycopg) take as it is (the integer
# fields, auto fields and foreign keys, which are kinds of these, included).
ONVERANDERD = (
    models.CharField,
    models.TextField,
    models.IntegerField,
    models.BooleanField,
    models.BinaryField,
    models.ForeignKey,
)


class _EenmaalVoorbereid:
    """A field's values as the database takes them (``get_db_prep_save``), prepared once per distinct
    value: the rows of a batch share few dates, amounts and code lists."""

    def __init__(self, veld: Any, conn: Any) -> None:
        self._veld, self._conn = veld, conn
        self._onthouden: dict[Any, Any] = {}

    def __call__(self, w: Any) -> Any:
        sleutel = (w.__class__, w if w.__hash__ is not None else repr(w))
        try:
            return self._onthouden[sleutel]
        except KeyError:
            uit = self._onthouden[sleutel] = self._veld.get_db_prep_save(w, connection=self._conn)
            return uit


def voeg_in(model: type[models.Model], velden: Sequence[str], rijen: Sequence[Sequence[Any]]) -> None:
    """Insert ``rijen`` (one value per name in ``velden``, in that order; a foreign key by its id) into
    ``model``'s table; every other concrete field except the primary key gets its default."""
    if not rijen:
        return
    conn = connections[router.db_for_write(model)]
    opts = model._meta
    per_naam = {f.name: f for f in opts.concrete_fields}
    gegeven = [per_naam[n] for n in velden]
    nu = timezone.now()
    overig = [
        f
        for f in opts.concrete_fields
        if f.name not in velden and not f.primary_key and not isinstance(f, models.GeneratedField)
    ]
    vast = [
        f.get_db_prep_save(
            nu if getattr(f, "auto_now_add", False) or getattr(f, "auto_now", False) else f.get_default(),
            connection=conn,
        )
        for f in overig
    ]
    omzetten = [
        (i, _EenmaalVoorbereid(f, conn)) for i, f in enumerate(gegeven) if not isinstance(f, ONVERANDERD)
    ]
    waarden = []
    for rij in rijen:
        uit = list(rij)
        for i, voorbereid in omzetten:
            uit[i] = voorbereid(uit[i])
        uit.extend(vast)
        waarden.append(uit)
    kolommen = [f.column for f in gegeven] + [f.column for f in overig]
    sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608 (names from the model, values as parameters)
        conn.ops.quote_name(opts.db_table),
        ", ".join(conn.ops.quote_name(k) for k in kolommen),
        ", ".join(["%s"] * len(kolommen)),
    )
    with conn.cursor() as cursor:
        cursor.executemany(sql, waarden)


class InWaarden(Expression):
    """A condition for ``filter()``: ``<field> IN (<values>)``, for a long list of plain values (the
    keys a batch needs), as ``<field>__in=<values>`` gives: the same rows, one parameter per distinct
    value (None left out: it matches nothing). Django's ``__in`` resolves and prepares every value
    through the lookup machinery three times over, which for a batch's thousands of keys cost more than
    the query itself; here each value of a type the driver takes as it is goes unchanged, any other is
    prepared once by its field."""

    output_field = models.BooleanField()
    conditional = True

    def __init__(self, veld: str | Any, waarden: Any) -> None:
        super().__init__()
        self.veld: Any = F(veld) if isinstance(veld, str) else veld
        self.waarden = [w for w in dict.fromkeys(waarden) if w is not None]

    def get_source_expressions(self) -> list[Any]:
        return [self.veld]

    def set_source_expressions(self, exprs: Sequence[Any]) -> None:
        (self.veld,) = exprs

    def resolve_expression(self, *args: Any, **kwargs: Any) -> InWaarden:
        c: InWaarden = self.copy()
        c.veld = self.veld.resolve_expression(*args, **kwargs)
        return c

    def as_sql(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, tuple[Any, ...]]:
        if not self.waarden:
            raise EmptyResultSet
        sql, params = compiler.compile(self.veld)
        veld = self.veld.output_field
        if isinstance(veld, ONVERANDERD):
            waarden = self.waarden
        else:
            waarden = [veld.get_db_prep_value(w, connection, prepared=False) for w in self.waarden]
        return f"{sql} IN ({', '.join(['%s'] * len(waarden))})", (*params, *waarden)


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
        self._model: Any = model
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


def _direct_sqlite(conn: Any) -> bool:
    """Whether a statement may go to SQLite's own cursor with ``?`` placeholders: Django's SQLite cursor
    rewrites every ``%s`` of a statement to ``?`` with a regular expression, some 1.6 ms for the 16,000
    placeholders of a chunk of messages. Not while Django records the queries (``DEBUG``, a test that
    counts them: it quotes the ``%s`` form) or anyone wraps their execution (``execute_wrapper``)."""
    return conn.vendor == "sqlite" and not conn.queries_logged and not conn.execute_wrappers


def _voer_uit_sqlite(conn: Any, cursor: Any, sql: str, params: list[Any]) -> None:
    """What Django's ``CursorWrapper.execute`` does, with the statement already in ``?`` form: refuse
    in a broken transaction, run it on SQLite's cursor class past Django's rewrite, and raise the
    driver's errors as Django's (``IntegrityError`` and the rest)."""
    conn.validate_no_broken_transaction()
    with conn.wrap_database_errors:
        sqlite3.Cursor.execute(cursor.cursor, sql, params)


# Parameters per statement, within SQLite's (32766) and PostgreSQL's (65535) limits.
_PARAMETERS = 16000


def voeg_objecten_in(model: type[Any], objs: list[Any]) -> None:
    """Insert new, unsaved instances of ``model`` and give each its primary key: one multi-row
    ``INSERT … RETURNING`` per chunk (SQLite >= 3.35 and PostgreSQL return the rows in VALUES order, as
    Django's own ``bulk_create`` relies on), its SQL from the model's metadata.

    Why not ``bulk_create``: it runs the same kind of statement, but prepares every value of every row
    on its own (``pre_save``, ``get_db_prep_save``), which made the whole iWmo intake of 10,000
    one-client 305s about 1.7-1.9 times as much CPU (see "Benchmark" in docs/iwmo.md). Here a value is
    prepared once per field and distinct value (a batch has few distinct dates, one 'now' and mostly
    empty code lists). No signals and no audit rows: the caller writes those (``record_rijen``)."""
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

    om_te_zetten = [
        (i, _EenmaalVoorbereid(f, conn)) for i, f in enumerate(velden) if not isinstance(f, ONVERANDERD)
    ]
    q = conn.ops.quote_name
    kolommen = ", ".join(q(f.column) for f in velden)
    direct = _direct_sqlite(conn) and "%" not in kolommen + q(opts.db_table)
    rij = "(" + ", ".join(["?" if direct else "%s"] * len(velden)) + ")"
    per = max(1, _PARAMETERS // len(velden))
    with conn.cursor() as cursor:
        for begin in range(0, len(objs), per):
            deel = objs[begin : begin + per]
            params: list[Any] = []
            for o in deel:
                waarden = list(lees(o))
                for i, voorbereid in om_te_zetten:
                    waarden[i] = voorbereid(waarden[i])
                params += waarden
            sql = (
                f"INSERT INTO {q(opts.db_table)} ({kolommen}) "  # noqa: S608 (names from the model)
                f"VALUES {', '.join([rij] * len(deel))} RETURNING {q(opts.pk.column)}"
            )
            if direct:
                _voer_uit_sqlite(conn, cursor, sql, params)
            else:
                cursor.execute(sql, params)
            for o, (pk,) in zip(deel, cursor.fetchall(), strict=True):
                setattr(o, opts.pk.attname, pk)
                o._state.adding = False
                o._state.db = conn.alias

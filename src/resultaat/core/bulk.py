"""Set-based reads and inserts of many rows whose values were checked before: one prepared INSERT run with
``executemany`` in the caller's transaction, without a model instance per row.

A model instance costs more to build and to compile into SQL than checking the row did, so a
conversion of a whole caseload writes its rows as tuples. Each value is prepared for the database by its
field, once per distinct value (dates and amounts repeat a lot within a file). Fields left out get their
default; ``auto_now_add`` fields the time of the insert. Audit rows are the caller's (``record_rijen``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connections, models, router
from django.db.models import Expression, F
from django.utils import timezone

# Field types whose Python value goes to the database driver unchanged.
ONVERANDERD = (models.CharField, models.TextField, models.IntegerField, models.BooleanField)


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
    omzetten: list[Any] = []
    for f in gegeven:
        if isinstance(f, ONVERANDERD) or isinstance(f, models.ForeignKey):
            omzetten.append(None)
        else:
            omzetten.append(({}, f))
    waarden = []
    for rij in rijen:
        uit = list(rij)
        for i, omzet in enumerate(omzetten):
            if omzet is not None:
                cache, veld = omzet
                w = uit[i]
                try:
                    uit[i] = cache[w]
                except KeyError:
                    uit[i] = cache[w] = veld.get_db_prep_save(w, connection=conn)
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
        self.veld = F(veld) if isinstance(veld, str) else veld
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
        if isinstance(veld, ONVERANDERD) or isinstance(veld, models.ForeignKey):
            waarden = self.waarden
        else:
            waarden = [veld.get_db_prep_value(w, connection, prepared=False) for w in self.waarden]
        return f"{sql} IN ({', '.join(['%s'] * len(waarden))})", (*params, *waarden)

"""Reading once per batch: while a batch of letters is written (a conversion round's letters), what does
not change inside it (a gemeente's letter text and settings, the rates, each client's voorzieningen,
partners and exemptions) is read once instead of per letter and per date. Outside :func:`een_batch`
every call reads afresh, so a single letter or a page sees the database as it is."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

T = TypeVar("T")

_BATCH: ContextVar[dict[tuple[Any, ...], Any] | None] = ContextVar("resultaat_batch", default=None)


@contextmanager
def een_batch() -> Iterator[None]:
    """Inside, :func:`onthouden` keeps each answer for the rest of the batch. Only for work that reads:
    nothing the batch remembers may change inside it."""
    token = _BATCH.set({})
    try:
        yield
    finally:
        _BATCH.reset(token)


def onthouden(sleutel: tuple[Any, ...], maak: Callable[[], T]) -> T:
    """``maak()``, once per batch for ``sleutel`` inside :func:`een_batch`; outside, every time. Return
    values that are not changed by the caller (a tuple, a frozenset, records only read)."""
    cache = _BATCH.get()
    if cache is None:
        return maak()
    if sleutel not in cache:
        cache[sleutel] = maak()
    return cache[sleutel]

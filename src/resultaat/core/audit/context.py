"""Who is acting right now: set per request by the middleware, per command by ``acting_as``."""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Actor:
    naam: str
    rol: str = ""
    organisatie: str = ""
    user_id: int | None = None

    @classmethod
    def for_user(cls, user: Any) -> Actor:
        return cls(
            naam=user.get_username(),
            rol=user.rol or ("superuser" if user.is_superuser else ""),
            organisatie=user.organisatie_omschrijving(),
            user_id=user.pk,
        )


SYSTEEM = Actor(naam="systeem", rol="systeem")
_current: contextvars.ContextVar[Actor] = contextvars.ContextVar("resultaat_actor", default=SYSTEEM)


def current_actor() -> Actor:
    return _current.get()


@contextlib.contextmanager
def acting_as(actor: Any) -> Iterator[Actor]:
    """Attribute every change inside the block to this user, :class:`Actor` or named process (a str)."""
    if isinstance(actor, str):
        resolved = Actor(naam=actor, rol="systeem")
    elif isinstance(actor, Actor):
        resolved = actor
    else:
        resolved = Actor.for_user(actor)
    token = _current.set(resolved)
    try:
        yield resolved
    finally:
        _current.reset(token)

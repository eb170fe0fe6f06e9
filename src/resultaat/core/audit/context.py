"""Who is acting right now, and from where.

The actor is set per request by the middleware (and by the API base after token authentication), per
command with ``acting_as``. The origin (the client's address and the channel: web, api, beheer or
opdracht) is set per request by the middleware; outside a request it is this machine and "opdracht".
"""

from __future__ import annotations

import contextlib
import contextvars
import getpass
import socket
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any


@dataclass(frozen=True)
class Actor:
    naam: str
    rol: str = ""
    organisatie: str = ""
    user_id: int | None = None
    # On whose behalf: the person or process that made this actor act (NEN 7513 "namens").
    namens: str = ""

    @classmethod
    def for_user(cls, user: Any) -> Actor:
        return cls(
            naam=user.get_username(),
            rol=user.rol or ("superuser" if user.is_superuser else ""),
            organisatie=user.organisatie_omschrijving(),
            user_id=user.pk,
        )


@dataclass(frozen=True)
class Herkomst:
    """From where: the client's network address and the channel of the act."""

    adres: str
    kanaal: str


def _bediener() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no user name for this uid (a container)
        return ""


SYSTEEM = Actor(naam="systeem", rol="systeem")
# Outside a request: a command (or the demo generator) on this machine, started by this OS user.
OPDRACHT = Herkomst(adres=socket.gethostname()[:45], kanaal="opdracht")
_current: contextvars.ContextVar[Actor] = contextvars.ContextVar("resultaat_actor", default=SYSTEEM)
_herkomst: contextvars.ContextVar[Herkomst] = contextvars.ContextVar("resultaat_herkomst", default=OPDRACHT)


def current_actor() -> Actor:
    return _current.get()


def huidige_herkomst() -> Herkomst:
    return _herkomst.get()


@contextlib.contextmanager
def acting_as(actor: Any) -> Iterator[Actor]:
    """Attribute every change inside the block to this user, :class:`Actor` or named process (a str).

    A named process started inside a user's block acts on that user's behalf; at the top of a command
    it acts on behalf of the operating-system user who started the command."""
    vorige = _current.get()
    if isinstance(actor, str):
        namens = vorige.naam if vorige is not SYSTEEM else _bediener()
        resolved = Actor(naam=actor, rol="systeem", namens=namens)
    elif isinstance(actor, Actor):
        resolved = actor
    else:
        resolved = Actor.for_user(actor)
        if vorige.user_id == resolved.user_id:
            resolved = replace(resolved, namens=vorige.namens)
    token = _current.set(resolved)
    try:
        yield resolved
    finally:
        _current.reset(token)


@contextlib.contextmanager
def vanuit(herkomst: Herkomst) -> Iterator[Herkomst]:
    """Every audit row written inside the block comes from ``herkomst``."""
    token = _herkomst.set(herkomst)
    try:
        yield herkomst
    finally:
        _herkomst.reset(token)

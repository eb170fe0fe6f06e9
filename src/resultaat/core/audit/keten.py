"""The hash chain of the access log: every row holds a keyed hash (HMAC-SHA256) of its own content and
of the previous row's hash, so that an edited, inserted or removed row breaks the chain
(``manage.py audit_verify``). The key is ``settings.RESULTAAT_AUDIT_SLEUTEL`` (the environment), so
that someone who can write the database but not read the configuration cannot forge a row.

Every audit row is written by ``models.schrijf``: one multi-row INSERT, the hashes computed in Python
by :func:`hash_van`. Writers take turns: PostgreSQL by a transaction-level advisory lock (held until
the writing transaction commits), SQLite by its write lock (the connection begins its transactions
IMMEDIATE). So the rows are chained in the order of their ids.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import operator
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from django.conf import settings

# The columns a row's hash covers, in this order (field attnames of AuditEvent).
KETEN_VELDEN = (
    "tijdstip",
    "actor_id",
    "actor_naam",
    "rol",
    "organisatie",
    "namens",
    "client_id",
    "content_type_id",
    "object_id",
    "object_omschrijving",
    "actie",
    "velden",
    "gebeurtenis",
    "tekst",
    "adres",
    "kanaal",
)
BEGIN = "0" * 64  # the "previous hash" of the first row
SLOT = 7513  # the advisory lock of the chain on PostgreSQL


def ketensleutel() -> bytes:
    return (getattr(settings, "RESULTAAT_AUDIT_SLEUTEL", "") or settings.SECRET_KEY).encode()


@lru_cache(maxsize=64)
def _tijd(waarde: dt.datetime) -> str:
    return waarde.astimezone(dt.UTC).isoformat()


@lru_cache(maxsize=256)
def _velden(waarde: tuple[str, ...]) -> str:
    return json.dumps(list(waarde), ensure_ascii=False, sort_keys=True, separators=(",", ":"))


_I_TIJDSTIP, _I_VELDEN = KETEN_VELDEN.index("tijdstip"), KETEN_VELDEN.index("velden")
_KETEN_WAARDEN = operator.itemgetter(*KETEN_VELDEN)


def inhoud(rij: dict[str, Any]) -> str:
    """The canonical text of a row's content, as hashed: each field as text (None as empty, the time in
    UTC ISO format, the field names as sorted JSON), joined by the unit separator."""
    delen = ["" if w is None else str(w) for w in _KETEN_WAARDEN(rij)]
    if (tijd := rij["tijdstip"]) is not None:
        delen[_I_TIJDSTIP] = _tijd(tijd)
    if (velden := rij["velden"]) is not None:
        delen[_I_VELDEN] = _velden(tuple(velden))
    return "\x1f".join(delen)


def hash_van(vorige: str, tekst: str, sleutel: bytes | None = None) -> str:
    return hmac.new(sleutel or ketensleutel(), f"{vorige}\x1e{tekst}".encode(), hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class Breuk:
    """A place where the chain is broken."""

    id: int
    soort: str  # "gewijzigd", "ingevoegd" or "verwijderd"
    tekst: str


def controleer(rijen: Iterable[dict[str, Any]], sleutel: bytes | None = None) -> Iterator[Breuk]:
    """Walk the rows in the order of their ids and yield every break in the chain."""
    sleutel = sleutel or ketensleutel()
    vorige_id, vorige_hash, voorvorige_hash = None, BEGIN, None
    for rij in rijen:
        eigen = hash_van(rij["vorige_hash"], inhoud(rij), sleutel)
        if not hmac.compare_digest(eigen, rij["hash"]):
            yield Breuk(
                rij["id"],
                "gewijzigd",
                f"Regel {rij['id']}: de inhoud past niet bij de hash (de regel is gewijzigd of ingevoegd).",
            )
        elif rij["vorige_hash"] != vorige_hash:
            if vorige_id is not None and rij["vorige_hash"] == voorvorige_hash:
                yield Breuk(
                    vorige_id,
                    "ingevoegd",
                    f"Regel {vorige_id} is ingevoegd: regel {rij['id']} volgt in de keten "
                    "op de regel ervoor.",
                )
            else:
                yield Breuk(
                    rij["id"],
                    "verwijderd",
                    f"Vóór regel {rij['id']} ontbreken een of meer regels (verwijderd).",
                )
        vorige_id, voorvorige_hash, vorige_hash = rij["id"], vorige_hash, rij["hash"]

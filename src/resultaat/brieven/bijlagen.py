"""Documents that go with a letter because the letter says they are part of it (the ondersteuningsplan
with a beschikking, seed 003).

A component that keeps such a document registers a supplier in its ``AppConfig.ready``; the letter's
component asks :func:`bijlagen_bij` which documents exist for its subject and prints them as further
parts of the same PDF, so the letter never names an attachment that is not there. The supplier knows its
own documents; the letter knows only what each is called and how it prints.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Bijlage:
    soort: str  # "ondersteuningsplan"
    sleutel: int  # the document's number in its own register (a plan version's id)
    omschrijving: str  # how the letter names it, for the resident
    html: str  # the document, ready for the PDF


# supplier(subject, sleutels): the documents that belong with the subject now, or, with ``sleutels``, the
# documents with those numbers (what was sent before, for a copy of a letter already sent).
Leverancier = Callable[[Any, Collection[int] | None], list[Bijlage]]
_LEVERANCIERS: dict[str, Leverancier] = {}


def registreer(soort: str, leverancier: Leverancier) -> None:
    _LEVERANCIERS[soort] = leverancier


def bijlagen_bij(onderwerp: Any, verzonden: Collection[tuple[str, int]] | None = None) -> list[Bijlage]:
    """The documents of every registered supplier for ``onderwerp``: those that exist now, or, with
    ``verzonden`` ((soort, sleutel) pairs), exactly those."""
    gevonden: list[Bijlage] = []
    for soort, leverancier in _LEVERANCIERS.items():
        sleutels = None if verzonden is None else {s for k, s in verzonden if k == soort}
        if sleutels is not None and not sleutels:
            continue
        gevonden.extend(leverancier(onderwerp, sleutels))
    return gevonden

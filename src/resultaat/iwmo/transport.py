"""Folder transport, the way GGk (gemeenten) and VECOZO (aanbieders) drop files.

``<IWMO_DIR>/inbox``: files we receive; ``iwmo_inbox`` processes them (``intake.inbox.verwerk_inbox``)
and moves each to ``inbox/verwerkt`` (read, with or without rejections) or ``inbox/fout`` (technically
rejected, with a ``.fout.txt`` beside it). ``<IWMO_DIR>/outbox``: every message we send (301, 319,
retours, 325), written after the transaction that made it commits.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction


def map_(naam: str) -> Path:
    pad = Path(settings.IWMO_DIR) / naam
    pad.mkdir(parents=True, exist_ok=True)
    return pad


_VLAGGEN = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_CLOEXEC", 0)


def _schrijf_atomair(pad: str, data: bytes) -> None:
    """Write ``<pad>.tmp``, then rename it: a reader of the folder never sees half a file."""
    tijdelijk = pad + ".tmp"
    fd = os.open(tijdelijk, _VLAGGEN, 0o666)
    try:
        geschreven = 0
        while geschreven < len(data):
            geschreven += os.write(fd, data[geschreven:] if geschreven else data)
    finally:
        os.close(fd)
    os.replace(tijdelijk, pad)


def _schrijf_alle(berichten: Iterable[Any]) -> list[str]:
    map_str = str(map_("outbox")) + os.sep
    namen = []
    for b in berichten:
        inhoud = b.inhoud
        _schrijf_atomair(map_str + b.bestandsnaam, inhoud if inhoud.__class__ is bytes else bytes(inhoud))
        namen.append(b.bestandsnaam)
    return namen


def schrijf_outbox(berichten: Iterable[Any]) -> list[Path]:
    outbox = map_("outbox")
    return [outbox / naam for naam in _schrijf_alle(berichten)]


def schrijf_outbox_na_commit(berichten: list[Any]) -> None:
    """After the commit, the files only: nobody reads their paths back."""
    if berichten:
        transaction.on_commit(lambda: _schrijf_alle(berichten))

"""Folder transport, the way GGk (gemeenten) and VECOZO (aanbieders) drop files.

``<IWMO_DIR>/inbox``: files we receive; ``iwmo_inbox`` processes them and moves each to
``inbox/verwerkt`` (read, with or without rejections) or ``inbox/fout`` (technically rejected, with a
``.fout.txt`` beside it). ``<IWMO_DIR>/outbox``: every message we send (301, 319, retours, 325),
written after the transaction that made it commits.
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


def schrijf_outbox(berichten: Iterable[Any]) -> list[Path]:
    outbox = map_("outbox")
    map_str = str(outbox)
    namen = []
    for b in berichten:
        _schrijf_atomair(os.path.join(map_str, b.bestandsnaam), bytes(b.inhoud))
        namen.append(b.bestandsnaam)
    return [outbox / naam for naam in namen]


def schrijf_outbox_na_commit(berichten: list[Any]) -> None:
    if berichten:
        transaction.on_commit(lambda: schrijf_outbox(berichten))


def verwerk_inbox(*, door: Any = None, batch: int = 1000) -> list[Any]:
    """Process every .xml file in the inbox, in batches; return the outcomes."""
    from resultaat.iwmo.intake import verwerk

    inbox = map_("inbox")
    verwerkt, fout = map_("inbox/verwerkt"), map_("inbox/fout")
    paden = sorted(p for p in inbox.iterdir() if p.is_file() and p.suffix.lower() == ".xml")
    uitkomsten = []
    for i in range(0, len(paden), batch):
        deel = paden[i : i + batch]
        resultaten = verwerk([(p.name, p.read_bytes()) for p in deel], door=door)
        for pad, u in zip(deel, resultaten, strict=True):
            if u.status == "technisch":
                (fout / (pad.name + ".fout.txt")).write_text(
                    "\n".join(f"{p.regel} {p.pad}: {p.melding}" for p in u.problemen), encoding="utf-8"
                )
                os.replace(pad, fout / pad.name)
            else:
                os.replace(pad, verwerkt / pad.name)
        uitkomsten += resultaten
    return uitkomsten

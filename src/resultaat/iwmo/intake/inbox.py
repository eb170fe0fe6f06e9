"""The inbox folder (``<IWMO_DIR>/inbox``, see :mod:`resultaat.iwmo.transport`) through the intake."""

from __future__ import annotations

import os
from typing import Any

from resultaat.iwmo.intake.batch import Uitkomst
from resultaat.iwmo.intake.verwerken import verwerk
from resultaat.iwmo.transport import map_


def verwerk_inbox(*, door: Any = None, batch: int = 1000) -> list[Uitkomst]:
    """Process every .xml file in the inbox, in batches; move each to ``inbox/verwerkt`` (read, with or
    without rejections) or ``inbox/fout`` (technically rejected, with a ``.fout.txt`` beside it)."""
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

"""The tariffs of the seed catalogue (:mod:`resultaat.catalogus.seed`): only amounts a source gives."""

from __future__ import annotations

import datetime as dt
from typing import Final, TypedDict

from resultaat.catalogus.seed import BEGELEIDING, BRON_000, CAK_PERIODE, PRODUCT_THUISONDERSTEUNING

D = dt.date


class TariefData(TypedDict):
    product: tuple[str, str]
    bedrag_cent: int
    periode: str
    geldig_van: dt.date
    geldig_tot: dt.date | None
    bron: str


# --- Tariffs: seed 000 ("Voor 2017 is dit bedrag vastgesteld op €216,00") and two begeleiding levels ------

TARIEVEN: Final[tuple[TariefData, ...]] = (
    {
        "product": PRODUCT_THUISONDERSTEUNING,
        "bedrag_cent": 21600,
        "periode": CAK_PERIODE,
        "geldig_van": D(2017, 1, 1),
        "geldig_tot": D(2018, 1, 1),
        "bron": f"{BRON_000}, Hoe wordt Thuis Ondersteuning betaald",
    },
    # domain/NOTES.md 4.3 (lump sum per 4 weeks, Altena, begeleiding licht and midden; no year given): set
    # for 2024 only, like seed 000's one year; a gemeente enters its own tariffs in the beheer. The
    # sources give no amount for the other levels, so those have none.
    {
        "product": (BEGELEIDING, "BGL"),
        "bedrag_cent": 34413,
        "periode": CAK_PERIODE,
        "geldig_van": D(2024, 1, 1),
        "geldig_tot": D(2025, 1, 1),
        "bron": "domain/NOTES.md 4.3: Altena begeleiding licht € 344,13 per 4 weken",
    },
    {
        "product": (BEGELEIDING, "BGM"),
        "bedrag_cent": 103239,
        "periode": CAK_PERIODE,
        "geldig_van": D(2024, 1, 1),
        "geldig_tot": D(2025, 1, 1),
        "bron": "domain/NOTES.md 4.3: Altena begeleiding midden € 1.032,39 per 4 weken",
    },
)

"""Horizontal bar charts as numbers for a server-rendered SVG (no script, no style attributes: colours are
SVG presentation attributes). One row per period or provider, one bar per series, an optional mark per
row (a target) and an optional line across (the region's average)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from resultaat.sturing.tabellen import toon

LABEL = 200  # width of the label column; labels are right-aligned against it
BREEDTE = 330  # the bars' area
STAAF = 14
TUSSEN = 3
RIJ_RUIMTE = 10
BOVEN = 22  # room for the legend

KLEUREN = ("#1f5f99", "#9aa7b1", "#3a7d44", "#b35900")


@dataclass
class Grafiek:
    titel: str
    omschrijving: str
    soort: str
    reeksen: list[str]
    rijen: list[tuple[str, list[Decimal | int | None], Decimal | int | None]] = field(default_factory=list)
    lijn: Decimal | int | None = None
    lijn_label: str = ""
    merk_label: str = ""

    def rij(self, label: str, waarden: list[Any], merk: Any = None) -> None:
        self.rijen.append((label, waarden, merk))

    def tekening(self) -> dict[str, Any]:
        alle = [w for _, ws, m in self.rijen for w in (*ws, m) if w is not None]
        if self.lijn is not None:
            alle.append(self.lijn)
        hoogste = max((float(w) for w in alle), default=0) or 1
        schaal = BREEDTE / hoogste
        rijhoogte = len(self.reeksen) * (STAAF + TUSSEN) + RIJ_RUIMTE
        rijen = []
        for i, (label, waarden, merk) in enumerate(self.rijen):
            y = BOVEN + i * rijhoogte
            staven = []
            for j, w in enumerate(waarden):
                breedte = round(float(w) * schaal) if w is not None else 0
                sy = y + j * (STAAF + TUSSEN)
                staven.append(
                    {
                        "x": LABEL + 6,
                        "y": sy,
                        "breedte": max(breedte, 0),
                        "kleur": KLEUREN[j % len(KLEUREN)],
                        "tekst": toon(w, self.soort),
                        "tekst_x": LABEL + 10 + max(breedte, 0),
                        "tekst_y": sy + STAAF - 3,
                        "reeks": self.reeksen[j],
                    }
                )
            rijen.append(
                {
                    "label": label[:34],
                    "label_y": y + STAAF - 2,
                    "staven": staven,
                    "merk": None
                    if merk is None
                    else {
                        "x": LABEL + 6 + round(float(merk) * schaal),
                        "y1": y - 2,
                        "y2": y + len(waarden) * (STAAF + TUSSEN),
                        "tekst": toon(merk, self.soort),
                    },
                }
            )
        hoogte = BOVEN + len(self.rijen) * rijhoogte + 4
        lijn = None
        if self.lijn is not None:
            lijn = {"x": LABEL + 6 + round(float(self.lijn) * schaal), "tekst": toon(self.lijn, self.soort)}
        legenda = [
            {"naam": naam, "kleur": KLEUREN[j % len(KLEUREN)], "x": LABEL + 6 + j * 150}
            for j, naam in enumerate(self.reeksen)
        ]
        return {
            "rijen": rijen,
            "hoogte": hoogte,
            "breedte": LABEL + BREEDTE + 90,
            "lijn": lijn,
            "legenda": legenda,
        }

"""The chart of one scenario: bars per new product (clients) and cost per year before and after, as
numbers for an inline SVG (no script needed)."""

from __future__ import annotations

from typing import Any

from resultaat.conversie.scenario import Vergelijking

BREEDTE = 260
HOOGTE_STAAF = 18


def staven(v: Vergelijking) -> dict[str, Any]:
    meeste = max((p.clienten for p in v.producten), default=0) or 1
    producten = [
        {
            "label": p.product[:44],
            "clienten": p.clienten,
            "breedte": round(BREEDTE * p.clienten / meeste),
            "y": i * (HOOGTE_STAAF + 6),
            "tekst_y": i * (HOOGTE_STAAF + 6) + 13,
        }
        for i, p in enumerate(v.producten)
    ]
    hoogste = max(v.voor_cent, v.na_cent) or 1
    basis = len(producten) * (HOOGTE_STAAF + 6) + 16
    kosten = [
        {
            "label": label,
            "bedrag_cent": bedrag,
            "breedte": round(BREEDTE * bedrag / hoogste),
            "y": basis + i * (HOOGTE_STAAF + 6),
            "tekst_y": basis + i * (HOOGTE_STAAF + 6) + 13,
            "kleur": kleur,
        }
        for i, (label, bedrag, kleur) in enumerate(
            (("Kosten per jaar voor", v.voor_cent, "#7f8c8d"), ("Kosten per jaar na", v.na_cent, "#1f5f99"))
        )
    ]
    return {"producten": producten, "kosten": kosten, "hoogte": basis + 2 * (HOOGTE_STAAF + 6)}

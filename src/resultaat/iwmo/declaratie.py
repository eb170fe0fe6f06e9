"""What a 323 line may claim: the amount the period settlement says is due, and the contract tariff.

``verschuldigd_bedrag`` is the one place the 323 check asks the bekostiging app
(``resultaat.bekostiging.verschuldigd``), so a declaration is checked against what the gemeente pays.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from resultaat.bekostiging import verschuldigd


def verschuldigd_bedrag(*, toewijzing: Any, periode_begin: dt.date, periode_eind: dt.date) -> int | None:
    """Eurocents due for this toewijzing over [periode_begin, periode_eind] (inclusive, one month), as
    the period settlement computes it (``resultaat.bekostiging.verschuldigd``)."""
    return int(verschuldigd(toewijzing=toewijzing, periode_begin=periode_begin, periode_eind=periode_eind))


def eenheidstarief(*, toewijzing: Any, datum: dt.date) -> int | None:
    tarief = toewijzing.product.tarief_op(datum)
    return None if tarief is None else int(tarief.bedrag_cent)

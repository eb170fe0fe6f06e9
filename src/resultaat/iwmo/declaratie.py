"""The contract tariff a 323 line is checked against (TR418, retour code 0611)."""

from __future__ import annotations

import datetime as dt
from typing import Any


def eenheidstarief(*, toewijzing: Any, datum: dt.date) -> int | None:
    """The product's tariff on ``datum`` in eurocents (per unit of the toewijzing), None without one."""
    tarief = toewijzing.product.tarief_op(datum)
    return None if tarief is None else int(tarief.bedrag_cent)

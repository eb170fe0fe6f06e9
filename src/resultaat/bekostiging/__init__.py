"""Bekostiging: period settlement. ``verschuldigd`` here is the entry point for the iWmo 323 check."""

from __future__ import annotations

import datetime as dt
from typing import Any


def verschuldigd(*, toewijzing: Any, periode_begin: dt.date, periode_eind: dt.date) -> int:
    """What is due in eurocents for ``toewijzing`` from ``periode_begin`` up to and including
    ``periode_eind`` (iWmo dates are inclusive), computed exactly as the settlement run does; see
    :func:`resultaat.bekostiging.services.verschuldigd` for the reasons behind the amount."""
    from resultaat.bekostiging import services

    return services.verschuldigd(toewijzing, (periode_begin, periode_eind + dt.timedelta(days=1))).bedrag_cent

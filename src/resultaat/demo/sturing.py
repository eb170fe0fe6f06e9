"""The dashboards' figures for the demo region: every gemeente gets the period calendar of the demo's
years (Alkmaar settles, the others are counted all the same), then every period is computed."""

from __future__ import annotations

import datetime as dt

from resultaat.bekostiging import services as bk
from resultaat.organisaties.models import Gemeente
from resultaat.sturing.services import bijwerken


def kengetallen(vandaag: dt.date) -> int:
    for gemeente in Gemeente.objects.order_by("code"):
        for jaar in (vandaag.year - 1, vandaag.year):
            bk.zoek_periode(gemeente, f"{jaar}-P01")  # makes the year's calendar when missing
    # All periods of the demo (the daily sturing_bijwerken recomputes recent ones only).
    return bijwerken(vanaf=dt.date(vandaag.year - 2, 1, 1)).regels

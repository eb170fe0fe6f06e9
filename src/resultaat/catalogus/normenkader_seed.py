"""The default normenkader for "schoon en leefbaar huis": the KPMG structure (domain/NOTES.md 2.3) in minutes.

KPMG gives hours per year per dwelling; a week has 1/52 of them, so minutes per week = hours x 60 / 52.
Additions are rounded up and deductions down (the CRvB does not allow rounding the client's time down).
The supplements for pets and extra pollution were not in the retrieved source: their amounts are an
assumption of this project, marked as such, for the beheerder to set.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any, Final

from django.apps.registry import Apps

BRON: Final = (
    "KPMG-normenkader 'Schoon en leefbaar huis' (in 2019 getoetst; CRvB 2018:3835/3838 noemt het onderzoek "
    "onafhankelijk en deugdelijk). KPMG geeft uren per jaar per woning; de minuten per week zijn die uren "
    "x 60 gedeeld door 52 (meerposten naar boven, aftrek naar beneden afgerond). 'Kleinere woning of "
    "zorgstudio' volgt seed 003 (Basis -1); huisdier en extra vervuiling zijn aannames van dit project, "
    "niet uit KPMG: de beheerder stelt ze vast."
)
GELDIG_VAN: Final = dt.date(2025, 1, 1)


def per_week(uren_per_jaar: int, *, aftrek: bool = False) -> int:
    minuten = uren_per_jaar * 60 / 52
    return math.floor(minuten) if aftrek else math.ceil(minuten)


# code, naam, soort, uren per jaar, per stuk, groep, toelichting
POSTEN: Final[tuple[tuple[str, str, str, int, bool, str, str], ...]] = (
    ("basis", "Basis: volledige overname", "basis", 108, False, "", "KPMG: 108 uur per jaar per woning"),
    (
        "eigen-kracht",
        "Cliënt of netwerk doet zelf een deel (lichte en middelzware taken)",
        "aftrek",
        23,
        False,
        "",
        "KPMG: min 23 uur per jaar",
    ),
    (
        "kleine-woning",
        "Kleinere woning of zorgstudio",
        "aftrek",
        23,
        False,
        "",
        "Seed 003 (Basis -1); zelfde omvang als de KPMG-aftrek (aanname)",
    ),
    (
        "beperkingen-enig",
        "Beperkingen of belemmeringen cliënt: enig extra inzet",
        "meerpost",
        26,
        False,
        "beperkingen",
        "KPMG: plus 26 uur per jaar",
    ),
    (
        "beperkingen-veel",
        "Beperkingen of belemmeringen cliënt: veel extra inzet",
        "meerpost",
        52,
        False,
        "beperkingen",
        "KPMG: plus 52 uur per jaar",
    ),
    (
        "samenstelling-huishouden",
        "Samenstelling huishouden (bijvoorbeeld jonge kinderen)",
        "meerpost",
        26,
        False,
        "",
        "KPMG: plus 26 uur per jaar",
    ),
    (
        "extra-kamer-in-gebruik",
        "Extra kamer 'in gebruik'",
        "meerpost",
        16,
        True,
        "",
        "KPMG: plus 16 uur per jaar per kamer",
    ),
    (
        "extra-kamer-niet-in-gebruik",
        "Extra kamer 'niet in gebruik'",
        "meerpost",
        4,
        True,
        "",
        "KPMG: plus 4 uur per jaar per kamer",
    ),
    ("huisdier", "Extra vervuiling door huisdier", "meerpost", 13, False, "", "Aanname, niet uit KPMG"),
    ("extra-vervuiling", "Extra vervuiling (overig)", "meerpost", 13, False, "", "Aanname, niet uit KPMG"),
)


def laad_normenkader(apps: Apps) -> None:
    resultaat_model: Any = apps.get_model("catalogus", "Resultaat")
    normenkader_model: Any = apps.get_model("catalogus", "Normenkader")
    post_model: Any = apps.get_model("catalogus", "NormenkaderPost")
    resultaat = resultaat_model.objects.filter(code="schoon-en-leefbaar-huis").first()
    if resultaat is None:
        return
    kader, _ = normenkader_model.objects.update_or_create(
        gemeente=None,
        resultaat=resultaat,
        geldig_van=GELDIG_VAN,
        defaults={"naam": "Normenkader schoon en leefbaar huis (KPMG)", "bron": BRON},
    )
    for volgorde, (code, naam, soort, uren, per_stuk, groep, toelichting) in enumerate(POSTEN, start=1):
        post_model.objects.update_or_create(
            normenkader=kader,
            code=code,
            defaults={
                "naam": naam,
                "soort": soort,
                "minuten": per_week(uren, aftrek=soort == "aftrek"),
                "per_stuk": per_stuk,
                "groep": groep,
                "toelichting": toelichting,
                "volgorde": volgorde,
            },
        )

"""The default normenkader for "schoon en leefbaar huis": the KPMG structure (domain/NOTES.md 2.3) in minutes.

KPMG gives hours per year per dwelling; a week has 1/52 of them, so minutes per week = hours x 60 / 52.
Research terms are rounded up (the CRvB does not allow rounding the client's time down). Every term says
where it comes from (``herkomst``, ``bron``): KPMG's research, or the gemeente's own choice. The deduction
for seed 003's Basis -1 situation (client or network does light and medium tasks, and/or a small home) is
the gemeente's choice of 35 minutes, so that situation lands in Basis -1 as seed 003 says (KPMG's own
deduction is 26); the supplements for pets and extra pollution are not in the retrieved source.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any, Final

from django.apps.registry import Apps

BRON: Final = (
    "KPMG-normenkader 'Schoon en leefbaar huis' (in 2019 getoetst; CRvB 2018:3835/3838 noemt het onderzoek "
    "onafhankelijk en deugdelijk). KPMG geeft uren per jaar per woning; de minuten per week zijn die uren "
    "x 60 gedeeld door 52 (naar boven afgerond). Elke post zegt of hij uit dat onderzoek komt of een keuze "
    "van de gemeente is: de aftrek voor de Basis -1-situatie uit de inkoop Huishoudelijke ondersteuning 2025 "
    "(eigen kracht en/of een kleine "
    "woning) en de tijd voor huisdier en extra vervuiling zijn keuzes van de gemeente."
)
GELDIG_VAN: Final = dt.date(2025, 1, 1)


def per_week(uren_per_jaar: int, *, aftrek: bool = False) -> int:
    minuten = uren_per_jaar * 60 / 52
    return math.floor(minuten) if aftrek else math.ceil(minuten)


KPMG: Final = "KPMG-normenkader 'Schoon en leefbaar huis' (2019), uren per jaar per woning"
SEED_003: Final = "Inkoop Huishoudelijke ondersteuning 2025, band Basis -1 (60-90 minuten)"
ONDERZOEK: Final = "onderzoek"
GEMEENTE: Final = "gemeente"

# code, naam, soort, minuten per week, per stuk, groep, toelichting, herkomst, bron. Research terms are
# KPMG's hours per year converted; the others are the gemeente's own choices and say so.
POSTEN: Final[tuple[tuple[str, str, str, int, bool, str, str, str, str], ...]] = (
    (
        "basis",
        "Basis: volledige overname",
        "basis",
        per_week(108),
        False,
        "",
        "KPMG: 108 uur per jaar per woning",
        ONDERZOEK,
        KPMG,
    ),
    (
        "eigen-kracht",
        "Cliënt of netwerk doet zelf lichte en middelzware taken, en/of een kleine woning of zorgstudio",
        "aftrek",
        35,
        False,
        "",
        "Volgens de inkoop Huishoudelijke ondersteuning 2025 valt deze situatie in Basis -1 (hoogstens 90 "
        "minuten), dus 125 min 35. KPMG trekt voor "
        "eigen kracht 23 uur per jaar af (26 minuten per week); de gemeente motiveert de hogere aftrek.",
        GEMEENTE,
        SEED_003,
    ),
    (
        "beperkingen-enig",
        "Beperkingen of belemmeringen cliënt: enig extra inzet",
        "meerpost",
        per_week(26),
        False,
        "beperkingen",
        "KPMG: plus 26 uur per jaar",
        ONDERZOEK,
        KPMG,
    ),
    (
        "beperkingen-veel",
        "Beperkingen of belemmeringen cliënt: veel extra inzet",
        "meerpost",
        per_week(52),
        False,
        "beperkingen",
        "KPMG: plus 52 uur per jaar",
        ONDERZOEK,
        KPMG,
    ),
    (
        "samenstelling-huishouden",
        "Samenstelling huishouden (bijvoorbeeld jonge kinderen)",
        "meerpost",
        per_week(26),
        False,
        "",
        "KPMG: plus 26 uur per jaar",
        ONDERZOEK,
        KPMG,
    ),
    (
        "extra-kamer-in-gebruik",
        "Extra kamer 'in gebruik'",
        "meerpost",
        per_week(16),
        True,
        "",
        "KPMG: plus 16 uur per jaar per kamer",
        ONDERZOEK,
        KPMG,
    ),
    (
        "extra-kamer-niet-in-gebruik",
        "Extra kamer 'niet in gebruik'",
        "meerpost",
        per_week(4),
        True,
        "",
        "KPMG: plus 4 uur per jaar per kamer",
        ONDERZOEK,
        KPMG,
    ),
    (
        "huisdier",
        "Extra vervuiling door huisdier",
        "meerpost",
        per_week(13),
        False,
        "",
        "Niet uit KPMG: de gemeente stelt deze tijd zelf vast (13 uur per jaar)",
        GEMEENTE,
        "Meerpost uit de inkoop Huishoudelijke ondersteuning 2025; de omvang is een keuze van de gemeente",
    ),
    (
        "extra-vervuiling",
        "Extra vervuiling (overig)",
        "meerpost",
        per_week(13),
        False,
        "",
        "Niet uit KPMG: de gemeente stelt deze tijd zelf vast (13 uur per jaar)",
        GEMEENTE,
        "Keuze van de gemeente",
    ),
)
# Seed 003's Basis -1 reads "en/of": one term for both situations, so that both together stay in the band.
VERVALLEN: Final = ("kleine-woning",)


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
    # Where each term comes from came later (0006): an earlier migration's model lacks those fields.
    velden = {f.name for f in post_model._meta.get_fields()}
    for volgorde, (code, naam, soort, minuten, per_stuk, groep, toelichting, herkomst, bron) in enumerate(
        POSTEN, start=1
    ):
        herkomst_velden = {"herkomst": herkomst, "bron": bron} if "herkomst" in velden else {}
        post_model.objects.update_or_create(
            normenkader=kader,
            code=code,
            defaults={
                "naam": naam,
                "soort": soort,
                "minuten": minuten,
                "per_stuk": per_stuk,
                "groep": groep,
                "toelichting": toelichting,
                "volgorde": volgorde,
                **herkomst_velden,
            },
        )
    if "herkomst" in velden:
        post_model.objects.filter(normenkader=kader, code__in=VERVALLEN).delete()

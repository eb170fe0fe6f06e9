"""The abonnementstarief 2019-2026 (domain/NOTES.md 1.1), loaded by data migration 0002."""

from __future__ import annotations

from typing import Any, Final

from django.apps.registry import Apps

CAK = "https://www.hetcak.nl/zakelijk/regelingen/wmo"
DRIMMELEN = "https://drimmelen.nl/abonnementstarief-wmo"

# jaar, bedrag in eurocent, periode, toelichting, bron
TARIEVEN: Final[tuple[tuple[int, int, str, str, str], ...]] = (
    (
        2019,
        1750,
        "4w",
        "Eerste jaar van het vaste tarief: € 17,50 per periode van 4 weken (13 perioden per jaar). "
        "Meerpersoonshuishoudens onder de AOW-leeftijd betalen niets.",
        "https://www.asterzorg.nl/nieuws/aster-zorg/eigen-bijdrage-wmo-2019/ ; https://www.arbe.nl/verandering-cak-2019/",
    ),
    (2020, 1900, "maand", "", f"{CAK} ; https://www.veere.nl/eigen-bijdrage-wmo-2020-vastgesteld"),
    (2021, 1900, "maand", "", DRIMMELEN),
    (2022, 1900, "maand", "", DRIMMELEN),
    (2023, 1900, "maand", "", DRIMMELEN),
    (
        2024,
        2060,
        "maand",
        "Eerste indexatie.",
        f"{DRIMMELEN} ; https://vng.nl/nieuws/indexatie-abonnementstarief-wmo-per-1-januari-2024",
    ),
    (
        2025,
        2100,
        "maand",
        "",
        "https://www.woerdenwijzer.nl/Onderwerpen/Geld_en_recht/Wet_en_regelgeving/Abonnementstarief_Wmo",
    ),
    (
        2026,
        2180,
        "maand",
        "",
        "https://www.hetcak.nl/wet-maatschappelijke-ondersteuning/laatste-nieuws/verandering-eigen-bijdrage-wmo-2026",
    ),
)


def laad_tarieven(apps: Apps) -> None:
    model: Any = apps.get_model("eigen_bijdrage", "Abonnementstarief")
    for jaar, bedrag, periode, toelichting, bron in TARIEVEN:
        model.objects.update_or_create(
            jaar=jaar,
            defaults={"bedrag_cent": bedrag, "periode": periode, "toelichting": toelichting, "bron": bron},
        )

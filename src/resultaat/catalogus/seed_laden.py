"""Writing the seed catalogue (:mod:`resultaat.catalogus.seed`) to the database: with the models of an app
registry, so the data migration ``0002_seed_catalogus`` can call it with its historical models. Running
it again changes nothing: every row is found by its code (or natural key) and updated to the data."""

from __future__ import annotations

from typing import Any

from django.apps.registry import Apps

from resultaat.catalogus.seed import (
    COMPLEXITEITEN,
    DOMEINEN,
    INTENSITEITEN,
    PER_MAAND,
    PRODUCTEN,
    RESULTATEN,
    RESULTATEN_RO2017,
    STUKS_OUTPUT,
    SUBRESULTATEN,
    TIJDSBANDEN,
)
from resultaat.catalogus.seed_tarieven import TARIEVEN


def laad_catalogus(apps: Apps) -> dict[str, int]:
    """Create or update the seed catalogue with the models of ``apps`` (a migration's historical models
    or ``django.apps.apps``). Returns the number of seed rows per model."""
    domein_model: Any = apps.get_model("catalogus", "ResultaatDomein")
    resultaat_model: Any = apps.get_model("catalogus", "Resultaat")
    subresultaat_model: Any = apps.get_model("catalogus", "Subresultaat")
    aandachtspunt_model: Any = apps.get_model("catalogus", "Aandachtspunt")
    complexiteit_model: Any = apps.get_model("catalogus", "ComplexiteitNiveau")
    intensiteit_model: Any = apps.get_model("catalogus", "IntensiteitNiveau")
    tijdsband_model: Any = apps.get_model("catalogus", "Tijdsband")
    meerpost_model: Any = apps.get_model("catalogus", "Meerpost")
    product_model: Any = apps.get_model("catalogus", "Product")
    tarief_model: Any = apps.get_model("catalogus", "Tarief")
    aantallen: dict[str, int] = {}

    domeinen = {}
    for d in DOMEINEN:
        domeinen[d["code"]], _ = domein_model.objects.update_or_create(
            code=d["code"],
            defaults={
                "naam": d["naam"],
                "omschrijving": d["omschrijving"],
                "volgorde": d["volgorde"],
                "geldig_van": d["geldig_van"],
            },
        )
    aantallen["ResultaatDomein"] = len(domeinen)

    resultaten = {}
    for r in (*RESULTATEN, *RESULTATEN_RO2017):
        resultaten[r["code"]], _ = resultaat_model.objects.update_or_create(
            code=r["code"],
            defaults={
                "domein": domeinen[r["domein"]],
                "naam": r["naam"],
                "omschrijving": r["omschrijving"],
                "plus": r["plus"],
                "bron": r["bron"],
                "volgorde": r["volgorde"],
                "geldig_van": r["geldig_van"],
            },
        )
    aantallen["Resultaat"] = len(resultaten)

    aantallen["Subresultaat"] = aantallen["Aandachtspunt"] = 0
    for s in SUBRESULTATEN:
        subresultaat, _ = subresultaat_model.objects.update_or_create(
            code=s["code"],
            defaults={
                "resultaat": resultaten[s["resultaat"]],
                "omschrijving": s["omschrijving"],
                "volgorde": 1,
                "geldig_van": s["geldig_van"],
            },
        )
        aantallen["Subresultaat"] += 1
        for volgorde, tekst in enumerate(s["aandachtspunten"], start=1):
            aandachtspunt_model.objects.update_or_create(
                subresultaat=subresultaat,
                volgorde=volgorde,
                defaults={"omschrijving": tekst, "geldig_van": s["geldig_van"]},
            )
            aantallen["Aandachtspunt"] += 1

    complexiteiten = {}
    for model, niveaus, naam in (
        (complexiteit_model, COMPLEXITEITEN, "ComplexiteitNiveau"),
        (intensiteit_model, INTENSITEITEN, "IntensiteitNiveau"),
    ):
        for n in niveaus:
            niveau, _ = model.objects.update_or_create(
                code=n["code"],
                defaults={
                    "naam": n["naam"],
                    "omschrijving": n["omschrijving"],
                    "volgorde": n["volgorde"],
                    "geldig_van": n["geldig_van"],
                },
            )
            if model is complexiteit_model:
                complexiteiten[n["code"]] = niveau
        aantallen[naam] = len(niveaus)

    tijdsbanden = {}
    aantallen["Meerpost"] = 0
    for t in TIJDSBANDEN:
        band, _ = tijdsband_model.objects.update_or_create(
            resultaat=resultaten[t["resultaat"]],
            code=t["code"],
            geldig_van=t["geldig_van"],
            defaults={
                "naam": t["naam"],
                "min_minuten": t["min_minuten"],
                "max_minuten": t["max_minuten"],
                "omschrijving": t["omschrijving"],
                "situatie": t["situatie"],
                "opmerkingen": t["opmerkingen"],
                "volgorde": t["volgorde"],
            },
        )
        tijdsbanden[t["code"]] = band
        for volgorde, (code, naam) in enumerate(t["meerposten"], start=1):
            meerpost_model.objects.update_or_create(
                tijdsband=band,
                code=code,
                geldig_van=t["geldig_van"],
                defaults={"naam": naam, "volgorde": volgorde},
            )
            aantallen["Meerpost"] += 1
    aantallen["Tijdsband"] = len(tijdsbanden)

    producten = {}
    # The domain and the unit per week came later (0005): an earlier migration's models lack them.
    velden = {f.name for f in product_model._meta.get_fields()}
    for p in PRODUCTEN:
        later = {}
        if "domein" in velden:
            later["domein"] = domeinen[p["domein"]] if p["domein"] else None
            later["omvang_eenheid"] = p["omvang_eenheid"]
        producten[(p["categorie"], p["code"])], _ = product_model.objects.update_or_create(
            categorie=p["categorie"],
            code=p["code"],
            geldig_van=p["geldig_van"],
            defaults={
                "naam": p["naam"],
                "resultaat": resultaten[p["resultaat"]] if p["resultaat"] else None,
                "complexiteit": complexiteiten[p["complexiteit"]] if p["complexiteit"] else None,
                "intensiteit": None,
                "tijdsband": tijdsbanden[p["tijdsband"]] if p["tijdsband"] else None,
                "aanvullend_arrangement": p["aanvullend_arrangement"],
                "eenheid": STUKS_OUTPUT,
                "frequentie": PER_MAAND,
                "volume": 1,
                **later,
            },
        )
    aantallen["Product"] = len(producten)

    for tarief in TARIEVEN:
        tarief_model.objects.update_or_create(
            product=producten[tarief["product"]],
            geldig_van=tarief["geldig_van"],
            defaults={
                "bedrag_cent": tarief["bedrag_cent"],
                "periode": tarief["periode"],
                "geldig_tot": tarief["geldig_tot"],
            },
        )
    aantallen["Tarief"] = len(TARIEVEN)
    return aantallen

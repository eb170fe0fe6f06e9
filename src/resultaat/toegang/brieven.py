"""The letters of toegang: the beschikking (toekenning or afwijzing) and the information letter to
current clients, each a context of plain values rendered by ``brieven`` in the beheerder's template."""

from __future__ import annotations

import datetime as dt
from typing import Any

from resultaat.brieven.models import Briefsoort
from resultaat.brieven.render import (
    aanhef,
    adresregels,
    client_context,
    gemeente_context,
    minuten_tekst,
    opmaak,
    sjabloon_voor,
)
from resultaat.core import termijnen
from resultaat.core.opmaak import euro, lange_datum
from resultaat.eigen_bijdrage.services import verwachte_eigen_bijdrage
from resultaat.toegang.models import Besluit, Indicatie, ToegangInstelling
from resultaat.toewijzingen.models import Toewijzing


def _band(band: Any) -> str:
    return f"{band.naam} ({band.min_minuten}–{band.max_minuten} minuten per week)" if band else ""


def beschikking_context(beschikking: Any) -> dict[str, Any]:
    gemeente, client = beschikking.gemeente, beschikking.client
    resultaten = []
    for r in beschikking.resultaten.select_related(
        "resultaat", "product", "complexiteit", "intensiteit", "tijdsband"
    ):
        toewijzing = (
            Toewijzing.objects.filter(beschikt_resultaat=r)
            .select_related("aanbieder")
            .order_by("ingangsdatum")
            .first()
        )
        indicatie = Indicatie.objects.filter(beschikt_resultaat=r).first()
        berekening = (indicatie.normberekening or {}).get("regels", []) if indicatie else []
        niveau = ", ".join(
            n
            for n in [
                r.complexiteit.naam if r.complexiteit else "",
                r.intensiteit.naam if r.intensiteit else "",
            ]
            if n
        )
        resultaten.append(
            {
                "naam": r.resultaat.naam,
                "product": r.product.naam,
                "productcode": f"{r.product.categorie}{r.product.code}",
                "niveau": niveau,
                "band": _band(r.tijdsband),
                "minuten_per_week": r.minuten_per_week,
                "frequentie": r.frequentie,
                "aanbieder": toewijzing.aanbieder.naam if toewijzing else "nog niet gekozen",
                "ingangsdatum": lange_datum(r.ingangsdatum),
                "einddatum": lange_datum(r.einddatum),
                "berekening": [
                    {
                        "naam": g["naam"],
                        "aantal": g["aantal"],
                        "minuten": g["minuten"],
                        "minuten_tekst": minuten_tekst(g["minuten"]),
                    }
                    for g in berekening
                ],
            }
        )
    consulent = beschikking.consulent
    return {
        "aanhef": aanhef(client),
        "client": client_context(client),
        "gemeente": gemeente_context(gemeente),
        "aanvraag_datum": lange_datum(beschikking.aanvraag.ontvangen_op),
        "beschikking": {
            "nummer": beschikking.nummer,
            "besluit": beschikking.get_besluit_display(),
            "besluitdatum": lange_datum(beschikking.besluitdatum),
            "ingangsdatum": lange_datum(beschikking.ingangsdatum),
            "einddatum": lange_datum(beschikking.einddatum),
            "motivering": beschikking.motivering,
            "ondersteuningsplan_onderdeel": beschikking.ondersteuningsplan_onderdeel,
        },
        "resultaten": resultaten,
        "eigen_bijdrage": beschikking.eigen_bijdrage_toelichting,
        "eigen_bijdrage_bedrag": euro(beschikking.eigen_bijdrage_cent)
        if beschikking.eigen_bijdrage_cent
        else "",
        "bezwaar": {
            "termijn": "zes weken",
            "uiterlijk": lange_datum(termijnen.BEZWAAR.uiterlijk(beschikking.besluitdatum)),
            "adres": "\n".join(
                [
                    f"College van burgemeester en wethouders van {gemeente.naam}",
                    "t.a.v. bezwaarschriften",
                    *adresregels(gemeente.postadres),
                ]
            ),
        },
        "ondertekening": ToegangInstelling.voor(gemeente).ondertekening,
        "consulent": (consulent.get_full_name() or consulent.username) if consulent else "de Wmo-consulent",
        "kenmerk": f"Wmo {beschikking.nummer}",
        "datum": lange_datum(beschikking.besluitdatum),
    }


def beschikking_html(beschikking: Any) -> str:
    soort = Briefsoort.AFWIJZING if beschikking.besluit == Besluit.AFGEWEZEN else Briefsoort.TOEKENNING
    sjabloon = sjabloon_voor(soort, beschikking.gemeente, beschikking.besluitdatum)
    return opmaak(sjabloon=sjabloon, context=beschikking_context(beschikking))


def informatiebrief_html(client: Any, *, datum: dt.date, per_datum: dt.date) -> str:
    gemeente = client.gemeente

    context = {
        "aanhef": aanhef(client),
        "client": client_context(client),
        "gemeente": gemeente_context(gemeente),
        "per_datum": lange_datum(per_datum),
        "eigen_bijdrage": verwachte_eigen_bijdrage(client, per_datum).tekst,
        "ondertekening": ToegangInstelling.voor(gemeente).ondertekening,
        "kenmerk": "Wmo informatie resultaat",
        "datum": lange_datum(datum),
    }
    sjabloon = sjabloon_voor(Briefsoort.INFORMATIE, gemeente, datum)
    return opmaak(sjabloon=sjabloon, context=context)

"""Rendering letters: the beheerder's text (a Django template from the database) in a sandbox with a fixed
context of plain values, inside the fixed letter layout, to HTML and with WeasyPrint to PDF."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.db.models import Q
from django.template import Context, Engine
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from resultaat.brieven.models import Briefsjabloon, Briefsoort

BEZWAARTERMIJN = dt.timedelta(weeks=6)  # Awb 6:7 and 6:8: six weeks from the day after the letter

# No loaders and no extra libraries: a template from the database can only use the built-in tags and
# filters on the plain values we give it (strings, numbers, lists and dicts of those).
SANDBOX = Engine(loaders=[("django.template.loaders.locmem.Loader", {})], libraries={}, autoescape=True)

MAANDEN = ("januari februari maart april mei juni juli augustus september oktober november december").split()


def lange_datum(d: dt.date | None, leeg: str = "onbepaalde tijd") -> str:
    """3 februari 2025."""
    return f"{d.day} {MAANDEN[d.month - 1]} {d.year}" if d else leeg


def euro(cent: int) -> str:
    return f"€ {cent // 100},{cent % 100:02d}"


def adresregels(tekst: str) -> list[str]:
    return [r.strip() for r in re.split(r"[\n,]", tekst or "") if r.strip()]


def sjabloon_voor(soort: str, gemeente: Any, datum: dt.date) -> Briefsjabloon:
    kandidaten = Briefsjabloon.objects.filter(soort=soort, geldig_van__lte=datum).filter(
        Q(gemeente=gemeente) | Q(gemeente__isnull=True)
    )
    eigen = kandidaten.filter(gemeente=gemeente).order_by("-geldig_van").first()
    sjabloon = eigen or kandidaten.filter(gemeente__isnull=True).order_by("-geldig_van").first()
    if sjabloon is None:
        raise Briefsjabloon.DoesNotExist(f"Geen briefsjabloon '{soort}' op {datum:%d-%m-%Y}.")
    return sjabloon


def _aanhef(client: Any) -> str:
    if client.geslacht == "1":
        return f"Geachte heer {client.tussenvoegsel + ' ' if client.tussenvoegsel else ''}{client.achternaam}"
    if client.geslacht == "2":
        return (
            f"Geachte mevrouw {client.tussenvoegsel + ' ' if client.tussenvoegsel else ''}{client.achternaam}"
        )
    return f"Geachte {client.naam}"


def _gemeente(gemeente: Any) -> dict[str, Any]:
    return {
        "naam": gemeente.naam,
        "postadres": ", ".join(adresregels(gemeente.postadres)),
        "postadres_regels": adresregels(gemeente.postadres),
        "telefoon": gemeente.telefoon or "14 072",
        "email": gemeente.email or f"wmo@{gemeente.naam.lower().replace(' ', '')}.nl",
    }


def _client(client: Any) -> dict[str, Any]:
    return {
        "naam": client.naam,
        "adres_regels": [
            f"{client.straat} {client.huisnummer}".strip(),
            f"{client.postcode} {client.woonplaats}".strip(),
        ],
    }


def minuten_tekst(minuten: int) -> str:
    return f"+ {minuten} min" if minuten >= 0 else f"− {-minuten} min"


def _band(band: Any) -> str:
    return f"{band.naam} ({band.min_minuten}–{band.max_minuten} minuten per week)" if band else ""


def beschikking_context(beschikking: Any) -> dict[str, Any]:
    from resultaat.toegang.models import Indicatie, ToegangInstelling
    from resultaat.toewijzingen.models import Toewijzing

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
        "aanhef": _aanhef(client),
        "client": _client(client),
        "gemeente": _gemeente(gemeente),
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
            "uiterlijk": lange_datum(beschikking.besluitdatum + BEZWAARTERMIJN),
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


def _opmaak(*, sjabloon: Briefsjabloon, context: dict[str, Any]) -> str:
    inhoud = SANDBOX.from_string(sjabloon.tekst).render(Context(context, autoescape=True))
    return render_to_string(
        "brieven/brief.html",
        {**context, "onderwerp": sjabloon.onderwerp, "inhoud": mark_safe(inhoud)},  # noqa: S308 - rendered with autoescape
    )


def beschikking_html(beschikking: Any) -> str:
    from resultaat.toegang.models import Besluit

    soort = Briefsoort.AFWIJZING if beschikking.besluit == Besluit.AFGEWEZEN else Briefsoort.TOEKENNING
    sjabloon = sjabloon_voor(soort, beschikking.gemeente, beschikking.besluitdatum)
    return _opmaak(sjabloon=sjabloon, context=beschikking_context(beschikking))


def informatiebrief_html(client: Any, *, datum: dt.date, per_datum: dt.date) -> str:
    from resultaat.eigen_bijdrage.services import schat_eigen_bijdrage
    from resultaat.toegang.models import ToegangInstelling

    gemeente = client.gemeente

    context = {
        "aanhef": _aanhef(client),
        "client": _client(client),
        "gemeente": _gemeente(gemeente),
        "per_datum": lange_datum(per_datum),
        "eigen_bijdrage": schat_eigen_bijdrage(
            geboortedatum=client.geboortedatum, ingangsdatum=per_datum
        ).tekst,
        "ondertekening": ToegangInstelling.voor(gemeente).ondertekening,
        "kenmerk": "Wmo informatie resultaat",
        "datum": lange_datum(datum),
    }
    sjabloon = sjabloon_voor(Briefsoort.INFORMATIE, gemeente, datum)
    return _opmaak(sjabloon=sjabloon, context=context)


def pdf(html: str) -> bytes:
    from weasyprint import HTML

    return bytes(HTML(string=html).write_pdf())

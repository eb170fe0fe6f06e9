"""The survey's invitation letter: the beheerder's letter text (``Briefsoort.ENQUETE``, per gemeente, in
plain B1 Dutch by default) in the gemeente's letter layout, with the app's own block where the text says
``{{ meedoen }}``: the link, the code to type, and a QR code (segno, as an SVG data URI: the PDF fetches
nothing). Several letters go into one PDF for the print service."""

from __future__ import annotations

from typing import Any

import segno
from django.template.loader import render_to_string
from django.utils import timezone

from resultaat.brieven.models import Briefsoort
from resultaat.brieven.render import (
    client_context,
    gemeente_context,
    opmaak,
    pdf,
    sjabloon_voor,
)
from resultaat.core.opmaak import lange_datum


def qr_data_uri(link: str) -> str:
    return str(segno.make(link, error="m").svg_data_uri(scale=4, border=2))


def brief_html(enquete: Any, context: dict[str, Any]) -> str:
    datum = enquete.verzonden_op or timezone.localdate()
    meedoen = render_to_string(
        "kwaliteit/enquete_meedoen.html", {**context, "qr": qr_data_uri(context["link"])}
    )
    return opmaak(
        sjabloon=sjabloon_voor(Briefsoort.ENQUETE, enquete.gemeente, datum),
        context={
            "aanbieder": context["aanbieder"],
            "tot": context["tot"],
            "gemeente": gemeente_context(enquete.gemeente),
            "client": client_context(enquete.client),
            "datum": lange_datum(datum),
            "kenmerk": f"TEV-{enquete.pk}",
        },
        blokken={"meedoen": meedoen},
    )


def pdf_van_brieven(brieven: list[tuple[Any, dict[str, Any]]]) -> bytes:
    """The letters in one PDF, each from a new page, tagged like every PDF of the app."""
    htmls = [brief_html(enquete, context) for enquete, context in brieven]
    return pdf(*htmls) if htmls else b""

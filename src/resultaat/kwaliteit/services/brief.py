"""The survey's invitation letter: the gemeente's letter layout (``brieven/brief.html``) around a fixed
B1 text with the link, the code to type, and a QR code (segno, as an SVG data URI: the PDF fetches
nothing). Several letters go into one PDF for the print service."""

from __future__ import annotations

from typing import Any

import segno
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from weasyprint import HTML

from resultaat.brieven.ophalen import BASIS_URL, VeiligeFetcher
from resultaat.brieven.render import PDF_TAAL, PDF_VARIANT, client_context, gemeente_context
from resultaat.core.opmaak import lange_datum


def qr_data_uri(link: str) -> str:
    return str(segno.make(link, error="m").svg_data_uri(scale=4, border=2))


def brief_html(enquete: Any, context: dict[str, Any]) -> str:
    inhoud = render_to_string(
        "kwaliteit/enquete_brief_inhoud.html", {**context, "qr": qr_data_uri(context["link"])}
    )
    return render_to_string(
        "brieven/brief.html",
        {
            "gemeente": gemeente_context(enquete.gemeente),
            "client": client_context(enquete.client),
            "datum": lange_datum(enquete.verzonden_op or timezone.localdate()),
            "kenmerk": f"TEV-{enquete.pk}",
            "onderwerp": "Wat vindt u van uw ondersteuning?",
            "inhoud": mark_safe(inhoud),  # noqa: S308 - rendered by Django with autoescape
        },
    )


def pdf_van_brieven(brieven: list[tuple[Any, dict[str, Any]]]) -> bytes:
    documenten = [
        HTML(string=brief_html(enquete, context), base_url=BASIS_URL, url_fetcher=VeiligeFetcher()).render()
        for enquete, context in brieven
    ]
    if not documenten:
        return b""
    paginas = [pagina for document in documenten for pagina in document.pages]
    samen = documenten[0].copy(paginas)
    # Tagged for screen readers like every PDF of the app (brieven.render.pdf): PDF/UA-1, Dutch.
    samen.metadata.lang = PDF_TAAL
    samen.metadata.title = "Wat vindt u van uw ondersteuning?"
    return bytes(samen.write_pdf(pdf_variant=PDF_VARIANT))

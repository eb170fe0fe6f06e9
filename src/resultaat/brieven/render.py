"""Rendering letters: the beheerder's text (a Django template from the database) in a sandbox with a fixed
context of plain values, inside the fixed letter layout, to HTML and with WeasyPrint to PDF."""

from __future__ import annotations

import datetime as dt
import functools
import gc
import multiprocessing
import re
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import Any

from django.db.models import Q
from django.template import Context, Template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from resultaat.brieven.models import Briefsjabloon
from resultaat.brieven.ophalen import BASIS_URL, VeiligeFetcher
from resultaat.brieven.veilig import SANDBOX, schoon
from resultaat.core.batch import onthouden

__all__ = ["SANDBOX", "opmaak", "pdf", "pdfs", "warm_op"]


def adresregels(tekst: str) -> list[str]:
    return [r.strip() for r in re.split(r"[\n,]", tekst or "") if r.strip()]


def sjabloon_voor(soort: str, gemeente: Any, datum: dt.date) -> Briefsjabloon:
    return onthouden(
        ("briefsjabloon", soort, getattr(gemeente, "pk", None), datum),
        lambda: _sjabloon(soort, gemeente, datum),
    )


def _sjabloon(soort: str, gemeente: Any, datum: dt.date) -> Briefsjabloon:
    kandidaten = Briefsjabloon.objects.filter(soort=soort, geldig_van__lte=datum).filter(
        Q(gemeente=gemeente) | Q(gemeente__isnull=True)
    )
    eigen = kandidaten.filter(gemeente=gemeente).order_by("-geldig_van").first()
    sjabloon = eigen or kandidaten.filter(gemeente__isnull=True).order_by("-geldig_van").first()
    if sjabloon is None:
        raise Briefsjabloon.DoesNotExist(f"Geen briefsjabloon '{soort}' op {datum:%d-%m-%Y}.")
    return sjabloon


def aanhef(client: Any) -> str:
    if client.geslacht == "1":
        return f"Geachte heer {client.tussenvoegsel + ' ' if client.tussenvoegsel else ''}{client.achternaam}"
    if client.geslacht == "2":
        return (
            f"Geachte mevrouw {client.tussenvoegsel + ' ' if client.tussenvoegsel else ''}{client.achternaam}"
        )
    return f"Geachte {client.naam}"


def gemeente_context(gemeente: Any) -> dict[str, Any]:
    return {
        "naam": gemeente.naam,
        "postadres": ", ".join(adresregels(gemeente.postadres)),
        "postadres_regels": adresregels(gemeente.postadres),
        "telefoon": gemeente.telefoon or "14 072",
        "email": gemeente.email or f"wmo@{gemeente.naam.lower().replace(' ', '')}.nl",
    }


def client_context(client: Any) -> dict[str, Any]:
    return {
        "naam": client.naam,
        "adres_regels": [
            f"{client.straat} {client.huisnummer}".strip(),
            f"{client.postcode} {client.woonplaats}".strip(),
        ],
    }


def minuten_tekst(minuten: int) -> str:
    return f"+ {minuten} min" if minuten >= 0 else f"− {-minuten} min"


@functools.lru_cache(maxsize=32)
def _gecompileerd(tekst: str) -> Template:
    """The beheerder's text compiled in the sandbox; a batch of letters in the same text compiles it
    once (a compiled template holds no state of a rendering)."""
    return SANDBOX.from_string(tekst)


def opmaak(*, sjabloon: Briefsjabloon, context: dict[str, Any], blokken: dict[str, str] | None = None) -> str:
    """The letter: the beheerder's text rendered in the sandbox and cleaned, inside the letter layout.
    ``blokken``: the app's own HTML (``models.VASTE_BLOKKEN``: a QR code, a code) put where the text
    names it (``{{ meedoen }}``), after the cleaning; a text without the name gets it at the end."""
    # The text was checked when it was saved (veilig.controleer_sjabloon); the rendered result is cleaned
    # once more, so a text stored before that check (or slipping past it) cannot add script or fetches.
    merken = {naam: f"[[blok-{naam}]]" for naam in blokken or {}}
    inhoud = schoon(_gecompileerd(sjabloon.tekst).render(Context({**context, **merken}, autoescape=True)))
    for naam, blok in (blokken or {}).items():
        inhoud = inhoud.replace(merken[naam], blok, 1) if merken[naam] in inhoud else inhoud + blok
    return render_to_string(
        "brieven/brief.html",
        {**context, "onderwerp": sjabloon.onderwerp, "inhoud": mark_safe(inhoud)},  # noqa: S308 - rendered with autoescape
    )


# Every PDF is tagged for screen readers and text-to-speech (PDF/UA-1): headings, paragraphs, tables and
# lists are marked as such, in reading order, and the document states its language and title.
PDF_VARIANT = "pdf/ua-1"
PDF_TAAL = "nl-NL"


BRIEFSTIJL = "brieven/brief.css"


@functools.cache
def _briefstijl() -> str:
    """The letter layout's stylesheet as ``brieven/brief.html`` includes it in its <style>."""
    return render_to_string(BRIEFSTIJL)


@functools.lru_cache(maxsize=1)
def _geparste_stijl(stijl: str) -> Any:
    """The letter layout's stylesheet parsed by WeasyPrint, once per process (a batch's letters share it)."""
    from weasyprint import CSS

    return CSS(string=stijl, base_url=BASIS_URL, url_fetcher=VeiligeFetcher())


def _met_stijl(html: str) -> tuple[str, list[Any]]:
    """A letter's HTML without the letter layout's stylesheet, and that stylesheet parsed once per process;
    an HTML without it as it is. The stylesheet then counts as the reader's (user) stylesheet instead of
    the document's, which changes nothing for a letter: the document's only other rule is its footer
    text, and the style attributes the beheerder's text may have (``veilig.schoon``) win over any
    stylesheet either way."""
    stijl = _briefstijl()
    if stijl not in html:
        return html, []
    return html.replace(stijl, "", 1), [_geparste_stijl(stijl)]


def pdf(html: str, *delen: str, fonts: Any = None) -> bytes:
    """Every PDF of the app: WeasyPrint may fetch only the app's static files and data: URIs. ``delen``:
    further documents printed after the first in the same PDF (an attachment), each with its own layout.
    The PDF is tagged (PDF/UA-1) with language nl-NL and the first page's <title> as its title.
    ``fonts``: a WeasyPrint font configuration shared by a batch of letters in one process (see
    :func:`pdfs`); without it each PDF sets up its own. The letter layout's stylesheet is parsed once per
    process (:func:`_met_stijl`)."""
    from weasyprint import HTML

    documenten = []
    for h in (html, *delen):
        zonder_stijl, stijlen = _met_stijl(h)
        documenten.append(
            HTML(string=zonder_stijl, base_url=BASIS_URL, url_fetcher=VeiligeFetcher()).render(
                stylesheets=stijlen, font_config=fonts
            )
        )
    paginas = [pagina for document in documenten for pagina in document.pages]
    document = documenten[0].copy(paginas) if delen else documenten[0]
    document.metadata.lang = PDF_TAAL
    document.metadata.title = (documenten[0].metadata.title or "").strip() or "Resultaat"
    return bytes(document.write_pdf(pdf_variant=PDF_VARIANT))


def warm_op() -> None:
    """Load WeasyPrint and its fonts in this process (a first letter costs seconds: the library's import
    and the font configuration of the letters' font in regular and bold). A pool of processes forked after
    this call inherits them. Each PDF embeds only the glyphs it uses (WeasyPrint subsets the fonts with
    HarfBuzz, the Debian package libharfbuzz-subset0 of ``make install``; without it WeasyPrint falls back
    to fontTools at three times the CPU per letter)."""
    _batch_pdf(
        '<!DOCTYPE html><html lang=nl><head><style>body { font-family: "DejaVu Sans", Arial, sans-serif }'
        "</style></head><body><p>Gemeente</p><p><b>Gemeente</b></p></body></html>"
    )


def _batch_pdf(html: str) -> bytes:
    """One letter of a batch: the process's shared font configuration (set up once per process)."""
    global _FONTS
    if _FONTS is None:
        from weasyprint.text.fonts import FontConfiguration

        _FONTS = FontConfiguration()
    return pdf(html, fonts=_FONTS)


_FONTS: Any = None


def pdfs(htmls: Iterable[str], *, processen: int = 1) -> Iterator[bytes]:
    """The PDF of each HTML letter, in order, each as soon as it is ready (the caller can file or merge the
    first letters while the others are still being laid out); with ``processen`` > 1 in that many processes
    at once (WeasyPrint is CPU bound). Each letter goes to a process as soon as ``htmls`` yields it, so this
    process builds the next letter (its database reads) while the others render. The processes are forked
    after :func:`warm_op`, so none of them loads WeasyPrint again; they render only and touch no database.
    The letters of a batch share one font configuration and the fonts' subsets per process.

    Before the fork this process's objects are frozen out of the garbage collector (``gc.freeze``): a
    forked process that collects walks every object it inherited and so writes to (and copies) every page
    of memory it shares with this one; frozen objects are never walked. They are unfrozen when the
    processes are done."""
    if processen <= 1:
        yield from (_batch_pdf(h) for h in htmls)
        return
    warm_op()
    gc.freeze()
    try:
        vork = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=processen, mp_context=vork) as pool:
            klaar = [pool.submit(_batch_pdf, h) for h in htmls]
            yield from (k.result() for k in klaar)
    finally:
        gc.unfreeze()

"""What WeasyPrint may fetch while it makes a PDF: the app's own static files and data: URIs, nothing else.

WeasyPrint's default fetcher opens any URL (file://, http(s)://, ftp://), and a letter template with
``<link rel="attachment" href="file:///...">`` would attach a server file to the PDF. :class:`VeiligeFetcher`
refuses every URL except data: URIs (their content is in the document itself) and ``/static/...`` under
:data:`BASIS_URL`, which it reads through Django's staticfiles finders or ``STATIC_ROOT`` without any
network or free file access.
"""

from __future__ import annotations

import functools
import mimetypes
import posixpath
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders

# Relative URLs in a PDF document resolve against this base; the host is reserved (.invalid) and never
# contacted: the fetcher answers it from the static files.
BASIS_URL = "https://pdf.resultaat.invalid/"
_BASIS_HOST = urlsplit(BASIS_URL).netloc


class GeweigerdeURL(ValueError):
    """A URL the PDF may not fetch."""


def _static_prefix() -> str:
    return "/" + settings.STATIC_URL.lstrip("/") if "://" not in settings.STATIC_URL else ""


def static_bestand(url: str) -> Path | None:
    """The static file a ``BASIS_URL``/``STATIC_URL`` URL points to, or None."""
    delen = urlsplit(url)
    prefix = _static_prefix()
    if (
        delen.scheme != "https"
        or delen.netloc != _BASIS_HOST
        or not prefix
        or not delen.path.startswith(prefix)
    ):
        return None
    relatief = unquote(delen.path[len(prefix) :])
    genormaliseerd = posixpath.normpath(relatief)
    if not relatief or genormaliseerd.startswith(("/", "..")) or "\\" in relatief or "\x00" in relatief:
        return None
    gevonden = finders.find(genormaliseerd)
    if isinstance(gevonden, list):
        gevonden = gevonden[0] if gevonden else None
    if gevonden:
        return Path(gevonden)
    root = Path(settings.STATIC_ROOT).resolve()
    kandidaat = (root / genormaliseerd).resolve()
    if kandidaat.is_file() and kandidaat.is_relative_to(root):
        return kandidaat
    return None


@functools.cache
def _fetcher_klasse() -> type:
    # WeasyPrint is imported only when a PDF is made (it is slow to import).
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class VeiligeFetcher(URLFetcher):
        """Serves static files and data: URIs; refuses file://, http(s)://, ftp:// and everything else."""

        def __init__(self) -> None:
            super().__init__(allowed_protocols={"data", "https"}, allow_redirects=False)

        def fetch(self, url: str, headers: dict[str, str] | None = None) -> Any:
            if url.lower().startswith("data:"):
                return super().fetch(url, headers)
            pad = static_bestand(url)
            if pad is None:
                raise GeweigerdeURL(f"Een PDF haalt alleen eigen statische bestanden op, niet {url[:200]}")
            soort = mimetypes.guess_type(pad.name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, body=pad.read_bytes(), headers={"Content-Type": soort})

    return VeiligeFetcher


def VeiligeFetcher() -> Any:
    """A WeasyPrint URL fetcher that serves static files and data: URIs and refuses everything else."""
    return _fetcher_klasse()()

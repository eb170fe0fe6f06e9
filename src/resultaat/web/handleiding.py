"""The user guide: one Markdown file per role in docs/handleiding/, shown as a page of the app, and the help
link on every page, which opens the section of the reader's guide about that page.

A section is found by its anchor: a heading in the guide with ``{#anker}`` behind it. ``ANKERS`` maps the
URL name of a page to its anchor; the same anchor is used in every guide that describes the page. A page
that the reader's guide does not describe under its own anchor opens a broader section (``TERUGVAL``), or
else the guide at its start. tests/test_handleiding.py checks that every menu page of every role opens an
anchor that exists in that role's guide.
"""

from __future__ import annotations

import functools
import xml.etree.ElementTree as etree
from pathlib import Path
from typing import Any

import markdown
from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from resultaat.core.rollen import Rol

# The guides, in the order the index lists them; the file name is the role's code.
GIDSEN: dict[str, str] = {
    Rol.CONSULENT: "Wmo-consulent",
    Rol.CONTRACTMANAGER: "Contractmanager",
    Rol.FINANCIEEL: "Financieel medewerker",
    Rol.BEHEERDER: "Functioneel beheerder",
    Rol.AUDITOR: "Privacy officer / auditor",
    Rol.AANBIEDER: "Medewerker zorgaanbieder",
}

# URL name of a page -> the anchor of the section about it.
ANKERS: dict[str, str] = {
    "web:home": "start",
    "web:werklijst": "werklijst",
    "web:melding-nieuw": "melding",
    "web:melding-detail": "onderzoek",
    "web:onderzoek-detail": "onderzoek",
    "web:aanvraag-detail": "indicatie",
    "web:indicatie-detail": "indicatie",
    "web:beschikking-detail": "beschikking",
    "web:toewijzing-overstap": "overstap",
    "web:mandaat-list": "mandaat",
    "web:termijnregister": "termijnen",
    "web:client-zoeken": "client-zoeken",
    "web:client-list": "clienten",
    "web:client-detail": "client",
    "web:eigen-bijdrage-huishouden": "client",
    "web:toewijzing-list": "toewijzingen",
    "web:toewijzing-detail": "toewijzing",
    "web:signaal-list": "signalen",
    "web:signaal-detail": "signalen",
    "web:signaal-nieuw": "signalen",
    "web:sociale-kaart": "sociale-kaart",
    "web:voorziening-nieuw": "sociale-kaart",
    "web:voorziening-wijzigen": "sociale-kaart",
    "web:verzoek-list": "verzoeken",
    "web:verzoek-detail": "verzoeken",
    "web:verzoek-toewijzing-nieuw": "verzoeken",
    "web:verzoek-wijziging-nieuw": "verzoeken",
    "web:bericht-list": "berichten",
    "web:bericht-detail": "berichten",
    "web:aanbieder-list": "aanbieders",
    "web:aanbieder-detail": "aanbieders",
    "web:contract-list": "contracten",
    "web:contract-detail": "contracten",
    "web:catalogus": "catalogus",
    "web:audit-list": "auditlog",
    "web:afrekenrun-list": "bekostiging",
    "web:afrekenrun-nieuw": "bekostiging",
    "web:afrekenrun-detail": "bekostiging",
    "web:client-betalingen-zoeken": "betalingen",
    "web:client-betalingen": "betalingen",
    "web:afrekenregel-list": "betalingen",
    "web:betaalbatch-list": "specificaties",
    "web:betaalbatch-detail": "specificaties",
    "web:bekostiging-budget": "budget",
    "web:bekostiging-uren": "uren",
    "web:conversie": "conversie",
    "web:conversie-import": "conversie",
    "web:conversie-vergelijking": "conversie",
    "web:conversie-omzetting": "omzetting",
    "web:conversie-ronde": "omzetting",
    "web:cak-leveringen": "cak",
    "web:portaal": "portaal",
    "web:portaal-csv": "portaal-csv",
    "web:plan-nieuw": "plan",
    "web:plan-detail": "plan",
    "web:plan-wijzigen": "plan",
    "web:plan-akkoord": "plan",
    "web:evaluatie-nieuw": "evaluatie",
    "web:tevredenheid": "tevredenheid",
    "web:enquete-list": "tevredenheid",
    "web:enquete-detail": "tevredenheid",
    "web:toewijzing-enquete": "tevredenheid-toewijzing",
    "web:klacht-list": "klachten",
    "web:klacht-nieuw": "klachten",
    "web:klacht-detail": "klachten",
    "web:wachtlijst": "wachtlijst",
    "web:capaciteit-melden": "wachtlijst",
    "web:sturing": "dashboards",
    "web:sturing-aanbieder": "dashboards",
    "web:sturing-mijn": "mijn-cijfers",
    "web:handleiding": "start",
    "admin:index": "beheer",
}

# A guide that has no section of a page's own anchor may describe the page under a broader one: a
# toewijzing under the toewijzingen, a client under the list of clients or the search.
TERUGVAL: dict[str, tuple[str, ...]] = {
    "toewijzing": ("toewijzingen",),
    "overstap": ("toewijzing", "toewijzingen"),
    "plan": ("toewijzing", "toewijzingen"),
    "evaluatie": ("toewijzing", "toewijzingen"),
    "client": ("clienten", "client-zoeken"),
    "onderzoek": ("melding",),
    "indicatie": ("onderzoek", "melding"),
    "beschikking": ("indicatie", "melding"),
    "portaal-csv": ("portaal",),
    "specificaties": ("bekostiging",),
    "budget": ("bekostiging",),
    "uren": ("bekostiging",),
    "omzetting": ("conversie",),
    "tevredenheid-toewijzing": ("tevredenheid", "toewijzing", "toewijzingen"),
}

# Where the guides refer to their screenshots (docs/screenshots/, next to docs/handleiding/): in the app
# these are static files under handleiding/ (settings.STATICFILES_DIRS).
SCHERMAFDRUKKEN = "../screenshots/"

NLDS_KLASSEN = {
    "h1": "utrecht-heading-1",
    "h2": "utrecht-heading-2",
    "h3": "utrecht-heading-3",
    "p": "utrecht-paragraph",
    "ol": "utrecht-ordered-list",
    "ul": "utrecht-unordered-list",
    "a": "utrecht-link utrecht-link--html-a",
    "table": "utrecht-table",
    "th": "utrecht-table__header-cell",
    "td": "utrecht-table__cell",
}


class _NLDesignSystem(Treeprocessor):
    """Gives the guide's HTML the NL Design System classes and points its images at the static files."""

    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            klasse = NLDS_KLASSEN.get(element.tag)
            if klasse:
                element.set("class", klasse)
            if element.tag in ("ol", "ul"):
                for item in element.findall("li"):
                    item.set("class", f"{klasse}__item")
            if element.tag == "img":
                bron = element.get("src", "")
                if bron.startswith(SCHERMAFDRUKKEN):
                    naam = bron.removeprefix(SCHERMAFDRUKKEN)
                    element.set("src", static("handleiding/" + naam))
                    # Width and height reserve the image's place before it loads, so that opening the
                    # guide at a section lands on that section and not on text pushed down by pictures.
                    maat = _png_maat(Path(settings.BASE_DIR) / "docs" / "screenshots" / naam)
                    if maat:
                        element.set("width", str(maat[0]))
                        element.set("height", str(maat[1]))
                element.set("class", "resultaat-schermafdruk")


def _png_maat(pad: Path) -> tuple[int, int] | None:
    """Width and height of a PNG, from its header."""
    try:
        with pad.open("rb") as bestand:
            kop = bestand.read(24)
    except OSError:
        return None
    if len(kop) < 24 or kop[:8] != b"\x89PNG\r\n\x1a\n":
        return None
    return int.from_bytes(kop[16:20], "big"), int.from_bytes(kop[20:24], "big")


class _NLDesignSystemExtension(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:  # the library names it so
        md.treeprocessors.register(_NLDesignSystem(md), "nl_design_system", 0)


def bestand(gids: str) -> Path:
    return Path(settings.RESULTAAT_HANDLEIDING_DIR) / f"{gids}.md"


@functools.lru_cache(maxsize=len(GIDSEN))
def _gerenderd(gids: str, gewijzigd: float) -> tuple[str, str, frozenset[str]]:
    md = markdown.Markdown(
        extensions=["attr_list", "tables", "toc", _NLDesignSystemExtension()],
        extension_configs={"toc": {"permalink": False, "toc_depth": "2-3"}},
        output_format="html",
    )
    html = md.convert(bestand(gids).read_text(encoding="utf-8"))
    ankers = frozenset(_ankers(getattr(md, "toc_tokens", [])))
    return html, getattr(md, "toc", ""), ankers


def _ankers(tokens: list[dict[str, Any]]) -> list[str]:
    uit = []
    for token in tokens:
        uit.append(token["id"])
        uit.extend(_ankers(token.get("children", [])))
    return uit


def gerenderd(gids: str) -> tuple[str, str, frozenset[str]]:
    """The guide as HTML, its table of contents as HTML, and the anchors of its sections."""
    if gids not in GIDSEN:
        raise KeyError(gids)
    return _gerenderd(gids, bestand(gids).stat().st_mtime)


def gids_voor(user: Any) -> str:
    """The guide of a user's role; a superuser without a role reads the beheerder's guide."""
    rol = getattr(user, "rol", "") or ""
    return rol if rol in GIDSEN else Rol.BEHEERDER


def hulp_url(user: Any, url_name: str | None) -> str:
    """The help link of a page: the reader's guide, at the section about the page if it has one."""
    gids = gids_voor(user)
    anker = ANKERS.get(url_name or "")
    adres = f"{reverse('web:handleiding')}?rol={gids}"
    try:
        ankers = gerenderd(gids)[2]
    except OSError:  # the guide is missing from this installation: the link still opens the guide page
        return adres
    if not anker:
        return adres
    for kandidaat in (anker, *TERUGVAL.get(anker, ())):
        if kandidaat in ankers:
            return f"{adres}#{kandidaat}"
    return adres


def hulp(request: Any) -> dict[str, Any]:
    """Context processor: ``hulp_url`` for the help link in the page header of a logged-in user."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    match = getattr(request, "resolver_match", None)
    return {"hulp_url": hulp_url(user, match.view_name if match else None)}

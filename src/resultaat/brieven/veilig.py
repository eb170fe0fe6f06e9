"""Safe letter templates: what a beheerder may write in a letter text, checked when it is saved.

A letter text is HTML with Django template syntax. It is rendered in a sandbox and turned into a PDF by
WeasyPrint and shown to the consulent in the browser, so it must not be able to fetch or attach files
(``<link rel="attachment">``, ``<img src>``, ``url()`` in CSS), run script (``<script>``, ``onclick``,
``javascript:``) or reach other templates or tag libraries (``{% include %}``, ``{% extends %}``,
``{% load %}``). The check is an allow-list: tags, attributes, template tags and filters that are not listed
are refused with a Dutch message that names them. The rendered text is cleaned once more with nh3
(:func:`schoon`), and the PDF fetcher serves nothing but static files, so a text saved before this check
existed cannot do harm either.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import nh3
from django.core.exceptions import ValidationError
from django.template import Engine, TemplateSyntaxError
from django.template.base import Lexer, TokenType

# No loaders and no extra libraries: a template from the database can only use the built-in tags and
# filters on the plain values we give it (strings, numbers, lists and dicts of those).
SANDBOX = Engine(loaders=[("django.template.loaders.locmem.Loader", {})], libraries={}, autoescape=True)

TOEGESTANE_ELEMENTEN = frozenset(
    {
        "a", "abbr", "b", "blockquote", "br", "caption", "col", "colgroup", "dd", "div", "dl", "dt", "em",
        "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "li", "ol", "p", "s", "small", "span", "strong",
        "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
    }
)  # fmt: skip
ALGEMENE_ATTRIBUTEN = frozenset({"class", "style", "title", "lang", "dir"})
ATTRIBUTEN_PER_ELEMENT: dict[str, frozenset[str]] = {
    "a": frozenset({"href"}),
    "td": frozenset({"colspan", "rowspan"}),
    "th": frozenset({"colspan", "rowspan", "scope"}),
    "col": frozenset({"span"}),
    "colgroup": frozenset({"span"}),
    "ol": frozenset({"start", "type"}),
}
LINK_SCHEMAS = ("http://", "https://", "mailto:", "tel:", "#")
STIJL_EIGENSCHAPPEN = frozenset(
    {
        "color", "background-color", "font-weight", "font-style", "font-size", "font-variant",
        "text-align", "text-decoration", "text-transform", "text-indent", "vertical-align", "white-space",
        "line-height", "letter-spacing", "width", "min-width", "max-width", "height",
        "margin", "margin-top", "margin-right", "margin-bottom", "margin-left",
        "padding", "padding-top", "padding-right", "padding-bottom", "padding-left",
        "border", "border-top", "border-right", "border-bottom", "border-left", "border-collapse",
        "border-color", "border-style", "border-width", "page-break-before", "page-break-after",
        "page-break-inside", "break-before", "break-after", "break-inside", "display", "list-style-type",
    }
)  # fmt: skip
# CSS that can fetch something (url(), image-set(), @import) or hide it (backslash escapes, comments).
_GEVAARLIJKE_STIJL = re.compile(r"url\(|image-set\(|@import|expression\(|\\|/\*|-moz-binding|behavior", re.I)

TOEGESTANE_SJABLOONTAGS = frozenset(
    {
        "if", "elif", "else", "endif", "for", "empty", "endfor", "with", "endwith", "comment", "endcomment",
        "firstof", "cycle", "now", "spaceless", "endspaceless", "ifchanged", "endifchanged", "regroup",
        "widthratio", "templatetag",
    }
)  # fmt: skip
TOEGESTANE_FILTERS = frozenset(
    {
        "add", "capfirst", "center", "cut", "date", "default", "default_if_none", "dictsort",
        "dictsortreversed", "divisibleby", "escape", "filesizeformat", "first", "floatformat", "force_escape",
        "get_digit", "join", "last", "length", "linebreaks", "linebreaksbr", "ljust", "lower", "make_list",
        "pluralize", "rjust", "slice", "stringformat", "striptags", "time", "title", "truncatechars",
        "truncatewords", "upper", "wordcount", "wordwrap", "yesno",
    }
)  # fmt: skip
_TEKENREEKS = re.compile(r'"(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)*\'')
_FILTER = re.compile(r"\|\s*(\w+)")
_ONZICHTBAAR = re.compile(r"[\x00-\x20\x7f]+")


class _Controle(HTMLParser):
    def __init__(self, fouten: list[str]) -> None:
        super().__init__(convert_charrefs=True)
        self.fouten = fouten

    def fout(self, melding: str) -> None:
        if melding not in self.fouten:
            self.fouten.append(melding)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in TOEGESTANE_ELEMENTEN:
            self.fout(f"Het element <{tag}> is niet toegestaan.")
            return
        toegestaan = ALGEMENE_ATTRIBUTEN | ATTRIBUTEN_PER_ELEMENT.get(tag, frozenset())
        for naam, waarde in attrs:
            if naam.startswith("on"):
                self.fout(f"Het attribuut {naam} (script bij een gebeurtenis) is niet toegestaan.")
            elif naam not in toegestaan:
                self.fout(f"Het attribuut {naam} is niet toegestaan op <{tag}>.")
            elif naam == "href":
                adres = _ONZICHTBAAR.sub("", waarde or "").lower()
                if adres.startswith(("javascript:", "vbscript:")):
                    self.fout("Een javascript:-adres is niet toegestaan.")
                elif not adres.startswith(LINK_SCHEMAS):
                    self.fout(
                        f"Het adres {waarde!r} is niet toegestaan: een link begint met https://, http://, "
                        "mailto: of tel:."
                    )
            elif naam == "style" and _GEVAARLIJKE_STIJL.search(waarde or ""):
                self.fout(
                    "Opmaak (style) met url(), image-set(), @import, commentaar of een backslash is niet "
                    "toegestaan: een brief haalt geen bestanden op."
                )

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag not in TOEGESTANE_ELEMENTEN:
            self.fout(f"Het element <{tag}> is niet toegestaan.")

    def handle_decl(self, decl: str) -> None:
        self.fout(f"De declaratie <!{decl}> is niet toegestaan.")

    def handle_pi(self, data: str) -> None:
        self.fout(f"De instructie <?{data}> is niet toegestaan.")

    def unknown_decl(self, data: str) -> None:
        self.fout(f"De declaratie <![{data}]> is niet toegestaan.")


def _controleer_sjabloontaal(tokens: list, fouten: list[str]) -> None:
    for token in tokens:
        if token.token_type == TokenType.BLOCK:
            naam = token.contents.split()[0] if token.contents.split() else ""
            if naam not in TOEGESTANE_SJABLOONTAGS:
                melding = f"De sjabloontag {{% {naam} %}} is niet toegestaan."
                if melding not in fouten:
                    fouten.append(melding)
        if token.token_type in (TokenType.BLOCK, TokenType.VAR):
            for filter_naam in _FILTER.findall(_TEKENREEKS.sub('""', token.contents)):
                if filter_naam not in TOEGESTANE_FILTERS:
                    melding = f"Het filter |{filter_naam} is niet toegestaan."
                    if melding not in fouten:
                        fouten.append(melding)


def _controleer_html(tokens: list, fouten: list[str]) -> None:
    # The HTML is checked with every template token left out and with every token as a word: a tag or
    # attribute split by template syntax (<scr{{ x }}ipt>, o{% if a %}{% endif %}nclick) is caught either
    # way, because the allow-list refuses whatever it does not know.
    for plaatsvervanger in ("", "x"):
        tekst = "".join(
            token.contents if token.token_type == TokenType.TEXT else plaatsvervanger for token in tokens
        )
        controle = _Controle(fouten)
        controle.feed(tekst)
        controle.close()


def sjabloon_fouten(tekst: str) -> list[str]:
    """The Dutch reasons why ``tekst`` is not a safe letter template (empty: it is safe)."""
    tokens = Lexer(tekst).tokenize()
    fouten: list[str] = []
    _controleer_sjabloontaal(tokens, fouten)
    _controleer_html(tokens, fouten)
    if not fouten:
        try:
            SANDBOX.from_string(tekst)
        except TemplateSyntaxError as fout:
            return [f"De tekst is geen geldig sjabloon: {fout}"]
    else:
        fouten.append(
            "Een brief bevat alleen tekstopmaak (zoals <p>, <h2>, <strong>, <ul>, <table>, "
            '<a href="https://…">) en de sjabloontags '
            + ", ".join(sorted(TOEGESTANE_SJABLOONTAGS - {"templatetag"}))
            + ". "
            "Scripts, links naar bestanden, iframes, afbeeldingen, stijlen met url() en "
            "{% include %}, {% extends %} en {% load %} zijn niet toegestaan."
        )
    return fouten


def controleer_sjabloon(tekst: str) -> None:
    """Raise a ``ValidationError`` with Dutch messages when ``tekst`` is not a safe letter template."""
    fouten = sjabloon_fouten(tekst)
    if fouten:
        raise ValidationError(fouten)


def schoon(html: str) -> str:
    """The rendered letter text, cleaned with nh3 to the same allow-list (defence in depth)."""
    attributen = {element: set(ALGEMENE_ATTRIBUTEN) for element in TOEGESTANE_ELEMENTEN}
    for element, extra in ATTRIBUTEN_PER_ELEMENT.items():
        attributen[element] |= extra
    return nh3.clean(
        html,
        tags=set(TOEGESTANE_ELEMENTEN),
        clean_content_tags={"script", "style"},
        attributes=attributen,
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel=None,
        filter_style_properties=set(STIJL_EIGENSCHAPPEN),
        strip_comments=True,
    )

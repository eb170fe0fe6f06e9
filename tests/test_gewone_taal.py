"""Plain Dutch on screen: the main pages of every demo login, and the pages they link to, show no
developer words (seed numbers, "outbox", command names, English words) and no raw codes without meaning."""

from __future__ import annotations

import datetime as dt
import re
from html import unescape

import pytest
from django.test import Client as Browser
from django.urls import reverse

from resultaat.accounts.models import User
from resultaat.core.navigation import menu_voor
from resultaat.demo.generator import genereer_demo

VANDAAG = dt.date(2026, 11, 22)

# Words a resident or a member of staff should never read, with what the page should say instead.
VERBODEN = [
    r"\bseed\b",
    r"\bseeds\b",
    r"aannames van dit project",
    r"\boutbox\b",
    r"generate_demo",
    r"\(output\)",
    r"\bstuks\b",
    r"\bNone\b",
    r"\bTrue\b",
    r"\bFalse\b",
    r"\bnull\b",
    r"\bdebug\b",
    r"\bfixture\b",
    r"\bsettings\b",
    r"\bqueryset\b",
    r"\bpk\b",
    r"\bdry.run\b",
    r"\bbatch(es)?\b",
    r"Betaalbatch",
]
PATROON = re.compile("|".join(VERBODEN), re.I)


def zichtbare_tekst(html: str) -> str:
    """The text a user reads: without scripts, tags, attribute values and the XML behind a disclosure."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S | re.I)
    html = re.sub(r'<pre class="resultaat-xml".*?</pre>', " ", html, flags=re.S)
    return unescape(re.sub(r"<[^>]+>", " ", html))


def pagina_links(html: str) -> list[str]:
    """The first links to detail pages on a list page (one of each kind)."""
    gezien: dict[str, str] = {}
    for href in re.findall(r'href="(/[^"#?]*\d+/)"', html):
        soort = re.sub(r"\d+", "N", href)
        gezien.setdefault(soort, href)
    return list(gezien.values())[:12]


@pytest.fixture
def demo(db):
    # Inside the test's transaction: the demo region goes with it, nothing is left for other tests.
    return genereer_demo(clienten=40, seed=5, vandaag=VANDAAG)


@pytest.mark.django_db
def test_no_developer_words_on_the_main_pages_of_any_demo_login(demo):
    gevonden: dict[tuple[str, str], str] = {}
    logins = User.objects.exclude(rol="").exclude(rol__isnull=True).order_by("username")
    for user in logins:
        browser = Browser()
        browser.force_login(user)
        paginas = [reverse("web:home")] + [
            reverse(item.url_name) for item in menu_voor(user) if item.sectie != "beheer"
        ]
        bezocht: set[str] = set()
        for adres in paginas:
            response = browser.get(adres)
            if response.status_code != 200 or adres in bezocht:
                continue
            bezocht.add(adres)
            html = response.content.decode()
            volgende = pagina_links(html)
            for tekst_adres, tekst in [(adres, html)] + [
                (d, browser.get(d).content.decode()) for d in volgende if d not in bezocht
            ]:
                zichtbaar = zichtbare_tekst(tekst)
                for m in PATROON.finditer(zichtbaar):
                    soort = re.sub(r"\d+", "N", tekst_adres)
                    fragment = " ".join(zichtbaar[max(m.start() - 40, 0) : m.end() + 40].split())
                    gevonden.setdefault(
                        (soort, m.group().lower()), f"{user.username} {tekst_adres}: …{fragment}…"
                    )
    assert not gevonden, "\n".join(gevonden.values())


@pytest.mark.django_db
def test_the_indicatievoorstellen_have_one_name_in_menu_title_and_heading(alkmaar, noord):
    for user in (
        User.objects.create(username="c", rol="consulent"),
        User.objects.create(username="a", rol="aanbieder", aanbieder=noord),
    ):
        if user.rol == "consulent":
            user.gemeenten.set([alkmaar])
        browser = Browser()
        browser.force_login(user)
        html = browser.get(reverse("web:mandaat-list")).content.decode()
        menu = re.search(r'aria-label="Hoofdmenu">(.*?)</nav>', html, re.S).group(1)
        assert ">Indicatievoorstellen</a>" in menu
        assert "<title>Indicatievoorstellen – Resultaat</title>" in html
        assert '<h1 class="utrecht-heading-1">Indicatievoorstellen</h1>' in html
        assert "Mandaat<" not in html and "Voorstellen aanbieders" not in html

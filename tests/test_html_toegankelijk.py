"""The HTML of the main pages, as each demo role gets it: every id once on a page (a screen reader and a
label find the right element), every form control with a name it is read out by, the language Dutch, one
main landmark that the skip link leads to. Fast checks without a browser; the browser tests add axe-core.
"""

from __future__ import annotations

import re
from collections import Counter
from html.parser import HTMLParser
from typing import Any

import pytest
from django.urls import reverse

from resultaat.core.navigation import menu_voor

pytestmark = pytest.mark.django_db

ROLLEN = {
    "consulent": "consulent",
    "contractmanager": "contractmanager",
    "financieel": "financieel",
    "beheerder": "beheerder",
    "auditor": "auditor",
    "aanbieder": "aanbieder-schermer",
}


class Pagina(HTMLParser):
    """What the checks need of a page: ids, labels, form controls, landmarks."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: list[str] = []
        self.label_for: set[str] = set()
        self.controls: list[dict[str, Any]] = []
        self.labels_open = 0
        self.lang: str | None = None
        self.main: list[dict[str, str | None]] = []
        self.skip_links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.ids.append(a["id"] or "")
        if tag == "html":
            self.lang = a.get("lang")
        elif tag == "main":
            self.main.append(a)
        elif tag == "a" and "utrecht-skip-link" in (a.get("class") or ""):
            self.skip_links.append(a.get("href") or "")
        elif tag == "label":
            self.labels_open += 1
            if a.get("for"):
                self.label_for.add(a["for"] or "")
        elif tag in ("input", "select", "textarea"):
            soort = (a.get("type") or "text").lower() if tag == "input" else tag
            if soort not in ("hidden", "submit", "button", "reset", "image"):
                self.controls.append({**a, "_tag": tag, "_in_label": self.labels_open > 0})

    def handle_endtag(self, tag: str) -> None:
        if tag == "label" and self.labels_open:
            self.labels_open -= 1


def lees(html: str) -> Pagina:
    pagina = Pagina()
    pagina.feed(html)
    return pagina


def problemen(html: str) -> list[str]:
    pagina = lees(html)
    uit = [f"id {i!r} staat {n}x op de pagina" for i, n in Counter(pagina.ids).items() if n > 1]
    for c in pagina.controls:
        if c["_in_label"] or c.get("aria-label") or c.get("aria-labelledby") or c.get("title"):
            continue
        if c.get("id") and c["id"] in pagina.label_for:
            continue
        uit.append(f"<{c['_tag']} name={c.get('name')!r} id={c.get('id')!r}> heeft geen label")
    if pagina.lang != "nl":
        uit.append(f"taal van de pagina is {pagina.lang!r}, niet 'nl'")
    if len(pagina.main) != 1:
        uit.append(f"{len(pagina.main)} <main>-elementen")
    elif pagina.skip_links != [f"#{pagina.main[0].get('id')}"]:
        uit.append(f"de link 'Direct naar de inhoud' ({pagina.skip_links}) leidt niet naar <main>")
    return uit


def test_the_checks_find_duplicate_ids_unlabelled_controls_and_a_missing_main():
    html = (
        '<html lang="en"><body><a class="utrecht-skip-link" href="#inhoud">x</a>'
        '<p id="a"></p><p id="a"></p><input name="zoek"><label>Naam <input name="naam"></label>'
        '<label for="b">B</label><select id="b"></select><input type="hidden" name="csrf"></body></html>'
    )
    assert problemen(html) == [
        "id 'a' staat 2x op de pagina",
        "<input name='zoek' id=None> heeft geen label",
        "taal van de pagina is 'en', niet 'nl'",
        "0 <main>-elementen",
    ]


@pytest.fixture
def demo() -> None:
    from resultaat.demo.generator import genereer_demo

    genereer_demo(clienten=30, seed=2026)


def paden(gebruiker: Any, client: Any) -> list[str]:
    """The start page, every menu page and the first detail page each list links to."""
    uit = [reverse("web:home")]
    for item in menu_voor(gebruiker):
        if item.url_name.startswith("admin:"):
            continue
        pad = reverse(item.url_name)
        uit.append(pad)
        inhoud = client.get(pad).content.decode()
        details = re.findall(r'href="(/[a-z-]+/(?:[a-z-]+/)?\d+/)"', inhoud)
        uit.extend(dict.fromkeys(details[:2]))
    return list(dict.fromkeys(uit))


@pytest.mark.parametrize("rol", list(ROLLEN))
def test_every_main_page_has_unique_ids_labelled_controls_and_one_main(rol, demo, client):
    from resultaat.accounts.models import User

    gebruiker = User.objects.get(username=ROLLEN[rol])
    client.force_login(gebruiker)
    gevonden = {}
    bekeken = paden(gebruiker, client)
    for pad in bekeken:
        antwoord = client.get(pad)
        assert antwoord.status_code == 200, f"{pad}: {antwoord.status_code}"
        if fout := problemen(antwoord.content.decode()):
            gevonden[pad] = fout
    assert len(bekeken) > len(menu_voor(gebruiker)), bekeken
    assert gevonden == {}, "\n".join(f"{pad}: {'; '.join(f)}" for pad, f in gevonden.items())


def test_the_login_page_has_unique_ids_and_labelled_controls(client):
    assert problemen(client.get(reverse("login")).content.decode()) == []

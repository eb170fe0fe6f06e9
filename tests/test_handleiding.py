"""The user guide per role: every page of every menu has a help link that opens the reader's guide at a
section that exists, the guide renders as a page of the app for every role, and every screenshot it shows
is there."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.urls import reverse

from resultaat.accounts.models import Rol
from resultaat.core.navigation import menu_voor
from resultaat.web.handleiding import ANKERS, GIDSEN, bestand, gerenderd, hulp_url
from tests import factories as f

pytestmark = pytest.mark.django_db


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hulp: list[str] = []
        self.ids: set[str] = set()
        self.afbeeldingen: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"])
        if tag == "a" and a.get("data-testid") == "hulp":
            self.hulp.append(a["href"])
        if tag == "img":
            self.afbeeldingen.append(a.get("src") or "")


def lees(html: bytes) -> Links:
    links = Links()
    links.feed(html.decode())
    return links


@pytest.fixture
def gebruikers(alkmaar, noord):
    uit = {
        rol: f.UserFactory(username=f"gids-{rol}", rol=rol, gemeenten=[alkmaar])
        for rol in Rol
        if rol != Rol.AANBIEDER
    }
    uit[Rol.AANBIEDER] = f.UserFactory(username="gids-aanbieder-noord", rol=Rol.AANBIEDER, aanbieder=noord)
    uit[Rol.BEHEERDER].is_staff = True
    uit[Rol.BEHEERDER].save()
    return uit


@pytest.mark.parametrize("rol", list(Rol))
def test_every_menu_page_has_a_help_link_to_an_existing_section_of_the_role_s_guide(rol, gebruikers, client):
    gebruiker = gebruikers[rol]
    client.force_login(gebruiker)
    gids = client.get(reverse("web:handleiding"), {"rol": rol})
    assert gids.status_code == 200
    ankers = lees(gids.content).ids
    menu = [item for item in menu_voor(gebruiker) if not item.url_name.startswith("admin:")]
    assert menu, "deze rol heeft een menu"
    for item in [*menu]:
        pagina = client.get(reverse(item.url_name))
        assert pagina.status_code == 200, item.url_name
        hulp = lees(pagina.content).hulp
        assert len(hulp) == 1, f"{item.url_name}: {len(hulp)} hulplinks"
        adres = urlsplit(hulp[0])
        assert adres.path == reverse("web:handleiding") and adres.query == f"rol={rol}"
        assert adres.fragment, f"{item.url_name} opent de handleiding niet bij een onderdeel"
        assert adres.fragment == ANKERS[item.url_name]
        assert adres.fragment in ankers, f"{item.url_name}: #{adres.fragment} staat niet in {rol}.md"


def test_the_admin_menu_item_has_a_section_in_the_beheerder_s_guide(gebruikers):
    beheerder = gebruikers[Rol.BEHEERDER]
    assert any(item.url_name == "admin:index" for item in menu_voor(beheerder))
    assert hulp_url(beheerder, "admin:index").endswith("?rol=beheerder#beheer")


def test_a_detail_page_without_a_section_of_its_own_opens_the_broader_section(gebruikers):
    adres = f"{reverse('web:handleiding')}?rol="
    # The provider's guide has a section on one toewijzing; the consulent's describes them in the list.
    assert hulp_url(gebruikers[Rol.AANBIEDER], "web:toewijzing-detail") == f"{adres}aanbieder#toewijzing"
    assert hulp_url(gebruikers[Rol.CONSULENT], "web:toewijzing-detail") == f"{adres}consulent#toewijzingen"
    assert hulp_url(gebruikers[Rol.AUDITOR], "web:client-detail") == f"{adres}auditor#client-zoeken"


def test_a_page_without_a_section_opens_the_guide_at_its_start(gebruikers):
    assert (
        hulp_url(gebruikers[Rol.AUDITOR], "web:bekostiging-budget")
        == f"{reverse('web:handleiding')}?rol=auditor"
    )


def test_the_guide_of_another_role_can_be_read_and_an_unknown_one_gives_the_own(gebruikers, client):
    client.force_login(gebruikers[Rol.CONSULENT])
    aanbieder = client.get(reverse("web:handleiding"), {"rol": "aanbieder"})
    assert "Handleiding voor medewerkers van een zorgaanbieder" in aanbieder.content.decode()
    onbekend = client.get(reverse("web:handleiding"), {"rol": "<script>"})
    assert onbekend.status_code == 200
    assert "Handleiding voor de Wmo-consulent" in onbekend.content.decode()


def test_the_guide_is_only_for_logged_in_users(client):
    antwoord = client.get(reverse("web:handleiding"))
    assert antwoord.status_code == 302 and "/inloggen/" in antwoord["Location"]


@pytest.mark.parametrize("gids", list(GIDSEN))
def test_every_screenshot_in_a_guide_exists_and_is_served(gids):
    tekst = bestand(gids).read_text(encoding="utf-8")
    verwezen = re.findall(r"!\[[^\]]+\]\(\.\./screenshots/([^)]+)\)", tekst)
    assert verwezen, f"{gids}.md heeft geen schermafdrukken"
    docs = Path(settings.BASE_DIR) / "docs" / "screenshots"
    for naam in verwezen:
        assert (docs / naam).is_file(), f"{gids}.md: docs/screenshots/{naam} ontbreekt"
        assert finders.find(f"handleiding/{naam}"), naam
    html = gerenderd(gids)[0]
    for bron in lees(html.encode()).afbeeldingen:
        assert bron.startswith(settings.STATIC_URL.rstrip("/") + "/handleiding/") or bron.startswith(
            "/" + settings.STATIC_URL.strip("/") + "/handleiding/"
        ), bron

"""A consulent logs in, searches a client by BSN and reads the chain on the client page, in a real browser."""

from __future__ import annotations

import re
from typing import Any

import pytest

pytestmark = pytest.mark.e2e


def test_consulent_searches_client_by_bsn_and_sees_the_timeline(
    transactional_db: None, live_server: Any, page: Any, screenshots: Any, noor: Any, noors_keten: Any
) -> None:
    from playwright.sync_api import expect

    page.goto(f"{live_server.url}/")
    expect(page).to_have_url(re.compile(r"/inloggen/"))
    page.get_by_label("Gebruikersnaam").fill("alice")
    page.get_by_label("Wachtwoord").fill("geheim-wachtwoord")
    page.get_by_role("button", name="Inloggen").click()

    menu = page.get_by_role("navigation", name="Hoofdmenu")
    expect(menu.get_by_role("link", name="Werklijst")).to_be_visible()
    expect(menu.get_by_role("link", name="Auditlog")).to_have_count(0)
    # The NL Design System stylesheet is really applied, not just linked.
    font = page.evaluate("getComputedStyle(document.querySelector('.utrecht-heading-1')).fontFamily")
    assert "Noto Sans" in font or "Arial" in font, font

    menu.get_by_role("link", name="Cliënten zoeken").click()
    page.get_by_label("Burgerservicenummer (BSN)").fill("123456789")
    page.get_by_role("button", name="Zoeken").click()
    expect(page.get_by_text("voldoet niet aan de elfproef")).to_be_visible()

    page.get_by_label("Burgerservicenummer (BSN)").fill(noor.bsn)
    page.get_by_role("button", name="Zoeken").click()

    expect(page).to_have_url(re.compile(rf"/clienten/{noor.pk}/$"))
    assert noor.bsn not in page.url
    expect(page.get_by_role("heading", level=1)).to_have_text(noor.naam)
    tijdlijn = page.get_by_test_id("tijdlijn")
    expect(tijdlijn).to_be_visible()
    expect(tijdlijn.get_by_role("heading", name=f"Toewijzing {noors_keten.nummer}")).to_be_visible()
    soorten = tijdlijn.locator("> li").evaluate_all("items => items.map(i => i.dataset.soort)")
    assert soorten.index("melding") < soorten.index("beschikking") < soorten.index("toewijzing")
    assert "Levering tijdelijk gestopt" in tijdlijn.inner_text()

    page.screenshot(path=str(screenshots / "client-timeline.png"), full_page=True)

"""On a phone (390 px): a list scrolls inside its container instead of one letter per line, and the
main menu is closed behind a "Menu" button that opens it."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.e2e


def test_on_a_phone_the_list_scrolls_in_its_container_and_the_menu_collapses(
    transactional_db: None, live_server: Any, browser: Any, screenshots: Any, noor: Any, noors_keten: Any
) -> None:
    from playwright.sync_api import expect

    context = browser.new_context(
        locale="nl-NL", timezone_id="Europe/Amsterdam", viewport={"width": 390, "height": 844}
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    geweigerd: list[str] = []
    page.on("console", lambda b: geweigerd.append(b.text) if "Content Security Policy" in b.text else None)
    page.goto(f"{live_server.url}/inloggen/")
    page.get_by_label("Gebruikersnaam").fill("alice")
    page.get_by_label("Wachtwoord").fill("geheim-wachtwoord")
    page.get_by_role("button", name="Inloggen").click()

    page.goto(f"{live_server.url}/toewijzingen/?filter=alle")
    menu = page.get_by_role("navigation", name="Hoofdmenu")
    knop = menu.get_by_role("button", name="Menu")
    expect(knop).to_be_visible()
    expect(knop).to_have_attribute("aria-expanded", "false")
    expect(menu.get_by_role("link", name="Werklijst")).to_be_hidden()
    # The menu no longer fills the first screen: the heading is in view right away.
    kop = page.get_by_role("heading", level=1).bounding_box()
    assert kop is not None and kop["y"] < 400, kop

    # The table is wider than the phone and scrolls inside its container; the page does not.
    container = page.locator(".resultaat-tabel-container")
    breed, zichtbaar = container.evaluate("c => [c.scrollWidth, c.clientWidth]")
    assert breed > zichtbaar, (breed, zichtbaar)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    # A head is on one line at most as tall as two lines of text: no "Numme r".
    hoogte = page.locator("th", has_text="Nummer").evaluate("th => th.getBoundingClientRect().height")
    regel = page.locator("th", has_text="Nummer").evaluate(
        "th => parseFloat(getComputedStyle(th).lineHeight) || 24"
    )
    assert hoogte < 2 * regel + 16, (hoogte, regel)
    page.screenshot(path=str(screenshots / "telefoon-toewijzingen.png"), full_page=False)

    knop.click()
    expect(knop).to_have_attribute("aria-expanded", "true")
    expect(menu.get_by_role("link", name="Werklijst")).to_be_visible()
    page.screenshot(path=str(screenshots / "telefoon-menu-open.png"), full_page=False)
    knop.click()
    expect(menu.get_by_role("link", name="Werklijst")).to_be_hidden()
    context.close()
    assert geweigerd == [], geweigerd

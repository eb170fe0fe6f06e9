"""The satisfaction survey in a real browser: a resident opens the link from the letter on a phone,
answers the five questions without an account, and the link then says it was used; the contract manager
finds the answers and the response rate on the survey overview."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.e2e

TELEFOON = {"width": 390, "height": 844}


def _context(browser: Any, viewport: dict[str, int]) -> tuple[Any, Any, list[str]]:
    context = browser.new_context(locale="nl-NL", timezone_id="Europe/Amsterdam", viewport=viewport)
    page = context.new_page()
    page.set_default_timeout(15_000)
    geweigerd: list[str] = []
    page.on(
        "console",
        lambda bericht: geweigerd.append(bericht.text) if "Content Security Policy" in bericht.text else None,
    )
    return context, page, geweigerd


def test_a_resident_answers_on_a_phone_and_the_contract_manager_sees_it(
    transactional_db: None,
    live_server: Any,
    browser: Any,
    screenshots: Any,
    settings: Any,
    noor: Any,
    alice: Any,
) -> None:
    from playwright.sync_api import expect

    from resultaat.accounts.models import Rol
    from resultaat.kwaliteit.models import Enquete, Verzending
    from resultaat.kwaliteit.services.enquetes import link_voor, verstuur
    from tests import factories as f

    settings.RESULTAAT_ENQUETE_BASIS_URL = live_server.url
    f.UserFactory(username="carla", rol=Rol.CONTRACTMANAGER, gemeenten=[noor.gemeente])
    verstuurd = verstuur(toewijzing=noor.toewijzingen.get(), verzending=Verzending.BRIEF, door=alice)

    context, page, geweigerd = _context(browser, TELEFOON)
    page.goto(link_voor(verstuurd.code))
    # The code left the address bar at once; the page names the provider, not the resident.
    assert "code=" not in page.url
    expect(page.get_by_test_id("over")).to_contain_text("uw ondersteuning door Thuiszorg Noord")
    expect(page.locator("body")).not_to_contain_text("Noordermeer")
    assert page.evaluate("document.documentElement.scrollWidth") <= TELEFOON["width"]

    # Sending without answers names what is missing, in plain words.
    page.get_by_role("button", name="Antwoorden versturen").click()
    expect(page.get_by_role("alert").first).to_contain_text("U heeft nog niet alle vragen beantwoord")

    page.get_by_role("group", name="Welk cijfer").get_by_label("8", exact=True).check()
    page.get_by_role("group", name="Helpt de ondersteuning").get_by_label("Ja", exact=True).check()
    page.get_by_role("group", name="respect").get_by_label("Ja, altijd").check()
    page.get_by_role("group", name="afspraken na").get_by_label("Meestal").check()
    page.get_by_role("group", name="aanraden").get_by_label("Ja", exact=True).check()
    page.get_by_label("Wilt u nog iets zeggen?").fill("Fijne hulp, altijd op tijd.")
    page.screenshot(path=str(screenshots / "enquete-telefoon.png"), full_page=True)
    page.get_by_role("button", name="Antwoorden versturen").click()
    expect(page.get_by_test_id("bedankt")).to_be_visible()

    # The same link again: used.
    page.goto(link_voor(verstuurd.code))
    expect(page.get_by_test_id("onbruikbaar")).to_have_text("Deze link is al gebruikt of is verlopen.")
    context.close()
    assert geweigerd == [], f"geweigerd door de Content Security Policy: {geweigerd}"
    assert Enquete.objects.get().cijfer == 8

    context, page, geweigerd = _context(browser, {"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/")
    page.get_by_label("Gebruikersnaam").fill("carla")
    page.get_by_label("Wachtwoord").fill("geheim-wachtwoord")
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Tevredenheid").click()
    rij = page.get_by_test_id("tevredenheid-rij").filter(has_text="Thuiszorg Noord")
    expect(rij.get_by_test_id("respons")).to_have_text("100%")
    expect(rij.get_by_test_id("cijfer")).to_have_text("8,0")
    rij.get_by_role("link", name="Thuiszorg Noord").click()
    expect(page.get_by_test_id("open-antwoord").first).to_have_text("Fijne hulp, altijd op tijd.")
    context.close()
    assert geweigerd == [], f"geweigerd door de Content Security Policy: {geweigerd}"

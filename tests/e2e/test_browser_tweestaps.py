"""A consulent logs in for the first time with two-step verification on: sets up the authenticator app
with the key the page shows, types the code, and is in; the next login asks for the code again."""

from __future__ import annotations

import base64
import re
from typing import Any

import pytest

pytestmark = pytest.mark.e2e


def _code(sleutel: str) -> str:
    from django_otp.oath import totp

    sleutel += "=" * (-len(sleutel) % 8)
    return f"{totp(base64.b32decode(sleutel)):06d}"


def _wachtwoord(page: Any, url: str) -> None:
    page.goto(f"{url}/")
    page.get_by_label("Gebruikersnaam").fill("alice")
    page.get_by_label("Wachtwoord").fill("geheim-wachtwoord")
    page.get_by_role("button", name="Inloggen").click()


def test_a_consulent_sets_up_the_app_and_logs_in_with_a_code(
    transactional_db: None, live_server: Any, page: Any, screenshots: Any, alice: Any, settings: Any
) -> None:
    from playwright.sync_api import expect

    settings.RESULTAAT_TWEESTAPS_VERPLICHT = True
    _wachtwoord(page, live_server.url)
    expect(page).to_have_url(re.compile(r"/inloggen/tweestaps/instellen/"))
    expect(page.get_by_role("heading", name="Tweestapsverificatie instellen")).to_be_visible()
    expect(
        page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Werklijst")
    ).to_have_count(0)
    page.screenshot(path=str(screenshots / "tweestaps-instellen.png"), full_page=True)
    sleutel = page.get_by_test_id("sleutel").inner_text().strip()

    page.get_by_label("Code uit de authenticator-app").fill(_code(sleutel))
    page.get_by_role("button", name="Instellen").click()
    menu = page.get_by_role("navigation", name="Hoofdmenu")
    expect(menu.get_by_role("link", name="Werklijst")).to_be_visible()

    page.get_by_role("button", name="Uitloggen").click()
    _wachtwoord(page, live_server.url)
    expect(page).to_have_url(re.compile(r"/inloggen/tweestaps/\?"))
    page.get_by_label("Code uit de authenticator-app").fill("000000")
    page.get_by_role("button", name="Controleren").click()
    expect(page.get_by_text("Deze code klopt niet")).to_be_visible()

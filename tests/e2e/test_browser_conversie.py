"""A contractmanager compares conversion scenarios side by side, each with its chart, in a real browser."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest

from resultaat.conversie import services
from tests.conversie import conftest as conversie

pytestmark = pytest.mark.e2e

# The fixtures of the conversion tests, for this module.
contractmanager, caseload, tarieven = conversie.contractmanager, conversie.caseload, conversie.tarieven


def test_contractmanager_compares_scenarios_side_by_side(
    transactional_db: None,
    live_server: Any,
    page: Any,
    screenshots: Any,
    contractmanager: Any,
    alkmaar: Any,
    caseload: Any,
    tarieven: Any,
) -> None:
    from playwright.sync_api import expect

    for naam, verschuiving in (("Zoals de catalogus", 0), ("Strenge grenzen", 30)):
        services.maak_standaardscenario(
            door=contractmanager,
            gemeente=alkmaar,
            naam=naam,
            omzetdatum=dt.date(2026, 1, 1),
            uurtarieven={"HH1": 2500, "HH2": 2800, "BG": 5500},
            verschuiving_minuten=verschuiving,
            gesprek_vanaf_procent=10,
        )

    page.goto(f"{live_server.url}/")
    page.get_by_label("Gebruikersnaam").fill("carl")
    page.get_by_label("Wachtwoord").fill("geheim-wachtwoord")
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Conversie").click()
    page.get_by_role("link", name="Scenario's naast elkaar vergelijken").click()
    expect(page).to_have_url(re.compile(r"/conversie/scenarios/$"))

    kolommen = page.get_by_test_id("scenario")
    expect(kolommen).to_have_count(2)
    catalogus = kolommen.filter(has=page.get_by_role("heading", name="Zoals de catalogus"))
    streng = kolommen.filter(has=page.get_by_role("heading", name="Strenge grenzen"))
    expect(streng.get_by_role("heading", name="Strenge grenzen")).to_be_visible()
    expect(catalogus.get_by_role("img", name=re.compile("Cliënten per nieuw product"))).to_be_visible()
    expect(streng.get_by_role("img", name=re.compile("Cliënten per nieuw product"))).to_be_visible()
    # Side by side (in order of name): the second starts right of the first, at the same height.
    links, rechts = streng.bounding_box(), catalogus.bounding_box()
    assert rechts["x"] > links["x"] + links["width"] - 1
    assert abs(rechts["y"] - links["y"]) < 5
    # The strict scenario costs less and sends three clients to a personal conversation.
    expect(catalogus.get_by_test_id("kosten-na")).to_have_text("€ 15.340,00")
    expect(streng.get_by_role("heading", name="Persoonlijk gesprek (3)")).to_be_visible()
    expect(streng.get_by_test_id("gesprekken").get_by_role("listitem")).to_have_count(3)
    expect(catalogus.get_by_text("geen omzetregel voor HH2 met 360 minuten per week")).to_be_visible()

    # Only one scenario chosen: one column.
    page.get_by_role("checkbox", name="Zoals de catalogus").check()
    page.get_by_role("button", name="Vergelijken").click()
    expect(kolommen).to_have_count(1)
    page.get_by_role("checkbox", name="Strenge grenzen").check()
    page.get_by_role("button", name="Vergelijken").click()
    expect(kolommen).to_have_count(2)
    page.screenshot(path=str(screenshots / "conversie-scenarios.png"), full_page=True)

"""A contract manager opens each dashboard in a real browser and downloads a table whose numbers match the
page; a provider opens its own figures."""

from __future__ import annotations

import io
import re
from decimal import Decimal
from typing import Any

import pytest
from openpyxl import load_workbook

from resultaat.accounts.models import Rol
from tests import factories as f
from tests.sturing.test_dashboards import getal, vul

pytestmark = pytest.mark.e2e


def inloggen(page: Any, url: str, gebruiker: str) -> None:
    page.goto(f"{url}/")
    page.get_by_label("Gebruikersnaam").fill(gebruiker)
    page.get_by_label("Wachtwoord").fill("geheim-wachtwoord")
    page.get_by_role("button", name="Inloggen").click()


def tabel_op_pagina(page: Any, code: str) -> list[list[str]]:
    return page.get_by_test_id(f"tabel-{code}").evaluate(
        "t => [...t.rows].map(r => [...r.cells].map(c => c.innerText.trim()))"
    )


def test_contract_manager_opens_each_dashboard_and_downloads_a_table_that_matches(
    transactional_db: None, live_server: Any, page: Any, screenshots: Any, alkmaar: Any, noord: Any, zuid: Any
) -> None:
    from playwright.sync_api import expect

    f.UserFactory(username="carl", rol=Rol.CONTRACTMANAGER, gemeenten=[alkmaar])
    for aanbieder in (noord, zuid):
        f.ContractFactory(aanbieder=aanbieder, gemeenten=[alkmaar], doel_behaald_procent=70)
    vul(alkmaar, [noord, zuid])

    inloggen(page, live_server.url, "carl")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Dashboards").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sturing: Alkmaar")
    expect(page.get_by_role("img", name=re.compile("Resultaat behaald per aanbieder"))).to_be_visible()
    expect(page.get_by_test_id("grafiek")).to_have_count(4)

    # The period filter: P03 up to P06.
    page.get_by_label("Van periode").select_option("2017-P03")
    page.get_by_label("Tot en met periode").select_option("2017-P06")
    page.get_by_role("button", name="Tonen").click()
    expect(page.get_by_test_id("tabel-perioden").locator("tbody tr")).to_have_count(4)

    pagina = tabel_op_pagina(page, "aanbieders")
    assert [r[0] for r in pagina[1:]] == ["Thuiszorg Noord", "Zorg Zuid", "Regio (alle aanbieders samen)"]
    with page.expect_download() as download:
        page.get_by_test_id("xlsx-aanbieders").click()
    inhoud = download.value.path().read_bytes()
    assert download.value.suggested_filename == "sturing-aanbieders-2017-P03-2017-P06.xlsx"
    rijen = [list(r) for r in load_workbook(io.BytesIO(inhoud)).active.iter_rows(min_row=4, values_only=True)]
    assert [str(c) for c in rijen[0]] == pagina[0]
    for op_pagina, in_bestand in zip(pagina[1:], rijen[1:], strict=True):
        assert in_bestand[0] == op_pagina[0]
        assert [getal(t) for t in op_pagina[1:]] == [
            None if w is None else Decimal(str(w)) for w in in_bestand[1:]
        ]
    page.screenshot(path=str(screenshots / "sturing-regio.png"), full_page=True)

    # One provider, against the region and its target, for the same periods.
    page.get_by_role("link", name="Thuiszorg Noord").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Cijfers van Thuiszorg Noord")
    expect(page.get_by_test_id("grafiek")).to_have_count(4)
    expect(page.get_by_test_id("tabel-perioden").locator("tbody tr")).to_have_count(4)
    vergelijking = tabel_op_pagina(page, "vergelijking")
    assert vergelijking[1][:2] == ["Thuiszorg Noord", "75,0 %"]
    assert vergelijking[3][:2] == ["Doel in het contract", "70,0 %"]
    page.screenshot(path=str(screenshots / "sturing-aanbieder.png"), full_page=True)


def test_provider_sees_its_own_figures_in_the_portal(
    transactional_db: None, live_server: Any, page: Any, alkmaar: Any, bob: Any, noord: Any, zuid: Any
) -> None:
    from playwright.sync_api import expect

    vul(alkmaar, [noord, zuid])
    inloggen(page, live_server.url, "bob")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Mijn cijfers").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Cijfers van Thuiszorg Noord")
    expect(page.get_by_test_id("grafiek")).to_have_count(4)
    expect(page.get_by_text("Zorg Zuid")).to_have_count(0)

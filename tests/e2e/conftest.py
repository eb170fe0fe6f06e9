"""Fixtures for the end-to-end tests: Debian's chromium driven by Playwright (no browser download).

Playwright's sync API runs an event loop in the test thread; Django refuses ORM calls from a thread
with a running loop unless told that this is safe, which it is here (one test thread, no async views).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

import resultaat.env

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# Screenshots go to var/ (not tracked), so that a test run leaves the work tree clean;
# `make screenshots` copies them into docs/screenshots/.
SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    # Per module, not per session: while Playwright runs, its event loop gives every later test of the
    # session a database connection of its own that nobody closes, so that PostgreSQL could not drop the
    # test database at the end. Stopping Playwright after each browser module ends that.
    from playwright.sync_api import sync_playwright

    executable = resultaat.env.get("CHROMIUM_PATH")
    if not Path(executable).exists():
        pytest.fail(f"chromium ontbreekt op {executable}: installeer het met `make test-packages`")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(
        locale="nl-NL", timezone_id="Europe/Amsterdam", viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    # Every page the browser tests open must render under the Content Security Policy: a refused
    # script, style or frame shows as a console error, which fails the test.
    geweigerd: list[str] = []
    page.on(
        "console",
        lambda bericht: geweigerd.append(bericht.text) if "Content Security Policy" in bericht.text else None,
    )
    yield page
    context.close()
    assert geweigerd == [], f"geweigerd door de Content Security Policy: {geweigerd}"


@pytest.fixture
def screenshots() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


@pytest.fixture
def noors_keten(transactional_db: None, noor: Any, alice: Any, alkmaar: Any) -> Any:
    """Noor's chain from melding to evaluatie, as a consulent of Alkmaar would find it."""
    from resultaat.core.codes import WMO588RedenBeeindiging
    from resultaat.ondersteuning.models import (
        Evaluatie,
        Ondersteuningsplan,
        PlanActiviteit,
        PlanDoel,
        PlanStatus,
        ResultaatBehaald,
        Signaal,
        SignaalSoort,
    )
    from resultaat.toegang.models import (
        ZRMDomein,
        ZRMScore,
    )
    from resultaat.toewijzingen.models import Levering
    from resultaat.werklijst.models import WerklijstItem, WerklijstSoort
    from tests import factories as f

    alice.first_name, alice.last_name = "Alice", "de Vries"
    alice.save()
    # Fixed identifiers, so that the screenshot does not change with the order the tests run in.
    noor.bsn, noor.voornamen = "999993653", "Noor"
    noor.save()
    toewijzing = noor.toewijzingen.get()
    toewijzing.nummer = 20170001
    toewijzing.save()
    product = toewijzing.product
    product.code, product.naam = "RH001", "Schoon en leefbaar huis, Basis"
    product.save()
    f.TariefFactory(product=product, bedrag_cent=21600)

    onderzoek = f.toegangsketen(
        toewijzing,
        beschikkingnummer="2016-0042",
        consulent=alice,
        melding={"hulpvraag": "Mevrouw kan na een heupoperatie het huis niet meer zelf schoonhouden."},
        onderzoek={
            "afgerond_op": dt.date(2016, 11, 22),
            "netwerk": "Dochter woont in Heiloo en komt eens per week.",
        },
        beschikking={"besluitdatum": dt.date(2016, 12, 12), "einddatum": dt.date(2018, 1, 1)},
        beschikt={
            "minuten_per_week": 120,
            "frequentie": "één keer per week",
            "einddatum": dt.date(2018, 1, 1),
        },
    ).onderzoek
    for domein, niveau in [
        (ZRMDomein.INSTRUMENTELE_ADL, 2),
        (ZRMDomein.LICHAMELIJKE_GEZONDHEID, 3),
        (ZRMDomein.SOCIAAL_NETWERK, 3),
    ]:
        ZRMScore.objects.create(onderzoek=onderzoek, domein=domein, niveau=niveau)
    levering = Levering.objects.get(toewijzing=toewijzing)
    levering.einddatum = dt.date(2017, 4, 3)
    levering.reden_beeindiging = WMO588RedenBeeindiging.TIJDELIJK
    levering.save()
    Levering.objects.create(toewijzing=toewijzing, begindatum=dt.date(2017, 4, 24))
    plan = Ondersteuningsplan.objects.create(
        toewijzing=toewijzing,
        opgesteld_op=dt.date(2017, 1, 16),
        status=PlanStatus.AKKOORD,
        akkoord_op=dt.date(2017, 1, 16),
        akkoord_wijze="handtekening",
        evaluatiedatum=dt.date(2017, 7, 1),
    )
    doel = PlanDoel.objects.create(plan=plan, doel="Het huis is schoon en leefbaar")
    PlanActiviteit.objects.create(doel=doel, wat="Stofzuigen en sanitair", hoe_vaak="wekelijks")
    Signaal.objects.create(
        client=noor,
        aanbieder=toewijzing.aanbieder,
        toewijzing=toewijzing,
        soort=SignaalSoort.EENZAAMHEID,
        toelichting="Mevrouw zegt dat ze haar dagen alleen doorbrengt sinds de operatie.",
        gemeld_op=timezone.make_aware(dt.datetime(2017, 3, 6, 14, 30)),
    )
    Evaluatie.objects.create(
        toewijzing=toewijzing,
        datum=dt.date(2017, 7, 3),
        resultaat_behaald=ResultaatBehaald.JA,
        client_tevreden=4,
        uitgevoerd_door=alice,
    )
    WerklijstItem.objects.create(
        gemeente=alkmaar,
        client=noor,
        soort=WerklijstSoort.HERINDICATIE,
        omschrijving="Herindicatie: beschikking loopt af",
        uiterlijk=timezone.localdate() - dt.timedelta(days=2),
    )
    return toewijzing

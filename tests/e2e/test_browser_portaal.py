"""The provider portal in a real browser: a provider accepts a new toewijzing, writes the ondersteuningsplan
with the client and records the client's agreement, reports the start and raises a signal; the consulent then
finds the signal on her worklist and records the follow-up, which the provider sees."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

pytestmark = pytest.mark.e2e


@pytest.fixture
def nieuwe_toewijzing(transactional_db: None, alkmaar: Any, noord: Any, alice: Any, bob: Any) -> Any:
    """A toewijzing the consulent just sent to Thuiszorg Noord, for a client the provider has never seen."""
    from resultaat.catalogus.models import Product
    from resultaat.ondersteuning.models import SocialeKaartVoorziening
    from resultaat.toewijzingen.services import maak_toewijzing
    from tests import factories as f

    product = Product.objects.filter(code="HOB1").order_by("-geldig_van").first()
    assert product is not None, "the catalogue's seed data is missing"
    contract = f.ContractFactory(aanbieder=noord, gemeenten=[alkmaar], geldig_van=dt.date(2025, 1, 1))
    f.ContractProductFactory(contract=contract, product=product, geldig_van=dt.date(2025, 1, 1))
    f.TariefFactory(product=product, bedrag_cent=31200, geldig_van=dt.date(2025, 1, 1))
    SocialeKaartVoorziening.objects.create(gemeente=alkmaar, naam="Buurthuis De Mare", soort="buurthuis")
    client = f.ClientFactory(gemeente=alkmaar, voorletters="F.", achternaam="Visser")
    return maak_toewijzing(
        door=alice,
        client=client,
        aanbieder=noord,
        product=product,
        ingangsdatum=timezone.localdate() - dt.timedelta(days=2),
    )


def _inloggen(page: Any, url: str, gebruiker: str) -> None:
    page.goto(f"{url}/")
    page.get_by_label("Gebruikersnaam").fill(gebruiker)
    page.get_by_label("Wachtwoord").fill("geheim-wachtwoord")
    page.get_by_role("button", name="Inloggen").click()


def test_provider_accepts_plans_starts_and_signals_and_the_consulent_follows_up(
    transactional_db: None,
    live_server: Any,
    browser: Any,
    page: Any,
    screenshots: Any,
    nieuwe_toewijzing: Any,
) -> None:
    from playwright.sync_api import expect

    from resultaat.ondersteuning.models import Ondersteuningsplan, PlanStatus, Signaal, SignaalStatus
    from resultaat.toewijzingen.models import Levering
    from resultaat.werklijst.models import WerklijstItem, WerklijstSoort, WerklijstStatus

    t = nieuwe_toewijzing
    vandaag = timezone.localdate()
    start = t.ingangsdatum

    # The provider logs in and finds the new toewijzing on its overview.
    _inloggen(page, live_server.url, "bob")
    page.get_by_role("navigation").get_by_role("link", name="Overzicht").click()
    nieuw = page.locator("table", has=page.get_by_text("accepteer of retourneer ze"))
    expect(nieuw).to_contain_text("Visser")
    nieuw.get_by_role("link", name=str(t.nummer)).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"Toewijzing {t.nummer}")

    # Accept it.
    page.get_by_role("button", name="Accepteren").click()
    expect(page.get_by_role("button", name="Accepteren")).to_have_count(0)
    t.refresh_from_db()
    assert t.reactie == "geaccepteerd"

    # Write the plan with the client: a goal, an activity and the Plus (a connection with the buurthuis).
    page.get_by_role("link", name="Nieuw ondersteuningsplan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nieuw ondersteuningsplan")
    page.get_by_label("Doel 1", exact=True).fill("Mevrouw Visser woont in een schoon en leefbaar huis.")
    page.get_by_label("Activiteit 1.1: wat").fill("Stofzuigen, sanitair en keuken schoonmaken")
    page.get_by_label("Activiteit 1.1: hoe vaak").fill("elke week")
    page.get_by_label("Plus-afspraak 1: soort").select_option("verbinding")
    page.get_by_label("Plus-afspraak 1: afspraak").fill("Samen naar de koffieochtend op dinsdag.")
    page.get_by_label("Plus-afspraak 1: voorziening").select_option(label="Buurthuis De Mare")
    page.get_by_label("Regiegesprek").select_option("kwartaal")
    page.get_by_label("Evaluatiedatum").fill((vandaag + dt.timedelta(days=182)).isoformat())
    page.get_by_role("button", name="Opslaan", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Ondersteuningsplan versie 1")
    expect(page.locator("main")).to_contain_text("Samen naar de koffieochtend op dinsdag.")

    # Record the client's agreement: the version is frozen.
    page.get_by_label("Datum akkoord").fill(vandaag.isoformat())
    page.get_by_label("Hoe gaf de cliënt akkoord?").select_option("handtekening")
    page.get_by_role("button", name="Akkoord cliënt vastleggen").click()
    expect(page.get_by_role("link", name="Plan wijzigen (nieuwe versie)")).to_be_visible()
    page.screenshot(path=str(screenshots / "ondersteuningsplan.png"), full_page=True)
    plan = Ondersteuningsplan.objects.get(toewijzing=t)
    assert (plan.status, plan.akkoord_op, plan.regiefrequentie) == (PlanStatus.AKKOORD, vandaag, "kwartaal")
    assert plan.doelen.get().activiteiten.get().hoe_vaak == "elke week"
    assert plan.plus_afspraken.get().voorziening.naam == "Buurthuis De Mare"

    # Report the real start on the toewijzing page.
    page.goto(f"{live_server.url}/toewijzingen/{t.pk}/")
    page.get_by_label("Startdatum").fill(start.isoformat())
    page.get_by_role("button", name="Start melden").click()
    expect(page.get_by_role("button", name="Tijdelijk stoppen")).to_be_visible()
    levering = Levering.objects.get(toewijzing=t)
    assert (levering.begindatum, levering.einddatum, levering.bron) == (start, None, "portaal")

    # Raise a signal from the toewijzing page.
    page.get_by_role("link", name="Signaal melden").click()
    page.get_by_label("Geldzorgen").check()
    page.get_by_label("Toelichting").fill("Er liggen ongeopende aanmaningen op tafel.")
    page.get_by_role("button", name="Signaal melden").click()
    expect(page.locator("main")).to_contain_text("Het signaal is gemeld")
    signaal = Signaal.objects.get(client=t.client)
    assert signaal.status == SignaalStatus.NIEUW

    # The consulent finds it on her worklist and records the follow-up.
    consulent = browser.new_context(locale="nl-NL", timezone_id="Europe/Amsterdam").new_page()
    _inloggen(consulent, live_server.url, "alice")
    consulent.goto(f"{live_server.url}/werklijst/")
    item = consulent.get_by_role("link", name="Signaal van Thuiszorg Noord: geldzorgen")
    expect(item).to_be_visible()
    item.click()
    expect(consulent.locator("main")).to_contain_text("Er liggen ongeopende aanmaningen op tafel.")
    consulent.get_by_label("Afgehandeld").check()
    consulent.get_by_label("Opvolging (intern)").fill("Gebeld met dochter; schuldhulp Alkmaar ingeschakeld.")
    consulent.get_by_label("Terugkoppeling aan aanbieder").fill("Schuldhulp is ingeschakeld.")
    consulent.get_by_role("button", name="Opvolging vastleggen").click()
    expect(consulent.locator("main")).to_contain_text("Afgehandeld")
    werk = WerklijstItem.objects.get(soort=WerklijstSoort.SIGNAAL, client=t.client)
    assert werk.status == WerklijstStatus.AFGEHANDELD
    consulent.context.close()

    # The provider sees the status and the feedback, not the consulent's internal note.
    page.goto(f"{live_server.url}/signalen/{signaal.pk}/")
    expect(page.locator("main")).to_contain_text("Schuldhulp is ingeschakeld.")
    expect(page.locator("main")).not_to_contain_text("Gebeld met dochter")

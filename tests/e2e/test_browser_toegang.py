"""A consulent takes a new client from melding through onderzoek and indicatie to the beschikking PDF and the
toewijzing, in a real browser; the first page of the letter is saved as a PNG (`make screenshots` puts it
in docs/screenshots/)."""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
from typing import Any

import pytest
from django.utils import timezone
from pypdf import PdfReader

pytestmark = pytest.mark.e2e


@pytest.fixture
def gecontracteerd(transactional_db: None, alkmaar: Any, noord: Any, zuid: Any, alice: Any) -> None:
    from django.apps import apps

    from resultaat.brieven.standaard import laad_sjablonen
    from resultaat.catalogus.models import Product
    from resultaat.catalogus.normenkader_seed import laad_normenkader
    from resultaat.catalogus.seed_laden import laad_catalogus
    from resultaat.eigen_bijdrage.tarieven import laad_tarieven
    from tests import factories as f

    # A transactional test before this one empties every table, the data of the migrations too.
    for laad in (laad_catalogus, laad_normenkader, laad_tarieven, laad_sjablonen):
        laad(apps)

    alice.first_name, alice.last_name = "Alice", "de Vries"
    alice.save()
    alkmaar.postadres = "Postbus 53, 1800 BC Alkmaar"
    alkmaar.telefoon = "14 072"
    alkmaar.email = "wmo@alkmaar.nl"
    alkmaar.save()
    hob = list(Product.objects.filter(code__in=["HOB1", "HOB2", "HOB3"]))
    for aanbieder, wachttijd in ((noord, 14), (zuid, 5)):
        contract = f.ContractFactory(aanbieder=aanbieder, gemeenten=[alkmaar], geldig_van=dt.date(2025, 1, 1))
        for product in hob:
            f.ContractProductFactory(
                contract=contract, product=product, geldig_van=dt.date(2025, 1, 1), wachttijd_dagen=wachttijd
            )
    for product in hob:
        f.TariefFactory(product=product, bedrag_cent=31200, geldig_van=dt.date(2025, 1, 1))


def test_consulent_from_melding_to_beschikking_pdf_and_toewijzing(
    transactional_db: None, live_server: Any, page: Any, screenshots: Any, gecontracteerd: None, noord: Any
) -> None:
    from playwright.sync_api import expect

    from resultaat.catalogus.models import Resultaat
    from resultaat.toewijzingen.models import Toewijzing, ToewijzingVersie

    vandaag = timezone.localdate()
    iso = lambda d: d.strftime("%Y-%m-%d")  # noqa: E731
    huis = Resultaat.objects.get(code="schoon-en-leefbaar-huis")

    page.goto(f"{live_server.url}/")
    page.get_by_label("Gebruikersnaam").fill("alice")
    page.get_by_label("Wachtwoord").fill("geheim-wachtwoord")
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Nieuwe melding").click()

    # 1. Melding for a new client: a BSN failing the elfproef is refused, nothing is saved.
    page.get_by_label("Burgerservicenummer (BSN)").fill("123456789")
    page.get_by_label("Voorletters").fill("G.")
    page.get_by_label("Achternaam").fill("Groen")
    page.get_by_label("Geslacht").select_option(label="vrouw")
    page.get_by_label("Geboortedatum").fill("1941-03-12")
    page.get_by_label("Straat").fill("Laat")
    page.get_by_label("Huisnummer").fill("12")
    page.get_by_label("Postcode").fill("1811 EK")
    page.get_by_label("Woonplaats").fill("Alkmaar")
    page.get_by_label("Datum van de melding").fill(iso(vandaag - dt.timedelta(days=14)))
    page.get_by_label("Hulpvraag").fill("Mevrouw kan na een val het huis niet meer schoonhouden.")
    page.get_by_role("button", name="Melding vastleggen").click()
    expect(page.get_by_text("voldoet niet aan de elfproef")).to_be_visible()
    page.get_by_label("Burgerservicenummer (BSN)").fill("999993653")
    page.get_by_role("button", name="Melding vastleggen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Melding van G. Groen")
    uiterlijk = (vandaag - dt.timedelta(days=14) + dt.timedelta(weeks=6)).strftime("%d-%m-%Y")
    expect(page.get_by_test_id("onderzoek-uiterlijk")).to_contain_text(uiterlijk)

    # 2. The onderzoek report with the ZRM and the chosen result.
    page.get_by_label("Datum van het gesprek").fill(iso(vandaag - dt.timedelta(days=7)))
    page.get_by_label("Eigen kracht", exact=True).fill("Kan zelf afwassen en koken.")
    page.get_by_label("Sociaal netwerk", exact=True).and_(page.get_by_role("textbox")).fill(
        "Zoon woont in Heiloo, komt eens per week."
    )
    page.get_by_label("Voorliggende voorzieningen overwogen").fill("Boodschappendienst van het buurthuis.")
    page.locator("select#zrm_iadl").select_option("2")
    page.locator(f"input[name=resultaat][value='{huis.pk}']").check()
    page.get_by_role("button", name="Opslaan en onderzoek afronden").click()
    expect(page.get_by_text("Het onderzoek is afgerond")).to_be_visible()

    # 3. The aanvraag, then the indicatie with the normenkader.
    page.get_by_label("Datum van de aanvraag").fill(iso(vandaag - dt.timedelta(days=3)))
    page.get_by_role("button", name="Aanvraag vastleggen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Aanvraag van G. Groen")
    page.get_by_label("Resultaat").select_option(label=huis.naam)
    page.get_by_label("Ingangsdatum").fill(iso(vandaag + dt.timedelta(days=7)))
    page.get_by_label("Einddatum (tot en met)").fill(iso(vandaag + dt.timedelta(days=372)))
    page.get_by_label("Frequentie").fill("één keer per week")
    normenkader = page.get_by_test_id("normenkader")
    normenkader.locator("input[name='post_beperkingen-enig']").check()
    normenkader.locator("input[name='post_extra-kamer-in-gebruik']").fill("1")
    page.get_by_role("button", name="Minuten berekenen").click()
    berekening = page.get_by_test_id("berekening")
    expect(berekening).to_contain_text("Basis: volledige overname")
    expect(berekening).to_contain_text("174 minuten per week")
    expect(berekening).to_contain_text("Basis+1")
    berekening.screenshot(path=str(screenshots / "indicatie-normenkader.png"))
    page.get_by_role("button", name="Indicatie vastleggen").click()
    indicaties = page.get_by_test_id("indicaties")
    expect(indicaties).to_contain_text("174 minuten per week")
    expect(indicaties).to_contain_text("HOB3")

    # 4. The client chooses among the contracted providers, each with its waiting time.
    expect(indicaties).to_contain_text("Zorg Zuid (wachttijd 5 dagen)")
    indicaties.get_by_label("Thuiszorg Noord (wachttijd 14 dagen)").check()
    page.get_by_role("button", name="Aanbieder kiezen").click()
    expect(page.get_by_test_id("indicaties")).to_contain_text("Thuiszorg Noord")

    # 5. The decision: beschikking, letter and toewijzing.
    page.get_by_label("Motivering (waarom dit besluit)").fill(
        "Mevrouw kan door haar val niet bukken en niet stofzuigen. Haar zoon helpt al met de boodschappen."
    )
    page.get_by_role("button", name="Toekennen en beschikking maken").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(r"Beschikking \d{4}-0001"))
    toewijzing = Toewijzing.objects.get(client__achternaam="Groen")
    assert toewijzing.aanbieder == noord and toewijzing.product.code == "HOB3"
    expect(page.get_by_test_id("toewijzingen")).to_contain_text(f"Toewijzing {toewijzing.nummer}")
    expect(page.get_by_test_id("toewijzingen")).to_contain_text("bij Thuiszorg Noord")

    pdf_url = page.get_by_test_id("brief-pdf").get_attribute("href")
    response = page.request.get(f"{live_server.url}{pdf_url}")
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    inhoud = response.body()
    tekst = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(inhoud)).pages).split())
    assert "174 minuten per week" in tekst
    assert "Thuiszorg Noord" in tekst
    assert "binnen zes weken" in tekst and "Postbus 53" in tekst
    assert "€ 21,80 per maand" in tekst or "€ 21,00 per maand" in tekst

    pdf_pad = screenshots / "beschikking.pdf"
    pdf_pad.write_bytes(inhoud)
    try:
        subprocess.run(  # noqa: S603
            [
                "/usr/bin/pdftoppm",
                "-png",
                "-r",
                "80",
                "-f",
                "1",
                "-l",
                "1",
                "-singlefile",
                str(pdf_pad),
                str(screenshots / "beschikking"),
            ],
            check=True,
        )
    finally:
        pdf_pad.unlink()
    assert (screenshots / "beschikking.png").exists()

    # 6. The client votes with the feet: a switch to Zorg Zuid, no gap and no overlap. It is decided later
    # than the toewijzing (iWmo: a change is recorded after the version it changes), here a day later.
    een_dag_eerder = toewijzing.toewijzingsdatum - dt.timedelta(days=1)
    Toewijzing.objects.filter(pk=toewijzing.pk).update(toewijzingsdatum=een_dag_eerder)
    ToewijzingVersie.objects.filter(toewijzing=toewijzing).update(toewijzingsdatum=een_dag_eerder)
    page.get_by_role("link", name="overstap naar andere aanbieder").click()
    page.get_by_label("Zorg Zuid (wachttijd 5 dagen)").check()
    per = vandaag + dt.timedelta(days=60)
    page.get_by_label("Nieuwe aanbieder vanaf").fill(iso(per))
    page.get_by_role("button", name="Overstap vastleggen").click()
    expect(page.get_by_text("Overstap vastgelegd")).to_be_visible()
    toewijzing.refresh_from_db()
    assert toewijzing.einddatum == per - dt.timedelta(days=1)
    assert Toewijzing.objects.get(voorganger=toewijzing).ingangsdatum == per


def test_consulent_grants_begeleiding_with_hours_per_week_and_the_pdf_states_them(
    transactional_db: None, live_server: Any, page: Any, gecontracteerd: None, noord: Any, alkmaar: Any
) -> None:
    from playwright.sync_api import expect

    from resultaat.catalogus.models import ComplexiteitNiveau, IntensiteitNiveau, Product, Resultaat
    from resultaat.toewijzingen.models import Toewijzing
    from tests import factories as f

    contract = f.ContractFactory(aanbieder=noord, gemeenten=[alkmaar], geldig_van=dt.date(2025, 1, 1))
    for product in Product.objects.filter(categorie="02"):
        f.ContractProductFactory(contract=contract, product=product, geldig_van=dt.date(2025, 1, 1))
    vandaag = timezone.localdate()
    iso = lambda d: d.strftime("%Y-%m-%d")  # noqa: E731
    geld = Resultaat.objects.get(code="administratie-en-geld")

    page.goto(f"{live_server.url}/")
    page.get_by_label("Gebruikersnaam").fill("alice")
    page.get_by_label("Wachtwoord").fill("geheim-wachtwoord")
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Nieuwe melding").click()
    page.get_by_label("Burgerservicenummer (BSN)").fill("111222333")
    page.get_by_label("Voorletters").fill("J.")
    page.get_by_label("Achternaam").fill("Visser")
    page.get_by_label("Geslacht").select_option(label="man")
    page.get_by_label("Geboortedatum").fill("1961-05-09")
    page.get_by_label("Straat").fill("Laat")
    page.get_by_label("Huisnummer").fill("40")
    page.get_by_label("Postcode").fill("1811 EK")
    page.get_by_label("Woonplaats").fill("Alkmaar")
    page.get_by_label("Datum van de melding").fill(iso(vandaag - dt.timedelta(days=14)))
    page.get_by_label("Hulpvraag").fill("Meneer opent zijn post niet meer; er zijn aanmaningen.")
    page.get_by_role("button", name="Melding vastleggen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Melding van J. Visser")

    page.get_by_label("Datum van het gesprek").fill(iso(vandaag - dt.timedelta(days=7)))
    page.locator(f"input[name=resultaat][value='{geld.pk}']").check()
    page.get_by_role("button", name="Opslaan en onderzoek afronden").click()
    expect(page.get_by_text("Het onderzoek is afgerond")).to_be_visible()
    page.get_by_label("Datum van de aanvraag").fill(iso(vandaag - dt.timedelta(days=3)))
    page.get_by_role("button", name="Aanvraag vastleggen").click()

    # The indicatie of begeleiding: complexity, intensity and the hours per week; without hours it is refused.
    page.get_by_label("Resultaat").select_option(label=geld.naam)
    page.get_by_label("Ingangsdatum").fill(iso(vandaag + dt.timedelta(days=7)))
    page.get_by_label("Complexiteit").select_option(str(ComplexiteitNiveau.objects.get(code="midden").pk))
    page.get_by_label("Intensiteit").select_option(str(IntensiteitNiveau.objects.get(code="wekelijks").pk))
    page.get_by_label("Frequentie").fill("twee keer per week")
    page.get_by_role("button", name="Indicatie vastleggen").click()
    expect(page.get_by_text("Vul in hoeveel uur per week de cliënt krijgt")).to_be_visible()
    page.get_by_label("Hulp per week (uren of dagdelen)").fill("4,5")
    page.get_by_role("button", name="Indicatie vastleggen").click()
    indicaties = page.get_by_test_id("indicaties")
    expect(indicaties).to_contain_text("4,5 uur per week")
    expect(indicaties).to_contain_text("BGM")
    indicaties.get_by_label("Thuiszorg Noord (wachttijd 0 dagen)").check()
    page.get_by_role("button", name="Aanbieder kiezen").click()
    expect(page.get_by_text("De cliënt kiest Thuiszorg Noord")).to_be_visible()
    page.get_by_label("Motivering (waarom dit besluit)").fill(
        "Meneer overziet zijn post en rekeningen niet; zijn netwerk kan dit niet overnemen."
    )
    page.get_by_role("button", name="Toekennen en beschikking maken").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(r"Beschikking \d{4}-0001"))
    assert Toewijzing.objects.get(client__achternaam="Visser").product.code == "BGM"

    pdf_url = page.get_by_test_id("brief-pdf").get_attribute("href")
    response = page.request.get(f"{live_server.url}{pdf_url}")
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    tekst = subprocess.run(
        ["/usr/bin/pdftotext", "-layout", "-", "-"], input=response.body(), capture_output=True, check=True
    ).stdout.decode()
    tekst = " ".join(tekst.split())
    assert "Administratie en geld" in tekst
    assert "Hoeveel hulp 4,5 uur per week, twee keer per week" in tekst
    assert "Begeleiding midden (Midden, Wekelijks)" in tekst
    assert "Meneer overziet zijn post" in tekst

"""The conversion pages: upload, mapping, dry run, reading in steps with its report; scenarios compared."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from resultaat.conversie.models import BestaandeIndicatie, ImportStatus, Indicatieimport
from resultaat.conversie.web import views
from tests.conversie.conftest import bestand
from tests.conversie.test_import import REGELS

pytestmark = pytest.mark.django_db


def test_upload_dry_run_and_import_in_steps(client, beheerder, noord, zuid, monkeypatch):
    client.force_login(beheerder)
    pagina = client.get(reverse("web:conversie"))
    assert "Bestand met indicaties laden" in pagina.content.decode()

    antwoord = client.post(
        reverse("web:conversie-import-nieuw"),
        {"gemeente": "0361", "bestand": SimpleUploadedFile("hh.csv", bestand(REGELS), "text/csv")},
    )
    imp = Indicatieimport.objects.get()
    assert antwoord.url == reverse("web:conversie-import", args=[imp.pk])
    tekst = client.get(antwoord.url).content.decode()
    assert '<option value="Uren per week" selected>' in tekst
    assert "Draai eerst een proef" in tekst

    koppeling = {**imp.koppeling, "actie": "proef"}
    client.post(reverse("web:conversie-import-stap", args=[imp.pk]), koppeling)
    tekst = client.get(reverse("web:conversie-import", args=[imp.pk])).content.decode()
    assert "Proef gedraaid: 5 van de 10 regels zijn goed" in tekst
    assert "BSN voldoet niet aan de elfproef." in tekst
    assert not BestaandeIndicatie.objects.exists()

    # Reading goes in steps; the page continues by itself and shows the progress.
    monkeypatch.setattr(views, "REGELS_PER_STAP", 4)
    antwoord = client.post(reverse("web:conversie-import-stap", args=[imp.pk]), {"actie": "inlezen"})
    assert antwoord.url.endswith("?verder=1")
    tekst = client.get(antwoord.url).content.decode()
    assert "Voortgang: regel 4 van 10" in tekst
    assert "data-doorgaan" in tekst and "conversie/doorgaan" in tekst  # goes on by itself to the next step
    client.post(reverse("web:conversie-import-stap", args=[imp.pk]), {"actie": "inlezen"})
    antwoord = client.post(reverse("web:conversie-import-stap", args=[imp.pk]), {"actie": "inlezen"})
    imp.refresh_from_db()
    assert imp.status == ImportStatus.KLAAR
    tekst = client.get(antwoord.url).content.decode()
    assert "Klaar: 4 indicaties ingelezen, 5 regels afgekeurd." in tekst
    assert "aanbieder met AGB-code &#x27;98000099&#x27; is onbekend." in tekst
    assert BestaandeIndicatie.objects.count() == 4


def test_a_bad_file_gets_a_dutch_message(client, beheerder):
    client.force_login(beheerder)
    antwoord = client.post(
        reverse("web:conversie-import-nieuw"),
        {"gemeente": "0361", "bestand": SimpleUploadedFile("leeg.csv", b"BSN;Naam\n", "text/csv")},
    )
    assert antwoord.status_code == 200
    assert "Het bestand heeft geen regels onder de kolomnamen." in antwoord.content.decode()


def test_scenarios_side_by_side(client, contractmanager, caseload, tarieven):
    client.force_login(contractmanager)
    for naam, verschuiving in (("Catalogus", 0), ("Streng", 30)):
        antwoord = client.post(
            reverse("web:conversie-scenario-nieuw"),
            {
                "gemeente": "0361",
                "naam": naam,
                "omzetdatum": "2026-01-01",
                "uurtarief_hh1": "25,00".replace(",", "."),
                "uurtarief_hh2": "28.00",
                "uurtarief_bg": "55.00",
                "verschuiving": verschuiving,
                "licht_tot": 120,
                "midden_tot": 300,
                "gesprek_vanaf": 10,
            },
        )
        assert antwoord.status_code == 302, antwoord.content.decode()
    tekst = client.get(reverse("web:conversie-vergelijking")).content.decode()
    assert tekst.count('data-testid="scenario"') == 2
    assert tekst.count("<svg") == 2
    assert "Huishoudelijke ondersteuning Basis+1" in tekst
    assert "geen omzetregel voor HH2 met 360 minuten per week" in tekst


def test_providers_and_consulents_cannot_open_the_scenarios(client, bob, alice):
    client.force_login(bob)
    assert client.get(reverse("web:conversie")).status_code == 403
    client.force_login(alice)
    assert client.get(reverse("web:conversie-vergelijking")).status_code == 403

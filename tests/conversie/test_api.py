"""The conversion in the API: imports with their report and a scenario with its comparison, read only."""

from __future__ import annotations

import datetime as dt

import pytest
from rest_framework.test import APIClient

from resultaat.conversie import services
from tests.conversie.conftest import bestand
from tests.conversie.test_import import REGELS

pytestmark = pytest.mark.django_db


def test_import_and_scenario_in_the_api(
    beheerder, contractmanager, alkmaar, noord, zuid, caseload, tarieven, bob
):
    imp = services.nieuwe_import(
        door=beheerder, gemeente=alkmaar, bestandsnaam="hh.csv", inhoud=bestand(REGELS)
    )
    services.proefdraai(door=beheerder, indicatieimport=imp)
    scenario = services.maak_standaardscenario(
        door=contractmanager,
        gemeente=alkmaar,
        naam="Catalogus",
        omzetdatum=dt.date(2026, 1, 1),
        uurtarieven={"HH1": 2500, "HH2": 2800, "BG": 5500},
    )
    api = APIClient()
    api.force_authenticate(contractmanager)
    antwoord = api.get(f"/api/v1/conversie/imports/{imp.pk}/").json()
    assert (antwoord["status"], antwoord["afgekeurd"]) == ("gecontroleerd", 5)
    assert {
        "regel": 3,
        "soort": "fout",
        "tekst": "BSN voldoet niet aan de elfproef.",
        "proef": True,
    } in antwoord["meldingen"]
    v = api.get(f"/api/v1/conversie/scenarios/{scenario.pk}/").json()["vergelijking"]
    assert (v["indicaties"], v["omgezet"], v["na_cent"]) == (6, 5, 13 * 118000)
    assert v["niet_omgezet"][0]["reden"] == "geen omzetregel voor HH2 met 360 minuten per week"
    assert api.get("/api/v1/conversie/scenarios/?gemeente=0361").json()["count"] == 1

    api.force_authenticate(bob)
    assert api.get(f"/api/v1/conversie/scenarios/{scenario.pk}/").status_code in (403, 404)
    assert api.get(f"/api/v1/conversie/imports/{imp.pk}/").status_code in (403, 404)

"""The quality API: the same services as the pages, scoped the same way."""

from __future__ import annotations

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from resultaat.accounts.models import Rol
from resultaat.kwaliteit.models import Enquete, Klacht
from resultaat.kwaliteit.services.enquetes import Antwoorden, leg_antwoorden_vast
from tests import factories as f

pytestmark = pytest.mark.django_db

ANTWOORDEN = {"cijfer": 6, "resultaat": "deels", "respect": "ja", "betrouwbaar": "nee", "aanraden": "deels"}


@pytest.fixture
def carla(alkmaar):
    return f.UserFactory(username="carla", rol=Rol.CONTRACTMANAGER, gemeenten=[alkmaar])


def api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_staff_record_survey_answers_and_a_provider_reads_them_without_the_client(alice, bob, charlie, noor):
    toewijzing = noor.toewijzingen.get()
    antwoord = api(alice).post(
        "/api/v1/enquetes/",
        {"toewijzing": toewijzing.pk, "afname": "huisbezoek", **ANTWOORDEN},
        format="json",
    )
    assert antwoord.status_code == 201, antwoord.json()
    assert antwoord.json()["ingevoerd_door"] == "alice"

    [rij] = api(bob).get("/api/v1/enquetes/").json()["results"]
    assert rij["cijfer"] == 6 and "client" not in rij and "toewijzing" not in rij
    assert api(charlie).get("/api/v1/enquetes/").json()["results"] == []
    geweigerd = api(bob).post(
        "/api/v1/enquetes/", {"toewijzing": toewijzing.pk, "afname": "telefoon", **ANTWOORDEN}, format="json"
    )
    assert geweigerd.status_code == 403


def test_bad_survey_input_is_a_precise_400(alice, noor):
    antwoord = api(alice).post(
        "/api/v1/enquetes/",
        {"toewijzing": noor.toewijzingen.get().pk, "afname": "telefoon", **ANTWOORDEN, "cijfer": 11},
        format="json",
    )
    assert antwoord.status_code == 400 and "cijfer" in str(antwoord.json())
    assert not Enquete.objects.exists()


def test_a_complaint_is_registered_handled_and_closed_through_the_api(carla, bob, alkmaar, noord, noor):
    f.ContractFactory(aanbieder=noord, gemeenten=[alkmaar])
    nieuw = api(carla).post(
        "/api/v1/klachten/",
        {
            "aanbieder": noord.agb_code,
            "client": noor.pk,
            "ontvangen_op": timezone.localdate().isoformat(),
            "categorie": "afspraken",
            "onderwerp": "Te laat",
            "omschrijving": "Steeds een uur te laat.",
        },
        format="json",
    )
    assert nieuw.status_code == 201, nieuw.json()
    pk = nieuw.json()["id"]
    stap = api(carla).post(
        f"/api/v1/klachten/{pk}/stap/",
        {"datum": timezone.localdate().isoformat(), "omschrijving": "Gebeld"},
        format="json",
    )
    assert stap.json()["status"] == "behandeling"
    dicht = api(carla).post(
        f"/api/v1/klachten/{pk}/afhandelen/",
        {
            "uitkomst": "opgelost",
            "afhandeling": "Nieuwe vaste medewerker.",
            "afgehandeld_op": timezone.localdate().isoformat(),
        },
        format="json",
    )
    assert dicht.json()["status"] == "afgehandeld"
    assert [s["omschrijving"] for s in dicht.json()["stappen"]][
        -1
    ] == "Afgehandeld: naar tevredenheid opgelost."
    assert api(bob).get(f"/api/v1/klachten/{pk}/").json()["onderwerp"] == "Te laat"
    assert api(bob).post(f"/api/v1/klachten/{pk}/stap/", {}, format="json").status_code == 403
    assert Klacht.objects.get().status == "afgehandeld"


def test_the_figures_per_provider(carla, alice, bob, noor, noord):
    leg_antwoorden_vast(
        door=alice,
        afname="telefoon",
        antwoorden=Antwoorden(8, "ja", "ja", "ja", "ja"),
        toewijzing=noor.toewijzingen.get(),
    )
    [rij] = api(carla).get("/api/v1/tevredenheid/").json()
    assert (rij["aanbieder"], rij["verstuurd"], rij["beantwoord"], rij["cijfer_gemiddeld"]) == (
        noord.agb_code,
        1,
        1,
        8.0,
    )
    assert api(bob).get("/api/v1/tevredenheid/").json()[0]["aanbieder"] == noord.agb_code
    assert api(carla).get("/api/v1/tevredenheid/?van=gisteren").status_code == 400
    assert api(carla).get("/api/v1/wachtlijst/").status_code == 200

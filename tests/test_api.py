"""The REST API under /api/v1/: authentication, the BSN search, client registration, roles, paging."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from knox.models import AuthToken
from rest_framework.test import APIClient

from resultaat.accounts.models import Rol
from resultaat.clienten.models import Client
from resultaat.core.audit.models import AuditEvent
from tests import factories as f

PASSWORD = "geheim-wachtwoord"  # set by UserFactory
ZOEKEN = "/api/v1/clienten/zoeken/"


@pytest.fixture(autouse=True)
def _geen_throttle_geheugen():
    # The token endpoint is throttled per address; start every test with an empty counter.
    cache.clear()


def api(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def token_client(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {AuthToken.objects.create(user=user)[1]}")
    return client


def nieuwe_client_gegevens(gemeente_code: str = "0361", **extra) -> dict:
    return {
        "bsn": f.valid_bsn(),
        "gemeente": gemeente_code,
        "voorletters": "A.",
        "achternaam": "Nieuwenhuis",
        "geboortedatum": "1938-02-11",
        "postcode": "1811 AB",
        **extra,
    }


# --- Authentication ------------------------------------------------------------------------------------


def test_a_token_is_obtained_with_username_and_password_and_then_authenticates(alice, noor):
    response = APIClient().post("/api/v1/token/", {"username": "alice", "password": PASSWORD}, format="json")
    assert response.status_code == 200
    token = response.json()["token"]

    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    response = client.get("/api/v1/clienten/")
    assert response.status_code == 200
    assert [c["achternaam"] for c in response.json()["results"]] == ["Noordermeer"]


def test_a_wrong_password_gives_no_token_and_a_precise_error(alice):
    response = APIClient().post("/api/v1/token/", {"username": "alice", "password": "fout"}, format="json")
    assert response.status_code == 400
    assert set(response.json()) == {"non_field_errors"}


def test_a_missing_password_is_a_field_error(alice):
    response = APIClient().post("/api/v1/token/", {"username": "alice"}, format="json")
    assert response.status_code == 400
    assert "password" in response.json()


@pytest.mark.parametrize(
    "url", ["/api/v1/clienten/", "/api/v1/toewijzingen/", "/api/v1/catalogus/producten/"]
)
def test_without_authentication_the_api_refuses(db, url):
    response = APIClient().get(url)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert "detail" in response.json()


def test_an_unknown_token_is_401(db):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token 0123456789abcdef0123456789abcdef01234567")
    response = client.get("/api/v1/clienten/")
    assert response.status_code == 401
    assert "detail" in response.json()


def test_responses_with_client_data_are_not_cached(alice, noor):
    response = api(alice).get(f"/api/v1/clienten/{noor.pk}/")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


# --- BSN search ------------------------------------------------------------------------------------------


def test_alice_finds_noor_by_bsn_with_post(alice, noor):
    response = api(alice).post(ZOEKEN, {"bsn": noor.bsn}, format="json")
    assert response.status_code == 200
    assert response.json()["id"] == noor.pk
    assert response.json()["bsn"] == noor.bsn


def test_erik_of_another_gemeente_gets_404_for_noor(erik, noor):
    response = api(erik).post(ZOEKEN, {"bsn": noor.bsn}, format="json")
    assert response.status_code == 404
    assert response.json() == {"detail": "Geen cliënt gevonden met dit BSN."}


def test_bob_finds_his_own_client_but_not_charlies(bob, noor, zeger):
    assert api(bob).post(ZOEKEN, {"bsn": noor.bsn}, format="json").status_code == 200
    response = api(bob).post(ZOEKEN, {"bsn": zeger.bsn}, format="json")
    assert response.status_code == 404
    assert zeger.achternaam not in response.content.decode()


def test_a_bsn_that_does_not_exist_gets_the_same_404(alice):
    response = api(alice).post(ZOEKEN, {"bsn": f.valid_bsn()}, format="json")
    assert response.status_code == 404
    assert response.json() == {"detail": "Geen cliënt gevonden met dit BSN."}


def test_a_bsn_failing_the_elfproef_is_a_400_on_the_field(alice):
    response = api(alice).post(ZOEKEN, {"bsn": "123456788"}, format="json")
    assert response.status_code == 400
    assert response.json() == {"bsn": ["Dit BSN is ongeldig: het voldoet niet aan de elfproef."]}


def test_a_bsn_of_the_wrong_length_is_a_400_on_the_field(alice):
    response = api(alice).post(ZOEKEN, {"bsn": "12345"}, format="json")
    assert response.status_code == 400
    assert response.json() == {"bsn": ["Een BSN bestaat uit precies 9 cijfers."]}


def test_the_bsn_is_not_a_list_filter(alice, noor, zeger):
    # Not ignored either (it would be repeated in the `next` link and the server log): refused.
    response = api(alice).get("/api/v1/clienten/", {"bsn": noor.bsn})
    assert response.status_code == 400
    assert "Een BSN hoort niet in een webadres" in response.json()["bsn"][0]
    assert noor.bsn not in response.content.decode()


def test_a_list_masks_the_bsn_and_listing_reading_and_searching_a_client_are_audited(alice, noor):
    client = token_client(alice)
    row = client.get("/api/v1/clienten/").json()["results"][0]
    assert "bsn" not in row
    assert row["bsn_gemaskeerd"] == "******" + noor.bsn[-3:]
    # Every client on the page is in the access log (P6): the list shows name and address.
    lijst = AuditEvent.objects.get(client_id=noor.pk, actie="gelezen")
    eerder = lijst.pk
    assert (lijst.actor_naam, lijst.kanaal) == ("alice", "api")

    assert client.get(f"/api/v1/clienten/{noor.pk}/").json()["bsn"] == noor.bsn
    assert client.post(ZOEKEN, {"bsn": noor.bsn}, format="json").status_code == 200
    reads = AuditEvent.objects.filter(client_id=noor.pk, pk__gt=eerder).order_by("id")
    assert [(e.actor_naam, e.rol, e.actie) for e in reads] == [
        ("alice", "consulent", "gelezen"),
        ("alice", "consulent", "gezocht"),
    ]


def test_a_search_without_a_hit_is_in_the_access_log_without_the_bsn(alice, noor):
    client = token_client(alice)
    assert client.post(ZOEKEN, {"bsn": "999993653"}, format="json").status_code == 404
    event = AuditEvent.objects.get(actie="gezocht")
    assert event.client_id is None
    assert "999993653" not in event.object_id + event.object_omschrijving


# --- Client registration ---------------------------------------------------------------------------------


def test_alice_registers_a_client_and_the_audit_trail_names_her(alice):
    gegevens = nieuwe_client_gegevens()
    response = api(alice).post("/api/v1/clienten/", gegevens, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["bsn"] == gegevens["bsn"]
    assert body["gemeente"] == "0361"
    event = AuditEvent.objects.get(client_id=body["id"], actie="aangemaakt")
    assert (event.actor_naam, event.rol, event.organisatie) == ("alice", "consulent", "gemeente 0361")
    assert event.actor_id == alice.pk


def test_registration_with_a_token_is_attributed_to_the_token_user(alice):
    response = token_client(alice).post("/api/v1/clienten/", nieuwe_client_gegevens(), format="json")
    assert response.status_code == 201, response.json()
    assert AuditEvent.objects.get(client_id=response.json()["id"]).actor_naam == "alice"


def test_registration_with_a_bad_bsn_is_a_field_error(alice):
    response = api(alice).post("/api/v1/clienten/", nieuwe_client_gegevens(bsn="123456788"), format="json")
    assert response.status_code == 400
    assert response.json() == {"bsn": ["Dit BSN is ongeldig: het voldoet niet aan de elfproef."]}
    assert not Client.objects.exists()


def test_registration_in_another_gemeente_is_refused_on_the_field(alice, heiloo):
    response = api(alice).post("/api/v1/clienten/", nieuwe_client_gegevens("0399"), format="json")
    assert response.status_code == 400
    assert response.json() == {"gemeente": ["U kunt alleen cliënten registreren in uw eigen gemeente(n)."]}


def test_registration_of_a_known_bsn_is_refused(alice, noor):
    response = api(alice).post("/api/v1/clienten/", nieuwe_client_gegevens(bsn=noor.bsn), format="json")
    assert response.status_code == 400
    assert list(response.json()) == ["bsn"]


def test_registration_without_required_fields_lists_them(alice):
    response = api(alice).post("/api/v1/clienten/", {"gemeente": "0361"}, format="json")
    assert response.status_code == 400
    assert {"bsn", "achternaam", "geboortedatum"} <= set(response.json())


def test_a_provider_cannot_register_clients(bob):
    response = api(bob).post("/api/v1/clienten/", nieuwe_client_gegevens(), format="json")
    assert response.status_code == 403
    assert response.json() == {"detail": "Alleen een functioneel beheerder of wmo-consulent mag dit doen."}
    assert not Client.objects.exists()


def test_a_contractmanager_cannot_register_clients(alkmaar):
    manager = f.UserFactory(username="mia", rol=Rol.CONTRACTMANAGER, gemeenten=[alkmaar])
    response = api(manager).post("/api/v1/clienten/", nieuwe_client_gegevens(), format="json")
    assert response.status_code == 403


def test_read_only_endpoints_answer_405_to_writes(alice, noor):
    response = api(alice).post("/api/v1/toewijzingen/", {}, format="json")
    assert response.status_code == 405
    response = api(alice).delete(f"/api/v1/clienten/{noor.pk}/")
    assert response.status_code == 405


# --- Roles and scoping -----------------------------------------------------------------------------------


@pytest.mark.parametrize("endpoint", ["meldingen", "onderzoeken", "aanvragen", "werklijst"])
def test_toegang_and_werklijst_are_only_for_gemeente_staff(bob, alice, endpoint):
    response = api(bob).get(f"/api/v1/{endpoint}/")
    assert response.status_code == 403
    assert "detail" in response.json()
    assert api(alice).get(f"/api/v1/{endpoint}/").status_code == 200


def test_the_audit_log_is_only_for_the_auditor(alice, bob, dora, noor):
    response = api(dora).get("/api/v1/auditlog/", {"client": noor.pk})
    assert response.status_code == 200
    assert response.json()["count"] >= 1
    assert {e["client_id"] for e in response.json()["results"]} == {noor.pk}
    assert api(alice).get("/api/v1/auditlog/").status_code == 403
    assert api(bob).get("/api/v1/auditlog/").status_code == 403


def test_an_invisible_object_and_a_missing_one_get_the_same_404(bob, zeger):
    invisible = api(bob).get(f"/api/v1/clienten/{zeger.pk}/")
    missing = api(bob).get(f"/api/v1/clienten/{zeger.pk + 1000}/")
    assert invisible.status_code == missing.status_code == 404
    assert invisible.json() == missing.json() == {"detail": "Niet gevonden."}


def test_erik_of_heiloo_sees_none_of_alkmaars_clients(erik, noor, zeger, heiloo):
    eigen = f.ClientFactory(gemeente=heiloo, achternaam="Heilooër")
    client = api(erik)
    response = client.get("/api/v1/clienten/")
    assert [c["id"] for c in response.json()["results"]] == [eigen.pk]
    for alkmaarder in (noor, zeger):
        assert client.get(f"/api/v1/clienten/{alkmaarder.pk}/").status_code == 404
        assert client.post(ZOEKEN, {"bsn": alkmaarder.bsn}, format="json").status_code == 404
    assert client.get("/api/v1/toewijzingen/").json()["count"] == 0
    assert client.get("/api/v1/leveringen/").json()["count"] == 0
    assert client.get("/api/v1/clienten/", {"gemeente": "0361"}).json()["count"] == 0


def test_lists_filter_by_gemeente_code_and_agb_code(alice, noor, zeger):
    client = api(alice)
    response = client.get("/api/v1/toewijzingen/", {"aanbieder": "98000001"})
    assert [t["client"] for t in response.json()["results"]] == [noor.pk]
    assert client.get("/api/v1/toewijzingen/", {"gemeente": "0361"}).json()["count"] == 2
    assert client.get("/api/v1/toewijzingen/", {"gemeente": "0399"}).json()["count"] == 0


def test_a_filter_value_of_the_wrong_type_is_a_400_on_the_parameter(dora):
    response = api(dora).get("/api/v1/auditlog/", {"client": "abc"})
    assert response.status_code == 400
    assert response.json() == {"client": ["Ongeldige waarde: 'abc'."]}


# --- Paging and the catalogue ----------------------------------------------------------------------------


def test_lists_are_paginated_with_50_per_page_and_a_page_size_parameter(alice, alkmaar):
    Client.objects.bulk_create([f.ClientFactory.build(gemeente=alkmaar) for _ in range(55)])
    body = api(alice).get("/api/v1/clienten/").json()
    assert body["count"] == 55
    assert len(body["results"]) == 50
    assert body["next"].endswith("/api/v1/clienten/?page=2")
    assert body["previous"] is None
    body = api(alice).get("/api/v1/clienten/", {"page": 2}).json()
    assert len(body["results"]) == 5
    assert len(api(alice).get("/api/v1/clienten/", {"page_size": 10}).json()["results"]) == 10


def test_a_product_shows_its_current_tariff_and_a_result_its_subresults(alice):
    tarief = f.TariefFactory(bedrag_cent=21600)
    response = api(alice).get(f"/api/v1/catalogus/producten/{tarief.product.pk}/")
    assert response.status_code == 200
    assert response.json()["tarief"]["bedrag_cent"] == 21600
    assert response.json()["resultaat"] == tarief.product.resultaat.code
    response = api(alice).get(f"/api/v1/catalogus/resultaten/{tarief.product.resultaat.pk}/")
    assert response.json()["subresultaten"] == []


def test_contracts_are_scoped_to_the_provider(bob, alkmaar, noord, zuid):
    eigen = f.ContractFactory(aanbieder=noord, gemeenten=[alkmaar])
    ander = f.ContractFactory(aanbieder=zuid, gemeenten=[alkmaar])
    client = api(bob)
    assert [c["kenmerk"] for c in client.get("/api/v1/contracten/").json()["results"]] == [eigen.kenmerk]
    assert client.get(f"/api/v1/contracten/{ander.pk}/").status_code == 404


def test_a_bsn_known_only_in_another_gemeente_is_not_revealed(erik, noor):
    """erik (Heiloo) registers a resident whose BSN Alkmaar also knows: allowed, and nothing leaks."""
    response = api(erik).post(
        "/api/v1/clienten/", nieuwe_client_gegevens("0399", bsn=noor.bsn), format="json"
    )
    assert response.status_code == 201, response.json()
    assert Client.objects.filter(bsn=noor.bsn).count() == 2

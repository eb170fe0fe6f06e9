"""API tokens (P14): stored as a hash, expiring, revocable by the user and the beheerder, gone with a new
password."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from knox.models import AuthToken
from rest_framework.test import APIClient

from resultaat.accounts import tokens
from resultaat.accounts.models import Rol
from resultaat.accounts.services import GeenBeheerrecht, geef_beheertoegang
from resultaat.core.audit.models import AuditEvent
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _leeg_geheugen():
    cache.clear()


def _token(user) -> str:
    response = APIClient().post(
        "/api/v1/token/", {"username": user.username, "password": "geheim-wachtwoord"}, format="json"
    )
    assert response.status_code == 200, response.content
    return response.json()["token"]


def _met(token: str) -> APIClient:
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return api


def test_the_token_is_not_in_the_database(alice):
    token = _token(alice)
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM knox_authtoken")
        rijen = cursor.fetchall()
    assert len(rijen) == 1
    assert not any(token in str(kolom) for kolom in rijen[0])
    assert _met(token).get("/api/v1/clienten/").status_code == 200


def test_the_token_expires(alice):
    token = _token(alice)
    with time_machine.travel(dt.datetime.now(tz=dt.UTC) + dt.timedelta(hours=8, minutes=1)):
        assert _met(token).get("/api/v1/clienten/").status_code == 401


def test_the_answer_says_when_it_expires(alice):
    response = APIClient().post(
        "/api/v1/token/", {"username": "alice", "password": "geheim-wachtwoord"}, format="json"
    )
    assert "verloopt" in response.json()


def test_the_user_revokes_its_token(alice):
    token, ander = _token(alice), _token(alice)
    assert _met(token).post("/api/v1/token/intrekken/").status_code == 204
    assert _met(token).get("/api/v1/clienten/").status_code == 401
    assert _met(ander).get("/api/v1/clienten/").status_code == 200
    assert _met(ander).post("/api/v1/token/intrekken/?alle=ja").status_code == 204
    assert _met(ander).get("/api/v1/clienten/").status_code == 401


def test_a_new_password_revokes_every_token(alice):
    token = _token(alice)
    alice.set_password("een-heel-ander-wachtwoord")
    alice.save()
    assert _met(token).get("/api/v1/clienten/").status_code == 401


def test_a_login_does_not_revoke_the_tokens(alice, client):
    token = _token(alice)
    client.post("/inloggen/", {"username": "alice", "password": "geheim-wachtwoord"})
    assert _met(token).get("/api/v1/clienten/").status_code == 200


def test_the_beheerder_revokes_the_tokens_of_its_own_users_in_the_admin(client, alice, heiloo, erik):
    beheerder = f.UserFactory(username="fb", rol=Rol.BEHEERDER, gemeenten=list(alice.gemeenten.all()))
    geef_beheertoegang(beheerder)
    token, van_erik = _token(alice), _token(erik)
    client.force_login(beheerder)
    response = client.post(
        "/beheer/accounts/user/",
        {"action": "tokens_intrekken", "_selected_action": [alice.pk]},
        follow=True,
    )
    assert "1 API-token(s) ingetrokken" in response.content.decode()
    assert _met(token).get("/api/v1/clienten/").status_code == 401
    assert AuditEvent.objects.filter(gebeurtenis="gebruiker.tokens_ingetrokken").exists()
    # Erik works for Heiloo: not this beheerder's user.
    with pytest.raises(GeenBeheerrecht):
        tokens.trek_tokens_in(erik, door=beheerder)
    assert _met(van_erik).get("/api/v1/clienten/").status_code == 200
    assert AuthToken.objects.filter(user=erik).count() == 1

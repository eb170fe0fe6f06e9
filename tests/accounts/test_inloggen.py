"""Logging in: lockout after wrong passwords (P5), the client address behind proxies, the token endpoint's
throttle, two-step verification for gemeente roles, password rules and the optional single sign-on."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.contrib.auth.password_validation import validate_password
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.test import APIClient

from resultaat.accounts import tweestaps
from resultaat.accounts.models import Rol
from resultaat.core.adres import client_adres
from tests import factories as f

pytestmark = pytest.mark.django_db
GOED = "geheim-wachtwoord"


@pytest.fixture(autouse=True)
def _leeg_geheugen():
    cache.clear()  # the token throttle counts in the cache


def _inloggen(client, wachtwoord, **extra):
    return client.post(reverse("login"), {"username": "alice", "password": wachtwoord}, **extra)


# --- P5: lockout -------------------------------------------------------------------------------------


def test_thirty_wrong_passwords_lock_the_login_and_then_the_right_one_does_not_work(client, alice):
    for _ in range(30):
        _inloggen(client, "fout-wachtwoord")
    response = _inloggen(client, GOED)
    assert response.status_code == 429
    assert "Te veel mislukte inlogpogingen" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_lock_starts_at_the_fifth_wrong_password_and_ends_after_the_cool_off(client, alice):
    for _ in range(4):
        assert _inloggen(client, "fout-wachtwoord").status_code == 200  # the form again, with its error
    assert _inloggen(client, "fout-wachtwoord").status_code == 429
    with time_machine.travel(dt.datetime.now(tz=dt.UTC) + dt.timedelta(minutes=16)):
        assert _inloggen(client, GOED).status_code == 302


def test_a_forged_forwarded_header_does_not_escape_the_lock(client, alice):
    for i in range(6):
        _inloggen(client, "fout-wachtwoord", HTTP_X_FORWARDED_FOR=f"203.0.113.{i}")
    assert _inloggen(client, GOED, HTTP_X_FORWARDED_FOR="198.51.100.7").status_code == 429


def test_the_token_endpoint_is_locked_too(alice):
    api = APIClient()
    for _ in range(5):
        api.post("/api/v1/token/", {"username": "alice", "password": "fout"}, format="json")
    response = api.post("/api/v1/token/", {"username": "alice", "password": GOED}, format="json")
    assert response.status_code == 429
    assert "Te veel mislukte inlogpogingen" in response.json()["detail"]


def test_the_token_throttle_is_not_bypassed_with_a_forwarded_header(db):
    api = APIClient()
    codes = [
        api.post(
            "/api/v1/token/",
            {"username": f"raden{i}", "password": "fout"},
            format="json",
            HTTP_X_FORWARDED_FOR=f"203.0.113.{i}",
        ).status_code
        for i in range(31)
    ]
    assert codes[:30] == [400] * 30
    assert codes[30] == 429


def test_the_forwarded_address_counts_only_behind_a_trusted_proxy(settings):
    verzoek = RequestFactory().get("/", REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="198.51.100.7, 10.0.0.4")
    assert client_adres(verzoek) == "10.0.0.5"
    settings.RESULTAAT_VERTROUWDE_PROXIES = ["10.0.0.0/24"]
    assert client_adres(verzoek) == "198.51.100.7"
    vals = RequestFactory().get("/", REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.7")
    assert client_adres(vals) == "198.51.100.7"  # what the client wrote itself (1.2.3.4) is not believed
    onzin = RequestFactory().get("/", REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="geen-adres")
    assert client_adres(onzin) == "10.0.0.5"


# --- Two-step verification -----------------------------------------------------------------------------


@pytest.fixture
def tweestaps_aan(settings):
    settings.RESULTAAT_TWEESTAPS_VERPLICHT = True


def _code(apparaat: TOTPDevice) -> str:
    return f"{totp(apparaat.bin_key, step=apparaat.step, t0=apparaat.t0, digits=apparaat.digits):06d}"


def test_a_consulent_enrols_an_authenticator_app_at_the_first_login(client, alice, tweestaps_aan):
    response = _inloggen(client, GOED)
    assert response.status_code == 302
    # Every page sends the user to the second step first.
    response = client.get(reverse("web:home"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("tweestaps"))
    response = client.get(response["Location"], follow=True)
    html = response.content.decode()
    assert "Tweestapsverificatie instellen" in html and "<svg" in html
    apparaat = TOTPDevice.objects.get(user=alice)
    assert not apparaat.confirmed

    fout = client.post(reverse("tweestaps-instellen"), {"code": "000000", "next": "/"})
    assert "Deze code klopt niet" in fout.content.decode()
    # A wrong code slows the device down (django-otp's throttle): the right one works a moment later.
    with time_machine.travel(dt.datetime.now(tz=dt.UTC) + dt.timedelta(seconds=3)):
        apparaat.refresh_from_db()
        response = client.post(reverse("tweestaps-instellen"), {"code": _code(apparaat), "next": "/"})
    assert response.status_code == 302
    assert client.get(reverse("web:home")).status_code == 200
    apparaat.refresh_from_db()
    assert apparaat.confirmed


def test_an_enrolled_consulent_types_the_code_at_every_login(client, alice, tweestaps_aan):
    apparaat = TOTPDevice.objects.create(user=alice, name="app", confirmed=True)
    _inloggen(client, GOED)
    response = client.get(reverse("web:client-list"))
    assert response.status_code == 302
    pagina = client.get(response["Location"])
    assert "Tweestapsverificatie" in pagina.content.decode()
    # The session is not verified yet: the API refuses it too.
    assert client.get("/api/v1/clienten/").status_code == 403
    response = client.post(
        reverse("tweestaps"), {"code": _code(apparaat), "next": reverse("web:client-list")}
    )
    assert response["Location"] == reverse("web:client-list")
    assert client.get(reverse("web:client-list")).status_code == 200
    assert client.get("/api/v1/clienten/").status_code == 200


def test_a_provider_is_not_asked_for_a_code(client, bob, tweestaps_aan):
    client.post(reverse("login"), {"username": "bob", "password": GOED})
    assert client.get(reverse("web:home")).status_code == 200


def test_the_api_token_of_a_gemeente_role_needs_the_code(alice, tweestaps_aan):
    apparaat = TOTPDevice.objects.create(user=alice, name="app", confirmed=True)
    api = APIClient()
    zonder = api.post("/api/v1/token/", {"username": "alice", "password": GOED}, format="json")
    assert zonder.status_code == 400
    assert "authenticator-app" in zonder.json()["code"][0]
    met = api.post(
        "/api/v1/token/", {"username": "alice", "password": GOED, "code": _code(apparaat)}, format="json"
    )
    assert met.status_code == 200 and met.json()["token"]


def test_only_a_beheerder_resets_a_lost_phone(alice, alkmaar):
    beheerder = f.UserFactory(username="fb", rol=Rol.BEHEERDER, gemeenten=[alkmaar])
    TOTPDevice.objects.create(user=alice, name="app", confirmed=True)
    with pytest.raises(tweestaps.services.GeenBeheerrecht):
        tweestaps.stel_opnieuw_in(alice, door=alice)
    erik = f.UserFactory(username="erik2", rol=Rol.CONSULENT, gemeenten=[f.GemeenteFactory(code="0399")])
    with pytest.raises(tweestaps.services.GeenBeheerrecht):
        tweestaps.stel_opnieuw_in(erik, door=beheerder)  # another gemeente's user
    tweestaps.stel_opnieuw_in(alice, door=beheerder)
    assert not TOTPDevice.objects.filter(user=alice).exists()


# --- Password rules ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("wachtwoord", "melding"),
    [
        ("Kort-genoeg", "ten minste 12 tekens"),
        ("password1234", "te algemeen"),
        ("839201746512", "bevat alleen cijfers"),
    ],
)
def test_password_rules_in_dutch(wachtwoord, melding):
    with translation.override("nl"), pytest.raises(ValidationError) as fout:
        validate_password(wachtwoord)
    assert melding in " ".join(fout.value.messages)


def test_a_long_uncommon_password_is_accepted():
    validate_password("Groene-fiets-op-de-dijk")


def test_the_admin_refuses_a_short_password_in_dutch(client):
    client.force_login(f.UserFactory(username="installatie", rol="", is_staff=True, is_superuser=True))
    alice = f.UserFactory(username="alice2")
    response = client.post(
        reverse("admin:auth_user_password_change", args=[alice.pk]),
        {"password1": "Elf-tekens1", "password2": "Elf-tekens1", "usable_password": "true"},
    )
    assert "ten minste 12 tekens" in response.content.decode()


# --- Single sign-on --------------------------------------------------------------------------------------


def test_single_sign_on_is_off_by_default(client):
    assert client.get("/oidc/authenticate/").status_code == 404
    assert "via uw organisatie" not in client.get(reverse("login")).content.decode()


def test_single_sign_on_finds_only_an_existing_active_account(settings, alice):
    from resultaat.accounts.oidc import OidcBackend

    for naam in ("TOKEN", "USER", "JWKS", "AUTHORIZATION"):
        setattr(settings, f"OIDC_OP_{naam}_ENDPOINT", f"https://idp.example/{naam.lower()}")
    settings.OIDC_RP_CLIENT_ID, settings.OIDC_RP_CLIENT_SECRET = "resultaat", "geheim"
    backend = OidcBackend()
    assert list(backend.filter_users_by_claims({"preferred_username": "Alice"})) == [alice]
    assert not backend.filter_users_by_claims({"email": "a@example.org"}).exists()  # not verified
    alice.is_active = False
    alice.save()
    assert not backend.filter_users_by_claims({"preferred_username": "alice"}).exists()

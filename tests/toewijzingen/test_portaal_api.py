"""The provider portal's actions in the API: what bob does on the portal pages, his own software does through
/api/v1/ with the same services (toewijzing actions, CSV upload, signals, requests), and the consulent
answers there too. Refusals are a 400 with the Dutch message and change nothing; a gemeente user gets 403
on a provider action, and another provider's toewijzing is a 404."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from knox.models import AuthToken
from rest_framework.test import APIClient

from resultaat.contracten.models import Onderaannemer
from resultaat.core.audit.models import AuditEvent
from resultaat.iwmo.models import Bericht, Richting, Verzoek, VerzoekBron, VerzoekStatus
from resultaat.ondersteuning.models import Signaal, SignaalStatus
from resultaat.toewijzingen.csv_upload import KOLOMMEN
from resultaat.toewijzingen.models import Levering, LeveringBron, ReactieAanbieder, Toewijzing
from resultaat.werklijst.models import WerklijstItem, WerklijstSoort, WerklijstStatus
from tests import factories as f

D = dt.date
ACTIES = ("accepteren", "retourneren", "start", "tijdelijke-stop", "hervatten", "stop", "onderaannemer")
ALLES = {"reden": "19", "begindatum": "2017-03-01", "einddatum": "2017-03-01", "onderaannemer": None}


@pytest.fixture(autouse=True)
def _iwmo_dir(settings, tmp_path):
    settings.IWMO_DIR = tmp_path / "iwmo"


def api(user) -> APIClient:
    """Token authentication, as a provider's own software uses it."""
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {AuthToken.objects.create(user=user)[1]}")
    return client


def sessie(user) -> APIClient:
    """Session authentication, as a script in a logged-in browser (the test client skips the CSRF check;
    test_a_session_post_needs_the_csrf_token shows it is enforced)."""
    client = APIClient()
    client.force_login(user)
    return client


def actie(naam: str, t: Toewijzing) -> str:
    return f"/api/v1/toewijzingen/{t.pk}/{naam}/"


@pytest.fixture
def nieuw(alkmaar, noord):
    """A new toewijzing for bob's organisation, 2017, not accepted, no start."""
    client = f.ClientFactory(gemeente=alkmaar, voorletters="W.", achternaam="Westerhof")
    return f.ToewijzingFactory(
        client=client, aanbieder=noord, nummer=4242, ingangsdatum=D(2017, 1, 2), einddatum=D(2017, 12, 31)
    )


def leveringen(t: Toewijzing) -> list[tuple]:
    return [
        (x.begindatum, x.einddatum, x.reden_beeindiging, x.toelichting)
        for x in t.leveringen.order_by("begindatum", "pk")
    ]


# --- Toewijzing actions --------------------------------------------------------------------------------


def test_bob_accepts_starts_stops_temporarily_resumes_and_stops_through_the_api(bob, nieuw):
    bob_api = api(bob)
    voor = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    response = bob_api.post(actie("accepteren", nieuw), format="json")
    assert response.status_code == 200
    assert response.json()["reactie"] == "geaccepteerd" and response.json()["reactie_op"]
    nieuw.refresh_from_db()
    assert nieuw.reactie == ReactieAanbieder.GEACCEPTEERD and nieuw.reactie_door == bob

    response = bob_api.post(actie("start", nieuw), {"begindatum": "2017-01-09"}, format="json")
    assert response.status_code == 200
    [levering] = response.json()["leveringen"]
    assert (levering["begindatum"], levering["einddatum"], levering["bron"]) == (
        "2017-01-09",
        None,
        "portaal",
    )

    response = bob_api.post(
        actie("tijdelijke-stop", nieuw),
        {"einddatum": "2017-03-05", "toelichting": "ziekenhuisopname"},
        format="json",
    )
    assert response.status_code == 200
    levering = response.json()["leveringen"][0]
    assert (levering["einddatum"], levering["reden_beeindiging"], levering["toelichting"]) == (
        "2017-03-05",
        "20",
        "ziekenhuisopname",
    )

    response = bob_api.post(actie("hervatten", nieuw), {"begindatum": "2017-04-03"}, format="json")
    assert response.status_code == 200 and len(response.json()["leveringen"]) == 2

    response = bob_api.post(
        actie("stop", nieuw),
        {"einddatum": "2017-06-30", "reden": "19", "toelichting": "doel bereikt"},
        format="json",
    )
    assert response.status_code == 200
    assert leveringen(nieuw) == [
        (D(2017, 1, 9), D(2017, 3, 5), "20", "ziekenhuisopname"),
        (D(2017, 4, 3), D(2017, 6, 30), "19", "doel bereikt"),
    ]
    assert all(x.bron == LeveringBron.PORTAAL for x in nieuw.leveringen.all())
    # Every change (accept, start, temporary stop, resume, stop) is in the audit trail as bob, also with
    # token authentication.
    gewijzigd = AuditEvent.objects.filter(pk__gt=voor, actie__in=["aangemaakt", "gewijzigd"])
    assert gewijzigd.count() == 5 and set(gewijzigd.values_list("actor_naam", "rol")) == {
        ("bob", "aanbieder")
    }
    # The leveringen endpoint shows the cause of the temporary stop as well.
    rows = bob_api.get("/api/v1/leveringen/").json()["results"]
    assert "ziekenhuisopname" in [r["toelichting"] for r in rows]


def test_refused_actions_give_400_with_the_dutch_message_and_change_nothing(bob, nieuw):
    bob_api = api(bob)
    response = bob_api.post(actie("stop", nieuw), {"einddatum": "2017-02-01", "reden": "19"}, format="json")
    assert response.status_code == 400
    assert "een stop heeft een start nodig" in str(response.json())

    response = bob_api.post(actie("start", nieuw), {"begindatum": "2016-12-01"}, format="json")
    assert response.status_code == 400
    assert "valt buiten de toewijzing" in " ".join(response.json()["begindatum"])

    response = bob_api.post(actie("start", nieuw), {}, format="json")
    assert response.status_code == 400 and "begindatum" in response.json()

    response = bob_api.post(actie("hervatten", nieuw), {"begindatum": "2017-01-09"}, format="json")
    assert response.status_code == 400
    assert response.json() == {
        "non_field_errors": ["Er is geen tijdelijke stop om te hervatten; meld een start."]
    }

    response = bob_api.post(actie("retourneren", nieuw), {"reden": "  "}, format="json")
    assert response.status_code == 400 and "reden" in response.json()
    nieuw.refresh_from_db()
    assert nieuw.reactie == ReactieAanbieder.NIEUW and not nieuw.leveringen.exists()
    assert not WerklijstItem.objects.exists()

    # A reason 20 is not a definitive stop: the input is refused before the service is called.
    bob_api.post(actie("start", nieuw), {"begindatum": "2017-01-09"}, format="json")
    response = bob_api.post(actie("stop", nieuw), {"einddatum": "2017-02-01", "reden": "20"}, format="json")
    assert response.status_code == 400 and "reden" in response.json()
    # One current start (TR326), and a started toewijzing is not returned.
    response = bob_api.post(actie("start", nieuw), {"begindatum": "2017-01-10"}, format="json")
    assert response.status_code == 400
    assert "Deze toewijzing heeft al een lopende start; meld eerst een stop." in str(response.json())
    response = bob_api.post(actie("retourneren", nieuw), {"reden": "Toch niet"}, format="json")
    assert response.status_code == 400
    assert "een gestarte toewijzing kan niet meer worden geretourneerd" in str(response.json())
    nieuw.refresh_from_db()
    assert leveringen(nieuw) == [(D(2017, 1, 9), None, "", "")]
    assert nieuw.reactie == ReactieAanbieder.GEACCEPTEERD and not WerklijstItem.objects.exists()


def test_bob_returns_a_toewijzing_and_alice_reads_his_reason(alice, bob, nieuw):
    response = api(bob).post(actie("retourneren", nieuw), {"reden": "Geen capaciteit"}, format="json")
    assert response.status_code == 200
    assert (response.json()["reactie"], response.json()["retourreden"]) == (
        "geretourneerd",
        "Geen capaciteit",
    )
    item = WerklijstItem.objects.get()
    assert item.soort == WerklijstSoort.RETOUR and item.onderwerp == nieuw

    gezien = api(alice).get(f"/api/v1/toewijzingen/{nieuw.pk}/").json()
    assert (gezien["reactie"], gezien["retourreden"]) == ("geretourneerd", "Geen capaciteit")
    # A returned toewijzing no longer starts.
    response = api(bob).post(actie("start", nieuw), {"begindatum": "2017-01-09"}, format="json")
    assert response.status_code == 400
    assert "Deze toewijzing is geretourneerd; een start kan niet meer." in str(response.json())


def test_bob_gets_404_on_charlies_toewijzing_and_alice_403_on_every_provider_action(alice, bob, noor, zeger):
    van_charlie = Toewijzing.objects.get(client=zeger)
    van_bob = Toewijzing.objects.get(client=noor)
    for naam in ACTIES:
        for client in (api(bob), sessie(bob)):
            response = client.post(actie(naam, van_charlie), ALLES, format="json")
            assert response.status_code == 404, naam
            assert "Zuidema" not in response.content.decode()
        response = api(alice).post(actie(naam, van_bob), ALLES, format="json")
        assert response.status_code == 403, naam
        assert response.json() == {"detail": "Alleen een medewerker zorgaanbieder mag dit doen."}
    assert leveringen(van_charlie) == leveringen(van_bob) == [(D(2017, 1, 2), None, "", "")]
    van_bob.refresh_from_db()
    assert van_bob.reactie == ReactieAanbieder.NIEUW


def test_a_session_post_needs_the_csrf_token(bob, nieuw):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(bob)
    response = client.post(actie("accepteren", nieuw), format="json")
    assert response.status_code == 403 and "CSRF" in response.json()["detail"]
    nieuw.refresh_from_db()
    assert nieuw.reactie == ReactieAanbieder.NIEUW

    client.get(reverse("web:portaal"))  # a page with a form sets the CSRF cookie
    token = client.cookies["csrftoken"].value
    response = client.post(actie("accepteren", nieuw), format="json", HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 200
    nieuw.refresh_from_db()
    assert nieuw.reactie == ReactieAanbieder.GEACCEPTEERD


def test_bob_chooses_a_subcontractor_of_his_contract(alice, bob, zuid, nieuw):
    contract = f.ContractFactory(aanbieder=nieuw.aanbieder, gemeenten=[nieuw.gemeente])
    f.ContractProductFactory(contract=contract, product=nieuw.product)
    hulp = Onderaannemer.objects.create(contract=contract, naam="Schoon & Zo", geldig_van=D(2017, 1, 1))
    vreemd = Onderaannemer.objects.create(
        contract=f.ContractFactory(aanbieder=zuid, gemeenten=[nieuw.gemeente]),
        naam="Van Charlie",
        geldig_van=D(2017, 1, 1),
    )
    bob_api = api(bob)
    response = bob_api.post(actie("onderaannemer", nieuw), {"onderaannemer": vreemd.pk}, format="json")
    assert response.status_code == 400
    assert response.json() == {
        "onderaannemer": ["Geen onderaannemer onder een contract van uw organisatie met dit id."]
    }
    response = bob_api.post(actie("onderaannemer", nieuw), {"onderaannemer": hulp.pk}, format="json")
    assert response.status_code == 200 and response.json()["onderaannemer"] == hulp.pk
    assert api(alice).get(f"/api/v1/toewijzingen/{nieuw.pk}/").json()["onderaannemer"] == hulp.pk
    response = bob_api.post(actie("onderaannemer", nieuw), {"onderaannemer": None}, format="json")
    assert response.status_code == 200 and response.json()["onderaannemer"] is None


# --- CSV upload ----------------------------------------------------------------------------------------

KOP = ";".join(KOLOMMEN)
CSV = "/api/v1/leveringen/csv/"


@pytest.fixture
def twee(alkmaar, noord):
    """Two new toewijzingen of bob's organisation in Alkmaar (0361): 501 and 502."""
    return [
        f.ToewijzingFactory(
            client=f.ClientFactory(gemeente=alkmaar, achternaam=naam), aanbieder=noord, nummer=nr
        )
        for nr, naam in ((501, "Akkerman"), (502, "Bakker"))
    ]


def upload(client: APIClient, tekst: str | bytes, **extra):
    data = tekst.encode("utf-8") if isinstance(tekst, str) else tekst
    return client.post(CSV, {"bestand": SimpleUploadedFile("starts.csv", data), **extra}, format="multipart")


MIXED = (
    KOP + "\n501;0361;start;09-01-2017;;\n502;0361;stop;30-06-2017;19;\n"  # row 3: a stop without a start
)


def test_csv_through_the_api_reports_per_row_and_applies_all_or_nothing(alice, bob, twee):
    a, b = twee
    response = upload(api(bob), MIXED)
    assert response.status_code == 422
    verslag = response.json()
    assert (verslag["toegepast"], verslag["aantal_toegepast"], verslag["fouten"]) == (False, 0, 1)
    assert [(r["regelnummer"], r["toewijzingnummer"], r["status"]) for r in verslag["regels"]] == [
        (2, "501", "niet toegepast"),
        (3, "502", "fout"),
    ]
    assert (
        "Er is geen lopende start voor deze toewijzing: een stop heeft een start nodig."
        in (verslag["regels"][1]["melding"])
    )
    assert not Levering.objects.filter(toewijzing__in=twee).exists()

    response = upload(api(bob), MIXED, alleen_geldige=True)
    verslag = response.json()
    assert (verslag["toegepast"], verslag["aantal_toegepast"], verslag["fouten"]) == (True, 1, 1)
    assert verslag["regels"][0] == {
        "regelnummer": 2,
        "toewijzingnummer": "501",
        "soort": "start",
        "status": "toegepast",
        "melding": "Start per 09-01-2017 gemeld.",
    }
    assert a.leveringen.get().bron == LeveringBron.CSV and not b.leveringen.exists()

    response = upload(api(bob), KOP + "\n502;0361;start;2017-01-16;;\n502;0361;stop;30-06-2017;19;klaar\n")
    assert response.json()["toegepast"] is True
    assert leveringen(b) == [(D(2017, 1, 16), D(2017, 6, 30), "19", "klaar")]

    # An unreadable file: one message at the file, nothing applied.
    response = upload(api(bob), b"toewijzing;datum\n501;09-01-2017\n")
    assert response.status_code == 400
    assert response.json()["bestand"][0].startswith("De kopregel klopt niet.")
    # Only a provider uploads.
    response = upload(api(alice), MIXED)
    assert response.status_code == 403
    assert Levering.objects.filter(toewijzing__in=twee).count() == 2


# --- Signals -------------------------------------------------------------------------------------------


def test_bob_reports_a_signal_alice_follows_it_up_and_bob_never_sees_the_internal_note(
    alice, bob, erik, noor, zeger
):
    toewijzing = Toewijzing.objects.get(client=noor)
    bob_api, alice_api = api(bob), api(alice)
    melding = {
        "client": noor.pk,
        "toewijzing": toewijzing.pk,
        "soort": "geldzorgen",
        "toelichting": "Aanmaningen.",
    }

    # Another provider's client, or a toewijzing of another client, is refused; a consulent may not report.
    response = bob_api.post("/api/v1/signalen/", {**melding, "client": zeger.pk}, format="json")
    assert response.status_code == 400
    assert response.json() == {"client": ["Kies een cliënt van uw eigen organisatie."]}
    zegers = Toewijzing.objects.get(client=zeger)
    response = bob_api.post("/api/v1/signalen/", {**melding, "toewijzing": zegers.pk}, format="json")
    assert response.status_code == 400 and "toewijzing" in response.json()
    response = bob_api.post("/api/v1/signalen/", {**melding, "toelichting": ""}, format="json")
    assert response.status_code == 400 and "toelichting" in response.json()
    assert alice_api.post("/api/v1/signalen/", melding, format="json").status_code == 403
    assert not Signaal.objects.exists() and not WerklijstItem.objects.exists()

    response = bob_api.post("/api/v1/signalen/", melding, format="json")
    assert response.status_code == 201
    signaal = Signaal.objects.get()
    assert response.json()["id"] == signaal.pk and response.json()["status"] == "nieuw"
    assert signaal.gemeld_door == bob and signaal.toewijzing == toewijzing
    item = WerklijstItem.objects.get(soort=WerklijstSoort.SIGNAAL)
    assert item.onderwerp == signaal

    opvolging = f"/api/v1/signalen/{signaal.pk}/opvolging/"
    intern = {"status": "afgehandeld", "opvolging": "Schuldhulp gebeld; dossier vertrouwelijk."}
    assert bob_api.post(opvolging, intern, format="json").status_code == 403
    assert api(erik).post(opvolging, intern, format="json").status_code == 404  # Heiloo's consulent
    response = alice_api.post(opvolging, {"status": "afgehandeld", "opvolging": " "}, format="json")
    assert response.status_code == 400 and "opvolging" in response.json()

    response = sessie(alice).post(
        opvolging, {**intern, "terugkoppeling": "Doorverwezen naar schuldhulp."}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["opvolging"] == "Schuldhulp gebeld; dossier vertrouwelijk."
    item.refresh_from_db()
    signaal.refresh_from_db()
    assert item.status == WerklijstStatus.AFGEHANDELD and signaal.status == SignaalStatus.AFGEHANDELD
    assert signaal.opgevolgd_door == alice
    response = alice_api.post(opvolging, intern, format="json")
    assert response.status_code == 400 and "Dit signaal is al afgehandeld." in str(response.json())

    # Bob sees the status and the terugkoppeling, never the internal note, in the list and the detail.
    for body in (
        bob_api.get(f"/api/v1/signalen/{signaal.pk}/").json(),
        bob_api.get("/api/v1/signalen/").json()["results"][0],
    ):
        assert body["status"] == "afgehandeld" and body["terugkoppeling"] == "Doorverwezen naar schuldhulp."
        assert body["opvolging"] == ""
    assert "vertrouwelijk" not in bob_api.get("/api/v1/signalen/").content.decode()


# --- Requests (315 VOT, 317 VOW) ---------------------------------------------------------------------


@pytest.fixture
def product(noord, alkmaar):
    product = f.ProductFactory(code="HBH01", volume=1, naam="Schoon huis midden")
    f.TariefFactory(product=product)
    f.ContractProductFactory(
        contract=f.ContractFactory(aanbieder=noord, gemeenten=[alkmaar]), product=product
    )
    return product


def morgen() -> dt.date:
    return timezone.localdate() + dt.timedelta(days=1)


def vot(client: APIClient, noor, product, **extra):
    data = {"client": noor.pk, "product": product.pk, "ingangsdatum": morgen().isoformat(), **extra}
    return client.post("/api/v1/verzoeken/toewijzing/", data, format="json")


def test_bob_asks_for_a_toewijzing_and_alices_grant_makes_it_with_a_301(
    alice, bob, charlie, noor, zeger, product
):
    response = vot(api(bob), noor, product, toelichting="Na een val kan zij niet meer stofzuigen.")
    assert response.status_code == 201
    verzoek = Verzoek.objects.get()
    body = response.json()
    assert (body["id"], body["soort"], body["bron"], body["status"]) == (verzoek.pk, "vot", "portaal", "open")
    assert body["referentie_aanbieder"].startswith("PORTAAL-") and body["toewijzingen"] == []
    assert verzoek.bron == VerzoekBron.PORTAAL and verzoek.ingediend_door == bob
    assert WerklijstItem.objects.get(soort=WerklijstSoort.VERZOEK_TOEWIJZING).onderwerp == verzoek

    # Only bob's organisation and the gemeente see it; only the consulent answers it.
    assert api(charlie).get("/api/v1/verzoeken/").json()["count"] == 0
    assert api(charlie).get(f"/api/v1/verzoeken/{verzoek.pk}/").status_code == 404
    assert [r["id"] for r in api(alice).get("/api/v1/verzoeken/").json()["results"]] == [verzoek.pk]
    assert api(bob).post(f"/api/v1/verzoeken/{verzoek.pk}/toekennen/").status_code == 403
    # A second open request for the same client is refused (TR374), and so is charlie's client for bob.
    response = vot(api(bob), noor, product)
    assert response.status_code == 400 and "TR374" in str(response.json())
    response = vot(api(bob), zeger, product)
    assert response.status_code == 400 and response.json() == {
        "client": ["Kies een cliënt van uw eigen organisatie."]
    }
    assert vot(api(alice), noor, product).status_code == 403
    assert Verzoek.objects.count() == 1

    response = api(alice).post(f"/api/v1/verzoeken/{verzoek.pk}/toekennen/")
    assert response.status_code == 200
    nieuw = Toewijzing.objects.get(client=noor, product=product)
    assert (response.json()["status"], response.json()["toewijzingen"]) == ("toegekend", [nieuw.pk])
    assert nieuw.ingangsdatum == morgen() and nieuw.referentie_aanbieder == verzoek.referentie_aanbieder
    uit = Bericht.objects.get(berichttype="WMO301", richting=Richting.UIT)
    assert verzoek.referentie_aanbieder.encode() in bytes(uit.inhoud)
    # Bob sees the answer and the new toewijzing, in the list as in the detail.
    assert api(bob).get(f"/api/v1/verzoeken/{verzoek.pk}/").json()["toewijzingen"] == [nieuw.pk]
    assert api(bob).get("/api/v1/verzoeken/", {"status": "toegekend"}).json()["results"][0][
        "toewijzingen"
    ] == [nieuw.pk]
    # Granted once: a second answer is refused.
    response = api(alice).post(f"/api/v1/verzoeken/{verzoek.pk}/afwijzen/", {"reden": "7"}, format="json")
    assert response.status_code == 400 and "TR360" in str(response.json())


def test_rejecting_without_a_reason_is_400_cd085_and_with_one_sends_a_319(alice, bob, noor, product):
    vot(api(bob), noor, product)
    verzoek = Verzoek.objects.get()
    afwijzen = f"/api/v1/verzoeken/{verzoek.pk}/afwijzen/"
    response = api(alice).post(afwijzen, {}, format="json")
    assert response.status_code == 400
    [melding] = response.json()["reden"]
    assert (
        melding.startswith("Bij VerzoekAntwoord 1 is RedenAfwijzingVerzoek verplicht.") and "CD085" in melding
    )
    verzoek.refresh_from_db()
    assert verzoek.status == VerzoekStatus.OPEN and not Bericht.objects.filter(berichttype="WMO319").exists()

    response = api(alice).post(afwijzen, {"reden": "7"}, format="json")
    assert response.status_code == 200
    assert (response.json()["status"], response.json()["reden_afwijzing"]) == ("afgewezen", "7")
    assert Bericht.objects.filter(berichttype="WMO319", richting=Richting.UIT).count() == 1
    assert WerklijstItem.objects.get().status == WerklijstStatus.AFGEHANDELD
    assert not Toewijzing.objects.filter(product=product).exists()


def test_in_onderzoek_once_and_a_change_request_for_an_own_toewijzing(alice, bob, noor, zeger, product):
    toewijzing = Toewijzing.objects.get(client=noor)
    nieuwe_einddatum = (timezone.localdate() + dt.timedelta(days=90)).isoformat()
    wijziging = {
        "toewijzing": toewijzing.pk,
        "einddatum": nieuwe_einddatum,
        "toelichting": "Meer hulp nodig.",
    }
    response = api(bob).post(
        "/api/v1/verzoeken/wijziging/",
        {**wijziging, "toewijzing": Toewijzing.objects.get(client=zeger).pk},
        format="json",
    )
    assert response.status_code == 400
    assert response.json() == {"toewijzing": ["Geen toewijzing van uw organisatie met dit id."]}
    response = api(bob).post("/api/v1/verzoeken/wijziging/", wijziging, format="json")
    assert response.status_code == 201
    body = response.json()
    assert body["soort"] == "vow"
    assert body["producten"][0]["TeWijzigenProducten"][0]["Einddatum"] == nieuwe_einddatum

    onderzoek = f"/api/v1/verzoeken/{body['id']}/in-onderzoek/"
    response = api(alice).post(onderzoek)
    assert response.status_code == 200 and response.json()["status"] == "onderzoek"
    assert Bericht.objects.filter(berichttype="WMO319").count() == 1
    response = api(alice).post(onderzoek)
    assert response.status_code == 400 and "TR359" in str(response.json())
    assert Bericht.objects.filter(berichttype="WMO319").count() == 1

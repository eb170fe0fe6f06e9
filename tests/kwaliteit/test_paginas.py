"""The quality pages as users meet them: the resident's survey without an account, the contract
manager's overview, complaints on the worklist, the waiting list, and what a provider may (not) do."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from resultaat.accounts.models import Rol
from resultaat.kwaliteit.models import Capaciteitsmelding, Enquete, Klacht, KlachtStatus, Verzending
from resultaat.kwaliteit.services import klachten
from resultaat.kwaliteit.services.enquetes import verstuur
from resultaat.kwaliteit.web.views import publiek
from resultaat.logfilters import scrub
from resultaat.werklijst.models import WerklijstItem, WerklijstSoort
from tests import factories as f

pytestmark = pytest.mark.django_db

ANTWOORDEN = {
    "cijfer": "9",
    "resultaat": "ja",
    "respect": "ja",
    "betrouwbaar": "deels",
    "aanraden": "ja",
    "toelichting": "De hulp is heel vriendelijk",
}


@pytest.fixture
def carla(alkmaar):
    return f.UserFactory(username="carla", rol=Rol.CONTRACTMANAGER, gemeenten=[alkmaar])


@pytest.fixture
def code(noor, alice):
    return verstuur(toewijzing=noor.toewijzingen.get(), verzending=Verzending.BRIEF, door=alice).code


def test_a_resident_answers_through_the_link_once(client, code, noor):
    start = client.get(reverse("web:enquete-start"), {"code": code})
    assert start.status_code == 302 and start["Location"] == reverse("web:enquete-vragen")
    assert code not in str(dict(client.session))

    vragen = client.get(reverse("web:enquete-vragen")).content.decode()
    assert "uw ondersteuning door <strong>Thuiszorg Noord</strong>" in vragen
    assert noor.achternaam not in vragen and noor.bsn not in vragen

    antwoord = client.post(reverse("web:enquete-vragen"), ANTWOORDEN)
    assert antwoord["Location"] == reverse("web:enquete-bedankt")
    assert Enquete.objects.get().cijfer == 9

    opnieuw = client.get(reverse("web:enquete-start"), {"code": code}, follow=True).content.decode()
    assert "Deze link is al gebruikt of is verlopen." in opnieuw
    onbekend = client.get(reverse("web:enquete-start"), {"code": "ABCD-EFGH-JKMN-PQRS"}).content.decode()
    assert "Deze link is al gebruikt of is verlopen." in onbekend


def test_a_typed_code_works_and_missing_answers_are_named_in_dutch(client, code):
    client.post(reverse("web:enquete-start"), {"code": code.lower().replace("-", " ")})
    pagina = client.post(reverse("web:enquete-vragen"), {"cijfer": "7"}).content.decode()
    assert "U heeft nog niet alle vragen beantwoord." in pagina
    assert "Kies een antwoord." in pagina
    assert not Enquete.objects.filter(beantwoord_op__isnull=False).exists()


def test_the_answer_page_needs_a_csrf_token(code):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    browser.get(reverse("web:enquete-start"), {"code": code})
    assert browser.post(reverse("web:enquete-vragen"), ANTWOORDEN).status_code == 403


def test_too_many_codes_from_one_address_are_slowed_down(client, settings):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "t"}
    }
    for _ in range(publiek.POGINGEN):
        client.get(reverse("web:enquete-start"), {"code": "ABCD-EFGH-JKMN-PQRS"})
    assert client.get(reverse("web:enquete-start"), {"code": "ABCD-EFGH-JKMN-PQRS"}).status_code == 429


def test_the_code_never_reaches_a_log_line():
    assert "ABCDEFGH" not in scrub('"GET /enquete/?code=ABCD-EFGH-JKMN-PQRS HTTP/1.1" 302 0')


def test_the_contract_manager_sees_the_answers_and_the_response_rate(client, carla, code, zeger, alice):
    verstuur(toewijzing=zeger.toewijzingen.get(), verzending=Verzending.BRIEF, door=alice)
    client.get(reverse("web:enquete-start"), {"code": code})
    client.post(reverse("web:enquete-vragen"), ANTWOORDEN)
    client.force_login(carla)

    overzicht = client.get(reverse("web:tevredenheid")).content.decode()
    assert "Thuiszorg Noord" in overzicht and "Zorg Zuid" in overzicht
    assert "100%" in overzicht  # Noord: 1 of 1 answered
    assert "9,0" in overzicht
    lijst = client.get(reverse("web:enquete-list")).content.decode()
    assert "De hulp is heel vriendelijk" in lijst


def test_a_provider_sees_its_own_surveys_without_names_and_cannot_record(client, bob, charlie, code, noor):
    client.get(reverse("web:enquete-start"), {"code": code})
    client.post(reverse("web:enquete-vragen"), ANTWOORDEN)
    enquete = Enquete.objects.get()

    client.force_login(bob)
    lijst = client.get(reverse("web:enquete-list")).content.decode()
    assert "De hulp is heel vriendelijk" in lijst and noor.achternaam not in lijst
    detail = client.get(reverse("web:enquete-detail", args=[enquete.pk])).content.decode()
    assert "De hulp is heel vriendelijk" in detail and noor.achternaam not in detail
    toewijzing = noor.toewijzingen.get()
    assert client.get(reverse("web:toewijzing-enquete", args=[toewijzing.pk])).status_code == 403

    client.force_login(charlie)
    assert "De hulp is heel vriendelijk" not in client.get(reverse("web:enquete-list")).content.decode()
    assert client.get(reverse("web:enquete-detail", args=[enquete.pk])).status_code == 404


def test_staff_record_a_phone_survey_on_the_toewijzing(client, alice, noor):
    toewijzing = noor.toewijzingen.get()
    client.force_login(alice)
    data = {
        **ANTWOORDEN,
        "actie": "vastleggen",
        "afname": "telefoon",
        "datum": timezone.localdate().isoformat(),
    }
    antwoord = client.post(reverse("web:toewijzing-enquete", args=[toewijzing.pk]), data)
    assert antwoord.status_code == 302
    enquete = Enquete.objects.get()
    assert (enquete.afname, enquete.ingevoerd_door, enquete.verzending) == (
        "telefoon",
        alice,
        Verzending.GEEN,
    )


def test_the_letter_is_a_pdf_download(client, alice, noor):
    client.force_login(alice)
    antwoord = client.post(
        reverse("web:toewijzing-enquete", args=[noor.toewijzingen.get().pk]),
        {"actie": "versturen", "verzending": "brief"},
    )
    assert antwoord["Content-Type"] == "application/pdf" and antwoord.content.startswith(b"%PDF")


def test_a_complaint_is_registered_and_lands_on_the_worklist_as_overdue(client, alice, alkmaar, noor, noord):
    f.ContractFactory(
        aanbieder=noord, gemeenten=[alkmaar]
    )  # the form offers the gemeente's contracted providers
    client.force_login(alice)
    ontvangen = timezone.localdate() - dt.timedelta(weeks=8)
    antwoord = client.post(
        reverse("web:klacht-nieuw") + f"?client={noor.pk}",
        {
            "client": noor.pk,
            "aanbieder": noord.pk,
            "ontvangen_op": ontvangen.isoformat(),
            "indiener": "client",
            "categorie": "bejegening",
            "onderwerp": "Hulp kwam niet opdagen",
            "omschrijving": "Drie keer niet gekomen zonder bericht.",
        },
    )
    klacht = Klacht.objects.get()
    assert antwoord["Location"] == reverse("web:klacht-detail", args=[klacht.pk])
    assert klacht.client == noor and klacht.uiterlijk >= ontvangen + dt.timedelta(weeks=6)
    item = WerklijstItem.objects.get(soort=WerklijstSoort.KLACHT)
    assert item.uiterlijk == klacht.uiterlijk

    werklijst = client.get(reverse("web:werklijst")).content.decode()
    assert "Klacht over Thuiszorg Noord: Hulp kwam niet opdagen" in werklijst
    assert "Te laat" in werklijst

    client.post(
        reverse("web:klacht-afhandelen", args=[klacht.pk]),
        {
            "uitkomst": "gegrond",
            "afhandeling": "Excuses en nieuwe afspraken.",
            "afgehandeld_op": timezone.localdate().isoformat(),
        },
    )
    klacht.refresh_from_db()
    assert klacht.status == KlachtStatus.AFGEHANDELD
    assert not WerklijstItem.objects.filter(soort=WerklijstSoort.KLACHT).open().exists()


def test_a_complaint_without_a_client_is_on_the_worklist_too(client, alice, alkmaar, noord):
    klachten.registreer(
        door=alice,
        gemeente=alkmaar,
        aanbieder=noord,
        ontvangen_op=timezone.localdate(),
        categorie="wachttijd",
        onderwerp="Lange wachttijd",
        omschrijving="Buurman wacht al maanden.",
    )
    client.force_login(alice)
    assert (
        "Klacht over Thuiszorg Noord: Lange wachttijd"
        in client.get(reverse("web:werklijst")).content.decode()
    )


def test_bad_complaint_input_gets_a_dutch_message_and_saves_nothing(client, alice):
    client.force_login(alice)
    pagina = client.post(reverse("web:klacht-nieuw"), {"ontvangen_op": "gisteren"}).content.decode()
    assert "Kies de aanbieder waarover de klacht gaat." in pagina
    assert "Vul een geldige datum in." in pagina
    assert not Klacht.objects.exists()


def test_a_provider_reads_complaints_about_itself_only_and_handles_none(
    client, bob, charlie, alice, alkmaar, noord
):
    klacht = klachten.registreer(
        door=alice,
        gemeente=alkmaar,
        aanbieder=noord,
        ontvangen_op=timezone.localdate(),
        categorie="bejegening",
        onderwerp="Onvriendelijk",
        omschrijving="-",
    )
    client.force_login(bob)
    assert "Onvriendelijk" in client.get(reverse("web:klacht-list")).content.decode()
    # Without a client it is sent to its clients: a complaint is registered from the client's page.
    assert client.get(reverse("web:klacht-nieuw"))["Location"] == reverse("web:client-list")
    stap = client.post(
        reverse("web:klacht-stap", args=[klacht.pk]), {"datum": "2026-01-01", "omschrijving": "x"}
    )
    assert stap.status_code == 403
    client.force_login(charlie)
    assert "Onvriendelijk" not in client.get(reverse("web:klacht-list")).content.decode()
    assert client.get(reverse("web:klacht-detail", args=[klacht.pk])).status_code == 404


def test_the_waiting_list_shows_who_waits_and_the_provider_reports_capacity(
    client, carla, bob, alkmaar, noord
):
    product = f.ProductFactory(naam="Dagbesteding licht")
    wachtend = f.ToewijzingFactory(
        client=f.ClientFactory(gemeente=alkmaar),
        aanbieder=noord,
        product=product,
        toewijzingsdatum=timezone.localdate() - dt.timedelta(days=20),
    )
    client.force_login(bob)
    antwoord = client.post(
        reverse("web:capaciteit-melden"),
        {"gemeente": alkmaar.pk, "product": product.pk, "plaatsen": 12, "vrije_plaatsen": 0, "wachtenden": 3},
    )
    assert antwoord.status_code == 302
    assert Capaciteitsmelding.objects.get().wachtenden == 3
    te_veel = client.post(
        reverse("web:capaciteit-melden"),
        {"gemeente": alkmaar.pk, "product": product.pk, "plaatsen": 2, "vrije_plaatsen": 5, "wachtenden": 0},
    ).content.decode()
    assert "Er kunnen niet meer plaatsen vrij zijn dan er in totaal zijn." in te_veel

    client.force_login(carla)
    pagina = client.get(reverse("web:wachtlijst")).content.decode()
    assert "Dagbesteding licht" in pagina and "12 / 0 / 3" in pagina
    assert wachtend.aanbieder.naam in pagina


def test_a_provider_registers_a_complaint_of_its_own_client_for_the_gemeente(
    client, bob, alice, alkmaar, noor, zeger, noord, zuid
):
    client.force_login(bob)
    pagina = client.get(reverse("web:client-detail", args=[noor.pk])).content.decode()
    assert "Klacht van deze cliënt registreren" in pagina
    velden = {
        "client": noor.pk,
        "aanbieder": noord.pk,
        "ontvangen_op": timezone.localdate().isoformat(),
        "indiener": "client",
        "categorie": "bejegening",
        "onderwerp": "Onvriendelijk aan de telefoon",
        "omschrijving": "De planner was kortaf.",
    }
    antwoord = client.post(reverse("web:klacht-nieuw") + f"?client={noor.pk}", velden)
    klacht = Klacht.objects.get()
    assert antwoord["Location"] == reverse("web:klacht-detail", args=[klacht.pk])
    assert (klacht.gemeente, klacht.aanbieder, klacht.client) == (alkmaar, noord, noor)
    assert klacht.stappen.get().omschrijving == "Klacht geregistreerd door de aanbieder."
    assert "Onvriendelijk aan de telefoon" in client.get(reverse("web:klacht-list")).content.decode()
    # The gemeente handles it: on its worklist with the Awb term.
    client.force_login(alice)
    werklijst = client.get(reverse("web:werklijst")).content.decode()
    assert "Klacht over Thuiszorg Noord: Onvriendelijk aan de telefoon" in werklijst

    # Not about another provider, not for another provider's client; nothing half-saved.
    client.force_login(bob)
    anders = client.post(reverse("web:klacht-nieuw") + f"?client={noor.pk}", {**velden, "aanbieder": zuid.pk})
    assert "Kies een aanbieder uit de lijst." in anders.content.decode()
    vreemd = client.post(reverse("web:klacht-nieuw") + f"?client={zeger.pk}", {**velden, "client": zeger.pk})
    assert vreemd.status_code == 404
    with pytest.raises(PermissionDenied):
        klachten.registreer(
            door=bob,
            gemeente=alkmaar,
            aanbieder=zuid,
            client=zeger,
            ontvangen_op=timezone.localdate(),
            categorie="bejegening",
            onderwerp="x",
            omschrijving="x",
        )
    with pytest.raises(PermissionDenied):
        klachten.registreer(
            door=bob,
            gemeente=alkmaar,
            aanbieder=noord,
            client=zeger,
            ontvangen_op=timezone.localdate(),
            categorie="bejegening",
            onderwerp="x",
            omschrijving="x",
        )
    assert Klacht.objects.count() == 1

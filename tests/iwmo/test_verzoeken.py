"""Requests from the provider portal and from 315/317 messages, answered by the consulent on one page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client as WebClient
from django.urls import reverse
from django.utils import timezone
from lxml import etree

from resultaat.core.werkdagen import plus_werkdagen
from resultaat.iwmo import services
from resultaat.iwmo.intake import verwerk
from resultaat.iwmo.models import Bericht, Richting, Verzoek, VerzoekBron, VerzoekStatus
from resultaat.toewijzingen.models import Toewijzing
from resultaat.werklijst.models import WerklijstItem, WerklijstSoort, WerklijstStatus
from tests import factories as f
from tests.iwmo.test_iwmo_toewijzing import vot

D = dt.date


@pytest.fixture(autouse=True)
def _iwmo_dir(settings, tmp_path):
    settings.IWMO_DIR = tmp_path / "iwmo"


def als(user) -> WebClient:
    http = WebClient()
    http.force_login(user)
    return http


@pytest.fixture
def product(noord, alkmaar):
    product = f.ProductFactory(code="HBH01", volume=1, naam="Schoon huis midden")
    f.TariefFactory(product=product)
    contract = f.ContractFactory(aanbieder=noord, gemeenten=[alkmaar])
    f.ContractProductFactory(contract=contract, product=product)
    return product


def morgen() -> dt.date:
    return timezone.localdate() + dt.timedelta(days=1)


def vraag_toewijzing(bob, noor, product, **extra):
    data = {"client": noor.pk, "product": product.pk, "ingangsdatum": morgen().isoformat(), **extra}
    return als(bob).post(reverse("web:verzoek-toewijzing-nieuw"), data, follow=True)


def test_bobs_request_lands_on_alices_worklist_and_granting_it_makes_a_toewijzing_and_a_301(
    alice, bob, noor, product
):
    response = vraag_toewijzing(bob, noor, product, toelichting="Cliënt kan na val niet meer stofzuigen.")
    assert "Uw verzoek is ingediend" in response.text
    verzoek = Verzoek.objects.get()
    assert verzoek.bron == VerzoekBron.PORTAAL and verzoek.bericht is None and verzoek.ingediend_door == bob
    assert verzoek.uiterlijk == plus_werkdagen(timezone.localdate(), 5) == services.deadline(verzoek)
    assert verzoek.producten[0]["Product"] == {"Categorie": product.categorie, "Code": "HBH01"}

    item = WerklijstItem.objects.get(soort=WerklijstSoort.VERZOEK_TOEWIJZING)
    assert item.uiterlijk == verzoek.uiterlijk and item.onderwerp == verzoek
    alice_web = als(alice)
    url = reverse("web:verzoek-detail", args=[verzoek.pk])
    assert url in alice_web.get(reverse("web:werklijst")).text
    pagina = alice_web.get(url).text
    assert "Schoon huis midden" in pagina and "Cliënt kan na val niet meer stofzuigen." in pagina
    assert "Verzoek beantwoorden" in pagina

    response = alice_web.post(url, {"antwoord": "toekennen"}, follow=True)
    assert "Toegekend: toewijzing" in response.text
    nieuw = Toewijzing.objects.get(client=noor, product=product)
    assert nieuw.ingangsdatum == morgen() and nieuw.referentie_aanbieder == verzoek.referentie_aanbieder
    uit = Bericht.objects.get(berichttype="WMO301", richting=Richting.UIT)
    assert verzoek.referentie_aanbieder.encode() in bytes(uit.inhoud)
    item.refresh_from_db()
    assert item.status == WerklijstStatus.AFGEHANDELD

    # Bob sees the answer and the new toewijzing.
    bob_pagina = als(bob).get(url).text
    assert "Beantwoord met een toewijzing (301)" in bob_pagina
    assert str(nieuw.nummer) in bob_pagina
    assert "Verzoek beantwoorden" not in bob_pagina


def test_rejecting_needs_a_reason_and_sends_a_319(alice, bob, noor, product):
    vraag_toewijzing(bob, noor, product)
    verzoek = Verzoek.objects.get()
    url = reverse("web:verzoek-detail", args=[verzoek.pk])
    response = als(alice).post(url, {"antwoord": "afwijzen", "reden": ""})
    assert response.status_code == 200
    assert "Bij VerzoekAntwoord 1 is RedenAfwijzingVerzoek verplicht. (CD085" in response.text
    assert not Bericht.objects.filter(berichttype="WMO319").exists()
    verzoek.refresh_from_db()
    assert verzoek.status == VerzoekStatus.OPEN

    als(alice).post(url, {"antwoord": "afwijzen", "reden": "7"})
    verzoek.refresh_from_db()
    assert verzoek.status == VerzoekStatus.AFGEWEZEN and verzoek.reden_afwijzing == "7"
    antwoord = Bericht.objects.get(berichttype="WMO319")
    root = etree.fromstring(bytes(antwoord.inhoud))
    assert root.findtext(".//{*}VerzoekAntwoord") == "1"
    assert root.findtext(".//{*}RedenAfwijzingVerzoek") == "7"
    assert root.findtext(".//{*}ReferentieAanbieder") == verzoek.referentie_aanbieder
    assert WerklijstItem.objects.get().status == WerklijstStatus.AFGEHANDELD
    assert "Zorginhoudelijke afkeur" in als(bob).get(url).text
    assert not Toewijzing.objects.filter(product=product).exists()


def test_a_315_message_is_answered_on_the_same_page(alice, noord, product):
    (u,) = verwerk([("v.xml", vot(noord.agb_code, f.valid_bsn(), ["REF-77"]))])
    assert u.status == "goedgekeurd", u.problemen
    verzoek = Verzoek.objects.get()
    assert verzoek.bron == VerzoekBron.IWMO
    url = reverse("web:verzoek-detail", args=[verzoek.pk])
    alice_web = als(alice)
    pagina = alice_web.get(url).text
    assert "REF-77" in pagina and reverse("web:bericht-detail", args=[verzoek.bericht_id]) in pagina
    alice_web.post(url, {"antwoord": "onderzoek"})
    verzoek.refresh_from_db()
    assert verzoek.status == VerzoekStatus.IN_ONDERZOEK
    assert Bericht.objects.filter(berichttype="WMO319").count() == 1
    # The client came in with the 315 and has no address yet: the 301 would break TR061, so it is not
    # sent and the consulent sees why; nothing is granted.
    response = alice_web.post(url, {"antwoord": "toekennen"}, follow=True)
    assert "kan zo niet verstuurd worden" in response.text and "TR061" in response.text
    assert not Toewijzing.objects.filter(referentie_aanbieder="REF-77").exists()
    verzoek.client.__class__.objects.filter(pk=verzoek.client_id).update(
        straat="Dorpsstraat", huisnummer="1", postcode="1811AB", woonplaats="Alkmaar"
    )
    response = alice_web.post(url, {"antwoord": "toekennen"}, follow=True)
    assert "Toegekend" in response.text
    assert Toewijzing.objects.get(referentie_aanbieder="REF-77").ingangsdatum == D(2030, 1, 1)


def test_bob_asks_a_new_end_date_and_alice_grants_it(alice, bob, noor):
    toewijzing = Toewijzing.objects.get(client=noor)
    http = als(bob)
    url = reverse("web:verzoek-wijziging-nieuw", args=[toewijzing.pk])
    assert "Verzoek om wijziging" in http.get(reverse("web:toewijzing-detail", args=[toewijzing.pk])).text
    assert http.get(url).status_code == 200
    nieuwe_eind = timezone.localdate() + dt.timedelta(days=60)
    response = http.post(url, {"einddatum": nieuwe_eind.isoformat(), "reden": "2"}, follow=True)
    assert "Uw verzoek is ingediend" in response.text
    verzoek = Verzoek.objects.get()
    assert WerklijstItem.objects.get().soort == WerklijstSoort.VERZOEK_WIJZIGING
    als(alice).post(reverse("web:verzoek-detail", args=[verzoek.pk]), {"antwoord": "toekennen"})
    toewijzing.refresh_from_db()
    assert toewijzing.einddatum == nieuwe_eind and toewijzing.reden_wijziging == "12"


def test_bob_asks_another_product_the_old_one_ends_the_day_before(alice, bob, noor, noord, alkmaar, product):
    toewijzing = Toewijzing.objects.get(client=noor)
    per = timezone.localdate() + dt.timedelta(days=14)
    als(bob).post(
        reverse("web:verzoek-wijziging-nieuw", args=[toewijzing.pk]),
        {"product": product.pk, "ingangsdatum": per.isoformat(), "reden": "1"},
    )
    verzoek = Verzoek.objects.get()
    als(alice).post(reverse("web:verzoek-detail", args=[verzoek.pk]), {"antwoord": "toekennen"})
    toewijzing.refresh_from_db()
    assert toewijzing.einddatum == per - dt.timedelta(days=1)
    assert Toewijzing.objects.get(client=noor, product=product).ingangsdatum == per


def test_bad_requests_get_a_dutch_message_and_save_nothing(bob, noor, zeger, product, alkmaar):
    gisteren = (timezone.localdate() - dt.timedelta(days=1)).isoformat()
    response = vraag_toewijzing(bob, noor, product, ingangsdatum=gisteren)
    assert "De datum mag niet in het verleden liggen." in response.text
    response = vraag_toewijzing(bob, noor, product, einddatum=timezone.localdate().isoformat())
    assert "De einddatum ligt vóór de gewenste ingangsdatum." in response.text
    response = vraag_toewijzing(bob, zeger, product)
    assert "Kies een cliënt uit de lijst." in response.text and "Zuidema" not in response.text
    niet_gecontracteerd = f.ProductFactory(code="XX99")
    response = als(bob).post(
        reverse("web:verzoek-toewijzing-nieuw"),
        {"client": noor.pk, "product": niet_gecontracteerd.pk, "ingangsdatum": morgen().isoformat()},
    )
    assert "Kies een product uit de lijst." in response.text
    assert not Verzoek.objects.exists() and not WerklijstItem.objects.exists()

    vraag_toewijzing(bob, noor, product)
    response = vraag_toewijzing(bob, noor, product)
    assert "Er staat al een open verzoek voor deze cliënt" in response.text
    assert Verzoek.objects.count() == 1

    toewijzing = Toewijzing.objects.get(client=noor, aanbieder=bob.aanbieder)
    response = als(bob).post(reverse("web:verzoek-wijziging-nieuw", args=[toewijzing.pk]), {"reden": "1"})
    assert "Vul een nieuwe einddatum in, kies een ander product, of allebei." in response.text


def test_bob_gets_404_on_charlies_request_and_toewijzing(bob, charlie, zeger, zuid, alkmaar):
    product = f.ProductFactory(code="ZZ01")
    contract = f.ContractFactory(aanbieder=zuid, gemeenten=[alkmaar])
    f.ContractProductFactory(contract=contract, product=product)
    verzoek = services.dien_vot_in(door=charlie, client=zeger, product=product, ingangsdatum=morgen())
    bob_web = als(bob)
    assert bob_web.get(reverse("web:verzoek-detail", args=[verzoek.pk])).status_code == 404
    assert "Zuidema" not in bob_web.get(reverse("web:verzoek-list")).text
    toewijzing = Toewijzing.objects.get(client=zeger)
    assert bob_web.get(reverse("web:verzoek-wijziging-nieuw", args=[toewijzing.pk])).status_code == 404
    assert (
        bob_web.post(reverse("web:verzoek-detail", args=[verzoek.pk]), {"antwoord": "toekennen"}).status_code
        == 404
    )
    assert als(charlie).get(reverse("web:verzoek-detail", args=[verzoek.pk])).status_code == 200


def test_a_provider_cannot_answer_its_own_request(bob, noor, product):
    vraag_toewijzing(bob, noor, product)
    verzoek = Verzoek.objects.get()
    url = reverse("web:verzoek-detail", args=[verzoek.pk])
    assert als(bob).post(url, {"antwoord": "toekennen"}).status_code == 403
    assert not Toewijzing.objects.filter(product=product).exists()

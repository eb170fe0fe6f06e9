"""Provider portal: accept or return a toewijzing, report start / temporary stop / resume / stop, and
choose a subcontractor, as bob of Thuiszorg Noord through the web forms; the consulent sees a return."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client as WebClient
from django.urls import reverse
from django.utils import timezone

from resultaat.contracten.models import Onderaannemer
from resultaat.core import termijnen
from resultaat.core.audit.models import AuditEvent
from resultaat.core.werkdagen import plus_werkdagen
from resultaat.toewijzingen.models import LeveringBron, ReactieAanbieder, Toewijzing
from resultaat.werklijst.models import WerklijstItem, WerklijstSoort
from tests import factories as f

D = dt.date


def als(user) -> WebClient:
    http = WebClient()
    http.force_login(user)
    return http


def url(naam: str, t: Toewijzing) -> str:
    return reverse(f"web:portaal-{naam}", args=[t.pk])


@pytest.fixture
def nieuw(alkmaar, noord):
    """A new toewijzing for bob's organisation: not yet accepted, no start."""
    client = f.ClientFactory(gemeente=alkmaar, voorletters="W.", achternaam="Westerhof")
    return f.ToewijzingFactory(client=client, aanbieder=noord, nummer=4242, ingangsdatum=D(2017, 1, 2))


def test_a_new_toewijzing_is_listed_and_bob_accepts_it(bob, nieuw):
    web = als(bob)
    overzicht = web.get(reverse("web:portaal"))
    assert overzicht.status_code == 200
    assert "Westerhof" in overzicht.text.split("Start nog melden")[0]  # under "Nieuwe toewijzingen"
    detail = web.get(reverse("web:toewijzing-detail", args=[nieuw.pk])).text
    assert "Accepteren" in detail and "Retourneren" in detail and "Start melden" in detail

    response = web.post(url("accepteren", nieuw), follow=True)
    assert "Toewijzing 4242 is geaccepteerd." in response.text
    nieuw.refresh_from_db()
    assert nieuw.reactie == ReactieAanbieder.GEACCEPTEERD and nieuw.reactie_door == bob
    eerste = nieuw.reactie_op

    # Accepting twice changes nothing.
    web.post(url("accepteren", nieuw))
    nieuw.refresh_from_db()
    assert nieuw.reactie_op == eerste

    # Now the start is due: 5 working days after the ingangsdatum, long overdue in 2017.
    overzicht = web.get(reverse("web:portaal")).text
    nieuw_deel, rest = overzicht.split("Start nog melden", 1)
    assert "Westerhof" not in nieuw_deel
    start_deel = rest.split("Tijdelijk gestopt")[0]
    assert "Westerhof" in start_deel
    assert plus_werkdagen(D(2017, 1, 2), 5) == D(2017, 1, 9)  # Monday + 5 working days
    assert "09-01-2017" in start_deel and "Te laat" in start_deel


def test_the_start_deadline_in_the_future_is_not_overdue(bob, alkmaar, noord):
    later = timezone.localdate() + dt.timedelta(days=30)
    t = f.ToewijzingFactory(
        client=f.ClientFactory(gemeente=alkmaar, achternaam="Toekomst"),
        aanbieder=noord,
        ingangsdatum=later,
        toewijzingsdatum=timezone.localdate(),
        geaccepteerd=True,
    )
    start_deel = als(bob).get(reverse("web:portaal")).text.split("Start nog melden")[1].split("Tijdelijk")[0]
    assert plus_werkdagen(t.ingangsdatum, 5).strftime("%d-%m-%Y") in start_deel
    assert "Te laat" not in start_deel


def test_bob_returns_a_toewijzing_and_alice_finds_it_on_her_worklist(alice, bob, erik, nieuw):
    web = als(bob)
    # A return needs a reason.
    response = web.post(url("retourneren", nieuw), {"reden": "  "})
    assert response.status_code == 200
    assert "Geef de reden waarom u de toewijzing retourneert." in response.text
    nieuw.refresh_from_db()
    assert nieuw.reactie == ReactieAanbieder.NIEUW and not WerklijstItem.objects.exists()

    response = web.post(url("retourneren", nieuw), {"reden": "Geen capaciteit in Alkmaar-Noord"}, follow=True)
    assert "is geretourneerd aan de gemeente" in response.text
    nieuw.refresh_from_db()
    assert nieuw.reactie == ReactieAanbieder.GERETOURNEERD
    assert nieuw.retourreden == "Geen capaciteit in Alkmaar-Noord"
    item = WerklijstItem.objects.get()
    assert item.soort == WerklijstSoort.RETOUR and item.client == nieuw.client and item.onderwerp == nieuw
    # The trail names the act in words, attributed to bob; the item is due within the named term.
    event = AuditEvent.objects.get(gebeurtenis="toewijzing.geretourneerd")
    assert event.actor_naam == "bob" and event.client_id == nieuw.client_id
    assert (
        event.tekst
        == f"Toewijzing {nieuw.nummer} geretourneerd door {nieuw.aanbieder}: Geen capaciteit in Alkmaar-Noord"
    )
    assert item.uiterlijk == termijnen.RETOUR_OPVOLGEN.uiterlijk(timezone.localdate())

    # The consulent of Alkmaar sees it, with a link to choose another provider; Heiloo's does not.
    werklijst = als(alice).get(reverse("web:werklijst")).text
    assert "Geen capaciteit in Alkmaar-Noord" in werklijst
    assert reverse("web:toewijzing-overstap", args=[nieuw.pk]) in werklijst
    assert "Geen capaciteit" not in als(erik).get(reverse("web:werklijst")).text
    # The gemeente sees the verdict on the toewijzing page.
    assert "Geretourneerd" in als(alice).get(reverse("web:toewijzing-detail", args=[nieuw.pk])).text
    assert "Geretourneerd" in als(alice).get(reverse("web:toewijzing-list") + "?filter=alle").text

    # A returned toewijzing can no longer start, nor be accepted or returned again.
    response = web.post(url("start", nieuw), {"begindatum": "2017-01-09"})
    assert "Deze toewijzing is geretourneerd; een start kan niet meer." in response.text
    response = web.post(url("accepteren", nieuw))
    assert "al geretourneerd" in response.text
    assert not nieuw.leveringen.exists() and WerklijstItem.objects.count() == 1


def test_a_started_toewijzing_cannot_be_returned(bob, noor):
    t = Toewijzing.objects.get(client=noor)  # noor is in care: a start was reported
    response = als(bob).post(url("retourneren", t), {"reden": "Toch niet"})
    assert response.status_code == 200
    assert "een gestarte toewijzing kan niet meer worden geretourneerd" in response.text
    t.refresh_from_db()
    assert t.reactie != ReactieAanbieder.GERETOURNEERD and not WerklijstItem.objects.exists()


def test_start_temporary_stop_resume_and_stop_through_the_forms(bob, nieuw):
    web = als(bob)
    nieuw.einddatum = D(2017, 12, 31)
    nieuw.save()

    # A stop needs a start; a start must fall within the toewijzing.
    response = web.post(url("stop", nieuw), {"einddatum": "2017-02-01", "reden": "19"})
    assert "een stop heeft een start nodig" in response.text
    response = web.post(url("start", nieuw), {"begindatum": "2016-12-01"})
    assert "valt buiten de toewijzing" in response.text
    response = web.post(url("start", nieuw), {"begindatum": ""})
    assert "Vul de startdatum in." in response.text
    # Nothing to resume before a first start: the same message as in the API and the CSV upload.
    response = web.post(url("hervatten", nieuw), {"begindatum": "2017-01-09"})
    assert "Er is geen tijdelijke stop om te hervatten; meld een start." in response.text
    assert not nieuw.leveringen.exists()

    response = web.post(url("start", nieuw), {"begindatum": "2017-01-09"}, follow=True)
    assert "Start per 09-01-2017 gemeld." in response.text
    levering = nieuw.leveringen.get()
    assert levering.bron == LeveringBron.PORTAAL
    nieuw.refresh_from_db()
    assert nieuw.reactie == ReactieAanbieder.GEACCEPTEERD  # a start accepts a new toewijzing

    # One current start (TR326).
    response = web.post(url("start", nieuw), {"begindatum": "2017-01-10"})
    assert "Deze toewijzing heeft al een lopende start; meld eerst een stop." in response.text

    # Temporary stop with its cause; it shows on the page and the overview.
    response = web.post(
        url("tijdelijke-stop", nieuw),
        {"einddatum": "2017-03-05", "toelichting": "ziekenhuisopname"},
        follow=True,
    )
    assert "Tijdelijke stop per 05-03-2017 gemeld." in response.text
    assert "ziekenhuisopname" in response.text and "Hervatten" in response.text
    levering.refresh_from_db()
    assert (levering.einddatum, levering.reden_beeindiging, levering.toelichting) == (
        D(2017, 3, 5),
        "20",
        "ziekenhuisopname",
    )
    overzicht = web.get(reverse("web:portaal")).text
    tijdelijk_deel = overzicht.split("Tijdelijk gestopt")[1].split("Cliënten in zorg")[0]
    assert "Westerhof" in tijdelijk_deel
    assert "05-03-2017" in tijdelijk_deel and "ziekenhuisopname" in tijdelijk_deel
    # A second temporary stop is refused (TR415).
    response = web.post(url("tijdelijke-stop", nieuw), {"einddatum": "2017-03-06"})
    assert "De levering is al tijdelijk gestopt" in response.text

    # Resume: after the temporary stop only (TR414).
    response = web.post(url("hervatten", nieuw), {"begindatum": "2017-03-05"})
    assert "De hervatting moet na de tijdelijke stop liggen" in response.text
    response = web.post(url("hervatten", nieuw), {"begindatum": "2017-04-03"}, follow=True)
    assert "Hervatting per 03-04-2017 gemeld." in response.text

    # Stop: a reason is required; the date must fall within the toewijzing (TR069).
    response = web.post(url("stop", nieuw), {"einddatum": "2017-06-30", "reden": ""})
    assert "Kies de reden van de stop." in response.text
    response = web.post(url("stop", nieuw), {"einddatum": "2018-01-15", "reden": "19"})
    assert "valt na het einde van de toewijzing (31-12-2017)" in response.text
    response = web.post(url("stop", nieuw), {"einddatum": "2017-06-30", "reden": "19"}, follow=True)
    assert "Stop per 30-06-2017 gemeld (volgens plan)." in response.text

    # After a definitive stop no second stop follows (TR413), but the care can start again (a new
    # start, as the standard allows), after the stop date.
    response = web.post(url("stop", nieuw), {"einddatum": "2017-07-10", "reden": "02"})
    assert "al definitief gestopt" in response.text
    pagina = web.get(reverse("web:toewijzing-detail", args=[nieuw.pk])).text
    assert "Start melden" in pagina and "Hervatten" not in pagina
    response = web.post(url("start", nieuw), {"begindatum": "2017-06-30"})
    assert "De nieuwe start moet na de stop liggen (gestopt op 30-06-2017)." in response.text
    web.post(url("start", nieuw), {"begindatum": "2017-09-04"}, follow=True)
    assert [
        (x.begindatum, x.einddatum, x.reden_beeindiging) for x in nieuw.leveringen.order_by("begindatum")
    ] == [
        (D(2017, 1, 9), D(2017, 3, 5), "20"),
        (D(2017, 4, 3), D(2017, 6, 30), "19"),
        (D(2017, 9, 4), None, ""),
    ]


def test_a_stop_after_a_temporary_stop_makes_it_definitive(bob, nieuw):
    web = als(bob)
    web.post(url("start", nieuw), {"begindatum": "2017-01-09"})
    web.post(url("tijdelijke-stop", nieuw), {"einddatum": "2017-03-05", "toelichting": "opname"})
    response = web.post(url("stop", nieuw), {"einddatum": "2017-03-01", "reden": "02"})
    assert "De definitieve stop mag niet vóór de tijdelijke stop liggen (05-03-2017)." in response.text
    response = web.post(url("stop", nieuw), {"einddatum": "2017-04-01", "reden": "02"}, follow=True)
    assert "Stop per 05-03-2017 gemeld (overlijden)." in response.text
    levering = nieuw.leveringen.get()
    assert (levering.einddatum, levering.reden_beeindiging) == (D(2017, 3, 5), "02")


def test_bob_cannot_act_on_charlies_toewijzing_and_the_gemeente_gets_no_forms(alice, bob, zeger):
    t = Toewijzing.objects.get(client=zeger)
    web = als(bob)
    data = {"begindatum": "2017-03-01", "einddatum": "2017-03-01", "reden": "19", "onderaannemer": ""}
    for naam in (
        "accepteren",
        "retourneren",
        "start",
        "tijdelijke-stop",
        "hervatten",
        "stop",
        "onderaannemer",
    ):
        assert web.get(url(naam, t)).status_code == 404, naam
        assert web.post(url(naam, t), data).status_code == 404, naam
    assert list(t.leveringen.values_list("einddatum", flat=True)) == [None]
    assert "Zuidema" not in web.get(reverse("web:portaal")).text
    # The consulent sees the toewijzing but none of the provider's forms, and cannot open them.
    detail = als(alice).get(reverse("web:toewijzing-detail", args=[t.pk])).text
    assert "Uw acties" not in detail and "Stop melden" not in detail
    assert als(alice).post(url("stop", t), data).status_code == 404


@pytest.fixture
def contract(alkmaar, noord, nieuw):
    c = f.ContractFactory(aanbieder=noord, gemeenten=[alkmaar])
    f.ContractProductFactory(contract=c, product=nieuw.product)
    return c


def test_bob_chooses_a_subcontractor_of_his_contract_and_alice_sees_it(
    alice, bob, charlie, zuid, nieuw, contract
):
    hulp = Onderaannemer.objects.create(contract=contract, naam="Schoon & Zo", geldig_van=D(2017, 1, 1))
    verlopen = Onderaannemer.objects.create(
        contract=contract, naam="Oud Bedrijf", geldig_van=D(2017, 1, 1), geldig_tot=D(2018, 1, 1)
    )
    # Another contract of bob's organisation, not for this product: its subcontractor is refused.
    ander_contract = f.ContractFactory(aanbieder=nieuw.aanbieder, gemeenten=[nieuw.gemeente])
    ander = Onderaannemer.objects.create(contract=ander_contract, naam="Elders BV", geldig_van=D(2017, 1, 1))
    vreemd = Onderaannemer.objects.create(
        contract=f.ContractFactory(aanbieder=zuid, gemeenten=[nieuw.gemeente]),
        naam="Van Charlie",
        geldig_van=D(2017, 1, 1),
    )
    web = als(bob)
    detail = web.get(reverse("web:toewijzing-detail", args=[nieuw.pk])).text
    assert "Schoon &amp; Zo" in detail and "Elders BV" not in detail and "Van Charlie" not in detail

    response = web.post(url("onderaannemer", nieuw), {"onderaannemer": ander.pk})
    assert "Elders BV is geen onderaannemer onder het contract" in response.text
    response = web.post(url("onderaannemer", nieuw), {"onderaannemer": verlopen.pk})
    assert "geen geldige onderaannemer" in response.text
    response = web.post(url("onderaannemer", nieuw), {"onderaannemer": vreemd.pk})
    assert "Kies een onderaannemer uit de lijst." in response.text
    nieuw.refresh_from_db()
    assert nieuw.onderaannemer is None

    response = web.post(url("onderaannemer", nieuw), {"onderaannemer": hulp.pk}, follow=True)
    assert "Onderaannemer: Schoon &amp; Zo." in response.text
    nieuw.refresh_from_db()
    assert nieuw.onderaannemer == hulp
    assert "Schoon &amp; Zo" in als(alice).get(reverse("web:toewijzing-detail", args=[nieuw.pk])).text

    web.post(url("onderaannemer", nieuw), {"onderaannemer": ""})
    nieuw.refresh_from_db()
    assert nieuw.onderaannemer is None


def test_the_switch_to_another_provider_closes_the_return_item(alice, bob, zuid, nieuw):
    from resultaat.toewijzingen import services
    from resultaat.werklijst.models import WerklijstStatus

    services.retourneer_toewijzing(door=bob, toewijzing=nieuw, reden="Geen plek")
    f.ContractProductFactory(
        contract=f.ContractFactory(aanbieder=zuid, gemeenten=[nieuw.gemeente]), product=nieuw.product
    )
    opvolger = services.wissel_aanbieder(
        door=alice, toewijzing=nieuw, nieuwe_aanbieder=zuid, per=D(2017, 1, 9)
    )
    assert opvolger.aanbieder == zuid and opvolger.reactie == ReactieAanbieder.NIEUW
    item = WerklijstItem.objects.get(soort=WerklijstSoort.RETOUR)
    assert item.status == WerklijstStatus.AFGEHANDELD
    assert "Geen plek" not in als(alice).get(reverse("web:werklijst")).text


def test_a_returned_toewijzing_is_not_accepted_and_no_acceptance_is_recorded(bob, alkmaar, noord):
    t = f.ToewijzingFactory(client=f.ClientFactory(gemeente=alkmaar), aanbieder=noord, geretourneerd=True)
    response = als(bob).post(url("accepteren", t))
    assert "al geretourneerd" in response.text
    t.refresh_from_db()
    assert t.reactie == ReactieAanbieder.GERETOURNEERD
    assert not AuditEvent.objects.filter(gebeurtenis="toewijzing.geaccepteerd").exists()


def test_accepting_twice_records_one_acceptance(bob, alkmaar, noord):
    t = f.ToewijzingFactory(client=f.ClientFactory(gemeente=alkmaar), aanbieder=noord)
    als(bob).post(url("accepteren", t))
    als(bob).post(url("accepteren", t))
    (event,) = AuditEvent.objects.filter(gebeurtenis="toewijzing.geaccepteerd")
    assert event.tekst == f"Toewijzing {t.nummer} geaccepteerd door {noord}" and event.actor_naam == "bob"

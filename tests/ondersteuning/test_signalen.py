"""Signals: a provider reports one, the consulent follows it up from the worklist, the provider sees it."""

from __future__ import annotations

import pytest
from django.test import Client as WebClient
from django.urls import reverse

from resultaat.ondersteuning.models import Signaal, SignaalStatus
from resultaat.toewijzingen.models import Toewijzing
from resultaat.werklijst.models import WerklijstItem, WerklijstSoort, WerklijstStatus


def als(user) -> WebClient:
    http = WebClient()
    http.force_login(user)
    return http


@pytest.fixture
def toewijzing_noor(noor):
    return Toewijzing.objects.get(client=noor)


def test_bob_reports_a_signal_alice_follows_it_up_and_bob_sees_the_status(alice, bob, noor, toewijzing_noor):
    bob_web, alice_web = als(bob), als(alice)
    # Bob reports the signal from the toewijzing page.
    pagina = bob_web.get(reverse("web:toewijzing-detail", args=[toewijzing_noor.pk])).text
    assert "Signaal melden" in pagina
    formulier = bob_web.get(reverse("web:signaal-nieuw") + f"?toewijzing={toewijzing_noor.pk}")
    assert formulier.status_code == 200 and "Noordermeer" in formulier.text
    response = bob_web.post(
        reverse("web:signaal-nieuw"),
        {
            "client": noor.pk,
            "soort": "geldzorgen",
            "toelichting": "Post met aanmaningen ligt ongeopend op tafel.",
            "toewijzing": toewijzing_noor.pk,
        },
        follow=True,
    )
    assert "Het signaal is gemeld" in response.text
    signaal = Signaal.objects.get()
    assert signaal.aanbieder == bob.aanbieder and signaal.toewijzing == toewijzing_noor
    assert signaal.gemeld_door == bob

    # It is on alice's worklist, with a deadline and a link to the signal.
    item = WerklijstItem.objects.get(soort=WerklijstSoort.SIGNAAL)
    assert item.onderwerp == signaal and item.gemeente == noor.gemeente and item.uiterlijk is not None
    werklijst = alice_web.get(reverse("web:werklijst")).text
    assert "Signaal van Thuiszorg Noord: geldzorgen" in werklijst
    assert reverse("web:signaal-detail", args=[signaal.pk]) in werklijst

    # Alice records the follow-up: first in behandeling, then afgehandeld.
    url = reverse("web:signaal-detail", args=[signaal.pk])
    assert "Opvolging vastleggen" in alice_web.get(url).text
    alice_web.post(url, {"status": "behandeling", "opvolging": "Schuldhulp gebeld."})
    item.refresh_from_db()
    assert item.status == WerklijstStatus.OPEN
    response = alice_web.post(
        url,
        {
            "status": "afgehandeld",
            "opvolging": "Schuldhulp gebeld; intake op 3 maart. Dossier vertrouwelijk.",
            "terugkoppeling": "Cliënt is doorverwezen naar schuldhulp.",
        },
        follow=True,
    )
    assert "Het signaal is afgehandeld" in response.text
    item.refresh_from_db()
    signaal.refresh_from_db()
    assert item.status == WerklijstStatus.AFGEHANDELD
    assert signaal.status == SignaalStatus.AFGEHANDELD and signaal.opgevolgd_door == alice
    assert "Signaal van Thuiszorg Noord" not in alice_web.get(reverse("web:werklijst")).text

    # Bob sees the status and the terugkoppeling, never the gemeente's internal note.
    lijst = bob_web.get(reverse("web:signaal-list")).text
    assert "Afgehandeld" in lijst
    detail = bob_web.get(url).text
    assert "Cliënt is doorverwezen naar schuldhulp." in detail
    assert "Dossier vertrouwelijk" not in detail
    assert "Opvolging vastleggen" not in detail
    # ... and cannot record a follow-up himself.
    assert bob_web.post(url, {"status": "behandeling", "opvolging": "x"}).status_code == 403


def test_a_signal_needs_a_kind_and_a_note_and_saves_nothing_otherwise(bob, noor):
    response = als(bob).post(
        reverse("web:signaal-nieuw"), {"client": noor.pk, "soort": "", "toelichting": " "}
    )
    assert response.status_code == 200
    assert "Kies de soort signaal." in response.text
    assert "Beschrijf wat u heeft gezien of gehoord." in response.text
    assert not Signaal.objects.exists() and not WerklijstItem.objects.exists()


def test_bob_cannot_report_a_signal_about_charlies_client(bob, noor, zeger):
    response = als(bob).post(
        reverse("web:signaal-nieuw"), {"client": zeger.pk, "soort": "eenzaamheid", "toelichting": "Alleen."}
    )
    assert response.status_code == 200 and "Kies een cliënt uit de lijst." in response.text
    assert "Zuidema" not in response.text
    assert not Signaal.objects.exists()


def test_bob_gets_404_on_charlies_signal(bob, charlie, zeger):
    from resultaat.ondersteuning import services

    signaal = services.meld_signaal(door=charlie, client=zeger, soort="eenzaamheid", toelichting="Alleen.")
    assert als(bob).get(reverse("web:signaal-detail", args=[signaal.pk])).status_code == 404
    assert als(charlie).get(reverse("web:signaal-detail", args=[signaal.pk])).status_code == 200


def test_a_follow_up_needs_a_text_and_a_closed_signal_stays_closed(alice, bob, noor):
    from resultaat.ondersteuning import services

    signaal = services.meld_signaal(door=bob, client=noor, soort="mantelzorg", toelichting="Dochter is op.")
    url = reverse("web:signaal-detail", args=[signaal.pk])
    response = als(alice).post(url, {"status": "afgehandeld", "opvolging": ""})
    assert "Beschrijf wat er met het signaal is gedaan." in response.text
    signaal.refresh_from_db()
    assert signaal.status == SignaalStatus.NIEUW
    services.volg_signaal_op(door=alice, signaal=signaal, status="afgehandeld", opvolging="Respijtzorg.")
    with pytest.raises(Exception, match="al afgehandeld"):
        services.volg_signaal_op(door=alice, signaal=signaal, status="behandeling", opvolging="Nog eens.")


def test_only_a_provider_reports_signals(alice, noor):
    assert als(alice).get(reverse("web:signaal-nieuw")).status_code == 403


def test_the_api_gives_the_provider_the_terugkoppeling_but_not_the_internal_note(alice, bob, noor):
    from resultaat.ondersteuning import services

    signaal = services.meld_signaal(
        door=bob, client=noor, soort="eenzaamheid", toelichting="Zit veel alleen."
    )
    services.volg_signaal_op(
        door=alice,
        signaal=signaal,
        status="afgehandeld",
        opvolging="Buurvrouw gebeld, vertrouwelijk.",
        terugkoppeling="Aangemeld bij de koffieochtend.",
    )
    url = reverse("api:signaal-detail", args=[signaal.pk])
    voor_bob = als(bob).get(url).json()
    assert voor_bob["terugkoppeling"] == "Aangemeld bij de koffieochtend." and voor_bob["opvolging"] == ""
    assert als(alice).get(url).json()["opvolging"] == "Buurvrouw gebeld, vertrouwelijk."


def test_a_consulent_of_another_gemeente_cannot_follow_up(erik, bob, noor):
    from django.core.exceptions import ValidationError

    from resultaat.ondersteuning import services

    signaal = services.meld_signaal(door=bob, client=noor, soort="achteruitgang", toelichting="Valt vaker.")
    assert als(erik).get(reverse("web:signaal-detail", args=[signaal.pk])).status_code == 404
    with pytest.raises(ValidationError, match="gemeente van de cliënt"):
        services.volg_signaal_op(door=erik, signaal=signaal, status="afgehandeld", opvolging="Niets.")

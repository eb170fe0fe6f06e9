# ruff: noqa: F811  (the toegang fixtures are imported from tests.toegang.test_toegang)
"""The toegang pages as a consulent and a provider would notice them."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from resultaat.catalogus.models import Tijdsband
from resultaat.clienten.models import Client
from resultaat.toegang import services as t
from resultaat.toegang.models import Indicatie, IndicatieStatus, Melding, ToegangInstelling
from tests import factories as f
from tests.toegang.test_toegang import aanvraag_voor, contracten, huis, mevrouw  # noqa: F401  (fixtures)

D = dt.date


@pytest.fixture
def als_alice(client, alice):
    client.force_login(alice)
    return client


def test_new_melding_with_a_bsn_failing_the_elfproef_saves_nothing(als_alice, alkmaar):
    data = {
        "bsn": "123456789",
        "achternaam": "Groen",
        "geboortedatum": "1941-03-12",
        "gemeente": alkmaar.pk,
        "ontvangen_op": "2025-01-06",
        "wijze": "telefoon",
    }
    response = als_alice.post(reverse("web:melding-nieuw"), data)
    assert response.status_code == 200
    assert "voldoet niet aan de elfproef" in response.text
    assert not Client.objects.exists() and not Melding.objects.exists()
    response = als_alice.post(
        reverse("web:melding-nieuw"), {**data, "bsn": "999993653", "ontvangen_op": "2999-01-01"}
    )
    assert "ligt in de toekomst" in response.text
    assert not Client.objects.exists()
    response = als_alice.post(reverse("web:melding-nieuw"), {**data, "bsn": "999993653"})
    melding = Melding.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "web:melding-detail", args=[melding.pk]
    )
    page = als_alice.get(response["Location"]).text
    assert "17-02-2025" in page and "Termijn overschreden" in page


def test_the_normenkader_preview_shows_every_term_and_a_clear_message_outside_the_bands(
    als_alice,
    alice,
    mevrouw,
    huis,
    contracten,
):
    aanvraag = aanvraag_voor(alice, mevrouw, huis)
    url = reverse("web:aanvraag-detail", args=[aanvraag.pk])
    response = als_alice.post(
        url,
        {
            "actie": "bereken",
            "resultaat": huis.pk,
            "ingangsdatum": "2025-02-03",
            "post_beperkingen-veel": "on",
            "post_samenstelling-huishouden": "on",
            "post_extra-kamer-in-gebruik": "3",
            "post_extra-vervuiling": "on",
        },
    )
    assert response.status_code == 200
    assert "+125 min" in response.text and "+57 min" in response.text
    assert "287 minuten per week" in response.text
    assert "valt buiten elke band" in response.text and "Basis+1 131–260" in response.text
    response = als_alice.post(
        url,
        {"actie": "indicatie", "resultaat": huis.pk, "ingangsdatum": "2025-02-03", "einddatum": "2025-01-01"},
    )
    assert "De einddatum moet na de ingangsdatum liggen." in response.text
    assert not Indicatie.objects.exists()


def test_a_provider_never_opens_toegang_pages_but_proposes_under_mandate(
    client,
    alice,
    bob,
    mevrouw,
    huis,
    contracten,
    noord,
    alkmaar,
):
    aanvraag = aanvraag_voor(alice, mevrouw, huis)
    ToegangInstelling.objects.create(gemeente=alkmaar, mandaat_aanbieder=True)
    indicatie = t.leg_indicatie_vast(
        door=alice,
        aanvraag=aanvraag,
        resultaat=huis,
        ingangsdatum=D(2025, 2, 3),
        tijdsband=Tijdsband.objects.get(code="basis"),
        mandaat_aanbieder=noord,
    )
    client.force_login(bob)
    assert client.get(reverse("web:aanvraag-detail", args=[aanvraag.pk])).status_code == 404
    assert client.get(reverse("web:melding-detail", args=[aanvraag.melding_id])).status_code == 404
    url = reverse("web:indicatie-detail", args=[indicatie.pk])
    assert "Voorstel indienen" in client.get(url).text
    response = client.post(url, {"actie": "voorstel", "minuten_per_week": "140", "frequentie": "wekelijks"})
    assert "buiten de band Basis" in response.text
    client.post(url, {"actie": "voorstel", "minuten_per_week": "110", "frequentie": "wekelijks"})
    indicatie.refresh_from_db()
    assert (indicatie.status, indicatie.minuten_per_week) == (IndicatieStatus.VOORGESTELD, 110)
    client.force_login(alice)
    client.post(url, {"actie": "akkoord"})
    indicatie.refresh_from_db()
    assert indicatie.status == IndicatieStatus.VASTGESTELD


def test_the_information_letter_is_a_pdf_for_the_consulent(als_alice, mevrouw):
    f.ToewijzingFactory(client=mevrouw)
    response = als_alice.get(reverse("web:informatiebrief", args=[mevrouw.pk]))
    assert response["Content-Type"] == "application/pdf"
    tekst = " ".join(PdfReader(io.BytesIO(response.content)).pages[0].extract_text().split())
    assert "Houd ik mijn vaste hulp?" in tekst


def test_the_werklijst_shows_the_deadlines_most_urgent_first_and_links_to_them(
    als_alice, alice, mevrouw, huis
):
    aanvraag = aanvraag_voor(alice, mevrouw, huis)
    page = als_alice.get(reverse("web:werklijst")).text
    assert "Besluit nemen (aanvraag van 27-01-2025)" in page
    assert "Te laat" in page
    assert reverse("web:aanvraag-detail", args=[aanvraag.pk]) in page
    later = t.registreer_melding(door=alice, client=mevrouw, ontvangen_op=timezone.localdate())
    page = als_alice.get(reverse("web:werklijst")).text
    assert page.index("aanvraag van 27-01-2025") < page.index(f"melding van {later.ontvangen_op:%d-%m-%Y}")


def test_the_information_letters_go_to_every_current_client(tmp_path, noor, zeger, alkmaar):
    from django.core.management import call_command

    call_command("informatiebrieven", gemeente=alkmaar.code, per="2026-01-01", map=str(tmp_path))
    bestanden = sorted(p.name for p in tmp_path.iterdir())
    assert bestanden == sorted(f"informatiebrief-{c.pk}.pdf" for c in (noor, zeger))
    tekst = " ".join(PdfReader(str(tmp_path / bestanden[0])).pages[0].extract_text().split())
    assert "1 januari 2026" in tekst and "Houd ik mijn vaste hulp?" in tekst

"""The amount per month and from when, or why the client is exempt: in the beschikking, the
information letter and the client page, all from ``eigen_bijdrage_voor``."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from resultaat.core.codes import WMO020ProductCategorie as Cat
from resultaat.eigen_bijdrage import cak
from resultaat.eigen_bijdrage.models import Huisgenoot, IndividueleVrijstelling, Rol, Vrijstelling
from resultaat.eigen_bijdrage.services import eigen_bijdrage_voor
from resultaat.toegang import services as t
from resultaat.toegang.brieven import beschikking_html, informatiebrief_html
from tests import factories as f
from tests.toegang.test_toegang import aanvraag_voor

D = dt.date
pytestmark = pytest.mark.django_db


def besluit(alice, client, huis, noord):
    aanvraag = aanvraag_voor(alice, client, huis)
    ind = t.leg_indicatie_vast(
        door=alice, aanvraag=aanvraag, resultaat=huis, ingangsdatum=D(2025, 2, 3), keuzes={}
    )
    t.kies_aanbieder(door=alice, indicatie=ind, aanbieder=noord)
    return t.neem_besluit(
        door=alice, aanvraag=aanvraag, besluitdatum=D(2025, 1, 31), motivering="Past bij de situatie."
    )


def test_beschikking_noemt_bedrag_en_ingangsmaand(alice, mevrouw, huis, contracten, noord):
    beschikking = besluit(alice, mevrouw, huis, noord)
    assert beschikking.eigen_bijdrage_cent == 2100
    html = beschikking_html(beschikking)
    assert "€ 21,00 per maand" in html and "vanaf 1 maart 2025" in html


def test_beschikking_noemt_de_vrijstelling_uit_de_gegevens_van_het_huishouden(
    alice,
    mevrouw,
    huis,
    contracten,
    noord,
):
    Huisgenoot.objects.create(
        client=mevrouw, rol=Rol.PARTNER, geboortedatum=D(1965, 6, 1), vanaf=D(1990, 1, 1)
    )
    beschikking = besluit(alice, mevrouw, huis, noord)
    assert beschikking.eigen_bijdrage_cent is None
    assert "want gehuwd of samenwonend, en een van beiden heeft de AOW-leeftijd nog niet" in beschikking_html(
        beschikking
    )


def test_informatiebrief_noemt_de_vrijstelling(alice, mevrouw, huis, contracten, noord):
    besluit(alice, mevrouw, huis, noord)  # the letter is for current clients of huishoudelijke hulp
    IndividueleVrijstelling.objects.create(client=mevrouw, reden=Vrijstelling.WLZ, vanaf=D(2024, 1, 1))
    html = informatiebrief_html(mevrouw, datum=D(2025, 11, 3), per_datum=D(2026, 1, 1))
    assert (
        "U betaalt geen eigen bijdrage, want het huishouden betaalt al een eigen bijdrage voor de Wlz."
        in html
    )


def test_clientpagina_toont_bedrag_vanaf_en_wat_het_cak_weet(client, alice, alkmaar, time_machine):
    time_machine.move_to(dt.datetime(2026, 6, 10, 10, 0, tzinfo=dt.UTC), tick=False)
    mens = f.ClientFactory(gemeente=alkmaar, geboortedatum=D(1944, 1, 1))
    f.ToewijzingFactory(client=mens, ingangsdatum=D(2026, 1, 15))
    partner = f.ClientFactory(gemeente=alkmaar, achternaam="Partner", geboortedatum=D(1945, 1, 1))
    Huisgenoot.objects.create(
        client=mens,
        rol=Rol.PARTNER,
        naam="Partner",
        geboortedatum=D(1945, 1, 1),
        als_client=partner,
        vanaf=D(1970, 1, 1),
    )
    cak.maak_wmo405(door=alice, gemeente=alkmaar, maand=D(2026, 1, 1))
    client.force_login(alice)
    html = client.get(reverse("web:client-detail", args=[mens.pk])).content.decode()
    assert "Eigen bijdrage" in html
    assert "€ 21,80 per maand" in html and "01-02-2026" in html
    assert "Partner (gehuwd of samenwonend) Partner, geboren 01-01-1945 (ook cliënt)" in html
    assert "Doorgegeven aan het CAK" in html and "Verzonden, wacht op antwoord" in html
    html_partner = client.get(reverse("web:client-detail", args=[partner.pk])).content.decode()
    assert (
        "Reden vrijstelling" in html_partner
        and "er loopt geen ondersteuning met eigen bijdrage" in html_partner
    )


def test_clientpagina_toont_de_reden_van_vrijstelling(client, alice, alkmaar, time_machine):
    time_machine.move_to(dt.datetime(2026, 6, 10, 10, 0, tzinfo=dt.UTC), tick=False)
    mens = f.ClientFactory(gemeente=alkmaar)
    f.ToewijzingFactory(
        client=mens, ingangsdatum=D(2026, 1, 15), product=f.ProductFactory(categorie=Cat.BESCHERMD_WONEN)
    )
    client.force_login(alice)
    html = client.get(reverse("web:client-detail", args=[mens.pk])).content.decode()
    assert "Voor beschermd wonen en opvang geldt niet het abonnementstarief" in html


def test_aanbieder_ziet_geen_eigen_bijdrage(client, bob, noor):
    client.force_login(bob)
    html = client.get(reverse("web:client-detail", args=[noor.pk])).content.decode()
    assert "Eigen bijdrage" not in html


def test_huishouden_en_vrijstelling_via_de_pagina(client, alice, alkmaar, time_machine):
    time_machine.move_to(dt.datetime(2026, 6, 10, 10, 0, tzinfo=dt.UTC), tick=False)
    mens = f.ClientFactory(gemeente=alkmaar, geboortedatum=D(1950, 1, 1))
    f.ToewijzingFactory(client=mens, ingangsdatum=D(2026, 1, 15))
    client.force_login(alice)
    url = reverse("web:eigen-bijdrage-huishouden", args=[mens.pk])
    assert (
        "Huishouden en vrijstellingen vastleggen"
        in client.get(reverse("web:client-detail", args=[mens.pk])).content.decode()
    )
    antwoord = client.post(
        url, {"rol": "partner", "naam": "K. Jansen", "geboortedatum": "1964-02-01", "vanaf": "1990-01-01"}
    )
    assert antwoord.status_code == 302
    html = client.get(url).content.decode()
    assert "want gehuwd of samenwonend, en een van beiden heeft de AOW-leeftijd nog niet" in html
    fout = client.post(url, {"rol": "partner", "geboortedatum": "1970-01-01", "vanaf": "2020-01-01"})
    assert (
        fout.status_code == 200
        and "Er woont in die periode al een partner bij de cliënt." in fout.content.decode()
    )
    vrij = reverse("web:eigen-bijdrage-vrijstelling", args=[mens.pk])
    fout = client.post(vrij, {"reden": "minima", "vanaf": "2026-02-01", "tot": "2026-01-01"})
    assert "De einddatum van de vrijstelling moet na de begindatum liggen." in fout.content.decode()
    assert client.post(vrij, {"reden": "minima", "vanaf": "2026-01-01"}).status_code == 302
    assert IndividueleVrijstelling.objects.get(client=mens).reden == "minima"


def test_aanbieder_en_andere_gemeente_komen_niet_bij_het_huishouden(client, bob, erik, noor):
    for user in (bob, erik):
        client.force_login(user)
        assert client.get(reverse("web:eigen-bijdrage-huishouden", args=[noor.pk])).status_code in (403, 404)
        antwoord = client.post(
            reverse("web:eigen-bijdrage-vrijstelling", args=[noor.pk]),
            {"reden": "minima", "vanaf": "2026-01-01"},
        )
        assert antwoord.status_code in (403, 404)
    assert not IndividueleVrijstelling.objects.exists()


def test_een_vrijstelling_bij_het_besluit_geldt_ook_voor_het_cak_en_latere_brieven(
    alice, mevrouw, huis, contracten, noord
):
    aanvraag = aanvraag_voor(alice, mevrouw, huis)
    ind = t.leg_indicatie_vast(
        door=alice, aanvraag=aanvraag, resultaat=huis, ingangsdatum=D(2025, 2, 3), keuzes={}
    )
    t.kies_aanbieder(door=alice, indicatie=ind, aanbieder=noord)
    beschikking = t.neem_besluit(
        door=alice,
        aanvraag=aanvraag,
        besluitdatum=D(2025, 1, 31),
        motivering="Past bij de situatie.",
        vrijstelling=Vrijstelling.MINIMA,
    )
    assert not beschikking.eigen_bijdrage_cent
    vrijstelling = IndividueleVrijstelling.objects.get(client=mevrouw)
    assert (vrijstelling.reden, vrijstelling.vanaf) == (Vrijstelling.MINIMA, D(2025, 2, 3))
    assert beschikking.nummer in vrijstelling.toelichting
    later = eigen_bijdrage_voor(mevrouw, D(2025, 6, 1))
    assert later.bedrag_cent is None and later.reden == Vrijstelling.MINIMA and "minimabeleid" in later.tekst

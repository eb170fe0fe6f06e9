"""The start page per role: the work waiting for that role, each count a link to a list that shows that
many rows; users greeted by their name; numbers with a thousands separator and "250+" past the bound."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from resultaat.accounts.models import Rol
from resultaat.accounts.services import geef_beheertoegang
from resultaat.bekostiging import services as bekostiging
from resultaat.clienten.models import Client
from resultaat.core.paginering import getal_begrensd, tel_begrensd
from resultaat.ondersteuning.models import Signaal
from resultaat.werklijst.models import WerklijstItem, WerklijstSoort
from tests import factories as f
from tests.bekostiging.helpers import maak_wereld

TEGEL = re.compile(
    r'<li class="resultaat-kaart[^"]*"><a [^>]*href="([^"]+)">'
    r'<span class="resultaat-kaart__getal">([^<]+)</span> ([^<]+)</a>'
)


def tegels(client: Any) -> list[tuple[str, int, str]]:
    """The start page's counts: (link, number, text)."""
    html = client.get(reverse("web:home")).content.decode()
    return [(u.replace("&amp;", "&"), int(g.replace(".", "")), t) for u, g, t in TEGEL.findall(html)]


def rijen_achter(client: Any, adres: str) -> int:
    """How many rows the list behind a link shows (the part of the page its anchor names)."""
    response = client.get(adres)
    assert response.status_code == 200, adres
    context = response.context
    anker = adres.partition("#")[2]
    if anker == "te-beoordelen":
        return context["nieuw_paginator"].count
    if anker == "start-melden":
        return context["start_paginator"].count
    if anker == "af-te-rekenen":
        return len(context["af_te_rekenen"])
    if anker == "afgekeurd":
        return len(context["afgekeurd"])
    if anker == "maken":  # one month without its delivery to the CAK: none of the files is for it
        vorige_maand = (timezone.localdate().replace(day=1) - dt.timedelta(days=1)).replace(day=1)
        return int(all(lev.bericht.periode != vorige_maand for lev in context["leveringen"]))
    if "cl" in context:  # a list in the beheer (admin)
        return context["cl"].result_count
    return context["paginator"].count


def controleer(client: Any) -> list[tuple[str, int, str]]:
    gevonden = tegels(client)
    assert gevonden, "the start page shows no work"
    for adres, aantal, tekst in gevonden:
        assert rijen_achter(client, adres) == aantal, (tekst, adres)
    return gevonden


def aantal(gevonden: list[tuple[str, int, str]], woorden: str) -> int:
    return next(n for _, n, t in gevonden if woorden in t)


@pytest.mark.django_db
def test_the_consulents_counts_lead_to_worklists_with_that_many_rows(client, alice, noor, zeger, alkmaar):
    vandaag = timezone.localdate()
    for soort, dagen in [
        (WerklijstSoort.ONDERZOEK, -3),
        (WerklijstSoort.ONDERZOEK, -1),
        (WerklijstSoort.ONDERZOEK, 2),
        (WerklijstSoort.ONDERZOEK, 30),
        (WerklijstSoort.BESLUIT, 10),
        (WerklijstSoort.EVALUATIE, -5),
        (WerklijstSoort.RETOUR, 1),
    ]:
        WerklijstItem.objects.create(
            gemeente=alkmaar,
            client=noor,
            soort=soort,
            omschrijving=f"{soort} {dagen}",
            uiterlijk=vandaag + dt.timedelta(days=dagen),
        )
    Signaal.objects.create(
        client=zeger,
        aanbieder=f.AanbiederFactory(),
        soort="eenzaamheid",
        toelichting="Alleen",
        gemeld_op=timezone.now(),
    )
    client.force_login(alice)
    gevonden = controleer(client)
    assert aantal(gevonden, "meldingen te onderzoeken") == 4
    assert aantal(gevonden, "onderzoeken over de termijn") == 2
    assert aantal(gevonden, "onderzoeken met de termijn binnen een week") == 1
    assert aantal(gevonden, "aanvragen om te besluiten") == 1
    assert aantal(gevonden, "nieuwe signalen") == 1
    assert aantal(gevonden, "taken over de termijn") == 3
    # The worklist says what it is filtered on.
    html = client.get(
        reverse("web:werklijst"), {"status": "open", "soort": "onderzoek", "termijn": "verlopen"}
    )
    assert "Alleen taken voor onderzoek na melding, over de termijn" in html.content.decode()


@pytest.mark.django_db
def test_the_providers_counts_lead_to_lists_with_that_many_rows(client, bob, noord, alkmaar):
    vandaag = timezone.localdate()
    product = f.ProductFactory()
    for _ in range(2):  # new: to accept or return
        f.ToewijzingFactory(
            client=f.ClientFactory(gemeente=alkmaar), aanbieder=noord, product=product, ingangsdatum=vandaag
        )
    # accepted a month ago, no start reported: to start, and late
    f.ToewijzingFactory(
        client=f.ClientFactory(gemeente=alkmaar),
        aanbieder=noord,
        product=product,
        ingangsdatum=vandaag - dt.timedelta(days=30),
        geaccepteerd=True,
    )
    f.ToewijzingFactory(
        client=f.ClientFactory(gemeente=alkmaar),
        aanbieder=noord,
        product=product,
        ingangsdatum=vandaag,
        geretourneerd=True,
    )
    # ended last week, still delivering: the stop is to be reported
    beeindigd = f.ToewijzingFactory(
        client=f.ClientFactory(gemeente=alkmaar),
        aanbieder=noord,
        product=product,
        ingangsdatum=vandaag - dt.timedelta(days=100),
        einddatum=vandaag - dt.timedelta(days=7),
        geaccepteerd=True,
    )
    f.LeveringFactory(toewijzing=beeindigd)
    client.force_login(bob)
    gevonden = controleer(client)
    assert aantal(gevonden, "stop melden") == 1
    assert aantal(gevonden, "nieuwe toewijzingen om te accepteren") == 2
    assert aantal(gevonden, "start nog melden") == 1
    assert aantal(gevonden, "start te laat") == 1
    assert aantal(gevonden, "die u retourneerde") == 1


@pytest.mark.django_db
def test_a_provider_is_greeted_by_name_or_organisation_never_as_medewerker(client, noord):
    naamloos = f.UserFactory(
        username="p.jansen", rol=Rol.AANBIEDER, aanbieder=noord, first_name="", last_name=""
    )
    client.force_login(naamloos)
    assert "Goedendag, Thuiszorg Noord" in client.get(reverse("web:home")).content.decode()
    met_naam = f.UserFactory(username="pietje", rol=Rol.AANBIEDER, aanbieder=noord, first_name="Pieter")
    client.force_login(met_naam)
    assert "Goedendag, Pieter" in client.get(reverse("web:home")).content.decode()


@pytest.mark.django_db
def test_financieel_sees_the_runs_a_colleague_made_to_approve(client):
    wereld = maak_wereld()
    wereld.toewijzing(dt.date(2017, 1, 2))
    periode = bekostiging.zoek_periode(wereld.gemeente, "2017-P01")
    bekostiging.afrekenen(gemeente=wereld.gemeente, periode=periode, door=wereld.fenna)
    client.force_login(wereld.frank)
    gevonden = controleer(client)
    assert aantal(gevonden, "afrekenruns van een collega om goed te keuren") == 1
    assert aantal(gevonden, "eigen afrekenruns") == 0
    client.force_login(wereld.fenna)
    gevonden = controleer(client)
    # Four eyes: the maker sees its run waiting for someone else, not as work to approve.
    assert aantal(gevonden, "afrekenruns van een collega om goed te keuren") == 0
    assert aantal(gevonden, "eigen afrekenruns") == 1


@pytest.mark.django_db
@pytest.mark.parametrize("rol", [Rol.CONTRACTMANAGER, Rol.BEHEERDER, Rol.AUDITOR])
def test_the_other_roles_counts_lead_to_lists_with_that_many_rows(client, alkmaar, noor, noord, rol):
    vandaag = timezone.localdate()
    f.ToewijzingFactory(
        client=f.ClientFactory(gemeente=alkmaar),
        aanbieder=noord,
        ingangsdatum=vandaag - dt.timedelta(days=40),
        geaccepteerd=True,
    )
    user = f.UserFactory(username=f"test-{rol}", rol=rol, gemeenten=[alkmaar], is_staff=rol == Rol.BEHEERDER)
    if rol == Rol.BEHEERDER:
        geef_beheertoegang(user)
    client.force_login(user)
    gevonden = controleer(client)
    if rol == Rol.CONTRACTMANAGER:
        assert aantal(gevonden, "start niet op tijd meldde") == 1


@pytest.mark.django_db
def test_a_count_on_the_start_page_stops_at_250(alkmaar):
    for i in range(260):
        f.ClientFactory(gemeente=alkmaar, achternaam=f"N{i:04d}")
    n = tel_begrensd(Client.objects.all())
    assert n == 251
    assert getal_begrensd(n) == "250+"
    assert getal_begrensd(1234, grens=5000) == "1.234"


@pytest.mark.django_db
def test_the_contractmanager_sees_the_providers_to_talk_to_with_links_to_their_rows(
    client, alkmaar, noord, zuid
):
    vandaag = timezone.localdate()
    for _ in range(2):
        f.ToewijzingFactory(
            client=f.ClientFactory(gemeente=alkmaar),
            aanbieder=noord,
            ingangsdatum=vandaag - dt.timedelta(days=40),
            geaccepteerd=True,
        )
    f.ToewijzingFactory(client=f.ClientFactory(gemeente=alkmaar), aanbieder=zuid, geretourneerd=True)
    user = f.UserFactory(username="ingrid", rol=Rol.CONTRACTMANAGER, gemeenten=[alkmaar])
    client.force_login(user)
    response = client.get(reverse("web:home"))
    rijen = response.context["aanbieders_om_te_spreken"]
    assert [(r.aanbieder.naam, r.start_te_laat, r.geretourneerd) for r in rijen] == [
        ("Thuiszorg Noord", 2, 0),
        ("Zorg Zuid", 0, 1),
    ]
    # Each number links to that provider's rows in the toewijzingen list.
    assert rijen_achter(client, rijen[0].url_start_te_laat) == 2
    assert rijen_achter(client, rijen[1].url_geretourneerd) == 1
    assert "Aanbieders om te spreken" in response.content.decode()

"""What the costliest pages ask of the database: a list page counts its rows once and only up to a bound;
gemeente staff are limited to their gemeenten on the record's own gemeente, without a join to every
client; the providers list counts each provider's active toewijzingen of the user's gemeenten."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from lxml import html

from resultaat.accounts.models import Rol
from resultaat.clienten.models import Client
from resultaat.iwmo.models import Verzoek
from resultaat.ondersteuning.models import (
    Evaluatie,
    Ondersteuningsplan,
    Regiegesprek,
    SocialeKaartVoorziening,
)
from resultaat.toegang.models import Aanvraag, Beschikking, Melding
from resultaat.toewijzingen.models import Levering, Toewijzing
from tests import factories as f

GEBOREN = dt.date(1950, 1, 1)


@pytest.mark.django_db
def test_a_list_page_counts_its_rows_once_and_only_up_to_a_bound(client, alice, alkmaar):
    Client.objects.bulk_create(
        [
            Client(gemeente=alkmaar, bsn=f.valid_bsn(), achternaam=f"N{i:04d}", geboortedatum=GEBOREN)
            for i in range(30)
        ]
    )
    client.force_login(alice)
    with CaptureQueriesContext(connection) as queries:
        pagina = client.get(reverse("web:client-list"))
    assert pagina.status_code == 200
    tekst = pagina.content.decode()
    assert "30 cliënten" in tekst and "N0000" in tekst and "N0025" not in tekst
    sql = [q["sql"].upper() for q in queries.captured_queries]
    lijst = [q for q in sql if 'FROM "CLIENTEN_CLIENT"' in q]
    tellingen = [q for q in lijst if q.startswith("SELECT COUNT(")]
    # One count, bounded (``LIMIT``), and one read of the page's rows: not a count of every visible row
    # by the table library first, nor the rows up to the bound fetched to count them.
    assert len(tellingen) == 1 and "LIMIT" in tellingen[0]
    assert len([q for q in lijst if not q.startswith("SELECT COUNT(")]) == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    "model",
    [
        Toewijzing,
        Levering,
        Melding,
        Aanvraag,
        Beschikking,
        Ondersteuningsplan,
        Evaluatie,
        Regiegesprek,
        Verzoek,
    ],
)
def test_gemeente_staff_are_limited_on_the_records_own_gemeente_without_joining_every_client(model, alice):
    sql = str(model.objects.for_user(alice).query)
    assert "clienten_client" not in sql


@pytest.mark.django_db
def test_gemeente_staff_see_the_toewijzingen_and_deliveries_of_their_own_gemeenten_only(
    alice, alkmaar, heiloo, noord
):
    eigen = f.ToewijzingFactory(client=f.ClientFactory(gemeente=alkmaar), aanbieder=noord)
    ander = f.ToewijzingFactory(client=f.ClientFactory(gemeente=heiloo), aanbieder=noord)
    f.LeveringFactory(toewijzing=eigen)
    f.LeveringFactory(toewijzing=ander)
    assert list(Toewijzing.objects.for_user(alice)) == [eigen]
    assert [lev.toewijzing for lev in Levering.objects.for_user(alice)] == [eigen]


@pytest.mark.django_db
def test_the_providers_list_counts_each_providers_active_toewijzingen_in_the_users_gemeenten(
    client, alkmaar, heiloo, noord, zuid
):
    inkoper = f.UserFactory(username="ingrid", rol=Rol.CONTRACTMANAGER, gemeenten=[alkmaar])
    f.ContractFactory(aanbieder=noord, gemeenten=[alkmaar, heiloo])
    f.ContractFactory(aanbieder=zuid, gemeenten=[alkmaar])
    vandaag = dt.date.today()
    for _ in range(3):
        f.ToewijzingFactory(client=f.ClientFactory(gemeente=alkmaar), aanbieder=noord)
    # Not counted: ended yesterday, starting tomorrow, or another gemeente's.
    f.ToewijzingFactory(
        client=f.ClientFactory(gemeente=alkmaar), aanbieder=noord, einddatum=vandaag - dt.timedelta(days=1)
    )
    f.ToewijzingFactory(
        client=f.ClientFactory(gemeente=alkmaar), aanbieder=noord, ingangsdatum=vandaag + dt.timedelta(days=1)
    )
    f.ToewijzingFactory(client=f.ClientFactory(gemeente=heiloo), aanbieder=noord)
    client.force_login(inkoper)
    boom = html.fromstring(client.get(reverse("web:aanbieder-list")).content.decode())
    rijen = {
        tr.xpath("./td")[0].text_content().strip(): tr.xpath("./td")[-1].text_content().strip()
        for tr in boom.xpath("//table[contains(@class, 'resultaat-tabel')]//tbody/tr")
    }
    assert rijen == {"Thuiszorg Noord": "3", "Zorg Zuid": "0"}
    # Sorted on that count, most first.
    boom = html.fromstring(
        client.get(reverse("web:aanbieder-list"), {"sort": "-toewijzingen_actief"}).content.decode()
    )
    namen = [
        tr.xpath("./td")[0].text_content().strip()
        for tr in boom.xpath("//table[contains(@class, 'resultaat-tabel')]//tbody/tr")
    ]
    assert namen == ["Thuiszorg Noord", "Zorg Zuid"]


@pytest.mark.django_db
def test_a_providers_sociale_kaart_is_that_of_the_gemeenten_of_its_toewijzingen_found_without_clients(
    bob, alkmaar, heiloo, noord
):
    f.ToewijzingFactory(client=f.ClientFactory(gemeente=alkmaar), aanbieder=noord)
    hier = SocialeKaartVoorziening.objects.create(gemeente=alkmaar, naam="Buurthuis Alkmaar")
    SocialeKaartVoorziening.objects.create(gemeente=heiloo, naam="Dorpshuis Heiloo")
    with CaptureQueriesContext(connection) as queries:
        assert list(SocialeKaartVoorziening.objects.for_user(bob)) == [hier]
    assert not any("clienten_client" in q["sql"] for q in queries.captured_queries)

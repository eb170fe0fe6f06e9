"""Finance staff open one client's payments from a search (name, birth date, client number or a BSN
in a POST): the lines per period and run, the search and the read in the access log."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from resultaat.bekostiging import services
from resultaat.core.audit.models import Actie, AuditEvent
from tests import factories as f
from tests.bekostiging.helpers import maak_wereld

pytestmark = pytest.mark.django_db


@pytest.fixture
def wereld():
    w = maak_wereld()
    w.anna = f.ClientFactory(gemeente=w.gemeente, achternaam="Appelboom", geboortedatum=dt.date(1944, 4, 4))
    w.bert = f.ClientFactory(gemeente=w.gemeente, achternaam="Appel", geboortedatum=dt.date(1951, 1, 1))
    w.toewijzing(dt.date(2017, 1, 2), client=w.anna)
    w.toewijzing(dt.date(2017, 1, 2), client=w.bert)
    for code in ("2017-P01", "2017-P02"):
        periode = services.zoek_periode(w.gemeente, code)
        run = services.afrekenen(gemeente=w.gemeente, periode=periode, door=w.fenna).run
        services.keur_goed(run=run, door=w.frank)
    return w


def zoek(client, **velden):
    return client.post(reverse("web:client-betalingen-zoeken"), velden, follow=True)


def test_a_search_by_name_and_birth_date_opens_the_clients_lines_per_period_and_run(client, wereld):
    client.force_login(wereld.frank)
    response = zoek(client, achternaam="appel", geboortedatum="1944-04-04")
    assert response.redirect_chain[-1][0] == reverse("web:client-betalingen", args=[wereld.anna.pk])
    html = response.content.decode()
    assert "Betalingen voor" in html and wereld.anna.naam in html
    regels = response.context["regels"]
    assert {r.periode.code for r in regels} == {"2017-P01", "2017-P02"}
    assert {r.client_id for r in regels} == {wereld.anna.pk}
    assert "2017-P02" in html and "€ 216,00" in html
    # The search and the read are in the access log, about this client.
    acties = set(AuditEvent.objects.filter(client_id=wereld.anna.pk).values_list("actie", flat=True))
    assert {Actie.GEZOCHT, Actie.GELEZEN} <= acties


def test_a_name_shared_by_two_clients_gives_a_choice(client, wereld):
    client.force_login(wereld.frank)
    html = zoek(client, achternaam="Appel").content.decode()
    assert "2 cliënten gevonden" in html
    assert reverse("web:client-betalingen", args=[wereld.bert.pk]) in html


def test_a_bsn_is_searched_in_the_body_and_never_in_the_url(client, wereld):
    client.force_login(wereld.frank)
    response = zoek(client, bsn=wereld.bert.bsn)
    assert response.redirect_chain[-1][0] == reverse("web:client-betalingen", args=[wereld.bert.pk])
    assert wereld.bert.bsn not in response.redirect_chain[-1][0]
    # A BSN in a query string is refused before any view reads it.
    assert client.get(reverse("web:client-betalingen-zoeken"), {"bsn": wereld.bert.bsn}).status_code == 400


def test_a_client_of_another_gemeente_is_not_found(client, wereld, heiloo):
    ander = f.ClientFactory(gemeente=heiloo, achternaam="Appelgaard")
    client.force_login(wereld.frank)
    html = zoek(client, nummer=ander.pk).content.decode()
    assert "Geen cliënt gevonden" in html
    assert client.get(reverse("web:client-betalingen", args=[ander.pk])).status_code == 404


def test_an_empty_search_asks_for_something_to_search(client, wereld):
    client.force_login(wereld.frank)
    html = zoek(client).content.decode()
    assert "Vul een naam, een geboortedatum, een cliëntnummer of een BSN in." in html

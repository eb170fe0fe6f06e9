"""P6: every read, search, export and print of client data is in the access log (NEN 7513), in the
web pages, the API, the files and the commands."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from resultaat.bekostiging import services as bk
from resultaat.bekostiging.models import Betaalbatch
from resultaat.core.audit.models import AuditEvent
from resultaat.ondersteuning.models import Ondersteuningsplan
from tests import factories as f
from tests.bekostiging.helpers import D, maak_wereld
from tests.test_api import api


def acties(**filters) -> list[tuple[str, str, int | None]]:
    return [
        (e.actie, e.content_type.model, e.client_id)
        for e in AuditEvent.objects.filter(**filters).select_related("content_type").order_by("id")
    ]


@pytest.fixture
def beschikking(noor):
    toewijzing = noor.toewijzingen.get()
    return f.toegangsketen(toewijzing, beschikkingnummer="B-2016-001").beschikking


def test_the_beschikking_in_the_api_read_and_printed(alice, noor, beschikking):
    http = api(alice)
    assert http.get(f"/api/v1/beschikkingen/{beschikking.pk}/").status_code == 200
    assert http.get(f"/api/v1/beschikkingen/{beschikking.pk}/brief/").status_code == 200
    assert acties(actor_naam="alice") == [
        ("gelezen", "beschikking", noor.pk),
        ("afgedrukt", "beschikking", noor.pk),
    ]


def test_every_beschikking_on_a_page_of_the_api_list_is_read(alice, noor, beschikking):
    assert api(alice).get("/api/v1/beschikkingen/").status_code == 200
    assert acties(actor_naam="alice") == [("gelezen", "beschikking", noor.pk)]


def test_plans_in_the_api_list_and_one_plan(bob, noor):
    plan = Ondersteuningsplan.objects.create(
        toewijzing=noor.toewijzingen.get(), opgesteld_op=dt.date(2017, 1, 20)
    )
    http = api(bob)
    assert http.get("/api/v1/ondersteuningsplannen/").status_code == 200
    assert http.get(f"/api/v1/ondersteuningsplannen/{plan.pk}/").status_code == 200
    assert acties(actor_naam="bob") == [("gelezen", "ondersteuningsplan", noor.pk)] * 2


def test_the_client_list_in_the_web_reads_each_client_and_a_name_search_is_a_search(
    client, alice, noor, zeger
):
    client.force_login(alice)
    assert client.get(reverse("web:client-list")).status_code == 200
    assert sorted(acties(actor_naam="alice")) == sorted(
        [("gelezen", "client", noor.pk), ("gelezen", "client", zeger.pk)]
    )
    assert client.get(reverse("web:client-list"), {"achternaam": "Noord"}).status_code == 200
    assert acties(actor_naam="alice", actie="gezocht") == [("gezocht", "client", noor.pk)]


def test_a_bsn_search_in_the_web_is_a_search(client, alice, noor):
    client.force_login(alice)
    client.post(reverse("web:client-zoeken"), {"bsn": noor.bsn})
    assert acties(actor_naam="alice", actie="gezocht") == [("gezocht", "client", noor.pk)]


def test_letters_as_pdf_in_the_web_are_prints(client, alice, noor, beschikking):
    client.force_login(alice)
    assert client.get(reverse("web:beschikking-pdf", args=[beschikking.pk])).status_code == 200
    assert client.get(reverse("web:informatiebrief", args=[noor.pk])).status_code == 200
    assert acties(actor_naam="alice") == [
        ("afgedrukt", "beschikking", noor.pk),
        ("afgedrukt", "client", noor.pk),
    ]


def test_the_information_letters_command_logs_each_letter_printed(alkmaar, noor, tmp_path):
    call_command(
        "informatiebrieven", "--gemeente=0361", "--per=2027-01-01", f"--map={tmp_path}", stdout=io.StringIO()
    )
    event = AuditEvent.objects.get(actie="afgedrukt")
    assert (event.client_id, event.actor_naam, event.kanaal) == (noor.pk, "informatiebrieven", "opdracht")


def test_the_specification_page_xlsx_and_pdf_log_each_client_on_it(client, db):
    w = maak_wereld()
    t = w.toewijzing(D(2017, 1, 1))
    run = bk.afrekenen(gemeente=w.gemeente, periode=bk.zoek_periode(w.gemeente, "2017-P02"), door=w.fenna).run
    run = bk.keur_goed(run=run, door=w.frank)
    batch = Betaalbatch.objects.get(run=run)
    client.force_login(w.fenna)
    for naam in ("web:betaalbatch-detail", "web:betaalbatch-xlsx", "web:betaalbatch-pdf"):
        assert client.get(reverse(naam, args=[batch.pk])).status_code == 200
    assert acties(actor_naam="fenna", content_type__model="betaalbatch") == [
        ("gelezen", "betaalbatch", t.client_id),
        ("geexporteerd", "betaalbatch", t.client_id),
        ("afgedrukt", "betaalbatch", t.client_id),
    ]


def test_settlement_lines_in_the_api_are_read(db):
    w = maak_wereld()
    t = w.toewijzing(D(2017, 1, 1))
    bk.afrekenen(gemeente=w.gemeente, periode=bk.zoek_periode(w.gemeente, "2017-P02"), door=w.fenna)
    assert api(w.fenna).get("/api/v1/bekostiging/regels/").status_code == 200
    assert ("gelezen", "afrekenregel", t.client_id) in acties(actor_naam="fenna")


def test_the_provider_overview_logs_each_toewijzing_shown(client, bob, noor, zeger):
    client.force_login(bob)
    assert client.get(reverse("web:portaal")).status_code == 200
    assert ("gelezen", "toewijzing", noor.pk) in acties(actor_naam="bob")
    assert not AuditEvent.objects.filter(client_id=zeger.pk, actor_naam="bob").exists()

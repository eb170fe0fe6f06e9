"""Long lists: the provider overview a page at a time, list pages that count only up to a bound past the
page, and the provider's beschikkingen without a DISTINCT over every column."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from resultaat.clienten.models import Client
from resultaat.core.codes import WMO588RedenBeeindiging
from resultaat.core.paginering import BegrensdeTelling, tel_begrensd
from resultaat.toegang.models import Beschikking
from tests import factories as f

GEBOREN = dt.date(1950, 1, 1)


@pytest.mark.django_db
def test_the_portal_overview_shows_clients_in_care_a_page_at_a_time(client, bob, noord, alkmaar):
    product = f.ProductFactory()
    for i in range(60):
        t = f.ToewijzingFactory(
            client=f.ClientFactory(gemeente=alkmaar, achternaam=f"Zorg{i:03d}"),
            aanbieder=noord,
            product=product,
        )
        f.LeveringFactory(toewijzing=t)
    client.force_login(bob)
    eerste = client.get(reverse("web:portaal")).content.decode()
    in_zorg = eerste.split('id="in-zorg"')[1]
    assert "Zorg000" in in_zorg and "Zorg049" in in_zorg
    assert "Zorg050" not in in_zorg
    assert "60 toewijzingen met een lopende start" in in_zorg
    assert "Pagina 1 van 2" in in_zorg
    tweede = client.get(reverse("web:portaal"), {"page": 2}).content.decode().split('id="in-zorg"')[1]
    assert "Zorg050" in tweede and "Zorg059" in tweede and "Zorg049" not in tweede
    # A page number that is no number shows the first page, as on every list.
    assert "Zorg000" in client.get(reverse("web:portaal"), {"page": "x"}).content.decode()


@pytest.mark.django_db
def test_the_portal_lists_starts_to_report_a_page_at_a_time(client, bob, noord, alkmaar):
    product = f.ProductFactory()
    for i in range(30):
        f.ToewijzingFactory(
            client=f.ClientFactory(gemeente=alkmaar, achternaam=f"Start{i:03d}"),
            aanbieder=noord,
            product=product,
            ingangsdatum=dt.date(2026, 1, 1) + dt.timedelta(days=i),
            geaccepteerd=True,
        )
    client.force_login(bob)
    eerste = client.get(reverse("web:portaal")).content.decode()
    start = eerste.split('id="start-melden"')[1].split('id="tijdelijk-gestopt"')[0]
    assert "Start000" in start and "Start024" in start and "Start025" not in start
    assert "30 geaccepteerde toewijzingen zonder gemelde start" in start
    assert "Pagina 1 van 2" in start
    assert "start=2" in start
    tweede = client.get(reverse("web:portaal"), {"start": 2}).content.decode()
    start = tweede.split('id="start-melden"')[1].split('id="tijdelijk-gestopt"')[0]
    assert "Start025" in start and "Start029" in start and "Start024" not in start


@pytest.mark.django_db
def test_a_list_counts_up_to_a_bound_past_the_page(alkmaar):
    Client.objects.bulk_create(
        [
            Client(gemeente=alkmaar, bsn=f.valid_bsn(), achternaam=f"N{i:04d}", geboortedatum=GEBOREN)
            for i in range(130)
        ]
    )
    qs = Client.objects.order_by("achternaam")
    klein = BegrensdeTelling(qs, 25)
    klein.vooruit = 250
    assert klein.page(1).object_list[0].achternaam == "N0000"
    assert (klein.count, klein.aantal, klein.paginas, klein.geschat) == (130, "130", "6", False)

    begrensd = BegrensdeTelling(qs, 25)
    begrensd.vooruit = 50
    pagina = begrensd.page(1)
    assert begrensd.geschat and begrensd.aantal == "meer dan 75" and begrensd.paginas == "meer dan 3"
    assert pagina.has_next()
    with CaptureQueriesContext(connection) as queries:
        BegrensdeTelling(qs, 25).page(1)
    telling = next(q["sql"] for q in queries.captured_queries if "COUNT(" in q["sql"].upper())
    assert "LIMIT" in telling.upper()
    # Further on, the bound moves with the page: page 5 is reachable and its count stays exact.
    verder = BegrensdeTelling(qs, 25)
    verder.vooruit = 10
    assert [c.achternaam for c in verder.page(5).object_list][:1] == ["N0100"]


@pytest.mark.django_db
def test_the_client_list_page_says_more_than_past_the_bound(client, alice, alkmaar, monkeypatch):
    Client.objects.bulk_create(
        [
            Client(gemeente=alkmaar, bsn=f.valid_bsn(), achternaam=f"N{i:04d}", geboortedatum=GEBOREN)
            for i in range(60)
        ]
    )
    monkeypatch.setattr(BegrensdeTelling, "vooruit", 20)
    client.force_login(alice)
    pagina = client.get(reverse("web:client-list")).content.decode()
    assert "meer dan 45 cliënten" in pagina
    assert "Volgende" in pagina


@pytest.mark.django_db
def test_the_providers_beschikkingen_come_without_distinct(bob, noord, alkmaar):
    product = f.ProductFactory()
    t1 = f.ToewijzingFactory(client=f.ClientFactory(gemeente=alkmaar), aanbieder=noord, product=product)
    keten = f.toegangsketen(t1, beschikkingnummer="B-1")
    # A second toewijzing of the same beschikking with the same provider: still one row.
    t2 = f.ToewijzingFactory(client=t1.client, aanbieder=noord, product=product)
    t2.beschikt_resultaat = keten.beschikt
    t2.save()
    f.toegangsketen(f.ToewijzingFactory(client=f.ClientFactory(gemeente=alkmaar)), beschikkingnummer="B-2")
    qs = Beschikking.objects.for_user(bob)
    assert "DISTINCT" not in str(qs.query).upper()
    assert list(qs) == [keten.beschikking]


@pytest.mark.django_db
def test_an_api_list_counts_up_to_a_bound_past_the_page(client, alice, alkmaar, monkeypatch):
    Client.objects.bulk_create(
        [
            Client(gemeente=alkmaar, bsn=f.valid_bsn(), achternaam=f"N{i:04d}", geboortedatum=GEBOREN)
            for i in range(60)
        ]
    )
    monkeypatch.setattr(BegrensdeTelling, "vooruit", 5)
    client.force_login(alice)
    with CaptureQueriesContext(connection) as queries:
        eerste = client.get("/api/v1/clienten/", {"page_size": 10}).json()
    assert eerste["count"] == 16 and len(eerste["results"]) == 10 and eerste["next"]
    telling = next(q["sql"] for q in queries.captured_queries if "COUNT(" in q["sql"].upper())
    assert "LIMIT" in telling.upper()
    laatste = client.get("/api/v1/clienten/", {"page_size": 10, "page": 6}).json()
    assert laatste["count"] == 60 and len(laatste["results"]) == 10 and laatste["next"] is None


@pytest.mark.django_db
def test_the_portal_lists_new_and_stopped_toewijzingen_a_page_at_a_time_each_by_its_own_pager(
    client, bob, noord, alkmaar
):
    vandaag = dt.date.today()
    product = f.ProductFactory()
    for i in range(30):
        f.ToewijzingFactory(
            client=f.ClientFactory(gemeente=alkmaar, achternaam=f"Nieuw{i:03d}"),
            aanbieder=noord,
            product=product,
            ingangsdatum=vandaag + dt.timedelta(days=i),
        )
    for i in range(27):
        t = f.ToewijzingFactory(
            client=f.ClientFactory(gemeente=alkmaar, achternaam=f"Gestopt{i:03d}"),
            aanbieder=noord,
            product=product,
            ingangsdatum=vandaag - dt.timedelta(days=60),
            geaccepteerd=True,
        )
        f.LeveringFactory(
            toewijzing=t,
            einddatum=vandaag - dt.timedelta(days=5),
            reden_beeindiging=WMO588RedenBeeindiging.TIJDELIJK,
        )
    client.force_login(bob)

    def delen(**params: object) -> tuple[str, str]:
        html = client.get(reverse("web:portaal"), params).content.decode()
        nieuw = html.split('id="te-beoordelen"')[1].split('id="start-melden"')[0]
        gestopt = html.split('id="tijdelijk-gestopt"')[1].split('id="in-zorg"')[0]
        return nieuw, gestopt

    nieuw, gestopt = delen()
    assert "Nieuw000" in nieuw and "Nieuw024" in nieuw and "Nieuw025" not in nieuw
    assert "30 nieuwe toewijzingen" in nieuw and "Pagina 1 van 2" in nieuw
    assert "Gestopt000" in gestopt and "Gestopt024" in gestopt and "Gestopt025" not in gestopt
    assert "27 tijdelijk gestopte toewijzingen" in gestopt and "Pagina 1 van 2" in gestopt
    # Each pager turns its own list and jumps back to it; the other list stays on its page.
    assert 'href="?nieuw=2#te-beoordelen"' in nieuw
    assert 'href="?gestopt=2#tijdelijk-gestopt"' in gestopt
    nieuw, gestopt = delen(nieuw=2, gestopt=2)
    assert "Nieuw025" in nieuw and "Nieuw029" in nieuw and "Nieuw024" not in nieuw
    assert "Gestopt025" in gestopt and "Gestopt026" in gestopt and "Gestopt024" not in gestopt
    assert 'href="?nieuw=1&amp;gestopt=2#te-beoordelen"' in nieuw


@pytest.mark.django_db
def test_a_bounded_count_does_not_sort_the_rows_it_counts(alkmaar):
    Client.objects.bulk_create(
        [
            Client(gemeente=alkmaar, bsn=f.valid_bsn(), achternaam=f"N{i:04d}", geboortedatum=GEBOREN)
            for i in range(30)
        ]
    )
    with CaptureQueriesContext(connection) as queries:
        assert BegrensdeTelling(Client.objects.order_by("achternaam"), 25).count == 30
        assert tel_begrensd(Client.objects.order_by("-achternaam"), 10) == 11
    tellingen = [q["sql"].upper() for q in queries.captured_queries if "COUNT(" in q["sql"].upper()]
    assert len(tellingen) == 2
    assert all("LIMIT" in t and "ORDER BY" not in t for t in tellingen)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("model", "volgorde"),
    [
        ("toegang.Melding", ["-ontvangen_op", "-id"]),
        ("toegang.Aanvraag", ["-ontvangen_op", "-id"]),
        ("toegang.Beschikking", ["-besluitdatum", "-id"]),
        ("ondersteuning.Evaluatie", ["-datum", "-id"]),
        ("ondersteuning.Signaal", ["-gemeld_op", "-id"]),
        # The register of terms (first term to end first) and the API's settlement lines (by run).
        ("toegang.Melding", ["uiterlijk", "id"]),
        ("bekostiging.Afrekenregel", ["run_id", "id"]),
        ("werklijst.WerklijstItem", ["uiterlijk", "aangemaakt_op", "id"]),
    ],
)
def test_a_long_lists_first_page_is_read_in_order_from_an_index(model, volgorde):
    from django.apps import apps

    qs = apps.get_model(model).objects.order_by(*volgorde)[:50]
    sql, params = qs.query.sql_with_params()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL enable_sort = off")
            cursor.execute(f"EXPLAIN {sql}", params)
            plan = "\n".join(r[0] for r in cursor.fetchall())
            assert "Sort" not in plan and "Index Scan" in plan, plan
        else:
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
            plan = "\n".join(str(r) for r in cursor.fetchall())
            assert "TEMP B-TREE" not in plan, plan


@pytest.mark.django_db
def test_the_worklist_reads_the_users_organisation_once_however_many_rows(client, alice, alkmaar):
    from resultaat.werklijst.models import WerklijstItem, WerklijstSoort

    for i in range(12):
        WerklijstItem.objects.create(
            gemeente=alkmaar,
            client=f.ClientFactory(gemeente=alkmaar),
            soort=WerklijstSoort.choices[0][0],
            omschrijving=f"Taak {i}",
        )
    client.force_login(alice)
    with CaptureQueriesContext(connection) as queries:
        pagina = client.get(reverse("web:werklijst"))
    assert pagina.status_code == 200 and "Taak 11" in pagina.content.decode()
    namen = [
        q for q in queries.captured_queries if q["sql"].startswith('SELECT "organisaties_gemeente"."naam"')
    ]
    assert len(namen) <= 1

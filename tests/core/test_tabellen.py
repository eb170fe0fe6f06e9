"""Every list page: the CSV and XLSX export hold the rows and figures the page shows for the same filter
and sort; sorting and search work; each exported row of client data is in the access log; a provider
exports only its own rows."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
import time_machine
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone
from lxml import html
from openpyxl import load_workbook

from resultaat.accounts.models import Rol
from resultaat.bekostiging import services as bk
from resultaat.core import opmaak
from resultaat.core.audit.models import Actie, AuditEvent, record
from resultaat.core.tabellen import BedragKolom, GetalKolom
from resultaat.ondersteuning.models import Signaal, SignaalSoort, SocialeKaartVoorziening
from tests import factories as f
from tests.bekostiging.helpers import D, maak_wereld


def pagina(client, url: str) -> tuple[list[str], list[list[str]]]:
    """The heads and the rows of the list table on a page, as the user reads them."""
    antwoord = client.get(url)
    assert antwoord.status_code == 200
    boom = html.fromstring(antwoord.content.decode())
    tabel = boom.xpath("//table[contains(@class, 'resultaat-tabel')]")[0]
    koppen = [
        " ".join(th.text_content().replace("↕", "").replace("↑", "").replace("↓", "").split())
        for th in tabel.xpath(".//thead//th")
    ]
    rijen = [
        [" ".join(td.text_content().split()) for td in tr.xpath("./td")]
        for tr in tabel.xpath(".//tbody/tr")
        if len(tr.xpath("./td")) == len(koppen)
    ]
    return koppen, rijen


def weergave(waarde, formaat: str = "") -> str:
    """An XLSX cell as the page writes it."""
    if waarde is None:
        return ""
    if isinstance(waarde, dt.datetime):
        return opmaak.datumtijd(waarde) if "hh" in formaat else opmaak.datum(waarde)
    if isinstance(waarde, dt.date):
        return opmaak.datum(waarde)
    if formaat.startswith("€"):
        return opmaak.euro(round(Decimal(str(waarde)) * 100))
    if formaat == "#,##0":
        return opmaak.getal(int(waarde))
    return " ".join(str(waarde).split())


def xlsx(client, url: str) -> tuple[list[str], list[list[str]], list[list]]:
    antwoord = client.get(url + ("&" if "?" in url else "?") + "_export=xlsx")
    assert antwoord.status_code == 200
    assert antwoord["Content-Type"].startswith("application/vnd.openxmlformats")
    ws = load_workbook(io.BytesIO(antwoord.content)).active
    rijen = list(ws.iter_rows())
    koppen = [c.value for c in rijen[0]]
    return (
        koppen,
        [[weergave(c.value, c.number_format) for c in rij] for rij in rijen[1:]],
        [[c.value for c in rij] for rij in rijen[1:]],
    )


def csv_rijen(client, url: str) -> list[list[str]]:
    antwoord = client.get(url + ("&" if "?" in url else "?") + "_export=csv")
    assert antwoord.status_code == 200
    return list(csv.reader(io.StringIO(antwoord.content.decode()), delimiter=";"))


def export_is_pagina(client, url: str) -> list[list[str]]:
    """The page's rows equal the XLSX's (as shown) and the CSV's count and texts; returns the rows."""
    koppen, rijen = pagina(client, url)
    xkoppen, xrijen, _ = xlsx(client, url)
    assert xkoppen == koppen
    assert xrijen[: len(rijen)] == rijen
    c = csv_rijen(client, url)
    assert c[0] == koppen
    assert len(c) - 1 == len(xrijen)
    return rijen


@pytest.fixture
def vijf_clienten(alkmaar):
    namen = ["Bakker", "de Vries", "Jansen", "Visser", "Smit"]
    return [
        f.ClientFactory(gemeente=alkmaar, achternaam=n, geboortedatum=dt.date(1940 + i, 3, 1))
        for i, n in enumerate(namen)
    ]


def test_the_client_export_holds_what_the_page_shows_and_is_logged(client, alice, vijf_clienten):
    client.force_login(alice)
    rijen = export_is_pagina(client, reverse("web:client-list") + "?sort=-geboortedatum")
    assert [r[2] for r in rijen] == ["01-03-1944", "01-03-1943", "01-03-1942", "01-03-1941", "01-03-1940"]
    assert AuditEvent.objects.filter(actor_naam="alice", actie="geexporteerd").count() == 2 * 5


def test_a_client_search_exports_only_the_found_and_logs_them_as_exported(client, alice, vijf_clienten):
    client.force_login(alice)
    url = reverse("web:client-list") + "?achternaam=vis"
    assert [r[0] for r in pagina(client, url)[1]] == [vijf_clienten[3].naam]
    _, rijen, _ = xlsx(client, url)
    assert [r[0] for r in rijen] == [vijf_clienten[3].naam]
    geexporteerd = AuditEvent.objects.filter(actor_naam="alice", actie="geexporteerd")
    assert list(geexporteerd.values_list("client_id", flat=True)) == [vijf_clienten[3].pk]
    assert AuditEvent.objects.filter(actor_naam="alice", actie="gezocht").count() == 1


def test_sorting_only_on_the_whitelisted_columns(client, alice, vijf_clienten):
    client.force_login(alice)
    op_naam = [r[0] for r in pagina(client, reverse("web:client-list") + "?sort=naam")[1]]
    assert op_naam == sorted(op_naam, key=lambda n: n.split()[-1].lower())
    # BSN is no sort key: the order stays the default (by surname), no error.
    assert [r[0] for r in pagina(client, reverse("web:client-list") + "?sort=bsn")[1]] == op_naam


def test_toewijzingen_can_be_searched_and_a_provider_exports_only_its_own(client, alice, bob, noor, zeger):
    client.force_login(alice)
    url = reverse("web:toewijzing-list") + "?zoek=Zuid"
    assert [r[1] for r in export_is_pagina(client, url)] == [zeger.naam]
    client.force_login(bob)
    _, rijen, _ = xlsx(client, reverse("web:toewijzing-list") + "?filter=alle")
    assert [r[1] for r in rijen] == [noor.naam]
    assert set(
        AuditEvent.objects.filter(actor_naam="bob", actie="geexporteerd").values_list("client_id", flat=True)
    ) == {noor.pk}


def test_settlement_lines_find_one_clients_payments_in_euros(client, db):
    w = maak_wereld()
    t1 = w.toewijzing(D(2017, 1, 1))
    w.toewijzing(D(2017, 1, 1))
    run = bk.afrekenen(gemeente=w.gemeente, periode=bk.zoek_periode(w.gemeente, "2017-P02"), door=w.fenna).run
    client.force_login(w.fenna)
    url = reverse("web:afrekenregel-list") + f"?run={run.pk}&zoek={t1.nummer}"
    rijen = export_is_pagina(client, url)
    assert rijen and {r[3] for r in rijen} == {str(t1.nummer)}
    regel = run.regels.get(toewijzing=t1)
    assert rijen[0][-1] == opmaak.euro(regel.bedrag_cent)
    assert rijen[0][-1].startswith("€ ") and "," in rijen[0][-1]
    # The spreadsheet holds the amount as a number with a euro display format.
    _, _, waarden = xlsx(client, url)
    assert waarden[0][-1] == pytest.approx(regel.bedrag_cent / 100)
    antwoord = client.get(url + "&_export=xlsx")
    ws = load_workbook(io.BytesIO(antwoord.content)).active
    assert ws.cell(row=2, column=10).number_format == "€ #,##0.00"
    # The CSV writes it the Dutch way.
    assert csv_rijen(client, url)[1][-1] == f"{Decimal(regel.bedrag_cent) / 100:.2f}".replace(".", ",")
    assert AuditEvent.objects.filter(
        actor_naam="fenna", actie="geexporteerd", content_type__model="afrekenregel", client_id=t1.client_id
    ).exists()


def test_the_run_page_no_longer_lists_only_the_first_200_lines(client, db):
    w = maak_wereld()
    w.toewijzing(D(2017, 1, 1))
    run = bk.afrekenen(gemeente=w.gemeente, periode=bk.zoek_periode(w.gemeente, "2017-P02"), door=w.fenna).run
    client.force_login(w.fenna)
    tekst = client.get(reverse("web:afrekenrun-detail", args=[run.pk])).content.decode()
    assert "eerste 200" not in tekst
    assert f"{reverse('web:afrekenregel-list')}?run={run.pk}" in tekst


def test_a_list_links_a_client_only_for_a_role_that_may_open_the_client_page(client, db):
    # Finance staff may not open a client's page (a 404): their list of settlement lines names the
    # client without a link to it, and still links the run.
    w = maak_wereld()
    t1 = w.toewijzing(D(2017, 1, 1))
    run = bk.afrekenen(gemeente=w.gemeente, periode=bk.zoek_periode(w.gemeente, "2017-P02"), door=w.fenna).run
    client.force_login(w.fenna)
    tekst = client.get(reverse("web:afrekenregel-list") + f"?run={run.pk}").content.decode()
    assert t1.client.naam in tekst
    assert reverse("web:client-detail", args=[t1.client_id]) not in tekst
    assert reverse("web:afrekenrun-detail", args=[run.pk]) in tekst
    assert client.get(reverse("web:client-detail", args=[t1.client_id])).status_code == 404


def test_signals_export_and_search(client, alice, noor, zeger, noord, zuid):
    for c, a in ((noor, noord), (zeger, zuid)):
        Signaal.objects.create(
            client=c,
            aanbieder=a,
            soort=SignaalSoort.values[0],
            toelichting="x",
            gemeld_op=dt.date(2026, 1, 5),
        )
    client.force_login(alice)
    assert len(export_is_pagina(client, reverse("web:signaal-list"))) == 2
    rijen = export_is_pagina(client, reverse("web:signaal-list") + "?zoek=Zuidema")
    assert [r[2] for r in rijen] == [zeger.naam]


def test_worklist_providers_contracts_and_messages_export_what_they_show(client, alice, alkmaar, noor, zeger):
    client.force_login(alice)
    for naam in ("web:werklijst", "web:bericht-list"):
        export_is_pagina(client, reverse(naam))
    client.force_login(f.UserFactory(username="carla", rol=Rol.CONTRACTMANAGER, gemeenten=[alkmaar]))
    f.ContractFactory(aanbieder=noor.toewijzingen.get().aanbieder, gemeenten=[alkmaar], kenmerk="C-1")
    f.ContractFactory(aanbieder=zeger.toewijzingen.get().aanbieder, gemeenten=[alkmaar], kenmerk="C-2")
    assert [r[0] for r in export_is_pagina(client, reverse("web:contract-list"))] == ["C-1", "C-2"]
    aanbieders = export_is_pagina(client, reverse("web:aanbieder-list") + "?sort=-naam")
    assert [r[0] for r in aanbieders] == ["Zorg Zuid", "Thuiszorg Noord"]
    assert [r[4] for r in aanbieders] == ["1", "1"]


def test_an_unknown_export_format_shows_the_page(client, alice, vijf_clienten):
    client.force_login(alice)
    antwoord = client.get(reverse("web:client-list") + "?_export=pdf")
    assert antwoord.status_code == 200
    assert antwoord["Content-Type"].startswith("text/html")


def test_counts_in_tables_and_captions_have_a_thousands_separator():
    assert opmaak.getal(4915) == "4.915"
    assert opmaak.getal(-1234567) == "-1.234.567"
    assert opmaak.getal(None) == ""
    assert GetalKolom().render(4915) == "4.915"
    assert BedragKolom().render(708172) == "€ 7.081,72"


def test_the_audit_log_filters_on_dates_and_its_export_follows(client, dora, noor):
    oud = timezone.make_aware(dt.datetime(2026, 1, 10, 12, 0))
    nieuw = timezone.make_aware(dt.datetime(2026, 3, 10, 12, 0))
    for moment in (oud, nieuw):
        with time_machine.travel(moment, tick=False):
            record([noor], Actie.GELEZEN)
    client.force_login(dora)
    url = reverse("web:audit-list") + "?van=2026-03-01&tot=2026-03-31"
    tekst = client.get(url).content.decode()
    assert "10-03-2026 12:00" in tekst and "10-01-2026 12:00" not in tekst
    assert "?van=2026-03-01&amp;tot=2026-03-31" in tekst
    rijen = list(
        csv.reader(
            io.StringIO(client.get(reverse("web:audit-export-csv") + "?van=2026-03-01").content.decode()),
            delimiter=";",
        )
    )
    tijden = [r[0] for r in rijen[1:]]
    assert "10-03-2026 12:00" in tijden and "10-01-2026 12:00" not in tijden
    fout = client.get(reverse("web:audit-list") + "?van=2026-03-01&tot=2026-02-01").content.decode()
    assert "Kies een einddatum op of na de begindatum." in fout


def test_beschikkingen_are_a_list_that_can_be_searched_and_exported(client, alice, bob, noor, zeger):
    f.toegangsketen(noor.toewijzingen.get(), beschikkingnummer="B-2016-001")
    f.toegangsketen(zeger.toewijzingen.get(), beschikkingnummer="B-2016-002")
    client.force_login(alice)
    assert [r[0] for r in export_is_pagina(client, reverse("web:beschikking-list") + "?sort=nummer")] == [
        "B-2016-001",
        "B-2016-002",
    ]
    rijen = export_is_pagina(client, reverse("web:beschikking-list") + "?zoek=002")
    assert [r[1] for r in rijen] == [zeger.naam]
    client.force_login(bob)
    assert client.get(reverse("web:beschikking-list")).status_code == 403


def test_the_sociale_kaart_can_be_searched_and_exported(client, alice, alkmaar):
    for naam, soort in (("Buurthuis De Mare", "ontmoeting"), ("Tafeltje dek je", "maaltijden")):
        SocialeKaartVoorziening.objects.create(gemeente=alkmaar, naam=naam, soort=soort)
    client.force_login(alice)
    assert len(export_is_pagina(client, reverse("web:sociale-kaart"))) == 2
    assert [r[0] for r in export_is_pagina(client, reverse("web:sociale-kaart") + "?zoek=maaltijd")] == [
        "Tafeltje dek je"
    ]


def test_the_getal_filter_writes_counters_the_dutch_way():
    sjabloon = Template("{% load resultaat_nl %}{{ n|getal }} · {{ d|lange_datum }}")
    assert sjabloon.render(Context({"n": 4915, "d": dt.date(2026, 12, 5)})) == "4.915 · 5 december 2026"


def test_a_list_too_long_to_download_is_refused_with_a_message_not_cut_off(
    client, alice, vijf_clienten, monkeypatch
):
    monkeypatch.setattr("resultaat.core.tabellen.MAX_EXPORT", 3)
    client.force_login(alice)
    antwoord = client.get(reverse("web:client-list") + "?sort=naam&_export=csv", follow=True)
    assert antwoord.redirect_chain and "_export" not in antwoord.redirect_chain[-1][0]
    assert "sort=naam" in antwoord.redirect_chain[-1][0]
    assert "telt meer dan 3 rijen" in antwoord.content.decode()
    assert not AuditEvent.objects.filter(actor_naam="alice", actie="geexporteerd").exists()
    # A search that finds fewer rows than the bound downloads as before.
    _, rijen, _ = xlsx(client, reverse("web:client-list") + "?achternaam=vis")
    assert len(rijen) == 1


def test_an_audit_log_too_long_to_download_is_refused_with_a_message(client, dora, noor, monkeypatch):
    monkeypatch.setattr("resultaat.clienten.auditlog.MAX_EXPORT", 1)
    record([noor], Actie.GELEZEN)
    record([noor], Actie.GELEZEN)
    client.force_login(dora)
    antwoord = client.get(reverse("web:audit-export-xlsx") + "?van=2026-01-01", follow=True)
    assert antwoord.redirect_chain[-1][0] == reverse("web:audit-list") + "?van=2026-01-01"
    assert "telt meer dan 1 rijen" in antwoord.content.decode()

"""The dashboards as a contract manager and a provider see them: figures, filters, downloads that match
the page, who may see what, and a number of queries that does not grow with providers or periods."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from resultaat.accounts.models import Rol
from resultaat.bekostiging import services as bk
from resultaat.sturing.models import Kengetal
from resultaat.sturing.services import samenvatten
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def kim(alkmaar):
    return f.UserFactory(username="kim", rol=Rol.CONTRACTMANAGER, gemeenten=[alkmaar])


def vul(gemeente, aanbieders, perioden=13, jaar=2017, **waarden):
    """Figures for every provider in every period of a year: the aggregates the dashboards read."""
    kalender = bk.genereer_kalender(gemeente, jaar)
    product = f.ProductFactory()
    rijen = []
    for i, aanbieder in enumerate(aanbieders):
        for p in kalender.perioden.order_by("begin")[:perioden]:
            standaard = {
                "actief": 10 + i,
                "nieuw": 2,
                "beeindigd": 1,
                "uitgaven_cent": 216000 * (1 + i),
                "betaalde_clienten": 10,
                "evaluaties": 4,
                "behaald": 3 - (i % 2),
                "overstap_in": i % 2,
                "overstap_uit": 1 - (i % 2),
                "starts": 2,
                "startdagen": 14,
                "signalen": 1,
                "klachten": i % 2,
                "tevredenheid_aantal": 2,
                "tevredenheid_som": 15,
            }
            standaard.update(waarden)
            rijen.append(
                Kengetal(
                    gemeente=gemeente,
                    periode=p,
                    periode_code=p.code,
                    periode_begin=p.begin,
                    aanbieder=aanbieder,
                    product=product,
                    **standaard,
                )
            )
    Kengetal.objects.bulk_create(rijen)
    # The sums per provider and per gemeente, as the daily run writes them beside the detailed rows.
    samenvatten(dt.date(jaar - 1, 1, 1), gemeente.pk)


@pytest.fixture
def figuren(alkmaar, noord, zuid):
    for aanbieder in (noord, zuid):
        f.ContractFactory(aanbieder=aanbieder, gemeenten=[alkmaar], doel_behaald_procent=70)
    vul(alkmaar, [noord, zuid])


def tabel(html: str, code: str) -> list[list[str]]:
    deel = re.search(rf'data-testid="tabel-{code}">(.*?)</table>', html, re.S).group(1)
    return [
        [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", rij, re.S)]
        for rij in re.findall(r"<tr[^>]*>(.*?)</tr>", deel, re.S)
    ]


def getal(tekst: str) -> Decimal | None:
    """ "€ 1.234,56" / "75,0 %" / "12" -> Decimal; "–" -> None."""
    tekst = tekst.replace("€", "").replace("%", "").replace(".", "").replace(",", ".").strip()
    return None if tekst in ("", "–") else Decimal(tekst)


def test_the_contract_manager_sees_each_provider_against_the_region_and_its_target(client, kim, figuren):
    html = client_for(client, kim).get(reverse("web:sturing")).content.decode()
    rijen = tabel(html, "aanbieders")
    kop, noord, zuid, regio = rijen[0], rijen[1], rijen[2], rijen[3]
    assert noord[0] == "Thuiszorg Noord" and zuid[0] == "Zorg Zuid"
    behaald = kop.index("Resultaat behaald (%)")
    # Noord reached 3 of 4 each period, Zuid 2 of 4: 75 % and 50 %, the region 62,5 %; the target is 70 %.
    assert (noord[behaald], zuid[behaald], regio[behaald]) == ("75,0 %", "50,0 %", "62,5 %")
    assert noord[kop.index("Doel resultaat behaald (%)")] == "70,0 %"
    kosten = kop.index("Kosten per cliënt per periode")
    assert (noord[kosten], zuid[kosten]) == ("€ 216,00", "€ 432,00")
    assert noord[kop.index("Tevredenheid (cijfer)")] == "7,5"
    assert "<svg" in html and html.count('data-testid="grafiek"') == 4
    assert "style=" not in html and "<script>" not in html


def client_for(client, user):
    client.force_login(user)
    return client


def test_the_period_filter_narrows_the_figures_and_bad_input_gets_a_dutch_message(client, kim, figuren):
    c = client_for(client, kim)
    html = c.get(reverse("web:sturing"), {"van": "2017-P03", "tot": "2017-P04"}).content.decode()
    rijen = tabel(html, "perioden")
    assert [r[0] for r in rijen[1:]] == ["2017-P03", "2017-P04"]
    uitgaven = rijen[0].index("Uitgaven")
    assert rijen[1][uitgaven] == "€ 6.480,00"  # 2,160 + 4,320 euros
    antwoord = c.get(reverse("web:sturing"), {"van": "2099-P01", "tot": "2017-P02"})
    assert "Er zijn geen cijfers over periode" in antwoord.content.decode()
    assert [r[0] for r in tabel(antwoord.content.decode(), "perioden")[1:]] == ["2017-P01", "2017-P02"]


@pytest.mark.parametrize("tabelcode", ["perioden", "aanbieders"])
def test_the_xlsx_and_csv_hold_the_numbers_of_the_page(client, kim, figuren, tabelcode):
    c = client_for(client, kim)
    html = c.get(reverse("web:sturing")).content.decode()
    pagina = tabel(html, tabelcode)
    antwoord = c.get(reverse("web:sturing"), {"download": "xlsx", "tabel": tabelcode})
    assert antwoord["Content-Disposition"].endswith('.xlsx"')
    ws = load_workbook(io.BytesIO(antwoord.content)).active
    bestand = [list(r) for r in ws.iter_rows(min_row=4, values_only=True)]
    assert [str(c) for c in bestand[0]] == pagina[0]
    for rij_pagina, rij_bestand in zip(pagina[1:], bestand[1:], strict=True):
        assert rij_bestand[0] == rij_pagina[0]
        for tekst, waarde in zip(rij_pagina[1:], rij_bestand[1:], strict=True):
            assert getal(tekst) == (None if waarde is None else Decimal(str(waarde))), (tekst, waarde)
            assert not isinstance(waarde, str)  # numbers stay numbers
    assert ws.cell(row=5, column=5).number_format == '"€" #,##0.00'
    tekst = c.get(reverse("web:sturing"), {"download": "csv", "tabel": tabelcode}).content.decode()
    regels = list(csv.reader(io.StringIO(tekst), delimiter=";"))
    assert regels[0] == pagina[0] and len(regels) == len(pagina)


def test_an_unknown_table_or_format_is_not_found(client, kim, figuren):
    c = client_for(client, kim)
    assert c.get(reverse("web:sturing"), {"download": "pdf", "tabel": "perioden"}).status_code == 404
    assert c.get(reverse("web:sturing"), {"download": "xlsx", "tabel": "clienten"}).status_code == 404


def test_the_provider_page_compares_with_the_region(client, kim, noord, figuren):
    html = client_for(client, kim).get(reverse("web:sturing-aanbieder", args=[noord.pk])).content.decode()
    vergelijking = tabel(html, "vergelijking")
    assert vergelijking[1][:2] == ["Thuiszorg Noord", "75,0 %"]
    assert vergelijking[2][:2] == ["Regio (alle aanbieders samen)", "62,5 %"]
    assert vergelijking[3][:2] == ["Doel in het contract", "70,0 %"]
    assert len(tabel(html, "perioden")) == 1 + 13 + 1


def test_a_provider_sees_only_its_own_figures_in_the_portal(client, bob, charlie, noord, zuid, figuren):
    c = client_for(client, bob)
    html = c.get(reverse("web:sturing-mijn")).content.decode()
    assert "Thuiszorg Noord" in html and "Zorg Zuid" not in html
    # With two providers, the region's average would give away the other's figures: not shown.
    assert "Regio (alle aanbieders samen)" not in html
    assert "minstens drie aanbieders" in html
    xlsx = c.get(reverse("web:sturing-mijn"), {"download": "xlsx", "tabel": "perioden"}).content
    waarden = [c for r in load_workbook(io.BytesIO(xlsx)).active.iter_rows(values_only=True) for c in r]
    assert 432000 / 100 not in waarden  # Zuid's spend per period
    assert c.get(reverse("web:sturing")).status_code == 403
    assert c.get(reverse("web:sturing-aanbieder", args=[zuid.pk])).status_code == 403
    assert c.get(reverse("web:sturing-aanbieder", args=[noord.pk])).status_code == 403


def test_a_provider_sees_the_region_average_when_three_providers_make_it_up(
    client, alkmaar, bob, noord, zuid
):
    derde = f.AanbiederFactory(agb_code="97000099", naam="Derde Zorg")
    vul(alkmaar, [noord, zuid, derde])
    html = client_for(client, bob).get(reverse("web:sturing-mijn")).content.decode()
    assert "Regio (alle aanbieders samen)" in html
    assert "Zorg Zuid" not in html and "Derde Zorg" not in html


def test_another_gemeente_does_not_see_these_figures(client, heiloo, noord, figuren):
    henk = f.UserFactory(username="henk", rol=Rol.CONTRACTMANAGER, gemeenten=[heiloo])
    c = client_for(client, henk)
    html = c.get(reverse("web:sturing")).content.decode()
    assert "Thuiszorg Noord" not in html and "Er zijn nog geen cijfers" in html
    assert c.get(reverse("web:sturing-aanbieder", args=[noord.pk])).status_code == 404


def aantal_queries(c, url) -> int:
    with CaptureQueriesContext(connection) as q:
        assert c.get(url).status_code == 200
    return len(q.captured_queries)


def test_the_number_of_queries_does_not_grow_with_providers_or_periods(client, kim, alkmaar, noord):
    f.ContractFactory(aanbieder=noord, gemeenten=[alkmaar])
    vul(alkmaar, [noord], perioden=2)
    c = client_for(client, kim)
    urls = [reverse("web:sturing"), reverse("web:sturing-aanbieder", args=[noord.pk])]
    weinig = [aantal_queries(c, u) for u in urls]
    anderen = [f.AanbiederFactory(agb_code=f"9700{i:04d}", naam=f"Aanbieder {i}") for i in range(12)]
    for a in anderen:
        f.ContractFactory(aanbieder=a, gemeenten=[alkmaar])
    vul(alkmaar, anderen, perioden=13)
    vul(alkmaar, [noord, *anderen], jaar=2018)
    veel = [aantal_queries(c, u) for u in urls]
    assert veel == weinig
    print("queries per page", weinig, veel)
    assert max(veel) <= 15


def test_the_api_gives_a_provider_only_its_own_rows(client, kim, bob, noord, zuid, figuren):
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(bob)
    antwoord = api.get("/api/v1/kengetallen/", {"periode": "2017-P02"})
    assert antwoord.status_code == 200
    rijen = antwoord.json()["results"]
    assert {r["aanbieder"] for r in rijen} == {noord.agb_code}
    assert rijen[0]["behaald"] == 3 and rijen[0]["evaluaties"] == 4
    zuid_rij = Kengetal.objects.filter(aanbieder=zuid).first()
    assert api.get(f"/api/v1/kengetallen/{zuid_rij.pk}/").status_code == 404
    api.force_authenticate(kim)
    rijen = api.get("/api/v1/kengetallen/", {"periode": "2017-P02"}).json()["results"]
    assert {r["aanbieder"] for r in rijen} == {noord.agb_code, zuid.agb_code}

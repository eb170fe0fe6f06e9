"""The bekostiging pages and API as a finance officer and as a provider use them."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.test import Client as WebClient
from django.urls import reverse

from resultaat.accounts.models import Rol
from resultaat.bekostiging.models import Afrekenrun, Betaalbatch, BetaalInstelling, Budget
from tests import factories as f
from tests.bekostiging.helpers import D, maak_wereld
from tests.core.test_tabellen import export_is_pagina

pytestmark = pytest.mark.django_db


AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def als(user) -> WebClient:
    http = WebClient()
    http.force_login(user)
    return http


@pytest.fixture
def wereld(db):
    w = maak_wereld()
    w.toewijzing(D(2017, 1, 1))
    w.toewijzing(D(2017, 2, 12), aanbieder=w.zuid)
    BetaalInstelling.objects.create(
        gemeente=w.gemeente, naam="Gemeente Alkmaar", iban="NL91ABNA0417164300", bic="ABNANL2A"
    )
    return w


def test_finance_officer_settles_and_a_colleague_approves_then_downloads_sepa(wereld):
    w = wereld
    fenna, frank = als(w.fenna), als(w.frank)
    r = fenna.post(reverse("web:afrekenrun-nieuw"), {"gemeente": "0361", "periode": "2017-P02"}, follow=True)
    assert r.status_code == 200
    body = r.content.decode()
    assert "€ 216,00" in body and "€ 108,00" in body and "Goedkeuren" not in body
    # The message after settling writes the total the Dutch way, like the page ("€ 324.00" before).
    assert "2 regels, 2 cliënten, € 324,00" in body
    run = Afrekenrun.objects.get()
    assert "Goedkeuren" in frank.get(reverse("web:afrekenrun-detail", args=[run.pk])).content.decode()
    frank.post(reverse("web:afrekenrun-goedkeuren", args=[run.pk]))
    run.refresh_from_db()
    assert run.status == "goedgekeurd" and run.goedgekeurd_door == w.frank
    sepa = frank.get(reverse("web:afrekenrun-sepa", args=[run.pk]))
    assert sepa["Content-Type"] == "application/xml" and b"<CtrlSum>324.00</CtrlSum>" in sepa.content
    csv = frank.get(reverse("web:afrekenrun-csv", args=[run.pk])).content.decode()
    assert "Zorg Zuid" in csv


def test_provider_sees_only_its_own_specification(wereld):
    w = wereld
    from resultaat.bekostiging import services as bk

    run = bk.afrekenen(gemeente=w.gemeente, periode=bk.zoek_periode(w.gemeente, "2017-P02"), door=w.fenna).run
    bk.keur_goed(run=run, door=w.frank)
    bob = f.UserFactory(username="bob", rol=Rol.AANBIEDER, aanbieder=w.noord)
    http = als(bob)
    eigen = Betaalbatch.objects.get(aanbieder=w.noord)
    andere = Betaalbatch.objects.get(aanbieder=w.zuid)
    lijst = http.get(reverse("web:betaalbatch-list")).content.decode()
    assert eigen.kenmerk in lijst and andere.kenmerk not in lijst
    assert http.get(reverse("web:betaalbatch-detail", args=[eigen.pk])).status_code == 200
    assert http.get(reverse("web:betaalbatch-pdf", args=[eigen.pk]))["Content-Type"] == "application/pdf"
    for naam in ("web:betaalbatch-detail", "web:betaalbatch-xlsx", "web:betaalbatch-pdf"):
        assert http.get(reverse(naam, args=[andere.pk])).status_code == 404
    assert http.get(reverse("web:afrekenrun-detail", args=[run.pk])).status_code == 404
    api = http.get("/api/v1/bekostiging/regels/").json()
    assert {r["aanbieder"] for r in api["results"]} == {w.noord.pk}
    assert http.get(f"/api/v1/bekostiging/batches/{andere.pk}/").status_code == 404
    assert http.get(f"/api/v1/bekostiging/runs/{run.pk}/").status_code == 403


def test_provider_filters_its_specifications_by_period(wereld):
    w = wereld
    from resultaat.bekostiging import services as bk

    for code in ("2017-P02", "2017-P03"):
        run = bk.afrekenen(gemeente=w.gemeente, periode=bk.zoek_periode(w.gemeente, code), door=w.fenna).run
        bk.keur_goed(run=run, door=w.frank)
    bob = f.UserFactory(username="bob", rol=Rol.AANBIEDER, aanbieder=w.noord)
    http = als(bob)
    p02, p03 = (
        Betaalbatch.objects.get(aanbieder=w.noord, run__periode__code=c) for c in ("2017-P02", "2017-P03")
    )
    alle = http.get(reverse("web:betaalbatch-list")).content.decode()
    assert p02.kenmerk in alle and p03.kenmerk in alle
    assert '<option value="2017-P03"' in alle and '<option value="2017-P02"' in alle
    gefilterd = http.get(reverse("web:betaalbatch-list"), {"periode": "2017-P03"}).content.decode()
    assert p03.kenmerk in gefilterd and p02.kenmerk not in gefilterd
    assert reverse("web:betaalbatch-pdf", args=[p03.pk]) in gefilterd
    # An unknown period shows everything rather than an empty page.
    onbekend = http.get(reverse("web:betaalbatch-list"), {"periode": "1999-P01"}).content.decode()
    assert p02.kenmerk in onbekend and p03.kenmerk in onbekend


def test_budget_page_shows_commitments_against_budget_with_a_chart(wereld, settings):
    w = wereld
    Budget.objects.create(gemeente=w.gemeente, jaar=2017, product=w.product, bedrag_cent=100_000)
    body = (
        als(w.fenna)
        .get(reverse("web:bekostiging-budget"), {"gemeente": "0361", "jaar": "2017"})
        .content.decode()
    )
    assert "<svg" in body and "Thuisondersteuning" in body
    assert "€ 1.000,00" in body
    # The table's export holds what the page shows: the budget as a number in euros.
    rijen = export_is_pagina(als(w.fenna), reverse("web:bekostiging-budget") + "?gemeente=0361&jaar=2017")
    assert rijen[0][0].startswith("01") and rijen[0][2] == "€ 1.000,00"


def test_hours_against_results_for_the_same_caseload(wereld, time_machine):
    w = wereld
    time_machine.move_to(dt.datetime(2017, 3, 1, 10, 0, tzinfo=AMSTERDAM), tick=False)
    r = als(w.fenna).get(
        reverse("web:bekostiging-uren"),
        {"gemeente": "0361", "product": w.product.pk, "uurtarief": "25,00", "uren": "4"},
    )
    body = r.content.decode()
    # 2 clients: by the hour 2 x 4 x 52 x 25 = 10,400; per result 2 x 13 x 216 = 5,616: 46.0% less.
    assert "€ 10.400,00" in body and "€ 5.616,00" in body
    assert "46,0%" in body or "46.0%" in body
    assert "haalt de bezuiniging van 40%" in body


def test_the_hours_form_labels_each_field_and_shows_no_error_before_anything_was_sent(wereld):
    w = wereld
    body = als(w.fenna).get(reverse("web:bekostiging-uren")).content.decode()
    for veld in ("gemeente", "product", "uurtarief", "uren"):
        assert f'<label class="utrecht-form-label" for="{veld}">' in body and f'id="{veld}"' in body
    assert 'value="25,00"' in body and 'value="3"' in body
    assert "utrecht-form-field-error-message" not in body and 'aria-invalid="true"' not in body
    assert body.count("utrecht-select--html-select") == 2
    fout = als(w.fenna).get(reverse("web:bekostiging-uren"), {"uurtarief": "veel"}).content.decode()
    assert 'id="uurtarief-fout"' in fout and 'aria-invalid="true"' in fout


def test_the_runs_form_labels_each_field_and_asks_nothing_before_sending(wereld):
    body = als(wereld.fenna).get(reverse("web:afrekenrun-list")).content.decode()
    for veld in ("gemeente", "periode", "proef"):
        assert f'for="{veld}"' in body and f'id="{veld}"' in body
    assert "utrecht-select--html-select" in body and " required" not in body

# ruff: noqa: F811  (the toegang fixtures are imported from tests.toegang.test_toegang)
"""The consulent's and the provider's actions on the aanvraag and indicatie pages: each action its own
view and form on the same URL; bad input gets its Dutch message, nothing is saved; unknown actions
change nothing."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from resultaat.catalogus.models import Tijdsband
from resultaat.toegang import services as t
from resultaat.toegang.models import Beschikking, Indicatie, IndicatieStatus, Opschorting, ToegangInstelling
from tests.toegang.test_toegang import aanvraag_voor, contracten, huis, mevrouw  # noqa: F401  (fixtures)

D = dt.date


def test_every_action_on_the_aanvraag_page_refuses_bad_input_and_saves_good_input(
    client, alice, mevrouw, huis, contracten, noord
):
    client.force_login(alice)
    aanvraag = aanvraag_voor(alice, mevrouw, huis)
    url = reverse("web:aanvraag-detail", args=[aanvraag.pk])
    r = client.post(url, {"actie": "onbekend"})
    assert r.status_code == 302 and r["Location"] == url
    r = client.post(url, {})
    assert r.status_code == 302 and r["Location"] == url
    r = client.post(url, {"actie": "opschorten", "van": "2025-02-01", "tot": "2025-02-05"})
    assert r.status_code == 200 and "Vul de reden in." in r.text
    r = client.post(url, {"actie": "opschorten", "van": "2025-02-05", "tot": "2025-02-01", "reden": "x"})
    assert r.status_code == 200 and "Het einde van de opschorting ligt vóór het begin." in r.text
    assert 'id="tot-fout"' in r.text
    r = client.post(url, {"actie": "opschorten", "van": "2025-02-01", "tot": "2025-02-05", "reden": "ziek"})
    assert r.status_code == 302 and Opschorting.objects.count() == 1
    r = client.post(url, {"actie": "indicatie", "resultaat": "", "ingangsdatum": "2025-02-03"})
    assert r.status_code == 200 and "Kies een resultaat." in r.text
    r = client.post(
        url,
        {
            "actie": "indicatie",
            "resultaat": huis.pk,
            "ingangsdatum": "2025-02-03",
            "post_beperkingen-enig": "on",
        },
        follow=True,
    )
    assert "vastgelegd" in r.text, r.text
    ind = Indicatie.objects.get()
    r = client.post(url, {"actie": "kies", "indicatie": ind.pk}, follow=True)
    assert "Kies een aanbieder." in r.text
    r = client.post(url, {"actie": "kies", "indicatie": ind.pk, "aanbieder": "abc"}, follow=True)
    assert "Kies een aanbieder." in r.text
    r = client.post(url, {"actie": "kies", "indicatie": ind.pk, "aanbieder": noord.pk}, follow=True)
    assert f"De cliënt kiest {noord.naam}." in r.text
    ind.refresh_from_db()
    assert ind.aanbieder == noord
    r = client.post(url, {"actie": "toekennen"})
    assert r.status_code == 200 and "Vul de besluitdatum in." in r.text
    r = client.post(url, {"actie": "afwijzen", "besluitdatum": "2025-02-03"})
    assert r.status_code == 200 and "waarom" in r.text
    assert not Beschikking.objects.exists()
    r = client.post(url, {"actie": "toekennen", "besluitdatum": "2025-02-03", "motivering": "ok"})
    b = Beschikking.objects.get()
    assert r.status_code == 302 and r["Location"] == reverse("web:beschikking-detail", args=[b.pk])


def test_the_provider_proposes_and_the_consulent_rejects_with_a_reason_on_the_indicatie_page(
    client, alice, bob, mevrouw, huis, contracten, noord, alkmaar
):
    aanvraag = aanvraag_voor(alice, mevrouw, huis)
    ToegangInstelling.objects.create(gemeente=alkmaar, mandaat_aanbieder=True)
    ind = t.leg_indicatie_vast(
        door=alice,
        aanvraag=aanvraag,
        resultaat=huis,
        ingangsdatum=D(2025, 2, 3),
        tijdsband=Tijdsband.objects.get(code="basis"),
        mandaat_aanbieder=noord,
    )
    url = reverse("web:indicatie-detail", args=[ind.pk])
    client.force_login(bob)
    r = client.post(url, {"actie": "onbekend"})
    assert r.status_code == 200 and "Voorstel indienen" in r.text
    r = client.post(url, {"actie": "voorstel", "frequentie": "x"})
    assert r.status_code == 200 and "Vul het aantal minuten per week in." in r.text
    r = client.post(url, {"actie": "akkoord"})
    assert r.status_code == 403, r.status_code
    r = client.post(url, {"actie": "voorstel", "minuten_per_week": "110"})
    assert r.status_code == 302 and r["Location"] == url
    client.force_login(alice)
    assert "Motivering (verplicht bij afwijzen)" in client.get(url).text
    r = client.post(url, {"actie": "afwijzen", "motivering": "  "})
    assert r.status_code == 200 and "Schrijf op waarom u het voorstel afwijst." in r.text
    ind.refresh_from_db()
    assert ind.status == IndicatieStatus.VOORGESTELD
    r = client.post(url, {"actie": "afwijzen", "motivering": "te veel"})
    assert r.status_code == 302 and r["Location"] == reverse("web:aanvraag-detail", args=[aanvraag.pk])
    ind.refresh_from_db()
    assert ind.status == IndicatieStatus.AFGEWEZEN

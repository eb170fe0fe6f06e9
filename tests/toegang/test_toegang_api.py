# ruff: noqa: F811  (the toegang fixtures are imported from tests.toegang.test_toegang)
"""Every step of toegang through the API, with the same Dutch messages as the web UI."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from pypdf import PdfReader
from rest_framework.test import APIClient

from resultaat.toewijzingen.models import Toewijzing, ToewijzingVersie
from tests.toegang.test_toegang import contracten, huis, mevrouw  # noqa: F401  (fixtures)


@pytest.fixture
def api(alice):
    client = APIClient()
    client.force_authenticate(alice)
    return client


def test_melding_to_toewijzing_through_the_api(api, alice, mevrouw, huis, contracten, noord, zuid, bob):
    r = api.post("/api/v1/meldingen/", {"client": mevrouw.pk, "ontvangen_op": "2999-01-01"}, format="json")
    assert r.status_code == 400 and "in de toekomst" in str(r.json())
    r = api.post("/api/v1/meldingen/", {"client": mevrouw.pk, "ontvangen_op": "2025-01-06"}, format="json")
    assert r.status_code == 201, r.json()
    melding = r.json()
    assert melding["onderzoek_uiterlijk"] == "2025-02-17"
    r = api.post(
        f"/api/v1/meldingen/{melding['id']}/opschorten/",
        {"van": "2025-01-10", "tot": "2025-01-12", "reden": "Op vakantie"},
        format="json",
    )
    assert r.status_code == 201 and r.json()["onderzoek_uiterlijk"] == "2025-02-20"
    r = api.post(
        f"/api/v1/meldingen/{melding['id']}/onderzoek/",
        {
            "datum_gesprek": "2025-01-20",
            "zrm": [{"domein": "iadl", "niveau": 2, "toelichting": "Kan niet stofzuigen"}],
            "resultaten": [{"resultaat": "schoon-en-leefbaar-huis", "anders_namelijk": "ramen"}],
            "afronden": True,
        },
        format="json",
    )
    assert r.status_code == 200, r.json()
    onderzoek = r.json()
    r = api.post(
        f"/api/v1/onderzoeken/{onderzoek['id']}/aanvraag/", {"ontvangen_op": "2025-01-27"}, format="json"
    )
    assert r.status_code == 201 and r.json()["besluit_uiterlijk"] == "2025-02-10"
    aanvraag = r.json()
    indicatie_url = f"/api/v1/aanvragen/{aanvraag['id']}/indicaties/"
    r = api.post(
        indicatie_url,
        {"resultaat": "schoon-en-leefbaar-huis", "ingangsdatum": "2025-02-03", "minuten_per_week": 261},
        format="json",
    )
    assert r.status_code == 400 and "buiten elke band" in r.json()["minuten_per_week"][0]
    r = api.post(
        indicatie_url,
        {
            "resultaat": "schoon-en-leefbaar-huis",
            "ingangsdatum": "2025-02-03",
            "normenkader": {"huisdier": 1},
        },
        format="json",
    )
    assert r.status_code == 201, r.json()
    indicatie = r.json()
    assert indicatie["minuten_per_week"] == 140 and indicatie["tijdsband"] == "basis-plus-1"
    assert [t["minuten"] for t in indicatie["normberekening"]["regels"]] == [125, 15]
    r = api.post(
        f"/api/v1/indicaties/{indicatie['id']}/aanbieder/", {"aanbieder": zuid.agb_code}, format="json"
    )
    assert r.status_code == 200 and r.json()["aanbieder"] == zuid.agb_code
    r = api.post(
        f"/api/v1/aanvragen/{aanvraag['id']}/besluit/",
        {"besluit": "toekennen", "besluitdatum": "2025-01-31", "motivering": "Hulp bij het schoonmaken."},
        format="json",
    )
    assert r.status_code == 201, r.json()
    beschikking = r.json()
    assert beschikking["resultaten"][0]["minuten_per_week"] == 140
    r = api.get(f"/api/v1/beschikkingen/{beschikking['id']}/brief/")
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    tekst = " ".join(PdfReader(io.BytesIO(r.content)).pages[0].extract_text().split())
    assert "140 minuten per week" in tekst and "Zorg Zuid" in tekst

    toewijzing = Toewijzing.objects.get(client=mevrouw)
    # The switch is decided a day after the toewijzing (a change must be recorded later than the version).
    een_dag_eerder = toewijzing.toewijzingsdatum - dt.timedelta(days=1)
    Toewijzing.objects.filter(pk=toewijzing.pk).update(toewijzingsdatum=een_dag_eerder)
    ToewijzingVersie.objects.filter(toewijzing=toewijzing).update(toewijzingsdatum=een_dag_eerder)
    r = api.post(
        "/api/v1/overstappen/",
        {"toewijzing": toewijzing.pk, "aanbieder": noord.agb_code, "per": "2025-05-01"},
        format="json",
    )
    assert r.status_code == 201, r.json()
    assert r.json()["ingangsdatum"] == "2025-05-01"
    toewijzing.refresh_from_db()
    assert toewijzing.einddatum == dt.date(2025, 4, 30) and toewijzing.reden_wijziging == "09"

    provider = APIClient()
    provider.force_authenticate(bob)
    assert (
        provider.post("/api/v1/meldingen/", {"client": mevrouw.pk, "ontvangen_op": "2025-01-06"}).status_code
        == 403
    )
    assert provider.get(f"/api/v1/beschikkingen/{beschikking['id']}/brief/").status_code == 403

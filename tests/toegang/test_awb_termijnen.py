# ruff: noqa: F811  (the fixtures of test_elk_resultaat, imported by name)
"""The Awb deadlines of issue 14 that were still open: the verdaging of the decision term with its letter
(Awb 4:14), the onderzoek term (extended only by agreement with the client, Wmo 2.3.2) and the aanvraag
without a verslag after it (Wmo 2.3.2 lid 9), and the register of every case with its dwangsom."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from rest_framework.test import APIClient

from resultaat.accounts.models import Rol
from resultaat.catalogus.models import Resultaat
from resultaat.toegang import awb
from resultaat.toegang import services as t
from resultaat.toegang.brieven import verdagingsbrief_html
from resultaat.toegang.models import Aanvraag, AanvraagStatus
from resultaat.werklijst.models import WerklijstItem, WerklijstStatus
from tests import factories as f
from tests.toegang.test_elk_resultaat import (  # noqa: F401  (fixtures)
    aanvraag,
    begeleiding,
    gecontracteerd,
    meneer,
    niveaus,
    tekst,
)

D = dt.date


MAANDAG = D(2025, 1, 6)


def melding_van(alice, client, dag=MAANDAG):
    return t.registreer_melding(door=alice, client=client, ontvangen_op=dag, hulpvraag="Post stapelt op")


# --- Verdaging of the decision term (Awb 4:14) -----------------------------------------------------------


def test_a_verdaging_before_the_term_moves_the_deadline_everywhere_and_the_client_gets_a_letter(
    alice, meneer, noord, niveaus, gecontracteerd
):
    a, _ = begeleiding(alice, meneer, noord, niveaus, uren="2", ingang=D(2025, 3, 3))
    assert a.besluit_uiterlijk == D(2025, 2, 3)
    verlenging = awb.verdaag_besluit(
        door=alice,
        aanvraag=a,
        op=D(2025, 1, 31),
        nieuw_uiterlijk=D(2025, 2, 17),
        reden="Wij wachten op het advies van de huisarts.",
    )
    a.refresh_from_db()
    assert a.besluit_uiterlijk == D(2025, 2, 17) and a.uiterlijk == D(2025, 2, 17)
    item = WerklijstItem.objects.over(a).get()
    assert item.uiterlijk == D(2025, 2, 17) and "verdaagd tot en met 17-02-2025" in item.omschrijving
    assert verlenging.kenmerk == "Wmo 2025-V0001"
    brief = tekst(verdagingsbrief_html(verlenging))
    assert "U krijgt ons besluit uiterlijk op 17 februari 2025" in brief
    assert "Eerst was dat 3 februari 2025" in brief
    assert "Wij wachten op het advies van de huisarts." in brief
    assert "artikel 4:14 van de Algemene wet bestuursrecht" in brief
    assert "Wmo 2025-V0001" in brief and "31 januari 2025" in brief
    # The ingebrekestelling waits for the new date, and so does the dwangsom.
    with pytest.raises(ValidationError, match="17-02-2025"):
        t.registreer_ingebrekestelling(door=alice, aanvraag=a, ontvangen_op=D(2025, 2, 10))
    # A pause at the client's request after the verdaging moves the new date too.
    t.schort_op(
        door=alice, aanvraag=a, van=D(2025, 2, 5), tot=D(2025, 2, 7), reden="Cliënt in het ziekenhuis"
    )
    a.refresh_from_db()
    assert a.besluit_uiterlijk == D(2025, 2, 20)
    assert WerklijstItem.objects.over(a).get().uiterlijk == D(2025, 2, 20)


def test_a_verdaging_after_the_term_or_too_long_is_refused_and_nothing_changes(
    alice, meneer, noord, niveaus, gecontracteerd
):
    a, _ = begeleiding(alice, meneer, noord, niveaus, uren="2", ingang=D(2025, 3, 3))
    with pytest.raises(ValidationError, match="Verdagen kan alleen vóór het einde van de termijn"):
        awb.verdaag_besluit(
            door=alice, aanvraag=a, op=D(2025, 2, 4), nieuw_uiterlijk=D(2025, 2, 17), reden="Drukte."
        )
    with pytest.raises(ValidationError, match="zo kort mogelijke termijn"):
        awb.verdaag_besluit(
            door=alice, aanvraag=a, op=D(2025, 1, 31), nieuw_uiterlijk=D(2025, 4, 30), reden="Drukte."
        )
    with pytest.raises(ValidationError, match="waarom het besluit later komt"):
        awb.verdaag_besluit(
            door=alice, aanvraag=a, op=D(2025, 1, 31), nieuw_uiterlijk=D(2025, 2, 17), reden=" "
        )
    a.refresh_from_db()
    assert a.verlengd_tot is None and a.besluit_uiterlijk == D(2025, 2, 3) and not a.verlengingen.exists()


def test_the_consulent_verdaagt_on_the_aanvraag_page_and_prints_the_letter(
    client, alice, meneer, noord, niveaus, gecontracteerd
):
    a, _ = begeleiding(alice, meneer, noord, niveaus, uren="2", ingang=D(2025, 3, 3))
    client.force_login(alice)
    url = reverse("web:aanvraag-detail", args=[a.pk])
    te_laat = client.post(
        url, {"actie": "verdagen", "op": "2025-02-05", "nieuw_uiterlijk": "2025-02-17", "reden": "Drukte"}
    )
    assert "Verdagen kan alleen vóór het einde van de termijn (Awb 4:14)" in te_laat.content.decode()
    r = client.post(
        url,
        {
            "actie": "verdagen",
            "op": "2025-01-31",
            "nieuw_uiterlijk": "2025-02-17",
            "reden": "Advies huisarts",
        },
        follow=True,
    )
    html = r.content.decode()
    assert "De beslistermijn loopt nu tot en met 17-02-2025" in html
    assert "brief Wmo 2025-V0001 (PDF)" in html
    # The client's timeline shows the new date too.
    tijdlijn = client.get(reverse("web:client-detail", args=[meneer.pk])).content.decode()
    assert "17-02-2025 (verdaagd)" in tijdlijn
    verlenging = a.verlengingen.get()
    pdf = client.get(reverse("web:verdagingsbrief", args=[verlenging.pk]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_the_api_verdaagt_and_refuses_after_the_term(alice, meneer, noord, niveaus, gecontracteerd):
    a, _ = begeleiding(alice, meneer, noord, niveaus, uren="2", ingang=D(2025, 3, 3))
    api = APIClient()
    api.force_authenticate(alice)
    url = f"/api/v1/aanvragen/{a.pk}/verdaging/"
    fout = api.post(url, {"op": "2025-02-04", "nieuw_uiterlijk": "2025-02-17", "reden": "x"}, format="json")
    assert fout.status_code == 400 and "vóór het einde" in str(fout.json())
    r = api.post(url, {"op": "2025-02-03", "nieuw_uiterlijk": "2025-02-17", "reden": "x"}, format="json")
    assert r.status_code == 201 and r.json()["kenmerk"] == "Wmo 2025-V0001"
    assert api.get(f"/api/v1/aanvragen/{a.pk}/").json()["besluit_uiterlijk"] == "2025-02-17"
    assert api.get(f"/api/v1/aanvragen/{a.pk}/verdagingsbrief/").content.startswith(b"%PDF")


# --- The onderzoek term (Wmo 2.3.2) ----------------------------------------------------------------------


def test_the_onderzoek_term_is_extended_only_by_agreement_and_only_before_it_ends(alice, meneer):
    melding = melding_van(alice, meneer)
    assert melding.onderzoek_uiterlijk == D(2025, 2, 17)
    with pytest.raises(ValidationError, match="hoe de cliënt met de langere termijn instemde"):
        awb.verleng_onderzoek(
            door=alice,
            melding=melding,
            op=D(2025, 2, 10),
            nieuw_uiterlijk=D(2025, 3, 3),
            reden="x",
            afspraak="",
        )
    with pytest.raises(ValidationError, match="direct een aanvraag indienen"):
        awb.verleng_onderzoek(
            door=alice,
            melding=melding,
            op=D(2025, 2, 18),
            nieuw_uiterlijk=D(2025, 3, 3),
            reden="x",
            afspraak="telefonisch",
        )
    awb.verleng_onderzoek(
        door=alice,
        melding=melding,
        op=D(2025, 2, 10),
        nieuw_uiterlijk=D(2025, 3, 3),
        reden="De cliënt wil zijn dochter bij het gesprek.",
        afspraak="telefonisch, met de cliënt",
    )
    melding.refresh_from_db()
    assert melding.onderzoek_uiterlijk == D(2025, 3, 3)
    item = WerklijstItem.objects.over(melding).get()
    assert item.uiterlijk == D(2025, 3, 3) and "met de cliënt verlengd" in item.omschrijving
    # No letter of the Awb: an agreement has no kenmerk.
    assert melding.verlengingen.get().kenmerk == ""


def test_after_six_weeks_without_a_verslag_the_client_applies_directly_and_the_decision_clock_runs(
    alice, meneer
):
    melding = melding_van(alice, meneer)
    with pytest.raises(ValidationError, match="Pas daarna mag de cliënt zonder verslag"):
        awb.registreer_aanvraag_na_onderzoekstermijn(door=alice, melding=melding, ontvangen_op=D(2025, 2, 17))
    a = awb.registreer_aanvraag_na_onderzoekstermijn(door=alice, melding=melding, ontvangen_op=D(2025, 2, 20))
    assert a.na_onderzoekstermijn and a.melding == melding and a.besluit_uiterlijk == D(2025, 3, 6)
    assert not WerklijstItem.objects.over(melding).exists()  # the onderzoek's item is closed
    item = WerklijstItem.objects.over(a).get()
    assert item.status == WerklijstStatus.OPEN and item.uiterlijk == D(2025, 3, 6)
    assert "het onderzoek was niet op tijd klaar" in item.omschrijving
    with pytest.raises(ValidationError, match="loopt al een aanvraag"):
        awb.registreer_aanvraag_na_onderzoekstermijn(door=alice, melding=melding, ontvangen_op=D(2025, 2, 21))
    # From here the Awb applies: ingebrekestelling and dwangsom on this aanvraag.
    t.registreer_ingebrekestelling(door=alice, aanvraag=a, ontvangen_op=D(2025, 3, 10))
    a.refresh_from_db()
    assert a.dwangsom(D(2025, 3, 25)) == (2, 2 * 2300)


def test_an_onderzoek_finished_in_time_gives_no_aanvraag_without_verslag(alice, meneer):
    resultaat = Resultaat.objects.get(code="administratie-en-geld")
    a = aanvraag(alice, meneer, resultaat)
    with pytest.raises(ValidationError, match="leg de aanvraag vast bij het verslag"):
        awb.registreer_aanvraag_na_onderzoekstermijn(
            door=alice, melding=a.melding, ontvangen_op=D(2025, 3, 1)
        )


def test_the_melding_page_offers_the_aanvraag_without_verslag_after_the_term(client, alice, meneer):
    melding = melding_van(alice, meneer)
    client.force_login(alice)
    url = reverse("web:melding-detail", args=[melding.pk])
    html = client.get(url).content.decode()
    assert "De cliënt mag nu direct een aanvraag indienen, zonder verslag" in html
    r = client.post(url, {"actie": "aanvraag-na-termijn", "ontvangen_op": "2025-02-20"}, follow=True)
    a = Aanvraag.objects.get(melding=melding)
    assert r.redirect_chain[-1][0] == reverse("web:aanvraag-detail", args=[a.pk])
    assert "ingediend zonder verslag" in r.content.decode()


# --- The register -----------------------------------------------------------------------------------------


@pytest.fixture
def zaken(alice, alkmaar, meneer, noord, niveaus, gecontracteerd):
    """Three cases of Alkmaar: a melding over its onderzoek term, an aanvraag with an ingebrekestelling
    whose dwangsom runs, and an aanvraag decided in time."""
    open_melding = melding_van(alice, f.ClientFactory(gemeente=alkmaar, achternaam="Onderzoeksma"))
    te_laat, _ = begeleiding(alice, meneer, noord, niveaus, uren="2", ingang=D(2025, 3, 3))
    t.registreer_ingebrekestelling(door=alice, aanvraag=te_laat, ontvangen_op=D(2025, 2, 10))
    op_tijd_client = f.ClientFactory(gemeente=alkmaar, achternaam="Optijd")
    op_tijd, _ = begeleiding(alice, op_tijd_client, noord, niveaus, uren="1", ingang=D(2025, 3, 3))
    t.neem_besluit(door=alice, aanvraag=op_tijd, besluitdatum=D(2025, 1, 31), motivering="Nodig.")
    return open_melding, te_laat, op_tijd


def test_the_register_filters_open_over_term_and_dwangsom(zaken, alice):
    from resultaat.toegang.models import Melding

    vandaag = D(2025, 3, 1)  # dwangsom from 24-02-2025: 6 days
    alle = Melding.objects.for_user(alice)

    def namen(filter_):
        return sorted(m.client.achternaam for m in awb.register(alle, filter_, vandaag))

    assert namen("") == ["Onderzoeksma", "Optijd", "Visser"]
    assert namen("open") == ["Onderzoeksma", "Visser"]
    assert namen("te-laat") == ["Onderzoeksma", "Visser"]
    assert namen("dwangsom") == ["Visser"]
    assert awb.register(alle, "dwangsom", D(2025, 2, 23)).count() == 0  # not yet running
    assert awb.register(alle, "dwangsom", D(2025, 4, 8)).count() == 0  # the 42 days are over
    visser = next(m for m in awb.register(alle, "dwangsom", vandaag))
    regel = awb.registerregel(visser, vandaag)
    assert (regel["dwangsom_dagen"], regel["dwangsom_cent"]) == (6, 6 * 2300) and regel["te_laat"]


def test_the_register_page_and_its_csv_for_consulent_and_beheerder_only(
    client, zaken, alice, alkmaar, dora, time_machine
):
    time_machine.move_to(dt.datetime(2025, 3, 1, 11, 0, tzinfo=dt.UTC), tick=False)
    client.force_login(alice)
    url = reverse("web:termijnregister")
    html = client.get(url, {"filter": "dwangsom"}).content.decode()
    assert "Visser" in html and "Optijd" not in html and "Onderzoeksma" not in html
    assert "Termijn overschreden" in html
    csv = client.get(url, {"filter": "te-laat", "formaat": "csv"})
    assert csv["Content-Type"].startswith("text/csv")
    regels = csv.content.decode().splitlines()
    assert regels[0].startswith("Cliënt;Melding ontvangen;Onderzoek uiterlijk")
    assert len(regels) == 3 and any("Visser" in r and ";ja;" in r for r in regels)
    xlsx = client.get(url, {"formaat": "xlsx"})
    assert xlsx.content[:2] == b"PK"
    beheerder = f.UserFactory(username="fb", rol=Rol.BEHEERDER, gemeenten=[alkmaar])
    client.force_login(beheerder)
    assert client.get(url).status_code == 200
    client.force_login(dora)
    assert client.get(url).status_code == 403


def test_a_decided_aanvraag_is_neither_open_nor_over_term_in_the_register(zaken, alice):
    from resultaat.toegang.models import Melding

    _, te_laat, _ = zaken
    t.neem_besluit(door=alice, aanvraag=te_laat, besluitdatum=D(2025, 3, 1), motivering="Nodig.")
    te_laat.refresh_from_db()
    assert te_laat.status == AanvraagStatus.BESLOTEN
    alle = Melding.objects.for_user(alice)
    namen = sorted(m.client.achternaam for m in awb.register(alle, "te-laat", D(2025, 3, 10)))
    assert namen == ["Onderzoeksma"]
    visser = next(m for m in awb.register(alle, "", D(2025, 3, 10)) if m.client.achternaam == "Visser")
    # The dwangsom stopped the day before the decision: 24-02 .. 28-02.
    assert awb.registerregel(visser, D(2025, 3, 10))["dwangsom_dagen"] == 5


def test_a_register_too_long_to_download_is_refused_with_a_message(
    client, zaken, alice, time_machine, monkeypatch
):
    time_machine.move_to(dt.datetime(2025, 3, 1, 11, 0, tzinfo=dt.UTC), tick=False)
    monkeypatch.setattr("resultaat.toegang.web.views.termijnen.MAX_EXPORT", 1)
    client.force_login(alice)
    antwoord = client.get(reverse("web:termijnregister"), {"formaat": "csv"}, follow=True)
    assert antwoord.redirect_chain and "formaat" not in antwoord.redirect_chain[-1][0]
    assert "telt meer dan 1 rijen" in antwoord.content.decode()

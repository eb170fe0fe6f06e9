"""Every result of the catalogue indicated with the amount of help per week (CRvB 2021:1381), the
re-indication that changes the earlier decision, the withdrawal with its own letter, and the letters that
survive bezwaar: motivation, deels toegekend, the rejection naming the request and the legal ground, the
bezwaar deadline from the sending date with the Algemene termijnenwet, no empty sections."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from rest_framework.test import APIClient

from resultaat.catalogus.models import ComplexiteitNiveau, IntensiteitNiveau, Product, Resultaat
from resultaat.core import termijnen
from resultaat.iwmo.models import Bericht
from resultaat.toegang import services as t
from resultaat.toegang.brieven import beschikking_html
from resultaat.toegang.models import Besluit, ZRMDomein
from resultaat.toewijzingen.models import Toewijzing
from tests import factories as f

D = dt.date
JANUARI = D(2025, 1, 6)


def tekst(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", re.sub(r"</?(strong|em)>", "", html)).split())


@pytest.fixture
def niveaus(db):
    return {n.code: n for n in (*ComplexiteitNiveau.objects.all(), *IntensiteitNiveau.objects.all())}


@pytest.fixture
def gecontracteerd(alkmaar, noord):
    """Noord contracted from 2025 for every product of begeleiding, verzorging, dagbesteding, respijt."""
    alkmaar.postadres = "Postbus 53, 1800 BC Alkmaar"
    alkmaar.save()
    contract = f.ContractFactory(aanbieder=noord, gemeenten=[alkmaar], geldig_van=D(2025, 1, 1))
    for product in Product.objects.filter(categorie__in=["02", "03", "04", "06", "07"]):
        f.ContractProductFactory(contract=contract, product=product, geldig_van=D(2025, 1, 1))


@pytest.fixture
def meneer(alkmaar):
    return f.ClientFactory(
        gemeente=alkmaar, voorletters="J.", achternaam="Visser", geslacht="1", geboortedatum=D(1961, 5, 9)
    )


def aanvraag(alice, client, resultaat, dag=JANUARI):
    melding = t.registreer_melding(door=alice, client=client, ontvangen_op=dag, hulpvraag="Post stapelt op")
    onderzoek = t.leg_onderzoek_vast(
        door=alice,
        melding=melding,
        datum_gesprek=dag + dt.timedelta(days=7),
        zrm={ZRMDomein.FINANCIEN: (2, "Rekeningen blijven liggen")},
        resultaten=[t.GekozenResultaat(resultaat)],
        afronden=True,
    )
    return t.registreer_aanvraag(door=alice, onderzoek=onderzoek, ontvangen_op=dag + dt.timedelta(days=14))


def begeleiding(alice, client, noord, niveaus, *, uren, ingang, dag=JANUARI, einde=None):
    resultaat = Resultaat.objects.get(code="administratie-en-geld")
    a = aanvraag(alice, client, resultaat, dag)
    indicatie = t.leg_indicatie_vast(
        door=alice,
        aanvraag=a,
        resultaat=resultaat,
        ingangsdatum=ingang,
        einddatum=einde,
        complexiteit=niveaus["midden"],
        intensiteit=niveaus["wekelijks"],
        frequentie="twee keer per week",
        omvang_per_week=Decimal(uren),
    )
    t.kies_aanbieder(door=alice, indicatie=indicatie, aanbieder=noord)
    return a, indicatie


# --- Item 1: every result, with the amount of help per week --------------------------------------------


def test_a_consulent_grants_begeleiding_with_hours_per_week_and_the_letter_states_them(
    alice, meneer, noord, niveaus, gecontracteerd
):
    a, indicatie = begeleiding(alice, meneer, noord, niveaus, uren="4.5", ingang=D(2025, 2, 3))
    assert indicatie.product.code == "BGM"
    assert indicatie.omvang_tekst == "4,5 uur per week"
    beschikking = t.neem_besluit(
        door=alice, aanvraag=a, besluitdatum=D(2025, 1, 31), motivering="Meneer overziet zijn post niet."
    )
    brief = tekst(beschikking_html(beschikking))
    assert "Hoeveel hulp 4,5 uur per week, twee keer per week" in brief
    assert "Begeleiding midden (Midden, Wekelijks)" in brief
    assert Toewijzing.objects.get(client=meneer).product.code == "BGM"


@pytest.mark.parametrize(
    ("resultaat", "eenheid", "productcode"),
    [
        ("administratie-en-geld", "3 uur per week", "BGM"),
        ("regelvermogen-zelfregie", "3 uur per week", "BGM"),
        ("zelfverzorging", "3 uur per week", "PVM"),
        ("zinvolle-dagbesteding", "3 dagdelen per week", "DBM"),
        ("arbeidsmatige-dagbesteding", "3 dagdelen per week", "DBM"),
        ("mantelzorg", "3 dagdelen per week", "RSD"),
    ],
)
def test_every_result_without_time_bands_can_be_indicated_with_its_amount(
    alice, meneer, niveaus, resultaat, eenheid, productcode
):
    r = Resultaat.objects.get(code=resultaat)
    indicatie = t.leg_indicatie_vast(
        door=alice,
        aanvraag=aanvraag(alice, meneer, r),
        resultaat=r,
        ingangsdatum=D(2025, 2, 3),
        complexiteit=niveaus["midden"],
        intensiteit=niveaus["meerdere-keren-per-week"],
        omvang_per_week=3,
    )
    assert (indicatie.product.code, indicatie.omvang_tekst) == (productcode, eenheid)


def test_every_result_of_the_catalogue_has_a_product(db):
    for r in Resultaat.objects.geldig_op(D(2025, 6, 1)):
        banden = t.banden_op(r, D(2025, 6, 1))
        product = t.product_voor(resultaat=r, datum=D(2025, 6, 1), tijdsband=banden[0] if banden else None)
        assert product.omvang_eenheid, r


def test_without_the_amount_per_week_or_the_levels_nothing_is_saved(alice, meneer, niveaus):
    r = Resultaat.objects.get(code="administratie-en-geld")
    a = aanvraag(alice, meneer, r)
    with pytest.raises(ValidationError, match="hoeveel uur per week"):
        t.leg_indicatie_vast(
            door=alice,
            aanvraag=a,
            resultaat=r,
            ingangsdatum=D(2025, 2, 3),
            complexiteit=niveaus["licht"],
            intensiteit=niveaus["wekelijks"],
            frequentie="Hoe vaak: twee keer per week",
        )
    with pytest.raises(ValidationError, match="complexiteit en de intensiteit"):
        t.leg_indicatie_vast(
            door=alice, aanvraag=a, resultaat=r, ingangsdatum=D(2025, 2, 3), omvang_per_week=2
        )
    assert not a.indicaties.exists()


def test_the_api_indicates_dagbesteding_in_dagdelen(alice, meneer):
    r = Resultaat.objects.get(code="zinvolle-dagbesteding")
    a = aanvraag(alice, meneer, r)
    api = APIClient()
    api.force_authenticate(alice)
    url = f"/api/v1/aanvragen/{a.pk}/indicaties/"
    invoer = {"resultaat": r.code, "ingangsdatum": "2025-02-03", "complexiteit": "licht"}
    fout = api.post(url, {**invoer, "intensiteit": "wekelijks"}, format="json")
    assert fout.status_code == 400 and "dagdelen per week" in str(fout.json())
    r = api.post(url, {**invoer, "intensiteit": "wekelijks", "omvang_per_week": "2"}, format="json")
    assert r.status_code == 201, r.json()
    assert (r.json()["omvang_per_week"], r.json()["omvang_eenheid"]) == ("2.0", "dagdelen")


# --- Item 2: re-indication changes the earlier decision; withdrawal ------------------------------------


def test_a_re_indication_changes_the_earlier_decision_by_a_letter_and_ends_the_old_toewijzing(
    alice, meneer, noord, niveaus, gecontracteerd
):
    a1, _ = begeleiding(alice, meneer, noord, niveaus, uren="3", ingang=D(2025, 2, 3))
    eerste = t.neem_besluit(door=alice, aanvraag=a1, besluitdatum=D(2025, 1, 31), motivering="Post.")
    oud = Toewijzing.objects.get(beschikt_resultaat__beschikking=eerste)
    berichten = Bericht.objects.filter(berichttype="WMO301", aanbieder=noord).count()

    a2, _ = begeleiding(alice, meneer, noord, niveaus, uren="5", ingang=D(2025, 6, 2), dag=D(2025, 5, 5))
    tweede = t.neem_besluit(
        door=alice, aanvraag=a2, besluitdatum=D(2025, 5, 26), motivering="Meneer heeft nu schulden."
    )

    eerder = eerste.resultaten.get()
    assert (eerder.beeindigd_per, eerder.beeindigd_door) == (D(2025, 6, 1), tweede)
    oud.refresh_from_db()
    assert oud.einddatum == D(2025, 6, 1) and oud.reden_wijziging == "05"
    assert Bericht.objects.filter(berichttype="WMO301", aanbieder=noord).count() == berichten + 2
    brief = tekst(beschikking_html(tweede))
    assert "Ons besluit: uw ondersteuning verandert" in brief
    assert (
        f"Met ons besluit van 31 januari 2025 (kenmerk Wmo {eerste.nummer}) kreeg u voor Administratie en "
        "geld 3 uur per week. Dat besluit wijzigen wij: het geldt tot en met 1 juni 2025. Vanaf 2 juni 2025 "
        "krijgt u 5 uur per week"
    ) in brief
    assert "Bent u het niet eens met dit besluit?" in brief


def test_a_withdrawal_is_a_decision_with_its_own_letter_and_ends_the_toewijzing(
    alice, meneer, noord, niveaus, gecontracteerd, client
):
    a1, _ = begeleiding(alice, meneer, noord, niveaus, uren="3", ingang=D(2025, 2, 3))
    eerste = t.neem_besluit(door=alice, aanvraag=a1, besluitdatum=D(2025, 1, 31), motivering="Post.")
    resultaat = eerste.resultaten.get()
    client.force_login(alice)
    url = reverse("web:beschikking-detail", args=[eerste.pk])
    leeg = client.post(url, {"resultaat": resultaat.pk, "per": "2025-04-30", "besluitdatum": "2025-04-14"})
    assert "Schrijf op waarom u de ondersteuning intrekt" in leeg.content.decode()
    r = client.post(
        url,
        {
            "resultaat": resultaat.pk,
            "per": "2025-04-30",
            "besluitdatum": "2025-04-14",
            "motivering": "Meneer woont nu bij zijn dochter, die de post doet.",
        },
    )
    intrekking = eerste.client.beschikkingen.get(besluit=Besluit.INGETROKKEN)
    assert r.status_code == 302 and r.url == reverse("web:beschikking-detail", args=[intrekking.pk])
    assert Toewijzing.objects.get(beschikt_resultaat=resultaat).einddatum == D(2025, 4, 30)
    brief = tekst(beschikking_html(intrekking))
    assert "Ons besluit: uw ondersteuning stopt" in brief
    assert "U krijgt deze hulp tot en met 30 april 2025" in brief
    assert "artikel 2.3.10 van de Wet maatschappelijke ondersteuning 2015" in brief
    assert "uiterlijk op 26 mei 2025" in brief
    with pytest.raises(ValidationError, match="al gewijzigd of ingetrokken"):
        t.trek_in(
            door=alice, resultaat=resultaat, per=D(2025, 5, 1), besluitdatum=D(2025, 4, 15), motivering="x"
        )


# --- Item 3: letters -------------------------------------------------------------------------------------


def test_the_bezwaar_deadline_runs_from_the_sending_date_with_the_algemene_termijnenwet(
    alice, meneer, noord, niveaus, gecontracteerd
):
    # Sent on Friday 1 August 2025: six weeks end on Friday 12 September. Sent on Saturday 2 August: six
    # weeks end on Saturday 13 September, moved to Monday 15 September.
    assert termijnen.BEZWAAR.uiterlijk(D(2025, 8, 1)) == D(2025, 9, 12)
    assert termijnen.BEZWAAR.uiterlijk(D(2025, 8, 2)) == D(2025, 9, 15)
    a, _ = begeleiding(alice, meneer, noord, niveaus, uren="2", ingang=D(2025, 8, 4), dag=D(2025, 7, 7))
    beschikking = t.neem_besluit(door=alice, aanvraag=a, besluitdatum=D(2025, 7, 31), motivering="Post.")
    beschikking.verzonden_op = D(2025, 8, 2)
    brief = tekst(beschikking_html(beschikking))
    assert "Datum 2 augustus 2025" in brief
    assert "uiterlijk op 15 september 2025" in brief


def test_every_grant_needs_a_motivation_and_deels_toegekend_says_what_is_not_granted(
    alice, meneer, noord, niveaus, gecontracteerd
):
    a, _ = begeleiding(alice, meneer, noord, niveaus, uren="2", ingang=D(2025, 2, 3))
    with pytest.raises(ValidationError, match="waarom u dit besluit neemt"):
        t.neem_besluit(door=alice, aanvraag=a, besluitdatum=D(2025, 1, 31), motivering=" ")
    beschikking = t.beslis_op_aanvraag(
        door=alice,
        aanvraag=a,
        besluit="toekennen",
        besluitdatum=D(2025, 1, 31),
        motivering="Meneer heeft hulp nodig bij zijn post.",
        niet_toegekend="U vroeg ook om hulp bij het invullen van de belastingaangifte. Daarvoor kunt u "
        "terecht bij de formulierenbrigade.",
    )
    assert beschikking.besluit == Besluit.DEELS
    brief = tekst(beschikking_html(beschikking))
    assert "Ons besluit: u krijgt een deel van de ondersteuning" in brief
    assert "Wat u niet krijgt U vroeg ook om hulp bij het invullen van de belastingaangifte" in brief


def test_the_rejection_names_the_request_and_the_legal_ground_in_plain_words(alice, meneer):
    r = Resultaat.objects.get(code="administratie-en-geld")
    a = aanvraag(alice, meneer, r)
    beschikking = t.wijs_aanvraag_af(
        door=alice, aanvraag=a, besluitdatum=D(2025, 1, 31), motivering="Uw dochter doet uw post al."
    )
    html = beschikking_html(beschikking)
    brief = tekst(html)
    assert "vroeg u ondersteuning aan bij: Administratie en geld" in brief
    assert "artikel 2.3.5 van de Wet maatschappelijke ondersteuning 2015" in brief
    assert "maatwerkvoorziening" not in brief
    assert '<div class="ondertekening"><p>Met vriendelijke groet,</p>' in html


def test_no_empty_eigen_bijdrage_heading_and_no_end_date_reads_as_such(
    alice, meneer, noord, niveaus, gecontracteerd
):
    a, _ = begeleiding(alice, meneer, noord, niveaus, uren="2", ingang=D(2025, 2, 3))
    beschikking = t.neem_besluit(door=alice, aanvraag=a, besluitdatum=D(2025, 1, 31), motivering="Post.")
    beschikking.eigen_bijdrage_toelichting = ""
    brief = tekst(beschikking_html(beschikking))
    assert "Eigen bijdrage" not in brief
    assert "tot en met onbepaalde tijd" not in brief
    assert "vanaf 3 februari 2025, zonder einddatum" in brief


# --- Item 5: the letter says which minutes rest on research and which are the gemeente's choice ---------


def test_the_letter_words_research_and_the_gemeentes_own_choices_differently(alice, meneer, noord, alkmaar):
    huis = Resultaat.objects.get(code="schoon-en-leefbaar-huis")
    contract = f.ContractFactory(aanbieder=noord, gemeenten=[alkmaar], geldig_van=D(2025, 1, 1))
    for product in Product.objects.filter(code__in=["HOB1", "HOB2", "HOB3"]):
        f.ContractProductFactory(contract=contract, product=product, geldig_van=D(2025, 1, 1))
    a = aanvraag(alice, meneer, huis)
    indicatie = t.leg_indicatie_vast(
        door=alice,
        aanvraag=a,
        resultaat=huis,
        ingangsdatum=D(2025, 2, 3),
        keuzes={"eigen-kracht": 1, "huisdier": 1},
    )
    assert (indicatie.minuten_per_week, indicatie.tijdsband.naam) == (105, "Basis")
    t.kies_aanbieder(door=alice, indicatie=indicatie, aanbieder=noord)
    beschikking = t.neem_besluit(door=alice, aanvraag=a, besluitdatum=D(2025, 1, 31), motivering="Huis.")
    brief = tekst(beschikking_html(beschikking))
    assert "Basis: volledige overname (uit onderzoek) + 125 min" in brief
    assert "Extra vervuiling door huisdier (keuze van de gemeente) + 15 min" in brief
    assert "en/of een kleine woning of zorgstudio (keuze van de gemeente) − 35 min" in brief
    assert "Hoeveel hulp 105 minuten per week" in brief


# --- Item 6: the information letter only to current clients of huishoudelijke hulp, with their own facts --


def test_the_information_letter_goes_only_to_clients_of_huishoudelijke_hulp_with_their_own_hours(
    alice, meneer, noord, alkmaar, niveaus, gecontracteerd, tmp_path, client
):
    from django.core.management import call_command

    from resultaat.eigen_bijdrage.models import Vrijstelling
    from resultaat.toegang.brieven import informatiebrief_html

    huis = Resultaat.objects.get(code="schoon-en-leefbaar-huis")
    contract = f.ContractFactory(aanbieder=noord, gemeenten=[alkmaar], geldig_van=D(2025, 1, 1))
    for product in Product.objects.filter(code__in=["HOB1", "HOB2", "HOB3"]):
        f.ContractProductFactory(contract=contract, product=product, geldig_van=D(2025, 1, 1))
    a = aanvraag(alice, meneer, huis)
    indicatie = t.leg_indicatie_vast(
        door=alice, aanvraag=a, resultaat=huis, ingangsdatum=D(2025, 2, 3), keuzes={"beperkingen-enig": 1}
    )
    t.kies_aanbieder(door=alice, indicatie=indicatie, aanbieder=noord)
    t.neem_besluit(
        door=alice,
        aanvraag=a,
        besluitdatum=D(2025, 1, 31),
        motivering="Huis.",
        vrijstelling=Vrijstelling.MINIMA,
    )
    alleen_begeleiding = f.ClientFactory(gemeente=alkmaar, achternaam="Bos", geboortedatum=D(1950, 1, 1))
    a2, _ = begeleiding(alice, alleen_begeleiding, noord, niveaus, uren="2", ingang=D(2025, 2, 3))
    t.neem_besluit(door=alice, aanvraag=a2, besluitdatum=D(2025, 1, 31), motivering="Post.")

    brief = tekst(informatiebrief_html(meneer, datum=D(2025, 11, 3), per_datum=D(2026, 1, 1)))
    assert (
        "Nu krijgt u Huishoudelijke ondersteuning Basis+1 van Thuiszorg Noord: 155 minuten per week." in brief
    )
    assert "in elk geval tot en met 2 juli 2026" in brief
    assert "U betaalt geen eigen bijdrage, want" in brief
    with pytest.raises(ValidationError, match="geen hulp bij het huishouden"):
        informatiebrief_html(alleen_begeleiding, datum=D(2025, 11, 3), per_datum=D(2026, 1, 1))

    call_command("informatiebrieven", gemeente=alkmaar.code, per="2026-01-01", map=str(tmp_path))
    assert [p.name for p in tmp_path.iterdir()] == [f"informatiebrief-{meneer.pk}.pdf"]
    client.force_login(alice)
    r = client.get(reverse("web:informatiebrief", args=[alleen_begeleiding.pk]), follow=True)
    assert "krijgt nu geen hulp bij het huishouden" in r.content.decode()


def test_the_api_withdraws_a_result_with_the_same_service(alice, bob, meneer, noord, niveaus, gecontracteerd):
    a1, _ = begeleiding(alice, meneer, noord, niveaus, uren="3", ingang=D(2025, 2, 3))
    eerste = t.neem_besluit(door=alice, aanvraag=a1, besluitdatum=D(2025, 1, 31), motivering="Post.")
    resultaat = eerste.resultaten.get()
    url = f"/api/v1/beschikkingen/{eerste.pk}/intrekking/"
    invoer = {"resultaat": resultaat.pk, "per": "2025-04-30", "besluitdatum": "2025-04-14"}
    aanbieder = APIClient()
    aanbieder.force_authenticate(bob)
    assert aanbieder.post(url, {**invoer, "motivering": "x"}, format="json").status_code in (403, 404)
    api = APIClient()
    api.force_authenticate(alice)
    assert api.post(url, {**invoer, "motivering": " "}, format="json").status_code == 400
    r = api.post(url, {**invoer, "motivering": "Hulp niet meer nodig."}, format="json")
    assert r.status_code == 201, r.json()
    assert r.json()["besluit"] == "ingetrokken"
    assert Toewijzing.objects.get(beschikt_resultaat=resultaat).einddatum == D(2025, 4, 30)


# --- Item 4 (part): ingebrekestelling and dwangsom ---------------------------------------------------------


def test_the_dwangsom_runs_per_day_from_two_weeks_after_the_ingebrekestelling_up_to_the_maximum():
    ontvangen = D(2025, 3, 3)
    assert termijnen.INGEBREKESTELLING.uiterlijk(ontvangen) == D(2025, 3, 17)
    assert termijnen.dwangsom_cent(ontvangen, D(2025, 3, 16)) == (0, 0)
    assert termijnen.dwangsom_cent(ontvangen, D(2025, 3, 17)) == (1, 2300)
    assert termijnen.dwangsom_cent(ontvangen, D(2025, 3, 31)) == (15, 14 * 2300 + 3500)
    assert termijnen.dwangsom_cent(ontvangen, D(2025, 12, 31)) == (42, 14 * 2300 + 14 * 3500 + 14 * 4500)
    assert 14 * 2300 + 14 * 3500 + 14 * 4500 == 144200


def test_an_ingebrekestelling_is_on_the_worklist_and_the_dwangsom_stops_at_the_decision(
    alice, meneer, noord, niveaus, gecontracteerd, client
):
    from resultaat.werklijst.models import WerklijstItem

    a, _ = begeleiding(alice, meneer, noord, niveaus, uren="2", ingang=D(2025, 4, 7))
    assert a.besluit_uiterlijk == D(2025, 2, 3)
    with pytest.raises(ValidationError, match="pas daarna"):
        t.registreer_ingebrekestelling(door=alice, aanvraag=a, ontvangen_op=D(2025, 2, 3))
    client.force_login(alice)
    url = reverse("web:aanvraag-detail", args=[a.pk])
    r = client.post(url, {"actie": "ingebrekestelling", "ontvangen_op": "2025-03-03"}, follow=True)
    assert "Vanaf 17-03-2025 is de gemeente een dwangsom per dag verschuldigd" in r.content.decode()
    a.refresh_from_db()
    item = WerklijstItem.objects.over(a).get()
    assert (
        item.uiterlijk == D(2025, 3, 16) and "ingebrekestelling ontvangen op 03-03-2025" in item.omschrijving
    )
    t.neem_besluit(door=alice, aanvraag=a, besluitdatum=D(2025, 3, 20), motivering="Post.")
    a.refresh_from_db()
    assert a.dwangsom(D(2025, 12, 31)) == (3, 3 * 2300)

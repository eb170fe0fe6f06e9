# ruff: noqa: E501 (rows of a realistic file, one line each)
"""Two old indications of one result make one new decision (HH1 and HH2 both become "schoon en leefbaar
huis"; two begeleiding indications), and the conversion letter says in plain Dutch what changes: the old
hours, the new result and band, the transition, the eigen bijdrage and the bezwaar clause."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from pypdf import PdfReader

from resultaat.accounts.models import Rol
from resultaat.catalogus.models import Product
from resultaat.conversie import services, uitvoeren
from resultaat.conversie.models import BestaandeIndicatie, Samenvoegen
from resultaat.core.opmaak import lange_datum
from resultaat.toegang.models import Beschikking, Besluit
from resultaat.toewijzingen.models import Toewijzing
from tests import factories as f
from tests.conversie.conftest import bestand

pytestmark = pytest.mark.django_db

PER = dt.date(2027, 1, 1)
# As a gemeente exports its caseload: De Vries has HH1 and HH2 at Noord, Bakker two begeleiding
# indications at two providers, Mulder one HH1; one broken row (45 hours).
REGELS = [
    "111222333;J.P. de Vries;03-04-1941;Dorpsstraat 12;1811 AB;Alkmaar;0361;HH1;1,5;98000001;01-01-2016;;15-12-2015",
    "123456782;Bakker, A.;1938-11-20;Laan 3a;1812CD;Alkmaar;0361;BG;2;98000002;01-06-2016;;01-05-2016",
    "111222333;J.P. de Vries;03-04-1941;Dorpsstraat 12;1811 AB;Alkmaar;0361;HH2;1,5;98000001;01-03-2016;;20-02-2016",
    "200000007;M. Mulder;05-05-1960;Plein 2;1813 EF;Alkmaar;0361;HH1;2;98000002;01-01-2016;;01-12-2015",
    "100000010;L. Visser;30-09-1952;Weg 1;;Alkmaar;0361;HH2;45;98000001;01-01-2016;;01-12-2015",
    "123456782;Bakker, A.;1938-11-20;Laan 3a;1812CD;Alkmaar;0361;BG;2;98000001;01-09-2016;;15-08-2016",
]


@pytest.fixture
def consulent(alkmaar):
    return f.UserFactory(username="cas", rol=Rol.CONSULENT, gemeenten=[alkmaar])


@pytest.fixture
def ingelezen(beheerder, alkmaar, noord, zuid):
    for aanbieder in (noord, zuid):
        contract = f.ContractFactory(aanbieder=aanbieder, gemeenten=[alkmaar])
        for product in Product.objects.filter(code__in=["HOB1", "HOB2", "HOB3", "BGL", "BGM", "BGZ"]):
            f.ContractProductFactory(contract=contract, product=product)
    imp = services.nieuwe_import(
        door=beheerder, gemeente=alkmaar, bestandsnaam="wmo.csv", inhoud=bestand(REGELS)
    )
    services.lees_in(door=beheerder, indicatieimport=imp)
    imp.refresh_from_db()
    assert (imp.ingelezen, imp.afgekeurd) == (5, 1)
    return {
        i.client.bsn + i.product + str(i.aanbieder_id): i
        for i in BestaandeIndicatie.objects.select_related("client")
    }


def _scenario(contractmanager, alkmaar, samenvoegen=Samenvoegen.OPTELLEN):
    scenario = services.maak_standaardscenario(
        door=contractmanager,
        gemeente=alkmaar,
        naam=f"Catalogus {samenvoegen}",
        omzetdatum=PER,
        uurtarieven={"HH1": 2500, "HH2": 2800, "BG": 5500},
        samenvoegen=samenvoegen,
    )
    assert scenario.samenvoegen == samenvoegen
    return scenario


def _resultaat(bsn):
    b = Beschikking.objects.get(client__bsn=bsn, besluit=Besluit.TOEGEKEND)
    return b, b.resultaten.select_related("product", "resultaat").get()


def _tekst(pdf: bytes) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())


def test_two_indications_of_one_result_become_one_decision_with_the_hours_added_up(
    consulent, contractmanager, alkmaar, ingelezen, noord, zuid
):
    oud_hh = f.ToewijzingFactory(
        client=ingelezen["111222333HH1" + str(noord.pk)].client,
        aanbieder=noord,
        ingangsdatum=dt.date(2016, 1, 1),
    )
    uitkomst = uitvoeren.voer_uit(
        door=consulent,
        scenario=_scenario(contractmanager, alkmaar),
        besluitdatum=timezone.localdate(),
        overgang_weken=4,
    )
    assert (uitkomst.omgezet, uitkomst.niet_omgezet) == (3, [])
    ingang = PER + dt.timedelta(weeks=4)

    # De Vries: HH1 1,5 + HH2 1,5 = 3 hours (180 minutes) in one decision; 90 minutes alone would be a
    # lower band.
    b, r = _resultaat("111222333")
    assert Beschikking.objects.filter(client=b.client).count() == 1
    assert r.resultaat.naam == "Schoon en leefbaar huis"
    assert r.tijdsband.min_minuten <= 180 <= r.tijdsband.max_minuten
    assert "over HH1 (1,5 uur per week bij Thuiszorg Noord) en" in b.motivering
    assert "HH2 (1,5 uur per week bij Thuiszorg Noord)" in b.motivering
    assert "samen 3 uur per week" in b.motivering
    # Bakker: two begeleiding indications of 2 hours (each "licht") make 4 hours: "midden".
    _, r_bg = _resultaat("123456782")
    assert (r_bg.product.code, r_bg.omvang_per_week) == ("BGM", Decimal("4.00"))

    # Every old indication ends the day before; the old administration's toewijzing too.
    for ind in BestaandeIndicatie.objects.all():
        assert (ind.einddatum, ind.omgezet_op) == (ingang - dt.timedelta(days=1), ingang)
    oud_hh.refresh_from_db()
    assert oud_hh.einddatum == ingang - dt.timedelta(days=1)

    # The letters: each client's own PDF names that client and no other, and says what changes.
    assert uitvoeren.maak_brieven(door=consulent, ronde=uitkomst.ronde, processen=2) == 3
    namen = {"111222333": "J.P. de Vries", "123456782": "A. Bakker", "200000007": "M. Mulder"}
    brieven = {
        o.client.bsn: _tekst(bytes(o.brief)) for o in uitkomst.ronde.omzettingen.select_related("client")
    }
    for bsn, tekst in brieven.items():
        assert namen[bsn] in tekst
        assert not any(naam in tekst for ander, naam in namen.items() if ander != bsn)
    vries = brieven["111222333"]
    assert "Wat verandert er voor u?" in vries
    assert "HH1: 1,5 uur per week van Thuiszorg Noord" in vries
    assert "HH2: 1,5 uur per week van Thuiszorg Noord" in vries
    assert "één nieuw besluit in plaats van 2" in vries
    assert "De uren tellen wij op: samen 3 uur per week" in vries
    assert f"Vanaf {lange_datum(ingang)} krijgt u" in vries
    assert f"gemiddeld {r.minuten_per_week // 60} uur" in vries
    assert (
        f"(band {r.tijdsband.naam}: tussen {r.tijdsband.min_minuten} en {r.tijdsband.max_minuten} minuten"
        in vries
    )
    assert "overgangsperiode van 4 weken" in vries
    assert f"Tot en met {lange_datum(ingang - dt.timedelta(days=1))} houdt u de hulp die u nu krijgt" in vries
    assert "eigen bijdrage" in vries
    assert "Bent u het niet eens met deze verandering? Dan kunt u bezwaar maken, uiterlijk op" in vries
    assert "vroeg u ondersteuning aan" not in vries
    # A single indication: no word about combining; begeleiding has no time measure but a level.
    mulder = brieven["200000007"]
    assert "HH1: 2 uur per week van Zorg Zuid" in mulder and "in plaats van" not in mulder
    assert "BG: 2 uur per week van Zorg Zuid" in brieven["123456782"]
    assert "BG: 2 uur per week van Thuiszorg Noord" in brieven["123456782"]
    assert "Hoeveel hulp 4 uur per week (meerdere keren / week)" in brieven["123456782"]
    # The merged file for printing holds every page of the three letters.
    ronde = uitkomst.ronde
    ronde.refresh_from_db()
    assert len(PdfReader(io.BytesIO(bytes(ronde.samengevoegd))).pages) == sum(
        len(PdfReader(io.BytesIO(bytes(o.brief))).pages) for o in ronde.omzettingen.all()
    )


def test_the_highest_indication_counts_when_the_scenario_says_so_and_undo_restores_both(
    consulent, contractmanager, alkmaar, ingelezen, noord
):
    uitkomst = uitvoeren.voer_uit(
        door=consulent,
        scenario=_scenario(contractmanager, alkmaar, Samenvoegen.HOOGSTE),
        besluitdatum=timezone.localdate(),
        clienten=[ingelezen["123456782BG" + str(noord.pk)].client_id],
    )
    assert uitkomst.omgezet == 1
    _, r = _resultaat("123456782")
    assert (r.product.code, r.omvang_per_week) == ("BGL", Decimal("2.00"))
    assert BestaandeIndicatie.objects.filter(omgezet_op__isnull=False).count() == 2

    uitvoeren.maak_ongedaan(door=consulent, ronde=uitkomst.ronde)
    assert not BestaandeIndicatie.objects.filter(omgezet_op__isnull=False).exists()
    assert not BestaandeIndicatie.objects.filter(einddatum__isnull=False).exists()
    nieuw = Toewijzing.objects.filter(beschikt_resultaat__isnull=False)
    assert nieuw.count() == 1 and all(t.is_verwijderd for t in nieuw)


def test_the_comparison_counts_two_indications_of_one_result_as_one_new_decision(
    contractmanager, alkmaar, ingelezen, tarieven
):
    (optellen,) = services.vergelijk([_scenario(contractmanager, alkmaar)])
    assert (optellen.indicaties, optellen.omgezet) == (5, 5)
    producten = {p.product: p.clienten for p in optellen.producten}
    # De Vries (90 + 90 minutes) and Mulder (120) are three clients of whom two get a decision in
    # huishoudelijke ondersteuning; Bakker's two begeleiding indications are one "midden".
    assert sum(producten.values()) == 3
    assert producten["Begeleiding midden"] == 1
    assert "Begeleiding licht" not in producten
    # The cost before counts every old indication; after, one period tariff per new decision.
    voor = round(1.5 * 52 * 2500) + round(1.5 * 52 * 2800) + 2 * (2 * 52 * 5500) + 2 * 52 * 2500
    assert optellen.voor_cent == voor

    (hoogste,) = services.vergelijk([_scenario(contractmanager, alkmaar, Samenvoegen.HOOGSTE)])
    assert {p.product: p.clienten for p in hoogste.producten}["Begeleiding licht"] == 1


def test_a_later_phase_for_hh2_combines_with_hh1_converted_in_an_earlier_phase_into_one_decision(
    consulent, contractmanager, alkmaar, ingelezen, noord
):
    scenario = _scenario(contractmanager, alkmaar)
    vandaag = timezone.localdate()
    eerste = uitvoeren.voer_uit(door=consulent, scenario=scenario, besluitdatum=vandaag, producten=["HH1"])
    assert eerste.omgezet == 2  # De Vries's HH1 and Mulder's HH1
    hh1, r1 = _resultaat("111222333")
    assert r1.minuten_per_week is not None and r1.minuten_per_week < 180  # 1,5 hours alone: lower band

    # Same transition: the later phase would start the same day. Refused for De Vries, with what to do.
    zelfde = uitvoeren.voer_uit(door=consulent, scenario=scenario, besluitdatum=vandaag, producten=["HH2"])
    assert zelfde.omgezet == 0
    assert "HH1 is in een eerdere fase omgezet per" in zelfde.niet_omgezet[0]
    uitvoeren.maak_ongedaan(door=consulent, ronde=zelfde.ronde)

    tweede = uitvoeren.voer_uit(
        door=consulent, scenario=scenario, besluitdatum=vandaag, producten=["HH2"], overgang_weken=4
    )
    assert (tweede.omgezet, tweede.niet_omgezet) == (1, [])
    ingang = PER + dt.timedelta(weeks=4)
    # One decision holds from the later phase on: HH1 1,5 + HH2 1,5 = 3 hours, not 1,5.
    nieuw = Beschikking.objects.get(pk=tweede.ronde.omzettingen.get().beschikking_id)
    r2 = nieuw.resultaten.select_related("tijdsband").get()
    assert r2.tijdsband.min_minuten <= 180 <= r2.tijdsband.max_minuten
    assert r2.ingangsdatum == ingang
    assert "HH1 (1,5 uur per week) is al eerder omgezet" in nieuw.motivering
    assert "met 3 uur per week in totaal" in nieuw.motivering
    # The earlier phase's decision ends the day before; its toewijzing too (a 301 to the provider).
    r1.refresh_from_db()
    assert (r1.beeindigd_per, r1.beeindigd_door_id) == (ingang - dt.timedelta(days=1), nieuw.pk)
    t1 = Toewijzing.objects.get(beschikt_resultaat=r1)
    assert t1.einddatum == ingang - dt.timedelta(days=1)
    lopend = [
        r
        for b in Beschikking.objects.filter(client=hh1.client, besluit=Besluit.TOEGEKEND)
        for r in b.resultaten.all()
        if r.beeindigd_per is None
    ]
    assert lopend == [r2]

    # The letter names both old indications and the hours together.
    uitvoeren.maak_brieven(door=consulent, ronde=tweede.ronde)
    brief = _tekst(bytes(tweede.ronde.omzettingen.get().brief))
    assert "HH1: 1,5 uur per week van Thuiszorg Noord" in brief
    assert "HH2: 1,5 uur per week van Thuiszorg Noord" in brief
    assert "samen 3 uur per week" in brief

    # The earlier phase cannot be undone while the later one builds on it; after undoing the later one,
    # the earlier decision holds again.
    with pytest.raises(ValidationError, match="latere fase"):
        uitvoeren.maak_ongedaan(door=consulent, ronde=eerste.ronde)
    uitvoeren.maak_ongedaan(door=consulent, ronde=tweede.ronde)
    r1.refresh_from_db()
    assert r1.beeindigd_per is None
    t1.refresh_from_db()
    assert t1.einddatum is None
    uitvoeren.maak_ongedaan(door=consulent, ronde=eerste.ronde)

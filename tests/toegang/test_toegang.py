"""Toegang from melding to toewijzing through the services: deadlines, pauses, onderzoek, indicatie with the
normenkader, the choice of provider, the beschikking letter (HTML and PDF) and the switch of provider."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from pypdf import PdfReader

from resultaat.brieven.render import pdf
from resultaat.catalogus.models import Product, Resultaat, Subresultaat, Tijdsband
from resultaat.core.codes import WMO002RedenWijziging
from resultaat.eigen_bijdrage.models import Abonnementstarief, Vrijstelling
from resultaat.iwmo.models import Bericht
from resultaat.toegang import services as t
from resultaat.toegang.brieven import beschikking_html, informatiebrief_html
from resultaat.toegang.models import (
    AanvraagStatus,
    Besluit,
    Indicatie,
    IndicatieStatus,
    Melding,
    MeldingStatus,
    ToegangInstelling,
    ZRMDomein,
)
from resultaat.toewijzingen.models import Toewijzing
from resultaat.toewijzingen.services import wissel_aanbieder
from resultaat.werklijst.models import WerklijstItem, WerklijstSoort, WerklijstStatus
from tests import factories as f

D = dt.date


@pytest.fixture
def huis(db):
    return Resultaat.objects.get(code="schoon-en-leefbaar-huis")


@pytest.fixture
def contracten(alkmaar, noord, zuid):
    """Both providers contracted for the three HOB bands from 2025, Noord with a waiting time."""
    alkmaar.postadres = "Postbus 53, 1800 BC Alkmaar"
    alkmaar.telefoon = "14 072"
    alkmaar.save()
    hob = Product.objects.filter(code__in=["HOB1", "HOB2", "HOB3"])
    for aanbieder, wachttijd in ((noord, 14), (zuid, 3)):
        contract = f.ContractFactory(aanbieder=aanbieder, gemeenten=[alkmaar], geldig_van=D(2025, 1, 1))
        for product in hob:
            f.ContractProductFactory(
                contract=contract, product=product, geldig_van=D(2025, 1, 1), wachttijd_dagen=wachttijd
            )
    for product in hob:
        f.TariefFactory(product=product, bedrag_cent=30000, geldig_van=D(2025, 1, 1))


@pytest.fixture
def mevrouw(alkmaar):
    return f.ClientFactory(
        gemeente=alkmaar, voorletters="A.", achternaam="Bakker", geslacht="2", geboortedatum=D(1938, 4, 2)
    )


def aanvraag_voor(alice, client, huis):
    melding = t.registreer_melding(
        door=alice, client=client, ontvangen_op=D(2025, 1, 6), hulpvraag="Huis schoonhouden lukt niet"
    )
    sub = Subresultaat.objects.filter(resultaat=huis).first()
    onderzoek = t.leg_onderzoek_vast(
        door=alice,
        melding=melding,
        datum_gesprek=D(2025, 1, 20),
        eigen_kracht="Kan afwassen",
        zrm={ZRMDomein.INSTRUMENTELE_ADL: (2, "Kan niet stofzuigen")},
        resultaten=[t.GekozenResultaat(huis, [sub] if sub else [], [], "Anders, namelijk: ramen")],
        afronden=True,
    )
    return t.registreer_aanvraag(door=alice, onderzoek=onderzoek, ontvangen_op=D(2025, 1, 27))


def test_melding_gets_six_weeks_on_the_werklijst_and_a_pause_moves_the_deadline(alice, mevrouw):
    melding = t.registreer_melding(door=alice, client=mevrouw, ontvangen_op=D(2025, 1, 6))
    item = WerklijstItem.objects.get(soort=WerklijstSoort.ONDERZOEK, client=mevrouw)
    assert item.uiterlijk == D(2025, 2, 17) == melding.onderzoek_uiterlijk
    t.schort_op(
        door=alice,
        melding=melding,
        van=D(2025, 1, 10),
        tot=D(2025, 1, 19),
        reden="Cliënt ligt in het ziekenhuis",
    )
    melding.refresh_from_db()
    assert melding.opgeschort_dagen == 10
    item.refresh_from_db()
    assert item.uiterlijk == D(2025, 2, 27)
    with pytest.raises(ValidationError, match="vóór het begin"):
        t.schort_op(door=alice, melding=melding, van=D(2025, 2, 1), tot=D(2025, 1, 30), reden="x")
    with pytest.raises(ValidationError, match="overlapt"):
        t.schort_op(door=alice, melding=melding, van=D(2025, 1, 15), tot=D(2025, 1, 22), reden="x")
    with pytest.raises(ValidationError, match="Schrijf op waarom"):
        t.schort_op(door=alice, melding=melding, van=D(2025, 2, 1), tot=D(2025, 2, 2), reden=" ")


def test_bad_input_is_refused_in_dutch_and_nothing_is_saved(alice, erik, mevrouw, alkmaar):
    with pytest.raises(ValidationError, match="in de toekomst"):
        t.registreer_melding(door=alice, client=mevrouw, ontvangen_op=D(2999, 1, 1))
    with pytest.raises(PermissionDenied):
        t.registreer_melding(door=erik, client=mevrouw, ontvangen_op=D(2025, 1, 1))
    with pytest.raises(ValidationError) as fout:
        t.registreer_melding_met_client(
            door=alice,
            client_velden={
                "bsn": "123456789",
                "gemeente": alkmaar,
                "achternaam": "Fout",
                "geboortedatum": D(1950, 1, 1),
            },
            ontvangen_op=D(2025, 1, 6),
            wijze="telefoon",
            hulpvraag="",
        )
    assert "elfproef" in str(fout.value)
    assert not Melding.objects.exists()
    assert not WerklijstItem.objects.exists()


def test_from_melding_to_toewijzing_with_the_letter(alice, bob, mevrouw, huis, contracten, noord, zuid):
    aanvraag = aanvraag_voor(alice, mevrouw, huis)
    assert Melding.objects.get().status == MeldingStatus.AFGEROND
    assert WerklijstItem.objects.get(soort=WerklijstSoort.ONDERZOEK).status == WerklijstStatus.AFGEHANDELD
    besluit_item = WerklijstItem.objects.get(soort=WerklijstSoort.BESLUIT)
    assert besluit_item.uiterlijk == D(2025, 2, 10)

    with pytest.raises(ValidationError, match="buiten elke band"):
        t.leg_indicatie_vast(
            door=alice,
            aanvraag=aanvraag,
            resultaat=huis,
            ingangsdatum=D(2025, 2, 3),
            einddatum=D(2026, 2, 2),
            keuzes={
                "beperkingen-veel": 1,
                "samenstelling-huishouden": 1,
                "extra-kamer-in-gebruik": 3,
                "extra-vervuiling": 1,
            },
        )
    with pytest.raises(ValidationError, match="na de ingangsdatum"):
        t.leg_indicatie_vast(
            door=alice,
            aanvraag=aanvraag,
            resultaat=huis,
            ingangsdatum=D(2025, 2, 3),
            einddatum=D(2025, 1, 1),
            keuzes={},
        )
    assert not Indicatie.objects.exists()

    indicatie = t.leg_indicatie_vast(
        door=alice,
        aanvraag=aanvraag,
        resultaat=huis,
        ingangsdatum=D(2025, 2, 3),
        einddatum=D(2026, 2, 2),
        keuzes={"beperkingen-enig": 1},
        frequentie="één keer per week",
    )
    assert indicatie.minuten_per_week == 155
    assert indicatie.tijdsband.naam == "Basis+1"
    assert indicatie.product.code == "HOB3"
    keuzes = t.gecontracteerde_aanbieders(
        gemeente=mevrouw.gemeente, product=indicatie.product, datum=indicatie.ingangsdatum
    )
    assert [(k.aanbieder, k.wachttijd_dagen) for k in keuzes] == [(zuid, 3), (noord, 14)]
    andere = f.AanbiederFactory(agb_code="98009999", naam="Niet Gecontracteerd")
    with pytest.raises(ValidationError, match="geen contract"):
        t.kies_aanbieder(door=alice, indicatie=indicatie, aanbieder=andere)
    t.kies_aanbieder(door=alice, indicatie=indicatie, aanbieder=noord)

    with pytest.raises(ValidationError, match="vóór de aanvraag"):
        t.neem_besluit(door=alice, aanvraag=aanvraag, besluitdatum=D(2025, 1, 1))
    beschikking = t.neem_besluit(
        door=alice, aanvraag=aanvraag, besluitdatum=D(2025, 1, 31), motivering="Mevrouw kan niet bukken."
    )
    aanvraag.refresh_from_db()
    assert aanvraag.status == AanvraagStatus.BESLOTEN
    assert beschikking.eigen_bijdrage_cent == 2100
    besluit_item.refresh_from_db()
    assert besluit_item.status == WerklijstStatus.AFGEHANDELD
    toewijzing = Toewijzing.objects.get(client=mevrouw)
    assert (toewijzing.aanbieder, toewijzing.product.code, toewijzing.ingangsdatum) == (
        noord,
        "HOB3",
        D(2025, 2, 3),
    )
    assert toewijzing.nummer > 0 and toewijzing.versies.count() == 1
    # Handed to the messaging layer (an iWmo 301 to the provider) and to the provider portal.
    assert Bericht.objects.filter(berichttype="WMO301", aanbieder=noord).exists()
    assert list(Toewijzing.objects.for_user(bob)) == [toewijzing]

    html = beschikking_html(beschikking)
    assert "155 minuten per week" in html and "Thuiszorg Noord" in html
    tekst = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf(html))).pages)
    tekst = " ".join(tekst.split())
    assert "155 minuten per week" in tekst
    assert "Thuiszorg Noord" in tekst
    assert "binnen zes weken" in tekst and "14 maart 2025" in tekst
    assert "Postbus 53" in tekst
    assert "€ 21,00 per maand" in tekst
    assert "+ 30 min" in tekst  # every term of the normenkader, with its minutes

    # The client votes with the feet: Zorg Zuid from 1 June, no gap, no overlap.
    later = timezone.now() + dt.timedelta(minutes=5)  # a switch is decided after the toewijzing
    nieuw = wissel_aanbieder(
        door=alice, toewijzing=toewijzing, nieuwe_aanbieder=zuid, per=D(2025, 6, 1), moment=later
    )
    toewijzing.refresh_from_db()
    assert (
        toewijzing.einddatum == D(2025, 5, 31)
        and toewijzing.reden_wijziging == WMO002RedenWijziging.OVERSTAP_AANBIEDER
    )
    assert nieuw.ingangsdatum == D(2025, 6, 1) and nieuw.aanbieder == zuid and nieuw.voorganger == toewijzing


def test_outside_every_band_needs_a_manual_decision_with_motivation(alice, mevrouw, huis, contracten):
    aanvraag = aanvraag_voor(alice, mevrouw, huis)
    indicatie = t.leg_indicatie_vast(
        door=alice,
        aanvraag=aanvraag,
        resultaat=huis,
        ingangsdatum=D(2025, 2, 3),
        minuten_per_week=300,
        handmatig=True,
        motivering="Zeer grote vervuiling door dwangmatig verzamelen.",
    )
    assert indicatie.handmatig and indicatie.minuten_per_week == 300
    assert indicatie.product.code == "HOB3"


def test_rejection_letter_has_the_reason_and_the_bezwaar_address(alice, mevrouw, huis, contracten):
    aanvraag = aanvraag_voor(alice, mevrouw, huis)
    with pytest.raises(ValidationError, match="waarom"):
        t.wijs_aanvraag_af(door=alice, aanvraag=aanvraag, besluitdatum=D(2025, 2, 3), motivering="")
    beschikking = t.wijs_aanvraag_af(
        door=alice,
        aanvraag=aanvraag,
        besluitdatum=D(2025, 2, 3),
        motivering="De buurthuis-schoonmaakdienst past.",
    )
    assert beschikking.besluit == Besluit.AFGEWEZEN
    tekst = " ".join(
        " ".join(
            p.extract_text() for p in PdfReader(io.BytesIO(pdf(beschikking_html(beschikking)))).pages
        ).split()
    )
    assert "Wij wijzen uw aanvraag af" in tekst and "buurthuis" in tekst and "Postbus 53" in tekst


def test_eigen_bijdrage_per_year_and_exemptions(alice, mevrouw, huis, contracten, noord):
    assert dict(Abonnementstarief.objects.values_list("jaar", "bedrag_cent")) == {
        2019: 1750,
        2020: 1900,
        2021: 1900,
        2022: 1900,
        2023: 1900,
        2024: 2060,
        2025: 2100,
        2026: 2180,
    }
    assert Abonnementstarief.objects.get(jaar=2019).get_periode_display() == "per periode van 4 weken"
    aanvraag = aanvraag_voor(alice, mevrouw, huis)
    ind = t.leg_indicatie_vast(
        door=alice, aanvraag=aanvraag, resultaat=huis, ingangsdatum=D(2025, 2, 3), keuzes={}
    )
    t.kies_aanbieder(door=alice, indicatie=ind, aanbieder=noord)
    beschikking = t.neem_besluit(
        door=alice,
        aanvraag=aanvraag,
        besluitdatum=D(2025, 1, 31),
        motivering="Mevrouw heeft hulp nodig bij het schoonmaken.",
        vrijstelling=Vrijstelling.PARTNER_ONDER_AOW,
    )
    assert beschikking.eigen_bijdrage_cent is None
    assert "AOW-leeftijd" in beschikking.eigen_bijdrage_toelichting


def test_mandate_lets_the_provider_propose_within_the_band(
    alice, bob, mevrouw, huis, contracten, noord, alkmaar
):
    aanvraag = aanvraag_voor(alice, mevrouw, huis)
    basis = Tijdsband.objects.get(code="basis")
    with pytest.raises(ValidationError, match="niet met mandaat"):
        t.leg_indicatie_vast(
            door=alice,
            aanvraag=aanvraag,
            resultaat=huis,
            ingangsdatum=D(2025, 2, 3),
            tijdsband=basis,
            mandaat_aanbieder=noord,
        )
    ToegangInstelling.objects.create(gemeente=alkmaar, mandaat_aanbieder=True)
    indicatie = t.leg_indicatie_vast(
        door=alice,
        aanvraag=aanvraag,
        resultaat=huis,
        ingangsdatum=D(2025, 2, 3),
        tijdsband=basis,
        mandaat_aanbieder=noord,
    )
    assert indicatie.status == IndicatieStatus.MANDAAT_GEVRAAGD
    assert list(Indicatie.objects.for_user(bob)) == [indicatie]
    with pytest.raises(ValidationError, match="buiten de band"):
        t.stel_indicatie_voor(door=bob, indicatie=indicatie, minuten_per_week=131, frequentie="wekelijks")
    t.stel_indicatie_voor(door=bob, indicatie=indicatie, minuten_per_week=120, frequentie="wekelijks")
    with pytest.raises(ValidationError, match="nog niet vastgesteld"):
        t.neem_besluit(door=alice, aanvraag=aanvraag, besluitdatum=D(2025, 1, 31))
    t.beoordeel_voorstel(door=alice, indicatie=indicatie, akkoord=True)
    beschikking = t.neem_besluit(
        door=alice, aanvraag=aanvraag, besluitdatum=D(2025, 1, 31), motivering="Voorstel past in de band."
    )
    assert beschikking.resultaten.get().minuten_per_week == 120


def test_information_letter_answers_the_worries_of_seed_000(mevrouw, contracten):
    f.ToewijzingFactory(client=mevrouw, product=Product.objects.get(code="TO001"))
    tekst = " ".join(
        " ".join(
            p.extract_text()
            for p in PdfReader(
                io.BytesIO(pdf(informatiebrief_html(mevrouw, datum=D(2025, 11, 3), per_datum=D(2026, 1, 1))))
            ).pages
        ).split()
    )
    for vraag in (
        "Houd ik mijn vaste hulp?",
        "Houd ik mijn uren?",
        "Blijft de kwaliteit goed?",
        "Verandert mijn eigen bijdrage?",
    ):
        assert vraag in tekst
    assert "€ 21,80 per maand" in tekst

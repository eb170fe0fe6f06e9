"""Issue 13 P16, the remaining paths: the bounds on dates and text lengths of core.grenzen also hold for
the bulk import of an existing caseload (each row in the report, nothing of it written) and for the
reference data in the beheer (catalogue, tariffs, contracts, norms)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from resultaat.accounts.models import Rol
from resultaat.catalogus.models import (
    Aandachtspunt,
    Normenkader,
    NormenkaderPost,
    Product,
    Subresultaat,
    Tarief,
)
from resultaat.clienten.models import Client
from resultaat.clienten.services import NieuweClient, registreer_clienten
from resultaat.contracten.models import Contract
from resultaat.conversie import services as conversie
from tests import factories as f
from tests.conversie.conftest import bestand

pytestmark = pytest.mark.django_db

D = dt.date
LANG = "x" * 1_000_000  # the 1 MB text of the finding


@pytest.fixture
def beheerder_alkmaar(alkmaar):
    return f.UserFactory(username="bea", rol=Rol.BEHEERDER, gemeenten=[alkmaar])


def test_the_caseload_import_reports_impossible_dates_and_long_texts_and_writes_nothing_of_them(
    beheerder_alkmaar, alkmaar, noord
):
    regels = [
        "300000005;A. Oud;01-01-0001;Laan 1;;Alkmaar;0361;HH1;2;98000001;01-01-2016;;15-12-2015",
        "300000017;B. Later;01-01-2999;Laan 2;;Alkmaar;0361;HH1;2;98000001;01-01-2016;;15-12-2015",
        "300000029;C. Ver;01-01-1950;Laan 3;;Alkmaar;0361;HH1;2;98000001;01-01-2999;;15-12-2015",
        f"300000030;D. {'Lang' * 100};01-01-1950;Laan 4;;Alkmaar;0361;HH1;2;98000001;01-01-2016;;15-12-2015",
        f"300000042;E. Straat;01-01-1950;{'Weg' * 50} 5;;Alkmaar;0361;HH1;2;98000001;01-01-2016;;15-12-2015",
        "300000054;F. Goed;01-01-1950;Laan 6;;Alkmaar;0361;HH1;2;98000001;01-01-2016;;15-12-2015",
    ]
    imp = conversie.nieuwe_import(
        door=beheerder_alkmaar, gemeente=alkmaar, bestandsnaam="oud.csv", inhoud=bestand(regels)
    )
    conversie.lees_in(door=beheerder_alkmaar, indicatieimport=imp)
    imp.refresh_from_db()
    m = {melding.regel: melding.tekst for melding in imp.meldingen.all()}
    assert m[1] == "geboortedatum 01-01-0001 ligt niet tussen 1900 en 2099."
    assert m[2] == "geboortedatum 01-01-2999 ligt niet tussen 1900 en 2099."
    assert m[3] == "begindatum 01-01-2999 ligt niet tussen 1900 en 2099."
    assert m[4] == "naam is te lang: ten hoogste 200 tekens (nu 400)."
    assert m[5] == "adres is te lang: ten hoogste 100 tekens (nu 150)."
    assert (imp.ingelezen, imp.afgekeurd) == (1, 5)
    assert list(Client.objects.values_list("achternaam", flat=True)) == ["Goed"]


def test_the_bulk_registration_of_clients_checks_the_bounds_of_every_client(alice, alkmaar):
    def nieuw(bsn: str, achternaam: str, geboortedatum: dt.date) -> NieuweClient:
        return NieuweClient(bsn, alkmaar.pk, "A.", "", achternaam, geboortedatum)

    goed = nieuw("300000005", "Goed", D(1950, 1, 1))
    oud = nieuw("300000017", "Oud", D(1, 1, 1))
    lang = nieuw("300000029", "L" * 500, D(1950, 1, 1))
    with pytest.raises(ValidationError) as fout:
        registreer_clienten(door=alice, clienten=[goed, oud, lang])
    tekst = " ".join(fout.value.messages)
    assert "Oud: Geboortedatum moet tussen 1900 en 2099 liggen." in tekst
    assert "is te lang" in tekst
    assert not Client.objects.exists()


@pytest.fixture
def beheer(client):
    client.force_login(f.UserFactory(username="beheer", rol="", is_staff=True, is_superuser=True))
    return client


def test_the_beheer_refuses_a_tariff_valid_from_the_year_2999(beheer):
    product = Product.objects.get(categorie="01", code="HOB2")
    response = beheer.post(
        reverse("admin:catalogus_tarief_add"),
        {"product": product.pk, "bedrag_euro": "231,45", "periode": "4w", "geldig_van": "01-01-2999"},
    )
    assert response.status_code == 200
    assert "Geldig vanaf moet tussen 1900 en 2099 liggen." in str(response.context["adminform"].form.errors)
    assert not Tarief.objects.filter(product=product).exists()


def test_the_beheer_refuses_a_megabyte_of_text_in_the_catalogue(beheer):
    sub = Subresultaat.objects.first()
    response = beheer.post(
        reverse("admin:catalogus_aandachtspunt_add"),
        {"subresultaat": sub.pk, "omschrijving": LANG, "volgorde": "0", "geldig_van": "01-01-2025"},
    )
    assert response.status_code == 200
    assert "ten hoogste 10000 tekens (nu 1000000)" in str(response.context["adminform"].form.errors)
    assert not Aandachtspunt.objects.filter(omschrijving=LANG).exists()


def test_reference_data_saved_outside_the_beheer_are_held_to_the_same_bounds(alkmaar, noord):
    with pytest.raises(ValidationError, match="tussen 1900 en 2099"):
        Contract.objects.create(
            aanbieder=noord, kenmerk="RC-2025", geldig_van=D(2025, 1, 1), geldig_tot=D(9999, 12, 31)
        )
    kader = Normenkader.objects.first()
    with pytest.raises(ValidationError, match="ten hoogste 10000 tekens"):
        kader.bron = LANG
        kader.save()
    post = NormenkaderPost(normenkader=kader, code="te-veel", naam="Te veel", soort="plus", minuten=100_000)
    with pytest.raises(ValidationError, match="Een week heeft 10080 minuten"):
        post.full_clean()

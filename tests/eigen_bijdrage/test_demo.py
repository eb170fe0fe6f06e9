"""The demo region shows the eigen bijdrage: households, exemptions, a death, a CAK delivery."""

from __future__ import annotations

import datetime as dt

import pytest

from resultaat.clienten.models import Client
from resultaat.demo.generator import genereer_demo
from resultaat.eigen_bijdrage.models import (
    CakBericht,
    CakMelding,
    GemeenteTarief,
    Huisgenoot,
    IndividueleVrijstelling,
    MeldingStatus,
    Vrijstelling,
)
from resultaat.eigen_bijdrage.services import eigen_bijdrage_voor
from resultaat.werklijst.models import WerklijstItem

VANDAAG = dt.date(2026, 11, 22)


@pytest.fixture
def demo(db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return genereer_demo(clienten=120, seed=1, vandaag=VANDAAG)


def test_demo_heeft_huishoudens_vrijstellingen_een_overlijden_en_een_cak_levering(demo):
    partners = Huisgenoot.objects.filter(als_client__isnull=False).get()
    a, b = partners.client, partners.als_client
    bedragen = [eigen_bijdrage_voor(c, VANDAAG).bedrag_cent or 0 for c in (a, b)]
    assert sorted(bedragen) == [0, 2180]  # the household pays once
    jong = Huisgenoot.objects.get(als_client__isnull=True).client
    assert eigen_bijdrage_voor(jong, VANDAAG).reden == Vrijstelling.PARTNER_ONDER_AOW
    assert set(IndividueleVrijstelling.objects.values_list("reden", flat=True)) == {"wlz", "minima"}
    assert GemeenteTarief.objects.get(gemeente__code="0399").bedrag_cent == 1680
    bericht = CakBericht.objects.get(soort="405", gemeente__code="0361")
    assert bericht.periode == dt.date(2026, 10, 1) and bericht.retouren.count() == 1
    overleden = Client.objects.filter(overlijdensdatum__isnull=False)
    gestopt = CakMelding.objects.filter(client__in=overleden, einddatum__isnull=False)
    assert gestopt.exists()
    assert all(m.einddatum <= m.client.overlijdensdatum for m in gestopt)
    assert CakBericht.objects.filter(soort="405").count() > 1
    afgekeurd = CakMelding.objects.get(status=MeldingStatus.AFGEKEURD)
    assert WerklijstItem.objects.filter(
        client=afgekeurd.client, omschrijving__startswith="Eigen bijdrage"
    ).exists()

"""The demo shows the Awb deadlines of toegang filled: a verdaging with its letter, an onderzoek term
extended by agreement, an aanvraag without verslag with its ingebrekestelling, and plans sent after the
beschikking they are part of; every melding and aanvraag carries its stored term for the register."""

from __future__ import annotations

import datetime as dt

import pytest

from resultaat.demo.generator import genereer_demo
from resultaat.toegang.models import (
    Aanvraag,
    BeschikkingBijlage,
    Melding,
    Termijnverlenging,
    VerlengingSoort,
)

VANDAAG = dt.date(2026, 11, 22)


@pytest.fixture(autouse=True)
def snel_wachtwoord(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def test_the_demo_fills_the_register_with_every_kind_of_deadline(db):
    verslag = genereer_demo(clienten=60, seed=1, vandaag=VANDAAG)
    verdaging = Termijnverlenging.objects.get(soort=VerlengingSoort.VERDAGING)
    assert verdaging.kenmerk.startswith("Wmo 2026-V") and verdaging.aanvraag.besluit_uiterlijk > VANDAAG
    assert Termijnverlenging.objects.filter(soort=VerlengingSoort.AFSPRAAK, afspraak__contains="telefonisch")
    zonder_verslag = Aanvraag.objects.get(na_onderzoekstermijn=True)
    assert zonder_verslag.ingebrekestelling_op is not None
    # One nazending per beschikking, with the plan of each of its toewijzingen.
    nagestuurd = verslag.aantallen["ondersteuningsplan nagestuurd bij de beschikking"]
    assert nagestuurd > 0
    assert BeschikkingBijlage.objects.values("beschikking").distinct().count() == nagestuurd
    assert not Melding.objects.filter(uiterlijk__isnull=True).exists()
    assert not Aanvraag.objects.filter(uiterlijk__isnull=True).exists()

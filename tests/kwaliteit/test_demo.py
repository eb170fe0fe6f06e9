"""The demo fills the quality pages: surveys of every kind, complaints in every state, capacity."""

from __future__ import annotations

import pytest

from resultaat.demo.generator import genereer_demo
from resultaat.kwaliteit.models import Afname, Capaciteitsmelding, Enquete, Klacht, KlachtStatus
from resultaat.kwaliteit.services import enquete_cijfers

pytestmark = pytest.mark.django_db


def test_the_demo_makes_surveys_complaints_and_capacity():
    verslag = genereer_demo(clienten=150, seed=3)

    afnames = set(Enquete.objects.values_list("afname", flat=True))
    assert {Afname.LINK, Afname.TELEFOON, ""} <= afnames  # by link, by phone, and unanswered
    assert Enquete.objects.filter(ingevoerd_door__isnull=False).exists()
    assert set(Klacht.objects.values_list("status", flat=True)) >= {KlachtStatus.AFGEHANDELD}
    assert Klacht.objects.te_laat_op(verslag.vandaag).exists()
    assert Capaciteitsmelding.objects.exists()
    assert verslag.aantallen["tevredenheidsonderzoek"] == Enquete.objects.count()
    rijen = enquete_cijfers(
        verslag.vandaag.replace(year=verslag.vandaag.year - 3),
        verslag.vandaag.replace(year=verslag.vandaag.year + 1),
    )
    assert len(rijen) > 1 and all(0 <= (r.respons or 0) <= 1 for r in rijen)

from __future__ import annotations

import pytest

from resultaat.accounts.models import Rol
from tests import factories as f


@pytest.fixture
def beheerder(alkmaar):
    return f.UserFactory(username="bea", rol=Rol.BEHEERDER, gemeenten=[alkmaar])


@pytest.fixture
def contractmanager(alkmaar):
    return f.UserFactory(username="carl", rol=Rol.CONTRACTMANAGER, gemeenten=[alkmaar])


GOED = ["111222333", "123456782", "100000009", "100000010"]


def bestand(regels: list[str]) -> bytes:
    kop = (
        "BSN;Naam;Geboortedatum;Adres;Postcode;Woonplaats;Gemeente;Product;Uren per week;"
        "AGB aanbieder;Startdatum;Einddatum;Besluitdatum"
    )
    return ("\n".join([kop, *regels]) + "\n").encode("utf-8")


@pytest.fixture
def tarieven(db):
    """Tariffs per 4-week period for the bands of huishoudelijke ondersteuning and begeleiding, 2026."""
    import datetime as dt

    from resultaat.catalogus.models import Product, Tarief

    bedragen = {"HOB1": 12000, "HOB2": 16000, "HOB3": 24000, "BGL": 30000, "BGM": 50000, "BGZ": 80000}
    for code, bedrag in bedragen.items():
        for product in Product.objects.filter(code=code):
            Tarief.objects.create(product=product, bedrag_cent=bedrag, geldig_van=dt.date(2026, 1, 1))
    return bedragen


def indicatie(gemeente, aanbieder, product, uren, **velden):
    import datetime as dt
    from decimal import Decimal

    from resultaat.conversie.models import BestaandeIndicatie

    client = velden.pop("client", None) or f.ClientFactory(gemeente=gemeente)
    return BestaandeIndicatie.objects.create(
        client=client,
        gemeente=gemeente,
        product=product,
        uren_per_week=Decimal(str(uren)),
        aanbieder=aanbieder,
        begindatum=velden.pop("begindatum", dt.date(2020, 1, 1)),
        besluitdatum=dt.date(2019, 12, 1),
        **velden,
    )


@pytest.fixture
def caseload(alkmaar, noord, zuid, heiloo):
    """Six hours-based indications of Alkmaar, one of Heiloo, one ended, one already converted."""
    import datetime as dt

    return [
        indicatie(alkmaar, noord, "HH1", 1),  # 60 min -> Basis -1 (75 min): more help
        indicatie(alkmaar, noord, "HH1", 2),  # 120 min -> Basis (110 min): 8% less
        indicatie(alkmaar, zuid, "HH2", 2.5),  # 150 min -> Basis+1 (195 min): more help
        indicatie(alkmaar, zuid, "HH2", 2.1),  # 126 min -> Basis; with -15 min: Basis+1
        indicatie(alkmaar, noord, "HH2", 6),  # 360 min: above the highest band
        indicatie(alkmaar, zuid, "BG", 3),  # 180 min -> Begeleiding midden
        indicatie(heiloo, noord, "HH1", 3),
        indicatie(alkmaar, noord, "HH1", 3, einddatum=dt.date(2025, 12, 31)),
        indicatie(alkmaar, noord, "HH1", 3, omgezet_op=dt.date(2025, 1, 1)),
    ]

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

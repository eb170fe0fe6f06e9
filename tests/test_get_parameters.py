"""P10: no GET parameter of a web page can give a 500. Every page that reads ``request.GET`` gets every one
of its parameters with values a form would never send; each answer is a 200 (with the Dutch message next
to the field where the value is wrong), a 400 or a 404, never a 500."""

from __future__ import annotations

import pytest
from django.test import Client as WebClient
from django.urls import reverse

from resultaat.accounts.models import Rol
from tests import factories as f
from tests.bekostiging.helpers import D, maak_wereld

pytestmark = pytest.mark.django_db

WAARDEN = ["0", "-1", "nan", "inf", "-inf", "1e309", "99999999999", "99999999999999999999999", "", "abc",
           "\x00", "1\x00", "2017\x00", "€", " ", "1,5,5", "0x10", "１２"]  # fmt: skip

# (url name, the user who may open it, its GET parameters)
PAGINAS = [
    ("web:bekostiging-budget", "financieel", ["jaar", "gemeente"]),
    ("web:bekostiging-uren", "financieel", ["uren", "uurtarief", "product", "gemeente"]),
    ("web:betaalbatch-list", "financieel", ["periode", "page"]),
    ("web:sociale-kaart", "consulent", ["gemeente"]),
    ("web:signaal-nieuw", "aanbieder", ["toewijzing", "client"]),
    ("web:signaal-list", "consulent", ["status", "page"]),
    ("web:toewijzing-list", "consulent", ["filter", "page"]),
    ("web:melding-nieuw", "consulent", ["client"]),
    ("web:client-list", "consulent", ["achternaam", "page"]),
    ("web:audit-list", "auditor", ["client", "page"]),
    ("web:audit-export-csv", "auditor", ["client"]),
    ("web:audit-export-xlsx", "auditor", ["client"]),
    ("web:bericht-list", "consulent", ["berichttype", "richting", "status", "page"]),
    ("web:verzoek-list", "consulent", ["status", "page"]),
    ("web:verzoek-toewijzing-nieuw", "aanbieder", ["client"]),
    ("web:werklijst", "consulent", ["status", "page"]),
    ("web:handleiding", "consulent", ["rol"]),
]


@pytest.fixture
def gebruikers(db):
    w = maak_wereld()
    w.toewijzing(D(2017, 1, 1))
    root = f.UserFactory(username="root", is_superuser=True, is_staff=True, rol=Rol.BEHEERDER)
    aanbieder = f.UserFactory(username="bea", rol=Rol.AANBIEDER, aanbieder=w.noord)
    consulent = f.UserFactory(username="carla", rol=Rol.CONSULENT, gemeenten=[w.gemeente])
    auditor = f.UserFactory(username="dirk", rol=Rol.AUDITOR, gemeenten=[w.gemeente])
    return {
        "financieel": w.fenna,
        "root": root,
        "aanbieder": aanbieder,
        "consulent": consulent,
        "auditor": auditor,
    }


@pytest.mark.parametrize(("naam", "wie", "parameters"), PAGINAS, ids=[p[0] for p in PAGINAS])
def test_a_strange_get_parameter_is_never_a_500(gebruikers, naam, wie, parameters):
    http = WebClient(raise_request_exception=False)
    http.force_login(gebruikers[wie])
    fout = []
    for parameter in parameters:
        for waarde in WAARDEN:
            status = http.get(reverse(naam), {parameter: waarde}).status_code
            if status not in (200, 400, 404):
                fout.append((parameter, waarde, status))
    assert fout == []


def test_a_wrong_year_or_number_of_hours_gets_a_dutch_message_at_the_field(gebruikers):
    http = WebClient()
    http.force_login(gebruikers["financieel"])
    html = http.get(reverse("web:bekostiging-budget"), {"jaar": "0"}).content.decode()
    assert "Vul een jaar in van 2000 tot en met 2100" in html and 'aria-invalid="true"' in html
    html = http.get(reverse("web:bekostiging-uren"), {"uren": "nan", "uurtarief": "inf"}).content.decode()
    assert "Vul het aantal uren per week in" in html and "Vul het uurtarief in euro in" in html

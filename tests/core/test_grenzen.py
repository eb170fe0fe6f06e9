"""P16: bounds on every text and date of client data, with Dutch messages; a 400 naming the field in
the API, the message next to the field on a page, nothing saved."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from rest_framework.test import APIClient

from resultaat.clienten.models import Client
from resultaat.ondersteuning.models import Signaal, SignaalSoort
from resultaat.toewijzingen.models import Toewijzing
from tests import factories as f

pytestmark = pytest.mark.django_db
MEGABYTE = "x" * 1_000_000


def _api(user) -> APIClient:
    api = APIClient()
    api.force_authenticate(user)
    return api


def _registratie(geboortedatum: str) -> dict[str, str]:
    return {
        "bsn": f.valid_bsn(),
        "gemeente": "0361",
        "voorletters": "A.",
        "achternaam": "Grens",
        "geboortedatum": geboortedatum,
        "postcode": "1811 AB",
    }


@pytest.mark.parametrize(
    ("datum", "melding"),
    [
        ("0001-01-01", "niet meer dan 120 jaar terug"),
        ("2999-01-01", "niet in de toekomst"),
        ("1899-12-31", "niet meer dan 120 jaar terug"),
    ],
)
def test_a_birth_date_out_of_bounds_is_a_400_naming_the_field(alice, datum, melding):
    response = _api(alice).post("/api/v1/clienten/", _registratie(datum), format="json")
    assert response.status_code == 400
    assert melding in " ".join(response.json()["geboortedatum"])
    assert not Client.objects.filter(achternaam="Grens").exists()


def test_a_birth_date_of_today_and_of_119_years_ago_are_accepted(alice):
    vandaag = timezone.localdate()
    for datum in (vandaag, vandaag.replace(year=vandaag.year - 119)):
        response = _api(alice).post("/api/v1/clienten/", _registratie(datum.isoformat()), format="json")
        assert response.status_code == 201, response.json()


def test_death_before_birth_is_refused(noor):
    noor.overlijdensdatum = noor.geboortedatum - dt.timedelta(days=1)
    with pytest.raises(ValidationError) as fout:
        noor.save()
    assert fout.value.message_dict["overlijdensdatum"] == [
        "De overlijdensdatum ligt niet vóór de geboortedatum."
    ]


def test_a_megabyte_of_text_is_a_400_and_nothing_is_saved(bob, noor):
    response = _api(bob).post(
        "/api/v1/signalen/",
        {"client": noor.pk, "soort": SignaalSoort.choices[0][0], "toelichting": MEGABYTE},
        format="json",
    )
    assert response.status_code == 400
    assert "ten hoogste 10000 tekens" in " ".join(response.json()["toelichting"])
    assert not Signaal.objects.exists()


def test_a_date_outside_1900_2099_is_refused_on_any_client_record(noor):
    toewijzing = Toewijzing.objects.get(client=noor)
    toewijzing.einddatum = dt.date(3000, 1, 1)
    with pytest.raises(ValidationError) as fout:
        toewijzing.save()
    assert "tussen 1900 en 2099" in fout.value.message_dict["einddatum"][0]


def test_a_text_over_its_column_length_is_refused_also_on_sqlite(noor):
    noor.achternaam = "A" * 201
    with pytest.raises(ValidationError) as fout:
        noor.save()
    assert "ten hoogste 200 tekens" in fout.value.message_dict["achternaam"][0]

"""P13: a provider that returned a toewijzing no longer reads the client's BSN and address, and cannot
write a plan for it: not on the site, not in the API, not through the service."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client as WebClient
from django.urls import reverse
from django.utils import timezone

from resultaat.clienten.models import Client
from resultaat.ondersteuning import services as plannen
from resultaat.ondersteuning.models import Ondersteuningsplan
from resultaat.toewijzingen import services
from resultaat.toewijzingen.models import ReactieAanbieder, Toewijzing
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def nieuw(alkmaar, noord):
    """A new toewijzing for Nina, not yet accepted by Thuiszorg Noord."""
    nina = f.ClientFactory(gemeente=alkmaar, voorletters="N.", achternaam="Nieuwland")
    return f.ToewijzingFactory(client=nina, aanbieder=noord, reactie=ReactieAanbieder.NIEUW)


def web(user) -> WebClient:
    http = WebClient()
    http.force_login(user)
    return http


def test_before_returning_it_the_provider_reads_the_client(bob, nieuw):
    assert Client.objects.for_user(bob).filter(pk=nieuw.client_id).exists()
    assert web(bob).get(reverse("web:client-detail", args=[nieuw.client_id])).status_code == 200


def test_after_returning_it_the_provider_reads_neither_bsn_nor_address(bob, alice, nieuw):
    services.retourneer_toewijzing(door=bob, toewijzing=nieuw, reden="Geen plek")
    http = web(bob)
    assert http.get(reverse("web:client-detail", args=[nieuw.client_id])).status_code == 404
    assert http.get(f"/api/v1/clienten/{nieuw.client_id}/").status_code == 404
    lijst = http.get("/api/v1/clienten/").json()
    assert nieuw.client_id not in [c["id"] for c in lijst["results"]]
    assert nieuw.client.bsn not in http.get(reverse("web:client-list")).content.decode()
    gevonden = http.post(
        "/api/v1/clienten/zoeken/", {"bsn": nieuw.client.bsn}, content_type="application/json"
    )
    assert nieuw.client.bsn not in gevonden.content.decode()
    # The provider still sees its own toewijzing, as returned; the gemeente still sees the client.
    assert Toewijzing.objects.for_user(bob).filter(pk=nieuw.pk).exists()
    assert web(alice).get(reverse("web:client-detail", args=[nieuw.client_id])).status_code == 200


def test_after_returning_it_the_provider_writes_no_plan(bob, nieuw):
    services.retourneer_toewijzing(door=bob, toewijzing=nieuw, reden="Geen plek")
    nieuw.refresh_from_db()
    invoer = plannen.PlanInvoer(evaluatiedatum=timezone.localdate() + dt.timedelta(days=90))
    with pytest.raises(PermissionDenied, match="geretourneerd"):
        plannen.maak_plan(door=bob, toewijzing=nieuw, invoer=invoer)
    http = web(bob)
    assert http.get(reverse("web:plan-nieuw", args=[nieuw.pk])).status_code in (403, 404)
    response = http.post(
        "/api/v1/ondersteuningsplannen/",
        {
            "toewijzing": nieuw.pk,
            "regiefrequentie": "kwartaal",
            "evaluatiedatum": (timezone.localdate() + dt.timedelta(days=90)).isoformat(),
            "doelen": [],
            "plus_afspraken": [],
        },
        content_type="application/json",
    )
    assert response.status_code in (400, 403, 404)
    assert not Ondersteuningsplan.objects.filter(toewijzing=nieuw).exists()

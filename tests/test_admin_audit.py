"""Build item 2: every change to letter templates, tariffs and roles made in the beheer (Django admin)
is in the app's audit trail, with who, what and the admin's description of the change."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from resultaat.catalogus.models import Tarief
from resultaat.core.audit.models import AuditEvent
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def beheer(client):
    user = f.UserFactory(username="beheer", rol="", is_staff=True, is_superuser=True)
    client.force_login(user)
    return client


def gebeurtenissen(naam: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(gebeurtenis=naam).order_by("id"))


def test_a_tariff_changed_in_the_admin_is_in_the_audit_trail(beheer):
    tarief = f.TariefFactory(bedrag_cent=21600)
    url = reverse("admin:catalogus_tarief_change", args=[tarief.pk])
    data = {
        "product": tarief.product_id,
        "bedrag_euro": "250,00",
        "periode": tarief.periode,
        "geldig_van": tarief.geldig_van.strftime("%d-%m-%Y"),
        "geldig_tot": "",
    }
    response = beheer.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Tarief.objects.get(pk=tarief.pk).bedrag_cent == 25000
    (event,) = gebeurtenissen("beheer.gewijzigd")
    assert (event.actor_naam, event.kanaal, event.client_id) == ("beheer", "beheer", None)
    assert event.tekst.startswith("Tarief '") and "gewijzigd in het beheerscherm" in event.tekst
    assert "Bedrag (euro) gewijzigd" in event.tekst


def test_a_tariff_deleted_in_the_admin_is_in_the_audit_trail(beheer):
    tarief = f.TariefFactory(bedrag_cent=21600)
    response = beheer.post(reverse("admin:catalogus_tarief_delete", args=[tarief.pk]), {"post": "yes"})
    assert response.status_code == 302
    (event,) = gebeurtenissen("beheer.verwijderd")
    assert event.object_id == str(tarief.pk) and "verwijderd in het beheerscherm" in event.tekst


def test_a_role_group_added_in_the_admin_is_in_the_audit_trail(beheer):
    recht = Permission.objects.get(codename="view_tarief")
    response = beheer.post(reverse("admin:auth_group_add"), {"name": "Inkoop", "permissions": [recht.pk]})
    assert response.status_code == 302
    (event,) = gebeurtenissen("beheer.aangemaakt")
    assert event.object_id == str(Group.objects.get(name="Inkoop").pk)
    assert event.tekst.startswith("Groep 'Inkoop' aangemaakt in het beheerscherm")


def test_a_letter_template_changed_in_the_admin_is_in_the_audit_trail(beheer):
    from resultaat.brieven.models import Briefsjabloon

    sjabloon = Briefsjabloon.objects.first()
    assert sjabloon is not None  # the standard texts come with the migrations
    data = {
        "soort": sjabloon.soort,
        "gemeente": sjabloon.gemeente_id or "",
        "geldig_van": sjabloon.geldig_van.strftime("%d-%m-%Y"),
        "onderwerp": sjabloon.onderwerp + " (nieuw)",
        "tekst": sjabloon.tekst,
    }
    response = beheer.post(reverse("admin:brieven_briefsjabloon_change", args=[sjabloon.pk]), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    (event,) = gebeurtenissen("beheer.gewijzigd")
    assert "onderwerp" in event.tekst.lower()


def test_the_auditor_sees_these_events_about_no_client(client, dora, beheer):
    tarief = f.TariefFactory(bedrag_cent=21600)
    beheer.post(reverse("admin:catalogus_tarief_delete", args=[tarief.pk]), {"post": "yes"})
    client.force_login(dora)
    html = client.get(reverse("web:audit-list")).content.decode()
    assert "verwijderd in het beheerscherm" in html

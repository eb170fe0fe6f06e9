"""The audit log reads as the pages do: a toewijzing by its number (not its database id), changed fields
by their labels, the provider by its name (not its AGB code), the role by its name; filtered by date
and action."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from resultaat.core.audit.context import acting_as
from resultaat.core.audit.models import Actie, record
from resultaat.toewijzingen.models import Toewijzing

pytestmark = pytest.mark.django_db


def test_the_audit_page_shows_names_and_numbers_not_database_ids(client, dora, bob, noor):
    toewijzing = Toewijzing.objects.get(client=noor)
    Toewijzing.objects.filter(pk=toewijzing.pk).update(nummer=toewijzing.pk + 246)
    toewijzing.refresh_from_db()
    with acting_as(bob):
        record([toewijzing], Actie.GEWIJZIGD, velden=["einddatum", "reden_wijziging"])
    client.force_login(dora)
    html = client.get(reverse("web:audit-list"), {"client": noor.pk, "actie": "gewijzigd"}).content.decode()
    assert f"toewijzing {toewijzing.nummer}" in html
    assert f"toewijzing {toewijzing.pk}<" not in html
    # The fields as the forms name them, the provider by its name, the role in words.
    assert "einddatum" in html and "reden wijziging" in html and "reden_wijziging" not in html
    assert "Medewerker zorgaanbieder, Thuiszorg Noord" in html
    assert "98000001" not in html


def test_the_audit_page_filters_by_date_and_action(client, dora, alice, noor):
    client.force_login(alice)
    client.get(reverse("web:client-detail", args=[noor.pk]))
    client.force_login(dora)
    vandaag = timezone.localdate()
    morgen = (vandaag + dt.timedelta(days=1)).isoformat()
    alles = client.get(reverse("web:audit-list"), {"van": vandaag.isoformat()}).context["paginator"].count
    gelezen = client.get(reverse("web:audit-list"), {"van": vandaag.isoformat(), "actie": "gelezen"})
    assert 0 < gelezen.context["paginator"].count < alles
    assert all(r["event"].actie == "gelezen" for r in gelezen.context["regels"])
    assert client.get(reverse("web:audit-list"), {"van": morgen}).context["paginator"].count == 0
    # A date that is no date is ignored, not an error.
    assert client.get(reverse("web:audit-list"), {"van": "gisteren"}).status_code == 200
    # The export follows the filter of the page.
    html = gelezen.content.decode()
    assert f"export.csv?van={vandaag.isoformat()}&amp;actie=gelezen" in html

"""The auditor's "wie zag mijn dossier": per client who read, searched, changed, exported or printed
what, when and from where, with an export to CSV and XLSX; events about no client are visible too."""

from __future__ import annotations

import csv
import io

from django.urls import reverse
from openpyxl import load_workbook

from resultaat.core.audit.models import AuditEvent


def test_the_client_file_links_the_auditor_to_who_saw_it(client, dora, noor):
    client.force_login(dora)
    html = client.get(reverse("web:client-detail", args=[noor.pk])).content.decode()
    assert f"{reverse('web:audit-list')}?client={noor.pk}" in html


def test_who_saw_my_file_shows_who_what_when_and_from_where(client, dora, alice, noor, zeger):
    alice_http = type(client)()
    alice_http.force_login(alice)
    alice_http.get(reverse("web:client-detail", args=[noor.pk]), REMOTE_ADDR="192.0.2.44")
    client.force_login(dora)
    html = client.get(reverse("web:audit-list"), {"client": noor.pk}).content.decode()
    assert "Wie zag het dossier van" in html and "Noordermeer" in html
    assert "192.0.2.44, website" in html
    # Role and organisation by their names, not their codes.
    assert "alice" in html and "Wmo-consulent, gemeente Alkmaar" in html and "gemeente 0361" not in html
    assert "Zuidema" not in html


def test_the_export_as_csv_and_xlsx_holds_the_same_rows_with_safe_cells(client, dora, alice, noor, zeger):
    noor.achternaam = '=HYPERLINK("http://x","klik")'
    noor.save()
    alice_http = type(client)()
    alice_http.force_login(alice)
    alice_http.get(reverse("web:client-detail", args=[noor.pk]), REMOTE_ADDR="192.0.2.44")
    client.force_login(dora)
    aantal = AuditEvent.objects.filter(client_id=noor.pk).count()

    response = client.get(reverse("web:audit-export-csv"), {"client": noor.pk})
    assert response.status_code == 200 and response["Cache-Control"] == "private, no-store"
    rijen = list(csv.reader(io.StringIO(response.content.decode()), delimiter=";"))
    assert rijen[0][:6] == ["tijdstip", "wie", "rol", "organisatie", "namens", "actie"]
    assert len(rijen) == 1 + aantal
    gelezen = next(r for r in rijen if r[1] == "alice" and r[5] == "gelezen")
    assert gelezen[10:] == ["192.0.2.44", "website"]
    assert not any(cel.startswith("=") for rij in rijen for cel in rij)

    response = client.get(reverse("web:audit-export-xlsx"), {"client": noor.pk})
    ws = load_workbook(io.BytesIO(response.content)).active
    assert ws.max_row == 1 + aantal + 1  # the CSV export is itself a row now
    assert all(c.data_type != "f" for rij in ws.iter_rows() for c in rij)
    # Exporting one client's log is itself in the log.
    assert AuditEvent.objects.filter(client_id=noor.pk, actie="geexporteerd", actor_naam="dora").count() == 2


def test_other_roles_cannot_export_the_log(client, alice, noor):
    client.force_login(alice)
    assert client.get(reverse("web:audit-export-csv")).status_code == 403

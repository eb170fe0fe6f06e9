"""Transport and tools around the intake: API upload/download, inbox/outbox folders, CLI, domain events."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from rest_framework.test import APIClient

from resultaat.iwmo import voorbeeld as vb
from resultaat.iwmo.intake import verwerk
from resultaat.iwmo.models import Bericht
from resultaat.toewijzingen import services as tw
from resultaat.toewijzingen.models import Levering
from tests import factories as f

D = dt.date


@pytest.fixture(autouse=True)
def _iwmo_dir(settings, tmp_path):
    settings.IWMO_DIR = tmp_path / "iwmo"


@pytest.fixture
def toewijzing(alkmaar, noord):
    client = f.ClientFactory(gemeente=alkmaar)
    return f.ToewijzingFactory(client=client, aanbieder=noord, nummer=6001, ingangsdatum=D(2017, 1, 2))


def start(t, identificatie="S1", begindatum=dt.date(2017, 1, 9)):
    return vb.bericht_305(
        agb=t.aanbieder.agb_code,
        gemeente=t.gemeente.code,
        identificatie=identificatie,
        bsn=t.client.bsn,
        producten=[vb.start(t.nummer, begindatum)],
    )


def api(user) -> APIClient:
    http = APIClient()
    http.force_authenticate(user)
    return http


def test_a_provider_uploads_a_305_and_gets_the_retour(bob, toewijzing):
    http = api(bob)
    response = http.post(
        "/api/v1/iwmo/berichten/upload/",
        {"bestand": SimpleUploadedFile("s.xml", start(toewijzing))},
        format="multipart",
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == "goedgekeurd" and body["retour"].startswith("<?xml")
    assert body["retour_bestandsnaam"].startswith("WMO306_")
    again = http.post(
        "/api/v1/iwmo/berichten/upload/",
        {"bestand": SimpleUploadedFile("s.xml", start(toewijzing))},
        format="multipart",
    )
    assert again.json()["status"] == "dubbel-goedgekeurd" and again.json()["retour"] == body["retour"]
    assert Levering.objects.filter(toewijzing=toewijzing).count() == 1
    listing = http.get("/api/v1/iwmo/berichten/").json()
    assert {b["berichttype"] for b in listing["results"]} == {"WMO305", "WMO306"}
    pk = body["bericht"]
    download = http.get(f"/api/v1/iwmo/berichten/{pk}/bestand/")
    assert download.status_code == 200 and download.content == start(toewijzing)


def test_a_provider_cannot_upload_for_another_provider_nor_see_its_messages(bob, charlie, toewijzing):
    response = api(charlie).post(
        "/api/v1/iwmo/berichten/upload/",
        {"bestand": SimpleUploadedFile("s.xml", start(toewijzing))},
        format="multipart",
    )
    assert response.status_code == 403
    (u,) = verwerk([("s.xml", start(toewijzing))])
    assert api(charlie).get(f"/api/v1/iwmo/berichten/{u.bericht.pk}/").status_code == 404
    assert api(charlie).get(f"/api/v1/iwmo/berichten/{u.bericht.pk}/bestand/").status_code == 404
    assert api(charlie).get("/api/v1/iwmo/berichten/").json()["results"] == []
    assert api(bob).get(f"/api/v1/iwmo/berichten/{u.bericht.pk}/").status_code == 200


def test_a_bad_upload_says_why(bob, toewijzing):
    response = api(bob).post(
        "/api/v1/iwmo/berichten/upload/",
        {"bestand": SimpleUploadedFile("x.xml", b"<niet")},
        format="multipart",
    )
    body = response.json()
    assert body["status"] == "technisch" and "geen geldige XML" in body["problemen"][0]["melding"]


def test_the_inbox_command_processes_files_and_writes_retours_to_the_outbox(toewijzing, settings, capsys):
    inbox = settings.IWMO_DIR / "inbox"
    inbox.mkdir(parents=True)
    (inbox / "s1.xml").write_bytes(start(toewijzing))
    (inbox / "kapot.xml").write_bytes(b"geen xml")
    from django.test.utils import CaptureQueriesContext  # noqa: F401

    call_command("iwmo_inbox")
    out = capsys.readouterr().out
    assert "s1.xml: goedgekeurd" in out and "kapot.xml: technisch" in out
    assert (inbox / "verwerkt" / "s1.xml").exists()
    assert (inbox / "fout" / "kapot.xml").exists() and (inbox / "fout" / "kapot.xml.fout.txt").exists()
    assert Levering.objects.filter(toewijzing=toewijzing).exists()


def test_iwmo_validate_prints_ok_or_each_problem_and_its_exit_code(toewijzing, tmp_path, capsys):
    goed = tmp_path / "goed.xml"
    goed.write_bytes(start(toewijzing))
    fout = tmp_path / "fout.xml"
    fout.write_bytes(
        vb.bericht_305(
            agb="98000001",
            gemeente="0361",
            identificatie="X",
            bsn=toewijzing.client.bsn,
            producten=[vb.start(424242, D(2017, 1, 9))],
        )
    )
    call_command("iwmo_validate", str(goed))
    assert "goed.xml: OK (WMO305)" in capsys.readouterr().out
    with pytest.raises(SystemExit) as exit_:
        call_command("iwmo_validate", str(goed), str(fout))
    assert exit_.value.code == 1
    out = capsys.readouterr().out
    assert "[9019] TR019 /Bericht/Client/StartProducten/StartProduct[1]" in out
    assert not Levering.objects.filter(toewijzing=toewijzing).exists()  # validating applies nothing
    call_command("iwmo_validate", "--level", "xsd", str(fout))
    assert "OK" in capsys.readouterr().out
    kapot = tmp_path / "kapot.xml"
    kapot.write_bytes(start(toewijzing).replace(b"<StatusAanlevering>1", b"<StatusAanlevering>7"))
    with pytest.raises(SystemExit):
        call_command("iwmo_validate", "--level", "xsd", str(kapot))
    assert "XSD" in capsys.readouterr().out


def test_iwmo_parse_prints_the_content_with_the_standards_names(toewijzing, tmp_path, capsys):
    pad = tmp_path / "s.xml"
    pad.write_bytes(start(toewijzing))
    call_command("iwmo_parse", str(pad), "--json")
    inhoud = json.loads(capsys.readouterr().out)
    assert inhoud["Bericht"] == "WMO305"
    assert inhoud["Header"]["BerichtCode"] == "418"
    assert inhoud["Client"]["StartProducten"][0]["ToewijzingNummer"] == "6001"


def test_a_305_start_and_a_portal_stop_change_the_same_levering(bob, toewijzing):
    verwerk([("s.xml", start(toewijzing))])
    tw.meld_stop(door=bob, toewijzing=toewijzing, einddatum=D(2017, 2, 1), reden="20")
    (levering,) = Levering.objects.filter(toewijzing=toewijzing)
    assert levering.bron == "iwmo" and levering.einddatum == D(2017, 2, 1)
    assert Bericht.objects.count() == 2


def test_iwmo_validate_accepts_a_301_we_built_and_refuses_it_in_the_inbox(
    alice, alkmaar, noord, tmp_path, capsys
):
    from resultaat.iwmo.uitgaand import maak_301

    client = f.ClientFactory(gemeente=alkmaar)
    t = f.ToewijzingFactory(client=client, aanbieder=noord)
    bericht = maak_301(client, noord, [t])
    pad = tmp_path / bericht.bestandsnaam
    pad.write_bytes(bytes(bericht.inhoud))
    call_command("iwmo_validate", str(pad))
    assert "OK (WMO301)" in capsys.readouterr().out
    (u,) = verwerk([(pad.name, bytes(bericht.inhoud))])
    assert u.status == "technisch" and "door de gemeente verstuurd" in u.problemen[0].melding


def test_iwmo_validate_accepts_the_retours_we_send(toewijzing, tmp_path, capsys):
    """A retour copies the header of the provider's message: the provider is its Afzender."""
    (u,) = verwerk([("s.xml", start(toewijzing))])
    pad = tmp_path / u.retour_naam
    pad.write_bytes(u.retour)
    call_command("iwmo_validate", str(pad))
    assert f"{pad}: OK (WMO306)" in capsys.readouterr().out


def test_iwmo_validate_checks_the_content_of_a_301(alice, alkmaar, noord, tmp_path, capsys):
    from resultaat.iwmo import bouw

    client = f.ClientFactory(gemeente=alkmaar, straat="", huisnummer="", postcode="", woonplaats="")
    t = f.ToewijzingFactory(client=client, aanbieder=noord)
    _, data = bouw.bouw_301(gemeente=alkmaar, aanbieder=noord, client=client, toewijzingen=[t])
    pad = tmp_path / "301.xml"
    pad.write_bytes(data)
    with pytest.raises(SystemExit):
        call_command("iwmo_validate", str(pad))
    out = capsys.readouterr().out
    assert "[0001] TR061 /Bericht/Client/Contactgegevens" in out and "TR006" in out


def test_iwmo_validate_reports_every_problem_of_a_file_from_an_unknown_sender(toewijzing, tmp_path, capsys):
    data = vb.bericht_305(
        agb="98009999",
        gemeente="0361",
        identificatie="X",
        bsn="123456789",
        producten=[vb.start(toewijzing.nummer, D(2017, 1, 9))],
    )
    pad = tmp_path / "onbekend.xml"
    pad.write_bytes(data)
    with pytest.raises(SystemExit):
        call_command("iwmo_validate", str(pad))
    out = capsys.readouterr().out
    assert "Onbekende aanbieder (AGB 98009999)" in out and "CS002" in out

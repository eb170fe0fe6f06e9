"""The CAK-leveringen page for finance staff (the same services as the commands) and linking a
partner who is a client too, by BSN."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from resultaat.clienten.models import Client
from resultaat.core.audit.models import Actie, AuditEvent
from resultaat.core.rollen import Rol
from resultaat.eigen_bijdrage import cak
from resultaat.eigen_bijdrage.models import CakBericht, CakMelding, Huisgenoot
from resultaat.werklijst.models import WerklijstItem, WerklijstSoort
from tests import factories as f
from tests.eigen_bijdrage.test_cak import antwoord, maart

__all__ = ["maart"]

D = dt.date
pytestmark = pytest.mark.django_db
PAGINA = "web:cak-leveringen"


@pytest.fixture
def fien(alkmaar):
    return f.UserFactory(username="fien", rol=Rol.FINANCIEEL, gemeenten=[alkmaar])


@pytest.fixture
def fred(heiloo):
    return f.UserFactory(username="fred", rol=Rol.FINANCIEEL, gemeenten=[heiloo])


def maak(client, maand="2026-03", gemeente="0361"):
    return client.post(reverse("web:cak-wmo405-maken"), {"gemeente": gemeente, "maand": maand})


def test_de_pagina_toont_een_verzonden_bestand_met_de_aantallen(client, fien, alkmaar, alice, maart):
    cak.maak_wmo405(door=alice, gemeente=alkmaar, maand=D(2026, 3, 1))
    client.force_login(fien)
    html = client.get(reverse(PAGINA)).content.decode()
    rij = html.split('data-testid="cak-leveringen"')[1].split("</tbody>")[0]
    cellen = [c.split(">", 1)[1].split("<")[0].strip() for c in rij.split("<td")[1:]]
    # month, made, by whom, starts, stops, corrections, withdrawals, answer
    assert cellen[0] == "maart 2026"
    assert cellen[2] == "alice"
    assert cellen[3:7] == ["4", "0", "0", "0"]
    assert cellen[7] == "Wacht op antwoord van het CAK"
    assert "CAK-leveringen" in html  # in the menu of the financieel role


def test_maken_vanaf_de_pagina_is_wat_het_commando_maakt_en_weigert_een_tweede_keer(
    client, fien, alkmaar, maart, tmp_path
):
    client.force_login(fien)
    antwoord_pagina = maak(client)
    assert antwoord_pagina.status_code == 302
    bericht = CakBericht.objects.get()
    assert bericht.periode == D(2026, 3, 1) and bericht.meldingen.count() == 4
    bestand = client.get(reverse("web:cak-bestand", args=[bericht.pk]))
    assert bestand["Content-Disposition"] == f'attachment; filename="{bericht.bestandsnaam}"'
    van_de_pagina = bestand.content.decode()
    assert van_de_pagina == bericht.inhoud
    geexporteerd = AuditEvent.objects.filter(actie=Actie.GEEXPORTEERD, object_id=str(bericht.pk))
    assert set(geexporteerd.values_list("client_id", flat=True)) == set(
        bericht.meldingen.values_list("client_id", flat=True)
    )

    tweede = maak(client)
    assert tweede.status_code == 400
    assert "De WMO405 voor maart 2026 is al op" in tweede.content.decode()
    assert CakBericht.objects.count() == 1
    with pytest.raises(CommandError, match="al op"):
        call_command("cak_wmo405", "--gemeente", "0361", "--maand", "2026-03")

    # the command, on the same data, writes the same file
    CakMelding.objects.all().delete()
    CakBericht.objects.all().delete()
    call_command("cak_wmo405", "--gemeente", "0361", "--maand", "2026-03", "--uit", str(tmp_path))
    assert next(tmp_path.glob("WMO405_*.xml")).read_text(encoding="utf-8") == van_de_pagina


def test_een_maand_in_de_toekomst_of_onleesbaar_wordt_geweigerd(client, fien, maart):
    client.force_login(fien)
    toekomst = cak.regels.volgende_maand(dt.date.today())
    r = maak(client, f"{toekomst:%Y-%m}")
    assert r.status_code == 400 and "nog niet begonnen" in r.content.decode()
    r = maak(client, "maart")
    assert "Vul de maand in als jaar en maand" in r.content.decode()
    assert not CakBericht.objects.exists()


def test_een_wmo406_zet_de_afkeuring_op_de_werklijst_en_op_de_pagina(client, fien, alkmaar, alice, maart):
    bericht = cak.maak_wmo405(door=alice, gemeente=alkmaar, maand=D(2026, 3, 1))
    client.force_login(fien)
    upload = SimpleUploadedFile("retour.xml", antwoord(bericht, afgekeurd={"Rolstoel"}).encode())
    r = client.post(reverse("web:cak-wmo406-inlezen"), {"gemeente": "0361", "bestand": upload})
    assert r.status_code == 302
    item = WerklijstItem.objects.get(client=maart["rolstoel"])
    assert item.soort == WerklijstSoort.RETOUR
    html = client.get(r["Location"]).content.decode()
    afgekeurd = html.split('data-testid="cak-afgekeurd"')[1].split("</table>")[0]
    assert maart["rolstoel"].naam in afgekeurd
    assert "BSN onbekend in BRP (code X001)" in afgekeurd
    assert "3 verwerkt, 1 afgekeurd" in html
    # the link to the client for whoever may open the client page (finance staff may not)
    link = reverse("web:client-detail", args=[maart["rolstoel"].pk])
    assert link not in afgekeurd
    client.force_login(f.UserFactory(username="root", rol="", is_staff=True, is_superuser=True))
    html = client.get(r["Location"]).content.decode()
    assert link in html.split('data-testid="cak-afgekeurd"')[1].split("</table>")[0]
    assert client.get(link).status_code == 200


def test_een_slecht_retourbericht_krijgt_een_duidelijke_melding(client, fien, alkmaar, alice, maart):
    bericht = cak.maak_wmo405(door=alice, gemeente=alkmaar, maand=D(2026, 3, 1))
    client.force_login(fien)
    r = client.post(
        reverse("web:cak-wmo406-inlezen"),
        {"gemeente": "0361", "bestand": SimpleUploadedFile("retour.xml", b"<kapot")},
    )
    assert r.status_code == 400 and "geen geldige XML" in r.content.decode()
    r = client.post(
        reverse("web:cak-wmo406-inlezen"),
        {"gemeente": "0361", "bestand": SimpleUploadedFile("retour.xml", b"\xff\xfe\x00")},
    )
    assert "geen tekstbestand" in r.content.decode()
    assert not bericht.retouren.exists() and not WerklijstItem.objects.exists()


def test_een_aanbieder_en_de_financieel_medewerker_van_een_andere_gemeente_komen_er_niet_bij(
    client, bob, fred, alkmaar, alice, maart
):
    bericht = cak.maak_wmo405(door=alice, gemeente=alkmaar, maand=D(2026, 3, 1))
    client.force_login(bob)
    assert client.get(reverse(PAGINA)).status_code == 403
    assert client.get(reverse("web:cak-bestand", args=[bericht.pk])).status_code == 404
    assert maak(client).status_code == 403
    client.force_login(fred)
    html = client.get(reverse(PAGINA) + "?gemeente=0361").content.decode()
    assert "Heiloo" in html and bericht.bestandsnaam not in html
    assert client.get(reverse("web:cak-bestand", args=[bericht.pk])).status_code == 404
    assert maak(client).status_code == 404
    upload = SimpleUploadedFile("retour.xml", antwoord(bericht).encode())
    r = client.post(reverse("web:cak-wmo406-inlezen"), {"gemeente": "0361", "bestand": upload})
    assert r.status_code == 404
    assert CakBericht.objects.count() == 1


def test_partner_die_ook_client_is_koppelen_op_bsn(client, alice, alkmaar, heiloo):
    mevrouw = f.ClientFactory(gemeente=alkmaar, achternaam="Jansen", geboortedatum=D(1950, 1, 1))
    meneer = f.ClientFactory(gemeente=alkmaar, achternaam="Bakker", geboortedatum=D(1948, 5, 5))
    elders = f.ClientFactory(gemeente=heiloo, achternaam="Elders")
    client.force_login(alice)
    url = reverse("web:eigen-bijdrage-partner", args=[mevrouw.pk])
    assert meneer.bsn not in url

    r = client.post(url, {"bsn": "123456789", "vanaf": "01-01-2020"})
    assert "elfproef" in r.content.decode()
    r = client.post(url, {"bsn": elders.bsn, "vanaf": "01-01-2020"})
    assert "Er is geen cliënt met dit BSN in de gemeente Alkmaar" in r.content.decode()
    r = client.post(url, {"bsn": meneer.bsn, "vanaf": "01-01-2020"})
    assert r.status_code == 302
    h = Huisgenoot.objects.get()
    assert (h.client, h.als_client, h.rol, h.geboortedatum) == (
        mevrouw,
        meneer,
        "partner",
        meneer.geboortedatum,
    )
    gezocht = AuditEvent.objects.filter(actie=Actie.GEZOCHT)
    assert list(gezocht.filter(client_id=meneer.pk).values_list("actie", flat=True)) == ["gezocht"]
    assert gezocht.count() == 2  # each search, with or without a hit; a BSN failing the elfproef is none
    assert not AuditEvent.objects.filter(object_omschrijving__contains=meneer.bsn).exists()
    html = client.get(reverse("web:eigen-bijdrage-huishouden", args=[mevrouw.pk])).content.decode()
    assert "(ook cliënt)" in html
    assert Client.objects.count() == 3

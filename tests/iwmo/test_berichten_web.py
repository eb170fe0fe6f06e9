"""The iWmo message pages: list with filters, one message with its retour codes, and the exact file."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from django.test import Client as WebClient
from django.urls import reverse

from resultaat.accounts.models import Rol
from resultaat.core.audit.models import AuditEvent
from resultaat.core.navigation import menu_voor
from resultaat.iwmo.models import Bericht, BerichtStatus, Richting
from resultaat.iwmo.regelboek import RETOURCODES
from resultaat.toewijzingen import services as tw
from tests import factories as f


def als(user) -> WebClient:
    http = WebClient()
    http.force_login(user)
    return http


def bericht(gemeente, aanbieder, berichttype, identificatie, *, richting=Richting.IN, **extra) -> Bericht:
    inhoud = extra.pop("inhoud", f"<Bericht>{berichttype} {identificatie}</Bericht>\n".encode())
    codes = {"WMO315": "444", "WMO316": "445", "WMO301": "414"}
    van, naar = (
        (aanbieder.agb_code, gemeente.code)
        if richting == Richting.IN
        else (gemeente.code, aanbieder.agb_code)
    )
    return Bericht.objects.create(
        richting=richting,
        berichttype=berichttype,
        berichtcode=codes[berichttype],
        afzender=van,
        ontvanger=naar,
        gemeente=gemeente,
        aanbieder=aanbieder,
        identificatie=identificatie,
        bestandsnaam=f"{berichttype}_{identificatie}.xml",
        sha256=hashlib.sha256(inhoud).hexdigest(),
        inhoud=inhoud,
        **extra,
    )


@pytest.fixture
def berichten(alkmaar, noord, zuid):
    heen = bericht(alkmaar, noord, "WMO315", "NOORD-1", status=BerichtStatus.AFGEKEURD, retourcodes=["9374"])
    retour = bericht(
        alkmaar,
        noord,
        "WMO316",
        "RET-1",
        richting=Richting.UIT,
        status=BerichtStatus.VERZONDEN,
        heenbericht=heen,
    )
    toewijzing = bericht(
        alkmaar, noord, "WMO301", "TW-1", richting=Richting.UIT, status=BerichtStatus.VERZONDEN
    )
    van_zuid = bericht(
        alkmaar, zuid, "WMO315", "ZUID-1", status=BerichtStatus.GOEDGEKEURD, inhoud=b"<Bsn>999999990</Bsn>"
    )
    return {"heen": heen, "retour": retour, "toewijzing": toewijzing, "zuid": van_zuid}


def test_bob_sees_only_his_own_messages_and_filters_them(bob, berichten):
    http = als(bob)
    lijst = http.get(reverse("web:bericht-list")).text
    assert "NOORD-1" in lijst and "RET-1" in lijst and "TW-1" in lijst
    assert "ZUID-1" not in lijst
    # A retour code in the list says what it means (code list WJ001).
    assert f"{RETOURCODES['9374']} (9374)" in lijst
    uit = http.get(reverse("web:bericht-list"), {"richting": "uit"}).text
    assert "RET-1" in uit and "TW-1" in uit and "NOORD-1" not in uit
    alleen_301 = http.get(reverse("web:bericht-list"), {"berichttype": "WMO301"}).text
    assert "TW-1" in alleen_301 and "RET-1" not in alleen_301
    afgekeurd = http.get(reverse("web:bericht-list"), {"status": "afgekeurd"}).text
    assert "NOORD-1" in afgekeurd and "TW-1" not in afgekeurd


def test_the_detail_explains_the_retour_codes_and_links_heen_and_retour(alice, berichten):
    http = als(alice)
    heen, retour = berichten["heen"], berichten["retour"]
    pagina = http.get(reverse("web:bericht-detail", args=[heen.pk])).text
    assert "9374" in pagina
    assert "TR374: Er staat al een open verzoek voor deze cliënt bij deze aanbieder." in pagina
    assert reverse("web:bericht-detail", args=[retour.pk]) in pagina
    assert reverse("web:bericht-bestand", args=[heen.pk]) in pagina
    terug = http.get(reverse("web:bericht-detail", args=[retour.pk])).text
    assert "Antwoord op" in terug and reverse("web:bericht-detail", args=[heen.pk]) in terug


def test_the_download_is_the_exact_file_with_its_name(bob, berichten):
    heen = berichten["heen"]
    response = als(bob).get(reverse("web:bericht-bestand", args=[heen.pk]))
    assert response.status_code == 200
    assert response.content == bytes(heen.inhoud)
    assert response["Content-Disposition"] == 'attachment; filename="WMO315_NOORD-1.xml"'


def test_bob_gets_404_on_charlies_message_and_its_file(bob, charlie, berichten):
    zuid = berichten["zuid"]
    http = als(bob)
    assert http.get(reverse("web:bericht-detail", args=[zuid.pk])).status_code == 404
    response = http.get(reverse("web:bericht-bestand", args=[zuid.pk]))
    assert response.status_code == 404 and b"999999990" not in response.content
    assert als(charlie).get(reverse("web:bericht-bestand", args=[zuid.pk])).content == b"<Bsn>999999990</Bsn>"


def test_a_gemeente_of_elsewhere_sees_none_of_alkmaars_messages(erik, berichten):
    http = als(erik)
    assert "NOORD-1" not in http.get(reverse("web:bericht-list")).text
    assert http.get(reverse("web:bericht-detail", args=[berichten["heen"].pk])).status_code == 404


def test_berichten_is_in_the_menu_of_consulent_financieel_and_aanbieder(alice, bob, dora, alkmaar):
    financieel = f.UserFactory(username="fenna", rol=Rol.FINANCIEEL, gemeenten=[alkmaar])
    for user in (alice, bob, financieel):
        assert "berichten" in {m.sectie for m in menu_voor(user)}
    assert "berichten" not in {m.sectie for m in menu_voor(dora)}
    assert als(financieel).get(reverse("web:bericht-list")).status_code == 200
    assert als(dora).get(reverse("web:bericht-list")).status_code == 403


def test_a_message_page_shows_its_content_with_links_to_the_client_and_toewijzing(
    alice, bob, charlie, alkmaar, noord, settings, tmp_path
):
    settings.IWMO_DIR = tmp_path / "iwmo"
    product = f.ProductFactory(code="HBH01", volume=1)
    f.TariefFactory(product=product)
    f.ContractProductFactory(
        contract=f.ContractFactory(aanbieder=noord, gemeenten=[alkmaar]), product=product
    )
    client = f.ClientFactory(gemeente=alkmaar, achternaam="Bakker", tussenvoegsel="de", voorletters="A.B.")
    toewijzing = tw.maak_toewijzing(
        door=alice, client=client, aanbieder=noord, product=product, ingangsdatum=dt.date(2030, 1, 1)
    )
    bericht_301 = Bericht.objects.get(berichttype="WMO301")
    html = als(alice).get(reverse("web:bericht-detail", args=[bericht_301.pk])).content.decode()
    inhoud = html.split('id="berichtinhoud"')[1].split("Toon XML")[0]
    # The client and the toewijzing the message is about, linked; codes with their meaning.
    assert reverse("web:client-detail", args=[client.pk]) in inhoud and "A.B. de Bakker" in inhoud
    assert reverse("web:toewijzing-detail", args=[toewijzing.pk]) in inhoud
    assert "Toegewezen product" in inhoud and "Hulp bij het huishouden HBH01" in inhoud
    assert "het resultaat (vast bedrag per periode)" in inhoud
    assert client.bsn not in inhoud
    # The sender and receiver by name; the XML itself behind "toon XML".
    assert "gemeente Alkmaar (gemeentecode 0361)" in html and "Thuiszorg Noord (AGB-code 98000001)" in html
    assert "<details" in html and "ToewijzingNummer" in html.split("Toon XML")[1]
    # Reading the page is a read of the client in the access log.
    assert AuditEvent.objects.filter(client_id=client.pk, actie="gelezen", actor_naam="alice").exists()
    # Another provider does not see the message at all.
    assert als(charlie).get(reverse("web:bericht-detail", args=[bericht_301.pk])).status_code == 404

"""The web UI as its users meet it: login, menus per role, BSN search by POST, the client timeline."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from resultaat.accounts.models import Rol
from resultaat.core.audit.models import Actie, AuditEvent
from resultaat.core.codes import WMO588RedenBeeindiging
from resultaat.core.opmaak import datum, euro
from resultaat.ondersteuning.models import (
    Evaluatie,
    Ondersteuningsplan,
    ResultaatBehaald,
    Signaal,
    SignaalSoort,
)
from resultaat.toegang.models import (
    Melding,
    ZRMDomein,
    ZRMScore,
)
from resultaat.toewijzingen.models import Levering
from resultaat.werklijst.models import WerklijstItem, WerklijstSoort
from tests import factories as f

WACHTWOORD = "geheim-wachtwoord"
GEEN_CLIENT = "Geen cliënt gevonden met dit BSN."


def login(client, user):
    client.force_login(user)
    return client


def zoek_bsn(client, bsn):
    return client.post(reverse("web:client-zoeken"), {"bsn": bsn})


@pytest.fixture
def keten(alkmaar, noor, alice):
    """Noor's whole chain, created out of date order so that the page must sort it."""
    toewijzing = noor.toewijzingen.get()
    Signaal.objects.create(
        client=noor,
        aanbieder=toewijzing.aanbieder,
        toewijzing=toewijzing,
        soort=SignaalSoort.EENZAAMHEID,
        toelichting="Mevrouw komt de deur niet meer uit.",
        gemeld_op=timezone.make_aware(dt.datetime(2017, 3, 1, 10, 0)),
    )
    Evaluatie.objects.create(
        toewijzing=toewijzing,
        datum=dt.date(2017, 6, 1),
        resultaat_behaald=ResultaatBehaald.JA,
        client_tevreden=4,
    )
    Ondersteuningsplan.objects.create(toewijzing=toewijzing, opgesteld_op=dt.date(2017, 1, 20))
    toegang = f.toegangsketen(
        toewijzing,
        beschikkingnummer="B-2016-001",
        onderzoek={"afgerond_op": dt.date(2016, 11, 20)},
        beschikt={"minuten_per_week": 120},
    )
    ZRMScore.objects.create(onderzoek=toegang.onderzoek, domein=ZRMDomein.INSTRUMENTELE_ADL, niveau=2)
    return toewijzing


# --- login, logout and the menu per role -------------------------------------------------------------


def test_login_page_is_dutch(client, db):
    response = client.get(reverse("login"))
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="nl"' in html
    assert "Gebruikersnaam" in html and "Wachtwoord" in html
    assert "utrecht/component-library-css/dist/index.css" in html


def test_wrong_password_gives_dutch_message(client, alice):
    response = client.post(reverse("login"), {"username": "alice", "password": "fout"})
    assert response.status_code == 200
    assert "Gebruikersnaam of wachtwoord onjuist." in response.content.decode()


def test_login_shows_the_roles_menu_name_and_organisation(client, alice):
    response = client.post(reverse("login"), {"username": "alice", "password": WACHTWOORD}, follow=True)
    html = response.content.decode()
    assert response.redirect_chain[-1][0] == reverse("web:home")
    for label in ["Werklijst", "Cliënten zoeken", "Cliënten", "Toewijzingen", "Signalen"]:
        assert f">{label}</a>" in html
    assert ">Auditlog</a>" not in html and ">Contracten</a>" not in html
    assert "alice" in html and "Wmo-consulent" in html and "Gemeente Alkmaar" in html


def test_logout_is_a_post_and_goes_to_login(client, alice):
    login(client, alice)
    response = client.post(reverse("logout"))
    assert response.status_code == 302 and response["Location"] == reverse("login")
    assert client.get(reverse("web:home")).status_code == 302


MENUS = {
    Rol.CONSULENT: [
        "Werklijst",
        "Nieuwe melding",
        "Termijnen",
        "Indicatievoorstellen",
        "Cliënten zoeken",
        "Cliënten",
        "Toewijzingen",
        "Signalen",
        "Verzoeken",
        "Berichten",
        "Sociale kaart",
        "Omzetting",
        "Klachten",
    ],
    Rol.CONTRACTMANAGER: [
        "Aanbieders",
        "Contracten",
        "Catalogus",
        "Toewijzingen",
        "Tevredenheid",
        "Klachten",
        "Wachtlijst",
        "Conversie",
        "Dashboards",
    ],
    Rol.FINANCIEEL: ["Bekostiging", "CAK-leveringen", "Toewijzingen", "Aanbieders", "Berichten"],
    Rol.BEHEERDER: [
        "Catalogus",
        "Contracten",
        "Aanbieders",
        "Sociale kaart",
        "Conversie",
        "Termijnen",
        "Beheer",
    ],
    Rol.AUDITOR: ["Cliënten zoeken", "Auditlog"],
    Rol.AANBIEDER: [
        "Overzicht",
        "Mijn cliënten",
        "Toewijzingen",
        "Signalen",
        "Verzoeken",
        "Sociale kaart",
        "Indicatievoorstellen",
        "Betaalspecificaties",
        "Mijn cijfers",
        "Berichten",
        "Tevredenheid",
        "Klachten",
        "Wachtlijst",
    ],
}
ALLE_LABELS = {label for labels in MENUS.values() for label in labels}


@pytest.mark.parametrize("rol", list(MENUS))
def test_menu_per_role(client, alkmaar, noord, rol):
    extra = {"aanbieder": noord} if rol == Rol.AANBIEDER else {"gemeenten": [alkmaar]}
    user = f.UserFactory(username=f"u-{rol}", rol=rol, **extra)
    html = login(client, user).get(reverse("web:home")).content.decode()
    menu = re.search(
        r'<nav class="utrecht-nav-bar[^"]*" aria-label="Hoofdmenu">(.*?)</nav>', html, re.S
    ).group(1)
    getoond = set(re.findall(r">([^<>]+)</a>", menu)) - {"Start"}
    assert getoond == set(MENUS[rol]), getoond
    assert not (ALLE_LABELS - set(MENUS[rol])) & getoond


# Every page of the menu, and who may not open it.
GEWEIGERD = [
    ("bob", "web:audit-list"),
    ("bob", "web:werklijst"),
    ("bob", "web:client-zoeken"),
    ("bob", "web:contract-list"),
    ("bob", "web:aanbieder-list"),
    ("bob", "web:catalogus"),
    ("dora", "web:werklijst"),
    ("dora", "web:toewijzing-list"),
    ("dora", "web:client-list"),
    ("alice", "web:audit-list"),
    ("alice", "web:catalogus"),
    ("alice", "web:contract-list"),
    ("alice", "web:aanbieder-list"),
]


@pytest.mark.parametrize(("persona", "url_name"), GEWEIGERD)
def test_pages_of_other_roles_are_refused(client, request, persona, url_name):
    login(client, request.getfixturevalue(persona))
    assert client.get(reverse(url_name)).status_code in (403, 404)


def test_details_of_other_roles_are_not_found(client, bob, alkmaar, noord):
    contract = f.ContractFactory(aanbieder=noord, gemeenten=[alkmaar])
    login(client, bob)
    # Bob's own contract and organisation still give 404: the role has no such pages.
    assert client.get(reverse("web:contract-detail", args=[contract.pk])).status_code == 404
    assert client.get(reverse("web:aanbieder-detail", args=[noord.pk])).status_code == 404


@pytest.mark.parametrize(
    "url",
    ["/", "/werklijst/", "/clienten/", "/clienten/zoeken/", "/toewijzingen/", "/signalen/", "/catalogus/"],
)
def test_every_page_requires_login(client, db, url):
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


# --- BSN search: POST only, neutral answer -----------------------------------------------------------


def test_bsn_search_finds_noor_and_redirects_without_bsn(client, alice, noor):
    response = zoek_bsn(login(client, alice), noor.bsn)
    assert response.status_code == 302
    assert response["Location"] == reverse("web:client-detail", args=[noor.pk])
    assert noor.bsn not in response["Location"]


def test_bsn_search_accepts_spaces(client, alice, noor):
    spaced = f"{noor.bsn[:4]} {noor.bsn[4:6]} {noor.bsn[6:]}"
    assert zoek_bsn(login(client, alice), spaced).status_code == 302


def test_bsn_search_of_other_gemeente_gives_neutral_message(client, erik, noor):
    response = zoek_bsn(login(client, erik), noor.bsn)
    html = response.content.decode()
    assert response.status_code == 200
    assert GEEN_CLIENT in html
    assert "Noordermeer" not in html


def test_bsn_search_of_unknown_bsn_gives_the_same_message(client, alice, noor):
    unknown = f.valid_bsn()
    response = zoek_bsn(login(client, alice), unknown)
    assert response.status_code == 200
    assert GEEN_CLIENT in response.content.decode()


def test_bsn_search_checks_the_elfproef(client, alice):
    response = zoek_bsn(login(client, alice), "123456789")
    html = response.content.decode()
    assert "Dit BSN is ongeldig: het voldoet niet aan de elfproef." in html
    assert 'aria-invalid="true"' in html
    assert GEEN_CLIENT not in html


def test_bsn_search_never_accepts_a_bsn_in_the_url(client, alice, noor):
    login(client, alice)
    response = client.get(reverse("web:client-zoeken"), {"bsn": noor.bsn})
    assert response.status_code == 400
    assert "Noordermeer" not in response.content.decode()
    assert client.get(reverse("web:client-zoeken")).status_code == 200
    html = client.get(reverse("web:client-zoeken")).content.decode()
    assert 'method="post"' in html and "<label" in html
    url = reverse("web:client-zoeken") + f"?bsn={noor.bsn}"
    assert client.post(url, {"bsn": noor.bsn}).status_code == 400


def test_auditor_finds_client_by_bsn_and_sees_the_page(client, dora, noor):
    response = zoek_bsn(login(client, dora), noor.bsn)
    assert response.status_code == 302
    assert client.get(response["Location"]).status_code == 200


# --- the client list and page --------------------------------------------------------------------------


def test_client_list_is_scoped_and_masks_the_bsn(client, bob, noor, zeger):
    html = login(client, bob).get(reverse("web:client-list")).content.decode()
    assert "Noordermeer" in html and "Zuidema" not in html
    assert noor.bsn not in html and noor.bsn_gemaskeerd in html
    assert "Mijn cliënten" in html


def test_client_list_searches_by_surname(client, alice, noor, zeger):
    html = login(client, alice).get(reverse("web:client-list"), {"achternaam": "zuid"}).content.decode()
    assert "Zuidema" in html and "Noordermeer" not in html


def test_client_page_shows_personal_data_and_timeline_in_date_order(client, alice, noor, keten):
    html = login(client, alice).get(reverse("web:client-detail", args=[noor.pk])).content.decode()
    assert noor.bsn in html
    assert "17-05-1940" in html
    soorten = re.findall(r'data-soort="([a-z-]+)"', html)
    assert soorten == [
        "melding",
        "onderzoek",
        "aanvraag",
        "beschikking",
        "toewijzing",
        "levering-start",
        "ondersteuningsplan",
        "signaal",
        "evaluatie",
    ]
    datums = re.findall(r'<time datetime="(\d{4}-\d\d-\d\d)">', html)
    assert datums == sorted(datums)
    assert "01-11-2016" in html and "13-12-2016" in html  # melding, onderzoek uiterlijk 6 weeks later
    assert "Instrumentele ADL" in html
    assert "B-2016-001" in html and "120 minuten per week" in html
    assert f"Toewijzing {keten.nummer}" in html


def test_client_page_flags_overdue_melding(client, alice, noor, alkmaar):
    Melding.objects.create(
        client=noor, gemeente=alkmaar, ontvangen_op=timezone.localdate() - dt.timedelta(weeks=8)
    )
    html = login(client, alice).get(reverse("web:client-detail", args=[noor.pk])).content.decode()
    assert "Termijn overschreden" in html


def test_client_page_shows_temporary_stop_with_reason(client, alice, noor):
    levering = Levering.objects.for_user(alice).get(toewijzing__client=noor)
    levering.einddatum = dt.date(2017, 2, 1)
    levering.reden_beeindiging = WMO588RedenBeeindiging.TIJDELIJK
    levering.save()
    html = login(client, alice).get(reverse("web:client-detail", args=[noor.pk])).content.decode()
    assert "Levering tijdelijk gestopt" in html and "01-02-2017" in html


def test_bob_sees_noor_but_not_zeger(client, bob, noor, zeger):
    login(client, bob)
    assert client.get(reverse("web:client-detail", args=[noor.pk])).status_code == 200
    assert client.get(reverse("web:client-detail", args=[zeger.pk])).status_code == 404


def test_provider_sees_neither_toegang_nor_other_providers_toewijzing(client, bob, alice, noor, keten, zuid):
    andere = f.ToewijzingFactory(client=noor, aanbieder=zuid, toewijzingsdatum=dt.date(2017, 4, 1))
    html = login(client, bob).get(reverse("web:client-detail", args=[noor.pk])).content.decode()
    soorten = set(re.findall(r'data-soort="([a-z-]+)"', html))
    assert not soorten & {"melding", "onderzoek", "aanvraag"}
    assert f"Toewijzing {keten.nummer}" in html
    assert f"Toewijzing {andere.nummer}" not in html and "Zorg Zuid" not in html
    client.logout()
    html = login(client, alice).get(reverse("web:client-detail", args=[noor.pk])).content.decode()
    assert f"Toewijzing {andere.nummer}" in html and "melding" in set(
        re.findall(r'data-soort="([a-z-]+)"', html)
    )


def test_client_page_read_is_audited(client, alice, noor):
    login(client, alice).get(reverse("web:client-detail", args=[noor.pk]))
    event = AuditEvent.objects.filter(client_id=noor.pk, actie=Actie.GELEZEN).get()
    assert event.actor_naam == "alice" and event.rol == Rol.CONSULENT


def test_every_page_of_client_data_a_user_opens_is_in_the_audit_trail(client, bob, noor, zeger, keten):
    plan = Ondersteuningsplan.objects.filter(toewijzing=keten).first()
    signaal = Signaal.objects.get(client=noor)
    http = login(client, bob)
    for naam, pk in (
        ("web:toewijzing-detail", keten.pk),
        ("web:plan-detail", plan.pk),
        ("web:plan-pdf", plan.pk),
    ):
        assert http.get(reverse(naam, args=[pk])).status_code == 200
    assert http.get(reverse("web:signaal-detail", args=[signaal.pk])).status_code == 200
    gelezen = AuditEvent.objects.filter(actie=Actie.GELEZEN, actor_naam="bob")
    assert set(gelezen.values_list("client_id", flat=True)) == {noor.pk}
    assert sorted(gelezen.values_list("content_type__model", flat=True)) == sorted(
        ["toewijzing", "ondersteuningsplan", "signaal"]
    )
    # The plan as PDF is a print (NEN 7513 "afdrukken").
    afgedrukt = AuditEvent.objects.get(actie=Actie.AFGEDRUKT, actor_naam="bob")
    assert (afgedrukt.content_type.model, afgedrukt.client_id) == ("ondersteuningsplan", noor.pk)
    # Another provider's client is a 404 and leaves no trace of a read.
    assert http.get(reverse("web:toewijzing-detail", args=[zeger.toewijzingen.get().pk])).status_code == 404
    assert not gelezen.filter(client_id=zeger.pk).exists()


# --- toewijzingen, werklijst, signalen -----------------------------------------------------------------


def test_toewijzing_detail_with_versions_leveringen_and_tariff(client, alice, noor, keten):
    f.TariefFactory(product=keten.product, bedrag_cent=21600)
    html = login(client, alice).get(reverse("web:toewijzing-detail", args=[keten.pk])).content.decode()
    assert f"Toewijzing {keten.nummer}" in html
    assert "€ 216,00" in html
    assert "02-01-2017" in html
    assert "Thuiszorg Noord" in html


def test_toewijzingen_are_scoped_per_provider(client, charlie, noor, zeger):
    login(client, charlie)
    eigen = zeger.toewijzingen.get()
    vreemd = noor.toewijzingen.get()
    html = client.get(reverse("web:toewijzing-list"), {"filter": "alle"}).content.decode()
    assert str(eigen.nummer) in html and "Noordermeer" not in html
    assert client.get(reverse("web:toewijzing-detail", args=[eigen.pk])).status_code == 200
    assert client.get(reverse("web:toewijzing-detail", args=[vreemd.pk])).status_code == 404


def test_werklijst_overdue_first_with_badge(client, alice, alkmaar, noor, zeger):
    vandaag = timezone.localdate()
    WerklijstItem.objects.create(
        gemeente=alkmaar,
        client=zeger,
        soort=WerklijstSoort.BESLUIT,
        omschrijving="Besluit nemen",
        uiterlijk=vandaag + dt.timedelta(days=10),
    )
    WerklijstItem.objects.create(
        gemeente=alkmaar,
        client=noor,
        soort=WerklijstSoort.ONDERZOEK,
        omschrijving="Onderzoek afronden",
        uiterlijk=vandaag - dt.timedelta(days=3),
    )
    html = login(client, alice).get(reverse("web:werklijst")).content.decode()
    assert html.index("Onderzoek afronden") < html.index("Besluit nemen")
    assert "Te laat" in html and "3 dagen te laat" in html and "nog 10 dagen" in html
    assert datum(vandaag - dt.timedelta(days=3)) in html
    home = client.get(reverse("web:home")).content.decode()
    assert "over de termijn" in home


def test_signalen_list_and_detail_are_scoped(client, alice, bob, charlie, noor, keten):
    signaal = Signaal.objects.get(client=noor)
    login(client, alice)
    assert "Eenzaamheid" in client.get(reverse("web:signaal-list")).content.decode()
    assert client.get(reverse("web:signaal-detail", args=[signaal.pk])).status_code == 200
    client.logout()
    login(client, bob)
    assert client.get(reverse("web:signaal-detail", args=[signaal.pk])).status_code == 200
    client.logout()
    login(client, charlie)
    assert "Eenzaamheid" not in client.get(reverse("web:signaal-list")).content.decode()
    assert client.get(reverse("web:signaal-detail", args=[signaal.pk])).status_code == 404


def test_aanbieder_home_counts_new_and_accepted_toewijzingen(client, bob, noor, noord):
    nieuw_client = f.ClientFactory(gemeente=noor.gemeente)
    f.ToewijzingFactory(client=nieuw_client, aanbieder=noord, ingangsdatum=timezone.localdate())
    geaccepteerd = f.ClientFactory(gemeente=noor.gemeente)
    f.ToewijzingFactory(
        client=geaccepteerd, aanbieder=noord, ingangsdatum=timezone.localdate(), geaccepteerd=True
    )
    html = login(client, bob).get(reverse("web:home")).content.decode()
    assert re.search(r'kaart__getal">1</span> nieuwe toewijzingen om te accepteren', html)
    assert re.search(r'kaart__getal">1</span> geaccepteerd: start nog melden', html)


# --- aanbieders, contracten, catalogus, auditlog -------------------------------------------------------


@pytest.fixture
def inkoper(alkmaar):
    return f.UserFactory(username="ingrid", rol=Rol.CONTRACTMANAGER, gemeenten=[alkmaar])


def test_contracts_and_providers_for_the_contractmanager(client, inkoper, alkmaar, heiloo, noord, zuid):
    product = f.ProductFactory(naam="Schoon huis Basis")
    f.TariefFactory(product=product, bedrag_cent=123456)
    contract = f.ContractFactory(kenmerk="ALK-2017-01", aanbieder=noord, gemeenten=[alkmaar])
    f.ContractProductFactory(contract=contract, product=product, capaciteit=40, wachttijd_dagen=14)
    ander = f.ContractFactory(kenmerk="HEI-2017-01", aanbieder=zuid, gemeenten=[heiloo])
    login(client, inkoper)
    html = client.get(reverse("web:contract-detail", args=[contract.pk])).content.decode()
    assert "Schoon huis Basis" in html and "€ 1.234,56" in html and "14 dagen" in html and "/ 40" in html
    assert client.get(reverse("web:contract-detail", args=[ander.pk])).status_code == 404
    lijst = client.get(reverse("web:aanbieder-list")).content.decode()
    assert "Thuiszorg Noord" in lijst and "Zorg Zuid" not in lijst
    detail = client.get(reverse("web:aanbieder-detail", args=[noord.pk])).content.decode()
    assert "ALK-2017-01" in detail
    assert client.get(reverse("web:aanbieder-detail", args=[zuid.pk])).status_code == 404


def test_catalogus_shows_products_with_current_tariff(client, inkoper):
    product = f.ProductFactory(naam="Thuisondersteuning Plus")
    f.TariefFactory(product=product, bedrag_cent=21600)
    html = login(client, inkoper).get(reverse("web:catalogus")).content.decode()
    assert "Thuisondersteuning Plus" in html and "€ 216,00" in html
    assert "Zelfstandig en veilig wonen" in html


def test_auditlog_for_the_auditor_filtered_by_posted_bsn(client, dora, noor, zeger):
    login(client, dora)
    response = client.get(reverse("web:audit-list"))
    assert response.status_code == 200 and "Noordermeer" in response.content.decode()
    response = client.post(reverse("web:audit-list"), {"bsn": noor.bsn})
    assert response.status_code == 302 and noor.bsn not in response["Location"]
    html = client.get(response["Location"]).content.decode()
    assert "Gefilterd op cliënt" in html and "Zuidema" not in html
    response = client.post(reverse("web:audit-list"), {"bsn": f.valid_bsn()})
    assert GEEN_CLIENT in response.content.decode()


def test_auditor_of_other_gemeente_sees_no_events(client, heiloo, noor):
    auditor = f.UserFactory(username="hanna", rol=Rol.AUDITOR, gemeenten=[heiloo])
    login(client, auditor)
    html = client.get(reverse("web:audit-list"), {"client": noor.pk}).content.decode()
    assert "Noordermeer" not in html and "Geen cliënt gevonden" in html


# --- Dutch formats -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cent", "tekst"),
    [(21600, "€ 216,00"), (123456, "€ 1.234,56"), (5, "€ 0,05"), (-1250, "€ -12,50"), (None, "")],
)
def test_euro_format(cent, tekst):
    assert euro(cent) == tekst


def test_datum_format():
    assert datum(dt.date(2017, 1, 2)) == "02-01-2017"
    assert datum(None, "onbepaald") == "onbepaald"

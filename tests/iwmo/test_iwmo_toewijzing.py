"""301 on every toewijzing change (OP087), VOT/VOW on the worklist answered with 301 or 319, 302 retours."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from lxml import etree

from resultaat.core.audit.models import AuditEvent
from resultaat.iwmo import services, xml
from resultaat.iwmo import voorbeeld as vb
from resultaat.iwmo.intake import verwerk
from resultaat.iwmo.models import Bericht, DeclaratieRegel, Verzoek, VerzoekStatus
from resultaat.toewijzingen import services as tw
from resultaat.toewijzingen.models import Toewijzing
from resultaat.werklijst.models import WerklijstItem, WerklijstSoort, WerklijstStatus
from tests import factories as f

D = dt.date


def om(uur: int) -> dt.datetime:
    """The moment of a decision, well before now, so that later decisions are later (IV013)."""
    return dt.datetime(2026, 1, 2, uur, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _iwmo_dir(settings, tmp_path):
    settings.IWMO_DIR = tmp_path / "iwmo"


@pytest.fixture
def product(noord, alkmaar):
    product = f.ProductFactory(code="HBH01", volume=1)
    f.TariefFactory(product=product)
    contract = f.ContractFactory(aanbieder=noord, gemeenten=[alkmaar])
    f.ContractProductFactory(contract=contract, product=product)
    return product


@pytest.fixture
def client(alkmaar):
    return f.ClientFactory(gemeente=alkmaar, achternaam="Bakker", tussenvoegsel="de", voorletters="A.B.")


def valid(data: bytes) -> etree._Element:
    berichttype, root = xml.lees(data)
    assert xml.valideer_xsd(berichttype, root) == []
    return root


def berichten_301():
    return list(Bericht.objects.filter(berichttype="WMO301").order_by("id"))


def nummers(bericht) -> list[int]:
    root = etree.fromstring(bytes(bericht.inhoud))
    return [int(e.text) for e in root.iter("{*}ToewijzingNummer")]


def test_every_change_to_a_toewijzing_sends_a_301_with_all_current_toewijzingen(
    alice, client, noord, product
):
    tweede = f.ProductFactory(code="HBH02", resultaat=product.resultaat)
    f.ContractProductFactory(contract=product.contractregels.first().contract, product=tweede)
    a = tw.maak_toewijzing(
        door=alice, client=client, aanbieder=noord, product=product, ingangsdatum=D(2030, 1, 1), moment=om(8)
    )
    b = tw.maak_toewijzing(
        door=alice, client=client, aanbieder=noord, product=tweede, ingangsdatum=D(2030, 1, 1), moment=om(9)
    )
    tw.wijzig_einddatum(door=alice, toewijzing=a, einddatum=D(2030, 6, 30), reden="05", moment=om(10))
    eerste, tweede_301, derde = berichten_301()
    assert nummers(eerste) == [a.nummer]
    assert nummers(tweede_301) == [a.nummer, b.nummer]
    assert nummers(derde) == [a.nummer, b.nummer]
    for bericht in (eerste, tweede_301, derde):
        root = valid(bytes(bericht.inhoud))
        assert root.findtext("{*}Header/{*}Afzender") == "0361"
        assert root.findtext("{*}Header/{*}Ontvanger") == noord.agb_code
    root = etree.fromstring(bytes(derde.inhoud))
    eind = [e.findtext("{*}Einddatum") for e in root.iter("{*}ToegewezenProduct")]
    assert eind == ["2030-06-30", None]
    assert [e.findtext("{*}RedenWijziging") for e in root.iter("{*}ToegewezenProduct")] == ["05", None]
    assert len({b.identificatie for b in berichten_301()}) == 3


def test_a_switch_of_provider_sends_a_301_to_both(alice, client, noord, zuid, product, alkmaar):
    contract = f.ContractFactory(aanbieder=zuid, gemeenten=[alkmaar])
    f.ContractProductFactory(contract=contract, product=product)
    a = tw.maak_toewijzing(
        door=alice, client=client, aanbieder=noord, product=product, ingangsdatum=D(2030, 1, 1), moment=om(8)
    )
    tw.wissel_aanbieder(door=alice, toewijzing=a, nieuwe_aanbieder=zuid, per=D(2030, 3, 1), moment=om(9))
    ontvangers = [b.ontvanger for b in berichten_301()]
    assert ontvangers == [noord.agb_code, noord.agb_code, zuid.agb_code]


def test_the_301_is_written_to_the_outbox_after_commit(
    alice, client, noord, product, settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        tw.maak_toewijzing(
            door=alice, client=client, aanbieder=noord, product=product, ingangsdatum=D(2030, 1, 1)
        )
    bestanden = list((settings.IWMO_DIR / "outbox").iterdir())
    assert [p.name[:14] for p in bestanden] == ["WMO301_0361_" + bestanden[0].name[12:14]]
    data = bestanden[0].read_bytes()
    valid(data)
    assert b"\r\n" in data and not data.startswith(b"\xef\xbb\xbf")


def test_overlapping_toewijzingen_are_refused_OP259(alice, client, noord, product):
    tw.maak_toewijzing(
        door=alice, client=client, aanbieder=noord, product=product, ingangsdatum=D(2030, 1, 1)
    )
    with pytest.raises(ValidationError, match="niet overlappen"):
        tw.maak_toewijzing(
            door=alice, client=client, aanbieder=noord, product=product, ingangsdatum=D(2030, 2, 1)
        )
    assert len(berichten_301()) == 1


# --- VOT (315) ---------------------------------------------------------------------------------------


def vot(agb, bsn, referenties, identificatie="V1", product=("01", "HBH01")):
    producten = [
        {
            "ReferentieAanbieder": ref,
            "Product": {"Categorie": product[0], "Code": product[1]},
            "ToewijzingIngangsdatum": D(2030, 1, 1),
            "Omvang": {"Volume": 1, "Eenheid": "82", "Frequentie": "4"},
            "Verwijzer": {"Type": "02", "Naam": "Huisarts Jansen"},
        }
        for ref in referenties
    ]
    return vb.uit_dict(
        "WMO315",
        {
            "Header": vb.header("WMO315", agb, "0361", identificatie, D(2026, 1, 5)),
            "Client": {**vb.client_kort(bsn, "Smit"), "AangevraagdeProducten": producten},
        },
    )


def test_a_vot_lands_on_the_worklist_with_a_deadline_of_5_werkdagen(noord, product, alkmaar):
    bsn = f.valid_bsn()
    (u,) = verwerk([("v.xml", vot(noord.agb_code, bsn, ["REF-1"]))])
    assert u.status == "goedgekeurd", u.problemen
    valid(u.retour)
    verzoek = Verzoek.objects.get()
    assert verzoek.client.bsn == bsn and verzoek.client.achternaam == "Smit"
    item = WerklijstItem.objects.get(soort=WerklijstSoort.VERZOEK_TOEWIJZING)
    assert item.uiterlijk == verzoek.uiterlijk
    assert (item.uiterlijk - dt.date.today()).days in range(5, 12)  # weekends and holidays skipped


def test_a_vot_received_before_easter_is_due_after_easter_monday(noord, product, time_machine):
    # Maundy Thursday 2 April 2026, in the morning in the Netherlands.
    time_machine.move_to(dt.datetime(2026, 4, 2, 9, 0, tzinfo=ZoneInfo("Europe/Amsterdam")), tick=False)
    (u,) = verwerk([("v.xml", vot(noord.agb_code, f.valid_bsn(), ["REF-P"]))])
    assert u.status == "goedgekeurd", u.problemen
    # Good Friday counts, Easter Monday does not: five werkdagen end on Friday 10 April
    assert WerklijstItem.objects.get(soort=WerklijstSoort.VERZOEK_TOEWIJZING).uiterlijk == D(2026, 4, 10)


def test_a_referentie_used_twice_is_9347_and_a_second_open_request_9374(noord, product):
    bsn = f.valid_bsn()
    verwerk([("v.xml", vot(noord.agb_code, bsn, ["REF-1"]))])
    (u,) = verwerk([("w.xml", vot(noord.agb_code, bsn, ["REF-1"], "V2"))])
    assert {p.regel for p in u.problemen} == {"TR347", "TR374"}
    root = valid(u.retour)
    client = root.find("{*}Client")
    assert [c.text for c in client.find("{*}RetourCodes")] == ["9374"]
    product_codes = client.find("{*}AangevraagdeProducten/{*}AangevraagdProduct/{*}RetourCodes")
    assert [c.text for c in product_codes] == ["9347"]


def test_granting_a_vot_sends_a_301_with_the_referentie_and_closes_the_worklist_item(alice, noord, product):
    verwerk([("v.xml", vot(noord.agb_code, f.valid_bsn(), ["REF-9"]))])
    verzoek = Verzoek.objects.get()
    _adres(verzoek.client)
    services.ken_toe(door=alice, verzoek=verzoek)
    (bericht,) = berichten_301()
    root = valid(bytes(bericht.inhoud))
    assert (
        root.findtext("{*}Client/{*}ToegewezenProducten/{*}ToegewezenProduct/{*}ReferentieAanbieder")
        == "REF-9"
    )
    assert WerklijstItem.objects.get().status == WerklijstStatus.AFGEHANDELD
    with pytest.raises(ValidationError, match="TR359"):
        services.beantwoord_met_319(door=alice, verzoek=verzoek, antwoord="1", reden="3")


def test_a_319_for_a_referentie_that_is_no_request_of_the_provider_is_refused_tr355(
    alice, alkmaar, noord, zuid, product
):
    from resultaat.iwmo.uitgaand import verstuur_319

    verwerk([("v.xml", vot(noord.agb_code, f.valid_bsn(), ["REF-7"]))])
    with pytest.raises(ValidationError, match="TR355, retourcode 9355"):
        verstuur_319(alkmaar, noord, "REF-ONBEKEND", "2")
    with pytest.raises(ValidationError, match="TR355"):  # another provider's request
        verstuur_319(alkmaar, zuid, "REF-7", "2")
    assert not Bericht.objects.filter(berichttype="WMO319").exists()
    bericht = verstuur_319(alkmaar, noord, "REF-7", "2")
    assert valid(bytes(bericht.inhoud)).findtext("{*}Antwoord/{*}ReferentieAanbieder") == "REF-7"


def test_the_319_answer_rules(alice, noord, product):
    verwerk([("v.xml", vot(noord.agb_code, f.valid_bsn(), ["REF-5"]))])
    verzoek = Verzoek.objects.get()
    with pytest.raises(ValidationError, match="CD085"):
        services.beantwoord_met_319(door=alice, verzoek=verzoek, antwoord="1")
    with pytest.raises(ValidationError, match="CD086"):
        services.beantwoord_met_319(door=alice, verzoek=verzoek, antwoord="2", reden="3")
    bericht = services.beantwoord_met_319(door=alice, verzoek=verzoek, antwoord="2")
    root = valid(bytes(bericht.inhoud))
    assert root.findtext("{*}Antwoord/{*}ReferentieAanbieder") == "REF-5"
    with pytest.raises(ValidationError, match="TR360"):
        services.beantwoord_met_319(door=alice, verzoek=verzoek, antwoord="2")
    item = WerklijstItem.objects.get()
    assert (
        item.status == WerklijstStatus.OPEN and item.uiterlijk > verzoek.uiterlijk
    )  # 8 weeks for the answer
    afwijzing = services.beantwoord_met_319(door=alice, verzoek=verzoek, antwoord="1", reden="3")
    valid(bytes(afwijzing.inhoud))
    verzoek.refresh_from_db()
    assert verzoek.status == VerzoekStatus.AFGEWEZEN
    assert WerklijstItem.objects.get().status == WerklijstStatus.AFGEHANDELD
    with pytest.raises(ValidationError, match="TR365, retourcode 9365"):
        services.beantwoord_met_319(door=alice, verzoek=verzoek, antwoord="2")


# --- VOW (317) ---------------------------------------------------------------------------------------


OMVANG = {"Volume": 1, "Eenheid": "82", "Frequentie": "4"}


def vow(agb, bsn, referentie, te_wijzigen, identificatie="W1", omvang=OMVANG):
    return vb.uit_dict(
        "WMO317",
        {
            "Header": vb.header("WMO317", agb, "0361", identificatie, D(2026, 1, 5)),
            "Client": {
                "Bsn": bsn,
                "Verzoek": {
                    "ReferentieAanbieder": referentie,
                    "RedenVerzoek": "1",
                    "TeWijzigenProducten": [
                        {
                            "ToewijzingNummer": n,
                            "GewensteIngangsdatum": D(2030, 1, 1),
                            "Einddatum": D(2031, 12, 31),
                            **({"Omvang": omvang} if omvang else {}),
                        }
                        for n in te_wijzigen
                    ],
                },
            },
        },
    )


def test_a_vow_for_a_toewijzing_that_is_not_the_clients_is_rejected(alice, client, noord, product):
    t = tw.maak_toewijzing(
        door=alice, client=client, aanbieder=noord, product=product, ingangsdatum=D(2020, 1, 1), moment=om(8)
    )
    (u,) = verwerk([("w.xml", vow(noord.agb_code, client.bsn, "VOW-1", [t.nummer + 1]))])
    assert [p.regel for p in u.problemen] == ["TR351", "TR349"]
    assert {c for cs in _codes(valid(u.retour)).values() for c in cs} >= {"9351", "9349"}
    (ok,) = verwerk([("w2.xml", vow(noord.agb_code, client.bsn, "VOW-2", [t.nummer], "W2"))])
    assert ok.status == "goedgekeurd", ok.problemen
    assert WerklijstItem.objects.get().soort == WerklijstSoort.VERZOEK_WIJZIGING
    services.ken_toe(door=alice, verzoek=Verzoek.objects.get())
    laatste = berichten_301()[-1]
    root = valid(bytes(laatste.inhoud))
    assert root.findtext(".//{*}ToegewezenProduct/{*}Einddatum") == "2031-12-31"
    assert root.findtext(".//{*}ToegewezenProduct/{*}RedenWijziging") == "12"
    assert root.findtext(".//{*}ToegewezenProduct/{*}ReferentieAanbieder") == "VOW-2"


# --- 302 retour on our 301 ----------------------------------------------------------------------------


def test_a_rejecting_302_links_to_our_301_and_lands_on_the_worklist(alice, client, noord, product):
    tw.maak_toewijzing(
        door=alice, client=client, aanbieder=noord, product=product, ingangsdatum=D(2030, 1, 1)
    )
    (heen,) = berichten_301()
    (u,) = verwerk([("r.xml", _retour_302(heen, "9332", "R1"))])
    assert u.status == "goedgekeurd", u.problemen
    ontvangen = Bericht.objects.get(berichttype="WMO302")
    assert ontvangen.heenbericht == heen
    item = WerklijstItem.objects.get(soort=WerklijstSoort.RETOUR)
    assert "9332" in item.omschrijving


def _retour_302(heen: Bericht, code: str, identificatie: str) -> bytes:
    from resultaat.iwmo.bouw import _sub, _xsd_versie

    data = bytes(heen.inhoud).replace(xml.namespace("WMO301").encode(), xml.namespace("WMO302").encode())
    root = etree.fromstring(data)
    root.find("{*}Header/{*}BerichtCode").text = "415"
    header = root.find("{*}Header")
    _sub(header, "IdentificatieRetour", identificatie)
    _sub(header, "DagtekeningRetour", D(2026, 1, 2))
    _xsd_versie(header, "XsdVersieRetour", "WMO302")
    for klasse in ("Client", "Contact", "ToegewezenProduct"):
        for el in root.iter(f"{{*}}{klasse}"):
            _sub(_sub(el, "RetourCodes"), "RetourCode", code if klasse == "ToegewezenProduct" else "0200")
    retour = xml.serialiseer(root)
    valid(retour)
    return retour


def test_an_approving_302_accepts_the_toewijzing_as_the_portal_does(alice, client, noord, product):
    t = tw.maak_toewijzing(
        door=alice, client=client, aanbieder=noord, product=product, ingangsdatum=D(2030, 1, 1)
    )
    assert t.reactie == "nieuw"
    (heen,) = berichten_301()
    (u,) = verwerk([("r.xml", _retour_302(heen, "0200", "R3"))])
    assert u.status == "goedgekeurd", u.problemen
    t.refresh_from_db()
    assert t.reactie == "geaccepteerd" and t.reactie_op is not None
    assert not WerklijstItem.objects.filter(soort=WerklijstSoort.RETOUR).exists()


def test_a_302_records_the_acceptance_as_the_portal_does(alice, bob, client, alkmaar, noord, product):
    """One write path for accepting (toewijzingen.services): a 302 that approves a ToegewezenProduct
    records what the portal's "Accepteren" records: reactie geaccepteerd, when, by whom, and the
    audit event of that change."""
    via_302 = tw.maak_toewijzing(
        door=alice, client=client, aanbieder=noord, product=product, ingangsdatum=D(2030, 1, 1)
    )
    (heen,) = berichten_301()
    via_portaal = tw.maak_toewijzing(
        door=alice,
        client=f.ClientFactory(gemeente=alkmaar),
        aanbieder=noord,
        product=product,
        ingangsdatum=D(2030, 1, 1),
    )
    tw.accepteer_toewijzing(door=bob, toewijzing=via_portaal)
    (u,) = verwerk([("r.xml", _retour_302(heen, "0200", "R5"))], door=bob)
    assert u.status == "goedgekeurd", u.problemen
    for t in (via_302, via_portaal):
        t.refresh_from_db()
        assert (t.reactie, t.reactie_door) == ("geaccepteerd", bob)
        assert t.reactie_op is not None
        event = AuditEvent.objects.get(
            content_type__model="toewijzing", object_id=str(t.pk), actie="gewijzigd"
        )
        assert (event.actor_naam, sorted(event.velden)) == ("bob", ["reactie", "reactie_door", "reactie_op"])
    # A second 302 for the same toewijzing changes nothing, as a second "Accepteren" does not.
    verwerk([("r2.xml", _retour_302(heen, "0200", "R6"))], door=bob)
    assert (
        AuditEvent.objects.filter(
            content_type__model="toewijzing", object_id=str(via_302.pk), actie="gewijzigd"
        ).count()
        == 1
    )


def test_a_rejecting_302_leaves_the_toewijzing_unaccepted(alice, client, noord, product):
    t = tw.maak_toewijzing(
        door=alice, client=client, aanbieder=noord, product=product, ingangsdatum=D(2030, 1, 1)
    )
    (heen,) = berichten_301()
    verwerk([("r.xml", _retour_302(heen, "9332", "R4"))])
    t.refresh_from_db()
    assert t.reactie == "nieuw"
    assert WerklijstItem.objects.filter(soort=WerklijstSoort.RETOUR, client=client).exists()


def test_an_approving_320_is_stored_with_our_319(alice, noord, product):
    verwerk([("v.xml", vot(noord.agb_code, f.valid_bsn(), ["REF-7"]))])
    heen = services.beantwoord_met_319(door=alice, verzoek=Verzoek.objects.get(), antwoord="1", reden="7")
    data = bytes(heen.inhoud).replace(xml.namespace("WMO319").encode(), xml.namespace("WMO320").encode())
    root = etree.fromstring(data)
    root.find("{*}Header/{*}BerichtCode").text = "483"
    from resultaat.iwmo.bouw import _sub, _xsd_versie

    header = root.find("{*}Header")
    _sub(header, "IdentificatieRetour", "R2")
    _sub(header, "DagtekeningRetour", D(2026, 1, 2))
    _xsd_versie(header, "XsdVersieRetour", "WMO320")
    root.remove(root.find("{*}Antwoord"))
    retour = xml.serialiseer(root)
    valid(retour)
    (u,) = verwerk([("r.xml", retour)])
    assert u.status == "goedgekeurd", u.problemen
    ontvangen = Bericht.objects.get(berichttype="WMO320")
    assert ontvangen.heenbericht == heen and ontvangen.status == "ontvangen"
    assert not WerklijstItem.objects.filter(soort=WerklijstSoort.RETOUR).exists()


def test_the_consulent_sees_the_vot_and_its_deadline_on_the_worklist(alice, noord, product, client):
    from django.test import Client as WebClient

    verwerk([("v.xml", vot(noord.agb_code, f.valid_bsn(), ["REF-W"]))])
    verzoek = Verzoek.objects.get()
    http = WebClient()
    http.force_login(alice)
    body = http.get("/werklijst/").content.decode()
    assert "REF-W" in body
    assert verzoek.uiterlijk.strftime("%d-%m-%Y") in body


def test_two_decisions_in_the_same_second_both_count_and_both_send_a_301(
    alice, client, noord, zuid, product, alkmaar
):
    contract = f.ContractFactory(aanbieder=zuid, gemeenten=[alkmaar])
    f.ContractProductFactory(contract=contract, product=product)
    a = tw.maak_toewijzing(
        door=alice, client=client, aanbieder=noord, product=product, ingangsdatum=D(2030, 1, 1)
    )
    tw.wissel_aanbieder(door=alice, toewijzing=a, nieuwe_aanbieder=zuid, per=D(2030, 3, 1))
    a.refresh_from_db()
    assert a.einddatum == D(2030, 2, 28) and a.versies.count() == 2
    assert len(berichten_301()) == 3


def _codes(root) -> dict[str, list[str]]:
    tree = root.getroottree()
    return {tree.getpath(rc.getparent()): [c.text for c in rc] for rc in root.iter("{*}RetourCodes")}


def test_the_change_request_rules_of_a_317(alice, client, noord, product):
    t = tw.maak_toewijzing(
        door=alice, client=client, aanbieder=noord, product=product, ingangsdatum=D(2020, 1, 1), moment=om(8)
    )
    # TR411: Omvang is required for a toewijzing with a product code
    (u,) = verwerk([("w.xml", vow(noord.agb_code, client.bsn, "VOW-1", [t.nummer], "W1", omvang=None))])
    assert [p.regel for p in u.problemen] == ["TR411"]
    assert "9411" in str(_codes(valid(u.retour)))
    # TR357: a desired date on or before the dagtekening must be the toewijzing's own
    data = vow(noord.agb_code, client.bsn, "VOW-2", [t.nummer], "W2").replace(
        b"GewensteIngangsdatum>2030-01-01<", b"GewensteIngangsdatum>2025-06-01<"
    )
    (u,) = verwerk([("w2.xml", data)])
    assert [p.regel for p in u.problemen] == ["TR357"]
    assert "9357" in str(_codes(valid(u.retour)))
    # TR361: the same product twice with overlapping periods
    data = vow(noord.agb_code, client.bsn, "VOW-3", [t.nummer, t.nummer], "W3")
    (u,) = verwerk([("w3.xml", data)])
    assert "TR361" in [p.regel for p in u.problemen]
    assert "9361" in str(_codes(valid(u.retour)))
    # TR304: an unknown client
    (u,) = verwerk([("w4.xml", vow(noord.agb_code, f.valid_bsn(), "VOW-4", [t.nummer], "W4"))])
    assert [p.regel for p in u.problemen] == ["TR304"]
    assert "8187" in str(_codes(valid(u.retour)))
    # A complete request passes
    (u,) = verwerk([("w5.xml", vow(noord.agb_code, client.bsn, "VOW-5", [t.nummer], "W5"))])
    assert u.status == "goedgekeurd", u.problemen


@pytest.mark.parametrize("regel", ["TR352", "TR353"])
def test_an_empty_change_request_is_rejected_in_the_header(alice, client, noord, product, regel):
    t = tw.maak_toewijzing(
        door=alice, client=client, aanbieder=noord, product=product, ingangsdatum=D(2020, 1, 1), moment=om(8)
    )
    verzoek = {"ReferentieAanbieder": "VOW-9", "RedenVerzoek": "1"}
    if regel == "TR353":
        verzoek["OngewijzigdeProducten"] = [{"ToewijzingNummer": t.nummer}]
    else:
        verzoek["NieuweProducten"] = [
            {
                "Product": {"Categorie": product.categorie, "Code": product.code},
                "GewensteIngangsdatum": D(2030, 1, 1),
                "Omvang": OMVANG,
            }
        ]
    data = vb.uit_dict(
        "WMO317",
        {
            "Header": vb.header("WMO317", noord.agb_code, "0361", "W9", D(2026, 1, 5)),
            "Client": {"Bsn": client.bsn, "Verzoek": verzoek},
        },
    )
    (u,) = verwerk([("w.xml", data)])
    assert regel in [p.regel for p in u.problemen]
    root = valid(u.retour)
    assert [c.text for c in root.find("{*}Header/{*}RetourCodes")] == ["0001"]
    assert not Verzoek.objects.exists()


def test_an_unchanged_product_that_is_no_current_toewijzing_is_TR350_and_a_budget_TR373(
    alice, client, noord, product
):
    t = tw.maak_toewijzing(
        door=alice, client=client, aanbieder=noord, product=product, ingangsdatum=D(2020, 1, 1), moment=om(8)
    )
    verzoek = {
        "ReferentieAanbieder": "VOW-1",
        "RedenVerzoek": "1",
        "OngewijzigdeProducten": [{"ToewijzingNummer": t.nummer + 5}],
        "TeWijzigenProducten": [
            {"ToewijzingNummer": t.nummer, "GewensteIngangsdatum": D(2030, 1, 1), "Budget": 50000}
        ],
    }
    data = vb.uit_dict(
        "WMO317",
        {
            "Header": vb.header("WMO317", noord.agb_code, "0361", "W1", D(2026, 1, 5)),
            "Client": {"Bsn": client.bsn, "Verzoek": verzoek},
        },
    )
    (u,) = verwerk([("w.xml", data)])
    assert [p.regel for p in u.problemen] == ["TR350", "TR373"]
    codes = str(_codes(valid(u.retour)))
    assert "9350" in codes and "9373" in codes


def test_a_315_with_a_product_code_needs_an_omvang_CD041(noord, product):
    data = (
        vot(noord.agb_code, f.valid_bsn(), ["REF-1"])
        .replace(b"<Omvang>", b"<!--")
        .replace(b"</Omvang>", b"-->")
    )
    (u,) = verwerk([("v.xml", data)])
    assert [p.regel for p in u.problemen] == ["CD041"]
    assert [c.text for c in valid(u.retour).find("{*}Header/{*}RetourCodes")] == ["0001"]


def test_a_301_on_a_rejected_request_is_refused_TR379(alice, noord, product):
    verwerk([("v.xml", vot(noord.agb_code, f.valid_bsn(), ["REF-5"]))])
    verzoek = Verzoek.objects.get()
    services.beantwoord_met_319(door=alice, verzoek=verzoek, antwoord="1", reden="3")
    verzoek.refresh_from_db()
    with pytest.raises(ValidationError, match="TR379, retourcode 9379"):
        services.ken_toe(door=alice, verzoek=verzoek)
    assert not berichten_301()


def _adres(client, **velden):
    velden = {
        "straat": "Dorpsstraat",
        "huisnummer": "1",
        "postcode": "1811AB",
        "woonplaats": "Alkmaar",
        **velden,
    }
    type(client).objects.filter(pk=client.pk).update(**velden)
    for veld, waarde in velden.items():
        setattr(client, veld, waarde)


@pytest.mark.parametrize(
    ("adres", "regels"),
    [
        ({"straat": "", "huisnummer": "", "postcode": "", "woonplaats": ""}, ["TR061", "TR006"]),
        ({"huisnummer": ""}, ["TR006", "CD025"]),
        ({"postcode": ""}, ["TR006", "CD034"]),
    ],
)
def test_a_301_without_a_complete_address_is_not_sent(alice, noord, product, adres, regels):
    verwerk([("v.xml", vot(noord.agb_code, f.valid_bsn(), ["REF-9"]))])
    verzoek = Verzoek.objects.get()
    _adres(verzoek.client, **adres)
    with pytest.raises(ValidationError) as fout:
        services.ken_toe(door=alice, verzoek=verzoek)
    assert [r for r in regels if r in str(fout.value)] == regels
    assert not berichten_301() and not Toewijzing.objects.filter(client=verzoek.client).exists()
    _adres(verzoek.client, telefoon="072-5111111", **adres)  # a phone number is enough for TR006
    with pytest.raises(ValidationError) as fout:
        services.ken_toe(door=alice, verzoek=verzoek)
    assert "TR006" not in str(fout.value)
    _adres(verzoek.client, telefoon="072-5111111")
    services.ken_toe(door=alice, verzoek=verzoek)
    (bericht,) = berichten_301()
    assert valid(bytes(bericht.inhoud)).findtext(".//{*}Telefoon01/{*}Telefoonnummer") == "0725111111"


def test_a_deletion_in_a_301_needs_equal_dates_CS335_and_no_approved_claims_TR385(
    alice, client, noord, product
):
    from resultaat.iwmo.controle_uit import controleer_301

    t = tw.maak_toewijzing(
        door=alice, client=client, aanbieder=noord, product=product, ingangsdatum=D(2020, 1, 1), moment=om(8)
    )
    root = etree.fromstring(bytes(berichten_301()[-1].inhoud))
    assert controleer_301(root, client.gemeente) == []
    tp = root.find(".//{*}ToegewezenProduct")
    einddatum = etree.Element(tp.find("{*}Ingangsdatum").tag.replace("Ingangsdatum", "Einddatum"))
    einddatum.text = "2020-03-01"
    tp.find("{*}Ingangsdatum").addnext(einddatum)
    reden = etree.Element(tp.tag.replace("ToegewezenProduct", "RedenWijziging"))
    reden.text = "13"
    einddatum.addnext(reden)
    assert [p.regel for p in controleer_301(root, client.gemeente)] == ["CS335"]
    einddatum.text = "2020-01-01"
    assert controleer_301(root, client.gemeente) == []
    heen = Bericht.objects.filter(berichttype="WMO301").first()
    DeclaratieRegel.objects.create(
        bericht=heen,
        aanbieder=noord,
        client=client,
        toewijzing=t,
        referentienummer="P1",
        begindatum=D(2020, 1, 1),
        einddatum=D(2020, 1, 31),
        volume=1,
        bedrag_cent=100,
        toegekend=True,
    )
    problemen = controleer_301(root, client.gemeente)
    assert [(p.regel, p.retourcode) for p in problemen] == [("TR385", "9385")]
    DeclaratieRegel.objects.create(
        bericht=heen,
        aanbieder=noord,
        client=client,
        toewijzing=t,
        referentienummer="P1C",
        vorig_referentienummer="P1",
        begindatum=D(2020, 1, 1),
        einddatum=D(2020, 1, 31),
        volume=1,
        bedrag_cent=-100,
        toegekend=True,
    )
    assert controleer_301(root, client.gemeente) == []


def test_a_301_with_a_postcode_without_landcode_is_CD005_and_a_product_twice_TR302(
    alice, client, noord, product
):
    import copy

    from resultaat.iwmo.controle_uit import controleer_301

    tw.maak_toewijzing(
        door=alice, client=client, aanbieder=noord, product=product, ingangsdatum=D(2020, 1, 1), moment=om(8)
    )
    root = etree.fromstring(bytes(berichten_301()[-1].inhoud))
    landcode = root.find(".//{*}Adres/{*}LandCode")
    landcode.getparent().remove(landcode)
    assert [p.regel for p in controleer_301(root, client.gemeente)] == ["CD005"]
    root = etree.fromstring(bytes(berichten_301()[-1].inhoud))
    tp = root.find(".//{*}ToegewezenProduct")
    tweede = copy.deepcopy(tp)
    tweede.find("{*}ToewijzingNummer").text = "999999"
    tp.addnext(tweede)
    assert [p.regel for p in controleer_301(root, client.gemeente)] == ["TR302"]


@pytest.mark.parametrize("regel", ["TR383", "TR386", "CD043"])
def test_in_message_rules_of_a_315(noord, product, regel):
    data = vot(noord.agb_code, f.valid_bsn(), ["REF-1", "REF-1" if regel == "TR383" else "REF-2"])
    if regel == "CD043":
        data = vot(noord.agb_code, f.valid_bsn(), ["REF-1"]).replace(
            b"<ReferentieAanbieder>REF-1</ReferentieAanbieder>",
            b"<ReferentieAanbieder>REF-1</ReferentieAanbieder><BeschikkingNummer>12345</BeschikkingNummer>",
        )
    (u,) = verwerk([("v.xml", data)])
    assert regel in [p.regel for p in u.problemen], u.problemen
    assert [c.text for c in valid(u.retour).find("{*}Header/{*}RetourCodes")] == ["0001"]
    assert not Verzoek.objects.exists()


def test_a_new_product_twice_with_overlapping_periods_in_a_317_is_TR410(alice, client, noord, product):
    t = tw.maak_toewijzing(
        door=alice, client=client, aanbieder=noord, product=product, ingangsdatum=D(2020, 1, 1), moment=om(8)
    )
    nieuw = {
        "Product": {"Categorie": product.categorie, "Code": product.code},
        "GewensteIngangsdatum": D(2030, 1, 1),
        "Omvang": OMVANG,
    }
    verzoek = {
        "ReferentieAanbieder": "VOW-9",
        "RedenVerzoek": "1",
        "OngewijzigdeProducten": [{"ToewijzingNummer": t.nummer}],
        "NieuweProducten": [nieuw, nieuw],
    }
    data = vb.uit_dict(
        "WMO317",
        {
            "Header": vb.header("WMO317", noord.agb_code, "0361", "W9", D(2026, 1, 5)),
            "Client": {"Bsn": client.bsn, "Verzoek": verzoek},
        },
    )
    (u,) = verwerk([("w.xml", data)])
    assert "TR410" in [p.regel for p in u.problemen]


def test_a_301_without_its_retour_after_three_werkdagen_lands_on_the_worklist_OP090(
    alice, client, noord, product
):
    from django.core.management import call_command

    from resultaat.iwmo.bewaking import meld_ontbrekende_retouren

    tw.maak_toewijzing(
        door=alice, client=client, aanbieder=noord, product=product, ingangsdatum=D(2030, 1, 1)
    )
    (heen,) = berichten_301()
    Bericht.objects.filter(pk=heen.pk).update(dagtekening=D(2026, 1, 2))  # a Friday
    assert meld_ontbrekende_retouren(D(2026, 1, 7)) == 0  # the third werkdag: still in time
    assert meld_ontbrekende_retouren(D(2026, 1, 8)) == 1
    item = WerklijstItem.objects.get(soort=WerklijstSoort.RETOUR)
    assert (
        item.client == client and "Geen retour (WMO302)" in item.omschrijving and "OP090" in item.omschrijving
    )
    assert meld_ontbrekende_retouren(D(2026, 1, 9)) == 0  # once per message
    # a 301 that got its retour is not reported
    ander = f.ClientFactory(gemeente=client.gemeente)
    tw.maak_toewijzing(door=alice, client=ander, aanbieder=noord, product=product, ingangsdatum=D(2030, 1, 1))
    tweede = berichten_301()[-1]
    verwerk([("r.xml", _retour_302(tweede, "0200", "R9"))])
    Bericht.objects.filter(pk=tweede.pk).update(dagtekening=D(2026, 1, 2))
    call_command("iwmo_retouren")
    assert WerklijstItem.objects.filter(soort=WerklijstSoort.RETOUR).count() == 1


def _vot_product(**velden):
    p = {
        "ReferentieAanbieder": "REF-1",
        "Product": {"Categorie": "01", "Code": "HBH01"},
        "ToewijzingIngangsdatum": D(2030, 1, 1),
        "ToewijzingEinddatum": D(2030, 12, 31),
        "Omvang": {"Volume": 1, "Eenheid": "82", "Frequentie": "4"},
    }
    p.update(velden)
    p["Verwijzer"] = {"Type": "02", "Naam": "Huisarts Jansen"}
    return {k: v for k, v in p.items() if v is not None}


@pytest.mark.parametrize(
    ("velden", "regels"),
    [
        ({"ToewijzingEinddatum": None, "Omvang": None, "Budget": 50000}, ["CD075"]),
        (
            {"ToewijzingEinddatum": None, "Omvang": {"Volume": 3, "Eenheid": "04", "Frequentie": "2"}},
            ["CD076"],
        ),
        ({"Budget": 50000}, ["CD077", "CD078"]),
        ({"Product": None, "Omvang": None}, ["CD079"]),
        ({"ToewijzingEinddatum": D(2029, 12, 31)}, ["CS003"]),
        ({"Omvang": {"Volume": 3, "Eenheid": "14", "Frequentie": "1"}}, ["CS343"]),
    ],
)
def test_omvang_budget_and_period_rules_of_a_315(noord, product, velden, regels):
    data = vb.uit_dict(
        "WMO315",
        {
            "Header": vb.header("WMO315", noord.agb_code, "0361", "V1", D(2026, 1, 5)),
            "Client": {
                **vb.client_kort(f.valid_bsn(), "Smit"),
                "AangevraagdeProducten": [_vot_product(**velden)],
            },
        },
    )
    (u,) = verwerk([("v.xml", data)])
    assert [p.regel for p in u.problemen] == regels
    assert [c.text for c in valid(u.retour).find("{*}Header/{*}RetourCodes")] == ["0001"]


def test_a_complete_315_with_an_end_date_passes(noord, product):
    data = vb.uit_dict(
        "WMO315",
        {
            "Header": vb.header("WMO315", noord.agb_code, "0361", "V1", D(2026, 1, 5)),
            "Client": {**vb.client_kort(f.valid_bsn(), "Smit"), "AangevraagdeProducten": [_vot_product()]},
        },
    )
    (u,) = verwerk([("v.xml", data)])
    assert u.status == "goedgekeurd", u.problemen


def test_a_new_product_in_a_317_with_unit_14_needs_frequency_2_4_or_6_CS338(alice, client, noord, product):
    t = tw.maak_toewijzing(
        door=alice, client=client, aanbieder=noord, product=product, ingangsdatum=D(2020, 1, 1), moment=om(8)
    )
    verzoek = {
        "ReferentieAanbieder": "VOW-9",
        "RedenVerzoek": "1",
        "OngewijzigdeProducten": [{"ToewijzingNummer": t.nummer}],
        "NieuweProducten": [
            {
                "Product": {"Categorie": product.categorie, "Code": product.code},
                "GewensteIngangsdatum": D(2030, 1, 1),
                "Omvang": {"Volume": 3, "Eenheid": "14", "Frequentie": "1"},
            }
        ],
    }
    data = vb.uit_dict(
        "WMO317",
        {
            "Header": vb.header("WMO317", noord.agb_code, "0361", "W9", D(2026, 1, 5)),
            "Client": {"Bsn": client.bsn, "Verzoek": verzoek},
        },
    )
    (u,) = verwerk([("w.xml", data)])
    assert [p.regel for p in u.problemen] == ["CS338"]

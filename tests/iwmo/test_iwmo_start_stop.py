"""iWmo 305/307 intake: what a provider sees back (the retour) and what the gemeente then pays on."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from lxml import etree

from resultaat.bekostiging.services import verschuldigd, verschuldigd_cent
from resultaat.iwmo import voorbeeld as vb
from resultaat.iwmo import xml
from resultaat.iwmo.intake import verwerk
from resultaat.iwmo.models import Bericht
from resultaat.toewijzingen.models import Levering
from tests import factories as f

D = dt.date


@pytest.fixture(autouse=True)
def _iwmo_dir(settings, tmp_path):
    settings.IWMO_DIR = tmp_path / "iwmo"


@pytest.fixture
def toewijzing(alkmaar, noord):
    client = f.ClientFactory(gemeente=alkmaar, achternaam="Visser")
    return f.ToewijzingFactory(client=client, aanbieder=noord, ingangsdatum=D(2017, 1, 2), nummer=5001)


def retourcodes(data: bytes) -> dict[str, list[str]]:
    """Retour codes per class of a retour message, by element path."""
    root = etree.fromstring(data)
    tree = root.getroottree()
    uit: dict[str, list[str]] = {}
    for rc in root.iter("{*}RetourCodes"):
        pad = tree.getpath(rc.getparent())
        uit[pad] = [c.text for c in rc]
    return uit


def assert_xsd_valid(data: bytes) -> str:
    berichttype, root = xml.lees(data)
    assert xml.valideer_xsd(berichttype, root) == [], xml.valideer_xsd(berichttype, root)
    return berichttype


def start_305(t, identificatie="S1", begindatum=dt.date(2017, 1, 9), **kw):
    return vb.bericht_305(
        agb=t.aanbieder.agb_code,
        gemeente=t.gemeente.code,
        identificatie=identificatie,
        bsn=kw.pop("bsn", t.client.bsn),
        dagtekening=kw.pop("dagtekening", max(D(2017, 2, 1), begindatum)),
        producten=[vb.start(kw.pop("nummer", t.nummer), begindatum, **kw)],
    )


def stop_307(t, identificatie, begindatum, einddatum, reden, status="1"):
    return vb.bericht_307(
        agb=t.aanbieder.agb_code,
        gemeente=t.gemeente.code,
        identificatie=identificatie,
        bsn=t.client.bsn,
        dagtekening=max(D(2017, 2, 1), begindatum),
        producten=[vb.stop(t.nummer, begindatum, einddatum, reden, status)],
    )


def een(data: bytes, naam: str = "bestand.xml"):
    (uitkomst,) = verwerk([(naam, data)])
    return uitkomst


def test_an_approved_start_records_the_levering_and_gets_a_header_only_retour(toewijzing):
    u = een(start_305(toewijzing))
    assert u.status == "goedgekeurd", u.problemen
    lev = Levering.objects.get(toewijzing=toewijzing)
    assert lev.begindatum == D(2017, 1, 9) and lev.bron == "iwmo"
    assert assert_xsd_valid(u.retour) == "WMO306"
    root = etree.fromstring(u.retour)
    assert root.find("{*}Client") is None
    assert retourcodes(u.retour) == {}
    assert b"\r\n" in u.retour and not u.retour.startswith(b"\xef\xbb\xbf")
    assert u.retour_naam.startswith("WMO306_98000001_S1_") and u.retour_naam.endswith(".xml")


@pytest.mark.parametrize(
    ("wijziging", "regel", "code"),
    [
        ({"nummer": 999}, "TR019", "9019"),
        ({"begindatum": D(2016, 12, 1)}, "TR019", "9019"),
        ({"Product": {"Categorie": "02", "Code": "ANDER"}}, "TR019", "9019"),
        ({"ToewijzingIngangsdatum": D(2017, 1, 3)}, "TR019", "9019"),
    ],
)
def test_a_start_that_breaks_a_rule_is_rejected_with_its_code(toewijzing, wijziging, regel, code):
    f.ProductFactory(categorie="02", code="ANDER")
    u = een(start_305(toewijzing, **wijziging))
    assert u.status == "afgekeurd"
    assert regel in {p.regel for p in u.problemen}
    assert_xsd_valid(u.retour)
    codes = retourcodes(u.retour)
    assert codes["/*/*[2]/*[5]/*"] == [code]  # StartProduct
    assert codes["/*/*[2]"] == ["0200"]  # Client itself is fine
    assert not Levering.objects.filter(toewijzing=toewijzing).exists()


def test_a_start_for_another_providers_toewijzing_is_refused(toewijzing, zuid):
    data = start_305(toewijzing).replace(b"98000001", b"98000002")
    u = een(data)
    assert [p.regel for p in u.problemen] == ["TR019"]


def test_only_one_current_start_per_product(toewijzing):
    assert een(start_305(toewijzing, "S1")).status == "goedgekeurd"
    u = een(start_305(toewijzing, "S2", begindatum=D(2017, 1, 10)))
    assert [p.regel for p in u.problemen] == ["TR326"]
    assert retourcodes(u.retour)["/*/*[2]/*[5]/*"] == ["9326"]


def test_a_stop_needs_a_start_with_the_same_keys_TR382_9069(toewijzing):
    u = een(stop_307(toewijzing, "E1", D(2017, 1, 9), D(2017, 3, 1), "19"))
    assert [p.regel for p in u.problemen] == ["TR382"]
    assert_xsd_valid(u.retour)
    assert retourcodes(u.retour)["/*/*[2]/*[5]/*"] == ["9069"]


def test_temporary_stop_then_restart_then_definitive_stop(toewijzing):
    assert een(start_305(toewijzing, "S1")).status == "goedgekeurd"
    assert een(stop_307(toewijzing, "E1", D(2017, 1, 9), D(2017, 2, 1), "20")).status == "goedgekeurd"
    # a second temporary stop on the same start: only a definitive stop or a new start may follow
    u = een(stop_307(toewijzing, "E2", D(2017, 1, 9), D(2017, 2, 5), "20"))
    assert [p.regel for p in u.problemen] == ["TR413"]
    assert retourcodes(u.retour)["/*/*[2]/*[5]/*"] == ["9413"]
    # a restart on or before the temporary stop date cannot be linked to the toewijzing
    u = een(start_305(toewijzing, "S2", begindatum=D(2017, 2, 1)))
    assert [p.regel for p in u.problemen] == ["TR019"]
    assert een(start_305(toewijzing, "S3", begindatum=D(2017, 3, 1))).status == "goedgekeurd"
    assert een(stop_307(toewijzing, "E3", D(2017, 3, 1), D(2017, 6, 30), "19")).status == "goedgekeurd"
    # a stop after the definitive stop
    u = een(stop_307(toewijzing, "E4", D(2017, 3, 1), D(2017, 7, 31), "19"))
    assert [p.regel for p in u.problemen] == ["TR415"]
    assert retourcodes(u.retour)["/*/*[2]/*[5]/*"] == ["9415"]
    leveringen = list(
        Levering.objects.filter(toewijzing=toewijzing).values_list(
            "begindatum", "einddatum", "reden_beeindiging"
        )
    )
    assert leveringen == [(D(2017, 1, 9), D(2017, 2, 1), "20"), (D(2017, 3, 1), D(2017, 6, 30), "19")]


def test_a_definitive_stop_after_a_temporary_stop_makes_it_definitive(toewijzing):
    een(start_305(toewijzing, "S1"))
    een(stop_307(toewijzing, "E1", D(2017, 1, 9), D(2017, 2, 1), "20"))
    u = een(stop_307(toewijzing, "E2", D(2017, 1, 9), D(2017, 2, 1), "02"))
    assert u.status == "goedgekeurd", u.problemen
    assert Levering.objects.get(toewijzing=toewijzing).reden_beeindiging == "02"


def test_status_3_deletes_a_start_and_a_new_1_corrects_it(toewijzing):
    een(start_305(toewijzing, "S1"))
    assert een(start_305(toewijzing, "S2", status="3")).status == "goedgekeurd"
    assert een(start_305(toewijzing, "S3", begindatum=D(2017, 1, 16))).status == "goedgekeurd"
    actief = Levering.objects.filter(toewijzing=toewijzing, verwijderd=False)
    assert list(actief.values_list("begindatum", flat=True)) == [D(2017, 1, 16)]


@pytest.mark.parametrize(
    ("wijziging", "regel", "code"),
    [
        ({"status": "2"}, "CS058", "0001"),
        ({"bsn": "123456789"}, "CS002", "0001"),
        ({"begindatum": D(2017, 2, 2), "dagtekening": D(2017, 2, 1)}, "TR134", "0001"),
        ({"Product": {"Categorie": "01", "Code": "ZZZZZ"}}, "TR381", "S329"),
    ],
)
def test_in_message_rules_give_a_header_only_retour(toewijzing, wijziging, regel, code):
    u = een(start_305(toewijzing, **wijziging))
    assert regel in {p.regel for p in u.problemen}
    assert_xsd_valid(u.retour)
    root = etree.fromstring(u.retour)
    assert root.find("{*}Client") is None
    assert [c.text for c in root.find("{*}Header/{*}RetourCodes")] == [code]
    assert root.findtext("{*}Header/{*}XsltVersie") == "1.0.0"
    assert not Levering.objects.filter(toewijzing=toewijzing).exists()


def test_a_dagtekening_in_the_future_is_8848(toewijzing):
    data = start_305(toewijzing).replace(b"Dagtekening>2017-02-01<", b"Dagtekening>2050-02-01<")
    u = een(data)
    assert [p.regel for p in u.problemen] == ["TR135"]
    assert retourcodes(u.retour) == {"/*/*": ["8848"]}


def test_an_unknown_gemeente_is_S300(toewijzing):
    u = een(start_305(toewijzing).replace(b"<Ontvanger>0361", b"<Ontvanger>0999"))
    assert retourcodes(u.retour) == {"/*/*": ["S300"]}


def test_the_same_file_twice_changes_nothing_and_gets_the_same_retour(toewijzing):
    data = start_305(toewijzing)
    eerste = een(data)
    tweede = een(data)
    assert tweede.status == "dubbel-goedgekeurd"
    assert tweede.retour == eerste.retour
    assert Levering.objects.filter(toewijzing=toewijzing).count() == 1
    assert Bericht.objects.filter(berichttype="WMO305").count() == 1
    # a different file under the same BerichtIdentificatie is refused: TR056
    anders = een(start_305(toewijzing, begindatum=D(2017, 1, 10)))
    assert [p.regel for p in anders.problemen] == ["TR056"]
    assert retourcodes(anders.retour) == {"/*/*": ["9056"]}
    assert Levering.objects.get(toewijzing=toewijzing).begindatum == D(2017, 1, 9)


def test_the_same_file_twice_in_one_batch(toewijzing):
    data = start_305(toewijzing)
    a, b = verwerk([("a.xml", data), ("b.xml", data)])
    assert a.status == "goedgekeurd" and b.status.startswith("dubbel")
    assert a.retour == b.retour
    assert Levering.objects.filter(toewijzing=toewijzing).count() == 1


def test_a_batch_that_fails_halfway_leaves_nothing_applied(toewijzing, monkeypatch):
    from resultaat.iwmo import intake

    def kapot(self):
        raise RuntimeError("schijf vol")

    monkeypatch.setattr(
        intake.Intake, "_schrijf", lambda self: (Levering.objects.bulk_create(self.nieuw), kapot(self))
    )
    with pytest.raises(RuntimeError):
        verwerk([("a.xml", start_305(toewijzing))])
    assert not Levering.objects.exists() or not Levering.objects.filter(toewijzing=toewijzing).exists()
    assert not Bericht.objects.exists()


@pytest.mark.parametrize(
    ("data", "regel"),
    [
        (b"dit is geen xml", "XML"),
        (b'<?xml version="1.0"?><Bericht xmlns="urn:iets-anders"/>', "NS"),
        (
            b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
            b'<Bericht xmlns="http://www.istandaarden.nl/iwmo/3_2/wmo305/schema">&e;</Bericht>',
            "XML",
        ),
        (b"<a>" + b" " * (25 * 1024 * 1024) + b"</a>", "OP179"),
        (b'<?xml version="1.0"?><Bericht xmlns="http://www.istandaarden.nl/iwmo/3_2/wmo305/schema"/>', "XSD"),
    ],
)
def test_bad_input_is_rejected_with_a_reason_and_nothing_applied(db, data, regel):
    u = een(data)
    assert u.status == "technisch"
    assert u.problemen[0].regel == regel and u.problemen[0].melding
    assert u.retour is None
    assert not Bericht.objects.exists()


def test_an_unknown_sender_is_rejected(toewijzing):
    u = een(start_305(toewijzing).replace(b"98000001", b"98999999"))
    assert u.status == "technisch"
    assert "Onbekende aanbieder" in u.problemen[0].melding
    assert not Bericht.objects.exists() and not Levering.objects.filter(toewijzing=toewijzing).exists()


def test_a_file_with_lf_line_endings_breaks_the_file_rules(toewijzing):
    u = een(start_305(toewijzing).replace(b"\r\n", b"\n"))
    assert u.status == "technisch" and u.problemen[0].regel == "OP192"


def test_a_start_on_a_toewijzing_the_provider_returned_is_refused_9019_and_nothing_is_paid(
    toewijzing, alkmaar, noord, bob
):
    """The portal and the API refuse a start on a returned toewijzing, and so does the intake (the rule
    of toewijzingen.regels): TR019, retour code 9019, WJ001 "Het regiebericht kan niet gekoppeld
    worden aan een toewijzing." No levering is stored, so nothing is due for it."""
    from resultaat.catalogus.models import Tarief
    from resultaat.toewijzingen import services as tw

    Tarief.objects.create(product=toewijzing.product, bedrag_cent=21600, geldig_van=D(2015, 1, 1))
    gestart = f.ToewijzingFactory(
        client=f.ClientFactory(gemeente=alkmaar),
        aanbieder=noord,
        product=toewijzing.product,
        ingangsdatum=D(2017, 1, 2),
        nummer=5002,
    )
    tw.retourneer_toewijzing(door=bob, toewijzing=toewijzing, reden="Geen capaciteit")
    u = een(start_305(toewijzing))
    assert u.status == "afgekeurd"
    assert [p.regel for p in u.problemen] == ["TR019"]
    assert "geretourneerd" in u.problemen[0].melding
    assert_xsd_valid(u.retour)
    codes = retourcodes(u.retour)
    assert codes["/*/*[2]/*[5]/*"] == ["9019"]  # StartProduct
    assert codes["/*/*[2]"] == ["0200"]  # Client itself is fine
    assert not Levering.objects.filter(toewijzing=toewijzing).exists()
    # The same month, the same provider: a toewijzing that was not returned starts and is paid.
    assert een(start_305(gestart, identificatie="S2"), "ander.xml").status == "goedgekeurd"
    januari = {"periode_begin": D(2017, 1, 1), "periode_eind": D(2017, 1, 31)}
    assert verschuldigd_cent(toewijzing=gestart, **januari) > 0
    assert verschuldigd_cent(toewijzing=toewijzing, **januari) == 0


def test_a_start_twice_in_one_message_is_TR101_and_changes_nothing(toewijzing):
    data = vb.bericht_305(
        agb=toewijzing.aanbieder.agb_code,
        gemeente=toewijzing.gemeente.code,
        identificatie="S1",
        bsn=toewijzing.client.bsn,
        producten=[vb.start(toewijzing.nummer, D(2017, 1, 9)), vb.start(toewijzing.nummer, D(2017, 1, 9))],
    )
    u = een(data)
    assert [p.regel for p in u.problemen] == ["TR101"]
    assert retourcodes(u.retour) == {"/*/*": ["0001"]}
    assert not Levering.objects.filter(toewijzing=toewijzing).exists()


def test_two_starts_of_one_product_in_one_message_are_TR326(toewijzing):
    data = vb.bericht_305(
        agb=toewijzing.aanbieder.agb_code,
        gemeente=toewijzing.gemeente.code,
        identificatie="S1",
        bsn=toewijzing.client.bsn,
        producten=[vb.start(toewijzing.nummer, D(2017, 1, 9)), vb.start(toewijzing.nummer, D(2017, 1, 16))],
    )
    u = een(data)
    assert [p.regel for p in u.problemen] == ["TR326"]
    assert not Levering.objects.filter(toewijzing=toewijzing).exists()


def test_a_birth_date_over_120_years_before_the_dagtekening_is_TR002(toewijzing):
    data = start_305(toewijzing).replace(b"Datum>1940-05-17<", b"Datum>1896-05-17<")
    u = een(data)
    assert [p.regel for p in u.problemen] == ["TR002"]
    assert retourcodes(u.retour) == {"/*/*": ["0001"]}
    data = start_305(toewijzing, "S2").replace(b"Datum>1940-05-17<", b"Datum>1897-05-17<")
    assert een(data).status == "goedgekeurd"


def test_the_same_start_again_is_TR074_9074(toewijzing):
    assert een(start_305(toewijzing, "S1")).status == "goedgekeurd"
    een(stop_307(toewijzing, "E1", D(2017, 1, 9), D(2017, 1, 20), "02"))
    u = een(start_305(toewijzing, "S2"))
    assert [p.regel for p in u.problemen] == ["TR074"]
    assert retourcodes(u.retour)["/*/*[2]/*[5]/*"] == ["9074"]
    u = een(stop_307(toewijzing, "E2", D(2017, 1, 9), D(2017, 1, 20), "02"))
    assert [p.regel for p in u.problemen] == ["TR074"]


def test_deleting_a_start_that_does_not_exist_is_TR063_and_one_with_a_stop_TR071(toewijzing):
    u = een(start_305(toewijzing, "S1", status="3"))
    assert [p.regel for p in u.problemen] == ["TR063"]
    assert retourcodes(u.retour)["/*/*[2]/*[5]/*"] == ["9063"]
    assert een(start_305(toewijzing, "S2")).status == "goedgekeurd"
    assert een(stop_307(toewijzing, "E1", D(2017, 1, 9), D(2017, 1, 20), "02")).status == "goedgekeurd"
    u = een(start_305(toewijzing, "S3", status="3"))
    assert [p.regel for p in u.problemen] == ["TR071"]
    assert retourcodes(u.retour)["/*/*[2]/*[5]/*"] == ["9071"]
    u = een(stop_307(toewijzing, "E2", D(2017, 1, 9), D(2017, 1, 21), "02", status="3"))
    assert [p.regel for p in u.problemen] == ["TR063"]
    assert een(stop_307(toewijzing, "E3", D(2017, 1, 9), D(2017, 1, 20), "02", status="3")).status == (
        "goedgekeurd"
    )


def test_a_stop_before_its_start_is_TR018(toewijzing):
    een(start_305(toewijzing, "S1"))
    u = een(stop_307(toewijzing, "E1", D(2017, 1, 9), D(2017, 1, 8), "02"))
    assert [p.regel for p in u.problemen] == ["TR018"]
    assert retourcodes(u.retour) == {"/*/*": ["0001"]}


def test_a_definitive_stop_before_the_temporary_stop_is_TR414(toewijzing):
    een(start_305(toewijzing, "S1"))
    een(stop_307(toewijzing, "E1", D(2017, 1, 9), D(2017, 2, 1), "20"))
    u = een(stop_307(toewijzing, "E2", D(2017, 1, 9), D(2017, 1, 20), "02"))
    assert [p.regel for p in u.problemen] == ["TR414"]
    assert retourcodes(u.retour)["/*/*[2]/*[5]/*"] == ["9414"]


def test_an_unknown_gemeente_is_TR378_and_a_wrong_xsd_version_IV034(toewijzing):
    u = een(start_305(toewijzing).replace(b"<Ontvanger>0361", b"<Ontvanger>0999"))
    assert [p.regel for p in u.problemen] == ["TR378"]
    data = start_305(toewijzing, "S2")
    versie = re.search(rb"<iwmo:BasisschemaXsdVersie>([^<]*)<", data).group(1)
    u = een(data.replace(versie, b"1.0.9", 1))
    assert [p.regel for p in u.problemen] == ["IV034"]
    assert retourcodes(u.retour) == {"/*/*": ["0001"]}


def test_a_start_after_a_definitive_stop_is_a_restart_the_standard_allows(toewijzing):
    """Processen Wmo: "Zowel zorg die tijdelijk- als definitief gestopt is, kan herstart worden, dan
    stuurt de aanbieder opnieuw een startbericht naar de gemeente" (TR326: only after a stop). A restart
    after a definitive stop (reden 19) within the toewijzing is approved with a header-only retour and
    paid from its start; one on or before the stop date cannot be linked to the toewijzing (TR019, 9019);
    one after the end of the toewijzing neither."""
    assert een(start_305(toewijzing, "S1")).status == "goedgekeurd"
    assert een(stop_307(toewijzing, "E1", D(2017, 1, 9), D(2017, 3, 31), "19")).status == "goedgekeurd"
    u = een(start_305(toewijzing, "S2", begindatum=D(2017, 3, 31)))
    assert [p.regel for p in u.problemen] == ["TR019"]
    assert retourcodes(u.retour)["/*/*[2]/*[5]/*"] == ["9019"]
    u = een(start_305(toewijzing, "S3", begindatum=D(2017, 5, 1)))
    assert u.status == "goedgekeurd", u.problemen
    assert retourcodes(u.retour) == {}
    assert list(
        Levering.objects.filter(toewijzing=toewijzing)
        .order_by("begindatum")
        .values_list("begindatum", "einddatum", "reden_beeindiging")
    ) == [(D(2017, 1, 9), D(2017, 3, 31), "19"), (D(2017, 5, 1), None, "")]
    # the days between the stop and the restart are not in care, the restart's are
    assert verschuldigd(toewijzing, (D(2017, 4, 1), D(2017, 5, 1))).dagen == 0
    assert verschuldigd(toewijzing, (D(2017, 5, 1), D(2017, 6, 1))).dagen == 31
    # a restart after the toewijzing ended cannot be linked to it
    een(stop_307(toewijzing, "E2", D(2017, 5, 1), D(2017, 6, 30), "19"))
    toewijzing.einddatum = D(2017, 7, 31)
    toewijzing.save(update_fields=["einddatum"])
    u = een(start_305(toewijzing, "S4", begindatum=D(2017, 8, 1)))
    assert [p.regel for p in u.problemen] == ["TR019"]

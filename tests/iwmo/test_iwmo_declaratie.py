"""323 declaratie -> 325 antwoord: per prestatie approved or rejected, totals in eurocent."""

from __future__ import annotations

import datetime as dt

import pytest
from lxml import etree

from resultaat.iwmo import voorbeeld as vb
from resultaat.iwmo import xml
from resultaat.iwmo.intake import verwerk
from resultaat.iwmo.models import DeclaratieRegel
from tests import factories as f

D = dt.date


@pytest.fixture(autouse=True)
def _iwmo_dir(settings, tmp_path):
    settings.IWMO_DIR = tmp_path / "iwmo"


@pytest.fixture
def toewijzing(alkmaar, noord):
    product = f.ProductFactory(code="HBH01")
    f.TariefFactory(product=product, bedrag_cent=21600)
    client = f.ClientFactory(gemeente=alkmaar)
    toewijzing = f.ToewijzingFactory(
        client=client,
        aanbieder=noord,
        product=product,
        nummer=7001,
        ingangsdatum=D(2017, 1, 2),
        einddatum=D(2017, 12, 31),
        volume=1,
    )
    f.LeveringFactory(toewijzing=toewijzing)
    return toewijzing


def prestatie(t, ref, begin=dt.date(2017, 3, 1), eind=dt.date(2017, 3, 31), bedrag=21600, **kw):
    return {
        "ProductReferentie": {"ReferentieNummer": ref, "VorigReferentieNummer": kw.get("vorig")},
        "ToewijzingNummer": kw.get("nummer", t.nummer),
        "ProductCategorie": t.product.categorie,
        "ProductCode": kw.get("code", t.product.code),
        "ProductPeriode": {"Begindatum": begin, "Einddatum": eind},
        "GeleverdVolume": kw.get("volume", 1),
        "Eenheid": "82",
        "ProductTarief": kw.get("tarief", bedrag),
        "IngediendBedrag": {"Bedrag": bedrag, "DebetCredit": kw.get("dc", "D")},
    }


def declaratie(t, prestaties, nummer="DEC1", identificatie="D1", totaal=None):
    totaal = (
        sum(
            p["IngediendBedrag"]["Bedrag"] * (-1 if p["IngediendBedrag"]["DebetCredit"] == "C" else 1)
            for p in prestaties
        )
        if totaal is None
        else totaal
    )
    return vb.uit_dict(
        "WMO323",
        {
            "Header": vb.header(
                "WMO323", t.aanbieder.agb_code, t.gemeente.code, identificatie, D(2017, 4, 3)
            ),
            "Declaratie": {
                "DeclaratieNummer": nummer,
                "DeclaratiePeriode": {"Begindatum": D(2017, 3, 1), "Einddatum": D(2017, 3, 31)},
                "DeclaratieDagtekening": D(2017, 4, 3),
                "TotaalIngediendBedrag": {
                    "TotaalBedrag": abs(totaal),
                    "DebetCredit": "C" if totaal < 0 else "D",
                },
                "Clienten": [{"Bsn": t.client.bsn, "Prestaties": prestaties}],
            },
        },
    )


def antwoord(data: bytes) -> etree._Element:
    berichttype, root = xml.lees(data)
    assert berichttype == "WMO325"
    assert xml.valideer_xsd(berichttype, root) == []
    return root


def test_a_fully_approved_declaratie_gets_8001_and_the_full_total(toewijzing):
    (u,) = verwerk([("d.xml", declaratie(toewijzing, [prestatie(toewijzing, "P1")]))])
    root = antwoord(u.retour)
    da = root.find("{*}DeclaratieAntwoord")
    assert [c.text for c in da.find("{*}RetourCodes")] == ["8001"]
    assert da.findtext("{*}TotaalToegekendBedrag/{*}TotaalBedrag") == "21600"
    assert da.find("{*}Clienten") is None
    assert root.findtext("{*}Header/{*}Afzender") == "0361"
    assert root.findtext("{*}Header/{*}DeclaratieIdentificatie/{*}Identificatie") == "D1"
    assert DeclaratieRegel.objects.get().toegekend


@pytest.mark.parametrize(
    ("wijziging", "regel", "code"),
    [
        ({"nummer": 9999}, "TR338", "9338"),
        ({"code": "ANDER"}, "TR340", "9340"),
        ({"begin": D(2016, 12, 1), "eind": D(2016, 12, 31)}, "TR307", "9307"),
        ({"tarief": 30000, "bedrag": 30000}, "TR418", "0611"),
        ({"volume": 2, "bedrag": 43200, "tarief": 21600}, "TR321", "9321"),
        ({"bedrag": 20000, "tarief": 21600}, "TR346", "9346"),
        ({"begin": D(2017, 3, 1), "eind": D(2017, 4, 30)}, "TR387", "9387"),
    ],
)
def test_a_rejected_prestatie_is_listed_with_its_code_and_left_out_of_the_total(
    toewijzing, wijziging, regel, code
):
    f.ProductFactory(code="ANDER")
    goed = prestatie(toewijzing, "P1")
    fout = prestatie(toewijzing, "P2", **wijziging)
    if regel != "TR387":
        goed["ProductPeriode"] = {"Begindatum": D(2017, 2, 1), "Einddatum": D(2017, 2, 28)}
    (u,) = verwerk([("d.xml", declaratie(toewijzing, [goed, fout]))])
    assert regel in {p.regel for p in u.problemen}
    root = antwoord(u.retour)
    da = root.find("{*}DeclaratieAntwoord")
    assert [c.text for c in da.find("{*}RetourCodes")] == ["0200"]
    afgewezen = da.findall("{*}Clienten/{*}Client/{*}Prestaties/{*}Prestatie")
    assert [p.findtext("{*}ProductReferentie/{*}ReferentieNummer") for p in afgewezen] == ["P2"]
    assert code in [c.text for c in afgewezen[0].find("{*}RetourCodes")]
    assert da.findtext("{*}TotaalToegekendBedrag/{*}TotaalBedrag") == "21600"
    ingediend = 21600 + fout["IngediendBedrag"]["Bedrag"]
    assert da.findtext("{*}TotaalIngediendBedrag/{*}TotaalBedrag") == str(ingediend)


def test_a_credit_line_needs_an_approved_debet_line(toewijzing):
    verwerk([("d.xml", declaratie(toewijzing, [prestatie(toewijzing, "P1")]))])
    credit = prestatie(toewijzing, "P1C", vorig="P1", dc="C")
    (u,) = verwerk([("c.xml", declaratie(toewijzing, [credit], nummer="DEC2", identificatie="D2"))])
    assert u.problemen == []
    onbekend = prestatie(toewijzing, "P9C", vorig="ONBEKEND", dc="C")
    (u,) = verwerk([("c2.xml", declaratie(toewijzing, [onbekend], nummer="DEC3", identificatie="D3"))])
    assert [p.regel for p in u.problemen] == ["IV085"]
    antwoord(u.retour)


def test_a_declaratienummer_used_twice_is_9333_and_a_reused_referentie_9319(toewijzing):
    verwerk([("d.xml", declaratie(toewijzing, [prestatie(toewijzing, "P1")]))])
    (u,) = verwerk([("d2.xml", declaratie(toewijzing, [prestatie(toewijzing, "P2")], identificatie="D2"))])
    root = antwoord(u.retour)
    assert [c.text for c in root.find("{*}Header/{*}RetourCodes")] == ["9333"]
    (u,) = verwerk(
        [("d3.xml", declaratie(toewijzing, [prestatie(toewijzing, "P1")], nummer="DEC9", identificatie="D3"))]
    )
    assert [p.regel for p in u.problemen] == ["TR314"]


@pytest.mark.parametrize(
    ("kwargs", "regel"),
    [({"totaal": 100}, "TR343")],
)
def test_in_message_rules_of_the_declaratie(toewijzing, kwargs, regel):
    (u,) = verwerk([("d.xml", declaratie(toewijzing, [prestatie(toewijzing, "P1")], **kwargs))])
    assert [p.regel for p in u.problemen] == [regel]
    root = antwoord(u.retour)
    assert [c.text for c in root.find("{*}Header/{*}RetourCodes")] == ["0001"]
    assert root.find("{*}DeclaratieAntwoord") is None
    assert not DeclaratieRegel.objects.exists()


def test_a_declaratie_period_that_is_not_a_calendar_month_is_CS340(toewijzing):
    data = declaratie(toewijzing, [prestatie(toewijzing, "P1")]).replace(
        b"Einddatum>2017-03-31<", b"Einddatum>2017-03-30<", 1
    )
    (u,) = verwerk([("d.xml", data)])
    assert "CS340" in {p.regel for p in u.problemen}


def test_a_month_without_delivery_is_not_due_so_the_claim_is_rejected(toewijzing):
    """The check asks the period settlement: a stopped delivery means nothing is due for that month."""
    from resultaat.toewijzingen.models import Levering

    Levering.objects.filter(toewijzing=toewijzing).update(einddatum=D(2017, 1, 31), reden_beeindiging="19")
    (u,) = verwerk([("d.xml", declaratie(toewijzing, [prestatie(toewijzing, "P1")]))])
    assert [p.regel for p in u.problemen] == ["TR418"]
    root = antwoord(u.retour)
    assert root.findtext("{*}DeclaratieAntwoord/{*}TotaalToegekendBedrag/{*}TotaalBedrag") == "0"

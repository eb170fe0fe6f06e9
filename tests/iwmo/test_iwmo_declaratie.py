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
    return vb.prestatie(
        referentie=ref,
        vorig=kw.get("vorig"),
        nummer=kw.get("nummer", t.nummer),
        categorie=t.product.categorie,
        code=kw.get("code", t.product.code),
        begin=begin,
        eind=eind,
        volume=kw.get("volume", 1),
        eenheid="82",
        tarief=kw.get("tarief", bedrag),
        bedrag=bedrag,
        debet_credit=kw.get("dc", "D"),
    )


def declaratie(t, prestaties, nummer="DEC1", identificatie="D1", totaal=None):
    return vb.bericht_323(
        agb=t.aanbieder.agb_code,
        gemeente=t.gemeente.code,
        identificatie=identificatie,
        nummer=nummer,
        begin=D(2017, 3, 1),
        eind=D(2017, 3, 31),
        dagtekening=D(2017, 4, 3),
        clienten=[(t.client.bsn, prestaties)],
        totaal=totaal,
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
        ({"begin": D(2017, 3, 2)}, "TR387", "9387"),
        ({"eind": D(2017, 3, 30)}, "TR388", "9388"),
        ({"begin": D(2017, 4, 1), "eind": D(2017, 4, 2)}, "TR319", "9319"),
    ],
)
def test_a_rejected_prestatie_is_listed_with_its_code_and_left_out_of_the_total(
    toewijzing, wijziging, regel, code
):
    f.ProductFactory(code="ANDER")
    goed = prestatie(toewijzing, "P1")
    fout = prestatie(toewijzing, "P2", **wijziging)
    if regel not in ("TR387", "TR388", "TR319"):
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
    assert [p.regel for p in u.problemen] == ["TR323"]
    assert _codes(antwoord(u.retour)) == {"P9C": ["8017"]}


def test_a_declaratienummer_used_twice_is_9333_and_a_reused_referentie_8021(toewijzing):
    verwerk([("d.xml", declaratie(toewijzing, [prestatie(toewijzing, "P1")]))])
    (u,) = verwerk([("d2.xml", declaratie(toewijzing, [prestatie(toewijzing, "P2")], identificatie="D2"))])
    root = antwoord(u.retour)
    assert [c.text for c in root.find("{*}Header/{*}RetourCodes")] == ["9333"]
    (u,) = verwerk(
        [
            (
                "d3.xml",
                declaratie(
                    toewijzing,
                    [prestatie(toewijzing, "P1", begin=D(2017, 2, 1), eind=D(2017, 2, 28))],
                    nummer="DEC9",
                    identificatie="D3",
                ),
            )
        ]
    )
    assert [p.regel for p in u.problemen] == ["TR314"]
    assert _codes(antwoord(u.retour)) == {"P1": ["8021"]}


@pytest.mark.parametrize(
    ("kwargs", "regel"),
    [({"totaal": 100}, "TR358")],
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


def _codes(root) -> dict[str, list[str]]:
    """Retour codes per rejected prestatie (ReferentieNummer) of a 325."""
    return {
        p.findtext("{*}ProductReferentie/{*}ReferentieNummer"): [c.text for c in p.find("{*}RetourCodes")]
        for p in root.iterfind(".//{*}Prestatie")
    }


def test_a_claim_without_a_start_or_after_a_stop_is_approved_OP364(toewijzing):
    """Start and stop messages may not be a condition for a claim: no 305 or a stopped delivery is no
    reason to refuse it, and 0611 means only that the tariff is not the contract tariff."""
    from resultaat.toewijzingen.models import Levering

    Levering.objects.filter(toewijzing=toewijzing).update(einddatum=D(2017, 1, 31), reden_beeindiging="19")
    (u,) = verwerk([("d.xml", declaratie(toewijzing, [prestatie(toewijzing, "P1")]))])
    assert u.problemen == []
    Levering.objects.filter(toewijzing=toewijzing).delete()
    p2 = prestatie(toewijzing, "P2", begin=D(2017, 2, 1), eind=D(2017, 2, 28))
    (u,) = verwerk([("d2.xml", declaratie(toewijzing, [p2], nummer="DEC2", identificatie="D2"))])
    assert u.problemen == []
    root = antwoord(u.retour)
    assert [c.text for c in root.find("{*}DeclaratieAntwoord/{*}RetourCodes")] == ["8001"]


def test_a_second_claim_for_an_approved_month_is_9389_until_it_is_credited(toewijzing):
    (u,) = verwerk([("d.xml", declaratie(toewijzing, [prestatie(toewijzing, "P1")]))])
    assert u.problemen == []
    (u,) = verwerk([("d2.xml", declaratie(toewijzing, [prestatie(toewijzing, "P2")], "DEC2", "D2"))])
    assert [p.regel for p in u.problemen] == ["TR389"]
    root = antwoord(u.retour)
    assert _codes(root) == {"P2": ["9389"]}
    assert root.findtext("{*}DeclaratieAntwoord/{*}TotaalToegekendBedrag/{*}TotaalBedrag") == "0"
    # The credit of P1 is approved; then a new claim for March is, and a second credit of P1 is 9390.
    credit = prestatie(toewijzing, "P1C", vorig="P1", dc="C")
    (u,) = verwerk([("d3.xml", declaratie(toewijzing, [credit], "DEC3", "D3"))])
    assert u.problemen == []
    (u,) = verwerk([("d4.xml", declaratie(toewijzing, [prestatie(toewijzing, "P3")], "DEC4", "D4"))])
    assert u.problemen == []
    credit2 = prestatie(toewijzing, "P1C2", vorig="P1", dc="C")
    (u,) = verwerk([("d5.xml", declaratie(toewijzing, [credit2], "DEC5", "D5"))])
    assert [p.regel for p in u.problemen] == ["TR390"]
    assert _codes(antwoord(u.retour)) == {"P1C2": ["9390"]}
    goedgekeurd = DeclaratieRegel.objects.filter(toegekend=True)
    assert sum(goedgekeurd.values_list("bedrag_cent", flat=True)) == 21600  # paid once for March


def test_two_claims_for_one_month_in_one_batch_are_paid_once(toewijzing):
    uitkomsten = verwerk(
        [
            ("d.xml", declaratie(toewijzing, [prestatie(toewijzing, "P1")])),
            ("d2.xml", declaratie(toewijzing, [prestatie(toewijzing, "P2")], "DEC2", "D2")),
        ]
    )
    assert [[p.regel for p in u.problemen] for u in uitkomsten] == [[], ["TR389"]]
    assert DeclaratieRegel.objects.filter(toegekend=True).count() == 1


@pytest.fixture
def uren(alkmaar, noord):
    product = f.ProductFactory(code="BG01", categorie="02", eenheid="04", frequentie="2", volume=3)
    f.TariefFactory(product=product, bedrag_cent=6000)
    return f.ToewijzingFactory(
        client=f.ClientFactory(gemeente=alkmaar),
        aanbieder=noord,
        product=product,
        nummer=7002,
        ingangsdatum=D(2017, 1, 2),
        einddatum=D(2017, 12, 31),
        volume=3,
        eenheid="04",
        frequentie="2",
    )


def _uur(t, ref, volume, eenheid="04", tarief=6000, **kw):
    p = prestatie(t, ref, bedrag=volume * tarief, volume=volume, tarief=tarief, **kw)
    p["Eenheid"] = eenheid
    return p


def test_an_hour_based_claim_at_the_contract_tariff_is_approved(uren):
    """3 hours a week over March (5 weeks begun) allow 15 hours; 12 hours at 60 euro is approved."""
    (u,) = verwerk([("d.xml", declaratie(uren, [_uur(uren, "U1", 12)]))])
    assert u.problemen == []
    root = antwoord(u.retour)
    assert [c.text for c in root.find("{*}DeclaratieAntwoord/{*}RetourCodes")] == ["8001"]
    # in minutes at the tariff per minute (one euro): also the contract tariff
    feb = _uur(uren, "U2", 600, eenheid="01", tarief=100, begin=D(2017, 2, 1), eind=D(2017, 2, 28))
    (u,) = verwerk([("d2.xml", declaratie(uren, [feb], "DEC2", "D2"))])
    assert u.problemen == []
    # a different tariff is 0611, more hours than allowed 9321
    jan = _uur(uren, "U3", 12, tarief=7000, begin=D(2017, 1, 2), eind=D(2017, 1, 31))
    (u,) = verwerk([("d3.xml", declaratie(uren, [jan], "DEC3", "D3"))])
    assert _codes(antwoord(u.retour)) == {"U3": ["0611"]}
    jan = _uur(uren, "U4", 16, begin=D(2017, 1, 2), eind=D(2017, 1, 31))
    (u,) = verwerk([("d4.xml", declaratie(uren, [jan], "DEC4", "D4"))])
    assert _codes(antwoord(u.retour)) == {"U4": ["9321"]}


def test_volumes_together_over_the_toewijzing_are_9322(toewijzing):
    """Volume 2 over the whole toewijzing: January and February are approved, March is one too many."""
    toewijzing.frequentie, toewijzing.volume = "6", 2
    toewijzing.save()
    for i, maand in enumerate((1, 2), 1):
        eind = D(2017, maand + 1, 1) - dt.timedelta(days=1)
        begin = D(2017, maand, 2 if maand == 1 else 1)
        p = prestatie(toewijzing, f"P{i}", begin=begin, eind=eind)
        (u,) = verwerk([(f"d{i}.xml", declaratie(toewijzing, [p], f"DEC{i}", f"D{i}"))])
        assert u.problemen == []
    (u,) = verwerk([("d3.xml", declaratie(toewijzing, [prestatie(toewijzing, "P3")], "DEC3", "D3"))])
    assert [p.regel for p in u.problemen] == ["TR322"]
    assert _codes(antwoord(u.retour)) == {"P3": ["9322"]}


@pytest.mark.parametrize("regel", ["TR315", "TR316", "TR416", "CS337", "TR137"])
def test_in_message_rules_of_the_prestaties_give_0001(toewijzing, regel):
    verwerk(
        [
            (
                "d.xml",
                declaratie(
                    toewijzing, [prestatie(toewijzing, "P0", begin=D(2017, 2, 1), eind=D(2017, 2, 28))]
                ),
            )
        ]
    )
    a = prestatie(toewijzing, "P1")
    b = {
        "TR315": prestatie(toewijzing, "P2", vorig="P0", dc="C", begin=D(2017, 2, 1), eind=D(2017, 2, 28)),
        "TR316": prestatie(toewijzing, "P2", vorig="P1", dc="C"),
        "TR416": prestatie(toewijzing, "P2"),
        "CS337": prestatie(toewijzing, "P2", begin=D(2017, 2, 1), eind=D(2017, 3, 31)),
        "TR137": prestatie(toewijzing, "P2", begin=D(2017, 4, 1), eind=D(2017, 4, 30)),
    }[regel]
    if regel == "TR315":
        a = prestatie(toewijzing, "P3", vorig="P0", dc="C", begin=D(2017, 2, 1), eind=D(2017, 2, 28))
    (u,) = verwerk([("d2.xml", declaratie(toewijzing, [a, b], "DEC2", "D2"))])
    assert regel in {p.regel for p in u.problemen}
    root = antwoord(u.retour)
    assert [c.text for c in root.find("{*}Header/{*}RetourCodes")] == ["0001"]
    assert DeclaratieRegel.objects.count() == 1


@pytest.mark.parametrize(
    ("regel", "code"),
    [("TR308", "9308"), ("TR339", "9339"), ("TR341", "9341"), ("TR384", "9384"), ("TR369", "9369")],
)
def test_rules_against_the_toewijzing_with_their_official_code(toewijzing, regel, code):
    p = prestatie(toewijzing, "P1")
    if regel == "TR308":
        toewijzing.einddatum = D(2017, 3, 15)
    elif regel == "TR339":
        f.ProductFactory(categorie="02", code="HBH01")
        p["ProductCategorie"] = "02"
    elif regel == "TR341":
        p["Eenheid"] = "01"
    elif regel == "TR384":
        toewijzing.reden_wijziging = "13"
    elif regel == "TR369":
        toewijzing.eenheid, toewijzing.budget_cent, toewijzing.volume = "83", 30000, None
        p = prestatie(toewijzing, "P1", bedrag=40000, volume=40000)
        p["Eenheid"] = "83"
        del p["ProductTarief"]
    toewijzing.save()
    (u,) = verwerk([("d.xml", declaratie(toewijzing, [p]))])
    assert [x.regel for x in u.problemen] == [regel]
    assert _codes(antwoord(u.retour)) == {"P1": [code]}


def test_a_budget_claim_within_the_budget_is_approved(toewijzing):
    toewijzing.eenheid, toewijzing.budget_cent, toewijzing.volume = "83", 30000, None
    toewijzing.save()
    p = prestatie(toewijzing, "P1", bedrag=20000, volume=20000)
    p["Eenheid"] = "83"
    del p["ProductTarief"]
    (u,) = verwerk([("d.xml", declaratie(toewijzing, [p]))])
    assert u.problemen == []


def test_unit_83_needs_the_volume_equal_to_the_amount_CS339(toewijzing):
    toewijzing.eenheid = "83"
    toewijzing.save()
    p = prestatie(toewijzing, "P1", bedrag=20000, volume=19000)
    p["Eenheid"] = "83"
    del p["ProductTarief"]
    (u,) = verwerk([("d.xml", declaratie(toewijzing, [p]))])
    assert [x.regel for x in u.problemen] == ["CS339"]
    assert [c.text for c in antwoord(u.retour).find("{*}Header/{*}RetourCodes")] == ["0001"]


def test_a_declaratienummer_used_before_is_TR333(toewijzing):
    verwerk([("d.xml", declaratie(toewijzing, [prestatie(toewijzing, "P1")]))])
    (u,) = verwerk([("d2.xml", declaratie(toewijzing, [prestatie(toewijzing, "P2")], identificatie="D2"))])
    assert [x.regel for x in u.problemen] == ["TR333"]


@pytest.mark.parametrize("regel", ["CD060", "CD087", "CS325", "TR335"])
def test_in_message_rules_of_a_prestatie_CD060_CD087_CS325_TR335(toewijzing, regel):
    p = prestatie(toewijzing, "P1")
    if regel == "CD060":
        p["ProductReferentie"]["VorigReferentieNummer"] = "P0"
    elif regel == "CD087":
        del p["ProductTarief"]
    elif regel == "CS325":
        p["IngediendBedrag"] = {"Bedrag": 0, "DebetCredit": "C"}
        p["ProductReferentie"]["VorigReferentieNummer"] = "P0"
        p["ProductTarief"] = 0
    elif regel == "TR335":
        p["ProductPeriode"] = {"Begindatum": D(2012, 3, 1), "Einddatum": D(2012, 3, 31)}
    (u,) = verwerk([("d.xml", declaratie(toewijzing, [p]))])
    assert regel in {x.regel for x in u.problemen}
    assert [c.text for c in antwoord(u.retour).find("{*}Header/{*}RetourCodes")] == ["0001"]
    assert not DeclaratieRegel.objects.exists()


def _claim(t, ref, maand, volume, n):
    """A claim of ``volume`` units for ``maand`` of 2017 (within the toewijzing), as message ``n``."""
    begin = max(D(2017, maand, 1), t.ingangsdatum)
    eind = min(D(2017, maand + 1, 1) - dt.timedelta(days=1), t.einddatum)
    p = prestatie(t, ref, begin=begin, eind=eind, volume=volume, bedrag=volume * 21600, tarief=21600)
    (u,) = verwerk([(f"d{n}.xml", declaratie(t, [p], f"DEC{n}", f"D{n}"))])
    return u


@pytest.mark.parametrize(
    ("frequentie", "eerst", "daarna", "claims", "maart", "past"),
    [
        # Per day, 2 a day in January, then 1: over 2 January-31 March (89 days) at most 89; after
        # 60 + 28, March has room for 1.
        ("1", 2, 1, [(1, 60), (2, 28)], 2, 1),
        # Per month, 2 a month in January, then 1: over three calendar months at most 3; after 2 + 1,
        # March has no room left.
        ("4", 2, 1, [(1, 2), (2, 1)], 1, None),
    ],
)
def test_tr322_sums_the_volumes_against_the_toewijzingsperiode_per_frequency(
    toewijzing, frequentie, eerst, daarna, claims, maart, past
):
    """TR322: the sum of every approved volume may not exceed the Omvang over the loopduur of the
    toewijzing, computed per its Frequentie. The gemeente lowers the Omvang after January (OP033x1):
    February still fits, March brings the sum over the maximum and is 9322 (each claim on its own
    fits its month: TR321)."""
    toewijzing.frequentie, toewijzing.volume, toewijzing.einddatum = frequentie, eerst, D(2017, 3, 31)
    toewijzing.save()
    for n, (maand, volume) in enumerate(claims, 1):
        u = _claim(toewijzing, f"P{n}", maand, volume, n)
        assert u.problemen == [], (maand, u.problemen)
        toewijzing.volume = daarna
        toewijzing.save()
    u = _claim(toewijzing, "P9", 3, maart, 9)
    assert [p.regel for p in u.problemen] == ["TR322"]
    assert _codes(antwoord(u.retour)) == {"P9": ["9322"]}
    if past is not None:
        assert _claim(toewijzing, "P10", 3, past, 10).problemen == []


def test_tr322_per_week_counts_the_calendar_weeks_of_the_toewijzing(toewijzing):
    """Per week: a month of huishoudelijke hulp may hold up to 6 weekly volumes (TR321, IV077), but
    over the toewijzing the sum stays within its calendar weeks (IV077: counted by week number).
    2 January (Monday) to 31 March 2017 is 13 weeks, 13 units at 1 a week: January 5 and February 4
    are approved, March 5 would make 14 and is 9322; March 4 fits."""
    toewijzing.frequentie, toewijzing.volume, toewijzing.einddatum = "2", 1, D(2017, 3, 31)
    toewijzing.save()
    assert _claim(toewijzing, "P1", 1, 5, 1).problemen == []
    assert _claim(toewijzing, "P2", 2, 4, 2).problemen == []
    u = _claim(toewijzing, "P3", 3, 5, 3)
    assert [p.regel for p in u.problemen] == ["TR322"]
    assert _codes(antwoord(u.retour)) == {"P3": ["9322"]}
    assert _claim(toewijzing, "P4", 3, 4, 4).problemen == []


def test_tr322_without_an_end_counts_the_loopduur_up_to_the_last_claimed_day(toewijzing):
    """A toewijzing without an einddatum: the loopduur so far, up to the last day claimed. 2 a month
    in January, then 1: after January (2) and February (1) the sum over two months (at most 2) is
    already over, so February is 9322; a credit of January frees the room again."""
    toewijzing.frequentie, toewijzing.volume, toewijzing.einddatum = "4", 2, None
    toewijzing.save()
    p1 = prestatie(toewijzing, "P1", begin=D(2017, 1, 2), eind=D(2017, 1, 31), volume=2, bedrag=43200)
    p1["ProductTarief"] = 21600
    (u,) = verwerk([("d1.xml", declaratie(toewijzing, [p1], "DEC1", "D1"))])
    assert u.problemen == []
    toewijzing.volume = 1
    toewijzing.save()
    p2 = prestatie(toewijzing, "P2", begin=D(2017, 2, 1), eind=D(2017, 2, 28))
    (u,) = verwerk([("d2.xml", declaratie(toewijzing, [p2], "DEC2", "D2"))])
    assert [p.regel for p in u.problemen] == ["TR322"]
    credit = prestatie(
        toewijzing, "P3", begin=D(2017, 1, 2), eind=D(2017, 1, 31), volume=2, bedrag=43200, dc="C", vorig="P1"
    )
    credit["ProductTarief"] = 21600
    p4 = prestatie(toewijzing, "P4", begin=D(2017, 2, 1), eind=D(2017, 2, 28))
    (u,) = verwerk([("d3.xml", declaratie(toewijzing, [credit, p4], "DEC3", "D3"))])
    assert u.problemen == []

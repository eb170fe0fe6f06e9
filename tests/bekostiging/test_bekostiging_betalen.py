"""Payable runs: files per provider and for the bank, and two runs at the same time on PostgreSQL."""

from __future__ import annotations

import csv as csv_module
import io
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections
from lxml import etree
from openpyxl import load_workbook
from pypdf import PdfReader

from resultaat.bekostiging import exports
from resultaat.bekostiging import services as bk
from resultaat.bekostiging.models import Afrekenregel, Afrekenrun, Betaalbatch, BetaalInstelling
from resultaat.core.audit.models import Actie, AuditEvent
from resultaat.organisaties import services as org
from tests.bekostiging.helpers import D, maak_wereld


@pytest.fixture
def goedgekeurd(db):
    w = maak_wereld()
    w.toewijzing(D(2017, 1, 1))
    w.toewijzing(D(2017, 2, 12), aanbieder=w.zuid)
    run = bk.afrekenen(gemeente=w.gemeente, periode=bk.zoek_periode(w.gemeente, "2017-P02"), door=w.fenna).run
    BetaalInstelling.objects.create(
        gemeente=w.gemeente, naam="Gemeente Alkmaar", iban="NL91ABNA0417164300", bic="ABNANL2A"
    )
    return w, run


def test_no_files_before_approval(goedgekeurd):
    _w, run = goedgekeurd
    with pytest.raises(ValidationError, match="goedkeuring"):
        exports.financieel_csv(run)


def test_sepa_credit_transfer_pays_each_provider_its_batch(goedgekeurd):
    w, run = goedgekeurd
    run = bk.keur_goed(run=run, door=w.frank)
    xml = exports.sepa_xml(run)
    doc = etree.fromstring(xml)
    ns = {"p": "urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"}
    bedragen = {
        tx.findtext("p:Cdtr/p:Nm", namespaces=ns): tx.findtext("p:Amt/p:InstdAmt", namespaces=ns)
        for tx in doc.iterfind(".//p:CdtTrfTxInf", ns)
    }
    assert bedragen == {"Thuiszorg Noord": "216.00", "Zorg Zuid": "108.00"}
    assert doc.findtext(".//p:GrpHdr/p:CtrlSum", namespaces=ns) == "324.00"
    assert doc.findtext(".//p:Dbtr/p:Nm", namespaces=ns) == "Gemeente Alkmaar"


def test_specifications_and_csv_show_what_each_provider_gets(goedgekeurd):
    w, run = goedgekeurd
    run = bk.keur_goed(run=run, door=w.frank)
    zuid = Betaalbatch.objects.get(run=run, aanbieder=w.zuid)
    ws = load_workbook(io.BytesIO(exports.specificatie_xlsx(zuid))).active
    rijen = list(ws.iter_rows(values_only=True))
    assert rijen[3][0] == "periode"
    assert rijen[4][0] == "2017-P02" and rijen[4][11] == 108.0 and "14 van 28 dagen" in rijen[4][12]
    assert rijen[-1][0] == "Totaal" and rijen[-1][11] == 108.0
    # Amounts and dates stay numbers and dates, shown the Dutch way in a spreadsheet.
    assert ws["L5"].number_format == "€ #,##0.00" and ws["K5"].number_format == "€ #,##0.00"
    assert ws["D5"].number_format == "dd-mm-yyyy" and ws["D5"].is_date
    assert ws[f"L{ws.max_row}"].number_format == "€ #,##0.00"
    tekst = PdfReader(io.BytesIO(exports.specificatie_pdf(zuid))).pages[0].extract_text()
    assert "Zorg Zuid" in tekst and "€ 108,00" in tekst and "Thuiszorg Noord" not in tekst
    csv = exports.financieel_csv(run)
    assert "98000001;Thuiszorg Noord;NL" in csv and ";216,00" in csv and ";108,00" in csv


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="concurrent writers: PostgreSQL only (SQLite serialises)"
)
@pytest.mark.django_db(transaction=True)
def test_two_runs_of_the_same_period_at_once_never_pay_twice():
    w = maak_wereld()
    for _ in range(20):
        w.toewijzing(D(2017, 1, 1))
    periode = bk.zoek_periode(w.gemeente, "2017-P02")
    start = threading.Barrier(2)
    resultaten, fouten = [], []

    def run():
        try:
            start.wait()
            resultaten.append(bk.afrekenen(gemeente=w.gemeente, periode=periode, door=w.fenna))
        except Exception as e:  # pragma: no cover - reported below
            fouten.append(e)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not fouten
    assert sorted(r.regels for r in resultaten) == [0, 20]
    assert Afrekenrun.objects.count() == 1
    assert Afrekenregel.objects.count() == 20
    assert sum(Afrekenregel.objects.values_list("bedrag_cent", flat=True)) == 20 * 21600


def test_run_and_approval_are_named_events_in_the_trail(goedgekeurd):
    w, run = goedgekeurd
    bk.keur_goed(run=run, door=w.frank)
    events = AuditEvent.objects.filter(actie=Actie.GEBEURTENIS, object_id=str(run.pk)).order_by("id")
    gemaakt, goedgekeurd_ = events
    assert gemaakt.gebeurtenis == "afrekenrun.gemaakt" and gemaakt.actor_naam == w.fenna.username
    assert gemaakt.tekst == f"Afrekenrun 2017-P02 van {w.gemeente} gemaakt: 2 regels, € 324,00"
    assert (
        goedgekeurd_.gebeurtenis == "afrekenrun.goedgekeurd" and goedgekeurd_.actor_naam == w.frank.username
    )
    assert "goedgekeurd (2 regels, € 324,00); gemaakt door " + w.fenna.username in goedgekeurd_.tekst


def test_a_refused_approval_leaves_no_event(goedgekeurd):
    w, run = goedgekeurd
    with pytest.raises(ValidationError, match="iemand anders"):
        bk.keur_goed(run=run, door=w.fenna)
    assert not AuditEvent.objects.filter(gebeurtenis="afrekenrun.goedgekeurd").exists()


def _sepa_rekeningen(xml: bytes) -> dict[str, str]:
    ns = {"p": "urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"}
    return {
        tx.findtext("p:Cdtr/p:Nm", namespaces=ns): tx.findtext("p:CdtrAcct/p:Id/p:IBAN", namespaces=ns)
        for tx in etree.fromstring(xml).iterfind(".//p:CdtTrfTxInf", ns)
    }


def test_an_iban_changed_after_approval_does_not_redirect_the_payment(goedgekeurd):
    w, run = goedgekeurd
    goedgekeurd_iban = w.noord.iban
    run = bk.keur_goed(run=run, door=w.frank)
    batch = Betaalbatch.objects.get(run=run, aanbieder=w.noord)
    assert (batch.iban, batch.rekeninghouder) == (goedgekeurd_iban, "Thuiszorg Noord")

    # The provider's bank details change after the four-eyes approval (proposed and confirmed).
    org.stel_iban_voor(aanbieder=w.noord, iban="NL02ABNA0123456789", door=w.fenna)
    assert org.bevestig_iban(aanbieder=w.noord, door=w.frank).iban == "NL02ABNA0123456789"

    assert _sepa_rekeningen(exports.sepa_xml(run))["Thuiszorg Noord"] == goedgekeurd_iban
    csv = exports.financieel_csv(run)
    assert f";Thuiszorg Noord;{goedgekeurd_iban};" in csv and "NL02ABNA0123456789" not in csv
    batch = Betaalbatch.objects.get(pk=batch.pk)
    tekst = PdfReader(io.BytesIO(exports.specificatie_pdf(batch))).pages[0].extract_text()
    assert goedgekeurd_iban in tekst and "NL02ABNA0123456789" not in tekst
    ws = load_workbook(io.BytesIO(exports.specificatie_xlsx(batch))).active
    assert f"IBAN {goedgekeurd_iban}" in ws["A2"].value


FORMULE = '=HYPERLINK("http://x","klik")'


def test_a_formula_in_a_name_stays_text_in_the_xlsx_and_the_csv(goedgekeurd):
    """P9: a client or provider named like a formula is no live cell in either file."""
    w, run = goedgekeurd
    w.zuid.naam = FORMULE
    w.zuid.save()
    run = bk.keur_goed(run=run, door=w.frank)
    zuid = Betaalbatch.objects.get(run=run, aanbieder=w.zuid)
    regel = Afrekenregel.objects.filter(run=run, aanbieder=w.zuid).select_related("client").first()
    client = regel.client
    client.voorletters, client.tussenvoegsel, client.achternaam = "", "", "@SUM(1+1)"
    client.save()

    wb = load_workbook(io.BytesIO(exports.specificatie_xlsx(zuid)))
    cellen = [c for rij in wb.active.iter_rows() for c in rij if c.value is not None]
    assert all(c.data_type != "f" for c in cellen)
    teksten = [c.value for c in cellen if isinstance(c.value, str)]
    assert f"'{FORMULE} (AGB {w.zuid.agb_code}), IBAN {zuid.iban}, kenmerk {zuid.kenmerk}" in teksten
    assert "'@SUM(1+1)" in teksten
    assert not any(t.startswith(("=", "+", "@", "\t", "\r")) for t in teksten)

    rijen = list(csv_module.reader(io.StringIO(exports.financieel_csv(run)), delimiter=";"))
    namen = [rij[4] for rij in rijen[1:]]
    assert f"'{FORMULE}" in namen
    assert all(not cel.startswith(("=", "+", "@", "\t", "\r")) for rij in rijen for cel in rij)


def test_the_sepa_file_names_the_gemeente_as_initiating_party_with_its_id_and_validates(goedgekeurd):
    """The bank identifies the sender by InitgPty/Id/OrgId/Othr/Id (pain.001.001.03): the id entered
    in beheer is in the file, after the name, and the file still validates against the XSD."""
    from sepaxml.validation import try_valid_xml

    w, run = goedgekeurd
    BetaalInstelling.objects.filter(gemeente=w.gemeente).update(initiatiefnemer="37258990")
    run = bk.keur_goed(run=run, door=w.frank)
    assert run.betaler_initiatiefnemer == "37258990"
    xml = exports.sepa_xml(run)
    doc = etree.fromstring(xml)
    ns = {"p": "urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"}
    partij = doc.find(".//p:GrpHdr/p:InitgPty", ns)
    assert [etree.QName(k).localname for k in partij] == ["Nm", "Id"]
    assert partij.findtext("p:Nm", namespaces=ns) == "Gemeente Alkmaar"
    assert partij.findtext("p:Id/p:OrgId/p:Othr/p:Id", namespaces=ns) == "37258990"
    try_valid_xml(xml, "pain.001.001.03")  # raises on any schema error


def test_a_file_that_breaks_the_schema_is_refused_in_dutch(goedgekeurd):
    w, run = goedgekeurd
    BetaalInstelling.objects.filter(gemeente=w.gemeente).update(initiatiefnemer="37258990")
    run = bk.keur_goed(run=run, door=w.frank)
    Afrekenrun.objects.filter(pk=run.pk).update(betaler_bic="ABC")  # not a BIC
    run.refresh_from_db()
    with pytest.raises(ValidationError, match=r"voldoet niet aan het SEPA-formaat pain\.001\.001\.03"):
        exports.sepa_xml(run)

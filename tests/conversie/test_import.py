# ruff: noqa: E501 (rows of a realistic file, one line each)
"""Importing an existing hours-based caseload: a small realistic file with broken rows, the column
mapping, the dry run, batches that resume, and rows that are never imported twice."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from openpyxl import Workbook

from resultaat.clienten.models import Client
from resultaat.conversie import services
from resultaat.conversie.models import BestaandeIndicatie, ImportStatus, MeldingSoort
from resultaat.core.audit.models import AuditEvent
from tests.conversie.conftest import bestand

pytestmark = pytest.mark.django_db

# A file as a gemeente exports it from its old system: semicolons, Dutch dates, decimal commas.
REGELS = [
    "111222333;J.P. de Vries;03-04-1941;Dorpsstraat 12;1811 AB;Alkmaar;0361;HH1;2,5;98000001;01-01-2016;;15-12-2015",
    "123456782;Bakker, A.;1938-11-20;Laan 3a;1812CD;Alkmaar;Alkmaar;HH2;4;98000002;01-03-2016;;20-02-2016",
    "123456789;P. Jansen;01-01-1950;Kerkweg 1;;Alkmaar;0361;HH1;3;98000001;01-01-2016;;01-12-2015",
    "100000009;K. Smit;12-06-1945;Molenweg 8;;Alkmaar;0361;HH1;2;98000099;01-01-2016;;01-12-2015",
    "100000010;L. Visser;30-09-1952;Weg 1;;Alkmaar;0361;HH2;45;98000001;01-01-2016;;01-12-2015",
    "200000007;M. Mulder;05-05-1960;Plein 2;;Alkmaar;0361;BG;3;98000002;01-06-2016;31-12-2017;01-05-2016",
    "111222333;J.P. de Vries;03-04-1941;Dorpsstraat 12;1811 AB;Alkmaar;0361;HH1;2,5;98000001;01-01-2016;;15-12-2015",
    "200000019;N. de Boer;31-02-1944;Straat 5;;Alkmaar;0361;HH1;2;98000001;01-01-2016;;01-12-2015",
    "200000020;O. Dekker;01-01-1944;Straat 6;;Heiloo;0399;HH1;2;98000001;01-01-2016;;01-12-2015",
    "111222333;J.P. de Vries;03-04-1941;Dorpsstraat 12;1811 AB;Alkmaar;0361;HH2;1,5;98000001;01-07-2016;;15-06-2016",
]


@pytest.fixture
def aanbieders(noord, zuid):
    return noord, zuid


def nieuw(beheerder, alkmaar, inhoud=None, naam="wmo-hh-2016.csv"):
    return services.nieuwe_import(
        door=beheerder,
        gemeente=alkmaar,
        bestandsnaam=naam,
        inhoud=bestand(REGELS) if inhoud is None else inhoud,
    )


def meldingen(imp):
    return {m.regel: (m.soort, m.tekst) for m in imp.meldingen.all()}


def test_columns_are_guessed_and_every_broken_row_is_reported_in_dutch(beheerder, alkmaar, aanbieders):
    imp = nieuw(beheerder, alkmaar)
    assert imp.regels == 10
    assert imp.koppeling["uren"] == "Uren per week"
    assert imp.koppeling["agb"] == "AGB aanbieder"
    assert imp.koppeling["begindatum"] == "Startdatum"

    services.lees_in(door=beheerder, indicatieimport=imp)

    imp.refresh_from_db()
    assert imp.status == ImportStatus.KLAAR
    assert (imp.ingelezen, imp.afgekeurd) == (4, 5)
    m = meldingen(imp)
    assert m[3] == (MeldingSoort.FOUT, "BSN voldoet niet aan de elfproef.")
    assert m[4] == (MeldingSoort.FOUT, "aanbieder met AGB-code '98000099' is onbekend.")
    assert m[5][1] == "uren per week 45 ligt niet tussen 0 en 40."
    assert m[7][0] == MeldingSoort.DUBBEL
    assert "al ingelezen" in m[7][1]
    assert m[8][1] == "geboortedatum '31-02-1944' is geen geldige datum (dd-mm-jjjj)."
    assert m[9][1] == "gemeente '0399' is niet de gemeente van deze import."
    assert set(m) == {3, 4, 5, 7, 8, 9}

    # Nothing of a broken row is written: no client for the BSN with the bad date or the bad provider.
    assert set(Client.objects.values_list("bsn", flat=True)) == {"111222333", "123456782", "200000007"}
    vries = Client.objects.get(bsn="111222333")
    assert (vries.voorletters, vries.tussenvoegsel, vries.achternaam) == ("J.P.", "de", "Vries")
    assert (vries.straat, vries.huisnummer, vries.postcode) == ("Dorpsstraat", "12", "1811 AB")
    assert vries.geboortedatum == dt.date(1941, 4, 3)
    assert Client.objects.get(bsn="123456782").achternaam == "Bakker"
    hh = BestaandeIndicatie.objects.filter(client=vries).order_by("begindatum")
    assert [(i.product, i.uren_per_week) for i in hh] == [("HH1", Decimal("2.50")), ("HH2", Decimal("1.50"))]
    bg = BestaandeIndicatie.objects.get(product="BG")
    assert bg.einddatum == dt.date(2017, 12, 31)
    # Written with its audit rows and one named event for the whole file.
    assert AuditEvent.objects.filter(client_id=vries.pk, actie="aangemaakt").count() == 3
    assert AuditEvent.objects.get(gebeurtenis="conversie.ingelezen").tekst.endswith(
        "4 ingelezen, 5 afgekeurd"
    )


def test_dry_run_reports_without_importing(beheerder, alkmaar, aanbieders):
    imp = nieuw(beheerder, alkmaar)
    services.proefdraai(door=beheerder, indicatieimport=imp)
    imp.refresh_from_db()
    assert imp.status == ImportStatus.GECONTROLEERD
    assert imp.afgekeurd == 5
    assert set(meldingen(imp)) == {3, 4, 5, 7, 8, 9}
    assert not BestaandeIndicatie.objects.exists()
    assert not Client.objects.exists()


def test_an_interrupted_import_resumes_and_never_imports_a_row_twice(beheerder, alkmaar, aanbieders):
    imp = nieuw(beheerder, alkmaar)
    services.lees_in(door=beheerder, indicatieimport=imp, max_regels=4, batch=3)
    imp.refresh_from_db()
    assert (imp.status, imp.verwerkt_tot, imp.voortgang_procent) == (ImportStatus.BEZIG, 4, 40)
    assert BestaandeIndicatie.objects.count() == 2

    services.lees_in(door=beheerder, indicatieimport=imp, batch=3)
    imp.refresh_from_db()
    assert (imp.status, imp.ingelezen, imp.afgekeurd) == (ImportStatus.KLAAR, 4, 5)
    assert BestaandeIndicatie.objects.count() == 4

    # The same file again: every valid row is reported as already imported, nothing is added.
    tweede = nieuw(beheerder, alkmaar, naam="nogmaals.csv")
    services.lees_in(door=beheerder, indicatieimport=tweede)
    tweede.refresh_from_db()
    assert tweede.ingelezen == 0
    assert sum(m.soort == MeldingSoort.DUBBEL for m in tweede.meldingen.all()) == 5
    assert BestaandeIndicatie.objects.count() == 4
    assert Client.objects.count() == 3


def test_a_client_already_converted_is_refused(beheerder, alkmaar, aanbieders):
    services.lees_in(door=beheerder, indicatieimport=nieuw(beheerder, alkmaar))
    BestaandeIndicatie.objects.filter(client__bsn="123456782").update(omgezet_op=dt.date(2017, 1, 1))
    later = bestand(
        ["123456782;Bakker, A.;1938-11-20;Laan 3a;;Alkmaar;0361;HH1;2;98000002;01-09-2016;;20-08-2016"]
    )
    imp = nieuw(beheerder, alkmaar, later)
    services.lees_in(door=beheerder, indicatieimport=imp)
    assert meldingen(imp)[1][1].startswith("Deze cliënt is al omgezet")
    assert BestaandeIndicatie.objects.filter(client__bsn="123456782").count() == 1


def test_xlsx_with_excel_dates_and_numbers(beheerder, alkmaar, aanbieders):
    boek = Workbook()
    blad = boek.active
    blad.append(
        ["bsn", "naam", "geboortedatum", "gemeente", "product", "uren", "agb", "begindatum", "besluitdatum"]
    )
    blad.append(
        [
            111222333,
            "de Vries",
            dt.datetime(1941, 4, 3),
            361,
            "hh1",
            2.5,
            98000001,
            dt.date(2016, 1, 1),
            dt.date(2015, 12, 1),
        ]
    )
    blad.append([None, None, None, None, None, None, None, None, None])
    blad.append(
        [
            123456782,
            "Bakker",
            dt.datetime(1938, 1, 1),
            "Alkmaar",
            "HH2",
            50,
            98000002,
            dt.date(2016, 1, 1),
            dt.date(2015, 12, 1),
        ]
    )
    uit = io.BytesIO()
    boek.save(uit)
    imp = nieuw(beheerder, alkmaar, uit.getvalue(), naam="bestand.xlsx")
    assert imp.regels == 2
    services.lees_in(door=beheerder, indicatieimport=imp)
    imp.refresh_from_db()
    assert (imp.ingelezen, imp.afgekeurd) == (1, 1)
    ind = BestaandeIndicatie.objects.get()
    assert (ind.product, ind.uren_per_week, ind.client.achternaam) == ("HH1", Decimal("2.50"), "Vries")


def test_missing_columns_are_named_before_anything_is_read(beheerder, alkmaar, aanbieders):
    inhoud = b"BSN;Naam;Product\n111222333;de Vries;HH1\n"
    imp = nieuw(beheerder, alkmaar, inhoud)
    with pytest.raises(ValidationError) as fout:
        services.proefdraai(door=beheerder, indicatieimport=imp)
    assert "Geboortedatum" in fout.value.messages[0]
    assert "Uren per week" in fout.value.messages[0]
    with pytest.raises(ValidationError, match="geen kolom Leeftijd"):
        services.koppel_kolommen(door=beheerder, indicatieimport=imp, koppeling={"geboortedatum": "Leeftijd"})


def test_only_staff_who_register_clients_may_import(alkmaar, contractmanager, heiloo, beheerder):
    with pytest.raises(PermissionDenied):
        nieuw(contractmanager, alkmaar)
    with pytest.raises(ValidationError):
        nieuw(beheerder, heiloo)
    with pytest.raises(ValidationError, match="leeg"):
        nieuw(beheerder, alkmaar, b"")


def test_the_command_checks_imports_and_resumes(beheerder, alkmaar, aanbieders, tmp_path):
    from django.core.management import call_command
    from django.core.management.base import CommandError

    pad = tmp_path / "hh.csv"
    pad.write_bytes(bestand(REGELS))
    uit = io.StringIO()
    call_command("importeer_indicaties", str(pad), gemeente="0361", door="bea", proef=True, stdout=uit)
    assert "regel 3: afgekeurd: BSN voldoet niet aan de elfproef." in uit.getvalue()
    assert not BestaandeIndicatie.objects.exists()
    imp = services.nieuwe_import(
        door=beheerder, gemeente=alkmaar, bestandsnaam="hh.csv", inhoud=bestand(REGELS)
    )
    services.lees_in(door=beheerder, indicatieimport=imp, max_regels=2)
    uit = io.StringIO()
    call_command("importeer_indicaties", door="bea", verder=imp.pk, stdout=uit)
    assert uit.getvalue().endswith("10 regels, 4 ingelezen, 5 afgekeurd.\n")
    with pytest.raises(CommandError, match="Onbekende gemeente"):
        call_command("importeer_indicaties", str(pad), gemeente="9999", door="bea")


def test_a_second_run_of_the_same_import_at_the_same_time_writes_nothing(
    beheerder, alkmaar, aanbieders, monkeypatch
):
    imp = nieuw(beheerder, alkmaar)
    echt = services._beoordeel

    def ander_ging_voor(*args, **kwargs):
        # While this run checks its batch, another run commits the same batch.
        uitkomst = echt(*args, **kwargs)
        type(imp).objects.filter(pk=imp.pk).update(verwerkt_tot=3)
        return uitkomst

    monkeypatch.setattr(services, "_beoordeel", ander_ging_voor)
    with pytest.raises(ValidationError, match="ook elders ingelezen"):
        services.lees_in(door=beheerder, indicatieimport=imp, batch=3)
    assert not BestaandeIndicatie.objects.exists()
    assert not Client.objects.exists()


def test_reading_in_a_second_process_gives_the_same_report_and_rows(beheerder, alkmaar, aanbieders):
    imp = nieuw(beheerder, alkmaar)
    services.proefdraai(door=beheerder, indicatieimport=imp, processen=2)
    assert set(meldingen(imp)) == {3, 4, 5, 7, 8, 9}
    services.lees_in(door=beheerder, indicatieimport=imp, batch=3, processen=2)
    imp.refresh_from_db()
    assert (imp.status, imp.ingelezen, imp.afgekeurd) == (ImportStatus.KLAAR, 4, 5)
    assert meldingen(imp)[3] == (MeldingSoort.FOUT, "BSN voldoet niet aan de elfproef.")
    assert set(Client.objects.values_list("bsn", flat=True)) == {"111222333", "123456782", "200000007"}
    assert BestaandeIndicatie.objects.count() == 4

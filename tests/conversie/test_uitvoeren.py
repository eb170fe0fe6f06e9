"""Executing a scenario: wijzigingsbeschikkingen through the toegang services, the old indication and the
old administration's toewijzingen ended the day before, 301s queued, letters in batch; undoable until
the letters are sent; a client is never converted twice."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from pypdf import PdfReader

from resultaat.accounts.models import Rol
from resultaat.catalogus.models import Product
from resultaat.conversie import services, uitvoeren
from resultaat.conversie.models import BestaandeIndicatie
from resultaat.core.codes import WMO002RedenWijziging
from resultaat.iwmo.models import Bericht
from resultaat.toegang.models import Beschikking, Besluit
from resultaat.toewijzingen.models import Toewijzing
from tests import factories as f
from tests.conversie.conftest import indicatie

pytestmark = pytest.mark.django_db

PER = dt.date(2027, 1, 1)
TARIEVEN = {"HH1": 2500, "HH2": 2800, "BG": 5500}


@pytest.fixture
def consulent(alkmaar):
    return f.UserFactory(username="cas", rol=Rol.CONSULENT, gemeenten=[alkmaar])


@pytest.fixture
def kleine_caseload(alkmaar, noord, zuid):
    """Three clients in hours, both providers contracted for the new products; the first still has a
    toewijzing from the old administration (HH1 at Noord, open-ended)."""
    for aanbieder in (noord, zuid):
        contract = f.ContractFactory(aanbieder=aanbieder, gemeenten=[alkmaar])
        for product in Product.objects.filter(code__in=["HOB1", "HOB2", "HOB3", "BGL", "BGM", "BGZ"]):
            f.ContractProductFactory(contract=contract, product=product)
    eerste = indicatie(alkmaar, noord, "HH1", 2)  # 120 min -> Basis
    oud = f.ToewijzingFactory(client=eerste.client, aanbieder=noord, ingangsdatum=dt.date(2020, 1, 1))
    return {
        "hh1": eerste,
        "hh2": indicatie(alkmaar, zuid, "HH2", 2.5),  # 150 min -> Basis+1
        "bg": indicatie(alkmaar, zuid, "BG", 3),  # 180 min -> Begeleiding midden
        "oud": oud,
    }


def _scenario(contractmanager, alkmaar):
    return services.maak_standaardscenario(
        door=contractmanager, gemeente=alkmaar, naam="Catalogus", omzetdatum=PER, uurtarieven=TARIEVEN
    )


def _voer_uit(consulent, scenario, **kw):
    return uitvoeren.voer_uit(door=consulent, scenario=scenario, besluitdatum=timezone.localdate(), **kw)


def test_executing_makes_decisions_ends_the_old_and_queues_301s_and_letters(
    consulent, contractmanager, alkmaar, kleine_caseload, noord, zuid
):
    scenario = _scenario(contractmanager, alkmaar)
    berichten_voor = Bericht.objects.filter(berichttype="WMO301").count()
    uitkomst = _voer_uit(consulent, scenario, overgang_weken=4)

    assert uitkomst.omgezet == 3, uitkomst.niet_omgezet
    ingang = PER + dt.timedelta(weeks=4)
    assert uitkomst.ronde.ingangsdatum == ingang
    beschikkingen = Beschikking.objects.filter(client__gemeente=alkmaar, besluit=Besluit.TOEGEKEND)
    assert beschikkingen.count() == 3
    producten = {
        b.client_id: b.resultaten.get().product.naam for b in beschikkingen.prefetch_related("resultaten")
    }
    assert producten[kleine_caseload["hh1"].client_id] == "Huishoudelijke ondersteuning Basis"
    assert producten[kleine_caseload["bg"].client_id] == "Begeleiding midden"
    bg = beschikkingen.get(client=kleine_caseload["bg"].client).resultaten.get()
    assert (bg.resultaat.naam, bg.omvang_per_week, bg.intensiteit.code) == (
        "Regelvermogen en zelfregie",
        3,
        "meerdere-keren-per-week",
    )
    b = beschikkingen.get(client=kleine_caseload["hh1"].client)
    assert "wijzigt uw besluit van 1 december 2019 over HH1 (2 uur per week" in b.motivering
    assert "overgangsperiode van 4 weken" in b.motivering

    # The old indication and the old administration's toewijzing end the day before the new decision.
    for ind in BestaandeIndicatie.objects.filter(
        pk__in=[kleine_caseload[k].pk for k in ("hh1", "hh2", "bg")]
    ):
        assert (ind.einddatum, ind.omgezet_op) == (ingang - dt.timedelta(days=1), ingang)
    oud = Toewijzing.objects.get(pk=kleine_caseload["oud"].pk)
    assert oud.einddatum == ingang - dt.timedelta(days=1)
    assert oud.reden_wijziging == WMO002RedenWijziging.NIEUWE_BEKOSTIGING
    nieuw = Toewijzing.objects.filter(beschikt_resultaat__beschikking__in=beschikkingen)
    assert {(t.aanbieder_id, t.ingangsdatum) for t in nieuw} == {(noord.pk, ingang), (zuid.pk, ingang)}
    assert Bericht.objects.filter(berichttype="WMO301").count() > berichten_voor

    assert uitvoeren.maak_brieven(door=consulent, ronde=uitkomst.ronde) == 3
    ronde = uitkomst.ronde
    ronde.refresh_from_db()
    assert len(PdfReader(io.BytesIO(bytes(ronde.samengevoegd))).pages) >= 3
    for o in ronde.omzettingen.all():
        assert bytes(o.brief).startswith(b"%PDF")


def test_undo_before_the_letters_are_sent(consulent, contractmanager, alkmaar, kleine_caseload):
    scenario = _scenario(contractmanager, alkmaar)
    ronde = _voer_uit(consulent, scenario).ronde
    uitvoeren.maak_ongedaan(door=consulent, ronde=ronde)

    assert not Beschikking.objects.filter(client__gemeente=alkmaar, besluit=Besluit.TOEGEKEND).exists()
    nieuw = Toewijzing.objects.filter(beschikt_resultaat__isnull=False)
    assert nieuw.count() == 3
    assert all(t.is_verwijderd for t in nieuw)
    oud = Toewijzing.objects.get(pk=kleine_caseload["oud"].pk)
    assert oud.einddatum is None
    ind = BestaandeIndicatie.objects.get(pk=kleine_caseload["hh1"].pk)
    assert (ind.einddatum, ind.omgezet_op) == (None, None)
    with pytest.raises(ValidationError, match="al ongedaan"):
        uitvoeren.maak_ongedaan(door=consulent, ronde=ronde)
    with pytest.raises(ValidationError, match="al ongedaan"):
        uitvoeren.maak_brieven(door=consulent, ronde=ronde)
    # Undone, the clients can be converted again.
    assert _voer_uit(consulent, scenario).omgezet == 3


def test_undo_is_refused_after_the_letters_are_sent(consulent, contractmanager, alkmaar, kleine_caseload):
    ronde = _voer_uit(consulent, _scenario(contractmanager, alkmaar)).ronde
    with pytest.raises(ValidationError, match="Maak eerst de brieven"):
        uitvoeren.verzend(door=consulent, ronde=ronde, op=timezone.localdate())
    uitvoeren.maak_brieven(door=consulent, ronde=ronde)
    uitvoeren.verzend(door=consulent, ronde=ronde, op=timezone.localdate())

    with pytest.raises(ValidationError, match="verzonden"):
        uitvoeren.maak_ongedaan(door=consulent, ronde=ronde)
    assert Beschikking.objects.filter(besluit=Besluit.TOEGEKEND, verzonden_op__isnull=False).count() == 3
    assert not Toewijzing.objects.filter(reden_wijziging=WMO002RedenWijziging.VERWIJDERD).exists()


def test_a_client_already_converted_is_not_converted_twice(
    consulent, contractmanager, alkmaar, kleine_caseload
):
    scenario = _scenario(contractmanager, alkmaar)
    eerste = _voer_uit(consulent, scenario, producten=["HH1"])  # a phase: only HH1
    assert eerste.omgezet == 1
    assert eerste.ronde.fase == "HH1"
    tweede = _voer_uit(consulent, scenario)
    assert tweede.omgezet == 2  # HH2 and BG; the HH1 client stays with his first conversion
    assert _voer_uit(consulent, scenario).omgezet == 0
    assert Beschikking.objects.filter(client=kleine_caseload["hh1"].client).count() == 1

    # A round that selected the client before another converted him refuses him and names why.
    ind = BestaandeIndicatie.objects.select_related("client", "aanbieder").get(pk=kleine_caseload["hh1"].pk)
    regel = scenario.regels.get(oud_product="HH1", min_minuten__lte=120, max_minuten__gte=120)
    ronde = uitvoeren.Omzetronde.objects.create(
        scenario=scenario, besluitdatum=timezone.localdate(), ingangsdatum=PER
    )
    with pytest.raises(ValidationError, match="al omgezet"):
        uitvoeren._zet_om(door=consulent, ronde=ronde, ind=ind, regel=regel, moment=None)


def test_a_client_that_cannot_be_converted_is_named_and_left_as_he_was(
    consulent, contractmanager, alkmaar, kleine_caseload, heiloo
):
    scenario = _scenario(contractmanager, alkmaar)
    zonder = indicatie(alkmaar, f.AanbiederFactory(naam="Zonder Contract"), "HH1", 2)
    uitkomst = _voer_uit(consulent, scenario, clienten=[zonder.client_id])
    assert uitkomst.omgezet == 0
    (reden,) = uitkomst.niet_omgezet
    assert "Zonder Contract" in reden and "geen contract" in reden
    zonder.refresh_from_db()
    assert zonder.omgezet_op is None
    assert not Beschikking.objects.filter(client=zonder.client).exists()
    with pytest.raises(PermissionDenied):
        _voer_uit(contractmanager, scenario)
    with pytest.raises(ValidationError, match="overgangsperiode"):
        _voer_uit(consulent, scenario, overgang_weken=60)


def test_the_command_executes_writes_the_letters_and_undoes(
    consulent, contractmanager, alkmaar, kleine_caseload, tmp_path
):
    from django.core.management import CommandError, call_command

    scenario = _scenario(contractmanager, alkmaar)
    uit = io.StringIO()
    pdf = tmp_path / "brieven.pdf"
    call_command(
        "voer_scenario_uit",
        door="cas",
        scenario=scenario.pk,
        product=["HH2"],
        brieven=pdf,
        processen=1,
        stdout=uit,
    )
    assert "1 cliënten omgezet" in uit.getvalue()
    assert len(PdfReader(pdf).pages) >= 1
    ronde = scenario.rondes.get()
    call_command("voer_scenario_uit", door="cas", ongedaan=ronde.pk, stdout=uit)
    assert not Beschikking.objects.filter(besluit=Besluit.TOEGEKEND).exists()
    with pytest.raises(CommandError, match="al ongedaan"):
        call_command("voer_scenario_uit", door="cas", verzonden=ronde.pk, stdout=uit)


def test_the_pages_execute_show_the_round_give_the_letters_and_undo(
    client, consulent, contractmanager, alkmaar, kleine_caseload
):
    from django.urls import reverse

    scenario = _scenario(contractmanager, alkmaar)
    client.force_login(contractmanager)
    assert client.get(reverse("web:conversie-uitvoeren", args=[scenario.pk])).status_code == 403
    client.force_login(consulent)
    assert "Catalogus" in client.get(reverse("web:conversie-omzetting")).content.decode()
    pagina = client.get(reverse("web:conversie-uitvoeren", args=[scenario.pk]))
    assert "Overgangsperiode (weken)" in pagina.content.decode()
    fout = client.post(reverse("web:conversie-uitvoeren", args=[scenario.pk]), {"overgang_weken": "60"})
    assert "52" in fout.content.decode()
    antwoord = client.post(
        reverse("web:conversie-uitvoeren", args=[scenario.pk]),
        {"overgang_weken": "2", "producten": ["HH1", "HH2"]},
        follow=True,
    )
    tekst = antwoord.content.decode()
    assert "2 cliënten omgezet, 0 niet" in tekst
    assert "Huishoudelijke ondersteuning Basis+1" in tekst
    ronde = scenario.rondes.get()
    pdf = client.get(reverse("web:conversie-ronde-brieven", args=[ronde.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    assert len(PdfReader(io.BytesIO(pdf.content)).pages) >= 2
    ongedaan = client.post(
        reverse("web:conversie-ronde-actie", args=[ronde.pk]), {"actie": "ongedaan"}, follow=True
    )
    assert "ongedaan gemaakt" in ongedaan.content.decode()
    weer = client.post(
        reverse("web:conversie-ronde-actie", args=[ronde.pk]), {"actie": "verzonden"}, follow=True
    )
    assert "al ongedaan gemaakt" in weer.content.decode()
    assert not Beschikking.objects.filter(besluit=Besluit.TOEGEKEND).exists()


def _tekst(inhoud: bytes) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(inhoud)).pages).split())


def _lettertypen(reader: PdfReader) -> int:
    """The font files embedded in a PDF (each object once)."""
    gezien = set()
    for pagina in reader.pages:
        for font in pagina["/Resources"]["/Font"].values():
            beschrijving = font.get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            gezien.add(beschrijving.get_object().raw_get("/FontFile2").idnum)
    return len(gezien)


def test_each_client_gets_only_his_own_letter_tagged_and_the_print_file_holds_them_all(
    consulent, contractmanager, alkmaar, kleine_caseload
):
    namen = {"hh1": "Nguyễn", "hh2": "Bakker", "bg": "Çelik"}
    for sleutel, naam in namen.items():
        client = kleine_caseload[sleutel].client
        client.achternaam = naam
        client.save()
    ronde = _voer_uit(consulent, _scenario(contractmanager, alkmaar)).ronde

    assert uitvoeren.maak_brieven(door=consulent, ronde=ronde, processen=2) == 3
    ronde.refresh_from_db()
    paginas = lettertypen = 0
    for o in ronde.omzettingen.select_related("client"):
        brief = bytes(o.brief)
        tekst = _tekst(brief)
        eigen = o.client.achternaam
        # The client's own name (also one outside the usual letters) and nobody else's.
        assert eigen in tekst
        assert not [naam for naam in namen.values() if naam != eigen and naam in tekst]
        assert "Wat verandert er voor u" in tekst
        reader = PdfReader(io.BytesIO(brief))
        catalogus = reader.trailer["/Root"]
        assert "/StructTreeRoot" in catalogus and str(catalogus["/Lang"]) == "nl-NL"
        assert "pagina 1 van" in tekst
        paginas += len(reader.pages)
        lettertypen += _lettertypen(reader)
    samen = PdfReader(io.BytesIO(bytes(ronde.samengevoegd)))
    assert len(samen.pages) == paginas
    alles = _tekst(bytes(ronde.samengevoegd))
    assert all(naam in alles for naam in namen.values())
    # Each letter embeds its fonts (regular and bold) as a subset of the glyphs it uses.
    assert lettertypen == 6


def test_letters_in_a_batch_say_what_each_letter_says_alone_and_read_the_gemeente_once(
    consulent, contractmanager, alkmaar, kleine_caseload, monkeypatch
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from resultaat.conversie.brief import omzettingsbrief_html

    ronde = _voer_uit(consulent, _scenario(contractmanager, alkmaar), overgang_weken=4).ronde
    los = {o.pk: omzettingsbrief_html(o) for o in ronde.omzettingen.all()}  # each letter on its own
    gemaakt: list[str] = []
    echt = uitvoeren.maak_pdfs

    def onthoud(htmls, processen=1):
        gemaakt.extend(htmls)
        return echt(gemaakt, processen=processen)

    monkeypatch.setattr(uitvoeren, "maak_pdfs", onthoud)
    with CaptureQueriesContext(connection) as vragen:
        assert uitvoeren.maak_brieven(door=consulent, ronde=ronde) == 3

    # The batch's letters are word for word the letters made one by one.
    assert sorted(gemaakt) == sorted(los.values())
    assert any("2,5 uur per week" in h for h in gemaakt)
    # The gemeente's eigen bijdrage settings and its letter text are read once for the three letters.
    tabellen = [
        q["sql"].split(" FROM ")[1].split()[0] for q in vragen.captured_queries if " FROM " in q["sql"]
    ]
    assert tabellen.count('"eigen_bijdrage_eigenbijdrageinstelling"') == 1
    assert tabellen.count('"brieven_briefsjabloon"') <= 2

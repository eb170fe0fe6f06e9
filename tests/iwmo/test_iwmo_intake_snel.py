"""The intake's fast paths give what the general paths give: the same reading of a 305/307, the same
header-only retour, leveringen with their audit trail, and a conflicting file that spoils nothing."""

from __future__ import annotations

import datetime as dt

import pytest

from resultaat.core.audit.models import AuditEvent
from resultaat.core.bulk import Bouwer
from resultaat.iwmo import bouw, xml
from resultaat.iwmo import voorbeeld as vb
from resultaat.iwmo.intake import Intake, kop_retour, lees_levering, verwerk
from resultaat.iwmo.models import Bericht
from resultaat.iwmo.parse import ontleed
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


PRODUCT = {"Categorie": "02", "Code": "02A01"}


def _305(t, identificatie="S1", producten=None):
    return vb.bericht_305(
        agb=t.aanbieder.agb_code,
        gemeente=t.gemeente.code,
        identificatie=identificatie,
        bsn=t.client.bsn,
        producten=producten or [vb.start(t.nummer, D(2017, 1, 9))],
    )


def _307(t, producten):
    return vb.bericht_307(
        agb=t.aanbieder.agb_code,
        gemeente=t.gemeente.code,
        identificatie="T1",
        bsn=t.client.bsn,
        producten=producten,
    )


@pytest.mark.parametrize(
    "maak",
    [
        lambda t: _305(t),
        lambda t: _305(
            t,
            producten=[
                vb.start(t.nummer, D(2017, 1, 9), Product=PRODUCT, ToewijzingIngangsdatum="2017-01-02"),
                vb.start(7001, D(2017, 2, 1), status="3"),
                {"Product": {"Categorie": "02"}, "Begindatum": "2017-03-01", "StatusAanlevering": "1"},
            ],
        ),
        lambda t: _307(t, [vb.stop(t.nummer, D(2017, 1, 9), D(2017, 2, 1), "20")]),
        lambda t: _307(
            t,
            [
                vb.stop(t.nummer, D(2017, 1, 9), D(2017, 2, 1), "02", "3"),
                {
                    "ToewijzingNummer": 6002,
                    "Product": PRODUCT,
                    "ToewijzingIngangsdatum": "2017-01-02",
                    **vb.stop(6002, D(2017, 1, 9), D(2017, 3, 1), "20"),
                },
            ],
        ),
        # comments, processing instructions and a split text change nothing
        lambda t: _305(t).replace(b"<Afzender>9800", b"<Afzender><!-- x -->9800<?pi y?>"),
    ],
)
def test_the_fast_reader_reads_a_305_and_307_as_the_general_parser_does(toewijzing, maak):
    data = maak(toewijzing)
    berichttype, root = xml.lees(data)
    assert xml.valideer_xsd(berichttype, root) == []
    snel, algemeen = lees_levering(berichttype, root), ontleed(berichttype, root)
    assert snel.header == algemeen.header
    assert snel.producten == algemeen.producten
    assert snel.bsn == algemeen.bsn == toewijzing.client.bsn
    assert dict(snel.inhoud) == algemeen.inhoud


@pytest.mark.parametrize("codes", [None, ["8848"], ["0001", "S300"]])
def test_the_template_retour_is_the_built_retour_and_valid(toewijzing, codes):
    g = ontleed(*xml.lees(_305(toewijzing)))
    snel = kop_retour(
        "WMO305", g.header, identificatie="ABCDEF012345", dagtekening=bouw.vandaag(), codes=codes
    )
    assert snel == bouw.header_retour("WMO305", g.header, identificatie="ABCDEF012345", codes=codes)
    berichttype, root = xml.lees(snel)
    assert berichttype == "WMO306" and xml.valideer_xsd(berichttype, root) == []


def test_a_levering_from_a_305_is_in_the_clients_audit_trail(toewijzing, bob):
    (u,) = verwerk([("s.xml", _305(toewijzing))], door=bob)
    assert u.status == "goedgekeurd"
    lev = Levering.objects.get(toewijzing=toewijzing)
    assert lev.start_gemeld_op is not None
    event = AuditEvent.objects.get(object_id=str(lev.pk), content_type__model="levering")
    assert (event.client_id, event.actie, event.actor_naam) == (toewijzing.client_id, "aangemaakt", "bob")
    # a stop changes the same row, also in the trail
    (u,) = verwerk(
        [("t.xml", _307(toewijzing, [vb.stop(toewijzing.nummer, D(2017, 1, 9), D(2017, 2, 1), "02")]))]
    )
    assert u.status == "goedgekeurd", u.problemen
    lev.refresh_from_db()
    assert (lev.einddatum, lev.reden_beeindiging) == (D(2017, 2, 1), "02")
    gewijzigd = AuditEvent.objects.get(object_id=str(lev.pk), actie="gewijzigd")
    assert gewijzigd.client_id == toewijzing.client_id
    assert gewijzigd.velden == ["einddatum", "reden_beeindiging", "stop_gemeld_op", "verwijderd"]
    # the stored messages link the retour to its heen-message
    heen = Bericht.objects.get(berichttype="WMO307")
    assert heen.retour is not None and heen.retour.berichttype == "WMO308"


def test_a_message_stored_by_another_process_meanwhile_spoils_only_itself(
    toewijzing, alkmaar, noord, monkeypatch
):
    """Between looking and writing, another intake stored file A: the batch's write hits the unique
    BerichtIdentificatie; the batch is redone file by file, A is then a duplicate and B is applied."""
    ander = f.ToewijzingFactory(
        client=f.ClientFactory(gemeente=alkmaar), aanbieder=noord, ingangsdatum=D(2017, 1, 2), nummer=5002
    )
    a, b = _305(toewijzing, "A1"), _305(ander, "B1")
    (eerste,) = verwerk([("a.xml", a)])
    assert eerste.status == "goedgekeurd"
    laad = Intake._laad
    keren = []

    def laad_zonder_eerder(self, werk):
        laad(self, werk)
        if not keren:  # the first look misses what the other process stored
            self.eerder.clear()
        keren.append(1)

    monkeypatch.setattr(Intake, "_laad", laad_zonder_eerder)
    ua, ub = verwerk([("a.xml", a), ("b.xml", b)])
    assert ua.status == "dubbel-goedgekeurd" and ua.retour == eerste.retour
    assert ub.status == "goedgekeurd"
    assert Levering.objects.filter(toewijzing=ander).count() == 1
    assert Levering.objects.filter(toewijzing=toewijzing).count() == 1
    assert Bericht.objects.filter(berichttype="WMO305").count() == 2


def test_a_bad_file_in_a_batch_does_not_hold_back_the_good_ones(toewijzing):
    onbekend = _305(toewijzing, "X1", producten=[vb.start(9999, D(2017, 1, 9))])  # no such toewijzing
    kapot = b"<Bericht>geen iWmo</Bericht>"
    goed = _305(toewijzing, "G1")
    uit = verwerk([("x.xml", onbekend), ("k.xml", kapot), ("g.xml", goed)])
    assert [u.status for u in uit] == ["afgekeurd", "technisch", "goedgekeurd"]
    assert [p.regel for p in uit[0].problemen] == ["TR019"] and b"9019" in uit[0].retour
    assert uit[1].retour is None
    assert Levering.objects.get(toewijzing=toewijzing).begindatum == D(2017, 1, 9)
    assert sorted(Bericht.objects.filter(richting="in").values_list("status", flat=True)) == [
        "afgekeurd",
        "goedgekeurd",
    ]


@pytest.mark.parametrize(
    ("model", "waarden"),
    [
        (
            Bericht,
            {
                "richting": "in",
                "berichttype": "WMO305",
                "berichtcode": "414",
                "afzender": "98000001",
                "ontvanger": "0361",
                "gemeente_id": 3,
                "identificatie": "B1",
                "inhoud": b"<Bericht/>",
                "status": "goedgekeurd",
            },
        ),
        (Levering, {"toewijzing_id": 7, "begindatum": D(2017, 1, 9), "bron": "iwmo"}),
    ],
)
def test_a_row_made_positionally_is_the_row_made_with_keywords(model, waarden):
    bouwer = Bouwer(model, tuple(waarden))
    gebouwd = bouwer(*waarden.values())
    verwacht = model(**waarden)
    velden = [f.attname for f in model._meta.concrete_fields]
    assert {v: getattr(gebouwd, v) for v in velden} == {v: getattr(verwacht, v) for v in velden}
    assert gebouwd._state.adding and gebouwd.pk is None
    # Made directly, it is what Model.__init__ makes: the same instance dict, the same state.
    assert bouwer._direct
    for ander in (verwacht, bouwer.via_init(*waarden.values())):
        assert type(gebouwd) is type(ander)
        assert {k: v for k, v in vars(gebouwd).items() if k != "_state"} == {
            k: v for k, v in vars(ander).items() if k != "_state"
        }
        # (the foreign key's descriptor makes the empty cache of related objects on first use)
        assert (gebouwd._state.adding, gebouwd._state.db, gebouwd._state.fields_cache) == (
            ander._state.adding,
            ander._state.db,
            ander._state.fields_cache,
        )
    # A callable default is called for every row: two rows never share one list.
    if model is Bericht:
        assert gebouwd.retourcodes == [] and gebouwd.retourcodes is not Bouwer(model, ())().retourcodes


def test_a_listener_to_the_construction_of_instances_gets_every_row_made():
    from django.db.models.signals import post_init

    gezien = []

    def luister(sender, instance, **kwargs):
        gezien.append(instance)

    bouwer = Bouwer(Levering, ("toewijzing_id", "begindatum"))
    post_init.connect(luister, sender=Levering)
    try:
        lev = bouwer(7, D(2017, 1, 9))
    finally:
        post_init.disconnect(luister, sender=Levering)
    assert gezien == [lev] and gezien[0] is lev
    assert lev.toewijzing_id == 7 and lev.begindatum == D(2017, 1, 9) and not lev.verwijderd


def test_a_model_with_its_own_constructor_is_made_by_it():
    from resultaat.iwmo.models import Bericht as Model

    class EigenInit(Model):
        class Meta:
            proxy = True
            app_label = "iwmo"

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.gemaakt_door_init = True

    gebouwd = Bouwer(EigenInit, ("richting",))("in")
    assert gebouwd.gemaakt_door_init and gebouwd.richting == "in"


def test_the_cyclic_collector_is_paused_for_a_batch_only(toewijzing):
    import gc

    assert gc.isenabled()
    assert verwerk([("WMO305_a.xml", _305(toewijzing))])[0].status == "goedgekeurd"
    assert gc.isenabled() and gc.get_freeze_count() == 0
    # A caller that switched the collector off finds it off.
    gc.disable()
    try:
        verwerk([("WMO305_b.xml", _305(toewijzing, identificatie="S2"))])
        assert not gc.isenabled()
    finally:
        gc.enable()

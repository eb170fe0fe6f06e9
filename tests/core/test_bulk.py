"""The shared set-based helpers of ``core.bulk``: ``InWaarden`` finds the rows ``__in`` finds."""

from __future__ import annotations

import datetime as dt

import pytest

from resultaat.core.bulk import InWaarden
from resultaat.toewijzingen.models import Levering, Toewijzing
from tests import factories as f


@pytest.fixture
def toewijzingen(alkmaar, noord):
    client = f.ClientFactory(gemeente=alkmaar)
    uit = [
        f.ToewijzingFactory(client=client, aanbieder=noord, nummer=n, ingangsdatum=dt.date(2017, 1, 1 + i))
        for i, n in enumerate((7001, 7002, 7003, 7004))
    ]
    for i, t in enumerate(uit[:3]):
        Levering.objects.create(toewijzing=t, begindatum=dt.date(2017, 2, 1 + i))
    return uit


@pytest.mark.parametrize(
    ("veld", "waarden"),
    [
        ("nummer", [7001, 7003, 9999]),
        ("nummer", [7002, 7002, None, 7004]),  # duplicates and None, as ``__in`` takes them
        ("nummer", []),
        ("nummer", [None]),
        ("client__bsn", ["de BSN van de client", "000000000"]),  # over a join
        ("ingangsdatum", [dt.date(2017, 1, 2), dt.date(2017, 1, 4)]),  # a value the field prepares
        ("ingangsdatum", ["2017-01-03"]),  # a string for a date: prepared by the field, as with __in
    ],
)
def test_in_waarden_finds_the_rows_that_in_finds(toewijzingen, veld, waarden):
    waarden = [toewijzingen[0].client.bsn if w == "de BSN van de client" else w for w in waarden]
    verwacht = set(Toewijzing.objects.filter(**{f"{veld}__in": waarden}).values_list("pk", flat=True))
    gevonden = set(Toewijzing.objects.filter(InWaarden(veld, waarden)).values_list("pk", flat=True))
    assert gevonden == verwacht
    assert len(gevonden) == {"nummer": len({7001, 7002, 7003, 7004} & set(waarden)), "client__bsn": 4}.get(
        veld, len(gevonden)
    )


def test_in_waarden_on_a_foreign_key_and_combined_with_other_conditions(toewijzingen):
    ids = [t.pk for t in toewijzingen]
    verwacht = list(
        Levering.objects.filter(toewijzing_id__in=ids, verwijderd=False).order_by("pk").values_list("pk")
    )
    gevonden = list(
        Levering.objects.filter(InWaarden("toewijzing_id", ids), verwijderd=False)
        .order_by("pk")
        .values_list("pk")
    )
    assert gevonden == verwacht and len(gevonden) == 3
    # Negated, as a Q-less condition in exclude(): the other rows.
    assert set(
        Levering.objects.exclude(InWaarden("toewijzing_id", ids[:1])).values_list("toewijzing_id", flat=True)
    ) == set(ids[1:3])


def _leveringen(toewijzingen, dag):
    return [Levering(toewijzing=t, begindatum=dt.date(2018, 3, dag), bron="iwmo") for t in toewijzingen]


def _rijen(leveringen):
    """The rows as stored, in the order of the instances, without the primary key, the date and the time
    of the insert."""
    velden = [
        f.attname
        for f in Levering._meta.concrete_fields
        if f.attname not in ("id", "begindatum") and not getattr(f, "auto_now_add", False)
    ]
    rijen = {
        r[0]: r[1:]
        for r in Levering.objects.filter(pk__in=[x.pk for x in leveringen]).values_list("pk", *velden)
    }
    return [rijen[lev.pk] for lev in leveringen]


def test_voeg_objecten_in_on_sqlites_own_cursor_writes_what_djangos_cursor_writes(toewijzingen):
    """On SQLite the statement goes to the driver's cursor in ``?`` form (past Django's rewrite of
    ``%s``); while Django records the queries it goes through Django's cursor. Both write the same
    rows and give every instance its own primary key."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from resultaat.core import bulk

    assert bulk._direct_sqlite(connection) == (connection.vendor == "sqlite")
    direct = _leveringen(toewijzingen, 1)
    bulk.voeg_objecten_in(Levering, direct)
    with CaptureQueriesContext(connection) as vastgelegd:
        assert not bulk._direct_sqlite(connection)
        gewoon = _leveringen(toewijzingen, 2)
        bulk.voeg_objecten_in(Levering, gewoon)
    assert len(vastgelegd) == 1 and vastgelegd[0]["sql"].startswith("INSERT")
    alle = direct + gewoon
    assert len({lev.pk for lev in alle}) == len(alle) and all(lev.pk for lev in alle)
    assert all(lev._state.adding is False and lev._state.db == "default" for lev in alle)
    assert _rijen(direct) == _rijen(gewoon)
    assert [lev.begindatum for lev in Levering.objects.filter(pk__in=[x.pk for x in direct])] == [
        dt.date(2018, 3, 1)
    ] * len(direct)


def test_voeg_objecten_in_raises_djangos_integrity_error_on_sqlites_own_cursor(toewijzingen):
    """A constraint that fails on the driver's cursor is Django's ``IntegrityError`` (the intake redoes
    a batch per file on it), and nothing of the statement is written."""
    from django.db import IntegrityError, transaction

    from resultaat.core import bulk

    goed = Levering(toewijzing=toewijzingen[3], begindatum=dt.date(2018, 3, 1), bron="iwmo")
    fout = Levering(toewijzing=toewijzingen[3], begindatum=None, bron="iwmo")  # NOT NULL
    with pytest.raises(IntegrityError), transaction.atomic():
        bulk.voeg_objecten_in(Levering, [goed, fout])
    assert not Levering.objects.filter(toewijzing=toewijzingen[3]).exists()


def test_voeg_in_prepares_lists_and_dates_per_row_as_the_fields_do(db):
    """``voeg_in`` prepares a value its field must convert once per distinct value: a JSON list (which
    cannot be a dictionary key) and a date come back as they were given, row by row."""
    from resultaat.core.bulk import voeg_in
    from resultaat.iwmo.models import Bericht

    velden = ("richting", "berichttype", "berichtcode", "afzender", "ontvanger", "identificatie")
    velden += ("bestandsnaam", "sha256", "inhoud", "status", "retourcodes", "dagtekening")
    codes = [["0200"], ["8001", "9019"], ["0200"], []]
    dagen = [dt.date(2026, 1, 5), dt.date(2026, 1, 6), dt.date(2026, 1, 5), None]
    voeg_in(
        Bericht,
        velden,
        [
            (
                "uit",
                "WMO306",
                "419",
                "0361",
                "98000001",
                f"R{i}",
                f"r{i}.xml",
                "0" * 64,
                b"<x/>",
                "verzonden",
                c,
                d,
            )
            for i, (c, d) in enumerate(zip(codes, dagen, strict=True))
        ],
    )
    opgeslagen = Bericht.objects.order_by("identificatie").values_list("retourcodes", "dagtekening")
    assert list(opgeslagen) == list(zip(codes, dagen, strict=True))

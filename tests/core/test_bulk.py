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

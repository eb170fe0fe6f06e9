"""The run's shortcuts give what the rules give: the plain pass (a toewijzing in care for the whole period
gets the full tariff without the rules, also with the period as literals) and, on PostgreSQL, the rules
reading their candidates by id (``via_kandidaten``) must pay exactly what the rules pay when every
toewijzing goes through them."""

from __future__ import annotations

import datetime as dt

from django.db import connection

from resultaat.bekostiging import referentie
from resultaat.bekostiging import services as bk
from resultaat.bekostiging.sql import PeriodeRij, ctes, verschuldigd_cte
from resultaat.core.codes import WMO588RedenBeeindiging
from resultaat.toewijzingen import services as tw
from tests.bekostiging.helpers import JAN1, D, maak_wereld

STOP = "19"  # a stop for good (not temporary)


def _verschuldigd(
    gemeente_id: int, periode: bk.Periode, *, vlak: bool, via: bool, enkel: bool = False
) -> list[tuple]:
    """Every (toewijzing, period) with something due, as the run computes it in one statement."""
    d = referentie.dialect()
    rij = PeriodeRij(periode.pk, periode.begin, periode.eind)
    reference = ctes(
        d,
        [rij],
        referentie.beleid(gemeente_id, [rij]),
        referentie.tarieven([(rij, periode.kalender.soort)], None),
        referentie.standaardbeleid(),
    )
    cte = verschuldigd_cte(
        d,
        f"t.gemeente_id = {int(gemeente_id)}",
        vlak=vlak,
        zonder_lege=vlak,
        via_kandidaten=(periode.begin, periode.laatste_dag) if via else None,
        enkel=rij if enkel else None,
    )
    if via and connection.vendor == "postgresql":
        assert "kand_alle" in cte
    sql = f"WITH {reference},{cte} SELECT tid, pid, bedrag, regel, dagen, eerste, laatste FROM due_bedrag"  # noqa: S608
    with connection.cursor() as cur:
        cur.execute(sql)
        rijen = cur.fetchall()
    return sorted((tid, pid, int(b), r, int(n), e, lt) for tid, pid, b, r, n, e, lt in rijen if b)


def test_the_plain_pass_and_the_candidates_by_id_pay_what_the_rules_pay(db):
    w = maak_wereld(tijdelijke_stop_dagen=14)
    p02 = bk.zoek_periode(w.gemeente, "2017-P02")  # 29-01 .. 25-02
    w.toewijzing(JAN1)  # in care throughout: the plain pass
    w.toewijzing(JAN1)
    w.toewijzing(D(2017, 2, 8))  # starts in the period
    gestopt = w.toewijzing(JAN1)  # stops in the period
    tw.meld_stop(door=w.fenna, toewijzing=gestopt, einddatum=D(2017, 2, 10), reden=STOP)
    tijdelijk = w.toewijzing(JAN1)  # a temporary stop before the period, paid on into it
    tw.meld_stop(
        door=w.fenna,
        toewijzing=tijdelijk,
        einddatum=D(2017, 1, 20),
        reden=WMO588RedenBeeindiging.TIJDELIJK,
    )
    weg = w.toewijzing(JAN1)  # stopped for good before the period: nothing
    tw.meld_stop(door=w.fenna, toewijzing=weg, einddatum=D(2017, 1, 15), reden=STOP)
    hervat = w.toewijzing(JAN1)  # two deliveries, the second in care throughout the period
    tw.meld_stop(door=w.fenna, toewijzing=hervat, einddatum=D(2017, 1, 10), reden=STOP)
    tw.meld_start(door=w.fenna, toewijzing=hervat, begindatum=D(2017, 1, 20))
    w.toewijzing(JAN1, einddatum=D(2017, 2, 15))  # the toewijzing ends in the period
    w.toewijzing(D(2017, 2, 5), ingang=D(2017, 2, 5))  # and one begins in it
    overleden = w.toewijzing(JAN1)
    overleden.client.overlijdensdatum = D(2017, 2, 4)
    overleden.client.save()
    oud = w.toewijzing(JAN1)  # a switch to another provider in the period
    per = D(2017, 2, 12)
    tw.meld_stop(
        door=w.fenna,
        toewijzing=oud,
        einddatum=per - dt.timedelta(days=1),
        reden=WMO588RedenBeeindiging.OVERSTAP_AANBIEDER,
    )
    nieuw = tw.wissel_aanbieder(door=w.fenna, toewijzing=oud, nieuwe_aanbieder=w.zuid, per=per)
    tw.meld_start(door=w.fenna, toewijzing=nieuw, begindatum=per)

    regels = _verschuldigd(w.gemeente.pk, p02, vlak=False, via=False)
    assert len(regels) >= 9 and len({r[3] for r in regels}) >= 2
    assert _verschuldigd(w.gemeente.pk, p02, vlak=True, via=False) == regels
    assert _verschuldigd(w.gemeente.pk, p02, vlak=True, via=True) == regels
    assert _verschuldigd(w.gemeente.pk, p02, vlak=True, via=False, enkel=True) == regels
    assert _verschuldigd(w.gemeente.pk, p02, vlak=True, via=True, enkel=True) == regels

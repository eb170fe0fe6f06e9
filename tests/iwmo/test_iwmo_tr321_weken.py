"""TR321 for a toewijzing per week: the volume a product period (a month) may hold is computed as
IV077 says, and for huishoudelijke hulp (productcategorie 01) it is 6x the weekly volume (TR321's
toelichting). A claim over it gets 9321; a claim within it is approved."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from resultaat.core.codes import WJ756Eenheid, WMO020ProductCategorie, WMO757Frequentie
from resultaat.iwmo import voorbeeld as vb
from resultaat.iwmo import xml
from resultaat.iwmo.intake import verwerk
from resultaat.iwmo.models import DeclaratieRegel
from tests import factories as f

D = dt.date
TARIEF = 5000
_volgnummer = itertools.count(1)


@pytest.fixture(autouse=True)
def _iwmo_dir(settings, tmp_path):
    settings.IWMO_DIR = tmp_path / "iwmo"


def _toewijzing(gemeente, aanbieder, *, categorie, eenheid, begin, eind, volume):
    product = f.ProductFactory(code=f"W{next(_volgnummer)}", categorie=categorie, eenheid=eenheid)
    f.TariefFactory(product=product, bedrag_cent=TARIEF, geldig_van=D(2017, 1, 1))
    return f.ToewijzingFactory(
        client=f.ClientFactory(gemeente=gemeente),
        aanbieder=aanbieder,
        product=product,
        ingangsdatum=begin,
        einddatum=eind,
        volume=volume,
        eenheid=eenheid,
        frequentie=WMO757Frequentie.PER_WEEK,
    )


def _claim(t, begin: dt.date, eind: dt.date, volume: int) -> list[str]:
    """Send one 323 with one prestatie for ``begin``-``eind``; the retour codes of that prestatie in
    the 325 ([] when it is approved)."""
    n = next(_volgnummer)
    maand_begin = begin.replace(day=1)
    maand_eind = (maand_begin + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
    dagtekening = maand_eind + dt.timedelta(days=1)
    bedrag = volume * TARIEF
    data = vb.bericht_323(
        agb=t.aanbieder.agb_code,
        gemeente=t.gemeente.code,
        identificatie=f"D{n}",
        nummer=f"DEC{n}",
        begin=maand_begin,
        eind=maand_eind,
        dagtekening=dagtekening,
        clienten=[
            (
                t.client.bsn,
                [
                    vb.prestatie(
                        referentie=f"R{n}",
                        nummer=t.nummer,
                        categorie=t.product.categorie,
                        code=t.product.code,
                        begin=begin,
                        eind=eind,
                        volume=volume,
                        eenheid=t.eenheid,
                        tarief=TARIEF,
                        bedrag=bedrag,
                    )
                ],
            )
        ],
    )
    (u,) = verwerk([(f"d{n}.xml", data)])
    assert u.retour is not None, u.problemen
    berichttype, root = xml.lees(u.retour)
    assert berichttype == "WMO325"
    assert xml.valideer_xsd(berichttype, root) == []
    prestaties = root.findall(".//{*}Prestaties/{*}Prestatie")
    assert [c.text for c in root.find("{*}DeclaratieAntwoord/{*}RetourCodes")] == [
        "8001" if not prestaties else "0200"
    ]
    return [c.text for p in prestaties for c in p.find("{*}RetourCodes")]


def test_inspanningsgericht_counts_the_week_numbers_of_the_month(alkmaar, noord):
    """IV077, inspanningsgericht: the calendar weeks of the product period counted by week number.
    March 2026 begins on a Sunday and touches weeks 9 to 14: six weeks, so at 1 hour a week 6 hours
    fit (31 days would be only 5 whole weeks) and 7 is 9321. The example of IV077 (3 hours a week,
    7 October to 30 December 2025): October 12, November 15, December 15."""
    t = _toewijzing(
        alkmaar,
        noord,
        categorie=WMO020ProductCategorie.BEGELEIDING,
        eenheid=WJ756Eenheid.UUR,
        begin=D(2026, 3, 1),
        eind=D(2026, 3, 31),
        volume=1,
    )
    assert _claim(t, D(2026, 3, 1), D(2026, 3, 31), 7) == ["9321"]
    assert _claim(t, D(2026, 3, 1), D(2026, 3, 31), 6) == []

    t = _toewijzing(
        alkmaar,
        noord,
        categorie=WMO020ProductCategorie.BEGELEIDING,
        eenheid=WJ756Eenheid.UUR,
        begin=D(2025, 10, 7),
        eind=D(2025, 12, 30),
        volume=3,
    )
    assert _claim(t, D(2025, 10, 7), D(2025, 10, 31), 13) == ["9321"]
    assert _claim(t, D(2025, 10, 7), D(2025, 10, 31), 12) == []
    assert _claim(t, D(2025, 11, 1), D(2025, 11, 30), 16) == ["9321"]
    assert _claim(t, D(2025, 11, 1), D(2025, 11, 30), 15) == []
    # Over the toewijzing 13 weeks (39 hours): after 27, December's 15 would make 42 (TR322).
    assert _claim(t, D(2025, 12, 1), D(2025, 12, 30), 15) == ["9322"]
    assert _claim(t, D(2025, 12, 1), D(2025, 12, 30), 12) == []


def test_outputgericht_counts_the_sundays_and_one_week_more_at_the_end(alkmaar, noord):
    """IV077, outputgericht (stuks output): the Sundays of the product period, plus one weekly volume
    in the period of the toewijzing's last Sunday when it does not end on a Sunday. 7 October to 31
    December 2025 at 1 a week: October 3 (the 12th, 19th and 26th), November 5, December 4 + 1."""
    t = _toewijzing(
        alkmaar,
        noord,
        categorie=WMO020ProductCategorie.BEGELEIDING,
        eenheid=WJ756Eenheid.STUKS_OUTPUT,
        begin=D(2025, 10, 7),
        eind=D(2025, 12, 31),
        volume=1,
    )
    assert _claim(t, D(2025, 10, 7), D(2025, 10, 31), 4) == ["9321"]
    assert _claim(t, D(2025, 10, 7), D(2025, 10, 31), 3) == []
    assert _claim(t, D(2025, 11, 1), D(2025, 11, 30), 5) == []
    assert _claim(t, D(2025, 12, 1), D(2025, 12, 31), 6) == ["9321"]
    assert _claim(t, D(2025, 12, 1), D(2025, 12, 31), 5) == []
    assert DeclaratieRegel.objects.filter(toegekend=True).count() == 3


def test_outputgericht_the_extra_week_goes_to_the_period_of_the_last_sunday(alkmaar, noord):
    """IV077's second example: 7 July to 5 September 2025 (a Friday). The last Sunday is 31 August, so
    August holds 5 + 1 weekly volumes and the days of September none."""
    t = _toewijzing(
        alkmaar,
        noord,
        categorie=WMO020ProductCategorie.BEGELEIDING,
        eenheid=WJ756Eenheid.STUKS_OUTPUT,
        begin=D(2025, 7, 7),
        eind=D(2025, 9, 5),
        volume=1,
    )
    assert _claim(t, D(2025, 7, 7), D(2025, 7, 31), 3) == []
    assert _claim(t, D(2025, 8, 1), D(2025, 8, 31), 7) == ["9321"]
    assert _claim(t, D(2025, 8, 1), D(2025, 8, 31), 6) == []
    assert _claim(t, D(2025, 9, 1), D(2025, 9, 5), 1) == ["9321"]


@pytest.mark.parametrize("eenheid", [WJ756Eenheid.UUR, WJ756Eenheid.STUKS_OUTPUT])
def test_huishoudelijke_hulp_per_week_may_claim_6x_the_weekly_volume_in_a_month(alkmaar, noord, eenheid):
    """TR321 (toelichting) and IV077: for huishoudelijke hulp (productcategorie 01) per week a product
    period may hold 6x the weekly volume, whatever its weeks. February 2021 is exactly 4 weeks: at
    3 a week 18 fits and 19 is 9321. The sum over the toewijzing still counts (TR322): 1 February to
    28 March is 8 weeks, 24; after 18, March has room for 6 and 7 is 9322."""
    t = _toewijzing(
        alkmaar,
        noord,
        categorie=WMO020ProductCategorie.HULP_BIJ_HET_HUISHOUDEN,
        eenheid=eenheid,
        begin=D(2021, 2, 1),
        eind=D(2021, 3, 28),
        volume=3,
    )
    assert _claim(t, D(2021, 2, 1), D(2021, 2, 28), 19) == ["9321"]
    assert _claim(t, D(2021, 2, 1), D(2021, 2, 28), 18) == []
    assert _claim(t, D(2021, 3, 1), D(2021, 3, 28), 7) == ["9322"]
    assert _claim(t, D(2021, 3, 1), D(2021, 3, 28), 6) == []

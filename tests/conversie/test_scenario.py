"""Conversion rules as data, computed per scenario: clients per product and band, cost before and after,
gains and losses, the personal conversations, the providers' revenue, and what cannot be converted."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from resultaat.conversie import services

pytestmark = pytest.mark.django_db

PER = dt.date(2026, 1, 1)
TARIEVEN = {"HH1": 2500, "HH2": 2800, "BG": 5500}


def scenario(door, gemeente, naam="Catalogus", **kw):
    return services.maak_standaardscenario(
        door=door, gemeente=gemeente, naam=naam, omzetdatum=PER, uurtarieven=TARIEVEN, **kw
    )


def test_a_scenario_from_the_catalogue_bands(contractmanager, alkmaar, caseload, tarieven, noord, zuid):
    v = services.vergelijk([scenario(contractmanager, alkmaar)])[0]

    assert v.indicaties == 6  # Heiloo's, the ended and the converted one are left out
    per_product = {p.product: p.clienten for p in v.producten}
    assert per_product == {
        "Begeleiding midden": 1,
        "Huishoudelijke ondersteuning Basis -1": 1,
        "Huishoudelijke ondersteuning Basis": 2,
        "Huishoudelijke ondersteuning Basis+1": 1,
    }
    (niet,) = v.niet_omgezet
    assert niet.reden == "geen omzetregel voor HH2 met 360 minuten per week"
    # Before: hours x hourly tariff x 52; after: 13 periods of four weeks x the band's tariff.
    voor = round(52 * (1 * 2500 + 2 * 2500 + 2.5 * 2800 + 2.1 * 2800 + 3 * 5500))
    assert v.voor_cent == voor
    assert v.na_cent == 13 * (12000 + 16000 + 24000 + 16000 + 50000)
    assert (v.meer_hulp, v.minder_hulp, v.gelijk, v.zonder_tijdmaat) == (2, 2, 0, 1)
    assert v.gesprekken == []  # the 8% and 13% drops stay under the 20% of this scenario
    omzet = {a.aanbieder: (a.clienten, a.voor_cent, a.na_cent) for a in v.aanbieders}
    assert omzet[noord.naam][0] == 2
    assert omzet[zuid.naam] == (
        3,
        round(52 * (2.5 * 2800 + 2.1 * 2800 + 3 * 5500)),
        13 * (24000 + 16000 + 50000),
    )


def test_scenarios_differ_and_flag_clients_for_a_conversation(contractmanager, alkmaar, caseload, tarieven):
    ruim = scenario(contractmanager, alkmaar, naam="Ruim", verschuiving_minuten=-15)
    streng = scenario(
        contractmanager, alkmaar, naam="Streng", verschuiving_minuten=30, gesprek_vanaf_procent=10
    )
    v_ruim, v_streng = services.vergelijk([ruim, streng])
    assert v_ruim.na_cent > v_streng.na_cent
    # Strict (+30): 120 min to Basis -1 (75 min, -38%), 150 to Basis (110 min, -27%), 126 to Basis (-13%).
    assert sorted(g.daling_procent for g in v_streng.gesprekken) == [13, 27, 38]
    assert all(g.minuten_na < g.minuten_voor for g in v_streng.gesprekken)
    assert v_ruim.gesprekken == []


def test_rules_and_tariffs_are_checked(contractmanager, alice, alkmaar, heiloo, tarieven):
    with pytest.raises(PermissionDenied):
        scenario(alice, alkmaar)
    with pytest.raises(ValidationError):
        scenario(contractmanager, heiloo)
    with pytest.raises(ValidationError, match="licht moet onder"):
        scenario(contractmanager, alkmaar, licht_tot_minuten=300, midden_tot_minuten=200)
    scenario(contractmanager, alkmaar)
    with pytest.raises(ValidationError):
        scenario(contractmanager, alkmaar)


def test_missing_hourly_tariff_or_product_tariff_is_reported(contractmanager, alkmaar, caseload):
    s = services.maak_standaardscenario(
        door=contractmanager, gemeente=alkmaar, naam="Zonder", omzetdatum=PER, uurtarieven={"HH1": 2500}
    )
    v = services.vergelijk([s])[0]
    redenen = sorted({n.reden for n in v.niet_omgezet})
    assert "geen uurtarief voor HH2 in dit scenario" in redenen
    assert any("heeft geen tarief op 01-01-2026" in r for r in redenen)
    assert v.omgezet == 0

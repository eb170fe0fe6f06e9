"""The eigen bijdrage: each year's amount, the gemeente's own rate, every exemption with its reason,
both triggers, the household that pays once, and death stopping it from the next month."""

from __future__ import annotations

import datetime as dt

import pytest

from resultaat.core.codes import WMO020ProductCategorie as Cat
from resultaat.eigen_bijdrage import regels
from resultaat.eigen_bijdrage.models import (
    EigenBijdrageInstelling,
    GeenBijdrage,
    GemeenteTarief,
    Huisgenoot,
    IndividueleVrijstelling,
    Rol,
    Trigger,
    Vrijstelling,
)
from resultaat.eigen_bijdrage.services import eigen_bijdrage_voor
from tests import factories as f

D = dt.date
pytestmark = pytest.mark.django_db
GEBOREN = D(1950, 5, 17)
INGANG = D(2026, 1, 15)


def client_met_zorg(
    gemeente,
    *,
    geboren=GEBOREN,
    ingang=INGANG,
    eind=None,
    categorie=Cat.HULP_BIJ_HET_HUISHOUDEN,
    **kw,
):
    client = f.ClientFactory(gemeente=gemeente, geboortedatum=geboren)
    toewijzing = f.ToewijzingFactory(
        client=client,
        ingangsdatum=ingang,
        einddatum=eind,
        product=f.ProductFactory(categorie=categorie),
        **kw,
    )
    return client, toewijzing


@pytest.mark.parametrize(
    ("jaar", "bedrag", "per"),
    [
        (2019, 1750, "per periode van 4 weken"),
        (2020, 1900, "per maand"),
        (2021, 1900, "per maand"),
        (2022, 1900, "per maand"),
        (2023, 1900, "per maand"),
        (2024, 2060, "per maand"),
        (2025, 2100, "per maand"),
        (2026, 2180, "per maand"),
    ],
)
def test_elk_jaar_het_abonnementstarief_van_dat_jaar(alkmaar, jaar, bedrag, per):
    client, _ = client_met_zorg(alkmaar, ingang=D(2018, 6, 1))
    uit = eigen_bijdrage_voor(client, D(jaar, 6, 10))
    assert uit.bedrag_cent == bedrag
    assert per in uit.tekst
    assert uit.vanaf == D(2018, 7, 1)


def test_een_jaar_zonder_vastgesteld_tarief_zegt_dat_het_bedrag_nog_niet_bekend_is(alkmaar):
    client, _ = client_met_zorg(alkmaar, ingang=D(2026, 6, 1))
    uit = eigen_bijdrage_voor(client, D(2030, 1, 10))
    assert uit.bedrag_cent is None and "het bedrag voor 2030 is nog niet bekend" in uit.tekst
    assert "In 2026 was het € 21,80 per maand." in uit.tekst


def test_eigen_lager_tarief_van_de_gemeente(alkmaar, heiloo):
    GemeenteTarief.objects.create(gemeente=alkmaar, jaar=2026, bedrag_cent=1500)
    client, _ = client_met_zorg(alkmaar)
    ander, _ = client_met_zorg(heiloo)
    uit = eigen_bijdrage_voor(client, D(2026, 3, 1))
    assert uit.bedrag_cent == 1500
    assert "€ 15,00 per maand (het tarief van de gemeente Alkmaar voor 2026)" in uit.tekst
    assert eigen_bijdrage_voor(ander, D(2026, 3, 1)).bedrag_cent == 2180


def test_een_eigen_tarief_hoger_dan_het_maximum_telt_niet(alkmaar):
    GemeenteTarief.objects.create(gemeente=alkmaar, jaar=2026, bedrag_cent=9900)
    client, _ = client_met_zorg(alkmaar)
    assert eigen_bijdrage_voor(client, D(2026, 3, 1)).bedrag_cent == 2180


def test_betalen_vanaf_de_maand_na_de_start(alkmaar):
    client, _ = client_met_zorg(alkmaar, ingang=D(2026, 1, 15))
    uit = eigen_bijdrage_voor(client, D(2026, 1, 20))
    assert uit.vanaf == D(2026, 2, 1)
    assert "vanaf 1 februari 2026" in uit.tekst


# --- exemptions, each with its reason --------------------------------------------------------------


def test_vrijstelling_minderjarig_tot_de_achttiende_verjaardag(alkmaar):
    client, _ = client_met_zorg(alkmaar, geboren=D(2007, 4, 10), ingang=D(2024, 1, 1))
    uit = eigen_bijdrage_voor(client, D(2024, 2, 1))
    assert uit.reden == Vrijstelling.MINDERJARIG
    assert "jonger dan 18 jaar" in uit.tekst
    na = eigen_bijdrage_voor(client, D(2025, 6, 1))
    assert na.bedrag_cent == 2100 and na.vanaf == D(2025, 5, 1)


def test_een_woningaanpassing_voor_een_minderjarige_heeft_wel_eigen_bijdrage(alkmaar):
    client, _ = client_met_zorg(
        alkmaar, geboren=D(2015, 4, 10), categorie=Cat.WOONVOORZIENINGEN, budget_cent=300000
    )
    assert eigen_bijdrage_voor(client, D(2026, 3, 1)).bedrag_cent == 2180


def test_vrijstelling_partner_onder_de_aow_leeftijd(alkmaar):
    client, _ = client_met_zorg(alkmaar, geboren=D(1950, 1, 1))
    Huisgenoot.objects.create(
        client=client, rol=Rol.PARTNER, naam="P. Jansen", geboortedatum=D(1962, 1, 1), vanaf=D(2000, 1, 1)
    )
    uit = eigen_bijdrage_voor(client, D(2026, 3, 1))
    assert uit.reden == Vrijstelling.PARTNER_ONDER_AOW
    assert "de AOW-leeftijd nog niet" in uit.tekst


def test_partner_boven_de_aow_leeftijd_geeft_geen_vrijstelling(alkmaar):
    client, _ = client_met_zorg(alkmaar, geboren=D(1950, 1, 1))
    Huisgenoot.objects.create(
        client=client, rol=Rol.PARTNER, geboortedatum=D(1952, 1, 1), vanaf=D(2000, 1, 1)
    )
    assert eigen_bijdrage_voor(client, D(2026, 3, 1)).bedrag_cent == 2180


def test_een_kind_in_huis_geeft_geen_partnervrijstelling(alkmaar):
    client, _ = client_met_zorg(alkmaar, geboren=D(1985, 1, 1))
    Huisgenoot.objects.create(client=client, rol=Rol.KIND, geboortedatum=D(2015, 1, 1), vanaf=D(2015, 1, 1))
    assert eigen_bijdrage_voor(client, D(2026, 3, 1)).bedrag_cent == 2180


def test_aow_leeftijd_volgt_de_tabel():
    assert not regels.heeft_aow_leeftijd(D(1957, 6, 1), D(2024, 5, 31))
    assert regels.heeft_aow_leeftijd(D(1957, 6, 1), D(2024, 6, 1))
    assert not regels.heeft_aow_leeftijd(D(1956, 1, 1), D(2022, 7, 31))  # 66 en 7 maanden in 2022
    assert regels.heeft_aow_leeftijd(D(1956, 1, 1), D(2022, 8, 1))


def test_vrijstelling_wlz_bijdrage_van_het_huishouden(alkmaar):
    client, _ = client_met_zorg(alkmaar)
    IndividueleVrijstelling.objects.create(client=client, reden=Vrijstelling.WLZ, vanaf=D(2026, 2, 1))
    assert eigen_bijdrage_voor(client, D(2026, 1, 20)).bedrag_cent == 2180
    uit = eigen_bijdrage_voor(client, D(2026, 3, 1))
    assert uit.reden == Vrijstelling.WLZ and "Wlz" in uit.tekst


def test_vrijstelling_minimabeleid(alkmaar):
    client, _ = client_met_zorg(alkmaar)
    IndividueleVrijstelling.objects.create(client=client, reden=Vrijstelling.MINIMA, vanaf=D(2026, 1, 1))
    assert eigen_bijdrage_voor(client, D(2026, 3, 1)).reden == Vrijstelling.MINIMA


def test_vrijstelling_collectief_vervoer_als_de_gemeente_die_categorie_vrijstelt(alkmaar):
    EigenBijdrageInstelling.objects.create(gemeente=alkmaar, vrijgestelde_categorieen=[Cat.VERVOERDIENSTEN])
    client, _ = client_met_zorg(alkmaar, categorie=Cat.VERVOERDIENSTEN)
    uit = eigen_bijdrage_voor(client, D(2026, 3, 1))
    assert uit.reden == GeenBijdrage.PRODUCT
    assert "de gemeente vraagt voor deze ondersteuning geen eigen bijdrage" in uit.tekst
    assert regels.bijdrageperioden(client) == []


def test_vrijstelling_van_een_product_dat_de_gemeente_kiest(alkmaar):
    client, toewijzing = client_met_zorg(alkmaar)
    instelling = EigenBijdrageInstelling.objects.create(gemeente=alkmaar)
    assert eigen_bijdrage_voor(client, D(2026, 3, 1)).bedrag_cent == 2180
    instelling.vrijgestelde_producten.add(toewijzing.product)
    assert eigen_bijdrage_voor(client, D(2026, 3, 1)).reden == GeenBijdrage.PRODUCT


def test_beschermd_wonen_valt_buiten_het_abonnementstarief(alkmaar):
    client, _ = client_met_zorg(alkmaar, categorie=Cat.BESCHERMD_WONEN)
    uit = eigen_bijdrage_voor(client, D(2026, 3, 1))
    assert uit.reden == GeenBijdrage.BESCHERMD_WONEN
    assert "beschermd wonen" in uit.tekst


def test_kostprijs_hulpmiddel_stopt_de_bijdrage_als_die_betaald_is(alkmaar):
    # € 570 at € 19,00 a month: 30 months, January 2021 to June 2023 (domain/NOTES.md 1.2).
    client, _ = client_met_zorg(
        alkmaar, ingang=D(2020, 12, 15), categorie=Cat.OVERIGE_HULPMIDDELEN, budget_cent=57000
    )
    juni = eigen_bijdrage_voor(client, D(2023, 6, 10))
    assert juni.bedrag_cent == 1900 and "nooit meer dan de kostprijs van € 570,00" in juni.tekst
    juli = eigen_bijdrage_voor(client, D(2023, 7, 1))
    assert juli.reden == GeenBijdrage.KOSTPRIJS
    assert "al helemaal betaald" in juli.tekst


def test_kostprijs_geldt_niet_naast_andere_ondersteuning(alkmaar):
    client, _ = client_met_zorg(
        alkmaar, ingang=D(2020, 12, 15), categorie=Cat.OVERIGE_HULPMIDDELEN, budget_cent=57000
    )
    f.ToewijzingFactory(client=client, ingangsdatum=D(2021, 1, 1))
    assert eigen_bijdrage_voor(client, D(2023, 7, 1)).bedrag_cent == 1900


def test_vrijstelling_uit_de_beschikking_voor_producten(alkmaar):
    client = f.ClientFactory(gemeente=alkmaar)
    bw = f.ProductFactory(categorie=Cat.BESCHERMD_WONEN)
    hbh = f.ProductFactory()
    assert eigen_bijdrage_voor(client, D(2026, 3, 1), producten=[bw]).reden == GeenBijdrage.BESCHERMD_WONEN
    beide = eigen_bijdrage_voor(client, D(2026, 3, 5), producten=[bw, hbh])
    assert beide.bedrag_cent == 2180 and beide.vanaf == D(2026, 4, 1)


# --- start and stop per person, by the gemeente's trigger ------------------------------------------------


def test_trigger_toewijzing_start_op_de_ingangsdatum_van_de_toewijzing(alkmaar):
    client, toewijzing = client_met_zorg(alkmaar, ingang=D(2026, 1, 15), eind=D(2026, 6, 30))
    f.LeveringFactory(toewijzing=toewijzing, begindatum=D(2026, 3, 2))
    assert regels.bijdrageperioden(client) == [regels.Periode(D(2026, 1, 15), D(2026, 6, 30), None)]


def test_trigger_levering_start_op_het_startbericht(alkmaar):
    EigenBijdrageInstelling.objects.create(gemeente=alkmaar, trigger=Trigger.LEVERING)
    client, toewijzing = client_met_zorg(alkmaar, ingang=D(2026, 1, 15))
    assert regels.bijdrageperioden(client) == []
    assert eigen_bijdrage_voor(client, D(2026, 2, 1)).reden == GeenBijdrage.GEEN_VOORZIENING
    f.LeveringFactory(
        toewijzing=toewijzing, begindatum=D(2026, 3, 2), einddatum=D(2026, 8, 20), reden_beeindiging="19"
    )
    assert regels.bijdrageperioden(client) == [regels.Periode(D(2026, 3, 2), D(2026, 8, 20), None)]
    assert eigen_bijdrage_voor(client, D(2026, 3, 10)).vanaf == D(2026, 4, 1)


def test_start_bij_de_eerste_en_stop_bij_de_laatste_voorziening(alkmaar):
    client, _ = client_met_zorg(alkmaar, ingang=D(2026, 1, 15), eind=D(2026, 6, 30))
    f.ToewijzingFactory(client=client, ingangsdatum=D(2026, 3, 1), einddatum=D(2026, 9, 30))
    f.ToewijzingFactory(client=client, ingangsdatum=D(2026, 12, 1), einddatum=None)
    assert regels.bijdrageperioden(client) == [
        regels.Periode(D(2026, 1, 15), D(2026, 9, 30), None),
        regels.Periode(D(2026, 12, 1), None, None),
    ]


def test_een_geretourneerde_toewijzing_telt_niet(alkmaar):
    client, _ = client_met_zorg(alkmaar, geretourneerd=True)
    assert regels.bijdrageperioden(client) == []


def test_overlijden_stopt_de_eigen_bijdrage_vanaf_de_volgende_maand(alkmaar):
    client, _ = client_met_zorg(alkmaar, ingang=D(2025, 6, 1))
    client.overlijdensdatum = D(2026, 3, 14)
    client.save()
    assert eigen_bijdrage_voor(client, D(2026, 3, 31)).bedrag_cent == 2180  # the month of death in full
    april = eigen_bijdrage_voor(client, D(2026, 4, 1))
    assert april.bedrag_cent is None and april.reden == GeenBijdrage.OVERLEDEN
    assert regels.bijdrageperioden(client) == [regels.Periode(D(2025, 6, 1), D(2026, 3, 14), None)]


# --- the household pays once -----------------------------------------------------------------------------


def test_huishouden_van_twee_clienten_betaalt_een_keer(alkmaar):
    a, _ = client_met_zorg(alkmaar, geboren=D(1948, 2, 2), ingang=D(2026, 1, 10))
    b, _ = client_met_zorg(alkmaar, geboren=D(1949, 3, 3), ingang=D(2026, 2, 20))
    Huisgenoot.objects.create(
        client=a, rol=Rol.PARTNER, geboortedatum=b.geboortedatum, als_client=b, vanaf=D(1975, 1, 1)
    )
    maart = [eigen_bijdrage_voor(c, D(2026, 3, 1)) for c in (a, b)]
    assert sum(e.bedrag_cent or 0 for e in maart) == 2180
    assert maart[0].bedrag_cent == 2180
    assert maart[1].reden == Vrijstelling.AL_WMO
    assert "betaalt al het abonnementstarief" in maart[1].tekst


def test_na_overlijden_van_de_betalende_partner_betaalt_de_ander(alkmaar):
    a, _ = client_met_zorg(alkmaar, geboren=D(1948, 2, 2), ingang=D(2026, 1, 10))
    b, _ = client_met_zorg(alkmaar, geboren=D(1949, 3, 3), ingang=D(2026, 2, 20))
    Huisgenoot.objects.create(
        client=b, rol=Rol.PARTNER, geboortedatum=a.geboortedatum, als_client=a, vanaf=D(1975, 1, 1)
    )
    a.overlijdensdatum = D(2026, 5, 3)
    a.save()
    mei = [eigen_bijdrage_voor(c, D(2026, 5, 1)).bedrag_cent or 0 for c in (a, b)]
    juni = [eigen_bijdrage_voor(c, D(2026, 6, 1)).bedrag_cent or 0 for c in (a, b)]
    assert mei == [2180, 0]
    assert juni == [0, 2180]


def test_huisgenoot_en_vrijstelling_vastleggen_met_controles(alkmaar, heiloo, alice):
    from django.core.exceptions import ValidationError

    from resultaat.eigen_bijdrage.services import leg_huisgenoot_vast, leg_vrijstelling_vast

    client, _ = client_met_zorg(alkmaar)
    partner = f.ClientFactory(gemeente=alkmaar, geboortedatum=D(1951, 2, 3))
    h = leg_huisgenoot_vast(
        door=alice,
        client=client,
        rol=Rol.PARTNER,
        geboortedatum=D(1900, 1, 1),
        vanaf=D(1980, 1, 1),
        als_client=partner,
    )
    assert h.geboortedatum == D(1951, 2, 3)
    with pytest.raises(ValidationError, match="al een partner"):
        leg_huisgenoot_vast(
            door=alice, client=client, rol=Rol.PARTNER, geboortedatum=D(1960, 1, 1), vanaf=D(2020, 1, 1)
        )
    with pytest.raises(ValidationError, match="andere gemeente"):
        leg_huisgenoot_vast(
            door=alice,
            client=client,
            rol=Rol.PARTNER,
            geboortedatum=D(1960, 1, 1),
            vanaf=D(2020, 1, 1),
            als_client=f.ClientFactory(gemeente=heiloo),
        )
    with pytest.raises(ValidationError, match="na de begindatum"):
        leg_vrijstelling_vast(
            door=alice, client=client, reden=Vrijstelling.MINIMA, vanaf=D(2026, 2, 1), tot=D(2026, 1, 1)
        )
    leg_vrijstelling_vast(door=alice, client=client, reden=Vrijstelling.MINIMA, vanaf=D(2026, 1, 1))
    assert Huisgenoot.objects.count() == 1 and IndividueleVrijstelling.objects.count() == 1

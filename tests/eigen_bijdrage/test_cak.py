"""The delivery to the CAK: a WMO405 for a month of mutations, nothing sent twice, corrections resent,
and the WMO406 answers with the rejections on the worklist."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from lxml import etree

from resultaat.core.codes import WMO020ProductCategorie as Cat
from resultaat.eigen_bijdrage import cak
from resultaat.eigen_bijdrage.cak_export import NS, IebXmlExporter, Wmo406, Wmo406Regel
from resultaat.eigen_bijdrage.models import CakMelding, MeldingSoort, MeldingStatus
from resultaat.werklijst.models import WerklijstItem, WerklijstSoort
from tests import factories as f

D = dt.date
pytestmark = pytest.mark.django_db
E = {"e": NS}


def zorg(client, ingang, eind=None, **kw):
    return f.ToewijzingFactory(client=client, ingangsdatum=ingang, einddatum=eind, **kw)


@pytest.fixture
def maart(alkmaar, alice):
    """A month of mutations in Alkmaar: two starts, a stop, a death, and a hulpmiddel with its kostprijs."""
    start = f.ClientFactory(gemeente=alkmaar, achternaam="Start")
    zorg(start, D(2026, 3, 9))
    stop = f.ClientFactory(gemeente=alkmaar, achternaam="Stop")
    zorg(stop, D(2025, 10, 1), D(2026, 3, 31))
    overleden = f.ClientFactory(gemeente=alkmaar, achternaam="Overleden", overlijdensdatum=D(2026, 3, 20))
    zorg(overleden, D(2025, 1, 1))
    rolstoel = f.ClientFactory(gemeente=alkmaar, achternaam="Rolstoel")
    zorg(rolstoel, D(2026, 3, 2), product=f.ProductFactory(categorie=Cat.ROLSTOELEN), budget_cent=57000)
    later = f.ClientFactory(gemeente=alkmaar, achternaam="Later")
    zorg(later, D(2026, 4, 1))  # starts next month: not in March's file
    vervoer = f.ClientFactory(gemeente=alkmaar, achternaam="Beschermd")
    zorg(vervoer, D(2026, 3, 1), product=f.ProductFactory(categorie=Cat.BESCHERMD_WONEN))
    return {"start": start, "stop": stop, "overleden": overleden, "rolstoel": rolstoel, "later": later}


def regels_van(bericht):
    root = etree.fromstring(bericht.inhoud.encode())
    uit = {}
    for c in root.iterfind("e:Clienten/e:Client", E):
        naam = c.findtext("e:Naam/e:Achternaam", namespaces=E)
        uit[naam] = {
            "mutatie": c.findtext("e:Mutatie", namespaces=E),
            "begin": c.findtext("e:EigenBijdrage/e:Begindatum", namespaces=E),
            "eind": c.findtext("e:EigenBijdrage/e:Einddatum", namespaces=E),
            "kostprijs": c.findtext("e:EigenBijdrage/e:Kostprijs", namespaces=E),
            "bsn": c.findtext("e:Bsn", namespaces=E),
        }
    return root, uit


def test_wmo405_voor_een_maand_met_mutaties(alkmaar, alice, maart):
    bericht = cak.maak_wmo405(door=alice, gemeente=alkmaar, maand=D(2026, 3, 1), dagtekening=D(2026, 4, 1))
    assert bericht is not None
    assert bericht.bestandsnaam == "WMO405_0361_202603_0361-405-202603-001.xml"
    root, uit = regels_van(bericht)
    assert root.findtext("e:Header/e:BerichtCode", namespaces=E) == "405"
    assert root.findtext("e:Header/e:Afzender", namespaces=E) == "0361"
    assert root.findtext("e:Header/e:Periode", namespaces=E) == "2026-03"
    assert uit == {
        "Start": {
            "mutatie": "start",
            "begin": "2026-03-09",
            "eind": None,
            "kostprijs": None,
            "bsn": maart["start"].bsn,
        },
        "Stop": {
            "mutatie": "start",
            "begin": "2025-10-01",
            "eind": "2026-03-31",
            "kostprijs": None,
            "bsn": maart["stop"].bsn,
        },
        "Overleden": {
            "mutatie": "start",
            "begin": "2025-01-01",
            "eind": "2026-03-20",
            "kostprijs": None,
            "bsn": maart["overleden"].bsn,
        },
        "Rolstoel": {
            "mutatie": "start",
            "begin": "2026-03-02",
            "eind": None,
            "kostprijs": "57000",
            "bsn": maart["rolstoel"].bsn,
        },
    }


def test_niets_twee_keer_en_de_stop_gaat_als_eigen_melding(alkmaar, alice, maart):
    cak.maak_wmo405(door=alice, gemeente=alkmaar, maand=D(2026, 3, 1))
    with pytest.raises(ValidationError, match=r"De WMO405 voor maart 2026 is al op .* verstuurd"):
        cak.maak_wmo405(door=alice, gemeente=alkmaar, maand=D(2026, 3, 1))
    toewijzing = maart["start"].toewijzingen.get()
    toewijzing.einddatum = D(2026, 4, 30)
    toewijzing.save()
    april = cak.maak_wmo405(door=alice, gemeente=alkmaar, maand=D(2026, 4, 1))
    _, uit = regels_van(april)
    assert uit["Start"]["mutatie"] == "stop" and uit["Start"]["eind"] == "2026-04-30"
    assert uit["Later"]["mutatie"] == "start"
    assert set(uit) == {"Start", "Later"}
    stop = CakMelding.objects.get(bericht=april, client=maart["start"])
    assert stop.vorige.bericht.periode == D(2026, 3, 1)


def test_een_gewijzigde_begindatum_gaat_opnieuw_als_correctie(alkmaar, alice, maart):
    cak.maak_wmo405(door=alice, gemeente=alkmaar, maand=D(2026, 3, 1))
    toewijzing = maart["start"].toewijzingen.get()
    toewijzing.ingangsdatum = D(2026, 3, 16)
    toewijzing.save()
    bericht = cak.maak_wmo405(door=alice, gemeente=alkmaar, maand=D(2026, 4, 1))
    root, uit = regels_van(bericht)
    assert set(uit) == {"Start", "Later"}
    assert {"Start": uit["Start"]} == {
        "Start": {
            "mutatie": "correctie",
            "begin": "2026-03-16",
            "eind": None,
            "kostprijs": None,
            "bsn": maart["start"].bsn,
        }
    }
    vorige = root.findtext("e:Clienten/e:Client/e:VorigeReferentie", namespaces=E)
    assert vorige == CakMelding.objects.get(client=maart["start"], soort=MeldingSoort.START).referentie


def test_een_vervallen_periode_wordt_ingetrokken(alkmaar, alice, maart):
    cak.maak_wmo405(door=alice, gemeente=alkmaar, maand=D(2026, 3, 1))
    maart["start"].toewijzingen.update(reactie="geretourneerd")
    bericht = cak.maak_wmo405(door=alice, gemeente=alkmaar, maand=D(2026, 4, 1))
    _, uit = regels_van(bericht)
    assert uit["Start"]["mutatie"] == "intrekking"
    assert cak.maak_wmo405(door=alice, gemeente=alkmaar, maand=D(2026, 5, 1)) is None


def antwoord(bericht, afgekeurd=(), referentie="CAK-406-1"):
    regels = [
        Wmo406Regel(
            m.referentie,
            "X001" if m.client.achternaam in afgekeurd else "0200",
            "BSN onbekend in BRP" if m.client.achternaam in afgekeurd else "",
        )
        for m in bericht.meldingen.select_related("client")
    ]
    return IebXmlExporter().schrijf_406(Wmo406(referentie, bericht.referentie, D(2026, 4, 3), regels))


def test_wmo406_afgekeurde_melding_komt_op_de_werklijst(alkmaar, alice, maart):
    bericht = cak.maak_wmo405(door=alice, gemeente=alkmaar, maand=D(2026, 3, 1))
    cak.verwerk_wmo406(door=alice, gemeente=alkmaar, inhoud=antwoord(bericht, afgekeurd={"Stop"}))
    statussen = {m.client.achternaam: m.status for m in bericht.meldingen.select_related("client")}
    assert statussen["Stop"] == MeldingStatus.AFGEKEURD
    assert statussen["Start"] == MeldingStatus.GOEDGEKEURD
    item = WerklijstItem.objects.get(client=maart["stop"])
    assert item.soort == WerklijstSoort.RETOUR
    assert (
        "het CAK heeft de start per 01-10-2025 afgekeurd (code X001: BSN onbekend in BRP)"
        in item.omschrijving
    )
    assert WerklijstItem.objects.count() == 1
    # unchanged data is not resent; once the consulent corrects it, the next delivery carries it
    assert (
        cak.maak_wmo405(door=alice, gemeente=alkmaar, maand=D(2026, 4, 1))
        .meldingen.filter(client=maart["stop"])
        .count()
        == 0
    )
    maart["stop"].toewijzingen.update(ingangsdatum=D(2025, 10, 6))
    opnieuw = cak.maak_wmo405(door=alice, gemeente=alkmaar, maand=D(2026, 5, 1))
    assert opnieuw.meldingen.get(client=maart["stop"]).soort == MeldingSoort.START


def test_wmo406_wordt_een_keer_verwerkt_en_hoort_bij_een_verzonden_405(alkmaar, heiloo, alice, maart):
    bericht = cak.maak_wmo405(door=alice, gemeente=alkmaar, maand=D(2026, 3, 1))
    inhoud = antwoord(bericht)
    with pytest.raises(ValidationError, match="heeft Heiloo niet verstuurd"):
        cak.verwerk_wmo406(door=alice, gemeente=heiloo, inhoud=inhoud)
    cak.verwerk_wmo406(door=alice, gemeente=alkmaar, inhoud=inhoud)
    with pytest.raises(ValidationError, match="al verwerkt"):
        cak.verwerk_wmo406(door=alice, gemeente=alkmaar, inhoud=inhoud)
    with pytest.raises(ValidationError, match="geen geldige XML"):
        cak.verwerk_wmo406(door=alice, gemeente=alkmaar, inhoud="<kapot")


def test_wmo406_met_een_onbekende_melding_verandert_niets(alkmaar, alice, maart):
    bericht = cak.maak_wmo405(door=alice, gemeente=alkmaar, maand=D(2026, 3, 1))
    inhoud = IebXmlExporter().schrijf_406(
        Wmo406("CAK-9", bericht.referentie, D(2026, 4, 3), [Wmo406Regel("bestaat-niet", "X001", "")])
    )
    with pytest.raises(ValidationError, match="bestaat-niet"):
        cak.verwerk_wmo406(door=alice, gemeente=alkmaar, inhoud=inhoud)
    assert not bericht.meldingen.exclude(status=MeldingStatus.VERZONDEN).exists()


def test_commandos_maken_en_lezen_de_bestanden(alkmaar, maart, tmp_path, capsys):
    call_command("cak_wmo405", "--gemeente", "0361", "--maand", "2026-03", "--uit", str(tmp_path))
    bestand = next(tmp_path.glob("WMO405_0361_202603_*.xml"))
    assert "4 meldingen" in capsys.readouterr().out
    bericht = CakMelding.objects.first().bericht
    retour = tmp_path / "retour.xml"
    retour.write_text(antwoord(bericht, afgekeurd={"Rolstoel"}), encoding="utf-8")
    call_command("cak_wmo406", "--gemeente", "0361", str(retour))
    assert "4 meldingen, 1 afgekeurd" in capsys.readouterr().out
    assert bestand.read_text(encoding="utf-8") == bericht.inhoud


def test_een_maand_die_nog_niet_begonnen_is_wordt_geweigerd(alkmaar, alice, maart):
    volgende = cak.regels.volgende_maand(dt.date.today())
    with pytest.raises(ValidationError, match="nog niet begonnen"):
        cak.maak_wmo405(door=alice, gemeente=alkmaar, maand=volgende)
    assert not CakMelding.objects.exists()

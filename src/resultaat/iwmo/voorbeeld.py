"""Messages a provider sends (305, 307, 315, 317, 323), built from plain dicts with the standard's
element names: for the tests, the benchmark and demos. ``uit_dict`` is the inverse of ``naar_dict``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from lxml import etree

from resultaat.iwmo import xml

ENKELVOUD = {
    "Clienten": "Client",
    "Prestaties": "Prestatie",
    "StartProducten": "StartProduct",
    "StopProducten": "StopProduct",
    "AangevraagdeProducten": "AangevraagdProduct",
    "ToegewezenProducten": "ToegewezenProduct",
    "Relaties": "Relatie",
    "Contactgegevens": "Contact",
    "OngewijzigdeProducten": "OngewijzigdProduct",
    "TeWijzigenProducten": "TeWijzigenProduct",
    "NieuweProducten": "NieuwProduct",
    "RetourCodes": "RetourCode",
}


def _vul(parent: etree._Element, naam: str, waarde: Any, ns: str) -> None:
    if waarde is None:
        return
    el = etree.SubElement(parent, f"{{{xml.kind_ns(parent)}}}{naam}")
    if isinstance(waarde, dict):
        for k, v in waarde.items():
            _vul(el, k, v, ns)
    elif isinstance(waarde, list):
        for item in waarde:
            _vul(el, ENKELVOUD[naam], item, ns)
    else:
        el.text = waarde.isoformat() if isinstance(waarde, dt.date) else str(waarde)


def uit_dict(berichttype: str, inhoud: dict[str, Any]) -> bytes:
    ns = xml.namespace(berichttype)
    root = xml.nieuwe_root(berichttype)
    for k, v in inhoud.items():
        _vul(root, k, v, ns)
    return xml.serialiseer(root)


def header(
    berichttype: str, afzender: str, ontvanger: str, identificatie: str, dagtekening: dt.date
) -> dict[str, Any]:
    basis, bericht = xml.xsd_versies(berichttype)
    return {
        "BerichtCode": xml.BERICHTCODES[berichttype],
        "BerichtVersie": "3",
        "BerichtSubversie": "2",
        "Afzender": afzender,
        "Ontvanger": ontvanger,
        "BerichtIdentificatie": {"Identificatie": identificatie, "Dagtekening": dagtekening},
        "XsdVersie": {"BasisschemaXsdVersie": basis, "BerichtXsdVersie": bericht},
    }


def client_kort(
    bsn: str, achternaam: str = "Jansen", geboortedatum: dt.date = dt.date(1940, 5, 17)
) -> dict[str, Any]:
    return {
        "Bsn": bsn,
        "Geboortedatum": {"Datum": geboortedatum},
        "Geslacht": "0",
        "Naam": {"Geslachtsnaam": {"Achternaam": achternaam}},
    }


def _levering(
    berichttype: str,
    lijst: str,
    *,
    agb: str,
    gemeente: str,
    identificatie: str,
    bsn: str,
    producten: list[dict[str, Any]],
    dagtekening: dt.date = dt.date(2017, 2, 1),
    client: dict[str, Any] | None = None,
) -> bytes:
    return uit_dict(
        berichttype,
        {
            "Header": header(berichttype, agb, gemeente, identificatie, dagtekening),
            "Client": {**(client or client_kort(bsn)), lijst: producten},
        },
    )


def bericht_305(**velden: Any) -> bytes:
    """A start (305). ``producten``: dicts with ToewijzingNummer, Product?, ToewijzingIngangsdatum?,
    Begindatum, StatusAanlevering (in this order); further: agb, gemeente, identificatie, bsn,
    dagtekening (default 1 February 2017) and ``client`` (a :func:`client_kort`, default one with
    ``bsn``)."""
    return _levering("WMO305", "StartProducten", **velden)


def bericht_307(**velden: Any) -> bytes:
    """A stop (307), with the same arguments as :func:`bericht_305`."""
    return _levering("WMO307", "StopProducten", **velden)


def start(nummer: int, begindatum: dt.date, status: str = "1", **extra: Any) -> dict[str, Any]:
    d: dict[str, Any] = {"ToewijzingNummer": nummer}
    d.update({k: extra[k] for k in ("Product", "ToewijzingIngangsdatum") if k in extra})
    d["Begindatum"] = begindatum
    d["StatusAanlevering"] = status
    return d


def stop(
    nummer: int, begindatum: dt.date, einddatum: dt.date, reden: str, status: str = "1", **extra: Any
) -> dict[str, Any]:
    d: dict[str, Any] = {"ToewijzingNummer": nummer}
    d.update({k: extra[k] for k in ("Product", "ToewijzingIngangsdatum") if k in extra})
    d.update(
        {
            "Begindatum": begindatum,
            "RedenBeeindiging": reden,
            "Einddatum": einddatum,
            "StatusAanlevering": status,
        }
    )
    return d


def prestatie(
    *,
    referentie: str,
    nummer: int,
    categorie: str,
    code: str,
    begin: dt.date,
    eind: dt.date,
    eenheid: str,
    bedrag: int,
    volume: int = 1,
    tarief: int | None = None,
    debet_credit: str = "D",
    vorig: str | None = None,
) -> dict[str, Any]:
    """One prestatie of a 323, in the order of the standard. In euros (unit 83) there is no tariff and
    the volume is the amount."""
    return {
        "ProductReferentie": {"ReferentieNummer": referentie, "VorigReferentieNummer": vorig},
        "ToewijzingNummer": nummer,
        "ProductCategorie": categorie,
        "ProductCode": code,
        "ProductPeriode": {"Begindatum": begin, "Einddatum": eind},
        "GeleverdVolume": volume,
        "Eenheid": eenheid,
        "ProductTarief": tarief,
        "IngediendBedrag": {"Bedrag": bedrag, "DebetCredit": debet_credit},
    }


def bericht_323(
    *,
    agb: str,
    gemeente: str,
    identificatie: str,
    nummer: str,
    begin: dt.date,
    eind: dt.date,
    dagtekening: dt.date,
    clienten: list[tuple[str, list[dict[str, Any]]]],
    totaal: int | None = None,
) -> bytes:
    """A declaratie (323) for the month ``begin``-``eind``: per client (BSN) its prestaties
    (:func:`prestatie`). The total is the prestaties' debet minus credit unless ``totaal`` is given (to
    send a wrong one)."""
    if totaal is None:
        totaal = sum(
            p["IngediendBedrag"]["Bedrag"] * (-1 if p["IngediendBedrag"]["DebetCredit"] == "C" else 1)
            for _, prestaties in clienten
            for p in prestaties
        )
    return uit_dict(
        "WMO323",
        {
            "Header": header("WMO323", agb, gemeente, identificatie, dagtekening),
            "Declaratie": {
                "DeclaratieNummer": nummer,
                "DeclaratiePeriode": {"Begindatum": begin, "Einddatum": eind},
                "DeclaratieDagtekening": dagtekening,
                "TotaalIngediendBedrag": {
                    "TotaalBedrag": abs(totaal),
                    "DebetCredit": "C" if totaal < 0 else "D",
                },
                "Clienten": [{"Bsn": bsn, "Prestaties": prestaties} for bsn, prestaties in clienten],
            },
        },
    )

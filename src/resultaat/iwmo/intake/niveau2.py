"""Level 2: the rules within one message (header, BSN, statuses, dates, product codes, the 323's
totals). A message that breaks one gets a retour with the codes in its header and changes nothing."""

from __future__ import annotations

import calendar
import datetime as dt
from typing import Any

from resultaat.core.codes import WJ756Eenheid
from resultaat.core.validators import bsn_is_valid
from resultaat.iwmo import xml
from resultaat.iwmo.parse import Bericht as Gelezen
from resultaat.iwmo.regels import Probleem


def _maand(begin: dt.date, eind: dt.date) -> bool:
    return begin.day == 1 and eind == begin.replace(day=calendar.monthrange(begin.year, begin.month)[1])


def niveau_2(g: Gelezen, productcodes: set[tuple[str, str]], vandaag: dt.date) -> list[Probleem]:
    p: list[Probleem] = []
    h = g.header
    if (h.basisschema_xsd_versie, h.bericht_xsd_versie) != xml.xsd_versies(g.berichttype):
        p.append(Probleem("IV034", "/Bericht/Header/XsdVersie"))
    if h.dagtekening > vandaag:
        p.append(Probleem("TR135", "/Bericht/Header/BerichtIdentificatie/Dagtekening"))
    bsns = [g.bsn] if g.bsn else [bsn for bsn, _ in g.prestaties]
    for bsn in dict.fromkeys(bsns):
        if not bsn_is_valid(bsn):
            p.append(Probleem("BSN", "/Bericht/Client/Bsn", f"BSN eindigend op {bsn[-3:]}."))
    for prod in g.producten:
        if prod.status not in ("1", "3"):
            p.append(Probleem("CS058", prod.pad + "/StatusAanlevering"))
        if prod.einddatum is not None and prod.einddatum < prod.begindatum:
            p.append(Probleem("CD027", prod.pad + "/Einddatum"))
        if prod.categorie and prod.code and (prod.categorie, prod.code) not in productcodes:
            p.append(Probleem("TR381", prod.pad + "/Product"))
    if g.berichttype == "WMO323":
        p += _declaratie(g, productcodes)
    for gevraagd in aangevraagd(g):
        product = gevraagd.get("Product") or {}
        if product.get("Code") and (product["Categorie"], product["Code"]) not in productcodes:
            p.append(Probleem("TR381", gevraagd["_pad"] + "/Product"))
    return p


def _declaratie(g: Gelezen, productcodes: set[tuple[str, str]]) -> list[Probleem]:
    p: list[Probleem] = []
    d = g.inhoud["Declaratie"]
    begin = dt.date.fromisoformat(d["DeclaratiePeriode"]["Begindatum"])
    eind = dt.date.fromisoformat(d["DeclaratiePeriode"]["Einddatum"])
    if not _maand(begin, eind):
        p.append(Probleem("CS340", "/Bericht/Declaratie/DeclaratiePeriode"))
    totaal = sum(pr.bedrag_signed for _, pr in g.prestaties)
    opgegeven = int(d["TotaalIngediendBedrag"]["TotaalBedrag"])
    if d["TotaalIngediendBedrag"]["DebetCredit"] == "C":
        opgegeven = -opgegeven
    if totaal != opgegeven:
        p.append(Probleem("TR343", "/Bericht/Declaratie/TotaalIngediendBedrag"))
    for _, pr in g.prestaties:
        if pr.eenheid == WJ756Eenheid.EUROS and pr.volume != pr.bedrag:
            p.append(Probleem("CS339", pr.pad + "/GeleverdVolume"))
        if pr.einddatum < pr.begindatum:
            p.append(Probleem("CD027", pr.pad + "/ProductPeriode"))
        if (pr.categorie, pr.code) not in productcodes:
            p.append(Probleem("TR381", pr.pad + "/ProductCode"))
    return p


def aangevraagd(g: Gelezen) -> list[dict[str, Any]]:
    """The requested products of a 315 (AangevraagdeProducten) or 317 (NieuweProducten), with their path."""
    if g.berichttype == "WMO315":
        lijst = g.inhoud["Client"]["AangevraagdeProducten"]
        return [
            {**p, "_pad": f"/Bericht/Client/AangevraagdeProducten/AangevraagdProduct[{i}]"}
            for i, p in enumerate(lijst, 1)
        ]
    if g.berichttype == "WMO317":
        lijst = g.inhoud["Client"]["Verzoek"].get("NieuweProducten", [])
        return [
            {**p, "_pad": f"/Bericht/Client/Verzoek/NieuweProducten/NieuwProduct[{i}]"}
            for i, p in enumerate(lijst, 1)
        ]
    return []

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
            p.append(Probleem("CS002", "/Bericht/Client/Bsn", f"BSN eindigend op {bsn[-3:]}."))
    geboren = geboortedatum(g)
    if geboren is not None and g.berichttype in ("WMO305", "WMO307", "WMO315"):
        if geboren < _jaren_terug(h.dagtekening, 120):
            p.append(Probleem("TR002", "/Bericht/Client/Geboortedatum"))
    sleutels: set[tuple[Any, ...]] = set()
    for prod in g.producten:
        if prod.status not in ("1", "3"):
            p.append(Probleem("CS058", prod.pad + "/StatusAanlevering"))
        if prod.einddatum is not None and prod.einddatum < prod.begindatum:
            p.append(Probleem("TR018", prod.pad + "/Einddatum"))
        if prod.begindatum > h.dagtekening:
            p.append(Probleem("TR134", prod.pad + "/Begindatum"))
        if prod.categorie and prod.code and (prod.categorie, prod.code) not in productcodes:
            p.append(Probleem("TR381", prod.pad + "/Product"))
        sleutel = (prod.toewijzingnummer, prod.begindatum, prod.status)
        if sleutel in sleutels:
            p.append(Probleem("TR101", prod.pad))
        sleutels.add(sleutel)
    if g.berichttype == "WMO323":
        p += _declaratie(g, productcodes)
    if g.berichttype == "WMO317":
        p += _vow(g)
    referenties: set[str] = set()
    perioden: list[tuple[tuple[str, str], dt.date, dt.date]] = []
    for gevraagd in aangevraagd(g):
        product = gevraagd.get("Product") or {}
        if g.berichttype == "WMO315":
            if gevraagd["ReferentieAanbieder"] in referenties:
                p.append(Probleem("TR383", gevraagd["_pad"] + "/ReferentieAanbieder"))
            referenties.add(gevraagd["ReferentieAanbieder"])
            if bool(gevraagd.get("BeschikkingNummer")) != bool(gevraagd.get("BeschikkingIngangsdatum")):
                p.append(Probleem("CD043", gevraagd["_pad"] + "/BeschikkingIngangsdatum"))
        if product.get("Code"):
            soort = (str(product.get("Categorie", "")), str(product["Code"]))
            begin = dt.date.fromisoformat(
                gevraagd.get("ToewijzingIngangsdatum") or gevraagd.get("GewensteIngangsdatum") or "0001-01-01"
            )
            eind = dt.date.fromisoformat(
                gevraagd.get("ToewijzingEinddatum") or gevraagd.get("Einddatum") or "9999-12-31"
            )
            if any(q == soort and b <= eind and begin <= e for q, b, e in perioden):
                p.append(Probleem("TR386" if g.berichttype == "WMO315" else "TR410", gevraagd["_pad"]))
            perioden.append((soort, begin, eind))
        if product.get("Code") and (product["Categorie"], product["Code"]) not in productcodes:
            p.append(Probleem("TR381", gevraagd["_pad"] + "/Product"))
        if (
            g.berichttype == "WMO315"
            and product.get("Code")
            and not gevraagd.get("Omvang")
            and not gevraagd.get("Budget")
        ):
            p.append(Probleem("CD041", gevraagd["_pad"] + "/Omvang"))
        p += _omvang_regels(g.berichttype, gevraagd)
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
        p.append(Probleem("TR358", "/Bericht/Declaratie/TotaalIngediendBedrag"))
    if opgegeven == 0 and d["TotaalIngediendBedrag"]["DebetCredit"] != "D":
        p.append(Probleem("CS325", "/Bericht/Declaratie/TotaalIngediendBedrag/DebetCredit"))
    declaratiedag = dt.date.fromisoformat(d["DeclaratieDagtekening"])
    dagtekening = g.header.dagtekening
    refs = {pr.referentienummer for _, pr in g.prestaties}
    vorige: set[str] = set()
    debet: set[tuple[Any, ...]] = set()
    for _, pr in g.prestaties:
        if pr.eenheid == WJ756Eenheid.EUROS and pr.volume != pr.bedrag:
            p.append(Probleem("CS339", pr.pad + "/GeleverdVolume"))
        if pr.einddatum < pr.begindatum or pr.einddatum > dagtekening:
            p.append(Probleem("TR137", pr.pad + "/ProductPeriode/Einddatum"))
        elif (pr.begindatum.year, pr.begindatum.month) != (pr.einddatum.year, pr.einddatum.month):
            p.append(Probleem("CS337", pr.pad + "/ProductPeriode"))
        if (pr.categorie, pr.code) not in productcodes:
            p.append(Probleem("TR381", pr.pad + "/ProductCode"))
        if (pr.debet_credit == "C") != bool(pr.vorig_referentienummer):
            p.append(Probleem("CD060", pr.pad + "/ProductReferentie/VorigReferentieNummer"))
        if (pr.eenheid != WJ756Eenheid.EUROS) != (pr.tarief is not None):
            p.append(Probleem("CD087", pr.pad + "/ProductTarief"))
        if pr.bedrag == 0 and pr.debet_credit != "D":
            p.append(Probleem("CS325", pr.pad + "/IngediendBedrag/DebetCredit"))
        if pr.einddatum < _jaren_terug(declaratiedag, 5):
            p.append(Probleem("TR335", pr.pad + "/ProductPeriode/Einddatum"))
        if pr.vorig_referentienummer:
            if pr.vorig_referentienummer in vorige:
                p.append(Probleem("TR315", pr.pad + "/ProductReferentie/VorigReferentieNummer"))
            vorige.add(pr.vorig_referentienummer)
            if pr.debet_credit == "C" and pr.vorig_referentienummer in refs:
                p.append(Probleem("TR316", pr.pad + "/ProductReferentie/VorigReferentieNummer"))
        if pr.debet_credit == "D":
            sleutel = (pr.toewijzingnummer, pr.begindatum, pr.einddatum, pr.categorie, pr.code)
            if sleutel in debet:
                p.append(Probleem("TR416", pr.pad))
            debet.add(sleutel)
    return p


def _omvang_regels(berichttype: str, gevraagd: dict[str, Any]) -> list[Probleem]:
    """CD075-CD079, CS003 and CS343 (315) / CS338 (317) on a requested product."""
    pad = gevraagd["_pad"]
    p: list[Probleem] = []
    omvang, budget = gevraagd.get("Omvang") or {}, gevraagd.get("Budget")
    begin = gevraagd.get("ToewijzingIngangsdatum") or gevraagd.get("GewensteIngangsdatum")
    eind = gevraagd.get("ToewijzingEinddatum") or gevraagd.get("Einddatum")
    if budget and not eind:
        p.append(Probleem("CD075", pad))
    if omvang.get("Frequentie") == "2" and not eind:
        p.append(Probleem("CD076", pad))
    if budget and omvang:
        p += [Probleem("CD077", pad + "/Omvang"), Probleem("CD078", pad + "/Budget")]
    if not budget and not gevraagd.get("Product"):
        p.append(Probleem("CD079", pad + "/Product"))
    if begin and eind and eind < begin:
        p.append(Probleem("CS003", pad))
    if (
        omvang.get("Eenheid") in ("14", "16", "83", "84")
        and (not eind or eind > "2020-12-31")
        and omvang.get("Frequentie") not in ("2", "4", "6")
    ):
        p.append(Probleem("CS343" if berichttype == "WMO315" else "CS338", pad + "/Omvang/Frequentie"))
    return p


def _vow(g: Gelezen) -> list[Probleem]:
    v = g.inhoud["Client"]["Verzoek"]
    pad = "/Bericht/Client/Verzoek"
    p: list[Probleem] = []
    if not v.get("OngewijzigdeProducten") and not v.get("TeWijzigenProducten"):
        p.append(Probleem("TR352", pad))
    if not v.get("TeWijzigenProducten") and not v.get("NieuweProducten"):
        p.append(Probleem("TR353", pad))
    return p


def geboortedatum(g: Gelezen) -> dt.date | None:
    """The client's birth date when it is known (DatumGebruik 3: unknown)."""
    if g.berichttype in ("WMO305", "WMO307") and hasattr(g, "geboortedatum"):
        return g.geboortedatum
    client = g.inhoud.get("Client") if g.berichttype != "WMO323" else None
    gd = client.get("Geboortedatum") if isinstance(client, dict) else None
    if not isinstance(gd, dict) or not gd.get("Datum") or gd.get("DatumGebruik") == "3":
        return None
    return dt.date.fromisoformat(gd["Datum"])


def _jaren_terug(datum: dt.date, jaren: int) -> dt.date:
    try:
        return datum.replace(year=datum.year - jaren)
    except ValueError:  # 29 February
        return datum.replace(year=datum.year - jaren, day=28)


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

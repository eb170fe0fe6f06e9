"""Builders of the gemeente's messages: 301, 319, the retours 306/308/316/318 (and 302/320 parsing
aside), and 325. Every builder returns the file bytes; the tests validate each against the XSDs."""

from __future__ import annotations

import copy
import datetime as dt
import re
import secrets
from collections.abc import Iterable
from typing import Any
from xml.sax.saxutils import escape

from django.utils import timezone
from lxml import etree

from resultaat.iwmo import xml
from resultaat.iwmo.regels import Probleem


def nieuwe_identificatie() -> str:
    """A BerichtIdentificatie of 12 characters; unique per sender and type (TR056, a database fact)."""
    return secrets.token_hex(6).upper()


def vandaag() -> dt.date:
    return timezone.localdate()


def _sub(parent: etree._Element, naam: str, waarde: Any = None) -> etree._Element:
    el = etree.SubElement(parent, f"{{{xml.kind_ns(parent)}}}{naam}")
    if waarde is not None:
        el.text = waarde.isoformat() if isinstance(waarde, dt.date | dt.time) else str(waarde)
    return el


def _opt(parent: etree._Element, naam: str, waarde: Any) -> None:
    if waarde not in (None, ""):
        _sub(parent, naam, waarde)


def _root(berichttype: str) -> etree._Element:
    return xml.nieuwe_root(berichttype)


def _header(
    root: etree._Element,
    berichttype: str,
    afzender: str,
    ontvanger: str,
    identificatie: str,
    dagtekening: dt.date,
) -> etree._Element:
    header = _sub(root, "Header")
    _sub(header, "BerichtCode", xml.BERICHTCODES[berichttype])
    _sub(header, "BerichtVersie", xml.BERICHT_VERSIE)
    _sub(header, "BerichtSubversie", xml.BERICHT_SUBVERSIE)
    _sub(header, "Afzender", afzender)
    _sub(header, "Ontvanger", ontvanger)
    bid = _sub(header, "BerichtIdentificatie")
    _sub(bid, "Identificatie", identificatie)
    _sub(bid, "Dagtekening", dagtekening)
    _xsd_versie(header, "XsdVersie", berichttype)
    return header


def _xsd_versie(parent: etree._Element, naam: str, berichttype: str) -> None:
    basis, bericht = xml.xsd_versies(berichttype)
    el = _sub(parent, naam)
    _sub(el, "BasisschemaXsdVersie", basis)
    _sub(el, "BerichtXsdVersie", bericht)


def _letters(waarde: str) -> str:
    return re.sub(r"[^A-Za-zÀ-ỳ]", "", waarde)[:6]


def _naam(parent: etree._Element, client: Any) -> None:
    naam = _sub(parent, "Naam")
    gn = _sub(naam, "Geslachtsnaam")
    _sub(gn, "Achternaam", client.achternaam[:200])
    _opt(gn, "Voorvoegsel", client.tussenvoegsel[:10])
    _opt(naam, "Voorletters", _letters(client.voorletters))
    _sub(naam, "NaamGebruik", "1")


def bouw_301(
    *,
    gemeente: Any,
    aanbieder: Any,
    client: Any,
    toewijzingen: Iterable[Any],
    referentie: str = "",
    identificatie: str | None = None,
    dagtekening: dt.date | None = None,
    referentie_overal: bool = False,
) -> tuple[str, bytes]:
    """A 301 with the given toewijzingen of one client and provider (the caller picks them, OP087)."""
    identificatie = identificatie or nieuwe_identificatie()
    root = _root("WMO301")
    _header(root, "WMO301", gemeente.code, aanbieder.agb_code, identificatie, dagtekening or vandaag())
    c = _sub(root, "Client")
    _sub(c, "Bsn", client.bsn)
    _sub(_sub(c, "Geboortedatum"), "Datum", client.geboortedatum)
    _sub(c, "Geslacht", client.geslacht or "0")
    _naam(c, client)
    contact = _sub(_sub(c, "Contactgegevens"), "Contact")
    _sub(contact, "Soort", "01")
    huisnummer = re.match(r"\d+", client.huisnummer or "")
    if huisnummer or client.postcode or client.straat or client.woonplaats:
        adres = _sub(contact, "Adres")
        if huisnummer:
            _sub(_sub(adres, "Huis"), "Huisnummer", int(huisnummer.group()))
        _opt(adres, "Postcode", (client.postcode or "").replace(" ", ""))
        _opt(adres, "Straatnaam", (client.straat or "")[:24])
        _opt(adres, "Plaatsnaam", (client.woonplaats or "")[:80])
        _sub(adres, "LandCode", "NL")
    telefoon = re.sub(r"\D", "", client.telefoon or "")[:15]
    if telefoon:
        nummer = _sub(_sub(contact, "Telefoon"), "Telefoon01")
        _sub(nummer, "Telefoonnummer", telefoon)
        _sub(nummer, "Landnummer", "0031")
    producten = _sub(c, "ToegewezenProducten")
    for t in toewijzingen:
        tp = _sub(producten, "ToegewezenProduct")
        _sub(tp, "ToewijzingNummer", t.nummer)
        _opt(
            tp,
            "ReferentieAanbieder",
            referentie if referentie and (referentie_overal or t.referentie_aanbieder == referentie) else "",
        )
        product = _sub(tp, "Product")
        _sub(product, "Categorie", t.product.categorie)
        _sub(product, "Code", t.product.code)
        _sub(tp, "Toewijzingsdatum", t.toewijzingsdatum)
        _sub(tp, "Toewijzingstijd", t.toewijzingstijd.replace(microsecond=0))
        _sub(tp, "Ingangsdatum", t.ingangsdatum)
        _opt(tp, "Einddatum", t.einddatum)
        _opt(tp, "RedenWijziging", t.reden_wijziging)
        if t.volume is not None and t.eenheid and t.frequentie:
            omvang = _sub(tp, "Omvang")
            _sub(omvang, "Volume", t.volume)
            _sub(omvang, "Eenheid", t.eenheid)
            _sub(omvang, "Frequentie", t.frequentie)
        elif t.budget_cent is not None:
            _sub(tp, "Budget", t.budget_cent)
        _opt(tp, "Commentaar", t.commentaar)
    return identificatie, xml.serialiseer(root)


def bouw_319(
    *,
    gemeente: Any,
    aanbieder: Any,
    referentie: str,
    antwoord: str,
    reden: str = "",
    identificatie: str | None = None,
) -> tuple[str, bytes]:
    identificatie = identificatie or nieuwe_identificatie()
    root = _root("WMO319")
    _header(root, "WMO319", gemeente.code, aanbieder.agb_code, identificatie, vandaag())
    a = _sub(root, "Antwoord")
    _sub(a, "ReferentieAanbieder", referentie)
    _sub(a, "VerzoekAntwoord", antwoord)
    _opt(a, "RedenAfwijzingVerzoek", reden)
    return identificatie, xml.serialiseer(root)


# Classes of a heen-message that get RetourCodes in the retour, by local name.
KLASSEN = {
    "Client",
    "StartProduct",
    "StopProduct",
    "AangevraagdProduct",
    "ToegewezenProduct",
    "Relatie",
    "Contact",
    "Verzoek",
    "OngewijzigdProduct",
    "TeWijzigenProduct",
    "NieuwProduct",
    "Antwoord",
}


def header_retour(heen_type: str, h: Any, *, identificatie: str, codes: list[str] | None = None) -> bytes:
    """A header-only retour written straight from the parsed heen-header: the fast path for the common
    case (fully approved: no RetourCodes; or level 2: the codes). Same content as :func:`bouw_retour`."""
    retour_type = xml.RETOUR_VAN[heen_type]
    basis, bericht = xml.xsd_versies(retour_type)
    e = escape
    regels = [
        "<?xml version='1.0' encoding='UTF-8'?>",
        f'<Bericht xmlns="{xml.namespace(retour_type)}" xmlns:iwmo="{xml.BASIS_NS}">',
        "  <Header>",
        f"    <BerichtCode>{xml.BERICHTCODES[retour_type]}</BerichtCode>",
        f"    <BerichtVersie>{e(h.berichtversie)}</BerichtVersie>",
        f"    <BerichtSubversie>{e(h.berichtsubversie)}</BerichtSubversie>",
        f"    <Afzender>{e(h.afzender)}</Afzender>",
        f"    <Ontvanger>{e(h.ontvanger)}</Ontvanger>",
        "    <BerichtIdentificatie>",
        f"      <iwmo:Identificatie>{e(h.identificatie)}</iwmo:Identificatie>",
        f"      <iwmo:Dagtekening>{h.dagtekening.isoformat()}</iwmo:Dagtekening>",
        "    </BerichtIdentificatie>",
        "    <XsdVersie>",
        f"      <iwmo:BasisschemaXsdVersie>{e(h.basisschema_xsd_versie)}</iwmo:BasisschemaXsdVersie>",
        f"      <iwmo:BerichtXsdVersie>{e(h.bericht_xsd_versie)}</iwmo:BerichtXsdVersie>",
        "    </XsdVersie>",
        f"    <IdentificatieRetour>{e(identificatie)}</IdentificatieRetour>",
        f"    <DagtekeningRetour>{vandaag().isoformat()}</DagtekeningRetour>",
    ]
    if codes:
        regels.append(f"    <XsltVersie>{xml.XSLT_VERSIE}</XsltVersie>")
    regels += [
        "    <XsdVersieRetour>",
        f"      <iwmo:BasisschemaXsdVersie>{basis}</iwmo:BasisschemaXsdVersie>",
        f"      <iwmo:BerichtXsdVersie>{bericht}</iwmo:BerichtXsdVersie>",
        "    </XsdVersieRetour>",
    ]
    if codes:
        regels += [
            "    <RetourCodes>",
            *(f"      <RetourCode>{e(c)}</RetourCode>" for c in codes),
            "    </RetourCodes>",
        ]
    regels += ["  </Header>", "</Bericht>", ""]
    return "\r\n".join(regels).encode("utf-8")


def bouw_retour(
    heen_type: str,
    heen: bytes | etree._Element,
    *,
    identificatie: str,
    header_codes: list[str] | None = None,
    klasse_codes: dict[str, list[str]] | None = None,
) -> bytes:
    """The retour of a heen-message (IV028).

    - ``header_codes`` set: header only with these codes (level 2, or a header rule).
    - ``klasse_codes`` set: the whole message back, every class with its codes; classes not in the dict
      get 0200 (OK), or 0233 (not checked) when their client had a problem elsewhere (level 3/4).
    - neither: fully approved, header only without RetourCodes.
    """
    retour_type = xml.RETOUR_VAN[heen_type]
    ns = xml.namespace(retour_type)
    if header_codes or not klasse_codes:
        # Header only: copy the heen-header into a new message, without re-reading the whole file.
        heen_root = etree.fromstring(heen, xml._parser()) if isinstance(heen, bytes) else heen
        root = xml.nieuwe_root(retour_type)
        oud_ns = "{" + xml.namespace(heen_type) + "}"
        kopie = copy.deepcopy(heen_root.find(f"{oud_ns}Header"))
        for el in kopie.iter():
            if el.tag.startswith(oud_ns):
                el.tag = "{" + ns + "}" + el.tag[len(oud_ns) :]
        root.append(kopie)
        etree.cleanup_namespaces(root, top_nsmap={None: ns, "iwmo": xml.BASIS_NS})
    else:
        assert isinstance(heen, bytes)
        data = heen.replace(xml.namespace(heen_type).encode(), ns.encode())
        root = etree.fromstring(data, xml._parser())
    header = root.find(f"{{{ns}}}Header")
    assert header is not None
    header.find(f"{{{ns}}}BerichtCode").text = xml.BERICHTCODES[retour_type]
    _sub(header, "IdentificatieRetour", identificatie)
    _sub(header, "DagtekeningRetour", vandaag())
    if header_codes:
        _sub(header, "XsltVersie", xml.XSLT_VERSIE)
    _xsd_versie(header, "XsdVersieRetour", retour_type)
    if header_codes:
        codes = _sub(header, "RetourCodes")
        for code in header_codes:
            _sub(codes, "RetourCode", code)
    if header_codes or not klasse_codes:
        for el in list(root):
            if el is not header:
                root.remove(el)
        return xml.serialiseer(root)
    tree = root.getroottree()
    for el in root.iter():
        if isinstance(el.tag, str) and etree.QName(el).localname in KLASSEN:
            pad = _pad(tree, el, ns)
            rc = _sub(el, "RetourCodes")
            for code in klasse_codes.get(pad, ["0200"]):
                _sub(rc, "RetourCode", code)
    return xml.serialiseer(root)


def _pad(tree: etree._ElementTree, el: etree._Element, ns: str) -> str:
    """An element path like /Bericht/Client/StartProducten/StartProduct[2], the one problems carry."""
    delen = []
    while el is not None:
        naam = etree.QName(el).localname
        parent = el.getparent()
        if parent is not None and naam in KLASSEN - {"Client", "Verzoek", "Antwoord"}:
            broers = [b for b in parent if b.tag == el.tag]
            naam = f"{naam}[{broers.index(el) + 1}]"
        delen.append(naam)
        el = parent
    return "/" + "/".join(reversed(delen))


def klasse_codes(problemen: list[Probleem]) -> dict[str, list[str]]:
    """Codes per class path; the Client class itself is OK (0200) when only its products failed."""
    uit: dict[str, list[str]] = {}
    for p in problemen:
        codes = uit.setdefault(p.pad, [])
        if p.retourcode not in codes:
            codes.append(p.retourcode)
    return uit


def bouw_325(
    heen: Any,
    *,
    identificatie: str,
    header_codes: list[str],
    totaal_ingediend: int,
    totaal_toegekend: int,
    afgewezen: list[tuple[str, Any, list[str]]],
    volledig: bool,
) -> bytes:
    """The declaratie-antwoord: only the rejected Prestaties, totals in eurocent (OP303/OP304, TR342)."""
    h = heen.header
    root = _root("WMO325")
    header = _sub(root, "Header")
    _sub(header, "BerichtCode", xml.BERICHTCODES["WMO325"])
    _sub(header, "BerichtVersie", xml.BERICHT_VERSIE)
    _sub(header, "BerichtSubversie", xml.BERICHT_SUBVERSIE)
    _sub(header, "Afzender", h.ontvanger)
    _sub(header, "Ontvanger", h.afzender)
    bid = _sub(header, "BerichtIdentificatie")
    _sub(bid, "Identificatie", identificatie)
    _sub(bid, "Dagtekening", vandaag())
    _xsd_versie(header, "XsdVersie", "WMO325")
    did = _sub(header, "DeclaratieIdentificatie")
    _sub(did, "Identificatie", h.identificatie)
    _sub(did, "Dagtekening", h.dagtekening)
    if header_codes != ["0200"]:
        _sub(header, "XsltVersie", xml.XSLT_VERSIE)
    _xsd_versie(header, "XsdVersieDeclaratie", "WMO323")
    rc = _sub(header, "RetourCodes")
    for code in header_codes:
        _sub(rc, "RetourCode", code)
    if header_codes != ["0200"]:
        return xml.serialiseer(root)
    d = heen.inhoud["Declaratie"]
    da = _sub(root, "DeclaratieAntwoord")
    _sub(da, "DeclaratieNummer", d["DeclaratieNummer"])
    for naam, bedrag in (
        ("TotaalIngediendBedrag", totaal_ingediend),
        ("TotaalToegekendBedrag", totaal_toegekend),
    ):
        tb = _sub(da, naam)
        _sub(tb, "TotaalBedrag", abs(bedrag))
        _sub(tb, "DebetCredit", "C" if bedrag < 0 else "D")
    if afgewezen:
        clienten = _sub(da, "Clienten")
        per_bsn: dict[str, list[tuple[Any, list[str]]]] = {}
        for bsn, p, codes in afgewezen:
            per_bsn.setdefault(bsn, []).append((p, codes))
        for bsn, regels in per_bsn.items():
            c = _sub(clienten, "Client")
            _sub(c, "Bsn", bsn)
            ps = _sub(c, "Prestaties")
            for p, codes in regels:
                el = _sub(ps, "Prestatie")
                ref = _sub(el, "ProductReferentie")
                _sub(ref, "ReferentieNummer", p.referentienummer)
                _opt(ref, "VorigReferentieNummer", p.vorig_referentienummer)
                _sub(el, "ToewijzingNummer", p.toewijzingnummer)
                _sub(el, "ProductCategorie", p.categorie)
                _sub(el, "ProductCode", p.code)
                per = _sub(el, "ProductPeriode")
                _sub(per, "Begindatum", p.begindatum)
                _sub(per, "Einddatum", p.einddatum)
                _sub(el, "GeleverdVolume", p.volume)
                _sub(el, "Eenheid", p.eenheid)
                _opt(el, "ProductTarief", p.tarief)
                ib = _sub(el, "IngediendBedrag")
                _sub(ib, "Bedrag", p.bedrag)
                _sub(ib, "DebetCredit", p.debet_credit)
                prc = _sub(el, "RetourCodes")
                for code in codes:
                    _sub(prc, "RetourCode", code)
            _sub(_sub(c, "RetourCodes"), "RetourCode", "0200")
    _sub(_sub(da, "RetourCodes"), "RetourCode", "8001" if volledig else "0200")
    return xml.serialiseer(root)

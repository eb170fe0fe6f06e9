"""An iWmo message as content for its page: per client the name, the client record and the records of
the message (toewijzingen, starts, stops, requested products, declared services) in words, with
every code next to its meaning (the code lists of ``resultaat.core.codes``) and the toewijzingen the
records concern. The XML itself stays one click away ("toon XML")."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from resultaat.clienten.models import Client
from resultaat.core.codes import (
    WJ756Eenheid,
    WJ758RedenVerzoek,
    WMO002RedenWijziging,
    WMO020ProductCategorie,
    WMO588RedenBeeindiging,
    omvang_iwmo,
)
from resultaat.core.opmaak import datum, euro, lees_datum
from resultaat.iwmo import xml
from resultaat.iwmo.models import Bericht
from resultaat.iwmo.parse import naar_dict
from resultaat.iwmo.regelboek import betekenis as officiele_betekenis
from resultaat.toewijzingen.models import Toewijzing

# The lists of records in a message and what each record is, in words.
SOORTEN = {
    "ToegewezenProducten": "toegewezen product",
    "StartProducten": "start van de ondersteuning",
    "StopProducten": "einde van de ondersteuning",
    "AangevraagdeProducten": "aangevraagd product",
    "OngewijzigdeProducten": "ongewijzigd product",
    "TeWijzigenProducten": "te wijzigen product",
    "NieuweProducten": "nieuw product",
    "Prestaties": "gedeclareerde prestatie",
}
# Element -> (label, code list) for codes; dates and plain elements by their label.
CODES: dict[str, tuple[str, Any]] = {
    "RedenWijziging": ("reden wijziging", WMO002RedenWijziging),
    "RedenBeeindiging": ("reden einde", WMO588RedenBeeindiging),
    "RedenVerzoek": ("reden verzoek", WJ758RedenVerzoek),
    "Eenheid": ("eenheid", WJ756Eenheid),
}
# Amounts in eurocent: element -> label.
BEDRAGEN = {
    "ProductTarief": "tarief",
    "IngediendBedrag": "ingediend bedrag",
    "ToegekendBedrag": "toegekend bedrag",
}
DATUMS = {
    "Ingangsdatum": "ingangsdatum",
    "Einddatum": "einddatum",
    "Begindatum": "begindatum",
    "Toewijzingsdatum": "toewijzingsdatum",
    "ProductPeriode": "periode",
}
GETOOND = {
    "ToewijzingNummer",
    "Product",
    "ProductCategorie",
    "ProductCode",
    "Omvang",
    "RetourCodes",
    "GeleverdVolume",
    *CODES,
    *DATUMS,
    *BEDRAGEN,
}
# The XML on the page is cut after this many characters (the file itself is a download).
MAX_XML = 200_000


@dataclass
class Regel:
    soort: str
    toewijzingnummer: str = ""
    toewijzing: Toewijzing | None = None
    product: str = ""
    gegevens: list[tuple[str, str]] = field(default_factory=list)
    retourcodes: list[str] = field(default_factory=list)  # each with its meaning
    codes: list[str] = field(default_factory=list)  # the same codes, bare


@dataclass
class ClientInhoud:
    naam: str
    geboortedatum: str
    client: Client | None
    regels: list[Regel]
    retourcodes: list[str] = field(default_factory=list)
    codes: list[str] = field(default_factory=list)


@dataclass
class Inhoud:
    clienten: list[ClientInhoud]
    xml: str
    ingekort: bool
    leesbaar: bool = True
    # The codes of the message's own block below the header (a declaratie-antwoord's), bare.
    codes: list[str] = field(default_factory=list)

    def alle_codes(self) -> list[str]:
        """Every code in the content, once each, in order: the block's, then per client and line."""
        codes = list(self.codes)
        for c in self.clienten:
            codes += c.codes + [code for r in c.regels for code in r.codes]
        return list(dict.fromkeys(codes))


def woorden(element: str) -> str:
    """An element name of the standard in words: "ReferentieAanbieder" -> "referentie aanbieder"."""
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", element).lower()


def code_met_betekenis(code: str, lijst: Any) -> str:
    betekenis = dict(lijst.choices).get(code)
    return f"{betekenis} ({code})" if betekenis else code


def retourcode_tekst(code: str) -> str:
    """A retour code with its official meaning (code list WJ001): "De toewijzing ... (9019)"."""
    uitleg = officiele_betekenis(code)
    return f"{uitleg} ({code})" if uitleg else code


def _tekst(waarde: Any) -> str:
    if isinstance(waarde, dict):
        return ", ".join(_tekst(v) for v in waarde.values() if _tekst(v))
    if isinstance(waarde, list):
        return ", ".join(_tekst(v) for v in waarde)
    return str(waarde or "")


def _datum(waarde: Any) -> str:
    if isinstance(waarde, dict):  # a period: Begindatum and Einddatum
        delen = [_datum(v) for v in waarde.values()]
        return " – ".join(d for d in delen if d)
    try:
        return datum(lees_datum(str(waarde)))
    except (TypeError, ValueError):
        return str(waarde)


def _codes(record: dict[str, Any]) -> list[str]:
    codes = record.get("RetourCodes") or []
    return [str(c) for c in codes if c] if isinstance(codes, list) else []


def _retourcodes(record: dict[str, Any]) -> list[str]:
    return [retourcode_tekst(c) for c in _codes(record)]


def _bedrag(waarde: Any) -> str:
    """An amount in eurocent, plain or as {Bedrag, DebetCredit}: "€ 265,41" or "€ 265,41 (credit)"."""
    if isinstance(waarde, dict):
        credit = " (credit)" if waarde.get("DebetCredit") == "C" else ""
        return _bedrag(waarde.get("Bedrag")) + credit
    try:
        return euro(int(str(waarde)))
    except ValueError:
        return str(waarde)


def _regel(soort: str, record: dict[str, Any]) -> Regel:
    product = record.get("Product") or {}
    categorie = str(product.get("Categorie", "")) if isinstance(product, dict) else ""
    productcode = str(product.get("Code", "")) if isinstance(product, dict) else ""
    # A prestatie names its product in two elements of its own.
    categorie = categorie or str(record.get("ProductCategorie", ""))
    productcode = productcode or str(record.get("ProductCode", ""))
    regel = Regel(
        soort=soort,
        toewijzingnummer=str(record.get("ToewijzingNummer", "")),
        product=" ".join(
            d for d in (dict(WMO020ProductCategorie.choices).get(categorie, categorie), productcode) if d
        ),
        retourcodes=_retourcodes(record),
        codes=_codes(record),
    )
    for element, label in DATUMS.items():
        if record.get(element):
            regel.gegevens.append((label, _datum(record[element])))
    for element, (label, lijst) in CODES.items():
        if record.get(element):
            regel.gegevens.append((label, code_met_betekenis(str(record[element]), lijst)))
    for element, label in BEDRAGEN.items():
        if record.get(element):
            regel.gegevens.append((label, _bedrag(record[element])))
    if record.get("GeleverdVolume"):
        # In euros (unit 83) the volume is an amount in eurocent.
        volume = record["GeleverdVolume"]
        euros = record.get("Eenheid") == WJ756Eenheid.EUROS
        regel.gegevens.append(("geleverd volume", _bedrag(volume) if euros else _tekst(volume)))
    omvang = record.get("Omvang")
    if isinstance(omvang, dict):
        regel.gegevens.append(
            (
                "omvang",
                omvang_iwmo(omvang.get("Volume"), omvang.get("Eenheid", ""), omvang.get("Frequentie", "")),
            )
        )
    for element, waarde in record.items():
        if element not in GETOOND and _tekst(waarde):
            regel.gegevens.append((woorden(element), _tekst(waarde)))
    return regel


def _naam(client: dict[str, Any]) -> str:
    naam = client.get("Naam") or {}
    geslachtsnaam = naam.get("Geslachtsnaam") or {} if isinstance(naam, dict) else {}
    voorletters = str(naam.get("Voorletters", "")) if isinstance(naam, dict) else ""
    letters = "".join(f"{c}." for c in voorletters)
    delen = (letters, geslachtsnaam.get("Voorvoegsel", ""), geslachtsnaam.get("Achternaam", ""))
    return " ".join(str(d) for d in delen if d) or "onbekend"


def lees_inhoud(bericht: Bericht, user: Any) -> Inhoud:
    """The message's content for ``user``: its clients (linked to the client records the user may see,
    matched by BSN, which itself is not shown) and the records with the toewijzingen they concern."""
    ruw = bytes(bericht.inhoud)
    tekst = ruw.decode("utf-8", errors="replace")
    try:
        _, root = xml.lees(ruw)
        tekst = etree.tostring(root, pretty_print=True, encoding="unicode")
    except xml.BestandFout:
        return Inhoud([], tekst[:MAX_XML], len(tekst) > MAX_XML, leesbaar=False)
    data = naar_dict(root)
    clienten_xml = data.get("Client") or [] if isinstance(data, dict) else []
    if isinstance(clienten_xml, dict):
        clienten_xml = [clienten_xml]
    # A declaratie (323) and its answer (325) carry their clients in one block, each with prestaties.
    blok: dict[str, Any] = next(
        (
            data[b]
            for b in ("Declaratie", "DeclaratieAntwoord")
            if isinstance(data, dict) and isinstance(data.get(b), dict)
        ),
        {},
    )
    if not clienten_xml and isinstance(blok.get("Clienten"), list):
        clienten_xml = blok["Clienten"]
    bsns = {str(c.get("Bsn", "")) for c in clienten_xml if isinstance(c, dict)}
    zichtbaar = {c.bsn: c for c in Client.objects.for_user(user).filter(bsn__in=bsns)}
    clienten = []
    for c in clienten_xml:
        if not isinstance(c, dict):
            continue
        regels = [
            _regel(soort, record)
            for lijst, soort in SOORTEN.items()
            for record in (c.get(lijst) or [])
            if isinstance(record, dict)
        ]
        geboren = c.get("Geboortedatum") or {}
        client = zichtbaar.get(str(c.get("Bsn", "")))
        clienten.append(
            ClientInhoud(
                # A declaratie names a client by BSN only: the name is the client record's.
                naam=client.naam if client is not None and "Naam" not in c else _naam(c),
                geboortedatum=_datum(geboren.get("Datum", "")) if isinstance(geboren, dict) else "",
                client=client,
                regels=regels,
                retourcodes=_retourcodes(c),
                codes=_codes(c),
            )
        )
    nummers = {r.toewijzingnummer for c in clienten for r in c.regels if r.toewijzingnummer.isdigit()}
    if nummers and bericht.gemeente_id:
        toewijzingen = {
            str(t.nummer): t
            for t in Toewijzing.objects.for_user(user).filter(
                gemeente_id=bericht.gemeente_id, nummer__in=[int(n) for n in nummers]
            )
        }
        for c in clienten:
            for r in c.regels:
                r.toewijzing = toewijzingen.get(r.toewijzingnummer)
    return Inhoud(clienten, tekst[:MAX_XML], len(tekst) > MAX_XML, codes=_codes(blok))

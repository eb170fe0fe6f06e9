"""The file format of the delivery to the CAK, behind an exporter interface.

The rules (who starts, who stops, what is corrected) produce ``Wmo405``; an exporter turns that into
a file and reads a ``Wmo406`` back. ``IebXmlExporter`` writes the message from the iEb description
(docs/eigen-bijdrage.md documents every element); when the official iEb 4.0 schema is at hand, an
exporter that writes it is registered in ``EXPORTERS`` and chosen with the setting
``EIGEN_BIJDRAGE_CAK_EXPORTER``, without touching the rules.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Final, Protocol

from django.conf import settings
from django.core.exceptions import ValidationError
from lxml import etree

NS: Final = "urn:resultaat:ieb:1"
CAK_ONTVANGER: Final = "CAK"


@dataclass(frozen=True)
class Wmo405Regel:
    referentie: str
    mutatie: str  # start, stop, correctie, intrekking
    bsn: str
    geboortedatum: dt.date
    achternaam: str
    voorletters: str
    tussenvoegsel: str
    begindatum: dt.date
    einddatum: dt.date | None
    kostprijs_cent: int | None
    vorige_referentie: str = ""


@dataclass(frozen=True)
class Wmo405:
    referentie: str
    gemeentecode: str
    dagtekening: dt.date
    periode: dt.date  # first day of the month
    regels: list[Wmo405Regel] = field(default_factory=list)


@dataclass(frozen=True)
class Wmo406Regel:
    referentie: str
    retourcode: str
    toelichting: str


@dataclass(frozen=True)
class Wmo406:
    referentie: str
    antwoord_op: str
    dagtekening: dt.date
    regels: list[Wmo406Regel]


class Exporter(Protocol):
    naam: str

    def bestandsnaam(self, bericht: Wmo405) -> str: ...

    def schrijf_405(self, bericht: Wmo405) -> str: ...

    def lees_406(self, inhoud: str) -> Wmo406: ...


def _el(ouder: etree._Element, naam: str, tekst: str | None = None) -> etree._Element:
    el = etree.SubElement(ouder, f"{{{NS}}}{naam}")
    if tekst is not None:
        el.text = tekst
    return el


class IebXmlExporter:
    """iEb WMO405/406 written from the standard's description (iEb 4.0 XSD not available here)."""

    naam = "ieb-xml-1"
    GOED: Final = "0200"

    def bestandsnaam(self, bericht: Wmo405) -> str:
        return f"WMO405_{bericht.gemeentecode}_{bericht.periode:%Y%m}_{bericht.referentie}.xml"

    def schrijf_405(self, bericht: Wmo405) -> str:
        root = etree.Element(f"{{{NS}}}Bericht", nsmap={None: NS})
        header = _el(root, "Header")
        _el(header, "BerichtCode", "405")
        _el(header, "BerichtVersie", "1")
        _el(header, "Afzender", bericht.gemeentecode)
        _el(header, "Ontvanger", CAK_ONTVANGER)
        _el(header, "Identificatie", bericht.referentie)
        _el(header, "Dagtekening", bericht.dagtekening.isoformat())
        _el(header, "Periode", f"{bericht.periode:%Y-%m}")
        clienten = _el(root, "Clienten")
        for r in bericht.regels:
            c = _el(clienten, "Client")
            _el(c, "Referentie", r.referentie)
            _el(c, "Mutatie", r.mutatie)
            if r.vorige_referentie:
                _el(c, "VorigeReferentie", r.vorige_referentie)
            _el(c, "Bsn", r.bsn)
            _el(c, "Geboortedatum", r.geboortedatum.isoformat())
            naam = _el(c, "Naam")
            _el(naam, "Achternaam", r.achternaam)
            if r.tussenvoegsel:
                _el(naam, "Voorvoegsel", r.tussenvoegsel)
            if r.voorletters:
                _el(naam, "Voorletters", r.voorletters)
            eb = _el(c, "EigenBijdrage")
            _el(eb, "Begindatum", r.begindatum.isoformat())
            if r.einddatum:
                _el(eb, "Einddatum", r.einddatum.isoformat())
            if r.kostprijs_cent:
                _el(eb, "Kostprijs", str(r.kostprijs_cent))
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True).decode()

    def lees_406(self, inhoud: str) -> Wmo406:
        parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
        try:
            root = etree.fromstring(inhoud.encode(), parser)
        except etree.XMLSyntaxError as e:
            raise ValidationError(f"Het retourbericht van het CAK is geen geldige XML: {e}") from e

        def tekst(el: etree._Element, pad: str) -> str:
            gevonden = el.find(pad, {"e": NS})
            return (gevonden.text or "").strip() if gevonden is not None else ""

        if root.tag != f"{{{NS}}}Bericht" or tekst(root, "e:Header/e:BerichtCode") != "406":
            raise ValidationError("Dit is geen WMO406-retourbericht van het CAK.")
        try:
            dagtekening = dt.date.fromisoformat(tekst(root, "e:Header/e:Dagtekening"))
        except ValueError as e:
            raise ValidationError("Het retourbericht heeft geen geldige dagtekening.") from e
        regels = [
            Wmo406Regel(tekst(c, "e:Referentie"), tekst(c, "e:Retourcode"), tekst(c, "e:Toelichting"))
            for c in root.iterfind("e:Clienten/e:Client", {"e": NS})
        ]
        return Wmo406(
            referentie=tekst(root, "e:Header/e:Identificatie"),
            antwoord_op=tekst(root, "e:Header/e:Retour405"),
            dagtekening=dagtekening,
            regels=regels,
        )

    def schrijf_406(self, antwoord: Wmo406) -> str:
        """The CAK's answer in this format: for tests and the demo region, which have no CAK."""
        root = etree.Element(f"{{{NS}}}Bericht", nsmap={None: NS})
        header = _el(root, "Header")
        _el(header, "BerichtCode", "406")
        _el(header, "BerichtVersie", "1")
        _el(header, "Afzender", CAK_ONTVANGER)
        _el(header, "Identificatie", antwoord.referentie)
        _el(header, "Dagtekening", antwoord.dagtekening.isoformat())
        _el(header, "Retour405", antwoord.antwoord_op)
        clienten = _el(root, "Clienten")
        for r in antwoord.regels:
            c = _el(clienten, "Client")
            _el(c, "Referentie", r.referentie)
            _el(c, "Retourcode", r.retourcode)
            if r.toelichting:
                _el(c, "Toelichting", r.toelichting)
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True).decode()


EXPORTERS: dict[str, type[Exporter]] = {IebXmlExporter.naam: IebXmlExporter}


def exporter() -> Exporter:
    naam = getattr(settings, "EIGEN_BIJDRAGE_CAK_EXPORTER", IebXmlExporter.naam)
    return EXPORTERS[naam]()

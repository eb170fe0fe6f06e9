"""The XML layer of iWmo 3.2: hardened parsing, the XSD cache, file rules and serialisation.

- Parsing never resolves entities, never loads a DTD, never touches the network, and refuses any
  DOCTYPE; the size is checked before parsing (OP179: at most 25 MB).
- Schemas are read once per process from ``settings.IWMO_XSD_DIR`` (basisschema.xsd + WMO3xx.xsd).
- Files we write are UTF-8 without BOM, with CRLF line endings (OP192).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import threading
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from lxml import etree

MAX_BYTES = 25 * 1024 * 1024
BASIS_NS = "http://www.istandaarden.nl/iwmo/3_2/basisschema/schema"
NS_PATTERN = re.compile(r"^\{http://www\.istandaarden\.nl/iwmo/3_2/wmo(3\d\d)/schema\}Bericht$")

# Message type -> BerichtCode (NOTES §2), heen -> retour.
BERICHTCODES = {
    "WMO301": "414",
    "WMO302": "415",
    "WMO305": "418",
    "WMO306": "419",
    "WMO307": "420",
    "WMO308": "421",
    "WMO315": "444",
    "WMO316": "445",
    "WMO317": "480",
    "WMO318": "481",
    "WMO319": "482",
    "WMO320": "483",
    "WMO323": "484",
    "WMO325": "485",
}
RETOUR_VAN = {
    "WMO301": "WMO302",
    "WMO305": "WMO306",
    "WMO307": "WMO308",
    "WMO315": "WMO316",
    "WMO317": "WMO318",
    "WMO319": "WMO320",
    "WMO323": "WMO325",
}
VAN_GEMEENTE = {"WMO301", "WMO306", "WMO308", "WMO316", "WMO318", "WMO319", "WMO325"}
BERICHT_VERSIE, BERICHT_SUBVERSIE = "3", "2"
XSLT_VERSIE = "1.0.0"


# Elements whose type is a CDT_ of basisschema.xsd: their children are in the basisschema namespace.
CDT_ELEMENTEN = frozenset(
    {
        "BerichtIdentificatie",
        "XsdVersie",
        "XsdVersieRetour",
        "XsdVersieDeclaratie",
        "DeclaratieIdentificatie",
        "Geboortedatum",
        "Naam",
        "Partnernaam",
        "Product",
        "Omvang",
        "Adres",
        "Communicatie",
        "Telefoon",
        "Periode",
        "Verwijzer",
        "ProductReferentie",
        "ProductPeriode",
        "DeclaratiePeriode",
        "TotaalIngediendBedrag",
        "TotaalToegekendBedrag",
        "IngediendBedrag",
    }
)


def kind_ns(parent: etree._Element) -> str:
    """The namespace of a child element of ``parent`` (message schema, or basisschema inside a CDT)."""
    qname = etree.QName(parent)
    if qname.namespace == BASIS_NS or qname.localname in CDT_ELEMENTEN:
        return BASIS_NS
    return qname.namespace or ""


def nieuwe_root(berichttype: str) -> etree._Element:
    ns = namespace(berichttype)
    return etree.Element(f"{{{ns}}}Bericht", nsmap={None: ns, "iwmo": BASIS_NS})


def namespace(berichttype: str) -> str:
    return f"http://www.istandaarden.nl/iwmo/3_2/{berichttype.lower()}/schema"


class BestandFout(Exception):
    """A file that cannot be read as an iWmo message at all: no retour, the sender gets this reason."""

    def __init__(self, regel: str, melding: str) -> None:
        super().__init__(melding)
        self.regel = regel
        self.melding = melding


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_blank_text=True,
        # No comments or processing instructions in the tree: element positions are then the
        # schema's, and a leaf's text is never split (intake.lees_levering relies on both).
        remove_comments=True,
        remove_pis=True,
    )


_PARSERS = threading.local()


def parser() -> etree.XMLParser:
    """The hardened parser of this thread, made once (an lxml parser may be reused, not shared)."""
    p = getattr(_PARSERS, "parser", None)
    if p is None:
        p = _PARSERS.parser = _parser()
    return p


def lees(data: bytes) -> tuple[str, etree._Element]:
    """Parse a file safely; return its message type (``WMO305``) and root element."""
    if len(data) > MAX_BYTES:
        raise BestandFout("OP179", f"Het bestand is groter dan 25 MB ({len(data)} bytes).")
    if data.startswith(b"\xef\xbb\xbf"):
        raise BestandFout("OP192", "Het bestand begint met een BOM; iWmo vraagt UTF-8 zonder BOM.")
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise BestandFout("XML", "Het bestand bevat een DOCTYPE of ENTITY; dat is niet toegestaan.")
    try:
        root = etree.fromstring(data, parser())
    except etree.XMLSyntaxError as exc:
        raise BestandFout("XML", f"Het bestand is geen geldige XML: {exc}.") from None
    match = NS_PATTERN.match(root.tag)
    if match is None:
        raise BestandFout(
            "NS", f"Onbekend bericht of verkeerde namespace: {root.tag}; verwacht een iWmo 3.2-bericht."
        )
    berichttype = f"WMO{match.group(1)}"
    if berichttype not in BERICHTCODES:
        raise BestandFout("NS", f"{berichttype} bestaat niet in iWmo 3.2.")
    return berichttype, root


@functools.cache
def _schema(xsd_dir: str, berichttype: str) -> etree.XMLSchema:
    path = Path(xsd_dir) / f"{berichttype}.xsd"
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    return etree.XMLSchema(etree.parse(str(path), parser))


def schema(berichttype: str) -> etree.XMLSchema:
    return _schema(str(settings.IWMO_XSD_DIR), berichttype)


@functools.cache
def _xsd_versies(xsd_dir: str, berichttype: str) -> tuple[str, str]:
    tree = etree.parse(str(Path(xsd_dir) / f"{berichttype}.xsd"))
    basis = tree.findtext(f".//{{{BASIS_NS}}}BasisschemaXsdVersie") or "1.0.0"
    bericht = tree.findtext(f".//{{{BASIS_NS}}}BerichtXsdVersie") or "1.0.0"
    return basis, bericht


def xsd_versies(berichttype: str) -> tuple[str, str]:
    """BasisschemaXsdVersie and BerichtXsdVersie from the XSD's appinfo (IV034)."""
    return _xsd_versies(str(settings.IWMO_XSD_DIR), berichttype)


@dataclass(frozen=True)
class XsdFout:
    regel: int
    pad: str
    melding: str


def valideer_xsd(berichttype: str, root: etree._Element) -> list[XsdFout]:
    xsd = schema(berichttype)
    if xsd.validate(root):
        return []
    return [XsdFout(e.line, e.path or "", e.message) for e in xsd.error_log]


def serialiseer(root: etree._Element) -> bytes:
    """UTF-8 without BOM, CRLF line endings, XML declaration (OP192)."""
    data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return data.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")


@functools.lru_cache(maxsize=64)
def _jjjjmmdd(datum: dt.date) -> str:
    return f"{datum:%Y%m%d}"


def bestandsnaam(berichttype: str, afzender: str, identificatie: str, dagtekening: dt.date) -> str:
    """<type>_<afzender>_<identificatie>_<yyyymmdd>.xml: unique because the identificatie is (TR056)."""
    return f"{berichttype}_{afzender}_{identificatie}_{_jjjjmmdd(dagtekening)}.xml"


def controleer_bestandsregels(data: bytes) -> list[str]:
    """OP192 on a file we received: UTF-8 without BOM and CRLF line endings."""
    problemen = []
    try:
        if not data.isascii():  # ASCII is UTF-8; most files are ASCII and need no decoding
            data.decode("utf-8")
    except UnicodeDecodeError:
        problemen.append("Het bestand is niet in UTF-8.")
    if data.count(b"\n") != data.count(b"\r\n"):  # a LF without a CR before it
        problemen.append("Regeleinden moeten CRLF zijn.")
    return problemen

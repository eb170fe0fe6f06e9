"""An iWmo message as plain data: the standard's element names, in document order.

``naar_dict`` turns the XML into nested dicts (repeating classes become lists), which
``iwmo_parse --json`` prints; the dataclasses below are what the processors work with.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from resultaat.core.opmaak import lees_datum

HERHAALD = {
    "Client",
    "Prestatie",
    "StartProduct",
    "StopProduct",
    "AangevraagdProduct",
    "ToegewezenProduct",
    "Relatie",
    "Contact",
    "OngewijzigdProduct",
    "TeWijzigenProduct",
    "NieuwProduct",
    "RetourCode",
}
LIJST_OUDERS = {
    "Clienten",
    "Prestaties",
    "StartProducten",
    "StopProducten",
    "AangevraagdeProducten",
    "ToegewezenProducten",
    "Relaties",
    "Contactgegevens",
    "OngewijzigdeProducten",
    "TeWijzigenProducten",
    "NieuweProducten",
    "RetourCodes",
}


def _naam(el: etree._Element) -> str:
    return el.tag.rpartition("}")[2]


def naar_dict(el: etree._Element) -> Any:
    if not len(el):
        return (el.text or "").strip()
    kinderen = [k for k in el if k.tag.__class__ is str]
    if not kinderen:
        return (el.text or "").strip()
    if _naam(el) in LIJST_OUDERS:
        return [naar_dict(k) for k in kinderen]
    return {_naam(k): naar_dict(k) for k in kinderen}


@dataclass
class Header:
    berichtcode: str
    berichtversie: str
    berichtsubversie: str
    afzender: str
    ontvanger: str
    identificatie: str
    dagtekening: dt.date
    basisschema_xsd_versie: str
    bericht_xsd_versie: str

    @classmethod
    def van(cls, h: dict[str, Any]) -> Header:
        return cls(
            berichtcode=h["BerichtCode"],
            berichtversie=h["BerichtVersie"],
            berichtsubversie=h["BerichtSubversie"],
            afzender=h["Afzender"],
            ontvanger=h["Ontvanger"],
            identificatie=h["BerichtIdentificatie"]["Identificatie"],
            dagtekening=dt.date.fromisoformat(h["BerichtIdentificatie"]["Dagtekening"]),
            basisschema_xsd_versie=h["XsdVersie"]["BasisschemaXsdVersie"],
            bericht_xsd_versie=h["XsdVersie"]["BerichtXsdVersie"],
        )


@dataclass
class LeveringProduct:
    """A StartProduct (305) or StopProduct (307)."""

    pad: str
    toewijzingnummer: int | None
    categorie: str | None
    code: str | None
    toewijzing_ingangsdatum: dt.date | None
    begindatum: dt.date
    status: str
    reden: str = ""
    einddatum: dt.date | None = None

    @classmethod
    def van(cls, d: Any, pad: str, *, stop: bool, product: Any) -> LeveringProduct:
        """From the element's values (``d``) and its product's (``product``: Categorie, Code), as the
        parser and the intake's fast reading both find them."""
        return cls(
            pad=pad,
            toewijzingnummer=int(d["ToewijzingNummer"]) if d.get("ToewijzingNummer") else None,
            categorie=product.get("Categorie"),
            code=product.get("Code"),
            toewijzing_ingangsdatum=lees_datum(d.get("ToewijzingIngangsdatum")),
            begindatum=dt.date.fromisoformat(d["Begindatum"]),
            status=d["StatusAanlevering"],
            reden=d.get("RedenBeeindiging", "") if stop else "",
            einddatum=lees_datum(d.get("Einddatum")),
        )


@dataclass
class Prestatie:
    pad: str
    referentienummer: str
    vorig_referentienummer: str
    toewijzingnummer: int
    categorie: str
    code: str
    begindatum: dt.date
    einddatum: dt.date
    volume: int
    eenheid: str
    tarief: int | None
    bedrag: int
    debet_credit: str

    @property
    def bedrag_signed(self) -> int:
        return -self.bedrag if self.debet_credit == "C" else self.bedrag


@dataclass
class Bericht:
    berichttype: str
    header: Header
    inhoud: dict[str, Any]
    producten: list[LeveringProduct] = field(default_factory=list)
    prestaties: list[tuple[str, Prestatie]] = field(default_factory=list)  # (bsn, prestatie)

    @property
    def bsn(self) -> str | None:
        client = self.inhoud.get("Client")
        return client.get("Bsn") if isinstance(client, dict) else None


# The products of a start (305) and a stop (307): the list and its element.
_LEVERINGEN = {"WMO305": ("StartProducten", "StartProduct"), "WMO307": ("StopProducten", "StopProduct")}


def ontleed(berichttype: str, root: etree._Element) -> Bericht:
    """The message as data; call after XSD validation (the structure is then known to be right)."""
    inhoud = naar_dict(root)
    bericht = Bericht(berichttype, Header.van(inhoud["Header"]), inhoud)
    if berichttype in _LEVERINGEN:
        lijst, element = _LEVERINGEN[berichttype]
        for i, p in enumerate(inhoud["Client"][lijst], 1):
            bericht.producten.append(
                LeveringProduct.van(
                    p,
                    f"/Bericht/Client/{lijst}/{element}[{i}]",
                    stop=berichttype == "WMO307",
                    product=p.get("Product") or {},
                )
            )
    elif berichttype == "WMO323":
        for ci, c in enumerate(inhoud["Declaratie"]["Clienten"], 1):
            for pi, p in enumerate(c["Prestaties"], 1):
                ref = p["ProductReferentie"]
                bericht.prestaties.append(
                    (
                        c["Bsn"],
                        Prestatie(
                            pad=f"/Bericht/Declaratie/Clienten/Client[{ci}]/Prestaties/Prestatie[{pi}]",
                            referentienummer=ref["ReferentieNummer"],
                            vorig_referentienummer=ref.get("VorigReferentieNummer", ""),
                            toewijzingnummer=int(p["ToewijzingNummer"]),
                            categorie=p["ProductCategorie"],
                            code=p["ProductCode"],
                            begindatum=dt.date.fromisoformat(p["ProductPeriode"]["Begindatum"]),
                            einddatum=dt.date.fromisoformat(p["ProductPeriode"]["Einddatum"]),
                            volume=int(p["GeleverdVolume"]),
                            eenheid=p["Eenheid"],
                            tarief=int(p["ProductTarief"]) if p.get("ProductTarief") else None,
                            bedrag=int(p["IngediendBedrag"]["Bedrag"]),
                            debet_credit=p["IngediendBedrag"]["DebetCredit"],
                        ),
                    )
                )
    return bericht

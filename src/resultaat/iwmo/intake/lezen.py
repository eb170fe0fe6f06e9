"""Reading a message that passed the XSD: a 305/307 straight from the tree, the others with
:func:`parse.ontleed`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, cast

from resultaat.iwmo.parse import Bericht as Gelezen
from resultaat.iwmo.parse import Header, LeveringProduct, naar_dict, ontleed

LEVERINGKLASSE = {"WMO305": "StartProduct", "WMO307": "StopProduct"}


def lees(berichttype: str, root: Any) -> Gelezen:
    """The message as data: the fast reader for a 305/307, the general parser for the rest."""
    if berichttype in LEVERINGKLASSE:
        return lees_levering(berichttype, root)
    return ontleed(berichttype, root)


class _LuiInhoud(Mapping[str, Any]):
    """The message as nested dicts (``parse.naar_dict``), made only when someone asks for it."""

    def __init__(self, root: Any) -> None:
        self._root = root
        self._dict: dict[str, Any] | None = None

    def _d(self) -> dict[str, Any]:
        if self._dict is None:
            self._dict = naar_dict(self._root)
        return self._dict

    def __getitem__(self, sleutel: str) -> Any:
        return self._d()[sleutel]

    def __iter__(self) -> Iterator[str]:
        return iter(self._d())

    def __len__(self) -> int:
        return len(self._d())


@dataclass
class _GelezenLevering(Gelezen):
    client_bsn: str | None = None
    geboortedatum: dt.date | None = None

    @property
    def bsn(self) -> str | None:
        return self.client_bsn


# Local name per namespaced tag: a 305/307 has a few dozen distinct tags, read tens of thousands of times.
_LOKAAL: dict[str, str] = {}


def _naam(el: Any) -> str:
    tag: str = el.tag
    naam = _LOKAAL.get(tag)
    if naam is None:
        naam = _LOKAAL[tag] = tag[tag.rfind("}") + 1 :]
    return naam


def lees_levering(berichttype: str, root: Any) -> Gelezen:
    """A 305 or 307 as :func:`parse.ontleed` reads it, straight from the tree. Call after XSD
    validation, on a tree from :func:`xml.lees` (its parser drops comments and processing
    instructions): the schema then fixes where each header element is, and that the Client starts with
    its Bsn and ends with the Start/StopProducten. ``inhoud`` (the nested dicts) is made when asked for.
    Every element is visited once, its text read in line (this runs for every file of the intake)."""
    kop, client = root[0], root[1]
    bid, versie = kop[5], kop[6]
    header = Header(
        berichtcode=(kop[0].text or "").strip(),
        berichtversie=(kop[1].text or "").strip(),
        berichtsubversie=(kop[2].text or "").strip(),
        afzender=(kop[3].text or "").strip(),
        ontvanger=(kop[4].text or "").strip(),
        identificatie=(bid[0].text or "").strip(),
        dagtekening=dt.date.fromisoformat((bid[1].text or "").strip()),
        basisschema_xsd_versie=(versie[0].text or "").strip(),
        bericht_xsd_versie=(versie[1].text or "").strip(),
    )
    stop = berichttype == "WMO307"
    klasse = LEVERINGKLASSE[berichttype]
    pad = f"/Bericht/Client/{klasse}en/{klasse}"
    lokaal = _LOKAAL
    producten = []
    for i, el in enumerate(client[len(client) - 1], 1):
        d: dict[str, str] = {}
        for k in el:
            tag = k.tag
            naam = lokaal.get(tag) or _naam(k)
            if naam == "Product":
                for kk in k:
                    d[lokaal.get(kk.tag) or _naam(kk)] = (kk.text or "").strip()
            else:
                d[naam] = (k.text or "").strip()
        producten.append(LeveringProduct.van(d, f"{pad}[{i}]", stop=stop, product=d))
    datum = gebruik = ""
    for k in client[1]:
        naam = lokaal.get(k.tag) or _naam(k)
        if naam == "Datum":
            datum = (k.text or "").strip()
        elif naam == "DatumGebruik":
            gebruik = (k.text or "").strip()
    return _GelezenLevering(
        berichttype,
        header,
        cast(dict[str, Any], _LuiInhoud(root)),
        producten=producten,
        client_bsn=(client[0].text or "").strip(),
        geboortedatum=dt.date.fromisoformat(datum) if datum and gebruik != "3" else None,
    )

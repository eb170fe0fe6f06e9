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


def _t(el: Any) -> str:
    return (el.text or "").strip()


def _naam(el: Any) -> str:
    tag: str = el.tag
    return tag[tag.rfind("}") + 1 :]


def lees_levering(berichttype: str, root: Any) -> Gelezen:
    """A 305 or 307 as :func:`parse.ontleed` reads it, straight from the tree. Call after XSD
    validation, on a tree from :func:`xml.lees` (its parser drops comments and processing
    instructions): the schema then fixes where each header element is, and that the Client starts with
    its Bsn and ends with the Start/StopProducten. ``inhoud`` (the nested dicts) is made when asked for."""
    kop, client = root[0], root[1]
    bid, versie = kop[5], kop[6]
    header = Header(
        berichtcode=_t(kop[0]),
        berichtversie=_t(kop[1]),
        berichtsubversie=_t(kop[2]),
        afzender=_t(kop[3]),
        ontvanger=_t(kop[4]),
        identificatie=_t(bid[0]),
        dagtekening=dt.date.fromisoformat(_t(bid[1])),
        basisschema_xsd_versie=_t(versie[0]),
        bericht_xsd_versie=_t(versie[1]),
    )
    stop = berichttype == "WMO307"
    klasse = LEVERINGKLASSE[berichttype]
    pad = f"/Bericht/Client/{klasse}en/{klasse}"
    producten = []
    for i, el in enumerate(client[len(client) - 1], 1):
        d: dict[str, str] = {}
        for k in el:
            naam = _naam(k)
            if naam == "Product":
                for kk in k:
                    d[_naam(kk)] = _t(kk)
            else:
                d[naam] = _t(k)
        producten.append(LeveringProduct.van(d, f"{pad}[{i}]", stop=stop, product=d))
    geboren = client[1]
    datum = gebruik = ""
    for k in geboren:
        if _naam(k) == "Datum":
            datum = _t(k)
        elif _naam(k) == "DatumGebruik":
            gebruik = _t(k)
    return _GelezenLevering(
        berichttype,
        header,
        cast(dict[str, Any], _LuiInhoud(root)),
        producten=producten,
        client_bsn=_t(client[0]),
        geboortedatum=dt.date.fromisoformat(datum) if datum and gebruik != "3" else None,
    )

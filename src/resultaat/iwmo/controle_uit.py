"""The rules on the content of the messages the gemeente sends, checked before one is written (and by
``iwmo_validate`` on a file): a 301 the provider would reject is not sent; the user sees the rule."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q

from resultaat.core.codes import WMO002RedenWijziging
from resultaat.core.validators import bsn_is_valid
from resultaat.iwmo.models import DeclaratieRegel
from resultaat.iwmo.regels import Probleem


def _t(el: Any, pad: str) -> str:
    return (el.findtext(pad) or "").strip()


def _datum(tekst: str) -> dt.date | None:
    return dt.date.fromisoformat(tekst) if tekst else None


def controleer_301(root: Any, gemeente: Any) -> list[Probleem]:
    """CS002, TR002, TR061, TR006, CD034, CD025, CD005, CD041, TR302, CS335 and TR385 on a 301."""
    p: list[Probleem] = []
    client = root.find("{*}Client")
    if not bsn_is_valid(_t(client, "{*}Bsn")):
        p.append(Probleem("CS002", "/Bericht/Client/Bsn"))
    geboren = _datum(_t(client, "{*}Geboortedatum/{*}Datum"))
    dagtekening = _datum(_t(root, "{*}Header/{*}BerichtIdentificatie/{*}Dagtekening"))
    if geboren and dagtekening and geboren.year < dagtekening.year - 120:
        p.append(Probleem("TR002", "/Bericht/Client/Geboortedatum"))
    contacten = client.findall("{*}Contactgegevens/{*}Contact")
    if not any(c.find("{*}Adres") is not None and _t(c, "{*}Soort") in ("01", "02", "03") for c in contacten):
        p.append(Probleem("TR061", "/Bericht/Client/Contactgegevens"))
    for i, c in enumerate(contacten, 1):
        pad = f"/Bericht/Client/Contactgegevens/Contact[{i}]"
        adres = c.find("{*}Adres")
        huis = adres is not None and adres.find("{*}Huis") is not None
        postcode = adres is not None and bool(_t(adres, "{*}Postcode"))
        if c.find("{*}Telefoon") is None and not (huis and postcode):
            p.append(Probleem("TR006", pad))
        if adres is None:
            continue
        if _t(c, "{*}Soort") in ("01", "03") and not postcode:
            p.append(Probleem("CD034", pad + "/Adres/Postcode"))
        if _t(adres, "{*}LandCode") == "NL" and not huis:
            p.append(Probleem("CD025", pad + "/Adres/Huis"))
        if postcode and not _t(adres, "{*}LandCode"):
            p.append(Probleem("CD005", pad + "/Adres/LandCode"))
    verwijderd: list[int] = []
    perioden: list[tuple[str, dt.date, dt.date]] = []
    for i, tp in enumerate(client.findall("{*}ToegewezenProducten/{*}ToegewezenProduct"), 1):
        pad = f"/Bericht/Client/ToegewezenProducten/ToegewezenProduct[{i}]"
        code = _t(tp, "{*}Product/{*}Code")
        if code and tp.find("{*}Omvang") is None and tp.find("{*}Budget") is None:
            p.append(Probleem("CD041", pad + "/Omvang"))
        begin = _datum(_t(tp, "{*}Ingangsdatum")) or dt.date.min
        eind = _datum(_t(tp, "{*}Einddatum")) or dt.date.max
        if _t(tp, "{*}RedenWijziging") == WMO002RedenWijziging.VERWIJDERD:
            if begin != eind:
                p.append(Probleem("CS335", pad + "/RedenWijziging"))
            verwijderd.append(int(_t(tp, "{*}ToewijzingNummer")))
            continue
        product = _t(tp, "{*}Product/{*}Categorie") + code
        if any(q == product and b <= eind and begin <= e for q, b, e in perioden):
            p.append(Probleem("TR302", pad))
        perioden.append((product, begin, eind))
    if verwijderd and gemeente is not None:
        gedeclareerd = _goedgekeurd_gedeclareerd(gemeente, verwijderd)
        p += [
            Probleem("TR385", "/Bericht/Client/ToegewezenProducten", f"Toewijzing {n}.") for n in gedeclareerd
        ]
    return p


def _goedgekeurd_gedeclareerd(gemeente: Any, nummers: list[int]) -> list[int]:
    """Toewijzingen with an approved debet line that was not credited (TR385)."""
    regels = DeclaratieRegel.objects.filter(
        toewijzing__gemeente=gemeente, toewijzing__nummer__in=nummers, toegekend=True
    )
    gecrediteerd = set(regels.filter(bedrag_cent__lt=0).values_list("vorig_referentienummer", flat=True))
    return sorted(
        set(
            regels.filter(bedrag_cent__gte=0)
            .filter(~Q(referentienummer__in=gecrediteerd))
            .values_list("toewijzing__nummer", flat=True)
        )
    )


def controleer_319(root: Any) -> list[Probleem]:
    """CD085/CD086 on a 319: a reason with answer 1 only."""
    antwoord = root.find("{*}Antwoord")
    if antwoord is None:
        return []
    reden = _t(antwoord, "{*}RedenAfwijzingVerzoek")
    if _t(antwoord, "{*}VerzoekAntwoord") == "1" and not reden:
        return [Probleem("CD085", "/Bericht/Antwoord/RedenAfwijzingVerzoek")]
    if _t(antwoord, "{*}VerzoekAntwoord") == "2" and reden:
        return [Probleem("CD086", "/Bericht/Antwoord/RedenAfwijzingVerzoek")]
    return []


def controleer_bsns(root: Any) -> list[Probleem]:
    """CS002 on every Bsn of a message (the retours and the 325)."""
    return [
        Probleem("CS002", "//Bsn", f"BSN eindigend op {(el.text or '')[-3:]}.")
        for el in root.iter("{*}Bsn")
        if not bsn_is_valid((el.text or "").strip())
    ]

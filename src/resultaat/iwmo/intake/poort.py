"""The gate: size and level 1 (well-formed, hardened parse, XSD, file rules), then who sends what to
whom, and idempotency (the same file again by its sha256, or another file under a BerichtIdentificatie
already used)."""

from __future__ import annotations

from typing import Any

from resultaat.iwmo import controle_uit, xml
from resultaat.iwmo.intake.batch import Batch, Uitkomst, Werk, sha
from resultaat.iwmo.intake.lezen import lees
from resultaat.iwmo.intake.niveau2 import niveau_2
from resultaat.iwmo.intake.retour import ANTWOORDEN, retour_bytes
from resultaat.iwmo.models import BerichtStatus
from resultaat.iwmo.regels import Probleem

# Retours that copy the header of the provider's message (the 325 has a header of its own).
KOPIE_VAN_HEEN = frozenset({"WMO306", "WMO308", "WMO316", "WMO318"})


def controleer_technisch(naam: str, data: bytes, *, alleen_xsd: bool = False) -> Werk:
    """Level 1. ``xml.lees`` refuses a file over the size limit, with a BOM, a DOCTYPE or no XML; then
    the XSD and the file rules. A file that passes is read (unless ``alleen_xsd``)."""
    werk = Werk(naam, data, sha(data), Uitkomst(naam))
    try:
        berichttype, root = xml.lees(data)
    except xml.BestandFout as fout:
        werk.uitkomst.status = "technisch"
        werk.uitkomst.problemen.append(Probleem(fout.regel, "/", fout.melding))
        return werk
    werk.uitkomst.berichttype = berichttype
    fouten = xml.valideer_xsd(berichttype, root)
    if fouten:
        werk.uitkomst.status = "technisch"
        werk.uitkomst.problemen += [Probleem("XSD", f.pad, f"regel {f.regel}: {f.melding}") for f in fouten]
        return werk
    for melding in xml.controleer_bestandsregels(data):
        werk.uitkomst.problemen.append(Probleem("OP192", "/", melding))
    if werk.uitkomst.problemen:
        werk.uitkomst.status = "technisch"
        return werk
    werk.root = root
    if not alleen_xsd:
        werk.gelezen = lees(berichttype, root)
    return werk


def laat_door(b: Batch, w: Werk) -> bool:
    """Who sends what to whom, and idempotency. True: the file goes on to its checks; False: its
    outcome is settled here (unknown provider, wrong direction, a duplicate, a reused identification)."""
    g = w.gelezen
    assert g is not None
    u = w.uitkomst
    h = g.header
    if g.berichttype in KOPIE_VAN_HEEN:
        # A retour copies the header of the message it answers: the provider is its Afzender.
        agb, gemeentecode = h.afzender, h.ontvanger
    elif g.berichttype in ANTWOORDEN or g.berichttype in xml.VAN_GEMEENTE:
        agb, gemeentecode = h.ontvanger, h.afzender
    else:
        agb, gemeentecode = h.afzender, h.ontvanger
    w.aanbieder = b.aanbieders.get(agb)
    if w.aanbieder is None:
        u.status = "technisch"
        u.problemen.append(Probleem("AFZENDER", "/Bericht/Header", f"Onbekende aanbieder (AGB {agb})."))
        if b.toepassen:
            return False
    if not b.toepassen and (w.aanbieder is None or g.berichttype in xml.VAN_GEMEENTE):
        # Checking a file without applying it (iwmo_validate): every problem that can be found.
        if gemeentecode not in b.gemeenten:
            u.problemen.append(Probleem("TR378", "/Bericht/Header"))
        u.problemen += _inhoud(w, b.gemeenten.get(gemeentecode), b)
        if u.status != "technisch":
            u.status = "afgekeurd" if u.problemen else "goedgekeurd"
        return False
    if g.berichttype in xml.VAN_GEMEENTE:
        u.status = "technisch"
        u.problemen.append(
            Probleem("RICHTING", "/Bericht", f"{g.berichttype} wordt door de gemeente verstuurd.")
        )
        return False
    w.gemeente = b.gemeenten.get(gemeentecode)
    # Idempotency: the same file, or the same BerichtIdentificatie, a second time.
    sleutel = (h.afzender, h.berichtcode, h.identificatie)
    in_batch = b.in_batch.get(sleutel)
    if in_batch is not None:
        if in_batch.sha == w.sha:
            u.status, u.bericht = "dubbel-" + in_batch.uitkomst.status, in_batch.uitkomst.bericht
            u.retour, u.retour_naam = in_batch.uitkomst.retour, in_batch.uitkomst.retour_naam
            return False
        _al_gebruikt(b, w)
        return False
    b.in_batch[sleutel] = w
    eerder = b.eerder.get(sleutel)
    if eerder is not None:
        if eerder.sha256 != w.sha:
            _al_gebruikt(b, w)
            return False
        retouren = list(eerder.retouren.all())
        retour = retouren[0] if retouren else None
        u.status = "dubbel-" + ("goedgekeurd" if eerder.status == BerichtStatus.GOEDGEKEURD else "afgekeurd")
        u.bericht = eerder
        if retour is not None:
            u.retour, u.retour_naam = bytes(retour.inhoud), retour.bestandsnaam
        return False
    return True


def _inhoud(w: Werk, gemeente: Any, b: Batch) -> list[Probleem]:
    """The content rules of a message checked on its own: those we check before we send a 301, 319 or
    retour, and for a provider's message its level-2 rules."""
    g = w.gelezen
    assert g is not None
    if g.berichttype == "WMO301":
        return controle_uit.controleer_301(w.root, gemeente)
    if g.berichttype == "WMO319":
        return controle_uit.controleer_319(w.root)
    if g.berichttype in xml.VAN_GEMEENTE or g.berichttype in ANTWOORDEN:
        return controle_uit.controleer_bsns(w.root)
    return niveau_2(g, b.productcodes, b.vandaag)


def _al_gebruikt(b: Batch, w: Werk) -> None:
    """TR056: another file under a BerichtIdentificatie already used; a header-only 9056, not stored."""
    g = w.gelezen
    assert g is not None
    w.uitkomst.status = "afgekeurd"
    w.uitkomst.problemen.append(Probleem("TR056", "/Bericht/Header/BerichtIdentificatie/Identificatie"))
    if g.berichttype in xml.RETOUR_VAN and g.berichttype != "WMO323":
        w.uitkomst.retour = retour_bytes(b, g.berichttype, w, header_codes=["9056"])

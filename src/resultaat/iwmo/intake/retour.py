"""The retour: the header-only retour from a template, the retour with codes per class, the 325, and
the message with its retour kept for the batch's write."""

from __future__ import annotations

import datetime as dt
from xml.sax.saxutils import escape

from resultaat.core.bulk import Bouwer
from resultaat.iwmo import bouw, xml
from resultaat.iwmo.intake.batch import Batch, Werk, sha
from resultaat.iwmo.models import Bericht, BerichtStatus, Richting
from resultaat.iwmo.parse import Header
from resultaat.iwmo.regels import Probleem

# A received message or our retour to it, in the order of these fields.
_BERICHT = Bouwer(
    Bericht,
    (
        "richting",
        "berichttype",
        "berichtcode",
        "afzender",
        "ontvanger",
        "gemeente_id",
        "aanbieder_id",
        "identificatie",
        "dagtekening",
        "bestandsnaam",
        "sha256",
        "inhoud",
        "status",
        "retourcodes",
        "declaratienummer",
    ),
)

# Messages from the gemeente's side that we receive as answers: no retour goes back to them.
ANTWOORDEN = ("WMO302", "WMO320")


def _e(waarde: str) -> str:
    return escape(waarde) if ("&" in waarde or "<" in waarde or ">" in waarde) else waarde


def kop_retour(
    heen_type: str, h: Header, *, identificatie: str, dagtekening: dt.date, codes: list[str] | None = None
) -> bytes:
    """The header-only retour (fully approved: no RetourCodes; level 2: the codes), written from a
    template: the same bytes as :func:`bouw.header_retour` with ``dagtekening`` as DagtekeningRetour."""
    retour_type = xml.RETOUR_VAN[heen_type]
    basis, bericht = xml.xsd_versies(retour_type)
    xslt = f"    <XsltVersie>{xml.XSLT_VERSIE}</XsltVersie>\r\n" if codes else ""
    retourcodes = (
        "    <RetourCodes>\r\n"
        + "".join(f"      <RetourCode>{_e(c)}</RetourCode>\r\n" for c in codes)
        + "    </RetourCodes>\r\n"
        if codes
        else ""
    )
    return (
        "<?xml version='1.0' encoding='UTF-8'?>\r\n"
        f'<Bericht xmlns="{xml.namespace(retour_type)}" xmlns:iwmo="{xml.BASIS_NS}">\r\n'
        "  <Header>\r\n"
        f"    <BerichtCode>{xml.BERICHTCODES[retour_type]}</BerichtCode>\r\n"
        f"    <BerichtVersie>{_e(h.berichtversie)}</BerichtVersie>\r\n"
        f"    <BerichtSubversie>{_e(h.berichtsubversie)}</BerichtSubversie>\r\n"
        f"    <Afzender>{_e(h.afzender)}</Afzender>\r\n"
        f"    <Ontvanger>{_e(h.ontvanger)}</Ontvanger>\r\n"
        "    <BerichtIdentificatie>\r\n"
        f"      <iwmo:Identificatie>{_e(h.identificatie)}</iwmo:Identificatie>\r\n"
        f"      <iwmo:Dagtekening>{h.dagtekening.isoformat()}</iwmo:Dagtekening>\r\n"
        "    </BerichtIdentificatie>\r\n"
        "    <XsdVersie>\r\n"
        f"      <iwmo:BasisschemaXsdVersie>{_e(h.basisschema_xsd_versie)}</iwmo:BasisschemaXsdVersie>\r\n"
        f"      <iwmo:BerichtXsdVersie>{_e(h.bericht_xsd_versie)}</iwmo:BerichtXsdVersie>\r\n"
        "    </XsdVersie>\r\n"
        f"    <IdentificatieRetour>{_e(identificatie)}</IdentificatieRetour>\r\n"
        f"    <DagtekeningRetour>{dagtekening.isoformat()}</DagtekeningRetour>\r\n"
        f"{xslt}"
        "    <XsdVersieRetour>\r\n"
        f"      <iwmo:BasisschemaXsdVersie>{basis}</iwmo:BasisschemaXsdVersie>\r\n"
        f"      <iwmo:BerichtXsdVersie>{bericht}</iwmo:BerichtXsdVersie>\r\n"
        "    </XsdVersieRetour>\r\n"
        f"{retourcodes}"
        "  </Header>\r\n"
        "</Bericht>\r\n"
    ).encode()


def retour_bytes(
    b: Batch,
    heen_type: str,
    w: Werk,
    *,
    header_codes: list[str] | None = None,
    klasse_codes: dict[str, list[str]] | None = None,
) -> bytes:
    """The retour of a 305/307/315/317: header-only from the template, or built with codes per class."""
    if not klasse_codes and w.gelezen is not None:
        return kop_retour(
            heen_type,
            w.gelezen.header,
            identificatie=b.identificatie(),
            dagtekening=b.vandaag,
            codes=header_codes,
        )
    heen = w.data if klasse_codes else w.root
    return bouw.bouw_retour(
        heen_type, heen, identificatie=b.identificatie(), header_codes=header_codes, klasse_codes=klasse_codes
    )


def opslaan(b: Batch, w: Werk, status: str, retour: bytes | None, header_codes: list[str]) -> None:
    """Keep the received message (and our retour to it) for the batch's write."""
    g = w.gelezen
    assert g is not None
    h = g.header
    gemeente_id = w.gemeente.id if w.gemeente is not None else None
    aanbieder_id = w.aanbieder.id if w.aanbieder is not None else None
    heen = _BERICHT(
        Richting.IN,
        g.berichttype,
        h.berichtcode,
        h.afzender,
        h.ontvanger,
        gemeente_id,
        aanbieder_id,
        h.identificatie,
        h.dagtekening,
        w.naam,
        w.sha,
        w.data,
        status,
        [],
        g.inhoud["Declaratie"]["DeclaratieNummer"] if g.berichttype == "WMO323" else "",
    )
    b.berichten.append(heen)
    w.uitkomst.bericht = heen
    w.uitkomst.status = status
    if retour is None:
        return
    retour_type = xml.RETOUR_VAN[g.berichttype]
    naam = xml.bestandsnaam(retour_type, h.afzender, h.identificatie, b.vandaag)
    declaratie_antwoord = retour_type == "WMO325"
    terug = _BERICHT(
        Richting.UIT,
        retour_type,
        xml.BERICHTCODES[retour_type],
        h.ontvanger if declaratie_antwoord else h.afzender,
        h.afzender if declaratie_antwoord else h.ontvanger,
        gemeente_id,
        aanbieder_id,
        b.identificatie() if declaratie_antwoord else h.identificatie,
        b.vandaag,
        naam,
        sha(retour),
        retour,
        BerichtStatus.VERZONDEN,
        header_codes,
        "",
    )
    b.retouren.append((heen, terug))
    w.uitkomst.retour, w.uitkomst.retour_naam = retour, naam


def afgekeurd(
    b: Batch,
    w: Werk,
    *,
    header_codes: list[str] | None = None,
    klasse_codes: dict[str, list[str]] | None = None,
) -> None:
    g = w.gelezen
    assert g is not None
    if g.berichttype in ANTWOORDEN:
        opslaan(b, w, BerichtStatus.AFGEKEURD, None, header_codes or [])
        return
    if g.berichttype == "WMO323":
        retour = bouw.bouw_325(
            g,
            identificatie=b.identificatie(),
            header_codes=header_codes or ["0001"],
            totaal_ingediend=0,
            totaal_toegekend=0,
            afgewezen=[],
            volledig=False,
        )
    else:
        retour = retour_bytes(b, g.berichttype, w, header_codes=header_codes, klasse_codes=klasse_codes)
    opslaan(b, w, BerichtStatus.AFGEKEURD, retour, header_codes or [])


def goed(b: Batch, w: Werk) -> None:
    g = w.gelezen
    assert g is not None
    retour = None if g.berichttype in ANTWOORDEN else retour_bytes(b, g.berichttype, w)
    opslaan(b, w, BerichtStatus.GOEDGEKEURD, retour, [])


def niveau_3(b: Batch, w: Werk, problemen: list[Probleem]) -> bool:
    """Level 3/4: the whole message is rejected; each class gets its code, 0200 or 0233."""
    if not problemen:
        return False
    w.uitkomst.problemen += problemen
    afgekeurd(b, w, klasse_codes=bouw.klasse_codes(problemen))
    return True

"""302 and 320: the provider's retour on our 301 or 319. Linked to our message; a ToegewezenProduct the
provider approved is accepted as in the portal; one with rejection codes lands on the worklist."""

from __future__ import annotations

from typing import Any

from resultaat.clienten.models import Client
from resultaat.iwmo import xml
from resultaat.iwmo.intake.batch import Batch, Werk
from resultaat.iwmo.intake.retour import opslaan
from resultaat.iwmo.models import Bericht, BerichtStatus, Richting
from resultaat.toewijzingen.models import Toewijzing
from resultaat.toewijzingen.services import accepteer_toewijzingen
from resultaat.werklijst.models import WerklijstItem

HEEN_VAN = {"WMO302": "WMO301", "WMO320": "WMO319"}


def retour_ontvangen(b: Batch, w: Werk) -> None:
    g = w.gelezen
    assert g is not None
    h = g.header
    heen_type = HEEN_VAN[g.berichttype]
    heen = Bericht.objects.filter(
        richting=Richting.UIT,
        afzender=h.afzender,
        berichtcode=xml.BERICHTCODES[heen_type],
        identificatie=h.identificatie,
    ).first()
    codes = g.inhoud["Header"].get("RetourCodes", [])
    afgekeurd = bool(codes) or any(rc != ["0200"] for rc in alle_retourcodes(g.inhoud) if rc)
    opslaan(b, w, BerichtStatus.AFGEKEURD if afgekeurd else BerichtStatus.ONTVANGEN, None, codes)
    ontvangen = w.uitkomst.bericht
    assert ontvangen is not None
    w.uitkomst.status = "goedgekeurd"

    def koppel() -> None:
        if heen is not None:
            Bericht.objects.filter(pk=ontvangen.pk).update(heenbericht=heen)
        client = Client.objects.filter(gemeente=w.gemeente, bsn=g.bsn).first() if g.bsn else None
        if heen_type == "WMO301" and w.gemeente is not None and w.aanbieder is not None:
            # A ToegewezenProduct the provider approved (0200) is accepted through the portal's own
            # write path (toewijzingen.services); a rejected one stays as it is and goes to the
            # worklist below.
            goedgekeurd = [
                int(nummer)
                for nummer, rc in toewijzing_retourcodes(g.inhoud)
                if rc == ["0200"] and nummer.isdigit()
            ]
            if goedgekeurd:
                accepteer_toewijzingen(
                    door=b.door,
                    toewijzingen=Toewijzing.objects.filter(
                        gemeente=w.gemeente, aanbieder=w.aanbieder, nummer__in=goedgekeurd
                    ),
                )
        if afgekeurd and client is not None and w.gemeente is not None:
            WerklijstItem.objects.meld_retour(
                gemeente_id=w.gemeente.pk,
                client_id=client.pk,
                omschrijving=f"{heen_type} {h.identificatie} afgekeurd door {w.aanbieder}: "
                f"{', '.join(sorted(set(sum(alle_retourcodes(g.inhoud), codes)) - {'0200'}))}",
                vanaf=b.vandaag,
            )

    b.nagestuurd.append(koppel)


def toewijzing_retourcodes(d: Any) -> list[tuple[str, list[str]]]:
    """(ToewijzingNummer, its RetourCodes) of every ToegewezenProduct in a 302."""
    uit: list[tuple[str, list[str]]] = []
    if isinstance(d, dict):
        if "ToewijzingNummer" in d and "RetourCodes" in d:
            uit.append((str(d["ToewijzingNummer"]), list(d["RetourCodes"])))
        for v in d.values():
            uit += toewijzing_retourcodes(v)
    elif isinstance(d, list):
        for v in d:
            uit += toewijzing_retourcodes(v)
    return uit


def alle_retourcodes(d: Any) -> list[list[str]]:
    uit: list[list[str]] = []
    if isinstance(d, dict):
        for k, v in d.items():
            if k == "RetourCodes":
                uit.append(list(v))
            else:
                uit += alle_retourcodes(v)
    elif isinstance(d, list):
        for v in d:
            uit += alle_retourcodes(v)
    return uit

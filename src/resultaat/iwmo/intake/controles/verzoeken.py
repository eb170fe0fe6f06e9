"""315 (verzoek om toewijzing, VOT) and 317 (verzoek om wijziging, VOW): each becomes a ``Verzoek`` on
the consulent's worklist, due in 5 werkdagen."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q

from resultaat.clienten.models import Client
from resultaat.core import termijnen
from resultaat.core.codes import WMO002RedenWijziging
from resultaat.iwmo.intake.batch import Batch, Werk
from resultaat.iwmo.intake.niveau2 import aangevraagd
from resultaat.iwmo.intake.retour import goed, niveau_3
from resultaat.iwmo.models import Verzoek, VerzoekSoort
from resultaat.iwmo.regels import Probleem
from resultaat.organisaties.models import Aanbieder
from resultaat.toewijzingen.models import Toewijzing


def _open_verzoek(client: Client | None, aanbieder: Aanbieder) -> bool:
    return client is not None and Verzoek.objects.open().filter(client=client, aanbieder=aanbieder).exists()


def vot(b: Batch, w: Werk) -> None:
    g = w.gelezen
    assert g is not None and w.gemeente is not None and w.aanbieder is not None
    c = g.inhoud["Client"]
    client = Client.objects.filter(gemeente=w.gemeente, bsn=c["Bsn"]).first()
    problemen = []
    producten = aangevraagd(g)
    refs = [p["ReferentieAanbieder"] for p in producten]
    bestaand = set(
        Verzoek.objects.filter(aanbieder=w.aanbieder, referentie_aanbieder__in=refs).values_list(
            "referentie_aanbieder", flat=True
        )
    )
    for p in producten:
        if p["ReferentieAanbieder"] in bestaand:
            problemen.append(Probleem("TR347", p["_pad"]))
    if _open_verzoek(client, w.aanbieder):
        problemen.append(Probleem("TR374", "/Bericht/Client"))
    if niveau_3(b, w, problemen):
        return
    goed(b, w)
    if client is None:
        naam = c["Naam"]
        client = Client(
            gemeente=w.gemeente,
            bsn=c["Bsn"],
            achternaam=naam["Geslachtsnaam"]["Achternaam"],
            tussenvoegsel=naam["Geslachtsnaam"].get("Voorvoegsel", ""),
            voorletters=naam.get("Voorletters", ""),
            geboortedatum=dt.date.fromisoformat(c["Geboortedatum"]["Datum"]),
            geslacht=c["Geslacht"],
        )
        client.save()
    for p in producten:
        _verzoek(b, w, client, VerzoekSoort.VOT, p["ReferentieAanbieder"], [p])


def _periode(p: dict[str, Any], t: Toewijzing | None = None) -> tuple[dt.date, dt.date]:
    begin = p.get("GewensteIngangsdatum") or (t.ingangsdatum.isoformat() if t else "0001-01-01")
    eind = p.get("Einddatum") or (t.einddatum.isoformat() if t and t.einddatum else "9999-12-31")
    return dt.date.fromisoformat(begin), dt.date.fromisoformat(eind)


def _vow_regels(
    verzoek: dict[str, Any], actueel: dict[int, Toewijzing], dagtekening: dt.date
) -> list[Probleem]:
    """TR349-TR351, TR357, TR361, TR373, TR411 of a 317 against the client's current toewijzingen."""
    pad = "/Bericht/Client/Verzoek"
    problemen: list[Probleem] = []
    genoemd: set[int] = set()
    perioden: list[tuple[tuple[str, str], tuple[dt.date, dt.date], str]] = []
    for i, p in enumerate(verzoek.get("OngewijzigdeProducten", []), 1):
        t = actueel.get(int(p["ToewijzingNummer"]))
        waar = f"{pad}/OngewijzigdeProducten/OngewijzigdProduct[{i}]"
        if t is None:
            problemen.append(Probleem("TR350", waar))
            continue
        genoemd.add(t.nummer)
        perioden.append(((t.product.categorie, t.product.code), _periode({}, t), waar))
    for i, p in enumerate(verzoek.get("TeWijzigenProducten", []), 1):
        t = actueel.get(int(p["ToewijzingNummer"]))
        waar = f"{pad}/TeWijzigenProducten/TeWijzigenProduct[{i}]"
        if t is None:
            problemen.append(Probleem("TR351", waar))
            continue
        genoemd.add(t.nummer)
        gewenst = dt.date.fromisoformat(p["GewensteIngangsdatum"])
        if gewenst <= dagtekening and gewenst != t.ingangsdatum:
            problemen.append(Probleem("TR357", waar))
        budget = (p.get("Budget") or {}) if isinstance(p.get("Budget"), dict) else p.get("Budget")
        if budget not in (None, {}, "") and gewenst != t.ingangsdatum:
            problemen.append(Probleem("TR373", waar))
        if t.product.code and not p.get("Omvang") and budget in (None, {}, ""):
            problemen.append(Probleem("TR411", waar))
        perioden.append(((t.product.categorie, t.product.code), _periode(p, t), waar))
    for i, p in enumerate(verzoek.get("NieuweProducten", []), 1):
        product = p.get("Product") or {}
        if product.get("Code"):
            waar = f"{pad}/NieuweProducten/NieuwProduct[{i}]"
            perioden.append(((product.get("Categorie", ""), product["Code"]), _periode(p), waar))
    if set(actueel) - genoemd:
        problemen.append(Probleem("TR349", pad))
    for j, (product, (begin, eind), waar) in enumerate(perioden):
        if any(q == product and b <= eind and begin <= e for q, (b, e), _ in perioden[:j]):
            problemen.append(Probleem("TR361", waar))
    return problemen


def vow(b: Batch, w: Werk) -> None:
    g = w.gelezen
    assert g is not None and w.gemeente is not None and w.aanbieder is not None
    verzoek = g.inhoud["Client"]["Verzoek"]
    pad = "/Bericht/Client/Verzoek"
    client = Client.objects.filter(gemeente=w.gemeente, bsn=g.bsn).first()
    problemen = []
    if client is None:
        problemen.append(Probleem("TR304", "/Bericht/Client"))
    if Verzoek.objects.filter(
        aanbieder=w.aanbieder, referentie_aanbieder=verzoek["ReferentieAanbieder"]
    ).exists():
        problemen.append(Probleem("TR347", pad))
    if _open_verzoek(client, w.aanbieder):
        problemen.append(Probleem("TR374", pad))
    # The client's current toewijzingen at this provider: not ended before today, not deleted.
    actueel = (
        {
            t.nummer: t
            for t in Toewijzing.objects.filter(client=client, aanbieder=w.aanbieder)
            .filter(Q(einddatum__isnull=True) | Q(einddatum__gte=b.vandaag))
            .exclude(reden_wijziging=WMO002RedenWijziging.VERWIJDERD)
            .select_related("product")
        }
        if client
        else {}
    )
    if client is not None:
        problemen += _vow_regels(verzoek, actueel, g.header.dagtekening)
    if niveau_3(b, w, problemen):
        return
    goed(b, w)
    assert client is not None
    _verzoek(b, w, client, VerzoekSoort.VOW, verzoek["ReferentieAanbieder"], [verzoek])


def _verzoek(b: Batch, w: Werk, client: Client, soort: str, referentie: str, producten: list[Any]) -> None:
    heen, gemeente, aanbieder = w.uitkomst.bericht, w.gemeente, w.aanbieder
    assert heen is not None and gemeente is not None and aanbieder is not None
    uiterlijk = termijnen.VERZOEK_BEANTWOORDEN.uiterlijk(b.vandaag)

    def maak() -> None:
        Verzoek.objects.create(
            gemeente=gemeente,
            aanbieder=aanbieder,
            client=client,
            soort=soort,
            referentie_aanbieder=referentie,
            bericht=heen,
            producten=[{k: val for k, val in p.items() if k != "_pad"} for p in producten],
            uiterlijk=uiterlijk,
        ).zet_op_werklijst()

    b.nagestuurd.append(maak)

"""315 (verzoek om toewijzing, VOT) and 317 (verzoek om wijziging, VOW): each becomes a ``Verzoek`` on
the consulent's worklist, due in 5 werkdagen."""

from __future__ import annotations

import datetime as dt
from typing import Any

from resultaat.clienten.models import Client
from resultaat.core import termijnen
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
        if p["ReferentieAanbieder"] in bestaand or refs.count(p["ReferentieAanbieder"]) > 1:
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


def vow(b: Batch, w: Werk) -> None:
    g = w.gelezen
    assert g is not None and w.gemeente is not None and w.aanbieder is not None
    verzoek = g.inhoud["Client"]["Verzoek"]
    pad = "/Bericht/Client/Verzoek"
    client = Client.objects.filter(gemeente=w.gemeente, bsn=g.bsn).first()
    problemen = []
    if client is None:
        problemen.append(Probleem("TR375", "/Bericht/Client", "De cliënt is onbekend bij de gemeente."))
    if Verzoek.objects.filter(
        aanbieder=w.aanbieder, referentie_aanbieder=verzoek["ReferentieAanbieder"]
    ).exists():
        problemen.append(Probleem("TR347", pad))
    if _open_verzoek(client, w.aanbieder):
        problemen.append(Probleem("TR374", pad))
    lopend = (
        set(
            Toewijzing.objects.filter(client=client, aanbieder=w.aanbieder)
            .actief_op(b.vandaag)
            .values_list("nummer", flat=True)
        )
        if client
        else set()
    )
    for groep, klasse in (
        ("OngewijzigdeProducten", "OngewijzigdProduct"),
        ("TeWijzigenProducten", "TeWijzigenProduct"),
    ):
        for i, p in enumerate(verzoek.get(groep, []), 1):
            if int(p["ToewijzingNummer"]) not in lopend:
                problemen.append(Probleem("TR375", f"{pad}/{groep}/{klasse}[{i}]"))
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

"""323 (declaratie): every prestatie checked against its toewijzing, the contract tariff and what the
period settlement says is due; the 325 answers per prestatie, the declaration lines are kept."""

from __future__ import annotations

from resultaat.clienten.models import Client
from resultaat.core.codes import WJ756Eenheid, WMO002RedenWijziging
from resultaat.iwmo import bouw
from resultaat.iwmo.declaratie import eenheidstarief, verschuldigd_bedrag
from resultaat.iwmo.intake.batch import Batch, Werk
from resultaat.iwmo.intake.retour import afgekeurd, opslaan
from resultaat.iwmo.models import Bericht, BerichtStatus, DeclaratieRegel
from resultaat.iwmo.regels import Probleem
from resultaat.toewijzingen.models import Toewijzing


def declaratie(b: Batch, w: Werk) -> None:
    g = w.gelezen
    assert g is not None and w.gemeente is not None and w.aanbieder is not None
    d = g.inhoud["Declaratie"]
    if Bericht.objects.filter(
        aanbieder=w.aanbieder, berichttype="WMO323", declaratienummer=d["DeclaratieNummer"]
    ).exists():
        w.uitkomst.problemen.append(Probleem("TR333", "/Bericht/Declaratie/DeclaratieNummer"))
        afgekeurd(b, w, header_codes=["9333"])
        return
    refs = [pr.referentienummer for _, pr in g.prestaties] + [
        pr.vorig_referentienummer for _, pr in g.prestaties if pr.vorig_referentienummer
    ]
    eerder = {
        r.referentienummer: r
        for r in DeclaratieRegel.objects.filter(
            aanbieder=w.aanbieder, toegekend=True, referentienummer__in=refs
        )
    }
    regels: list[DeclaratieRegel] = []
    afgewezen = []
    ingediend = toegekend = 0
    lichte = [b.toewijzingen.get((w.gemeente.pk, pr.toewijzingnummer)) for _, pr in g.prestaties]
    volle = Toewijzing.objects.select_related("client", "product").in_bulk(
        [t.pk for t in lichte if t is not None]
    )
    for (bsn, pr), licht in zip(g.prestaties, lichte, strict=True):
        codes: list[Probleem] = []
        t = volle.get(licht.pk) if licht is not None else None
        if t is None or t.aanbieder_id != w.aanbieder.pk or t.client.bsn != bsn:
            codes.append(Probleem("TR338", pr.pad))
            t = None
        if pr.referentienummer in eerder:
            codes.append(Probleem("TR314", pr.pad))
        if pr.debet_credit == "C":
            vorig = eerder.get(pr.vorig_referentienummer)
            if vorig is None or vorig.bedrag_cent <= 0:
                codes.append(Probleem("IV085", pr.pad))
        if t is not None:
            if t.reden_wijziging == WMO002RedenWijziging.VERWIJDERD:
                codes.append(Probleem("TR384", pr.pad))
            if pr.categorie != t.product.categorie:
                codes.append(Probleem("TR339", pr.pad))
            if pr.code != t.product.code:
                codes.append(Probleem("TR340", pr.pad))
            if pr.eenheid != t.eenheid and not (
                pr.eenheid == WJ756Eenheid.MINUUT and t.eenheid == WJ756Eenheid.UUR
            ):
                codes.append(Probleem("TR341", pr.pad))
            if pr.begindatum < t.ingangsdatum:
                codes.append(Probleem("TR307", pr.pad))
            if t.einddatum is not None and pr.einddatum > t.einddatum:
                codes.append(Probleem("TR308", pr.pad))
            if (pr.begindatum.year, pr.begindatum.month) != (pr.einddatum.year, pr.einddatum.month):
                codes.append(Probleem("TR387", pr.pad))
            if t.volume is not None and t.eenheid != WJ756Eenheid.EUROS and pr.volume > t.volume:
                codes.append(Probleem("TR321", pr.pad))
            if (
                pr.eenheid != WJ756Eenheid.EUROS
                and pr.tarief is not None
                and pr.bedrag != pr.volume * pr.tarief
            ):
                codes.append(Probleem("TR346", pr.pad))
            tarief = eenheidstarief(toewijzing=t, datum=pr.begindatum)
            due = verschuldigd_bedrag(toewijzing=t, periode_begin=pr.begindatum, periode_eind=pr.einddatum)
            if (
                pr.tarief is not None
                and tarief is not None
                and pr.eenheid != WJ756Eenheid.EUROS
                and pr.tarief != tarief
            ) or (due is not None and pr.debet_credit == "D" and pr.bedrag > due):
                codes.append(Probleem("TR418", pr.pad))
        ingediend += pr.bedrag_signed
        ok = not codes
        client_id = (
            t.client_id
            if t
            else Client.objects.filter(gemeente=w.gemeente, bsn=bsn).values_list("pk", flat=True).first()
        )
        if ok:
            toegekend += pr.bedrag_signed
        else:
            w.uitkomst.problemen += codes
            afgewezen.append((bsn, pr, list(dict.fromkeys(c.retourcode for c in codes))))
        if client_id is not None:
            regels.append(
                DeclaratieRegel(
                    aanbieder=w.aanbieder,
                    client_id=client_id,
                    toewijzing=t,
                    referentienummer=pr.referentienummer,
                    vorig_referentienummer=pr.vorig_referentienummer,
                    begindatum=pr.begindatum,
                    einddatum=pr.einddatum,
                    volume=pr.volume,
                    bedrag_cent=pr.bedrag_signed,
                    toegekend=ok,
                    retourcodes=[] if ok else afgewezen[-1][2],
                )
            )
    retour = bouw.bouw_325(
        g,
        identificatie=b.identificatie(),
        header_codes=["0200"],
        totaal_ingediend=ingediend,
        totaal_toegekend=toegekend,
        afgewezen=afgewezen,
        volledig=not afgewezen,
    )
    opslaan(b, w, BerichtStatus.GOEDGEKEURD if not afgewezen else BerichtStatus.AFGEKEURD, retour, ["0200"])
    heen = w.uitkomst.bericht
    assert heen is not None

    def maak() -> None:
        for r in regels:
            r.bericht = heen
        DeclaratieRegel.objects.bulk_create(regels)

    b.nagestuurd.append(maak)

"""323 (declaratie): every prestatie checked against its toewijzing, the contract tariff and the earlier
prestaties of this provider; the 325 answers per prestatie, the declaration lines are kept.

A prestatie is refused only for a rule with its own retour code (WJ001). Whether a start (305) was
received, or when the delivery started or stopped, is no reason to refuse a claim: the start and stop
messages may not be made a condition for a declaratie (OP364, in the FAQ of iWmo 3.2 and IV089)."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable

from resultaat.clienten.models import Client
from resultaat.core.codes import (
    WJ756Eenheid,
    WMO002RedenWijziging,
    WMO020ProductCategorie,
    WMO757Frequentie,
)
from resultaat.iwmo import bouw
from resultaat.iwmo.declaratie import eenheidstarief
from resultaat.iwmo.intake.batch import Batch, Werk
from resultaat.iwmo.intake.retour import afgekeurd, opslaan
from resultaat.iwmo.models import Bericht, BerichtStatus, DeclaratieRegel
from resultaat.iwmo.parse import Prestatie
from resultaat.iwmo.regels import Probleem
from resultaat.toewijzingen.models import Toewijzing


def _overlapt(r: DeclaratieRegel, pr: Prestatie) -> bool:
    return r.begindatum <= pr.einddatum and pr.begindatum <= r.einddatum


def _weken(begin: dt.date, eind: dt.date) -> int:
    """The calendar weeks from ``begin`` to ``eind``, counted by week number (a broken week counts)."""
    if eind < begin:
        return 0
    return (
        (eind - dt.timedelta(days=eind.weekday())) - (begin - dt.timedelta(days=begin.weekday()))
    ).days // 7 + 1


def _zondagen(begin: dt.date, eind: dt.date) -> int:
    """The Sundays from ``begin`` to ``eind``."""
    if eind < begin:
        return 0
    eerste = begin + dt.timedelta(days=(6 - begin.weekday()) % 7)
    return 0 if eerste > eind else (eind - eerste).days // 7 + 1


def _weken_in_periode(t: Toewijzing, begin: dt.date, eind: dt.date) -> int:
    """IV077: the weekly volumes a product period of a toewijzing per week may hold.

    Inspanningsgericht (every unit but stuks output 82 and euro's 83): the calendar weeks of the
    period, counted by week number. Outputgericht: the Sundays of the period, plus one when the last
    Sunday of the toewijzing falls in it and the toewijzing does not end on a Sunday (a toewijzing
    without a Sunday: one, in the period of its end). Huishoudelijke hulp (productcategorie 01): 6 in
    every variant (TR321's toelichting: at most 6x the weekly volume); TR322 keeps the sum within
    the toewijzing."""
    if t.product.categorie == WMO020ProductCategorie.HULP_BIJ_HET_HUISHOUDEN:
        return 6
    begin = max(begin, t.ingangsdatum)
    eind = eind if t.einddatum is None else min(eind, t.einddatum)
    if t.eenheid not in (WJ756Eenheid.STUKS_OUTPUT, WJ756Eenheid.EUROS):
        return _weken(begin, eind)
    aantal = _zondagen(begin, eind)
    te = t.einddatum
    if te is not None and te.weekday() != 6:
        laatste_zondag = te - dt.timedelta(days=te.weekday() + 1)
        bevat = laatste_zondag if laatste_zondag >= t.ingangsdatum else te
        if begin <= bevat <= eind:
            aantal += 1
    return aantal


def _max_volume(t: Toewijzing, pr: Prestatie) -> int | None:
    """The volume the toewijzing allows over the prestatie's period (TR321), in the toewijzing's unit;
    None when the toewijzing has no Omvang."""
    if t.volume is None or t.eenheid == WJ756Eenheid.EUROS:
        return None
    dagen = (pr.einddatum - pr.begindatum).days + 1
    if t.frequentie == WMO757Frequentie.PER_DAG:
        return t.volume * dagen
    if t.frequentie == WMO757Frequentie.PER_WEEK:
        return t.volume * _weken_in_periode(t, pr.begindatum, pr.einddatum)
    return t.volume  # per month (one prestatie covers at most a month) or over the whole toewijzing


def max_volume_toewijzingsperiode(t: Toewijzing, tot_en_met: dt.date) -> int | None:
    """TR322: the volume the toewijzing allows over its loopduur, per its Frequentie (WMO757): per day
    the days, per week the calendar weeks (counted by week number, a broken week counts: IV077), per
    month the calendar months the loopduur touches, and the Omvang itself for "totaal binnen
    geldigheidsduur toewijzing". The loopduur runs from the ingangsdatum up to the einddatum, or, for
    a toewijzing without an end, up to ``tot_en_met`` (the last day claimed): what may have been
    delivered by then. None when the toewijzing has no Omvang (or a budget, unit 83: TR369)."""
    if t.volume is None or t.eenheid == WJ756Eenheid.EUROS:
        return None
    begin = t.ingangsdatum
    eind = t.einddatum if t.einddatum is not None else tot_en_met
    if eind < begin:
        return 0
    if t.frequentie == WMO757Frequentie.PER_DAG:
        return t.volume * ((eind - begin).days + 1)
    if t.frequentie == WMO757Frequentie.PER_WEEK:
        return t.volume * _weken(begin, eind)
    if t.frequentie == WMO757Frequentie.PER_MAAND:
        return t.volume * ((eind.year - begin.year) * 12 + eind.month - begin.month + 1)
    return t.volume  # totaal binnen geldigheidsduur toewijzing


def _in_eenheid_toewijzing(t: Toewijzing, eenheid: str, volume: int) -> float:
    """A volume in minutes claimed on a toewijzing in hours counts in hours."""
    return volume / 60 if eenheid == WJ756Eenheid.MINUUT and t.eenheid == WJ756Eenheid.UUR else volume


def _tarief_wijkt_af(t: Toewijzing, pr: Prestatie) -> bool:
    """TR418: ProductTarief must be the contract tariff of the product (per hour or per minute)."""
    if pr.eenheid == WJ756Eenheid.EUROS or pr.tarief is None:
        return False
    tarief = eenheidstarief(toewijzing=t, datum=pr.begindatum)
    if tarief is None:
        return False
    if pr.eenheid == WJ756Eenheid.MINUUT and t.eenheid == WJ756Eenheid.UUR:
        return abs(pr.tarief * 60 - tarief) >= 60  # the unrounded tariff per minute, in whole cents
    return pr.tarief != tarief


def _debet_open(eerder: Iterable[DeclaratieRegel], credits: set[str]) -> list[DeclaratieRegel]:
    """Approved debet lines that have not been credited."""
    return [r for r in eerder if r.bedrag_cent >= 0 and r.referentienummer not in credits]


def _regels_toewijzing(
    pr: Prestatie, t: Toewijzing, eerder: list[DeclaratieRegel], credits: set[str], eind_periode: dt.date
) -> list[Probleem]:
    """The rules of a prestatie against its toewijzing and the approved prestaties before it."""
    codes: list[Probleem] = []
    if t.reden_wijziging == WMO002RedenWijziging.VERWIJDERD:
        codes.append(Probleem("TR384", pr.pad))
    if pr.categorie != t.product.categorie:
        codes.append(Probleem("TR339", pr.pad))
    if pr.code != t.product.code:
        codes.append(Probleem("TR340", pr.pad))
    eenheid_past = pr.eenheid == t.eenheid or (
        pr.eenheid == WJ756Eenheid.MINUUT and t.eenheid == WJ756Eenheid.UUR
    )
    if not eenheid_past:
        codes.append(Probleem("TR341", pr.pad))
    if pr.begindatum < t.ingangsdatum:
        codes.append(Probleem("TR307", pr.pad))
    if t.einddatum is not None and pr.einddatum > t.einddatum:
        codes.append(Probleem("TR308", pr.pad))
    if pr.einddatum > eind_periode:
        codes.append(Probleem("TR319", pr.pad))
    maand_begin = pr.begindatum.replace(day=1)
    maand_eind = pr.begindatum.replace(day=calendar.monthrange(pr.begindatum.year, pr.begindatum.month)[1])
    if pr.begindatum >= t.ingangsdatum and pr.begindatum != max(maand_begin, t.ingangsdatum):
        codes.append(Probleem("TR387", pr.pad))
    eind = maand_eind if t.einddatum is None else min(maand_eind, t.einddatum)
    if pr.einddatum <= (t.einddatum or pr.einddatum) and pr.einddatum != eind:
        codes.append(Probleem("TR388", pr.pad))
    if pr.eenheid != WJ756Eenheid.EUROS and pr.tarief is not None and pr.bedrag != pr.volume * pr.tarief:
        codes.append(Probleem("TR346", pr.pad))
    if _tarief_wijkt_af(t, pr):
        codes.append(Probleem("TR418", pr.pad))
    if pr.debet_credit != "D":
        return codes
    open_ = [r for r in _debet_open(eerder, credits) if r.toewijzing_id == t.pk]
    dubbel = any(_overlapt(r, pr) for r in open_)
    if dubbel:
        codes.append(Probleem("TR389", pr.pad))
    maximum = _max_volume(t, pr) if eenheid_past else None
    volume = _in_eenheid_toewijzing(t, pr.eenheid, pr.volume)
    if maximum is not None and volume > maximum:
        codes.append(Probleem("TR321", pr.pad))
    elif not dubbel and maximum is not None:
        # TR322: this volume and every approved one before it (not credited) within what the
        # toewijzing allows over its loopduur, per its frequency.
        laatste = max([pr.einddatum, *(r.einddatum for r in open_)])
        totaal = max_volume_toewijzingsperiode(t, laatste)
        al_geclaimd = sum(_in_eenheid_toewijzing(t, r.eenheid or t.eenheid, r.volume) for r in open_)
        if totaal is not None and volume + al_geclaimd > totaal:
            codes.append(Probleem("TR322", pr.pad))
    if t.budget_cent is not None and pr.eenheid == WJ756Eenheid.EUROS:
        # TR369: with unit 83 the volume is the amount in cents.
        if pr.volume + sum(r.volume for r in open_) > t.budget_cent:
            codes.append(Probleem("TR369", pr.pad))
    return codes


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
    eind_periode = dt.date.fromisoformat(d["DeclaratiePeriode"]["Einddatum"])
    lichte = [b.toewijzingen.get((w.gemeente.pk, pr.toewijzingnummer)) for _, pr in g.prestaties]
    volle = Toewijzing.objects.select_related("client", "product").in_bulk(
        [t.pk for t in lichte if t is not None]
    )
    refs = [pr.referentienummer for _, pr in g.prestaties] + [
        pr.vorig_referentienummer for _, pr in g.prestaties if pr.vorig_referentienummer
    ]
    # Every prestatie this provider sent before (TR314: unique whether approved or not) and the
    # approved ones of the toewijzingen concerned (TR389, TR390, TR322, TR323), also from this batch.
    eerder_batch = [r for r in b.declaratieregels if r.aanbieder_id == w.aanbieder.pk]
    gebruikt = set(
        DeclaratieRegel.objects.filter(aanbieder=w.aanbieder, referentienummer__in=refs).values_list(
            "referentienummer", flat=True
        )
    ) | {r.referentienummer for r in eerder_batch}
    goedgekeurd = [
        *DeclaratieRegel.objects.filter(aanbieder=w.aanbieder, toegekend=True).filter(
            referentienummer__in=refs
        ),
        *DeclaratieRegel.objects.filter(aanbieder=w.aanbieder, toegekend=True, toewijzing_id__in=volle),
        *(r for r in eerder_batch if r.toegekend),
    ]
    per_ref = {r.referentienummer: r for r in goedgekeurd}
    credits = {r.vorig_referentienummer for r in goedgekeurd if r.bedrag_cent < 0}
    regels: list[DeclaratieRegel] = []
    afgewezen = []
    ingediend = toegekend = 0
    gezien: set[str] = set()
    for (bsn, pr), licht in zip(g.prestaties, lichte, strict=True):
        codes: list[Probleem] = []
        t = volle.get(licht.pk) if licht is not None else None
        if t is None or t.aanbieder_id != w.aanbieder.pk:
            codes.append(Probleem("TR338", pr.pad))
            t = None
        elif t.client.bsn != bsn:
            codes.append(Probleem("TR304", pr.pad))
            t = None
        if pr.referentienummer in gebruikt or pr.referentienummer in gezien:
            codes.append(Probleem("TR314", pr.pad))
        gezien.add(pr.referentienummer)
        if pr.debet_credit == "C":
            vorig = per_ref.get(pr.vorig_referentienummer)
            if vorig is None or vorig.bedrag_cent < 0:
                codes.append(Probleem("TR323", pr.pad))
            elif vorig.referentienummer in credits:
                codes.append(Probleem("TR390", pr.pad))
        if t is not None:
            codes += _regels_toewijzing(pr, t, list(per_ref.values()), credits, eind_periode)
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
        if client_id is None:
            continue  # no client of this gemeente: nothing to keep (the 325 lists it)
        regel = DeclaratieRegel(
            aanbieder=w.aanbieder,
            client_id=client_id,
            toewijzing=t,
            referentienummer=pr.referentienummer,
            vorig_referentienummer=pr.vorig_referentienummer,
            begindatum=pr.begindatum,
            einddatum=pr.einddatum,
            volume=pr.volume,
            eenheid=pr.eenheid,
            bedrag_cent=pr.bedrag_signed,
            toegekend=ok,
            retourcodes=[] if ok else afgewezen[-1][2],
        )
        regels.append(regel)
        if ok:
            # A line approved here counts for the next lines of this message (TR389, TR322).
            per_ref[regel.referentienummer] = regel
            if regel.bedrag_cent < 0:
                credits.add(regel.vorig_referentienummer)
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
    b.declaratieregels += regels

    def maak() -> None:
        for r in regels:
            r.bericht = heen
        DeclaratieRegel.objects.bulk_create(regels)

    b.nagestuurd.append(maak)

"""The letters of toegang: the beschikking (toekenning or afwijzing) and the information letter to
current clients, each a context of plain values rendered by ``brieven`` in the beheerder's template."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError

from resultaat.brieven.bijlagen import Bijlage, bijlagen_bij
from resultaat.brieven.models import Briefsoort
from resultaat.brieven.render import (
    aanhef,
    adresregels,
    client_context,
    gemeente_context,
    minuten_tekst,
    opmaak,
    pdf,
    sjabloon_voor,
)
from resultaat.core import termijnen
from resultaat.core.codes import WMO020ProductCategorie
from resultaat.core.opmaak import euro, lange_datum
from resultaat.eigen_bijdrage.services import verwachte_eigen_bijdrage
from resultaat.toegang.models import (
    BeschikkingBijlage,
    BeschiktResultaat,
    Besluit,
    Indicatie,
    Termijnverlenging,
    ToegangInstelling,
)
from resultaat.toewijzingen.models import Toewijzing

HUISHOUDEN = WMO020ProductCategorie.HULP_BIJ_HET_HUISHOUDEN

# How the letter names where a normtijd comes from (catalogus.Herkomst): the resident reads which minutes
# rest on research and which the gemeente chose itself.
HERKOMST_TEKST = {"onderzoek": "uit onderzoek", "gemeente": "keuze van de gemeente"}


def _band(band: Any) -> str:
    return f"{band.naam} ({band.min_minuten}–{band.max_minuten} minuten per week)" if band else ""


def bijlagen_van_brief(beschikking: Any) -> list[Bijlage]:
    """The documents printed behind the letter: for a letter already sent, those recorded as sent with it;
    before that, those that exist now (the ondersteuningsplan the client agreed to, when the beschikking
    says the plan is part of it). No plan yet: nothing, and the letter does not say it is attached."""
    if beschikking.verzonden_op is None:
        return bijlagen_bij(beschikking)
    verzonden = [
        (b.soort, b.sleutel)
        for b in BeschikkingBijlage.objects.filter(
            beschikking=beschikking, verzonden_op=beschikking.verzonden_op
        )
    ]
    return bijlagen_bij(beschikking, verzonden) if verzonden else []


def beschikking_context(beschikking: Any, bijlagen: list[Bijlage] | None = None) -> dict[str, Any]:
    gemeente, client = beschikking.gemeente, beschikking.client
    if bijlagen is None:
        bijlagen = bijlagen_van_brief(beschikking)
    resultaten = []
    for r in beschikking.resultaten.select_related(
        "resultaat", "product", "complexiteit", "intensiteit", "tijdsband"
    ):
        toewijzing = (
            Toewijzing.objects.filter(beschikt_resultaat=r)
            .select_related("aanbieder")
            .order_by("ingangsdatum")
            .first()
        )
        indicatie = Indicatie.objects.filter(beschikt_resultaat=r).first()
        berekening = (indicatie.normberekening or {}).get("regels", []) if indicatie else []
        niveau = ", ".join(
            n
            for n in [
                r.complexiteit.naam if r.complexiteit else "",
                r.intensiteit.naam if r.intensiteit else "",
            ]
            if n
        )
        resultaten.append(
            {
                "naam": r.resultaat.naam,
                "product": r.product.naam,
                "productcode": f"{r.product.categorie}{r.product.code}",
                "niveau": niveau,
                "band": _band(r.tijdsband),
                "minuten_per_week": r.minuten_per_week,
                "omvang": _omvang(r),
                "frequentie": r.frequentie,
                "aanbieder": toewijzing.aanbieder.naam if toewijzing else "nog niet gekozen",
                "ingangsdatum": lange_datum(r.ingangsdatum),
                "einddatum": lange_datum(r.einddatum),
                "periode": periode_tekst(r.ingangsdatum, r.einddatum),
                "berekening": [
                    {
                        "naam": g["naam"],
                        "aantal": g["aantal"],
                        "minuten": g["minuten"],
                        "minuten_tekst": minuten_tekst(g["minuten"]),
                        "herkomst": HERKOMST_TEKST.get(g.get("herkomst", ""), ""),
                    }
                    for g in berekening
                ],
            }
        )
    consulent = beschikking.consulent
    verzonden = verzenddatum(beschikking)
    return {
        "aanhef": aanhef(client),
        "client": client_context(client),
        "gemeente": gemeente_context(gemeente),
        "aanvraag_datum": lange_datum(beschikking.aanvraag.ontvangen_op),
        "gevraagd": gevraagd(beschikking.aanvraag),
        "beschikking": {
            "nummer": beschikking.nummer,
            "besluit": beschikking.get_besluit_display(),
            "besluitdatum": lange_datum(beschikking.besluitdatum),
            "ingangsdatum": lange_datum(beschikking.ingangsdatum),
            "einddatum": lange_datum(beschikking.einddatum),
            "periode": periode_tekst(beschikking.ingangsdatum, beschikking.einddatum),
            "motivering": beschikking.motivering,
            "deels": beschikking.besluit == Besluit.DEELS,
            "niet_toegekend": beschikking.niet_toegekend,
            "ondersteuningsplan_onderdeel": beschikking.ondersteuningsplan_onderdeel,
        },
        "resultaten": resultaten,
        "bijlagen": [b.omschrijving for b in bijlagen],
        "wijzigingen": wijzigingen(beschikking),
        "eigen_bijdrage": beschikking.eigen_bijdrage_toelichting,
        "eigen_bijdrage_bedrag": euro(beschikking.eigen_bijdrage_cent)
        if beschikking.eigen_bijdrage_cent
        else "",
        "bezwaar": {
            "termijn": "zes weken",
            "uiterlijk": lange_datum(termijnen.BEZWAAR.uiterlijk(verzonden)),
            "adres": "\n".join(
                [
                    f"College van burgemeester en wethouders van {gemeente.naam}",
                    "t.a.v. bezwaarschriften",
                    *adresregels(gemeente.postadres),
                ]
            ),
        },
        "ondertekening": ToegangInstelling.voor(gemeente).ondertekening,
        "consulent": (consulent.get_full_name() or consulent.username) if consulent else "de Wmo-consulent",
        "kenmerk": f"Wmo {beschikking.nummer}",
        "datum": lange_datum(verzonden),
    }


def verzenddatum(beschikking: Any) -> dt.date:
    """The date of the letter: the day it is sent, else the decision date. The bezwaar term runs from the
    day after it is sent (Awb 6:8), so the letter counts from here."""
    return beschikking.verzonden_op or beschikking.besluitdatum


def periode_tekst(ingang: dt.date | None, einde: dt.date | None) -> str:
    if ingang is None:
        return ""
    if einde is None:
        return f"vanaf {lange_datum(ingang)}, zonder einddatum"
    return f"van {lange_datum(ingang)} tot en met {lange_datum(einde)}"


def _omvang(r: Any) -> str:
    if r.omvang_eenheid:
        return str(r.omvang_tekst)
    if r.minuten_per_week is not None:
        return f"{r.minuten_per_week} minuten per week"
    return ""


def wijzigingen(beschikking: Any) -> list[dict[str, Any]]:
    """What this decision changes in the client's earlier decisions: per earlier result what it gave, the
    last day it holds and what replaces it (a wijzigingsbeschikking)."""
    nieuw = {r.resultaat_id: r for r in beschikking.resultaten.all()}
    regels = []
    for oud in beschikking.beeindigde_resultaten.select_related("beschikking", "resultaat").order_by("pk"):
        vervanger = nieuw.get(oud.resultaat_id)
        regels.append(
            {
                "naam": oud.resultaat.naam,
                "kenmerk": f"Wmo {oud.beschikking.nummer}",
                "besluitdatum": lange_datum(oud.beschikking.besluitdatum),
                "oud": _omvang(oud),
                "tot_en_met": lange_datum(oud.beeindigd_per),
                "nieuw": _omvang(vervanger) if vervanger else "",
                "vanaf": lange_datum(vervanger.ingangsdatum) if vervanger else "",
            }
        )
    return regels


def gevraagd(aanvraag: Any) -> str:
    """What the client asked for, in the names of the results of the aanvraag ("Administratie en geld en
    Zelfverzorging"); empty when the onderzoek named none."""
    namen = [i.resultaat.naam for i in aanvraag.indicaties.select_related("resultaat")]
    if not namen and aanvraag.onderzoek_id:
        namen = [r.resultaat.naam for r in aanvraag.onderzoek.resultaten.select_related("resultaat")]
    namen = list(dict.fromkeys(namen))
    if len(namen) > 1:
        return ", ".join(namen[:-1]) + " en " + namen[-1]
    return namen[0] if namen else ""


_BRIEFSOORT = {Besluit.AFGEWEZEN: Briefsoort.AFWIJZING, Besluit.INGETROKKEN: Briefsoort.INTREKKING}


def beschikking_html(beschikking: Any, bijlagen: list[Bijlage] | None = None) -> str:
    soort = _BRIEFSOORT.get(beschikking.besluit, Briefsoort.TOEKENNING)
    sjabloon = sjabloon_voor(soort, beschikking.gemeente, beschikking.besluitdatum)
    return opmaak(sjabloon=sjabloon, context=beschikking_context(beschikking, bijlagen))


def beschikking_pdf(beschikking: Any) -> bytes:
    """The letter with the documents that are part of it (the plan) as further parts of the same PDF."""
    bijlagen = bijlagen_van_brief(beschikking)
    return pdf(beschikking_html(beschikking, bijlagen), *(b.html for b in bijlagen))


def _ondertekening(gemeente: Any, consulent: Any) -> dict[str, str]:
    return {
        "ondertekening": ToegangInstelling.voor(gemeente).ondertekening,
        "consulent": (consulent.get_full_name() or consulent.username) if consulent else "de Wmo-consulent",
    }


def verdagingsbrief_html(verlenging: Termijnverlenging) -> str:
    """The letter telling the client the decision comes later (Awb 4:14): why, the new date, what happens
    now and what the client can do when the new date passes too; dated on the day of the verdaging."""
    aanvraag = verlenging.aanvraag
    assert aanvraag is not None
    gemeente, client = aanvraag.gemeente, aanvraag.client
    context = {
        "aanhef": aanhef(client),
        "client": client_context(client),
        "gemeente": gemeente_context(gemeente),
        "aanvraag_datum": lange_datum(aanvraag.ontvangen_op),
        "gevraagd": gevraagd(aanvraag),
        "verdaging": {
            "oud_uiterlijk": lange_datum(verlenging.oud_uiterlijk),
            "nieuw_uiterlijk": lange_datum(verlenging.nieuw_uiterlijk),
            "reden": verlenging.reden,
        },
        **_ondertekening(gemeente, verlenging.consulent),
        "kenmerk": verlenging.kenmerk,
        "datum": lange_datum(verlenging.op),
    }
    return opmaak(sjabloon=sjabloon_voor(Briefsoort.VERDAGING, gemeente, verlenging.op), context=context)


def nazending_pdf(bijlage: BeschikkingBijlage) -> bytes:
    """The letter that sends a plan after the beschikking it is part of, with the plan behind it."""
    beschikking = bijlage.beschikking
    gemeente, client = beschikking.gemeente, beschikking.client
    documenten = bijlagen_bij(beschikking, [(bijlage.soort, bijlage.sleutel)])
    context = {
        "aanhef": aanhef(client),
        "client": client_context(client),
        "gemeente": gemeente_context(gemeente),
        "beschikking": {
            "besluitdatum": lange_datum(beschikking.besluitdatum),
            "kenmerk": f"Wmo {beschikking.nummer}",
        },
        "bijlagen": [d.omschrijving for d in documenten] or [bijlage.omschrijving],
        **_ondertekening(gemeente, beschikking.consulent),
        "kenmerk": f"Wmo {beschikking.nummer}",
        "datum": lange_datum(bijlage.verzonden_op),
    }
    brief = opmaak(sjabloon=sjabloon_voor(Briefsoort.PLAN, gemeente, bijlage.verzonden_op), context=context)
    return pdf(brief, *(d.html for d in documenten))


def huishoudelijke_hulp(client: Any, datum: dt.date) -> list[Any]:
    """The client's toewijzingen of huishoudelijke hulp (category 01) running on ``datum``: who the
    information letter about the new way of working is for."""
    return list(
        Toewijzing.objects.actief_op(datum)
        .filter(client=client, product__categorie=HUISHOUDEN)
        .select_related("aanbieder", "product", "beschikt_resultaat__beschikking")
        .order_by("ingangsdatum", "pk")
    )


def informatiebrief_html(client: Any, *, datum: dt.date, per_datum: dt.date) -> str:
    """The letter to a current client of huishoudelijke hulp: their own hours now and, when decided, after
    ``per_datum``; until when the transition arrangement keeps the old help; their own eigen bijdrage or
    exemption. Raises ValidationError for a client without huishoudelijke hulp on ``datum``."""
    gemeente = client.gemeente
    toewijzingen = huishoudelijke_hulp(client, datum)
    if not toewijzingen:
        raise ValidationError(
            f"{client.naam} krijgt nu geen hulp bij het huishouden; de brief is niet voor hem of haar."
        )
    instelling = ToegangInstelling.voor(gemeente)
    huidig = []
    for t in toewijzingen:
        br = t.beschikt_resultaat
        nieuw = (
            BeschiktResultaat.objects.filter(
                beschikking__client=client,
                resultaat_id=br.resultaat_id,
                ingangsdatum__gte=per_datum,
                beschikking__besluit__in=[Besluit.TOEGEKEND, Besluit.DEELS],
            )
            .order_by("ingangsdatum")
            .first()
            if br is not None
            else None
        )
        huidig.append(
            {
                "product": t.product.naam,
                "aanbieder": t.aanbieder.naam,
                "oud": (_omvang(br) if br else "") or (br.frequentie if br and br.frequentie else ""),
                "nieuw": _omvang(nieuw) if nieuw else "",
                "nieuw_vanaf": lange_datum(nieuw.ingangsdatum) if nieuw else "",
            }
        )
    context = {
        "aanhef": aanhef(client),
        "client": client_context(client),
        "gemeente": gemeente_context(gemeente),
        "per_datum": lange_datum(per_datum),
        "huidig": huidig,
        "overgang_tot": lange_datum(per_datum + dt.timedelta(weeks=instelling.overgangstermijn_weken)),
        "eigen_bijdrage": verwachte_eigen_bijdrage(client, per_datum).tekst,
        "ondertekening": instelling.ondertekening,
        "kenmerk": "Wmo informatie resultaat",
        "datum": lange_datum(datum),
    }
    sjabloon = sjabloon_voor(Briefsoort.INFORMATIE, gemeente, datum)
    return opmaak(sjabloon=sjabloon, context=context)

"""The letter of a conversion: the wijzigingsbeschikking in the gemeente's text for conversions
(``Briefsoort.OMZETTING``) with the section "Wat verandert er voor u": the old indication(s) with their
hours per week, the new result and band with what the client can expect per week, the transition
period and date, the eigen bijdrage before and after, and the bezwaar clause. Plain B1 Dutch.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from resultaat.brieven.models import Briefsoort
from resultaat.brieven.render import opmaak, sjabloon_voor
from resultaat.conversie.models import BestaandeIndicatie, Omzetting, Samenvoegen
from resultaat.core.opmaak import euro, lange_datum
from resultaat.eigen_bijdrage.services import verwachte_eigen_bijdrage
from resultaat.toegang.brieven import beschikking_context
from resultaat.toewijzingen.models import Toewijzing

EEN_DAG = dt.timedelta(days=1)


def uren_tekst(uren: Decimal) -> str:
    return f"{uren.normalize():f}".replace(".", ",") + " uur per week"


def _minuten(minuten: int) -> str:
    uren, rest = divmod(minuten, 60)
    if not uren:
        return f"{rest} minuten"
    return f"{uren} uur" + (f" en {rest} minuten" if rest else "")


def _per_week(r: Any) -> str:
    """What the client can expect per week from the new result, in words."""
    if r.minuten_per_week is not None:
        tekst = f"gemiddeld {_minuten(r.minuten_per_week)} hulp per week"
        if r.tijdsband is not None:
            tekst += (
                f" (band {r.tijdsband.naam}: tussen {r.tijdsband.min_minuten} en "
                f"{r.tijdsband.max_minuten} minuten per week)"
            )
        return tekst
    if r.omvang_eenheid:
        tekst = str(r.omvang_tekst)
        return f"{tekst} ({r.intensiteit.naam.lower()})" if r.intensiteit else tekst
    return r.intensiteit.naam if r.intensiteit else "zoals u met de aanbieder afspreekt"


def _verwachting(minuten_voor: int, r: Any) -> str:
    if r.minuten_per_week is None:
        return (
            "De aanbieder spreekt met u af wat hij doet, hoe vaak en hoe lang. Dat staat in uw "
            "ondersteuningsplan. Samen werkt u aan het resultaat dat hierboven staat."
        )
    verschil = r.minuten_per_week - minuten_voor
    if verschil > 0:
        return f"Dat is ongeveer {_minuten(verschil)} per week meer dan nu."
    if verschil < 0:
        return (
            f"Dat is ongeveer {_minuten(-verschil)} per week minder dan nu. De aanbieder spreekt met u af "
            "hoe u toch het resultaat bereikt. Past dat niet bij uw situatie? Bel ons, dan praten wij met u."
        )
    return "Dat is evenveel hulp als nu."


def _eigen_bijdrage(client: Any, ingang: dt.date) -> str:
    voor = verwachte_eigen_bijdrage(client, ingang - EEN_DAG)
    na = verwachte_eigen_bijdrage(client, ingang)
    if (voor.bedrag_cent, voor.reden) == (na.bedrag_cent, na.reden):
        return f"Uw eigen bijdrage verandert niet. {na.tekst}"
    nu = f"Nu betaalt u {euro(voor.bedrag_cent)} per maand." if voor.bedrag_cent else voor.tekst
    return f"Uw eigen bijdrage verandert. {nu} Vanaf {lange_datum(ingang)}: {na.tekst}"


def omzetting_context(omzetting: Omzetting) -> dict[str, Any]:
    """The values of the section "Wat verandert er voor u" (the letter's key ``omzetting``)."""
    ronde, beschikking = omzetting.ronde, omzetting.beschikking
    ingang = ronde.ingangsdatum
    ook = list(
        BestaandeIndicatie.objects.filter(pk__in=[int(pk) for pk in omzetting.samengevoegd]).select_related(
            "aanbieder"
        )
    )
    # Old indications converted in an earlier phase to the same result: this decision replaced that one.
    eerder = Omzetting.objects.filter(
        beschikking__resultaten__beeindigd_door=beschikking, client=omzetting.client
    ).select_related("indicatie__aanbieder")
    for o in eerder:
        ook += [
            o.indicatie,
            *BestaandeIndicatie.objects.filter(pk__in=[int(pk) for pk in o.samengevoegd]).select_related(
                "aanbieder"
            ),
        ]
    oud = [omzetting.indicatie, *sorted(ook, key=lambda i: (i.begindatum, i.pk))]
    r = beschikking.resultaten.select_related("resultaat", "product", "tijdsband", "intensiteit").first()
    toewijzing = Toewijzing.objects.filter(beschikt_resultaat=r).select_related("aanbieder").first()
    minuten_voor = sum(round(i.uren_per_week * 60) for i in oud)
    if ronde.scenario.samenvoegen == Samenvoegen.HOOGSTE:
        minuten_voor = max(round(i.uren_per_week * 60) for i in oud)
        samenvoegregel = "Het besluit met de meeste uren telt."
    else:
        samenvoegregel = f"De uren tellen wij op: samen {_minuten(minuten_voor)} per week."
    toewijzing_aanbieder = toewijzing.aanbieder if toewijzing else omzetting.indicatie.aanbieder
    return {
        "oud": [
            {
                "product": i.product,
                "uren": uren_tekst(i.uren_per_week),
                "aanbieder": str(i.aanbieder),
                "besluitdatum": lange_datum(i.besluitdatum),
            }
            for i in oud
        ],
        "aantal_oud": len(oud),
        "samengevoegd": len(oud) > 1,
        "samenvoegregel": samenvoegregel,
        "resultaat": r.resultaat.naam if r else "",
        "product": r.product.naam if r else "",
        "per_week": _per_week(r) if r else "",
        "aanbieder": str(toewijzing_aanbieder),
        "verwachting": _verwachting(minuten_voor, r) if r else "",
        "overgang_weken": ronde.overgang_weken,
        "tot_en_met": lange_datum(ingang - EEN_DAG),
        "vanaf": lange_datum(ingang),
        "eigen_bijdrage": _eigen_bijdrage(omzetting.client, ingang),
    }


def omzettingsbrief_html(omzetting: Omzetting) -> str:
    """The letter of one converted client: the decision and what changes for him or her."""
    beschikking = omzetting.beschikking
    sjabloon = sjabloon_voor(Briefsoort.OMZETTING, beschikking.gemeente, beschikking.besluitdatum)
    context = {**beschikking_context(beschikking), "omzetting": omzetting_context(omzetting)}
    return opmaak(sjabloon=sjabloon, context=context)

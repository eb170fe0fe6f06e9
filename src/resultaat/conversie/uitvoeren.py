"""Executing a scenario: per converted client a wijzigingsbeschikking through the toegang services (melding,
onderzoek, aanvraag, indicatie, choice of the same provider, besluit with its toewijzing and 301), the
old indication and the toewijzingen of the old administration ended the day before, and the letters in
batch. A round is undone by letting its decisions lapse (:func:`toegang.bekendmaking.laat_vervallen`)
until the letters are sent; after that each decision stands and is changed by a decision of its own.
"""

from __future__ import annotations

import datetime as dt
import io
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from pypdf import PdfWriter

from resultaat.brieven.render import pdfs as maak_pdfs
from resultaat.catalogus.models import IntensiteitNiveau
from resultaat.conversie.brief import omzettingsbrief_html, uren_tekst
from resultaat.conversie.models import (
    BestaandeIndicatie,
    Omzetregel,
    Omzetronde,
    Omzetting,
    Scenario,
)
from resultaat.conversie.scenario import in_zorg_op, resultaat_van, samen_uren
from resultaat.core.audit.context import acting_as
from resultaat.core.batch import een_batch
from resultaat.core.codes import WMO002RedenWijziging
from resultaat.core.opmaak import datum_of_onbepaald, lange_datum
from resultaat.toegang import services as toegang
from resultaat.toegang.bekendmaking import laat_vervallen, leg_verzending_vast
from resultaat.toegang.controles import controleer_consulent
from resultaat.toegang.models import BeschiktResultaat, Besluit
from resultaat.toewijzingen.models import Toewijzing
from resultaat.toewijzingen.services import wijzig_einddatum

EEN_DAG = dt.timedelta(days=1)


@dataclass
class Uitkomst:
    ronde: Omzetronde
    omgezet: int = 0
    niet_omgezet: list[str] = field(default_factory=list)


def _regel(regels: Sequence[Omzetregel], ind: BestaandeIndicatie) -> Omzetregel | None:
    return next((r for r in regels if r.omvat(ind.product, ind.minuten_per_week)), None)


# The old indications say hours, not how often: the intensity of seed 001 follows from the hours per week
# (the product's own intensity first). Upper bounds in hours per week, inclusive.
INTENSITEIT_NAAR_UREN: tuple[tuple[str, float], ...] = (
    ("incidenteel", 0.99),
    ("wekelijks", 2),
    ("meerdere-keren-per-week", 10),
    ("dagelijks", 40),
)


def _intensiteit(product: Any, uren: Decimal, datum: dt.date) -> Any:
    if product.intensiteit is not None or product.tijdsband_id is not None:
        return product.intensiteit
    code = next(c for c, tot in INTENSITEIT_NAAR_UREN if float(uren) <= tot)
    return IntensiteitNiveau.objects.geldig_op(datum).filter(code=code).first()


def _motivering(
    inds: Sequence[BestaandeIndicatie],
    uren: Decimal,
    ingang: dt.date,
    overgang_weken: int,
    eerder: Sequence[BestaandeIndicatie] = (),
) -> str:
    overgang = (
        f" U krijgt een overgangsperiode van {overgang_weken} weken om aan de nieuwe situatie te wennen: "
        "tot dan blijft uw oude besluit gelden."
        if overgang_weken
        else ""
    )
    oude = " en ".join(
        f"uw besluit van {lange_datum(i.besluitdatum)} over {i.product} ({uren_tekst(i.uren_per_week)} bij "
        f"{i.aanbieder})"
        for i in inds
    )
    samen = (
        f" Beide besluiten gaan over hetzelfde resultaat; dit ene besluit vervangt ze, met samen "
        f"{uren_tekst(uren)}."
        if len(inds) > 1
        else ""
    )
    if eerder:
        samen += (
            " Uw besluit over "
            + " en ".join(f"{i.product} ({uren_tekst(i.uren_per_week)})" for i in eerder)
            + " is al eerder omgezet naar hetzelfde resultaat. Dit besluit vervangt ook dat besluit, met "
            + f"{uren_tekst(uren)} in totaal."
        )
    return (
        f"De gemeente koopt de ondersteuning sinds kort in op resultaat. Dit besluit wijzigt {oude}.{samen} "
        f"{'Die besluiten gelden' if len(inds) > 1 else 'Dat besluit geldt'} tot en met "
        f"{lange_datum(ingang - EEN_DAG)}; vanaf {lange_datum(ingang)} geldt dit besluit.{overgang}"
    )


def _zet_om(
    *,
    door: Any,
    ronde: Omzetronde,
    ind: BestaandeIndicatie,
    regel: Omzetregel,
    moment: dt.datetime | None,
    ook: Sequence[BestaandeIndicatie] = (),
    uren: Decimal | None = None,
    eerder: Sequence[BestaandeIndicatie] = (),
    aanbieder: Any = None,
) -> Omzetting:
    """One client and result, all or nothing: the decision through the toegang services and the old
    ends. ``ook`` are the client's other old indications of the same result, combined into this decision
    with ``uren`` hours per week in all (the scenario's rule); each of them ends the day before too.
    ``eerder``: old indications of the same result converted in an earlier phase; their hours are in
    ``uren`` and this decision changes that phase's decision (toegang ends it the day before).
    ``aanbieder``: the provider of the new decision (default that of ``ind``)."""
    ingang, datum = ronde.ingangsdatum, ronde.besluitdatum
    product = regel.nieuw_product
    resultaat = resultaat_van(regel)
    alle = [ind, *ook]
    uren = ind.uren_per_week if uren is None else uren
    with transaction.atomic(), acting_as(door):
        # A second round at the same time: the row lock makes the later one see the conversion.
        vrij = BestaandeIndicatie.objects.select_for_update().filter(
            pk__in=[i.pk for i in alle], omgezet_op__isnull=True
        )
        if vrij.count() != len(alle):
            raise ValidationError("Deze cliënt is al omgezet.")
        producten = " en ".join(i.product for i in alle)
        melding = toegang.registreer_melding(
            door=door,
            client=ind.client,
            ontvangen_op=datum,
            wijze="digitaal",
            hulpvraag=f"Omzetting van {producten} naar ondersteuning op resultaat ({ronde.scenario}).",
        )
        onderzoek = toegang.leg_onderzoek_vast(
            door=door,
            melding=melding,
            datum_gesprek=datum,
            situatie="Bestaande indicatie: "
            + "; ".join(f"{i.product}, {i.uren_per_week} uur per week" for i in [*alle, *eerder])
            + ".",
            resultaten=[toegang.GekozenResultaat(resultaat=resultaat)],
            afronden=True,
        )
        aanvraag = toegang.registreer_aanvraag(door=door, onderzoek=onderzoek, ontvangen_op=datum)
        einde = max((i.einddatum for i in alle if i.einddatum), default=None)
        if any(i.einddatum is None for i in alle):
            einde = None
        indicatie = toegang.leg_indicatie_vast(
            door=door,
            aanvraag=aanvraag,
            resultaat=resultaat,
            ingangsdatum=ingang,
            einddatum=einde if einde and einde > ingang else None,
            complexiteit=product.complexiteit,
            intensiteit=_intensiteit(product, uren, ingang),
            minuten_per_week=regel.minuten_na,
            omvang_per_week=uren if product.omvang_eenheid == "uren" else None,
        )
        toegang.kies_aanbieder(door=door, indicatie=indicatie, aanbieder=aanbieder or ind.aanbieder)
        oud: dict[str, str | None] = {}
        per = ingang - EEN_DAG
        for aanbieder_id in dict.fromkeys(i.aanbieder_id for i in alle):
            lopend = Toewijzing.objects.filter(
                client=ind.client,
                aanbieder_id=aanbieder_id,
                beschikt_resultaat__isnull=True,
                ingangsdatum__lte=per,
            ).filter(Q(einddatum__isnull=True) | Q(einddatum__gt=per))
            for t in lopend.exclude(reden_wijziging=WMO002RedenWijziging.VERWIJDERD):
                oud[str(t.pk)] = t.einddatum.isoformat() if t.einddatum else None
                wijzig_einddatum(
                    door=door,
                    toewijzing=t,
                    einddatum=per,
                    reden=WMO002RedenWijziging.NIEUWE_BEKOSTIGING,
                    moment=moment,
                )
        beschikking = toegang.neem_besluit(
            door=door,
            aanvraag=aanvraag,
            besluitdatum=datum,
            motivering=_motivering(alle, uren, ingang, ronde.overgang_weken, eerder),
            moment=moment,
        )
        omzetting = Omzetting.objects.create(
            ronde=ronde,
            indicatie=ind,
            client=ind.client,
            beschikking=beschikking,
            oude_einddatum=ind.einddatum,
            oude_toewijzingen=oud,
            samengevoegd={str(i.pk): i.einddatum.isoformat() if i.einddatum else None for i in ook},
        )
        for i in alle:
            i.einddatum, i.omgezet_op = per, ingang
        BestaandeIndicatie.objects.bulk_update(alle, ["einddatum", "omgezet_op"])
    return omzetting


Oude = list[BestaandeIndicatie]
Groep = tuple[BestaandeIndicatie, Oude, Omzetregel, Decimal, Oude, Any]


def _groepen(
    scenario: Scenario,
    regels: Sequence[Omzetregel],
    indicaties: Iterable[BestaandeIndicatie],
    eerder: dict[tuple[int, int], list[BestaandeIndicatie]] | None = None,
) -> tuple[list[Groep], list[str]]:
    """The old indications per client and new result: (leading indication, the others, rule, hours per
    week in all, the ones converted in an earlier phase, provider) per new decision, and the ones that
    cannot be converted with their reason. Two old indications of one result (HH1 and HH2 that both
    become "schoon en leefbaar huis") make one decision: their hours added up or the highest, as the
    scenario says; the indication with the most hours gives the provider. ``eerder`` (per client and
    result): old indications an earlier phase already converted to that result, whose decision still
    holds; they count in the hours, so a phase for HH2 after one for HH1 gives one decision for both."""
    eerder = eerder or {}
    resultaten: dict[int, Any] = {}
    zonder: dict[int, str] = {}
    for r in regels:
        try:
            resultaten[r.pk] = resultaat_van(r)
        except ValidationError as fout:
            zonder[r.pk] = " ".join(fout.messages)
    per_groep: dict[tuple[int, int], list[BestaandeIndicatie]] = defaultdict(list)
    niet: list[str] = []
    for ind in indicaties:
        regel = _regel(regels, ind)
        if regel is None:
            niet.append(f"{_naam(ind)}: geen omzetregel.")
            continue
        if regel.pk in zonder:
            niet.append(f"{_naam(ind)}: {zonder[regel.pk]}")
            continue
        per_groep[(ind.client_id, resultaten[regel.pk].pk)].append(ind)
    uit: list[Groep] = []
    for sleutel, inds in per_groep.items():
        resultaat_id = sleutel[1]
        inds.sort(key=lambda i: (-i.uren_per_week, i.begindatum, i.pk))
        hoofd, ook = inds[0], inds[1:]
        al = eerder.get(sleutel, [])
        alle = sorted([*inds, *al], key=lambda i: (-i.uren_per_week, i.begindatum, i.pk))
        uren = samen_uren((i.uren_per_week for i in alle), scenario.samenvoegen)
        minuten = round(uren * 60)
        producten = [i.product for i in alle]
        regel = next(
            (
                r
                for product in dict.fromkeys(producten)
                for r in regels
                if r.omvat(product, minuten) and r.pk in resultaten and resultaten[r.pk].pk == resultaat_id
            ),
            None,
        )
        if regel is None:
            niet.append(
                f"{_naam(hoofd)} en {', '.join(p for p in producten if p is not hoofd.product)}: samen "
                f"{uren_tekst(uren)}, daarvoor is geen omzetregel."
                if len(alle) > 1
                else f"{_naam(hoofd)}: geen omzetregel."
            )
            continue
        uit.append((hoofd, ook, regel, uren, al, alle[0].aanbieder))
    return uit, niet


def _eerder_omgezet(gemeente_id: int) -> dict[tuple[int, int], list[BestaandeIndicatie]]:
    """Per client and result: the old indications converted in an earlier round (not undone) whose new
    decision on that result still holds (not ended or withdrawn)."""
    rondes = Omzetting.objects.filter(
        ronde__scenario__gemeente_id=gemeente_id, ronde__ongedaan_op__isnull=True
    )
    lopend = dict(
        BeschiktResultaat.objects.filter(
            beschikking_id__in=rondes.values("beschikking_id"),
            beschikking__besluit__in=[Besluit.TOEGEKEND, Besluit.DEELS],
            beeindigd_per__isnull=True,
        ).values_list("beschikking_id", "resultaat_id")
    )
    if not lopend:
        return {}
    omzettingen = [
        o
        for o in rondes.select_related("indicatie__aanbieder", "indicatie__client")
        if o.beschikking_id in lopend
    ]
    ook = BestaandeIndicatie.objects.select_related("aanbieder", "client").in_bulk(
        [int(pk) for o in omzettingen for pk in o.samengevoegd]
    )
    uit: dict[tuple[int, int], list[BestaandeIndicatie]] = defaultdict(list)
    for o in omzettingen:
        uit[(o.client_id, lopend[o.beschikking_id])] += [
            o.indicatie,
            *(ook[int(pk)] for pk in o.samengevoegd),
        ]
    return uit


def _naam(ind: BestaandeIndicatie) -> str:
    return f"{ind.client} ({ind.product}, {ind.uren_per_week} uur per week)"


def voer_uit(
    *,
    door: Any,
    scenario: Scenario,
    besluitdatum: dt.date,
    overgang_weken: int = 0,
    producten: Iterable[str] = (),
    clienten: Iterable[int] = (),
    moment: dt.datetime | None = None,
) -> Uitkomst:
    """Convert the clients of this phase (every old indication in force on the conversion date, or only
    these old ``producten`` or ``clienten``): each gets a wijzigingsbeschikking that starts after the
    transition period. A client that cannot be converted (no rule, no contract for the new product) is
    named with the reason and left as he was; a client already converted is never converted again."""
    controleer_consulent(door, scenario.gemeente)
    if overgang_weken < 0 or overgang_weken > 52:
        raise ValidationError({"overgang_weken": "Kies een overgangsperiode van 0 tot en met 52 weken."})
    ingang = scenario.omzetdatum + dt.timedelta(weeks=overgang_weken)
    if ingang <= besluitdatum:
        raise ValidationError(
            {"besluitdatum": "Het besluit moet vóór de ingangsdatum van de nieuwe besluiten vallen."}
        )
    producten, clienten = list(producten), list(clienten)
    indicaties = BestaandeIndicatie.objects.filter(in_zorg_op(scenario.gemeente_id, scenario.omzetdatum))
    if producten:
        indicaties = indicaties.filter(product__in=producten)
    if clienten:
        indicaties = indicaties.filter(client_id__in=clienten)
    fase = ", ".join(producten) or ("een groep cliënten" if clienten else "alle cliënten")
    regels = list(scenario.regels.select_related("nieuw_product__resultaat", "resultaat"))
    with acting_as(door):
        ronde = Omzetronde.objects.create(
            scenario=scenario,
            besluitdatum=besluitdatum,
            overgang_weken=overgang_weken,
            ingangsdatum=ingang,
            fase=fase[:200],
            uitgevoerd_door=door,
        )
    uitkomst = Uitkomst(ronde=ronde)
    groepen, uitkomst.niet_omgezet = _groepen(
        scenario,
        regels,
        indicaties.select_related("client", "aanbieder").order_by("client_id", "begindatum"),
        _eerder_omgezet(scenario.gemeente_id),
    )
    for ind, ook, regel, uren, eerder, aanbieder in groepen:
        vroeg = max((i.omgezet_op for i in eerder if i.omgezet_op), default=None)
        if vroeg is not None and vroeg >= ingang:
            uitkomst.niet_omgezet.append(
                f"{_naam(ind)}: {' en '.join(i.product for i in eerder)} is in een eerdere fase omgezet per "
                f"{lange_datum(vroeg)}, en deze fase gaat niet later in. Kies een langere overgangsperiode, "
                "of maak die fase ongedaan en zet beide samen om."
            )
            continue
        try:
            _zet_om(
                door=door,
                ronde=ronde,
                ind=ind,
                regel=regel,
                moment=moment,
                ook=ook,
                uren=uren,
                eerder=eerder,
                aanbieder=aanbieder,
            )
        except ValidationError as fout:
            uitkomst.niet_omgezet.append(f"{_naam(ind)}: {' '.join(fout.messages)}")
            continue
        uitkomst.omgezet += 1
    return uitkomst


def maak_brieven(*, door: Any, ronde: Omzetronde, processen: int = 1) -> int:
    """One PDF per client (kept with the omzetting) and one merged PDF of the round for printing. The
    letters are rendered in ``processen`` processes (WeasyPrint is CPU bound). Not for a round that was
    undone or whose letters were sent."""
    controleer_consulent(door, ronde.scenario.gemeente)
    _open(ronde)
    omzettingen = list(
        ronde.omzettingen.select_related(
            "beschikking__gemeente",
            "beschikking__client",
            "beschikking__aanvraag",
            "beschikking__consulent",
            "client__gemeente",
            "indicatie__aanbieder",
            "ronde__scenario",
        )
    )
    # Only reads until the PDFs are made: the gemeente's text, settings and rates and each client's
    # eigen bijdrage records are read once for the batch. Each letter joins the merged PDF as soon as it is
    # ready, while the other processes are still laying out the next ones; the merge copies the pages of
    # the letters' PDFs and lays nothing out again.
    pdfs: list[bytes] = []
    samen = PdfWriter()
    with een_batch():
        for inhoud in maak_pdfs((omzettingsbrief_html(o) for o in omzettingen), processen=processen):
            pdfs.append(inhoud)
            samen.append(io.BytesIO(inhoud))
    # Objects the letters have in common (the letterhead, identical font data) are kept once.
    samen.compress_identical_objects(remove_duplicates=True, remove_unreferenced=True)
    uit = io.BytesIO()
    samen.write(uit)
    with transaction.atomic(), acting_as(door):
        for o, inhoud in zip(omzettingen, pdfs, strict=True):
            o.brief = inhoud
        Omzetting.objects.bulk_update(omzettingen, ["brief"], batch_size=200)
        ronde.samengevoegd = uit.getvalue()
        ronde.save(update_fields=["samengevoegd"])
    return len(pdfs)


def _open(ronde: Omzetronde) -> None:
    if ronde.ongedaan_op is not None:
        raise ValidationError("Deze omzetting is al ongedaan gemaakt.")
    if ronde.verzonden_op is not None:
        raise ValidationError(
            f"De brieven zijn op {datum_of_onbepaald(ronde.verzonden_op)} verzonden: de besluiten gelden. "
            "Een wijziging gaat nu met een nieuw besluit per cliënt."
        )


def verzend(*, door: Any, ronde: Omzetronde, op: dt.date) -> Omzetronde:
    """The letters of the round were sent on ``op``: from then on the round cannot be undone."""
    controleer_consulent(door, ronde.scenario.gemeente)
    _open(ronde)
    if not ronde.samengevoegd:
        raise ValidationError("Maak eerst de brieven.")
    with transaction.atomic(), acting_as(door):
        leg_verzending_vast(
            door=door,
            beschikkingen=[o.beschikking for o in ronde.omzettingen.select_related("beschikking")],
            op=op,
        )
        ronde.verzonden_op = op
        ronde.save(update_fields=["verzonden_op"])
    return ronde


def maak_ongedaan(*, door: Any, ronde: Omzetronde, moment: dt.datetime | None = None) -> Omzetronde:
    """Undo a round whose letters were not sent: each decision lapses (its toewijzing removed with a 301,
    reden 13), the old toewijzingen get their earlier end back (a 301, reden 14) and the old indication
    holds again. All or nothing."""
    controleer_consulent(door, ronde.scenario.gemeente)
    _open(ronde)
    later = (
        BeschiktResultaat.objects.filter(
            beschikking_id__in=ronde.omzettingen.values("beschikking_id"),
            beeindigd_door__besluit__in=[Besluit.TOEGEKEND, Besluit.DEELS],
        )
        .select_related("beeindigd_door")
        .first()
    )
    if later is not None and later.beeindigd_door is not None:
        raise ValidationError(
            f"Besluit {later.beeindigd_door.nummer} van een latere fase bouwt voort op deze omzetting. Maak "
            "eerst die fase ongedaan."
        )
    with transaction.atomic(), acting_as(door):
        for o in ronde.omzettingen.select_related("beschikking", "indicatie"):
            laat_vervallen(
                door=door,
                beschikking=o.beschikking,
                motivering="De omzetting is teruggedraaid voordat de brief is verzonden.",
                moment=moment,
            )
            for pk, einde in o.oude_toewijzingen.items():
                wijzig_einddatum(
                    door=door,
                    toewijzing=Toewijzing.objects.get(pk=int(pk)),
                    einddatum=dt.date.fromisoformat(einde) if einde else None,
                    reden=WMO002RedenWijziging.ADMINISTRATIEVE_CORRECTIE,
                    moment=moment,
                )
            ind = o.indicatie
            ind.einddatum, ind.omgezet_op = o.oude_einddatum, None
            ind.save(update_fields=["einddatum", "omgezet_op"])
            for pk, einde in o.samengevoegd.items():
                BestaandeIndicatie.objects.filter(pk=int(pk)).update(
                    einddatum=dt.date.fromisoformat(einde) if einde else None, omgezet_op=None
                )
        ronde.ongedaan_op = timezone.now()
        ronde.save(update_fields=["ongedaan_op"])
    return ronde

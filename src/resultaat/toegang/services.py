"""Writes of toegang: melding, opschorting, onderzoek, aanvraag, indicatie, mandate, beschikking.

Views, API and commands call these. Each function validates first and raises ``ValidationError`` with a
Dutch message, then writes in one transaction attributed to the user (``acting_as``), so that bad input
leaves nothing half-saved. Toewijzingen are made by :mod:`resultaat.toewijzingen.services`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from resultaat.catalogus import normenkader
from resultaat.catalogus.models import (
    OmvangEenheid,
    Product,
    Resultaat,
    Subresultaat,
    Tijdsband,
)
from resultaat.clienten.models import Client
from resultaat.clienten.services import registreer_client
from resultaat.contracten.models import ContractProduct
from resultaat.core import termijnen
from resultaat.core.audit.context import acting_as
from resultaat.core.codes import WMO002RedenWijziging
from resultaat.core.opmaak import datum_of_onbepaald
from resultaat.eigen_bijdrage.models import IndividueleVrijstelling, Vrijstelling
from resultaat.eigen_bijdrage.services import eigen_bijdrage_voor, leg_vrijstelling_vast
from resultaat.organisaties.models import Gemeente
from resultaat.toegang.controles import (
    _handel_af,
    _niet_in_de_toekomst,
    _werklijst,
    _zet_op_werklijst,
    controleer_consulent,
)
from resultaat.toegang.models import (
    Aanvraag,
    AanvraagStatus,
    Beschikking,
    BeschiktResultaat,
    Besluit,
    Indicatie,
    IndicatieStatus,
    Melding,
    MeldingStatus,
    Onderzoek,
    OnderzoekResultaat,
    Opschorting,
    ToegangInstelling,
    ZRMDomein,
    ZRMScore,
)
from resultaat.toegang.productkeuze import banden_op, bereken_normtijd, buiten_band_tekst, product_voor
from resultaat.toewijzingen.models import Toewijzing
from resultaat.toewijzingen.services import controleer_gecontracteerd, maak_toewijzing, wijzig_einddatum
from resultaat.werklijst.models import WerklijstSoort

__all__ = ["banden_op", "bereken_normtijd", "buiten_band_tekst", "controleer_consulent", "product_voor"]


# --- Melding -------------------------------------------------------------------------------------------


def registreer_melding(
    *, door: Any, client: Client, ontvangen_op: dt.date, wijze: str = "telefoon", hulpvraag: str = ""
) -> Melding:
    """A melding; the onderzoek is due within six weeks (Wmo art. 2.3.2) and lands on the werklijst."""
    controleer_consulent(door, client.gemeente)
    _niet_in_de_toekomst(ontvangen_op, "ontvangen_op", "de melding")
    if ontvangen_op < client.geboortedatum:
        raise ValidationError({"ontvangen_op": "De melding ligt vóór de geboortedatum van de cliënt."})
    melding = Melding(
        client=client,
        gemeente=client.gemeente,
        ontvangen_op=ontvangen_op,
        wijze=wijze,
        hulpvraag=hulpvraag,
        consulent=None if door.is_superuser else door,
    )
    melding.full_clean()
    with transaction.atomic(), acting_as(door):
        melding.save()
        _zet_op_werklijst(
            melding,
            WerklijstSoort.ONDERZOEK,
            f"Onderzoek afronden (melding van {datum_of_onbepaald(ontvangen_op)})",
            melding.onderzoek_uiterlijk,
            door,
        )
    return melding


def registreer_melding_met_client(
    *, door: Any, client_velden: Mapping[str, Any], ontvangen_op: dt.date, wijze: str, hulpvraag: str
) -> Melding:
    """A new client (BSN checked with the elfproef) and the melding, together or not at all."""
    with transaction.atomic():
        client = registreer_client(door=door, **client_velden)
        return registreer_melding(
            door=door, client=client, ontvangen_op=ontvangen_op, wijze=wijze, hulpvraag=hulpvraag
        )


# --- Opschorting ---------------------------------------------------------------------------------------


def schort_op(
    *,
    door: Any,
    van: dt.date,
    tot: dt.date,
    reden: str,
    melding: Melding | None = None,
    aanvraag: Aanvraag | None = None,
) -> Opschorting:
    """The client asks to pause the clock: the deadline moves by the days of the pause (inclusive)."""
    doel: Melding | Aanvraag | None = melding or aanvraag
    if doel is None or (melding is not None and aanvraag is not None):
        raise ValidationError("Kies een melding of een aanvraag om op te schorten.")
    controleer_consulent(door, doel.gemeente)
    if not (reden or "").strip():
        raise ValidationError({"reden": "Schrijf op waarom de cliënt om opschorting vraagt."})
    if tot < van:
        raise ValidationError({"tot": "Het einde van de opschorting ligt vóór het begin."})
    if van < doel.ontvangen_op:
        raise ValidationError(
            {"van": f"De opschorting begint vóór de ontvangst ({datum_of_onbepaald(doel.ontvangen_op)})."}
        )
    bestaande = Opschorting.objects.filter(melding=melding, aanvraag=aanvraag)
    if bestaande.filter(van__lte=tot, tot__gte=van).exists():
        raise ValidationError("Deze opschorting overlapt met een eerdere opschorting.")
    with transaction.atomic(), acting_as(door):
        opschorting = Opschorting.objects.create(
            client=doel.client, melding=melding, aanvraag=aanvraag, van=van, tot=tot, reden=reden.strip()
        )
        doel.opgeschort_dagen = sum(
            o.dagen for o in Opschorting.objects.filter(melding=melding, aanvraag=aanvraag)
        )
        if doel.verlengd_tot is not None:  # after an extension the pause moves the extended date
            doel.verlengd_tot += dt.timedelta(days=opschorting.dagen)
        doel.save(update_fields=["opgeschort_dagen", "verlengd_tot"])
        uiterlijk = doel.onderzoek_uiterlijk if isinstance(doel, Melding) else doel.besluit_uiterlijk
        _werklijst(doel).update(uiterlijk=uiterlijk)
    return opschorting


# --- Onderzoek -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class GekozenResultaat:
    resultaat: Resultaat
    subresultaten: Sequence[Subresultaat] = ()
    aandachtspunten: Sequence[Any] = ()
    anders_namelijk: str = ""


def leg_onderzoek_vast(
    *,
    door: Any,
    melding: Melding,
    datum_gesprek: dt.date,
    situatie: str = "",
    eigen_kracht: str = "",
    netwerk: str = "",
    mantelzorg: str = "",
    voorliggende_voorzieningen: str = "",
    zrm: Mapping[str, tuple[int, str]] | None = None,
    resultaten: Iterable[GekozenResultaat] = (),
    afronden: bool = False,
) -> Onderzoek:
    """The report of the keukentafelgesprek; saving again replaces the scores and chosen results."""
    controleer_consulent(door, melding.gemeente)
    _niet_in_de_toekomst(datum_gesprek, "datum_gesprek", "het gesprek")
    if datum_gesprek < melding.ontvangen_op:
        raise ValidationError({"datum_gesprek": "Het gesprek ligt vóór de melding."})
    zrm = dict(zrm or {})
    for domein, (niveau, _) in zrm.items():
        if domein not in ZRMDomein.values:
            raise ValidationError({"zrm": f"Onbekend ZRM-domein: {domein}."})
        if not 1 <= int(niveau) <= 5:
            raise ValidationError({"zrm": f"{ZRMDomein(domein).label}: kies een niveau van 1 tot en met 5."})
    resultaten = list(resultaten)
    for gekozen in resultaten:
        for sub in gekozen.subresultaten:
            if sub.resultaat_id != gekozen.resultaat.pk:
                raise ValidationError({"resultaten": f"'{sub}' hoort niet bij {gekozen.resultaat}."})
        for punt in gekozen.aandachtspunten:
            if punt.subresultaat.resultaat_id != gekozen.resultaat.pk:
                raise ValidationError({"resultaten": f"'{punt}' hoort niet bij {gekozen.resultaat}."})
    with transaction.atomic(), acting_as(door):
        onderzoek = Onderzoek.objects.filter(melding=melding).first() or Onderzoek(
            melding=melding, client=melding.client
        )
        onderzoek.datum_gesprek = datum_gesprek
        onderzoek.consulent = None if door.is_superuser else door
        onderzoek.situatie, onderzoek.eigen_kracht, onderzoek.netwerk = situatie, eigen_kracht, netwerk
        onderzoek.mantelzorg, onderzoek.voorliggende_voorzieningen = mantelzorg, voorliggende_voorzieningen
        if afronden:
            onderzoek.afgerond_op = datum_gesprek
        onderzoek.save()
        ZRMScore.objects.filter(onderzoek=onderzoek).delete()
        ZRMScore.objects.bulk_create(
            ZRMScore(onderzoek=onderzoek, domein=d, niveau=int(n), toelichting=t) for d, (n, t) in zrm.items()
        )
        OnderzoekResultaat.objects.filter(onderzoek=onderzoek).delete()
        for gekozen in resultaten:
            rij = OnderzoekResultaat.objects.create(
                onderzoek=onderzoek, resultaat=gekozen.resultaat, anders_namelijk=gekozen.anders_namelijk
            )
            rij.subresultaten.set(gekozen.subresultaten)
            rij.aandachtspunten.set(gekozen.aandachtspunten)
        melding.status = MeldingStatus.AFGEROND if afronden else MeldingStatus.IN_ONDERZOEK
        melding.save(update_fields=["status"])
        if afronden:
            _handel_af(melding)
    return onderzoek


# --- Aanvraag ------------------------------------------------------------------------------------------


def registreer_aanvraag(*, door: Any, onderzoek: Onderzoek, ontvangen_op: dt.date) -> Aanvraag:
    """The aanvraag after the onderzoek; the decision is due within two weeks (Wmo art. 2.3.5)."""
    melding = onderzoek.melding
    controleer_consulent(door, melding.gemeente)
    _niet_in_de_toekomst(ontvangen_op, "ontvangen_op", "de aanvraag")
    if ontvangen_op < melding.ontvangen_op:
        raise ValidationError({"ontvangen_op": "De aanvraag ligt vóór de melding."})
    with transaction.atomic(), acting_as(door):
        aanvraag = Aanvraag.objects.create(
            client=melding.client,
            gemeente=melding.gemeente,
            melding=melding,
            onderzoek=onderzoek,
            ontvangen_op=ontvangen_op,
        )
        _zet_op_werklijst(
            aanvraag,
            WerklijstSoort.BESLUIT,
            f"Besluit nemen (aanvraag van {datum_of_onbepaald(ontvangen_op)})",
            aanvraag.besluit_uiterlijk,
            door,
        )
    return aanvraag


# --- Indicatie -----------------------------------------------------------------------------------------


def leg_indicatie_vast(
    *,
    door: Any,
    aanvraag: Aanvraag,
    resultaat: Resultaat,
    ingangsdatum: dt.date,
    einddatum: dt.date | None = None,
    complexiteit: Any = None,
    intensiteit: Any = None,
    frequentie: str = "",
    subresultaten: Sequence[Subresultaat] = (),
    keuzes: Mapping[str, int] | None = None,
    minuten_per_week: int | None = None,
    omvang_per_week: Decimal | int | None = None,
    handmatig: bool = False,
    motivering: str = "",
    tijdsband: Tijdsband | None = None,
    mandaat_aanbieder: Any = None,
) -> Indicatie:
    """Complexity, intensity and duration of one result; for a result with time bands the minutes per week
    (from the normenkader when ``keuzes`` are given) and the band; the product follows from the catalogue
    valid on the start date. Outside every band only as a manual decision with a written motivation.
    With ``mandaat_aanbieder`` the provider is asked to propose the minutes within ``tijdsband``.

    Every other result (begeleiding, persoonlijke verzorging, dagbesteding, respijtzorg) needs the
    complexity and intensity of seed 001 and ``omvang_per_week`` in the product's unit (hours, dagdelen,
    etmalen): the client must know how much help he can count on (CRvB 2021:1381)."""
    controleer_consulent(door, aanvraag.gemeente)
    if aanvraag.status != AanvraagStatus.INGEDIEND:
        raise ValidationError("Op deze aanvraag is al besloten.")
    if einddatum is not None and einddatum <= ingangsdatum:
        raise ValidationError({"einddatum": "De einddatum moet na de ingangsdatum liggen."})
    if ingangsdatum < aanvraag.ontvangen_op:
        raise ValidationError({"ingangsdatum": "De ingangsdatum ligt vóór de aanvraag."})
    for sub in subresultaten:
        if sub.resultaat_id != resultaat.pk:
            raise ValidationError({"subresultaten": f"'{sub}' hoort niet bij {resultaat}."})
    banden = banden_op(resultaat, ingangsdatum)
    berekening: dict[str, Any] = {}
    status = IndicatieStatus.VASTGESTELD
    band: Tijdsband | None = None
    if banden and mandaat_aanbieder is not None:
        instelling = ToegangInstelling.voor(aanvraag.gemeente)
        if not instelling.mandaat_aanbieder:
            raise ValidationError(
                f"Gemeente {aanvraag.gemeente.naam} werkt niet met mandaat voor aanbieders."
            )
        if tijdsband is None or tijdsband not in banden:
            raise ValidationError(
                {"tijdsband": "Kies de band waarbinnen de aanbieder de indicatie voorstelt."}
            )
        band = tijdsband
        minuten_per_week = None
        status = IndicatieStatus.MANDAAT_GEVRAAGD
    elif banden:
        if keuzes is not None:
            uitkomst = bereken_normtijd(
                gemeente=aanvraag.gemeente, resultaat=resultaat, datum=ingangsdatum, keuzes=keuzes
            )
            berekening = uitkomst.as_dict()
            minuten_per_week = uitkomst.totaal
        if minuten_per_week is None:
            raise ValidationError({"minuten_per_week": "Vul het aantal minuten per week in."})
        band = normenkader.band_voor(minuten_per_week, banden)
        if band is None:
            if not handmatig or not motivering.strip():
                raise ValidationError({"minuten_per_week": buiten_band_tekst(minuten_per_week, banden)})
            # Manual decision: the product of the nearest band carries the toewijzing.
            band = min(
                banden,
                key=lambda b: min(
                    abs(b.min_minuten - minuten_per_week), abs(b.max_minuten - minuten_per_week)
                ),
            )
        elif handmatig:
            handmatig = False  # inside a band nothing manual is needed
    else:
        band = None
        if complexiteit is None or intensiteit is None:
            raise ValidationError(
                {
                    "complexiteit" if complexiteit is None else "intensiteit": "Kies de complexiteit en de "
                    "intensiteit van de ondersteuning."
                }
            )
    product = product_voor(
        resultaat=resultaat,
        datum=ingangsdatum,
        tijdsband=band,
        complexiteit=complexiteit,
        intensiteit=intensiteit,
    )
    eenheid = product.omvang_eenheid
    if band is not None:
        omvang_per_week, eenheid = minuten_per_week, OmvangEenheid.MINUTEN
    elif eenheid:
        if omvang_per_week is None or Decimal(omvang_per_week) <= 0:
            raise ValidationError(
                {
                    "omvang_per_week": f"Vul in hoeveel {OmvangEenheid(eenheid).label} per week de cliënt "
                    "krijgt: de cliënt moet weten op hoeveel hulp hij kan rekenen."
                }
            )
    else:
        omvang_per_week = None
    if mandaat_aanbieder is not None:
        controleer_gecontracteerd(
            gemeente=aanvraag.gemeente, aanbieder=mandaat_aanbieder, product=product, datum=ingangsdatum
        )
    with transaction.atomic(), acting_as(door):
        indicatie = Indicatie.objects.create(
            aanvraag=aanvraag,
            client=aanvraag.client,
            resultaat=resultaat,
            complexiteit=complexiteit,
            intensiteit=intensiteit,
            tijdsband=band,
            product=product,
            minuten_per_week=minuten_per_week,
            omvang_per_week=omvang_per_week,
            omvang_eenheid=eenheid if omvang_per_week is not None or band is not None else "",
            frequentie=frequentie,
            ingangsdatum=ingangsdatum,
            einddatum=einddatum,
            normberekening=berekening,
            handmatig=handmatig,
            motivering=motivering.strip(),
            status=status,
            mandaat_aanbieder=mandaat_aanbieder,
            aanbieder=mandaat_aanbieder,
        )
        indicatie.subresultaten.set(subresultaten)
    return indicatie


def stel_indicatie_voor(
    *, door: Any, indicatie: Indicatie, minuten_per_week: int, frequentie: str
) -> Indicatie:
    """Seed 003 mandate: the provider proposes the minutes per week within the band set by the consulent."""
    if not door.is_aanbieder_user or door.aanbieder_id != indicatie.mandaat_aanbieder_id:
        raise PermissionDenied("Alleen de aanbieder met het mandaat kan hier een voorstel doen.")
    if indicatie.status not in (IndicatieStatus.MANDAAT_GEVRAAGD, IndicatieStatus.AFGEWEZEN):
        raise ValidationError("Voor deze indicatie wordt geen voorstel gevraagd.")
    band = indicatie.tijdsband
    assert band is not None
    if not band.omvat(minuten_per_week):
        raise ValidationError(
            {
                "minuten_per_week": f"{minuten_per_week} minuten per week valt buiten de band {band.naam} "
                f"({band.min_minuten}–{band.max_minuten} minuten per week) van het mandaat."
            }
        )
    with transaction.atomic(), acting_as(door):
        indicatie.minuten_per_week = indicatie.omvang_per_week = minuten_per_week
        indicatie.omvang_eenheid = OmvangEenheid.MINUTEN
        indicatie.frequentie = frequentie
        indicatie.status = IndicatieStatus.VOORGESTELD
        indicatie.voorgesteld_op = timezone.now()
        indicatie.save()
    return indicatie


def beoordeel_voorstel(*, door: Any, indicatie: Indicatie, akkoord: bool, motivering: str = "") -> Indicatie:
    """The consulent approves the provider's proposal (then it is the indicatie) or rejects it."""
    controleer_consulent(door, indicatie.aanvraag.gemeente)
    if indicatie.status != IndicatieStatus.VOORGESTELD:
        raise ValidationError("Er is geen voorstel van de aanbieder om te beoordelen.")
    if not akkoord and not motivering.strip():
        raise ValidationError({"motivering": "Schrijf op waarom u het voorstel afwijst."})
    with transaction.atomic(), acting_as(door):
        indicatie.status = IndicatieStatus.VASTGESTELD if akkoord else IndicatieStatus.AFGEWEZEN
        if motivering.strip():
            indicatie.motivering = motivering.strip()
        indicatie.save()
    return indicatie


# --- Keuze van de aanbieder --------------------------------------------------------------------------


@dataclass(frozen=True)
class Keuzemogelijkheid:
    aanbieder: Any
    wachttijd_dagen: int


def gecontracteerde_aanbieders(
    *, gemeente: Gemeente, product: Product, datum: dt.date
) -> list[Keuzemogelijkheid]:
    """The providers contracted for this product on this date, shortest waiting time first."""
    per_aanbieder: dict[int, Keuzemogelijkheid] = {}
    for regel in ContractProduct.objects.gecontracteerd(gemeente, product, datum):
        aanbieder = regel.contract.aanbieder
        huidig = per_aanbieder.get(aanbieder.pk)
        if huidig is None or regel.wachttijd_dagen < huidig.wachttijd_dagen:
            per_aanbieder[aanbieder.pk] = Keuzemogelijkheid(aanbieder, regel.wachttijd_dagen)
    return sorted(per_aanbieder.values(), key=lambda k: (k.wachttijd_dagen, k.aanbieder.naam))


def kies_aanbieder(*, door: Any, indicatie: Indicatie, aanbieder: Any) -> Indicatie:
    """The client's choice of provider for one indicatie: it must be contracted on the start date."""
    controleer_consulent(door, indicatie.aanvraag.gemeente)
    if indicatie.beschikt_resultaat_id is not None:
        raise ValidationError("Op deze indicatie is al besloten; een overstap gaat via de toewijzing.")
    assert indicatie.product is not None
    controleer_gecontracteerd(
        gemeente=indicatie.aanvraag.gemeente,
        aanbieder=aanbieder,
        product=indicatie.product,
        datum=indicatie.ingangsdatum,
    )
    with transaction.atomic(), acting_as(door):
        indicatie.aanbieder = aanbieder
        indicatie.save(update_fields=["aanbieder"])
    return indicatie


# --- Beschikking ---------------------------------------------------------------------------------------


def _beschikkingnummer(gemeente: Gemeente, jaar: int) -> str:
    Gemeente.objects.select_for_update().filter(pk=gemeente.pk).first()
    # The highest number of the year plus one (not the count: a number never comes back).
    nummers = Beschikking.objects.filter(gemeente=gemeente, nummer__startswith=f"{jaar}-").values_list(
        "nummer", flat=True
    )
    hoogste = max((int(n.split("-", 1)[1]) for n in nummers if n.split("-", 1)[1].isdigit()), default=0)
    return f"{jaar}-{hoogste + 1:04d}"


def _controleer_besluitdatum(aanvraag: Aanvraag, besluitdatum: dt.date) -> None:
    if aanvraag.status != AanvraagStatus.INGEDIEND:
        raise ValidationError("Op deze aanvraag is al besloten.")
    _niet_in_de_toekomst(besluitdatum, "besluitdatum", "het besluit")
    if besluitdatum < aanvraag.ontvangen_op:
        raise ValidationError({"besluitdatum": "De besluitdatum ligt vóór de aanvraag."})


def neem_besluit(
    *,
    door: Any,
    aanvraag: Aanvraag,
    besluitdatum: dt.date,
    motivering: str = "",
    vrijstelling: str = "",
    niet_toegekend: str = "",
    moment: dt.datetime | None = None,
) -> Beschikking:
    """Grant every vastgestelde indicatie: the beschikking with its results, the eigen bijdrage, and per
    product a toewijzing to the provider the client chose (handed to iWmo and the provider portal).

    Every decision states why (Awb 3:46). With ``niet_toegekend`` (what the client asked for and does not
    get, and why) the aanvraag is granted in part ("deels toegekend"). An earlier decision on the same
    result that still holds on the new start date is changed by this one: it ends the day before and its
    toewijzing ends through the toewijzingen service (a 301 to the provider). ``moment``: when the
    toewijzingen are decided (default now), as in the toewijzingen services."""
    controleer_consulent(door, aanvraag.gemeente)
    _controleer_besluitdatum(aanvraag, besluitdatum)
    indicaties = list(aanvraag.indicaties.select_related("product", "aanbieder", "resultaat"))
    if not indicaties:
        raise ValidationError("Leg eerst de indicatie vast: per resultaat de omvang en de duur.")
    for ind in indicaties:
        if ind.status != IndicatieStatus.VASTGESTELD:
            raise ValidationError(
                f"De indicatie voor {ind.resultaat} is nog niet vastgesteld ({ind.get_status_display()})."
            )
        if ind.aanbieder is None:
            raise ValidationError(f"Kies eerst samen met de cliënt een aanbieder voor {ind.resultaat}.")
        if ind.handmatig and not ind.motivering:
            raise ValidationError(f"Het handmatige besluit voor {ind.resultaat} heeft een motivering nodig.")
    if not (motivering or "").strip():
        raise ValidationError({"motivering": "Schrijf op waarom u dit besluit neemt."})
    eerdere = {ind.pk: _lopende_resultaten(aanvraag.client, ind) for ind in indicaties}
    ingang = min(i.ingangsdatum for i in indicaties)
    einden = [i.einddatum for i in indicaties]
    einde = None if any(e is None for e in einden) else max(e for e in einden if e is not None)
    bijdrage = eigen_bijdrage_voor(
        aanvraag.client, ingang, producten=[i.product for i in indicaties], vrijstelling=vrijstelling
    )
    instelling = ToegangInstelling.voor(aanvraag.gemeente)
    with transaction.atomic(), acting_as(door):
        beschikking = _beschikking(
            door=door,
            aanvraag=aanvraag,
            besluit=Besluit.DEELS if niet_toegekend.strip() else Besluit.TOEGEKEND,
            besluitdatum=besluitdatum,
            motivering=motivering,
            niet_toegekend=niet_toegekend.strip(),
            ingangsdatum=ingang,
            einddatum=einde,
            ondersteuningsplan_onderdeel=instelling.ondersteuningsplan_in_beschikking,
            eigen_bijdrage_cent=bijdrage.bedrag_cent,
            eigen_bijdrage_toelichting=bijdrage.tekst,
        )
        for ind in indicaties:
            assert ind.product is not None
            beschikt = BeschiktResultaat.objects.create(
                beschikking=beschikking,
                resultaat=ind.resultaat,
                product=ind.product,
                complexiteit=ind.complexiteit,
                intensiteit=ind.intensiteit,
                tijdsband=ind.tijdsband,
                minuten_per_week=ind.minuten_per_week,
                omvang_per_week=ind.omvang_per_week,
                omvang_eenheid=ind.omvang_eenheid,
                frequentie=ind.frequentie,
                ingangsdatum=ind.ingangsdatum,
                einddatum=ind.einddatum,
            )
            beschikt.subresultaten.set(ind.subresultaten.all())
            ind.beschikt_resultaat = beschikt
            ind.save(update_fields=["beschikt_resultaat"])
            for oud in eerdere[ind.pk]:
                _beeindig(
                    door=door,
                    oud=oud,
                    per=ind.ingangsdatum - dt.timedelta(days=1),
                    door_besluit=beschikking,
                    moment=moment,
                )
            maak_toewijzing(
                door=door,
                client=aanvraag.client,
                aanbieder=ind.aanbieder,
                product=ind.product,
                ingangsdatum=ind.ingangsdatum,
                einddatum=ind.einddatum,
                beschikt_resultaat=beschikt,
                moment=moment,
            )
        _leg_vrijstelling_vast(door=door, beschikking=beschikking, reden=vrijstelling)
        _besloten(aanvraag, besluitdatum)
    return beschikking


def _leg_vrijstelling_vast(*, door: Any, beschikking: Beschikking, reden: str) -> None:
    """An exemption the consulent establishes at the decision (Wlz bijdrage, minimabeleid) is the
    client's from the decision's start: recorded through the eigen bijdrage service, so the CAK delivery,
    the client page and later letters know it too, not only this letter."""
    vanaf = beschikking.ingangsdatum
    if reden not in (Vrijstelling.WLZ, Vrijstelling.MINIMA) or vanaf is None:
        return
    client = beschikking.client
    if any(
        v.reden == reden and v.geldt(vanaf) for v in IndividueleVrijstelling.objects.filter(client=client)
    ):
        return
    leg_vrijstelling_vast(
        door=door,
        client=client,
        reden=reden,
        vanaf=vanaf,
        toelichting=f"Vastgesteld bij besluit {beschikking.nummer}.",
    )


def _lopende_resultaten(client: Client, ind: Indicatie) -> list[BeschiktResultaat]:
    """The client's earlier granted results of the same result still in force on the new start date: the
    new decision changes them from that date (a wijzigingsbeschikking), so two decisions never hold at
    once. One that starts on or after the new start date is refused: that one is withdrawn, not changed."""
    lopend = list(
        BeschiktResultaat.objects.filter(
            beschikking__client=client,
            beschikking__besluit__in=[Besluit.TOEGEKEND, Besluit.DEELS],
            resultaat=ind.resultaat,
            beeindigd_per__isnull=True,
        )
        .filter(Q(einddatum__isnull=True) | Q(einddatum__gte=ind.ingangsdatum))
        .select_related("beschikking")
    )
    for oud in lopend:
        if oud.ingangsdatum >= ind.ingangsdatum:
            raise ValidationError(
                {
                    "ingangsdatum": f"Besluit {oud.beschikking.nummer} over {ind.resultaat} begint op "
                    f"{datum_of_onbepaald(oud.ingangsdatum)}. Laat de nieuwe indicatie daarna ingaan, of "
                    "trek dat besluit eerst in."
                }
            )
    return lopend


def _beeindig(
    *,
    door: Any,
    oud: BeschiktResultaat,
    per: dt.date,
    door_besluit: Beschikking,
    moment: dt.datetime | None = None,
) -> None:
    """The earlier result holds until ``per`` (inclusive); its toewijzingen still running after that end
    on that day through the toewijzingen service, so each provider gets its 301."""
    oud.beeindigd_per, oud.beeindigd_door = per, door_besluit
    oud.save(update_fields=["beeindigd_per", "beeindigd_door"])
    for toewijzing in Toewijzing.objects.filter(beschikt_resultaat=oud, ingangsdatum__lte=per).filter(
        Q(einddatum__isnull=True) | Q(einddatum__gt=per)
    ):
        wijzig_einddatum(
            door=door,
            toewijzing=toewijzing,
            einddatum=per,
            reden=WMO002RedenWijziging.HERBEOORDELING_VERKORTING,
            moment=moment,
        )


def wijs_aanvraag_af(*, door: Any, aanvraag: Aanvraag, besluitdatum: dt.date, motivering: str) -> Beschikking:
    """A rejection, with the reasons in plain words (Awb 3:46)."""
    controleer_consulent(door, aanvraag.gemeente)
    _controleer_besluitdatum(aanvraag, besluitdatum)
    if not (motivering or "").strip():
        raise ValidationError({"motivering": "Schrijf op waarom de aanvraag wordt afgewezen."})
    with transaction.atomic(), acting_as(door):
        beschikking = _beschikking(
            door=door,
            aanvraag=aanvraag,
            besluit=Besluit.AFGEWEZEN,
            besluitdatum=besluitdatum,
            motivering=motivering,
        )
        _besloten(aanvraag, besluitdatum)
    return beschikking


def beslis_op_aanvraag(
    *,
    door: Any,
    aanvraag: Aanvraag,
    besluit: str,
    besluitdatum: dt.date,
    motivering: str = "",
    vrijstelling: str = "",
    niet_toegekend: str = "",
) -> Beschikking:
    """The decision the consulent takes on the aanvraag: ``besluit`` "toekennen" grants it, in part when
    ``niet_toegekend`` says what is not granted (:func:`neem_besluit`), "afwijzen" rejects it
    (:func:`wijs_aanvraag_af`; a rejection has no vrijstelling)."""
    if besluit == "toekennen":
        return neem_besluit(
            door=door,
            aanvraag=aanvraag,
            besluitdatum=besluitdatum,
            motivering=motivering,
            vrijstelling=vrijstelling,
            niet_toegekend=niet_toegekend,
        )
    return wijs_aanvraag_af(door=door, aanvraag=aanvraag, besluitdatum=besluitdatum, motivering=motivering)


def trek_in(
    *, door: Any, resultaat: BeschiktResultaat, per: dt.date, besluitdatum: dt.date, motivering: str
) -> Beschikking:
    """Withdraw a granted result from a date (Wmo 2015 art. 2.3.10): a decision of its own, with its own
    letter and bezwaar clause; ``per`` is the last day the client gets the help. Its toewijzingen end on
    that day through the toewijzingen service (a 301 to the provider)."""
    resultaat = BeschiktResultaat.objects.select_related("beschikking").get(pk=resultaat.pk)
    oud = resultaat.beschikking
    controleer_consulent(door, oud.gemeente)
    _niet_in_de_toekomst(besluitdatum, "besluitdatum", "het besluit")
    if not (motivering or "").strip():
        raise ValidationError({"motivering": "Schrijf op waarom u de ondersteuning intrekt."})
    if oud.besluit not in (Besluit.TOEGEKEND, Besluit.DEELS) or resultaat.beeindigd_per is not None:
        raise ValidationError("Dit resultaat is al gewijzigd of ingetrokken.")
    if besluitdatum < oud.besluitdatum:
        raise ValidationError({"besluitdatum": "De besluitdatum ligt vóór het besluit dat u intrekt."})
    if per < resultaat.ingangsdatum or (resultaat.einddatum is not None and per >= resultaat.einddatum):
        raise ValidationError(
            {
                "per": f"Kies een laatste dag vanaf {datum_of_onbepaald(resultaat.ingangsdatum)}"
                + (f" en vóór {datum_of_onbepaald(resultaat.einddatum)}." if resultaat.einddatum else ".")
            }
        )
    with transaction.atomic(), acting_as(door):
        beschikking = _beschikking(
            door=door,
            aanvraag=oud.aanvraag,
            besluit=Besluit.INGETROKKEN,
            besluitdatum=besluitdatum,
            motivering=motivering,
            ingangsdatum=per + dt.timedelta(days=1),
        )
        _beeindig(door=door, oud=resultaat, per=per, door_besluit=beschikking)
    return beschikking


def _beschikking(
    *, door: Any, aanvraag: Aanvraag, besluit: str, besluitdatum: dt.date, motivering: str, **velden: Any
) -> Beschikking:
    """The beschikking on the aanvraag, numbered in the year of the decision and signed by the
    consulent (not by a superuser); ``velden``: what only a grant has."""
    return Beschikking.objects.create(
        aanvraag=aanvraag,
        client=aanvraag.client,
        gemeente=aanvraag.gemeente,
        nummer=_beschikkingnummer(aanvraag.gemeente, besluitdatum.year),
        besluit=besluit,
        besluitdatum=besluitdatum,
        motivering=motivering.strip(),
        consulent=None if door.is_superuser else door,
        **velden,
    )


def _besloten(aanvraag: Aanvraag, besluitdatum: dt.date) -> None:
    aanvraag.status = AanvraagStatus.BESLOTEN
    aanvraag.besloten_op = besluitdatum
    aanvraag.save(update_fields=["status", "besloten_op"])
    _handel_af(aanvraag)


def registreer_ingebrekestelling(*, door: Any, aanvraag: Aanvraag, ontvangen_op: dt.date) -> Aanvraag:
    """The client's written ingebrekestelling after the decision term passed (Awb 4:17): two weeks later
    the dwangsom starts to run per day, up to the legal maximum; the decision goes on the werklijst with
    that date."""
    controleer_consulent(door, aanvraag.gemeente)
    _niet_in_de_toekomst(ontvangen_op, "ontvangen_op", "de ingebrekestelling")
    if aanvraag.status != AanvraagStatus.INGEDIEND:
        raise ValidationError("Op deze aanvraag is al besloten.")
    if aanvraag.ingebrekestelling_op is not None:
        raise ValidationError("De ingebrekestelling voor deze aanvraag is al vastgelegd.")
    if ontvangen_op <= aanvraag.besluit_uiterlijk:
        raise ValidationError(
            {
                "ontvangen_op": "De beslistermijn liep tot en met "
                f"{datum_of_onbepaald(aanvraag.besluit_uiterlijk)}; een ingebrekestelling kan pas daarna."
            }
        )
    eerste_dag = termijnen.INGEBREKESTELLING.uiterlijk(ontvangen_op)
    with transaction.atomic(), acting_as(door):
        aanvraag.ingebrekestelling_op = ontvangen_op
        aanvraag.save(update_fields=["ingebrekestelling_op"])
        _werklijst(aanvraag).update(
            uiterlijk=eerste_dag - dt.timedelta(days=1),
            omschrijving=f"Besluit nemen: ingebrekestelling ontvangen op {datum_of_onbepaald(ontvangen_op)}; "
            f"vanaf {datum_of_onbepaald(eerste_dag)} een dwangsom per dag",
        )
    return aanvraag

"""Writes on the provider's side of the chain (ondersteuningsplan, signalen).

Each function validates first and raises ``ValidationError`` with a Dutch message, then writes in one
transaction with its audit events, so that bad input leaves nothing half-saved.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Max
from django.utils import timezone

from resultaat.accounts.models import Rol
from resultaat.catalogus.models import Subresultaat
from resultaat.core import termijnen
from resultaat.core.audit.context import acting_as
from resultaat.core.codes import WMO002RedenWijziging
from resultaat.core.opmaak import datum_of_onbepaald
from resultaat.ondersteuning.models import (
    AkkoordWijze,
    Ondersteuningsplan,
    PlanActiviteit,
    PlanDoel,
    PlanStatus,
    PlusAfspraak,
    PlusSoort,
    Regiefrequentie,
    Signaal,
    SignaalSoort,
    SignaalStatus,
    SocialeKaartVoorziening,
    Uitvoerder,
)
from resultaat.toewijzingen.models import ReactieAanbieder, Toewijzing
from resultaat.werklijst.models import WerklijstItem, WerklijstSoort

# --- Ondersteuningsplan -----------------------------------------------------------------------------------
#
# The provider writes the plan with the client; every version is kept. A concept can be changed; the
# client's agreement freezes it (akkoord) and the version agreed before it becomes "vervangen". A change
# after agreement is a new version that starts as a copy of the last one. No agreed version is ever
# changed: the functions below refuse it.


@dataclass(frozen=True)
class ActiviteitInvoer:
    wat: str
    hoe_vaak: str
    door: str = Uitvoerder.AANBIEDER


@dataclass(frozen=True)
class DoelInvoer:
    doel: str
    subresultaat: Subresultaat | None = None
    activiteiten: tuple[ActiviteitInvoer, ...] = ()


@dataclass(frozen=True)
class PlusInvoer:
    soort: str
    omschrijving: str
    voorziening: SocialeKaartVoorziening | None = None


@dataclass(frozen=True)
class PlanInvoer:
    """The content of one version: what the provider and the client agree on."""

    regiefrequentie: str = Regiefrequentie.HALFJAAR
    evaluatiedatum: dt.date | None = None
    toelichting: str = ""
    doelen: tuple[DoelInvoer, ...] = ()
    plus: tuple[PlusInvoer, ...] = ()


def _plandatum(d: dt.date | None) -> str:
    return datum_of_onbepaald(d)


def _resultaten(toewijzing: Toewijzing) -> set[int]:
    """The result(s) of a toewijzing: its product's, and the granted result of the beschikking (an
    aanvullend arrangement such as vervoer has no result of its own but serves the granted one)."""
    ids = {toewijzing.product.resultaat_id}
    if toewijzing.beschikt_resultaat is not None:
        ids.add(toewijzing.beschikt_resultaat.resultaat_id)
    return {i for i in ids if i is not None}


def subresultaten_voor(toewijzing: Toewijzing) -> list[Subresultaat]:
    """The subresults the plan sets goals for: those the beschikking names, else all of the result."""
    beschikt = toewijzing.beschikt_resultaat
    if beschikt is not None:
        genoemd = list(beschikt.subresultaten.prefetch_related("aandachtspunten").order_by("volgorde", "pk"))
        if genoemd:
            return genoemd
    return list(
        Subresultaat.objects.filter(resultaat_id__in=_resultaten(toewijzing))
        .geldig_op(timezone.localdate())
        .prefetch_related("aandachtspunten")
        .order_by("volgorde", "pk")
    )


def subresultaat_keuzes(toewijzing: Toewijzing) -> Any:
    """Every subresult of the toewijzing's result: what a goal may be about."""
    return Subresultaat.objects.filter(resultaat_id__in=_resultaten(toewijzing)).order_by("volgorde", "pk")


def sociale_kaart_voor(toewijzing: Toewijzing) -> Any:
    """The voorzieningen a Plus agreement may connect to: the sociale kaart of the client's gemeente."""
    return SocialeKaartVoorziening.objects.filter(gemeente_id=toewijzing.client.gemeente_id)


def plan_hoort_bij_beschikking(toewijzing: Toewijzing) -> bool:
    """Did the beschikking make the plan part of the decision (seed 003)?"""
    beschikt = toewijzing.beschikt_resultaat
    return bool(beschikt is not None and beschikt.beschikking.ondersteuningsplan_onderdeel)


def geldend_plan(toewijzing: Toewijzing) -> Ondersteuningsplan | None:
    """The version the client last agreed to, or None."""
    return (
        Ondersteuningsplan.objects.filter(toewijzing=toewijzing, status=PlanStatus.AKKOORD)
        .order_by("-versie")
        .first()
    )


def invoer_van(plan: Ondersteuningsplan) -> PlanInvoer:
    """The content of a version, as the starting point of the next one."""
    return PlanInvoer(
        regiefrequentie=plan.regiefrequentie,
        evaluatiedatum=plan.evaluatiedatum,
        toelichting=plan.toelichting,
        doelen=tuple(
            DoelInvoer(
                doel=d.doel,
                subresultaat=d.subresultaat,
                activiteiten=tuple(
                    ActiviteitInvoer(wat=a.wat, hoe_vaak=a.hoe_vaak, door=a.door)
                    for a in d.activiteiten.order_by("pk")
                ),
            )
            for d in plan.doelen.select_related("subresultaat").order_by("pk")
        ),
        plus=tuple(
            PlusInvoer(soort=p.soort, omschrijving=p.omschrijving, voorziening=p.voorziening)
            for p in plan.plus_afspraken.select_related("voorziening").order_by("pk")
        ),
    )


def _controleer_aanbieder(door: Any, toewijzing: Toewijzing) -> None:
    if getattr(door, "is_superuser", False):
        return
    if not getattr(door, "is_aanbieder_user", False) or door.aanbieder_id != toewijzing.aanbieder_id:
        raise PermissionDenied(
            "Alleen een medewerker van de aanbieder van deze toewijzing kan het ondersteuningsplan schrijven."
        )
    if toewijzing.reactie == ReactieAanbieder.GERETOURNEERD:
        raise PermissionDenied(
            "U heeft deze toewijzing geretourneerd: u schrijft er geen ondersteuningsplan meer bij."
        )


def _controleer_invoer(toewijzing: Toewijzing, invoer: PlanInvoer) -> None:
    fouten: dict[str, list[str]] = {}

    def fout(veld: str, tekst: str) -> None:
        fouten.setdefault(veld, []).append(tekst)

    if invoer.regiefrequentie not in Regiefrequentie.values:
        fout("regiefrequentie", "Kies hoe vaak u met de cliënt over de regie praat.")
    if invoer.evaluatiedatum is not None and invoer.evaluatiedatum <= toewijzing.ingangsdatum:
        fout(
            "evaluatiedatum",
            f"De evaluatiedatum moet na de ingangsdatum van de toewijzing "
            f"({_plandatum(toewijzing.ingangsdatum)}) liggen.",
        )
    if (
        invoer.evaluatiedatum is not None
        and toewijzing.einddatum is not None
        and invoer.evaluatiedatum > toewijzing.einddatum
    ):
        fout(
            "evaluatiedatum",
            f"De evaluatiedatum ligt na de einddatum van de toewijzing ({_plandatum(toewijzing.einddatum)}).",
        )
    toegestaan = set(subresultaat_keuzes(toewijzing).values_list("pk", flat=True))
    for i, doel in enumerate(invoer.doelen, start=1):
        if not doel.doel.strip():
            fout("__all__", f"Doel {i}: beschrijf het doel.")
        if doel.subresultaat is not None and doel.subresultaat.pk not in toegestaan:
            fout("__all__", f"Doel {i}: dit subresultaat hoort niet bij het resultaat van de toewijzing.")
        for j, act in enumerate(doel.activiteiten, start=1):
            if not act.wat.strip():
                fout("__all__", f"Activiteit {i}.{j}: beschrijf wat er gebeurt.")
            if not act.hoe_vaak.strip():
                fout("__all__", f"Activiteit {i}.{j}: vul in hoe vaak.")
            elif len(act.hoe_vaak.strip()) > 100:
                fout("__all__", f"Activiteit {i}.{j}: 'hoe vaak' mag hoogstens 100 tekens zijn.")
            if act.door not in Uitvoerder.values:
                fout("__all__", f"Activiteit {i}.{j}: kies wie het doet.")
    gemeente_id = toewijzing.client.gemeente_id
    for k, plus in enumerate(invoer.plus, start=1):
        if plus.soort not in PlusSoort.values:
            fout("__all__", f"Plus-afspraak {k}: kies de soort.")
        if not plus.omschrijving.strip():
            fout("__all__", f"Plus-afspraak {k}: beschrijf de afspraak.")
        if plus.voorziening is not None and plus.voorziening.gemeente_id != gemeente_id:
            fout(
                "__all__",
                f"Plus-afspraak {k}: {plus.voorziening.naam} staat niet op de sociale kaart van de "
                "gemeente van de cliënt.",
            )
        elif plus.soort == PlusSoort.VERBINDING and plus.voorziening is None:
            fout(
                "__all__",
                f"Plus-afspraak {k}: kies bij een verbinding de voorziening van de sociale kaart. "
                "Staat die er niet op? Vraag de gemeente hem toe te voegen.",
            )
    if fouten:
        raise ValidationError(fouten)


def _schrijf_inhoud(plan: Ondersteuningsplan, invoer: PlanInvoer) -> None:
    """Replace the goals, activities and Plus of a concept by the given content."""
    PlusAfspraak.objects.filter(plan=plan).delete()
    PlanActiviteit.objects.filter(doel__plan=plan).delete()
    PlanDoel.objects.filter(plan=plan).delete()
    for d in invoer.doelen:
        doel = PlanDoel.objects.create(plan=plan, subresultaat=d.subresultaat, doel=d.doel.strip())
        for a in d.activiteiten:
            PlanActiviteit.objects.create(
                doel=doel, wat=a.wat.strip(), hoe_vaak=a.hoe_vaak.strip(), door=a.door
            )
    for p in invoer.plus:
        PlusAfspraak.objects.create(
            plan=plan, soort=p.soort, omschrijving=p.omschrijving.strip(), voorziening=p.voorziening
        )


def geen_nieuw_plan_omdat(toewijzing: Toewijzing) -> str:
    """Why no new version can be written for this toewijzing, or "" when it can."""
    if toewijzing.reden_wijziging == WMO002RedenWijziging.VERWIJDERD:
        return "Deze toewijzing is ingetrokken: er kan geen ondersteuningsplan bij."
    if toewijzing.reactie == ReactieAanbieder.GERETOURNEERD:
        return "De aanbieder heeft deze toewijzing geretourneerd: er kan geen ondersteuningsplan bij."
    if toewijzing.einddatum is not None and toewijzing.einddatum < timezone.localdate():
        return (
            f"De toewijzing is beëindigd op {_plandatum(toewijzing.einddatum)}: "
            "er kan geen nieuwe versie van het plan meer bij."
        )
    return ""


def maak_plan(*, door: Any, toewijzing: Toewijzing, invoer: PlanInvoer) -> Ondersteuningsplan:
    """A new concept version for the toewijzing: the first plan, or a change after the client agreed.

    There is at most one concept per toewijzing: while one exists, change that one.
    """
    _controleer_aanbieder(door, toewijzing)
    vandaag = timezone.localdate()
    if reden := geen_nieuw_plan_omdat(toewijzing):
        raise ValidationError(reden)
    _controleer_invoer(toewijzing, invoer)
    with transaction.atomic(), acting_as(door):
        Toewijzing.objects.select_for_update().filter(pk=toewijzing.pk).first()
        bestaand = Ondersteuningsplan.objects.filter(toewijzing=toewijzing)
        concept = bestaand.filter(status=PlanStatus.CONCEPT).first()
        if concept is not None:
            raise ValidationError(
                f"Er is al een concept (versie {concept.versie}) voor deze toewijzing: wijzig dat concept."
            )
        hoogste = bestaand.aggregate(m=Max("versie"))["m"] or 0
        plan = Ondersteuningsplan.objects.create(
            toewijzing=toewijzing,
            versie=hoogste + 1,
            status=PlanStatus.CONCEPT,
            opgesteld_op=vandaag,
            regiefrequentie=invoer.regiefrequentie,
            evaluatiedatum=invoer.evaluatiedatum,
            toelichting=invoer.toelichting.strip(),
            opgesteld_door=door if getattr(door, "pk", None) else None,
        )
        _schrijf_inhoud(plan, invoer)
    return plan


def controleer_wijzigbaar(plan: Ondersteuningsplan) -> None:
    """Only a concept can be changed; an agreed or replaced version never."""
    if plan.status != PlanStatus.CONCEPT:
        raise _niet_meer_te_wijzigen(plan)


def _niet_meer_te_wijzigen(plan: Ondersteuningsplan) -> ValidationError:
    if plan.status == PlanStatus.AKKOORD:
        return ValidationError(
            f"Versie {plan.versie} heeft het akkoord van de cliënt en kan niet meer worden gewijzigd. "
            "Maak een nieuwe versie."
        )
    return ValidationError(
        f"Versie {plan.versie} is vervangen door een nieuwere versie en kan niet meer worden gewijzigd."
    )


def wijzig_plan(*, door: Any, plan: Ondersteuningsplan, invoer: PlanInvoer) -> Ondersteuningsplan:
    """Change a concept. An agreed or replaced version is never changed."""
    _controleer_aanbieder(door, plan.toewijzing)
    controleer_wijzigbaar(plan)
    _controleer_invoer(plan.toewijzing, invoer)
    with transaction.atomic(), acting_as(door):
        plan = Ondersteuningsplan.objects.select_for_update().select_related("toewijzing").get(pk=plan.pk)
        if plan.status != PlanStatus.CONCEPT:
            raise _niet_meer_te_wijzigen(plan)
        plan.regiefrequentie = invoer.regiefrequentie
        plan.evaluatiedatum = invoer.evaluatiedatum
        plan.toelichting = invoer.toelichting.strip()
        plan.opgesteld_door = door if getattr(door, "pk", None) else plan.opgesteld_door
        plan.save(update_fields=["regiefrequentie", "evaluatiedatum", "toelichting", "opgesteld_door"])
        _schrijf_inhoud(plan, invoer)
    return plan


def eerste_toewijzingsdatum(toewijzing: Toewijzing) -> dt.date:
    """The day the provider received the toewijzing (its first version)."""
    eerste = (
        toewijzing.versies.order_by("toewijzingsdatum", "toewijzingstijd")
        .values_list("toewijzingsdatum", flat=True)
        .first()
    )
    return min(d for d in (eerste, toewijzing.toewijzingsdatum) if d is not None)


def leg_akkoord_vast(
    *, door: Any, plan: Ondersteuningsplan, akkoord_op: dt.date, akkoord_wijze: str
) -> Ondersteuningsplan:
    """The client agreed: the concept is frozen, the version agreed before it becomes "vervangen".

    The agreement date is not in the future, not before the provider received the toewijzing and not
    before the previous version's agreement; the evaluation date lies after it.
    """
    toewijzing = plan.toewijzing
    _controleer_aanbieder(door, toewijzing)
    if plan.status != PlanStatus.CONCEPT:
        if plan.status == PlanStatus.AKKOORD:
            raise ValidationError(f"Versie {plan.versie} heeft al het akkoord van de cliënt.")
        raise _niet_meer_te_wijzigen(plan)
    fouten: dict[str, list[str]] = {}
    if akkoord_wijze not in AkkoordWijze.values:
        fouten.setdefault("akkoord_wijze", []).append("Kies hoe de cliënt akkoord gaf.")
    if akkoord_op is None:
        fouten.setdefault("akkoord_op", []).append("Vul de datum van het akkoord in.")
    else:
        if akkoord_op > timezone.localdate():
            fouten.setdefault("akkoord_op", []).append(
                f"De datum van het akkoord ({_plandatum(akkoord_op)}) ligt in de toekomst."
            )
        ontvangen = eerste_toewijzingsdatum(toewijzing)
        if akkoord_op < ontvangen:
            fouten.setdefault("akkoord_op", []).append(
                f"De datum van het akkoord ligt vóór de toewijzing ({_plandatum(ontvangen)})."
            )
        vorige = geldend_plan(toewijzing)
        if vorige is not None and vorige.akkoord_op and akkoord_op < vorige.akkoord_op:
            fouten.setdefault("akkoord_op", []).append(
                f"Versie {vorige.versie} kreeg akkoord op {_plandatum(vorige.akkoord_op)}; "
                "deze versie kan niet eerder akkoord krijgen."
            )
        if plan.evaluatiedatum is None:
            fouten.setdefault("__all__", []).append(
                "Vul eerst de evaluatiedatum in het plan in: wanneer kijkt u samen met de cliënt terug?"
            )
        elif plan.evaluatiedatum <= akkoord_op:
            fouten.setdefault("__all__", []).append(
                f"De evaluatiedatum ({_plandatum(plan.evaluatiedatum)}) moet na de datum van het "
                "akkoord liggen."
            )
    doelen = list(plan.doelen.annotate(aantal=Count("activiteiten")))
    if not doelen:
        fouten.setdefault("__all__", []).append("Het plan heeft nog geen doel: schrijf eerst de doelen op.")
    for i, d in enumerate(doelen, start=1):
        if not d.aantal:
            fouten.setdefault("__all__", []).append(
                f"Doel {i} heeft nog geen activiteit: wie doet wat, hoe vaak?"
            )
    if fouten:
        raise ValidationError(fouten)
    with transaction.atomic(), acting_as(door):
        Toewijzing.objects.select_for_update().filter(pk=toewijzing.pk).first()
        plan = Ondersteuningsplan.objects.select_for_update().get(pk=plan.pk)
        if plan.status != PlanStatus.CONCEPT:
            raise _niet_meer_te_wijzigen(plan)
        for oud in Ondersteuningsplan.objects.filter(
            toewijzing=toewijzing, status=PlanStatus.AKKOORD
        ).exclude(pk=plan.pk):
            oud.status = PlanStatus.VERVANGEN
            oud.save(update_fields=["status"])
        plan.status = PlanStatus.AKKOORD
        plan.akkoord_op = akkoord_op
        plan.akkoord_wijze = akkoord_wijze
        plan.save(update_fields=["status", "akkoord_op", "akkoord_wijze"])
        _plan_nasturen(toewijzing, plan)
    return plan


def _plan_nasturen(toewijzing: Toewijzing, plan: Ondersteuningsplan) -> None:
    """The beschikking says the plan is part of it and its letter has gone: the agreed plan must follow
    (the letter promised it), so the gemeente gets it on its worklist. Before the letter is sent the plan
    simply goes with the letter."""
    beschikt = toewijzing.beschikt_resultaat
    beschikking = beschikt.beschikking if beschikt is not None else None
    if (
        beschikking is None
        or not beschikking.ondersteuningsplan_onderdeel
        or beschikking.verzonden_op is None
    ):
        return
    WerklijstItem.objects.create(
        gemeente=toewijzing.gemeente,
        client=toewijzing.client,
        soort=WerklijstSoort.PLAN,
        omschrijving=f"Ondersteuningsplan versie {plan.versie} van {toewijzing.aanbieder.naam} naar de "
        f"cliënt sturen: het hoort bij besluit Wmo {beschikking.nummer}"[:300],
        uiterlijk=termijnen.PLAN_NASTUREN.uiterlijk(plan.akkoord_op or timezone.localdate()),
        onderwerp=beschikking,
    )


# --- Sociale kaart ------------------------------------------------------------------------------------


def mag_sociale_kaart_beheren(door: Any, gemeente: Any) -> bool:
    """Consulenten and beheerders of a gemeente keep its sociale kaart."""
    if getattr(door, "is_superuser", False):
        return True
    return door.rol in (Rol.CONSULENT, Rol.BEHEERDER) and door.gemeenten.filter(pk=gemeente.pk).exists()


def bewaar_voorziening(
    *,
    door: Any,
    naam: str,
    gemeente: Any = None,
    soort: str = "",
    adres: str = "",
    contact: str = "",
    voorziening: SocialeKaartVoorziening | None = None,
) -> SocialeKaartVoorziening:
    """Add a voorziening to a gemeente's sociale kaart, or change one."""
    if voorziening is not None:
        gemeente = voorziening.gemeente  # a voorziening stays on its own gemeente's map
    if gemeente is None or not mag_sociale_kaart_beheren(door, gemeente):
        raise PermissionDenied(
            "Alleen een consulent of beheerder van deze gemeente kan de sociale kaart bijwerken."
        )
    fouten: dict[str, str] = {}
    naam = (naam or "").strip()
    if not naam:
        fouten["naam"] = "Vul de naam van de voorziening in."
    velden = {"naam": (naam, 200), "soort": (soort, 100), "adres": (adres, 200), "contact": (contact, 200)}
    for veld, (waarde, lengte) in velden.items():
        if len((waarde or "").strip()) > lengte:
            fouten[veld] = f"Hoogstens {lengte} tekens."
    dubbel = SocialeKaartVoorziening.objects.filter(gemeente=gemeente, naam__iexact=naam)
    if voorziening is not None:
        dubbel = dubbel.exclude(pk=voorziening.pk)
    if naam and dubbel.exists():
        fouten["naam"] = f"{naam} staat al op de sociale kaart van {gemeente.naam}."
    if fouten:
        raise ValidationError(fouten)
    with transaction.atomic(), acting_as(door):
        if voorziening is None:
            voorziening = SocialeKaartVoorziening(gemeente=gemeente)
        voorziening.naam = naam
        voorziening.soort = (soort or "").strip()
        voorziening.adres = (adres or "").strip()
        voorziening.contact = (contact or "").strip()
        voorziening.save()
    return voorziening


# --- Signalen ---------------------------------------------------------------------------------------------


def meld_signaal(
    *, door: Any, client: Any, soort: str, toelichting: str, toewijzing: Toewijzing | None = None
) -> Signaal:
    """A provider reports a signal about one of its own clients; it lands on the consulent's worklist."""
    if not getattr(door, "is_aanbieder_user", False) or door.aanbieder_id is None:
        raise ValidationError("Alleen een medewerker van een aanbieder kan een signaal melden.")
    aanbieder = door.aanbieder
    fouten: dict[str, str] = {}
    if soort not in SignaalSoort.values:
        fouten["soort"] = "Kies de soort signaal."
    if not (toelichting or "").strip():
        fouten["toelichting"] = "Beschrijf wat u heeft gezien of gehoord."
    if client is None or not Toewijzing.objects.filter(client=client, aanbieder=aanbieder).exists():
        fouten["client"] = "Kies een cliënt van uw eigen organisatie."
    elif toewijzing is not None and (
        toewijzing.client_id != client.pk or toewijzing.aanbieder_id != aanbieder.pk
    ):
        fouten["toewijzing"] = "Deze toewijzing hoort niet bij deze cliënt en uw organisatie."
    if fouten:
        raise ValidationError(fouten)
    nu = timezone.now()
    with transaction.atomic(), acting_as(door):
        signaal = Signaal.objects.create(
            client=client,
            aanbieder=aanbieder,
            toewijzing=toewijzing,
            soort=soort,
            toelichting=toelichting.strip(),
            gemeld_op=nu,
            gemeld_door=door,
        )
        WerklijstItem.objects.create(
            gemeente=client.gemeente,
            client=client,
            soort=WerklijstSoort.SIGNAAL,
            omschrijving=f"Signaal van {aanbieder}: {signaal.get_soort_display()}",
            uiterlijk=termijnen.SIGNAAL_OPVOLGEN.uiterlijk(timezone.localdate(nu)),
            onderwerp=signaal,
        )
    return signaal


def volg_signaal_op(
    *, door: Any, signaal: Signaal, status: str, opvolging: str, terugkoppeling: str = ""
) -> Signaal:
    """The consulent records the follow-up; an afgehandeld signal closes its worklist item.

    ``opvolging`` is the gemeente's internal note; only ``terugkoppeling`` is shown to the provider.
    """
    if not getattr(door, "is_superuser", False) and (
        not getattr(door, "is_gemeente_user", False)
        or not door.gemeenten.filter(pk=signaal.client.gemeente_id).exists()
    ):
        raise ValidationError("Alleen de gemeente van de cliënt kan dit signaal opvolgen.")
    fouten: dict[str, str] = {}
    if status not in (SignaalStatus.IN_BEHANDELING, SignaalStatus.AFGEHANDELD):
        fouten["status"] = "Kies 'in behandeling' of 'afgehandeld'."
    if not (opvolging or "").strip():
        fouten["opvolging"] = "Beschrijf wat er met het signaal is gedaan."
    if fouten:
        raise ValidationError(fouten)
    with transaction.atomic(), acting_as(door):
        signaal = Signaal.objects.select_for_update().get(pk=signaal.pk)
        if signaal.status == SignaalStatus.AFGEHANDELD:
            raise ValidationError("Dit signaal is al afgehandeld.")
        nu = timezone.now()
        signaal.status = status
        signaal.opvolging = opvolging.strip()
        signaal.terugkoppeling = (terugkoppeling or "").strip()
        signaal.opgevolgd_door = door
        if status == SignaalStatus.AFGEHANDELD:
            signaal.afgehandeld_op = nu
            WerklijstItem.objects.over(signaal).handel_af()
        signaal.save()
    return signaal

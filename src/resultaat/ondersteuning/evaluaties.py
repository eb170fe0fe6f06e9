"""Evaluation per subresult and the worklist items that keep evaluation on time.

One service records an evaluation (the portal, the API and the demo call it): per subresult reached,
partly or not, with a note, the client's view, by the consulent of the client's gemeente or by the
provider of the toewijzing. ``signaleer`` puts on the consulent's worklist what is due: a
re-indication a configurable number of weeks before the end date, and evaluations that are overdue
(the plan's evaluation date passed, or the toewijzing ended, without one), and regiegesprekken that
are overdue by the agreed plan's regiefrequentie.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from resultaat.accounts.models import Rol
from resultaat.catalogus.models import Subresultaat
from resultaat.core.audit.context import acting_as
from resultaat.core.codes import WMO002RedenWijziging
from resultaat.core.opmaak import datum_of_onbepaald
from resultaat.ondersteuning.models import (
    Evaluatie,
    EvaluatieMoment,
    EvaluatieOordeel,
    EvaluatieRol,
    Ondersteuningsplan,
    PlanStatus,
    Regiefrequentie,
    Regiegesprek,
    ResultaatBehaald,
)
from resultaat.ondersteuning.services import subresultaat_keuzes
from resultaat.toewijzingen.models import Toewijzing
from resultaat.werklijst.models import WerklijstItem, WerklijstSoort, WerklijstStatus

HERINDICATIE_WEKEN_STANDAARD = 8


def herindicatie_weken() -> int:
    """How many weeks before the end date the re-indication lands on the worklist (setting
    ``HERINDICATIE_WEKEN_VOOR_EINDE``, 8 when not set)."""
    return int(getattr(settings, "HERINDICATIE_WEKEN_VOOR_EINDE", HERINDICATIE_WEKEN_STANDAARD))


@dataclass(frozen=True)
class OordeelInvoer:
    subresultaat: Subresultaat
    behaald: str
    toelichting: str = ""


def _datum(d: dt.date | None) -> str:
    return datum_of_onbepaald(d)


def rol_van(door: Any, toewijzing: Toewijzing) -> str:
    """In which role ``door`` may evaluate this toewijzing; PermissionDenied when not at all."""
    if getattr(door, "is_aanbieder_user", False) and door.aanbieder_id == toewijzing.aanbieder_id:
        return EvaluatieRol.AANBIEDER
    if (
        getattr(door, "rol", None) == Rol.CONSULENT
        and door.gemeenten.filter(pk=toewijzing.client.gemeente_id).exists()
    ):
        return EvaluatieRol.CONSULENT
    if getattr(door, "is_superuser", False):
        return EvaluatieRol.CONSULENT
    raise PermissionDenied(
        "Alleen de consulent van de gemeente van de cliënt of de aanbieder van deze toewijzing evalueert."
    )


def samenvatting(oordelen: list[OordeelInvoer] | tuple[OordeelInvoer, ...]) -> str:
    """The result as a whole: reached when every subresult is, not when none is, else partly."""
    behaald = {o.behaald for o in oordelen}
    if behaald == {ResultaatBehaald.JA}:
        return ResultaatBehaald.JA
    if behaald == {ResultaatBehaald.NEE}:
        return ResultaatBehaald.NEE
    return ResultaatBehaald.DEELS


def _controleer(
    toewijzing: Toewijzing,
    *,
    datum: dt.date | None,
    moment: str,
    oordelen: tuple[OordeelInvoer, ...],
    client_tevreden: int | None,
) -> None:
    fouten: dict[str, list[str]] = {}

    def fout(veld: str, tekst: str) -> None:
        fouten.setdefault(veld, []).append(tekst)

    vandaag = timezone.localdate()
    if datum is None:
        fout("datum", "Vul de datum van de evaluatie in.")
    elif datum > vandaag:
        fout("datum", f"De datum van de evaluatie ({_datum(datum)}) ligt in de toekomst.")
    elif datum < toewijzing.ingangsdatum:
        fout(
            "datum",
            f"De evaluatie ligt voor de ingangsdatum van de toewijzing ({_datum(toewijzing.ingangsdatum)}).",
        )
    if moment not in EvaluatieMoment.values:
        fout("moment", "Kies of dit de tussentijdse evaluatie is of die aan het einde.")
    if client_tevreden is not None and not 1 <= client_tevreden <= 5:
        fout("client_tevreden", "De tevredenheid van de cliënt is een cijfer van 1 tot en met 5.")
    if not oordelen:
        fout("__all__", "Beoordeel ten minste één subresultaat.")
    toegestaan = set(subresultaat_keuzes(toewijzing).values_list("pk", flat=True))
    gezien: set[int] = set()
    for i, o in enumerate(oordelen, start=1):
        naam = f"Subresultaat {i}"
        if o.subresultaat.pk not in toegestaan:
            fout("__all__", f"{naam}: dit subresultaat hoort niet bij het resultaat van de toewijzing.")
        if o.subresultaat.pk in gezien:
            fout("__all__", f"{naam}: dit subresultaat is al beoordeeld in deze evaluatie.")
        gezien.add(o.subresultaat.pk)
        if o.behaald not in ResultaatBehaald.values:
            fout("__all__", f"{naam}: kies behaald, deels behaald of niet behaald.")
        elif o.behaald != ResultaatBehaald.JA and not o.toelichting.strip():
            fout("__all__", f"{naam}: licht toe waarom het subresultaat niet (helemaal) is behaald.")
    if fouten:
        raise ValidationError(fouten)


def evalueer(
    *,
    door: Any,
    toewijzing: Toewijzing,
    datum: dt.date | None,
    moment: str,
    oordelen: tuple[OordeelInvoer, ...],
    clientvisie: str = "",
    client_tevreden: int | None = None,
    toelichting: str = "",
) -> Evaluatie:
    """Record an evaluation of the toewijzing, per subresult; its open evaluation items on the worklist
    are done."""
    rol = rol_van(door, toewijzing)
    if toewijzing.reden_wijziging == WMO002RedenWijziging.VERWIJDERD:
        raise ValidationError("Deze toewijzing is ingetrokken: er valt niets te evalueren.")
    _controleer(toewijzing, datum=datum, moment=moment, oordelen=oordelen, client_tevreden=client_tevreden)
    assert datum is not None  # checked above
    with transaction.atomic(), acting_as(door):
        evaluatie = Evaluatie.objects.create(
            toewijzing=toewijzing,
            datum=datum,
            moment=moment,
            rol=rol,
            resultaat_behaald=samenvatting(oordelen),
            client_tevreden=client_tevreden,
            clientvisie=(clientvisie or "").strip(),
            toelichting=(toelichting or "").strip(),
            uitgevoerd_door=door if getattr(door, "pk", None) else None,
        )
        for o in oordelen:
            EvaluatieOordeel.objects.create(
                evaluatie=evaluatie,
                subresultaat=o.subresultaat,
                behaald=o.behaald,
                toelichting=o.toelichting.strip(),
            )
        WerklijstItem.objects.filter(soort=WerklijstSoort.EVALUATIE).over(toewijzing).handel_af()
    return evaluatie


# --- Regiegesprekken --------------------------------------------------------------------------------------

MAANDEN: dict[str, int] = {
    Regiefrequentie.MAANDELIJKS: 1,
    Regiefrequentie.KWARTAAL: 3,
    Regiefrequentie.HALFJAAR: 6,
    Regiefrequentie.JAAR: 12,
}


def plus_maanden(d: dt.date, maanden: int) -> dt.date:
    """The same day ``maanden`` months later (the last day of a shorter month)."""
    jaar, maand = divmod(d.month - 1 + maanden, 12)
    jaar, maand = d.year + jaar, maand + 1
    for dag in (d.day, 30, 29, 28):
        try:
            return dt.date(jaar, maand, dag)
        except ValueError:
            continue
    raise ValueError(d)  # pragma: no cover


def _akkoord_plan(toewijzing: Toewijzing) -> Ondersteuningsplan | None:
    return (
        Ondersteuningsplan.objects.filter(toewijzing=toewijzing, status=PlanStatus.AKKOORD)
        .order_by("-versie")
        .first()
    )


def volgend_regiegesprek(toewijzing: Toewijzing, plan: Ondersteuningsplan | None = None) -> dt.date | None:
    """When the next regiegesprek is due: the regiefrequentie of the agreed plan after the last
    conversation (or after the client's agreement). None without an agreed plan."""
    plan = plan or _akkoord_plan(toewijzing)
    if plan is None:
        return None
    laatste = (
        Regiegesprek.objects.filter(toewijzing=toewijzing)
        .order_by("-datum")
        .values_list("datum", flat=True)
        .first()
    )
    return _volgend(plan, laatste)


def _volgend(plan: Ondersteuningsplan, laatste_gesprek: dt.date | None) -> dt.date:
    begin = plan.akkoord_op or plan.opgesteld_op
    vanaf = laatste_gesprek if laatste_gesprek is not None and laatste_gesprek >= begin else begin
    return plus_maanden(vanaf, MAANDEN.get(str(plan.regiefrequentie), 6))


def _laatste_per_toewijzing(model: Any, toewijzing_ids: set[int]) -> dict[int, dt.date]:
    """The latest ``datum`` of ``model`` per toewijzing, in one query."""
    return dict(
        model.objects.filter(toewijzing_id__in=toewijzing_ids)
        .values("toewijzing_id")
        .annotate(laatste=Max("datum"))
        .values_list("toewijzing_id", "laatste")
    )


def leg_regiegesprek_vast(
    *, door: Any, toewijzing: Toewijzing, datum: dt.date | None, deelnemers: str, uitkomst: str
) -> Regiegesprek:
    """Record a regiegesprek (the provider or the consulent); an overdue item on the worklist is done."""
    rol_van(door, toewijzing)
    fouten: dict[str, str] = {}
    if datum is None:
        fouten["datum"] = "Vul de datum van het gesprek in."
    elif datum > timezone.localdate():
        fouten["datum"] = f"De datum van het gesprek ({_datum(datum)}) ligt in de toekomst."
    elif datum < toewijzing.ingangsdatum:
        fouten["datum"] = (
            f"Het gesprek ligt voor de ingangsdatum van de toewijzing ({_datum(toewijzing.ingangsdatum)})."
        )
    deelnemers = (deelnemers or "").strip()
    if not deelnemers:
        fouten["deelnemers"] = "Vul in wie er bij het gesprek waren."
    elif len(deelnemers) > 300:
        fouten["deelnemers"] = "Hoogstens 300 tekens."
    if not (uitkomst or "").strip():
        fouten["uitkomst"] = "Beschrijf wat er uit het gesprek kwam."
    if fouten:
        raise ValidationError(fouten)
    assert datum is not None  # checked above
    with transaction.atomic(), acting_as(door):
        gesprek = Regiegesprek.objects.create(
            toewijzing=toewijzing,
            datum=datum,
            deelnemers=deelnemers,
            uitkomst=uitkomst.strip(),
            vastgelegd_door=door if getattr(door, "pk", None) else None,
        )
        plan = _akkoord_plan(toewijzing)
        if plan is not None:
            WerklijstItem.objects.filter(soort=WerklijstSoort.EVALUATIE).over(plan).handel_af()
    return gesprek


# --- Worklist --------------------------------------------------------------------------------------------


def _heeft_open_item(soort: str, toewijzing_ids: set[int]) -> set[int]:
    return set(
        WerklijstItem.objects.filter(
            soort=soort,
            status=WerklijstStatus.OPEN,
            content_type=ContentType.objects.get_for_model(Toewijzing),
            object_id__in=toewijzing_ids,
        ).values_list("object_id", flat=True)
    )


def _heeft_ooit_item(soort: str, toewijzing_ids: set[int]) -> set[int]:
    return set(
        WerklijstItem.objects.filter(
            soort=soort,
            content_type=ContentType.objects.get_for_model(Toewijzing),
            object_id__in=toewijzing_ids,
        ).values_list("object_id", flat=True)
    )


def _item(toewijzing: Toewijzing, soort: str, omschrijving: str, uiterlijk: dt.date) -> WerklijstItem:
    return WerklijstItem(
        gemeente_id=toewijzing.client.gemeente_id,
        client_id=toewijzing.client_id,
        soort=soort,
        omschrijving=omschrijving[:300],
        uiterlijk=uiterlijk,
        content_type=ContentType.objects.get_for_model(Toewijzing),
        object_id=toewijzing.pk,
    )


def signaleer(*, vandaag: dt.date | None = None, weken: int | None = None) -> dict[str, int]:
    """Put what is due on the worklist, once per toewijzing: a re-indication ``weken`` before the end
    date, an evaluation whose date passed, an end evaluation of a toewijzing that ended. Returns how
    many items of each kind were made. Safe to run every day."""
    vandaag = vandaag or timezone.localdate()
    weken = herindicatie_weken() if weken is None else weken
    levend = Toewijzing.objects.exclude(reden_wijziging=WMO002RedenWijziging.VERWIJDERD).select_related(
        "client", "product"
    )
    nieuw: list[WerklijstItem] = []

    # Re-indication: the end date lies within the coming weeks; one item per toewijzing, ever.
    bijna = list(levend.filter(einddatum__gte=vandaag, einddatum__lte=vandaag + dt.timedelta(weeks=weken)))
    al = _heeft_ooit_item(WerklijstSoort.HERINDICATIE, {t.pk for t in bijna})
    herindicaties = [
        _item(
            t,
            WerklijstSoort.HERINDICATIE,
            f"Herindicatie: {t.product.naam} eindigt op {_datum(t.einddatum)}",
            t.einddatum,
        )
        for t in bijna
        if t.pk not in al
    ]
    nieuw += herindicaties

    # Overdue evaluation at the plan's date: the agreed plan's evaluation date passed, no evaluation since
    # the client agreed to that plan.
    plannen = list(
        Ondersteuningsplan.objects.filter(
            status=PlanStatus.AKKOORD, evaluatiedatum__lt=vandaag, toewijzing__in=levend
        ).select_related("toewijzing__client", "toewijzing__product")
    )
    ids = {p.toewijzing_id for p in plannen}
    open_ids = _heeft_open_item(WerklijstSoort.EVALUATIE, ids)
    laatste_evaluatie = _laatste_per_toewijzing(Evaluatie, ids)
    te_laat: list[WerklijstItem] = []
    for plan in plannen:
        t = plan.toewijzing
        if t.pk in open_ids:
            continue
        sinds = plan.akkoord_op or plan.opgesteld_op
        if (laatste := laatste_evaluatie.get(t.pk)) is not None and laatste >= sinds:
            continue
        te_laat.append(
            _item(
                t,
                WerklijstSoort.EVALUATIE,
                f"Evaluatie te laat: {t.product.naam}, evaluatiedatum {_datum(plan.evaluatiedatum)}",
                plan.evaluatiedatum,
            )
        )
        open_ids.add(t.pk)

    # End evaluation: the toewijzing ended without one.
    geeindigd = list(levend.filter(einddatum__lt=vandaag, einddatum__gte=vandaag - dt.timedelta(days=365)))
    eind_ids = {t.pk for t in geeindigd}
    met_eind = set(
        Evaluatie.objects.filter(toewijzing_id__in=eind_ids, moment=EvaluatieMoment.EINDE).values_list(
            "toewijzing_id", flat=True
        )
    )
    open_ids |= _heeft_open_item(WerklijstSoort.EVALUATIE, eind_ids)
    for t in geeindigd:
        if t.pk in met_eind or t.pk in open_ids:
            continue
        te_laat.append(
            _item(
                t,
                WerklijstSoort.EVALUATIE,
                f"Eindevaluatie ontbreekt: {t.product.naam}, geëindigd op {_datum(t.einddatum)}",
                t.einddatum,
            )
        )
        open_ids.add(t.pk)
    nieuw += te_laat

    # Regiegesprek overdue by the agreed plan's regiefrequentie (the item is about the plan).
    lopend = Ondersteuningsplan.objects.filter(status=PlanStatus.AKKOORD, toewijzing__in=levend).exclude(
        toewijzing__einddatum__lt=vandaag
    )
    lopend_lijst = list(lopend.select_related("toewijzing__client", "toewijzing__product"))
    plan_open = set(
        WerklijstItem.objects.filter(
            soort=WerklijstSoort.EVALUATIE,
            status=WerklijstStatus.OPEN,
            content_type=ContentType.objects.get_for_model(Ondersteuningsplan),
            object_id__in=[p.pk for p in lopend_lijst],
        ).values_list("object_id", flat=True)
    )
    laatste_gesprek = _laatste_per_toewijzing(Regiegesprek, {p.toewijzing_id for p in lopend_lijst})
    regie: list[WerklijstItem] = []
    for plan in lopend_lijst:
        volgend = _volgend(plan, laatste_gesprek.get(plan.toewijzing_id))
        if plan.pk in plan_open or volgend >= vandaag:
            continue
        item = _item(
            plan.toewijzing,
            WerklijstSoort.EVALUATIE,
            f"Regiegesprek te laat: {plan.toewijzing.product.naam}, gepland uiterlijk {_datum(volgend)}",
            volgend,
        )
        item.content_type = ContentType.objects.get_for_model(Ondersteuningsplan)
        item.object_id = plan.pk
        regie.append(item)
    nieuw += regie

    with transaction.atomic():
        WerklijstItem.objects.bulk_create(nieuw)
    return {"herindicatie": len(herindicaties), "evaluatie": len(te_laat), "regiegesprek": len(regie)}

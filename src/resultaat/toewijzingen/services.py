"""Writes on toewijzingen and leveringen. Views, API, iWmo intake and commands all call these.

Each function validates first and raises ``ValidationError`` with a Dutch message, then writes in one
transaction (with its audit events), so that bad input leaves nothing half-saved.
"""

from __future__ import annotations

import datetime as dt
from contextlib import nullcontext
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Q, QuerySet
from django.utils import timezone

from resultaat.clienten.models import Client
from resultaat.contracten.models import ContractProduct
from resultaat.core.audit.context import acting_as
from resultaat.core.audit.gebeurtenissen import leg_vast, leg_vast_per_rij
from resultaat.core.codes import WMO002RedenWijziging, WMO588RedenBeeindiging
from resultaat.core.opmaak import datum_of_onbepaald
from resultaat.organisaties.models import Gemeente
from resultaat.toewijzingen.gebeurtenissen import TOEWIJZING_GEACCEPTEERD, TOEWIJZING_GERETOURNEERD
from resultaat.toewijzingen.models import (
    Levering,
    LeveringBron,
    ReactieAanbieder,
    Toewijzing,
    ToewijzingVersie,
)
from resultaat.toewijzingen.regels import geretourneerd_bezwaren, start_bezwaren, stop_beoordeling
from resultaat.toewijzingen.signals import toewijzing_gewijzigd
from resultaat.werklijst.models import WerklijstItem, WerklijstSoort

EEN_DAG = dt.timedelta(days=1)


def _moment(moment: dt.datetime | None) -> tuple[dt.date, dt.time]:
    """Toewijzingsdatum and -tijd: the moment the gemeente decided, in local time, to the second."""
    local = timezone.localtime(moment or timezone.now())
    return local.date(), local.time().replace(microsecond=0)


def controleer_gecontracteerd(*, gemeente: Gemeente, aanbieder: Any, product: Any, datum: dt.date) -> None:
    if (
        not ContractProduct.objects.gecontracteerd(gemeente, product, datum)
        .filter(contract__aanbieder=aanbieder)
        .exists()
    ):
        raise ValidationError(
            {
                "product": f"{aanbieder} heeft op {datum_of_onbepaald(datum)} geen contract voor {product} "
                f"in {gemeente.naam}."
            }
        )


def controleer_geen_overlap(
    *, client: Any, aanbieder: Any, product: Any, van: dt.date, tot: dt.date | None, behalve: Any = None
) -> None:
    """iWmo OP259: no two toewijzingen of the same product to the same provider overlap in time."""
    overlap = Toewijzing.objects.filter(client=client, aanbieder=aanbieder, product=product).exclude(
        reden_wijziging=WMO002RedenWijziging.VERWIJDERD
    )
    if behalve is not None:
        overlap = overlap.exclude(pk=behalve.pk)
    overlap = overlap.filter(Q(einddatum__isnull=True) | Q(einddatum__gte=van))
    if tot is not None:
        overlap = overlap.filter(ingangsdatum__lte=tot)
    bestaand = overlap.first()
    if bestaand is not None:
        raise ValidationError(
            f"Deze cliënt heeft al toewijzing {bestaand.nummer} voor {product} bij {aanbieder} "
            f"van {datum_of_onbepaald(bestaand.ingangsdatum)} tot {datum_of_onbepaald(bestaand.einddatum)}: "
            "toewijzingen mogen niet overlappen."
        )


def _volgend_nummer(gemeente: Gemeente) -> int:
    # Lock the gemeente row so that two toewijzingen never get the same number (PostgreSQL);
    # SQLite serialises writers with its IMMEDIATE transactions.
    Gemeente.objects.select_for_update().filter(pk=gemeente.pk).first()
    hoogste = Toewijzing.objects.filter(gemeente=gemeente).aggregate(m=Max("nummer"))["m"]
    return (hoogste or 0) + 1


def _bewaar_versie(toewijzing: Toewijzing) -> None:
    """Save the toewijzing as its new version: the row, its ToewijzingVersie and the domain event (to
    which iWmo answers with a 301)."""
    toewijzing.save()
    ToewijzingVersie.objects.create(toewijzing=toewijzing, **toewijzing.termen())
    toewijzing_gewijzigd.send(sender=Toewijzing, toewijzingen=[toewijzing])


def maak_toewijzing(
    *,
    door: Any,
    client: Any,
    aanbieder: Any,
    product: Any,
    ingangsdatum: dt.date,
    einddatum: dt.date | None = None,
    beschikt_resultaat: Any = None,
    voorganger: Toewijzing | None = None,
    moment: dt.datetime | None = None,
    referentie_aanbieder: str = "",
) -> Toewijzing:
    """A new toewijzing with a new ToewijzingNummer, for a product contracted on its start date."""
    if einddatum is not None and einddatum < ingangsdatum:
        raise ValidationError({"einddatum": "De einddatum ligt vóór de ingangsdatum."})
    gemeente = client.gemeente
    controleer_gecontracteerd(gemeente=gemeente, aanbieder=aanbieder, product=product, datum=ingangsdatum)
    controleer_geen_overlap(
        client=client, aanbieder=aanbieder, product=product, van=ingangsdatum, tot=einddatum
    )
    datum, tijd = _moment(moment)
    with transaction.atomic(), acting_as(door):
        toewijzing = Toewijzing(
            gemeente=gemeente,
            nummer=_volgend_nummer(gemeente),
            client=client,
            aanbieder=aanbieder,
            product=product,
            beschikt_resultaat=beschikt_resultaat,
            voorganger=voorganger,
            referentie_aanbieder=referentie_aanbieder,
            toewijzingsdatum=datum,
            toewijzingstijd=tijd,
            ingangsdatum=ingangsdatum,
            einddatum=einddatum,
            volume=product.volume,
            eenheid=product.eenheid,
            frequentie=product.frequentie,
        )
        _bewaar_versie(toewijzing)
    return toewijzing


def wijzig_einddatum(
    *,
    door: Any,
    toewijzing: Toewijzing,
    einddatum: dt.date | None,
    reden: str,
    moment: dt.datetime | None = None,
) -> Toewijzing:
    """End, shorten or extend a toewijzing: a new version with the same ToewijzingNummer (iWmo IV066).
    ``einddatum`` None makes it open-ended again (an end that is corrected away)."""
    if reden not in WMO002RedenWijziging.values:
        raise ValidationError({"reden_wijziging": f"Onbekende reden van wijziging: {reden!r}."})
    if einddatum is not None and einddatum < toewijzing.ingangsdatum:
        raise ValidationError({"einddatum": "De einddatum ligt vóór de ingangsdatum van de toewijzing."})
    datum, tijd = _moment(moment)
    with transaction.atomic(), acting_as(door):
        toewijzing = Toewijzing.objects.select_for_update().get(pk=toewijzing.pk)
        if moment is None and (datum, tijd) <= (toewijzing.toewijzingsdatum, toewijzing.toewijzingstijd):
            # Two decisions within the same second: the later one gets the next second, so that the
            # current version stays the one with the latest Toewijzingsdatum + Toewijzingstijd (IV013).
            volgende = dt.datetime.combine(
                toewijzing.toewijzingsdatum, toewijzing.toewijzingstijd
            ) + dt.timedelta(seconds=1)
            datum, tijd = volgende.date(), volgende.time()
        if (datum, tijd) <= (toewijzing.toewijzingsdatum, toewijzing.toewijzingstijd):
            raise ValidationError(
                "Een wijziging moet later zijn vastgelegd dan de huidige versie van de toewijzing."
            )
        open_levering = (
            None
            if einddatum is None
            else toewijzing.leveringen.filter(verwijderd=False, begindatum__gt=einddatum).first()
        )
        if open_levering is not None:
            raise ValidationError(
                {
                    "einddatum": f"De levering begon op {datum_of_onbepaald(open_levering.begindatum)}, "
                    "na deze einddatum."
                }
            )
        toewijzing.einddatum = einddatum
        toewijzing.reden_wijziging = reden
        toewijzing.toewijzingsdatum, toewijzing.toewijzingstijd = datum, tijd
        _bewaar_versie(toewijzing)
    return toewijzing


def wissel_aanbieder(
    *,
    door: Any,
    toewijzing: Toewijzing,
    nieuwe_aanbieder: Any,
    per: dt.date,
    moment: dt.datetime | None = None,
) -> Toewijzing:
    """The client votes with the feet: the old toewijzing ends the day before ``per`` (reden 09), the
    new one starts on ``per`` for the same product and end date: no gap, no overlap."""
    if nieuwe_aanbieder == toewijzing.aanbieder:
        raise ValidationError({"aanbieder": "Kies een andere aanbieder dan de huidige."})
    if per <= toewijzing.ingangsdatum:
        raise ValidationError(
            {"per": "De overstapdatum moet na de ingangsdatum van de huidige toewijzing liggen."}
        )
    if toewijzing.einddatum is not None and per > toewijzing.einddatum:
        raise ValidationError({"per": "De overstapdatum ligt na het einde van de huidige toewijzing."})
    controleer_gecontracteerd(
        gemeente=toewijzing.gemeente, aanbieder=nieuwe_aanbieder, product=toewijzing.product, datum=per
    )
    with transaction.atomic():
        oude = wijzig_einddatum(
            door=door,
            toewijzing=toewijzing,
            einddatum=per - EEN_DAG,
            reden=WMO002RedenWijziging.OVERSTAP_AANBIEDER,
            moment=moment,
        )
        nieuw = maak_toewijzing(
            door=door,
            client=oude.client,
            aanbieder=nieuwe_aanbieder,
            product=oude.product,
            ingangsdatum=per,
            einddatum=toewijzing.einddatum,
            beschikt_resultaat=oude.beschikt_resultaat,
            voorganger=oude,
            moment=moment,
        )
        with acting_as(door):
            _sluit_retour_af(oude)
        return nieuw


def controleer_eigen_aanbieder(door: Any, toewijzing: Toewijzing) -> None:
    """Provider staff act only on their own organisation's toewijzingen (gemeente staff and commands,
    which record on a provider's behalf, are not limited here)."""
    if getattr(door, "is_aanbieder_user", False) and door.aanbieder_id != toewijzing.aanbieder_id:
        raise ValidationError("Alleen de aanbieder van deze toewijzing kan dit doen.")


def _controleer_niet_verwijderd(toewijzing: Toewijzing) -> None:
    if toewijzing.is_verwijderd:
        raise ValidationError("De toewijzing is verwijderd door de gemeente.")


def accepteer_toewijzing(*, door: Any, toewijzing: Toewijzing) -> Toewijzing:
    """The provider accepts a new toewijzing (the portal's 302 without retour codes). Twice: no change.
    Written by :func:`accepteer_toewijzingen`, the one path of the portal, the API and the iWmo 302."""
    controleer_eigen_aanbieder(door, toewijzing)
    _controleer_niet_verwijderd(toewijzing)
    with transaction.atomic(), acting_as(door):
        toewijzing = Toewijzing.objects.select_for_update().get(pk=toewijzing.pk)
        if toewijzing.reactie == ReactieAanbieder.GERETOURNEERD:
            raise ValidationError(
                "Deze toewijzing is al geretourneerd; de gemeente kiest een andere aanbieder."
            )
        accepteer_toewijzingen(door=door, toewijzingen=Toewijzing.objects.filter(pk=toewijzing.pk))
        toewijzing.refresh_from_db()
    return toewijzing


def accepteer_toewijzingen(*, door: Any, toewijzingen: QuerySet[Toewijzing]) -> int:
    """Accept toewijzingen set-based: the portal's and the API's accept (one row) and an iWmo 302 that
    approves ToegewezenProducten (many) record the same fields (reactie, reactie_op, reactie_door) with
    one UPDATE, its audit rows and a named event per toewijzing. Only a new toewijzing is accepted: an
    accepted or returned one stays as it is, a deleted one is not accepted, and provider staff act only
    on their own organisation's. ``door``: the actor the changes are attributed to (None: the current
    one, e.g. the iWmo intake's). Returns how many were accepted."""
    te_accepteren = toewijzingen.filter(reactie=ReactieAanbieder.NIEUW).exclude(
        reden_wijziging=WMO002RedenWijziging.VERWIJDERD
    )
    if getattr(door, "is_aanbieder_user", False):
        te_accepteren = te_accepteren.filter(aanbieder_id=door.aanbieder_id)
    with transaction.atomic(), acting_as(door) if door is not None else nullcontext():
        rijen = list(te_accepteren.select_for_update().select_related("aanbieder"))
        if not rijen:
            return 0
        aantal = Toewijzing.objects.filter(pk__in=[t.pk for t in rijen]).update(
            reactie=ReactieAanbieder.GEACCEPTEERD,
            reactie_op=timezone.now(),
            reactie_door=door if getattr(door, "pk", None) else None,
        )
        leg_vast_per_rij(
            TOEWIJZING_GEACCEPTEERD, [(t, {"nummer": t.nummer, "aanbieder": t.aanbieder}) for t in rijen]
        )
        return aantal


def retourneer_toewijzing(*, door: Any, toewijzing: Toewijzing, reden: str) -> Toewijzing:
    """The provider returns a toewijzing it cannot or will not deliver (the portal's 302 with a retour).

    As with a rejecting 302 from the iWmo intake, the consulent gets a worklist item (soort RETOUR,
    within 3 working days) to choose another provider; the item points at the toewijzing."""
    reden = (reden or "").strip()
    if not reden:
        raise ValidationError({"reden": "Geef de reden waarom u de toewijzing retourneert."})
    controleer_eigen_aanbieder(door, toewijzing)
    _controleer_niet_verwijderd(toewijzing)
    with transaction.atomic(), acting_as(door):
        toewijzing = Toewijzing.objects.select_for_update().select_related("aanbieder").get(pk=toewijzing.pk)
        if toewijzing.reactie == ReactieAanbieder.GERETOURNEERD:
            raise ValidationError("Deze toewijzing is al geretourneerd.")
        if Levering.objects.filter(toewijzing=toewijzing, verwijderd=False).exists():
            raise ValidationError(
                "De ondersteuning is al gestart: een gestarte toewijzing kan niet meer worden "
                "geretourneerd. Meld een stop."
            )
        nu = timezone.now()
        toewijzing.reactie = ReactieAanbieder.GERETOURNEERD
        toewijzing.reactie_op = nu
        toewijzing.reactie_door = door if getattr(door, "pk", None) else None
        toewijzing.retourreden = reden
        toewijzing.save(update_fields=["reactie", "reactie_op", "reactie_door", "retourreden"])
        gebeurtenis = leg_vast(
            TOEWIJZING_GERETOURNEERD,
            toewijzing,
            nummer=toewijzing.nummer,
            aanbieder=toewijzing.aanbieder,
            reden=reden,
        )
        WerklijstItem.objects.meld_retour(
            gemeente_id=toewijzing.gemeente_id,
            client_id=toewijzing.client_id,
            omschrijving=gebeurtenis.tekst,
            vanaf=timezone.localdate(nu),
            over=toewijzing,
        )
    return toewijzing


def _bezwaren_naar_fout(bezwaren: list[tuple[str, str]], veld: str) -> None:
    if not bezwaren:
        return
    meldingen = [m for _, m in bezwaren]
    if bezwaren[0][0] == "TR069":
        raise ValidationError({veld: meldingen})
    raise ValidationError(meldingen)


def _sluit_retour_af(toewijzing: Toewijzing) -> None:
    """A switch answers a returned toewijzing: its open worklist item (soort RETOUR) is done."""
    WerklijstItem.objects.over(toewijzing).filter(soort=WerklijstSoort.RETOUR).handel_af()


def meld_start(
    *,
    door: Any,
    toewijzing: Toewijzing,
    begindatum: dt.date,
    bron: str = LeveringBron.PORTAAL,
    hervatting: bool = False,
    gemeld_op: dt.datetime | None = None,
) -> Levering:
    """The provider reports the real start (305), or a resumption after a temporary stop: the same
    rules as the iWmo intake (:mod:`resultaat.toewijzingen.regels`). A start also accepts a new
    toewijzing; a returned toewijzing cannot start. ``hervatting``: the caller means a resumption
    (the portal's, the API's or the CSV's), which needs an earlier delivery to resume. ``gemeld_op``:
    when the start was reported, for back-dated history (the demo, which switches auto_now_add off)."""
    controleer_eigen_aanbieder(door, toewijzing)
    _controleer_niet_verwijderd(toewijzing)
    with transaction.atomic(), acting_as(door):
        toewijzing = Toewijzing.objects.select_for_update().get(pk=toewijzing.pk)
        _bezwaren_naar_fout(geretourneerd_bezwaren(toewijzing), "begindatum")
        leveringen = list(
            Levering.objects.select_for_update()
            .filter(toewijzing=toewijzing, verwijderd=False)
            .order_by("begindatum", "pk")
        )
        if hervatting and not leveringen:
            raise ValidationError("Er is geen tijdelijke stop om te hervatten; meld een start.")
        _bezwaren_naar_fout(start_bezwaren(toewijzing, leveringen, begindatum), "begindatum")
        if toewijzing.reactie == ReactieAanbieder.NIEUW:
            toewijzing.reactie = ReactieAanbieder.GEACCEPTEERD
            toewijzing.reactie_op = timezone.now()
            toewijzing.reactie_door = door if getattr(door, "pk", None) else None
            toewijzing.save(update_fields=["reactie", "reactie_op", "reactie_door"])
        levering = Levering(toewijzing=toewijzing, begindatum=begindatum, bron=bron)
        if gemeld_op is not None:
            levering.start_gemeld_op = gemeld_op
        levering.save()
    return levering


def meld_stop(
    *,
    door: Any,
    toewijzing: Toewijzing,
    einddatum: dt.date,
    reden: str,
    toelichting: str = "",
    gemeld_op: dt.datetime | None = None,
) -> Levering:
    """The provider reports a stop (307); reden 20 is a temporary stop. A stop needs a start (TR074).

    After a temporary stop without a resumption, a definitive stop makes that stop definitive (its
    date stays), as the iWmo intake does. ``toelichting`` is a free-text cause (hospital admission);
    ``gemeld_op`` when the stop was reported, for back-dated history (default: now)."""
    if reden not in WMO588RedenBeeindiging.values:
        raise ValidationError({"reden_beeindiging": f"Onbekende reden van beëindiging: {reden!r}."})
    controleer_eigen_aanbieder(door, toewijzing)
    _controleer_niet_verwijderd(toewijzing)
    with transaction.atomic(), acting_as(door):
        levering = (
            Levering.objects.select_for_update()
            .filter(toewijzing=toewijzing, verwijderd=False)
            .order_by("-begindatum", "-pk")
            .first()
        )
        actie, bezwaren = stop_beoordeling(toewijzing, levering, einddatum, reden)
        _bezwaren_naar_fout(bezwaren, "einddatum")
        assert levering is not None
        if actie == "stop" and einddatum < levering.begindatum:
            raise ValidationError({"einddatum": "De stopdatum ligt vóór de startdatum."})
        if actie == "stop":
            levering.einddatum = einddatum
        levering.reden_beeindiging = reden
        levering.stop_gemeld_op = gemeld_op or timezone.now()
        if toelichting.strip():
            levering.toelichting = toelichting.strip()[:200]
        levering.save()
    return levering


def kies_onderaannemer(
    *, door: Any, toewijzing: Toewijzing, onderaannemer: Any | None, datum: dt.date | None = None
) -> Toewijzing:
    """The provider records which subcontractor delivers for this client (or none): only a
    subcontractor under the provider's own contract for this gemeente and product, valid on ``datum``
    (default: today, within the toewijzing's period)."""
    controleer_eigen_aanbieder(door, toewijzing)
    if datum is None:
        datum = max(timezone.localdate(), toewijzing.ingangsdatum)
        if toewijzing.einddatum is not None:
            datum = min(datum, toewijzing.einddatum)
    if onderaannemer is not None:
        contracten = ContractProduct.objects.gecontracteerd(
            toewijzing.gemeente, toewijzing.product, datum
        ).filter(contract__aanbieder_id=toewijzing.aanbieder_id)
        if not contracten.filter(contract_id=onderaannemer.contract_id).exists():
            raise ValidationError(
                {
                    "onderaannemer": f"{onderaannemer} is geen onderaannemer onder het contract van "
                    f"{toewijzing.aanbieder} voor dit product in {toewijzing.gemeente.naam}."
                }
            )
        if not onderaannemer.is_geldig_op(datum):
            raise ValidationError(
                {
                    "onderaannemer": f"{onderaannemer} is op {datum_of_onbepaald(datum)} "
                    "geen geldige onderaannemer."
                }
            )
    with transaction.atomic(), acting_as(door):
        toewijzing = Toewijzing.objects.select_for_update().get(pk=toewijzing.pk)
        toewijzing.onderaannemer = onderaannemer
        toewijzing.save(update_fields=["onderaannemer"])
    return toewijzing


def eigen_clienten(user: Any) -> Any:
    """The clients of the provider's own toewijzingen (the same for_user rule as the client list)."""
    return (
        Client.objects.for_user(user)
        .filter(toewijzingen__aanbieder_id=user.aanbieder_id)
        .distinct()
        .order_by("achternaam", "voorletters", "pk")
    )

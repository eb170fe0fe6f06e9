"""The Awb and Wmo deadlines of a case: a longer term before it ends, the aanvraag after the onderzoek term,
and the register of every case with its deadlines and dwangsom.

- The decision on an aanvraag (two weeks, Wmo 2015 art. 2.3.5 lid 1) can be extended before it ends by
  a letter naming a new date as short as possible (a verdaging, Awb 4:14 lid 1). After the term a
  verdaging has no effect: the client may then send an ingebrekestelling (Awb 4:17).
- The onderzoek after a melding (six weeks, Wmo 2015 art. 2.3.2 lid 1) is no decision on an aanvraag:
  Awb 4:14 (verdaging) and 4:17 (dwangsom) do not apply to it. The Wmo has the onderzoek done "in overleg
  met de cliënt", so a longer term is only an agreement with the client, recorded with how the client
  agreed. When the six weeks pass without a verslag the client may file the aanvraag directly (Wmo 2015
  art. 2.3.2 lid 9); that aanvraag has its own decision term and, after it, the ingebrekestelling and
  dwangsom of the Awb.

Each function validates first and raises ``ValidationError`` with a Dutch message, then writes in one
transaction attributed to the user; the worklist item of the case follows the new date.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery

from resultaat.core import termijnen
from resultaat.core.audit.context import acting_as
from resultaat.core.opmaak import datum_of_onbepaald
from resultaat.organisaties.models import Gemeente
from resultaat.toegang.controles import (
    _handel_af,
    _niet_in_de_toekomst,
    _vandaag,
    _werklijst,
    _zet_op_werklijst,
    controleer_consulent,
)
from resultaat.toegang.models import (
    Aanvraag,
    AanvraagStatus,
    Melding,
    MeldingStatus,
    Termijnverlenging,
    VerlengingSoort,
)
from resultaat.werklijst.models import WerklijstSoort

OPEN_MELDING = (MeldingStatus.ONTVANGEN, MeldingStatus.IN_ONDERZOEK)


def _reden(reden: str, wat: str) -> str:
    if not (reden or "").strip():
        raise ValidationError({"reden": f"Schrijf op waarom {wat}."})
    return reden.strip()


def _kenmerk(gemeente: Gemeente, jaar: int) -> str:
    """The letter's kenmerk in the one scheme of the gemeente's letters ("Wmo 2026-V0001"): year and the
    next number of the year's verdagingen (the highest plus one, a number never comes back)."""
    Gemeente.objects.select_for_update().filter(pk=gemeente.pk).first()
    prefix = f"Wmo {jaar}-V"
    kenmerken = Termijnverlenging.objects.filter(
        aanvraag__gemeente=gemeente, kenmerk__startswith=prefix
    ).values_list("kenmerk", flat=True)
    hoogste = max((int(k[len(prefix) :]) for k in kenmerken if k[len(prefix) :].isdigit()), default=0)
    return f"{prefix}{hoogste + 1:04d}"


def verdaag_besluit(
    *, door: Any, aanvraag: Aanvraag, op: dt.date, nieuw_uiterlijk: dt.date, reden: str
) -> Termijnverlenging:
    """Extend the decision term (Awb 4:14 lid 1): on ``op``, before the term ends, the client is told by
    letter why the decision takes longer and by when it comes (``nieuw_uiterlijk``, at most
    ``termijnen.VERDAGING`` after the current term). The deadline on the aanvraag, the worklist and the
    register moves to the new date."""
    controleer_consulent(door, aanvraag.gemeente)
    reden = _reden(reden, "het besluit later komt")
    _niet_in_de_toekomst(op, "op", "de verdaging")
    if aanvraag.status != AanvraagStatus.INGEDIEND:
        raise ValidationError("Op deze aanvraag is al besloten.")
    if op < aanvraag.ontvangen_op:
        raise ValidationError({"op": "De verdaging ligt vóór de aanvraag."})
    huidig = aanvraag.besluit_uiterlijk
    if op > huidig:
        raise ValidationError(
            {
                "op": f"De beslistermijn liep tot en met {datum_of_onbepaald(huidig)}. Verdagen kan alleen "
                "vóór het einde van de termijn (Awb 4:14). Neem zo snel mogelijk een besluit; de cliënt "
                "kan de gemeente in gebreke stellen."
            }
        )
    if nieuw_uiterlijk <= huidig:
        raise ValidationError(
            {"nieuw_uiterlijk": f"Kies een datum na de huidige termijn ({datum_of_onbepaald(huidig)})."}
        )
    hoogstens = termijnen.VERDAGING.uiterlijk(huidig)
    if nieuw_uiterlijk > hoogstens:
        raise ValidationError(
            {
                "nieuw_uiterlijk": "Kies een zo kort mogelijke termijn (Awb 4:14): uiterlijk "
                f"{datum_of_onbepaald(hoogstens)}, {termijnen.VERDAGING} na de huidige termijn."
            }
        )
    with transaction.atomic(), acting_as(door):
        verlenging = Termijnverlenging.objects.create(
            client=aanvraag.client,
            aanvraag=aanvraag,
            soort=VerlengingSoort.VERDAGING,
            op=op,
            oud_uiterlijk=huidig,
            nieuw_uiterlijk=nieuw_uiterlijk,
            reden=reden,
            kenmerk=_kenmerk(aanvraag.gemeente, op.year),
            consulent=None if door.is_superuser else door,
        )
        aanvraag.verlengd_tot = nieuw_uiterlijk
        aanvraag.save(update_fields=["verlengd_tot"])
        _werklijst(aanvraag).update(
            uiterlijk=nieuw_uiterlijk,
            omschrijving=f"Besluit nemen (aanvraag van {datum_of_onbepaald(aanvraag.ontvangen_op)}, "
            f"verdaagd tot en met {datum_of_onbepaald(nieuw_uiterlijk)})",
        )
    return verlenging


def verleng_onderzoek(
    *, door: Any, melding: Melding, op: dt.date, nieuw_uiterlijk: dt.date, reden: str, afspraak: str
) -> Termijnverlenging:
    """A longer onderzoek term agreed with the client on ``op`` (Wmo 2015 art. 2.3.2 lid 1: the onderzoek
    is done in overleg met de cliënt; the Wmo has no verdaging by letter for it). Only before the six weeks
    end: after that the client may file the aanvraag directly."""
    controleer_consulent(door, melding.gemeente)
    reden = _reden(reden, "het onderzoek langer duurt")
    if not (afspraak or "").strip():
        raise ValidationError(
            {
                "afspraak": "Schrijf op hoe de cliënt met de langere termijn instemde "
                "(bijvoorbeeld telefonisch)."
            }
        )
    _niet_in_de_toekomst(op, "op", "de afspraak")
    if melding.status not in OPEN_MELDING:
        raise ValidationError("Het onderzoek van deze melding is afgerond.")
    if op < melding.ontvangen_op:
        raise ValidationError({"op": "De afspraak ligt vóór de melding."})
    huidig = melding.onderzoek_uiterlijk
    if op > huidig:
        raise ValidationError(
            {
                "op": f"De onderzoekstermijn liep tot en met {datum_of_onbepaald(huidig)}. Een langere "
                "termijn afspreken kan alleen daarvóór. De cliënt mag nu direct een aanvraag indienen "
                "(Wmo 2015 art. 2.3.2 lid 9)."
            }
        )
    if nieuw_uiterlijk <= huidig:
        raise ValidationError(
            {"nieuw_uiterlijk": f"Kies een datum na de huidige termijn ({datum_of_onbepaald(huidig)})."}
        )
    with transaction.atomic(), acting_as(door):
        verlenging = Termijnverlenging.objects.create(
            client=melding.client,
            melding=melding,
            soort=VerlengingSoort.AFSPRAAK,
            op=op,
            oud_uiterlijk=huidig,
            nieuw_uiterlijk=nieuw_uiterlijk,
            reden=reden,
            afspraak=afspraak.strip(),
            consulent=None if door.is_superuser else door,
        )
        melding.verlengd_tot = nieuw_uiterlijk
        melding.save(update_fields=["verlengd_tot"])
        _werklijst(melding).update(
            uiterlijk=nieuw_uiterlijk,
            omschrijving=f"Onderzoek afronden (melding van {datum_of_onbepaald(melding.ontvangen_op)}, "
            f"met de cliënt verlengd tot en met {datum_of_onbepaald(nieuw_uiterlijk)})",
        )
    return verlenging


def registreer_aanvraag_na_onderzoekstermijn(
    *, door: Any, melding: Melding, ontvangen_op: dt.date
) -> Aanvraag:
    """The client files the aanvraag without a verslag because the onderzoek was not done within its term
    (Wmo 2015 art. 2.3.2 lid 9; a written ingebrekestelling about the onderzoek counts as such an aanvraag:
    the Awb dwangsom runs only on an aanvraag). The decision is due within two weeks (art. 2.3.5) and goes
    on the worklist; the onderzoek's own worklist item is closed, its work now falls under the decision."""
    controleer_consulent(door, melding.gemeente)
    _niet_in_de_toekomst(ontvangen_op, "ontvangen_op", "de aanvraag")
    if melding.status not in OPEN_MELDING:
        raise ValidationError(
            "Het onderzoek van deze melding is afgerond: leg de aanvraag vast bij het verslag."
            if melding.status == MeldingStatus.AFGEROND
            else "Deze melding is ingetrokken."
        )
    if ontvangen_op <= melding.onderzoek_uiterlijk:
        raise ValidationError(
            {
                "ontvangen_op": "De onderzoekstermijn loopt tot en met "
                f"{datum_of_onbepaald(melding.onderzoek_uiterlijk)}. Pas daarna mag de cliënt zonder "
                "verslag een aanvraag indienen."
            }
        )
    if melding.aanvragen.filter(status=AanvraagStatus.INGEDIEND).exists():
        raise ValidationError("Voor deze melding loopt al een aanvraag.")
    onderzoek = getattr(melding, "onderzoek", None)
    with transaction.atomic(), acting_as(door):
        aanvraag = Aanvraag.objects.create(
            client=melding.client,
            gemeente=melding.gemeente,
            melding=melding,
            onderzoek=onderzoek,
            ontvangen_op=ontvangen_op,
            na_onderzoekstermijn=True,
        )
        _handel_af(melding)
        _zet_op_werklijst(
            aanvraag,
            WerklijstSoort.BESLUIT,
            f"Besluit nemen: aanvraag zonder verslag van {datum_of_onbepaald(ontvangen_op)}, het onderzoek "
            "was niet op tijd klaar",
            aanvraag.besluit_uiterlijk,
            door,
        )
    return aanvraag


# --- Register ------------------------------------------------------------------------------------------

REGISTER_FILTERS = {
    "": "alle zaken",
    "open": "open",
    "te-laat": "termijn overschreden",
    "dwangsom": "dwangsom loopt",
}


def register(meldingen: QuerySet[Melding], filter_: str = "", vandaag: dt.date | None = None) -> Any:
    """Every case (a melding and its latest aanvraag) with its deadlines, for the register page and its
    export. ``filter_``: "open" (onderzoek or decision still to do), "te-laat" (the open term has passed),
    "dwangsom" (an ingebrekestelling whose dwangsom accrues today, Awb 4:17)."""
    vandaag = vandaag or _vandaag()
    laatste = Aanvraag.objects.filter(melding=OuterRef("pk")).order_by("-ontvangen_op", "-pk")
    qs = meldingen.annotate(
        aanvraag_id=Subquery(laatste.values("pk")[:1]),
        aanvraag_op=Subquery(laatste.values("ontvangen_op")[:1]),
        aanvraag_status=Subquery(laatste.values("status")[:1]),
        aanvraag_uiterlijk=Subquery(laatste.values("uiterlijk")[:1]),
        aanvraag_verlengd=Subquery(laatste.values("verlengd_tot")[:1]),
        ingebrekestelling_op=Subquery(laatste.values("ingebrekestelling_op")[:1]),
        besloten_op=Subquery(laatste.values("besloten_op")[:1]),
    ).select_related("client")
    open_aanvraag = Exists(Aanvraag.objects.filter(melding=OuterRef("pk"), status=AanvraagStatus.INGEDIEND))
    zonder_aanvraag = ~Exists(Aanvraag.objects.filter(melding=OuterRef("pk")))
    melding_open = Q(status__in=OPEN_MELDING) & zonder_aanvraag
    if filter_ == "open":
        qs = qs.filter(melding_open | open_aanvraag)
    elif filter_ == "te-laat":
        aanvraag_te_laat = Exists(
            Aanvraag.objects.filter(
                melding=OuterRef("pk"), status=AanvraagStatus.INGEDIEND, uiterlijk__lt=vandaag
            )
        )
        qs = qs.filter((melding_open & Q(uiterlijk__lt=vandaag)) | aanvraag_te_laat)
    elif filter_ == "dwangsom":
        # The dwangsom accrues from two weeks after the ingebrekestelling, for at most 42 days.
        eerste = termijnen.INGEBREKESTELLING.duur or dt.timedelta(weeks=2)
        qs = qs.filter(
            Exists(
                Aanvraag.objects.filter(
                    melding=OuterRef("pk"),
                    status=AanvraagStatus.INGEDIEND,
                    ingebrekestelling_op__lte=vandaag - eerste,
                    ingebrekestelling_op__gt=vandaag
                    - eerste
                    - dt.timedelta(days=termijnen.DWANGSOM_MAX_DAGEN),
                )
            )
        )
    return qs.order_by("uiterlijk", "pk")


def registerregel(melding: Any, vandaag: dt.date) -> dict[str, Any]:
    """One row of the register, from a melding annotated by :func:`register`."""
    aanvraag_open = melding.aanvraag_status == AanvraagStatus.INGEDIEND
    if melding.ingebrekestelling_op:
        tot = (melding.besloten_op - dt.timedelta(days=1)) if melding.besloten_op else vandaag
        dagen, cent = termijnen.dwangsom_cent(melding.ingebrekestelling_op, min(tot, vandaag))
    else:
        dagen, cent = 0, 0
    if melding.aanvraag_id is None:
        open_ = melding.status in OPEN_MELDING
        status = melding.get_status_display()
        te_laat = open_ and melding.uiterlijk is not None and melding.uiterlijk < vandaag
    else:
        open_ = aanvraag_open
        status = f"aanvraag {AanvraagStatus(melding.aanvraag_status).label}"
        te_laat = (
            aanvraag_open and melding.aanvraag_uiterlijk is not None and melding.aanvraag_uiterlijk < vandaag
        )
    return {
        "melding": melding,
        "client": melding.client,
        "melding_op": melding.ontvangen_op,
        "onderzoek_uiterlijk": melding.uiterlijk,
        "onderzoek_verlengd": melding.verlengd_tot is not None,
        "aanvraag_id": melding.aanvraag_id,
        "aanvraag_op": melding.aanvraag_op,
        "besluit_uiterlijk": melding.aanvraag_uiterlijk,
        "besluit_verdaagd": melding.aanvraag_verlengd is not None,
        "ingebrekestelling_op": melding.ingebrekestelling_op,
        "dwangsom_dagen": dagen,
        "dwangsom_cent": cent,
        "open": open_,
        "te_laat": te_laat,
        "status": status,
    }

"""Figures per provider and period, for the pages of this component and for the dashboards.

Every function here reads; none writes. The caller decides what a user may see and passes it as
``gemeente_ids`` and ``aanbieder_ids`` (``None``: no restriction); a provider's user must be given its
own ``aanbieder_ids=[user.aanbieder_id]``. A period is half-open: ``van <= datum < tot``.

- :func:`enquete_cijfers`: the satisfaction survey per provider (and month), by the survey's date
  (``verzonden_op``: the day it was sent or taken), so that the response rate is that of one cohort.
- :func:`klacht_cijfers`: complaints per provider (and month), by the day they were received.
- :func:`wachttijden`: the waiting list per provider and product: who waits now and how long, and how
  long those who started in the period waited (toewijzing date to first day of delivery), beside the
  capacity the provider reported last.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Avg, Count, Exists, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import timezone

from resultaat.core.codes import WMO002RedenWijziging
from resultaat.kwaliteit.models import (
    Afname,
    Antwoord,
    Capaciteitsmelding,
    Enquete,
    Klacht,
    KlachtStatus,
    KlachtUitkomst,
)
from resultaat.toewijzingen.models import Levering, ReactieAanbieder, Toewijzing, ToewijzingVersie

VRAGEN = ("resultaat", "respect", "betrouwbaar", "aanraden")


def _aandeel(deel: int, geheel: int) -> float | None:
    return deel / geheel if geheel else None


def _filter(qs: Any, gemeente_ids: Collection[int] | None, aanbieder_ids: Collection[int] | None) -> Any:
    if gemeente_ids is not None:
        qs = qs.filter(gemeente_id__in=list(gemeente_ids))
    if aanbieder_ids is not None:
        qs = qs.filter(aanbieder_id__in=list(aanbieder_ids))
    return qs


def _maand(datum: dt.date | dt.datetime | None) -> dt.date | None:
    if datum is None:
        return None
    if isinstance(datum, dt.datetime):
        datum = datum.date()
    return datum.replace(day=1)


# --- Tevredenheid -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class EnqueteCijfers:
    """The surveys of one provider in the period (or in one month of it, ``maand``)."""

    aanbieder_id: int
    maand: dt.date | None
    verstuurd: int  # surveys of the period: sent by letter or e-mail, or taken straight away
    beantwoord: int
    via_link: int
    via_telefoon: int
    via_huisbezoek: int
    cijfer_gemiddeld: float | None
    # Per question (resultaat, respect, betrouwbaar, aanraden): answers ja / deels / nee.
    antwoorden: dict[str, dict[str, int]] = field(default_factory=dict)

    @property
    def respons(self) -> float | None:
        """Share of the period's surveys that were answered (0..1)."""
        return _aandeel(self.beantwoord, self.verstuurd)

    def aandeel_ja(self, vraag: str) -> float | None:
        """Share of "ja" among the answers to one question (0..1)."""
        telling = self.antwoorden.get(vraag, {})
        return _aandeel(telling.get(Antwoord.JA, 0), sum(telling.values()))

    @property
    def resultaat_bereikt(self) -> float | None:
        return self.aandeel_ja("resultaat")


def enquete_cijfers(
    van: dt.date,
    tot: dt.date,
    *,
    gemeente_ids: Collection[int] | None = None,
    aanbieder_ids: Collection[int] | None = None,
    per_maand: bool = False,
) -> list[EnqueteCijfers]:
    """Survey figures per provider (and per month with ``per_maand``), ordered by provider and month."""
    qs = _filter(
        Enquete.objects.filter(verzonden_op__gte=van, verzonden_op__lt=tot), gemeente_ids, aanbieder_ids
    )
    sleutels = ["aanbieder_id", "maand"] if per_maand else ["aanbieder_id"]
    if per_maand:
        qs = qs.annotate(maand=TruncMonth("verzonden_op"))
    tellingen: dict[str, Any] = {
        "verstuurd": Count("pk"),
        "beantwoord": Count("pk", filter=Q(beantwoord_op__isnull=False)),
        "via_link": Count("pk", filter=Q(beantwoord_op__isnull=False, afname=Afname.LINK)),
        "via_telefoon": Count("pk", filter=Q(beantwoord_op__isnull=False, afname=Afname.TELEFOON)),
        "via_huisbezoek": Count("pk", filter=Q(beantwoord_op__isnull=False, afname=Afname.HUISBEZOEK)),
        "cijfer_gemiddeld": Avg("cijfer"),
    }
    for vraag in VRAGEN:
        for antwoord in Antwoord.values:
            tellingen[f"{vraag}__{antwoord}"] = Count("pk", filter=Q(**{vraag: antwoord}))
    rijen = qs.order_by().values(*sleutels).annotate(**tellingen).order_by(*sleutels)
    uit = []
    for rij in rijen:
        uit.append(
            EnqueteCijfers(
                aanbieder_id=rij["aanbieder_id"],
                maand=_maand(rij.get("maand")),
                verstuurd=rij["verstuurd"],
                beantwoord=rij["beantwoord"],
                via_link=rij["via_link"],
                via_telefoon=rij["via_telefoon"],
                via_huisbezoek=rij["via_huisbezoek"],
                cijfer_gemiddeld=float(rij["cijfer_gemiddeld"])
                if rij["cijfer_gemiddeld"] is not None
                else None,
                antwoorden={v: {a: rij[f"{v}__{a}"] for a in Antwoord.values} for v in VRAGEN},
            )
        )
    return uit


# --- Klachten ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class KlachtCijfers:
    """The complaints about one provider received in the period (or in one month of it)."""

    aanbieder_id: int
    maand: dt.date | None
    ontvangen: int
    afgehandeld: int
    open: int
    te_laat: int  # open past the deadline today, or closed after it
    gegrond: int  # gegrond or deels gegrond
    ongegrond: int
    doorlooptijd_gemiddeld_dagen: float | None  # received to closed, of those closed
    per_categorie: dict[str, int] = field(default_factory=dict)


def klacht_cijfers(
    van: dt.date,
    tot: dt.date,
    *,
    gemeente_ids: Collection[int] | None = None,
    aanbieder_ids: Collection[int] | None = None,
    per_maand: bool = False,
    vandaag: dt.date | None = None,
) -> list[KlachtCijfers]:
    """Complaint figures per provider (and per month with ``per_maand``), ordered by provider and month."""
    vandaag = vandaag or timezone.localdate()
    qs = _filter(
        Klacht.objects.filter(ontvangen_op__gte=van, ontvangen_op__lt=tot), gemeente_ids, aanbieder_ids
    )
    sleutels = ["aanbieder_id", "maand"] if per_maand else ["aanbieder_id"]
    if per_maand:
        qs = qs.annotate(maand=TruncMonth("ontvangen_op"))
    afgehandeld = Q(status=KlachtStatus.AFGEHANDELD)
    rijen = list(
        qs.order_by()
        .values(*sleutels)
        .annotate(
            ontvangen=Count("pk"),
            afgehandeld=Count("pk", filter=afgehandeld),
            te_laat=Count(
                "pk",
                filter=(~afgehandeld & Q(uiterlijk__lt=vandaag))
                | (afgehandeld & Q(afgehandeld_op__gt=F("uiterlijk"))),
            ),
            gegrond=Count("pk", filter=Q(uitkomst__in=[KlachtUitkomst.GEGROND, KlachtUitkomst.DEELS])),
            ongegrond=Count("pk", filter=Q(uitkomst=KlachtUitkomst.ONGEGROND)),
        )
        .order_by(*sleutels)
    )
    # Days from received to closed, and the categories: summed in Python (portable across databases).
    dagen: dict[tuple[Any, ...], list[int]] = defaultdict(list)
    categorieen: dict[tuple[Any, ...], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    velden = ["aanbieder_id", "ontvangen_op", "afgehandeld_op", "categorie"]
    for aanbieder_id, ontvangen_op, afgehandeld_op, categorie in qs.order_by().values_list(*velden):
        sleutel = (aanbieder_id, _maand(ontvangen_op)) if per_maand else (aanbieder_id,)
        categorieen[sleutel][categorie] += 1
        if afgehandeld_op is not None:
            dagen[sleutel].append((afgehandeld_op - ontvangen_op).days)
    uit = []
    for rij in rijen:
        maand = _maand(rij.get("maand"))
        sleutel = (rij["aanbieder_id"], maand) if per_maand else (rij["aanbieder_id"],)
        duur = dagen.get(sleutel)
        uit.append(
            KlachtCijfers(
                aanbieder_id=rij["aanbieder_id"],
                maand=maand,
                ontvangen=rij["ontvangen"],
                afgehandeld=rij["afgehandeld"],
                open=rij["ontvangen"] - rij["afgehandeld"],
                te_laat=rij["te_laat"],
                gegrond=rij["gegrond"],
                ongegrond=rij["ongegrond"],
                doorlooptijd_gemiddeld_dagen=statistics.fmean(duur) if duur else None,
                per_categorie=dict(categorieen[sleutel]),
            )
        )
    return uit


# --- Wachtlijst -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Wachttijd:
    """Waiting for one product of one provider: now (``peildatum``) and of those who started in the period."""

    aanbieder_id: int
    product_id: int
    wachtend: int  # toewijzingen without a start on the peildatum (not returned, not ended)
    wacht_mediaan_dagen: float | None  # how long those waiting have waited so far
    wacht_langste_dagen: int | None
    gestart: int  # toewijzingen whose first delivery began in the period
    start_mediaan_dagen: float | None  # toewijzing date to first day of delivery
    start_langste_dagen: int | None
    # The provider's last report on or before the peildatum (None when it reported nothing).
    plaatsen: int | None = None
    vrije_plaatsen: int | None = None
    gemelde_wachtenden: int | None = None
    gemeld_op: dt.date | None = None


def _eerste_toewijzingsdatum() -> Coalesce:
    """The date of a toewijzing's first version (the row itself carries its latest; a row without
    versions, as an import may leave it, counts from its own date)."""
    eerste = Subquery(
        ToewijzingVersie.objects.filter(toewijzing=OuterRef("pk"))
        .order_by("toewijzingsdatum", "toewijzingstijd")
        .values("toewijzingsdatum")[:1]
    )
    return Coalesce(eerste, F("toewijzingsdatum"))


def _eerste_levering() -> Subquery:
    return Subquery(
        Levering.objects.filter(toewijzing=OuterRef("pk"), verwijderd=False)
        .order_by("begindatum")
        .values("begindatum")[:1]
    )


def _mediaan(waarden: list[int]) -> float | None:
    return float(statistics.median(waarden)) if waarden else None


def wachttijden(
    van: dt.date,
    tot: dt.date,
    *,
    peildatum: dt.date | None = None,
    gemeente_ids: Collection[int] | None = None,
    aanbieder_ids: Collection[int] | None = None,
) -> list[Wachttijd]:
    """The waiting list per provider and product, ordered by provider and product."""
    peildatum = peildatum or timezone.localdate()
    basis = (
        _filter(Toewijzing.objects.all(), gemeente_ids, aanbieder_ids)
        .exclude(reactie=ReactieAanbieder.GERETOURNEERD)
        .exclude(reden_wijziging=WMO002RedenWijziging.VERWIJDERD)
    )
    wachtend: dict[tuple[int, int], list[int]] = defaultdict(list)
    # Waiting now: made on or before the peildatum, no delivery yet, not ended before it.
    nu = (
        basis.filter(toewijzingsdatum__lte=peildatum)
        .filter(Q(einddatum__isnull=True) | Q(einddatum__gte=peildatum))
        .exclude(leveringen__verwijderd=False)
        .annotate(sinds=_eerste_toewijzingsdatum())
        .order_by()
        .values_list("aanbieder_id", "product_id", "sinds")
    )
    for aanbieder_id, product_id, sinds in nu:
        if sinds is not None and sinds <= peildatum:
            wachtend[(aanbieder_id, product_id)].append((peildatum - sinds).days)
    gestart: dict[tuple[int, int], list[int]] = defaultdict(list)
    # Started in the period: the first delivery began in it, that is a delivery began in it and none
    # before it. Two semi-joins on the deliveries keep the per-row subqueries to the rows that started.
    geleverd = Levering.objects.filter(toewijzing=OuterRef("pk"), verwijderd=False)
    begonnen = (
        basis.filter(Exists(geleverd.filter(begindatum__gte=van, begindatum__lt=tot)))
        .exclude(Exists(geleverd.filter(begindatum__lt=van)))
        .annotate(start=_eerste_levering())
        .annotate(sinds=_eerste_toewijzingsdatum())
        .order_by()
        .values_list("aanbieder_id", "product_id", "sinds", "start")
    )
    for aanbieder_id, product_id, sinds, start in begonnen:
        if sinds is not None:
            gestart[(aanbieder_id, product_id)].append(max((start - sinds).days, 0))
    meldingen = _laatste_meldingen(peildatum, gemeente_ids, aanbieder_ids)
    uit = []
    for sleutel in sorted(set(wachtend) | set(gestart) | set(meldingen)):
        nu_dagen, start_dagen = wachtend.get(sleutel, []), gestart.get(sleutel, [])
        melding = meldingen.get(sleutel)
        uit.append(
            Wachttijd(
                aanbieder_id=sleutel[0],
                product_id=sleutel[1],
                wachtend=len(nu_dagen),
                wacht_mediaan_dagen=_mediaan(nu_dagen),
                wacht_langste_dagen=max(nu_dagen) if nu_dagen else None,
                gestart=len(start_dagen),
                start_mediaan_dagen=_mediaan(start_dagen),
                start_langste_dagen=max(start_dagen) if start_dagen else None,
                plaatsen=melding["plaatsen"] if melding else None,
                vrije_plaatsen=melding["vrije_plaatsen"] if melding else None,
                gemelde_wachtenden=melding["wachtenden"] if melding else None,
                gemeld_op=melding["peildatum"] if melding else None,
            )
        )
    return uit


def _laatste_meldingen(
    peildatum: dt.date, gemeente_ids: Collection[int] | None, aanbieder_ids: Collection[int] | None
) -> dict[tuple[int, int], dict[str, Any]]:
    """Per provider and product the latest capacity report on or before the peildatum, summed over the
    gemeenten asked for (each gemeente's own latest report)."""
    qs = _filter(Capaciteitsmelding.objects.filter(peildatum__lte=peildatum), gemeente_ids, aanbieder_ids)
    laatste: dict[tuple[int, int, int], dict[str, Any]] = {}
    velden = (
        "gemeente_id",
        "aanbieder_id",
        "product_id",
        "peildatum",
        "plaatsen",
        "vrije_plaatsen",
        "wachtenden",
    )
    for rij in qs.order_by("peildatum").values(*velden):
        laatste[(rij["gemeente_id"], rij["aanbieder_id"], rij["product_id"])] = rij
    uit: dict[tuple[int, int], dict[str, Any]] = {}
    for (_, aanbieder_id, product_id), rij in laatste.items():
        som = uit.setdefault(
            (aanbieder_id, product_id),
            {"plaatsen": 0, "vrije_plaatsen": 0, "wachtenden": 0, "peildatum": rij["peildatum"]},
        )
        for veld in ("plaatsen", "vrije_plaatsen", "wachtenden"):
            som[veld] += rij[veld]
        som["peildatum"] = max(som["peildatum"], rij["peildatum"])
    return uit


def totaal(rijen: Iterable[EnqueteCijfers]) -> EnqueteCijfers | None:
    """The sum of several providers' (or months') survey figures, as one row (``aanbieder_id`` 0)."""
    rijen = list(rijen)
    if not rijen:
        return None
    beantwoord_met_cijfer = [
        (r.cijfer_gemiddeld, r.beantwoord) for r in rijen if r.cijfer_gemiddeld is not None
    ]
    gewicht = sum(n for _, n in beantwoord_met_cijfer)
    return EnqueteCijfers(
        aanbieder_id=0,
        maand=None,
        verstuurd=sum(r.verstuurd for r in rijen),
        beantwoord=sum(r.beantwoord for r in rijen),
        via_link=sum(r.via_link for r in rijen),
        via_telefoon=sum(r.via_telefoon for r in rijen),
        via_huisbezoek=sum(r.via_huisbezoek for r in rijen),
        cijfer_gemiddeld=(sum(c * n for c, n in beantwoord_met_cijfer) / gewicht) if gewicht else None,
        antwoorden={
            v: {a: sum(r.antwoorden.get(v, {}).get(a, 0) for r in rijen) for a in Antwoord.values}
            for v in VRAGEN
        },
    )

"""The rules of the abonnementstarief as functions over data (domain/NOTES.md 1.2 and 1.3).

Which voorziening carries an eigen bijdrage, the periods per person (start at the first, stop at
the last or at death), the household and its partner, and the amount of a month. Nothing here
writes; ``services`` uses these rules for the client page, the letters and the WMO405.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Final

from resultaat.core.batch import onthouden
from resultaat.core.codes import WMO020ProductCategorie as Cat
from resultaat.eigen_bijdrage.models import (
    Abonnementstarief,
    EigenBijdrageInstelling,
    GeenBijdrage,
    GemeenteTarief,
    Huisgenoot,
    Rol,
    TariefPeriode,
    Trigger,
)
from resultaat.toewijzingen.models import Levering, ReactieAanbieder, Toewijzing

# Beschermd wonen and opvang fall outside the abonnementstarief (CAK: income-dependent bijdrage).
BUITEN_TARIEF: Final = frozenset({Cat.BESCHERMD_WONEN, Cat.OPVANG, Cat.SPOEDOPVANG, Cat.OVERIGE_BW_OPVANG})
# Hulpmiddelen and woningaanpassingen: the total eigen bijdrage never exceeds the kostprijs.
MET_KOSTPRIJS: Final = frozenset(
    {Cat.ROLSTOELEN, Cat.VERVOERVOORZIENINGEN, Cat.WOONVOORZIENINGEN, Cat.OVERIGE_HULPMIDDELEN}
)
# For minors only a woningaanpassing may carry an eigen bijdrage (rijksoverheid.nl).
OOK_VOOR_MINDERJARIGEN: Final = frozenset({Cat.WOONVOORZIENINGEN})

# AOW-leeftijd per calendar year in months (SVB, Rijksoverheid "AOW-leeftijd"): 66 years and 4
# months in 2019-2021, 66+7 in 2022, 66+10 in 2023, 67 from 2024 to 2027, 67 and 3 months in 2028.
AOW_LEEFTIJD_MAANDEN: Final[dict[int, int]] = {
    2019: 66 * 12 + 4,
    2020: 66 * 12 + 4,
    2021: 66 * 12 + 4,
    2022: 66 * 12 + 7,
    2023: 66 * 12 + 10,
    2024: 67 * 12,
    2025: 67 * 12,
    2026: 67 * 12,
    2027: 67 * 12,
    2028: 67 * 12 + 3,
}


def leeftijd(geboortedatum: dt.date, op: dt.date) -> int:
    return op.year - geboortedatum.year - ((op.month, op.day) < (geboortedatum.month, geboortedatum.day))


def heeft_aow_leeftijd(geboortedatum: dt.date, op: dt.date) -> bool:
    jaren = min(max(op.year, min(AOW_LEEFTIJD_MAANDEN)), max(AOW_LEEFTIJD_MAANDEN))
    maanden = (op.year - geboortedatum.year) * 12 + op.month - geboortedatum.month
    if op.day < geboortedatum.day:
        maanden -= 1
    return maanden >= AOW_LEEFTIJD_MAANDEN[jaren]


def maand(d: dt.date) -> dt.date:
    return d.replace(day=1)


def volgende_maand(d: dt.date) -> dt.date:
    return dt.date(d.year + d.month // 12, d.month % 12 + 1, 1)


def instelling_van(gemeente: Any) -> EigenBijdrageInstelling:
    def lees() -> EigenBijdrageInstelling:
        instelling = EigenBijdrageInstelling.objects.filter(gemeente=gemeente).first()
        return instelling or EigenBijdrageInstelling(gemeente=gemeente)

    return onthouden(("instelling", getattr(gemeente, "pk", None)), lees)


def vrijgestelde_product_ids(instelling: EigenBijdrageInstelling) -> set[int]:
    if not instelling.pk:
        return set()
    return set(
        onthouden(
            ("vrijgesteld", instelling.pk),
            lambda: frozenset(instelling.vrijgestelde_producten.values_list("pk", flat=True)),
        )
    )


def product_vrijstelling(product: Any, instelling: EigenBijdrageInstelling, vrijgesteld: set[int]) -> str:
    """Why a product carries no abonnementstarief at all, or ''."""
    if product.categorie in BUITEN_TARIEF:
        return GeenBijdrage.BESCHERMD_WONEN
    if product.categorie in (instelling.vrijgestelde_categorieen or []) or product.pk in vrijgesteld:
        return GeenBijdrage.PRODUCT
    return ""


@dataclass(frozen=True)
class Voorziening:
    product: Any
    begindatum: dt.date
    einddatum: dt.date | None  # last day, inclusive
    kostprijs_cent: int | None


@dataclass(frozen=True)
class Periode:
    """One uninterrupted stretch of eigen bijdrage of one person: from the start of the first
    voorziening to the end of the last (inclusive), with the kostprijs cap when every voorziening in
    it is a hulpmiddel or woningaanpassing."""

    begindatum: dt.date
    einddatum: dt.date | None
    kostprijs_cent: int | None

    def betaalmaanden_tot(self, tot: dt.date) -> list[dt.date]:
        """The months charged before the month of ``tot``: from the month after the start, and the
        month of the end in full."""
        maanden = []
        m = volgende_maand(self.begindatum)
        laatste = maand(self.einddatum) if self.einddatum else None
        while m < maand(tot) and (laatste is None or m <= laatste):
            maanden.append(m)
            m = volgende_maand(m)
        return maanden

    def loopt_in(self, d: dt.date) -> bool:
        """Is the month of ``d`` charged in this period?"""
        return volgende_maand(self.begindatum) <= maand(d) and (
            self.einddatum is None or maand(d) <= maand(self.einddatum)
        )


def voorzieningen(client: Any, trigger: str) -> list[Voorziening]:
    """The client's voorzieningen by the gemeente's trigger: the toewijzing (301) dates, or the
    provider's start and stop (305/307)."""
    return list(
        onthouden(
            ("voorzieningen", client.pk, trigger),
            lambda: tuple(voorzieningen_per_client(trigger, client=client).get(client.pk, [])),
        )
    )


def voorzieningen_per_client(trigger: str, **filter: Any) -> dict[int, list[Voorziening]]:
    """The voorzieningen of many clients in one query (``filter`` on the toewijzing, e.g.
    ``gemeente=...``), by client id, in order of start."""
    toewijzingen = Toewijzing.objects.filter(**filter).exclude(reactie=ReactieAanbieder.GERETOURNEERD)

    def kostprijs(t: Any) -> int | None:
        return t.budget_cent if t.product.categorie in MET_KOSTPRIJS else None

    uit: dict[int, list[Voorziening]] = {}
    if trigger == Trigger.LEVERING:
        leveringen = Levering.objects.filter(toewijzing__in=toewijzingen, verwijderd=False)
        for lev in leveringen.select_related("toewijzing__product").order_by("begindatum", "pk"):
            t = lev.toewijzing
            uit.setdefault(t.client_id, []).append(
                Voorziening(t.product, lev.begindatum, lev.einddatum, kostprijs(t))
            )
        return uit
    for t in toewijzingen.select_related("product").order_by("ingangsdatum", "pk"):
        uit.setdefault(t.client_id, []).append(
            Voorziening(t.product, t.ingangsdatum, t.einddatum, kostprijs(t))
        )
    return uit


def met_bijdrage(
    client: Any,
    lijst: Iterable[Voorziening],
    instelling: EigenBijdrageInstelling,
    vrijgesteld: set[int] | None = None,
) -> list[Voorziening]:
    """Only the voorzieningen that carry an eigen bijdrage, from the client's 18th birthday unless it
    is a woningaanpassing, and never past the day of death."""
    if vrijgesteld is None:
        vrijgesteld = vrijgestelde_product_ids(instelling)
    achttien = _verjaardag(client.geboortedatum, 18)
    uit = []
    for v in lijst:
        if product_vrijstelling(v.product, instelling, vrijgesteld):
            continue
        begin, eind = v.begindatum, v.einddatum
        if v.product.categorie not in OOK_VOOR_MINDERJARIGEN and begin < achttien:
            begin = achttien
        if client.overlijdensdatum and (eind is None or eind > client.overlijdensdatum):
            eind = client.overlijdensdatum
        if eind is not None and eind < begin:
            continue
        uit.append(Voorziening(v.product, begin, eind, v.kostprijs_cent))
    return uit


def bijdrageperioden(
    client: Any,
    instelling: EigenBijdrageInstelling | None = None,
    *,
    alle: list[Voorziening] | None = None,
    vrijgesteld: set[int] | None = None,
) -> list[Periode]:
    """Per person: start when the first voorziening with eigen bijdrage starts, stop when the last one
    ends (or at death); a gap of more than a day gives a new period. ``alle`` and ``vrijgesteld`` may
    be given when they were read for many clients at once."""
    instelling = instelling or instelling_van(client.gemeente)
    if alle is None:
        alle = voorzieningen(client, instelling.trigger)
    lijst = sorted(met_bijdrage(client, alle, instelling, vrijgesteld), key=lambda v: v.begindatum)
    perioden: list[Periode] = []
    groep: list[Voorziening] = []
    eind: dt.date | None = None
    for v in lijst:
        if groep and (eind is None or v.begindatum <= eind + dt.timedelta(days=1)):
            groep.append(v)
            eind = None if eind is None or v.einddatum is None else max(eind, v.einddatum)
            continue
        if groep:
            perioden.append(_periode(groep, eind))
        groep, eind = [v], v.einddatum
    if groep:
        perioden.append(_periode(groep, eind))
    return perioden


def _periode(groep: list[Voorziening], eind: dt.date | None) -> Periode:
    kostprijzen = [v.kostprijs_cent for v in groep]
    kostprijs = sum(k for k in kostprijzen if k) if all(kostprijzen) else None
    return Periode(groep[0].begindatum, eind, kostprijs)


def _verjaardag(geboortedatum: dt.date, jaren: int) -> dt.date:
    try:
        return geboortedatum.replace(year=geboortedatum.year + jaren)
    except ValueError:  # 29 February
        return dt.date(geboortedatum.year + jaren, 3, 1)


def partner_op(client: Any, op: dt.date) -> tuple[dt.date, Any] | None:
    """The partner living with the client on ``op``: (birth date, the partner's client record or None).
    A partner registered on either client's side counts."""
    eigen, andere = onthouden(
        ("partners", client.pk),
        lambda: (
            tuple(Huisgenoot.objects.filter(client=client, rol=Rol.PARTNER).select_related("als_client")),
            tuple(Huisgenoot.objects.filter(als_client=client, rol=Rol.PARTNER).select_related("client")),
        ),
    )
    for h in eigen:
        if h.woont_er(op):
            return h.geboortedatum, h.als_client
    for h in andere:
        if h.woont_er(op):
            return h.client.geboortedatum, h.client
    return None


@dataclass(frozen=True)
class Maandtarief:
    bedrag_cent: int
    periode: str
    jaar: int
    eigen_tarief: bool  # the gemeente's own lower rate

    @property
    def per(self) -> str:
        return "per periode van 4 weken" if self.periode == TariefPeriode.VIER_WEKEN else "per maand"


def tarief(gemeente: Any, jaar: int) -> Maandtarief | None:
    """The abonnementstarief of the year, or the gemeente's own lower rate for it."""
    return onthouden(("tarief", getattr(gemeente, "pk", None), jaar), lambda: _tarief(gemeente, jaar))


def _tarief(gemeente: Any, jaar: int) -> Maandtarief | None:
    landelijk = Abonnementstarief.objects.filter(jaar=jaar).first()
    if landelijk is None:
        return None
    eigen = GemeenteTarief.objects.filter(gemeente=gemeente, jaar=jaar).first()
    if eigen is not None and eigen.bedrag_cent < landelijk.bedrag_cent:
        return Maandtarief(eigen.bedrag_cent, landelijk.periode, jaar, True)
    return Maandtarief(landelijk.bedrag_cent, landelijk.periode, jaar, False)


def betaald_voor(gemeente: Any, periode: Periode, tot: dt.date) -> int:
    """What the periode has cost before the month of ``tot`` (for the kostprijs cap)."""
    totaal = 0
    for m in periode.betaalmaanden_tot(tot):
        t = tarief(gemeente, m.year)
        totaal += t.bedrag_cent if t else 0
    return totaal

"""The dashboards' figures, read from the aggregates in a fixed number of grouped queries, whatever the
number of providers, products or periods. Each table reads the coarsest level that holds its figures:
per period of the region from ``GemeenteKengetal`` (one row per gemeente and period), per provider from
``AanbiederKengetal`` (one row per provider, gemeente and period), and only the table per product from
the detailed ``Kengetal`` rows of one provider.

Shares and averages are computed from the sums of the selection (reached / evaluations, spend / paid
clients), so a provider and the region are measured the same way. The region's average is the figure of
all providers in the selection together.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Count, Exists, Max, OuterRef, QuerySet, Sum

from resultaat.bekostiging.models import Periode
from resultaat.contracten.models import Contract
from resultaat.organisaties.models import Aanbieder, Gemeente
from resultaat.sturing.berekenen import VELDEN
from resultaat.sturing.models import AanbiederKengetal, GemeenteKengetal, Kengetal
from resultaat.sturing.tabellen import AANTAL, DECIMAAL, EURO, PROCENT, TEKST, Kolom, Tabel

# Every figure adds up over providers, products and periods, except the longest wait (a maximum).
SOMMEN = tuple(veld for veld in VELDEN if veld != "wachttijd_dagen")
# A provider sees the region's average only when at least this many providers make it up: with fewer,
# it could work out another provider's figures.
MINSTENS_AANBIEDERS_VOOR_GEMIDDELDE = 3
STANDAARD_PERIODEN = 13


def sommen() -> dict[str, Any]:
    velden: dict[str, Any] = {naam: Sum(naam) for naam in SOMMEN}
    velden["wachttijd"] = Max("wachttijd_dagen")
    velden["perioden"] = Count("periode_code", distinct=True)
    return velden


def rond(waarde: Decimal, decimalen: str = "0.1") -> Decimal:
    return waarde.quantize(Decimal(decimalen), rounding=ROUND_HALF_UP)


def deel(teller: int | None, noemer: int | None, factor: int = 1, decimalen: str = "0.1") -> Decimal | None:
    if not noemer:
        return None
    return rond(Decimal(teller or 0) * factor / Decimal(noemer), decimalen)


@dataclass(frozen=True)
class Cijfers:
    """The figures of one group (a period, a provider, a product or the whole selection)."""

    actief_gemiddeld: Decimal | None
    nieuw: int
    beeindigd: int
    uitgaven: Decimal
    kosten_per_client: Decimal | None
    behaald_procent: Decimal | None
    evaluaties: int
    overstap_in: int
    overstap_uit: int
    dagen_tot_start: Decimal | None
    signalen: int
    klachten: int
    tevredenheid: Decimal | None
    wachtenden: Decimal | None
    wachtweken: Decimal | None


def cijfers(rij: dict[str, Any]) -> Cijfers:
    return Cijfers(
        actief_gemiddeld=deel(rij["actief"], rij["perioden"]),
        nieuw=rij["nieuw"] or 0,
        beeindigd=rij["beeindigd"] or 0,
        uitgaven=rond(Decimal(rij["uitgaven_cent"] or 0) / 100, "0.01"),
        kosten_per_client=deel(rij["uitgaven_cent"], (rij["betaalde_clienten"] or 0) * 100, 1, "0.01"),
        behaald_procent=deel(rij["behaald"], rij["evaluaties"], 100),
        evaluaties=rij["evaluaties"] or 0,
        overstap_in=rij["overstap_in"] or 0,
        overstap_uit=rij["overstap_uit"] or 0,
        dagen_tot_start=deel(rij["startdagen"], rij["starts"]),
        signalen=rij["signalen"] or 0,
        klachten=rij["klachten"] or 0,
        tevredenheid=deel(rij["tevredenheid_som"], rij["tevredenheid_aantal"]),
        wachtenden=deel(rij["wachtenden"], rij["perioden"]),
        wachtweken=deel(rij["wachttijd"], 7) if rij["wachttijd"] is not None else None,
    )


def optellen(rijen: list[dict[str, Any]], perioden: int) -> dict[str, Any]:
    """The sums of several groups together (the region from its providers), without another query."""
    totaal: dict[str, Any] = {naam: sum(r[naam] or 0 for r in rijen) for naam in SOMMEN}
    wachttijden = [r["wachttijd"] for r in rijen if r["wachttijd"] is not None]
    totaal["wachttijd"] = max(wachttijden) if wachttijden else None
    totaal["perioden"] = perioden
    return totaal


KOLOMMEN_CIJFERS = [
    Kolom("Cliënten in zorg (gemiddeld per periode)", DECIMAAL),
    Kolom("Nieuw", AANTAL),
    Kolom("Beëindigd", AANTAL),
    Kolom("Uitgaven", EURO),
    Kolom("Kosten per cliënt per periode", EURO),
    Kolom("Evaluaties", AANTAL),
    Kolom("Resultaat behaald (%)", PROCENT),
    Kolom("Overgestapt naar", AANTAL),
    Kolom("Overgestapt weg", AANTAL),
    Kolom("Dagen van toewijzing tot start", DECIMAAL),
    Kolom("Signalen", AANTAL),
    Kolom("Klachten", AANTAL),
    Kolom("Tevredenheid (cijfer)", DECIMAAL),
    Kolom("Wachtend op start (gemiddeld per periode)", DECIMAAL),
    Kolom("Langste wachttijd (weken)", DECIMAAL),
]


def waarden(c: Cijfers) -> list[Any]:
    return [
        c.actief_gemiddeld,
        c.nieuw,
        c.beeindigd,
        c.uitgaven,
        c.kosten_per_client,
        c.evaluaties,
        c.behaald_procent,
        c.overstap_in,
        c.overstap_uit,
        c.dagen_tot_start,
        c.signalen,
        c.klachten,
        c.tevredenheid,
        c.wachtenden,
        c.wachtweken,
    ]


@dataclass(frozen=True)
class Doelen:
    behaald_procent: Decimal | None = None
    max_wachtweken: Decimal | None = None
    min_tevredenheid: Decimal | None = None


def doelen_per_aanbieder(user: Any, aanbieder_ids: list[int]) -> dict[int, Doelen]:
    """The targets in the provider's contracts that the user can see (one query); with several contracts
    the strictest target counts."""
    rijen = (
        Contract.objects.for_user(user)
        .filter(aanbieder_id__in=aanbieder_ids)
        .values("aanbieder_id", "doel_behaald_procent", "max_wachtweken", "min_tevredenheid")
    )
    doelen: dict[int, Doelen] = {}
    for r in rijen:
        oud = doelen.get(r["aanbieder_id"], Doelen())
        doelen[r["aanbieder_id"]] = Doelen(
            behaald_procent=strengst(oud.behaald_procent, r["doel_behaald_procent"], max),
            max_wachtweken=strengst(oud.max_wachtweken, r["max_wachtweken"], min),
            min_tevredenheid=strengst(oud.min_tevredenheid, r["min_tevredenheid"], max),
        )
    return doelen


def strengst(oud: Decimal | None, nieuw: Any, kies: Any) -> Decimal | None:
    if nieuw is None:
        return oud
    return Decimal(nieuw) if oud is None else kies(oud, Decimal(nieuw))


@dataclass
class Selectie:
    """What the dashboard shows: gemeenten (of the user), a range of period codes."""

    gemeenten: list[Gemeente]
    perioden: list[str]  # every code the user has figures for, in order
    van: str = ""
    tot: str = ""
    fouten: list[str] = field(default_factory=list)

    @property
    def gekozen(self) -> list[str]:
        return [p for p in self.perioden if self.van <= p <= self.tot]

    def omschrijving(self) -> str:
        namen = ", ".join(g.naam for g in self.gemeenten)
        return f"{namen}; perioden {self.van} tot en met {self.tot}" if self.perioden else namen


def gemeenten_van(user: Any) -> QuerySet[Gemeente]:
    """The gemeenten a user may choose: a provider those it has figures in."""
    if user.is_superuser:
        return Gemeente.objects.all()
    if user.is_aanbieder_user:
        return Gemeente.objects.filter(
            pk__in=AanbiederKengetal.objects.filter(aanbieder_id=user.aanbieder_id).values("gemeente_id")
        )
    return user.gemeenten.all()


def kies(user: Any, gemeente_code: str, van: str, tot: str, basis: QuerySet[AanbiederKengetal]) -> Selectie:
    """The selection from the filter's values; a value that does not fit gets a Dutch message and the
    default (the last 13 periods with figures)."""
    fouten = []
    gemeenten = list(gemeenten_van(user).order_by("naam"))
    if gemeente_code:
        gekozen = [g for g in gemeenten if g.code == gemeente_code]
        if gekozen:
            gemeenten = gekozen
        else:
            fouten.append("Die gemeente hoort niet bij uw gemeenten; u ziet al uw gemeenten.")
    # The periods with figures: read from the small calendar table, each checked by one index probe
    # (reading the codes from the figures themselves would walk every figure of the gemeenten). Gemeente
    # staff: the period's row in the table per gemeente (a period belongs to one gemeente, and the run
    # writes that row with the provider rows); a provider: its own row of the period.
    met_cijfers = (
        basis.filter(periode_id=OuterRef("pk"))
        if user.is_aanbieder_user
        else GemeenteKengetal.objects.filter(periode_id=OuterRef("pk"))
    )
    codes = list(
        Periode.objects.filter(gemeente__in=gemeenten)
        .filter(Exists(met_cijfers))
        .order_by("code")
        .values_list("code", flat=True)
        .distinct()
    )
    selectie = Selectie(gemeenten=gemeenten, perioden=codes, fouten=fouten)
    if not codes:
        return selectie
    standaard_tot = codes[-1]
    standaard_van = codes[max(0, len(codes) - STANDAARD_PERIODEN)]
    for waarde in (van, tot):
        if waarde and waarde not in codes:
            fouten.append(f"Er zijn geen cijfers over periode {waarde!r}; kies een periode uit de lijst.")
    selectie.van = van if van in codes else standaard_van
    selectie.tot = tot if tot in codes else standaard_tot
    if selectie.van > selectie.tot:
        fouten.append("De eerste periode ligt na de laatste; ze zijn omgewisseld.")
        selectie.van, selectie.tot = selectie.tot, selectie.van
    return selectie


def in_selectie(qs: QuerySet[Any], s: Selectie) -> QuerySet[Any]:
    return qs.filter(gemeente__in=s.gemeenten, periode_code__gte=s.van, periode_code__lte=s.tot)


def per_periode(qs: QuerySet[Any]) -> list[dict[str, Any]]:
    return list(qs.values("periode_code").annotate(**sommen()).order_by("periode_code"))


def periodetabel(code: str, titel: str, rijen: list[dict[str, Any]]) -> Tabel:
    return Tabel(
        code,
        titel,
        [Kolom("Periode", TEKST), *KOLOMMEN_CIJFERS],
        [[r["periode_code"], *waarden(cijfers(r))] for r in rijen],
    )


@dataclass
class Regiodashboard:
    selectie: Selectie
    perioden: Tabel
    aanbieders: Tabel
    per_aanbieder: list[tuple[dict[str, Any], Cijfers, Doelen]]
    regio: Cijfers

    @property
    def tabellen(self) -> dict[str, Tabel]:
        return {t.code: t for t in (self.perioden, self.aanbieders)}


def regiodashboard(user: Any, selectie: Selectie) -> Regiodashboard:
    """The gemeente or region: totals per period, and every provider against the region and its targets."""
    # The gemeenten of the selection are the user's own (``kies``), so their sums are the user's to see.
    perioden = per_periode(in_selectie(GemeenteKengetal.objects.all(), selectie))
    qs = in_selectie(AanbiederKengetal.objects.for_user(user), selectie)
    rijen = list(
        qs.values("aanbieder_id", "aanbieder__naam").annotate(**sommen()).order_by("aanbieder__naam")
    )
    doelen = doelen_per_aanbieder(user, [r["aanbieder_id"] for r in rijen])
    regio = cijfers(optellen(rijen, len(selectie.gekozen)))
    kolommen = [
        Kolom("Aanbieder", TEKST),
        *KOLOMMEN_CIJFERS,
        Kolom("Doel resultaat behaald (%)", PROCENT),
        Kolom("Doel tevredenheid (cijfer)", DECIMAAL),
        Kolom("Doel wachttijd (hoogstens weken)", DECIMAAL),
    ]
    per_aanbieder = []
    tabel = Tabel("aanbieders", "Per aanbieder", kolommen)
    for r in rijen:
        c, d = cijfers(r), doelen.get(r["aanbieder_id"], Doelen())
        per_aanbieder.append(({"pk": r["aanbieder_id"], "naam": r["aanbieder__naam"]}, c, d))
        tabel.rijen.append(
            [r["aanbieder__naam"], *waarden(c), d.behaald_procent, d.min_tevredenheid, d.max_wachtweken]
        )
    tabel.voet.append(["Regio (alle aanbieders samen)", *waarden(regio), None, None, None])
    return Regiodashboard(
        selectie=selectie,
        perioden=periodetabel("perioden", "Per periode", perioden),
        aanbieders=tabel,
        per_aanbieder=per_aanbieder,
        regio=regio,
    )


@dataclass
class Aanbiederdashboard:
    selectie: Selectie
    aanbieder: Aanbieder
    perioden: Tabel
    producten: Tabel
    vergelijking: Tabel
    doelen: Doelen
    regio_per_periode: dict[str, Cijfers]
    eigen_per_periode: dict[str, Cijfers]
    regio_zichtbaar: bool

    @property
    def tabellen(self) -> dict[str, Tabel]:
        return {t.code: t for t in (self.perioden, self.producten, self.vergelijking)}


def aanbiederdashboard(user: Any, aanbieder: Aanbieder, selectie: Selectie) -> Aanbiederdashboard:
    """One provider per period and per product, against the region's average and its contract targets.

    The region's figures are sums over all providers of the selected gemeenten, never their rows; a
    provider sees them only when enough providers make them up."""
    eigen = per_periode(
        in_selectie(AanbiederKengetal.objects.for_user(user).filter(aanbieder=aanbieder), selectie)
    )
    regio = per_periode(in_selectie(GemeenteKengetal.objects.all(), selectie))
    regio_qs = in_selectie(AanbiederKengetal.objects.all(), selectie)
    # Gemeente staff always see the region; only for a provider are its providers counted.
    regio_zichtbaar = (
        not user.is_aanbieder_user
        or regio_qs.aggregate(n=Count("aanbieder", distinct=True))["n"] >= MINSTENS_AANBIEDERS_VOOR_GEMIDDELDE
    )
    producten_qs = in_selectie(Kengetal.objects.for_user(user).filter(aanbieder=aanbieder), selectie)
    producten = list(
        producten_qs.values("product_id", "product__naam").annotate(**sommen()).order_by("product__naam")
    )
    doelen = doelen_per_aanbieder(user, [aanbieder.pk]).get(aanbieder.pk, Doelen())
    n = len(selectie.gekozen)
    totaal_eigen, totaal_regio = cijfers(optellen(eigen, n)), cijfers(optellen(regio, n))
    vergelijking = Tabel(
        "vergelijking",
        "Vergeleken met de regio en de doelen",
        [
            Kolom("", TEKST),
            Kolom("Resultaat behaald (%)", PROCENT),
            Kolom("Kosten per cliënt per periode", EURO),
            Kolom("Dagen van toewijzing tot start", DECIMAAL),
            Kolom("Tevredenheid (cijfer)", DECIMAAL),
            Kolom("Langste wachttijd (weken)", DECIMAAL),
        ],
    )
    for naam, c in ((aanbieder.naam, totaal_eigen), ("Regio (alle aanbieders samen)", totaal_regio)):
        if c is totaal_regio and not regio_zichtbaar:
            continue
        vergelijking.rijen.append(
            [naam, c.behaald_procent, c.kosten_per_client, c.dagen_tot_start, c.tevredenheid, c.wachtweken]
        )
    vergelijking.voet.append(
        [
            "Doel in het contract",
            doelen.behaald_procent,
            None,
            None,
            doelen.min_tevredenheid,
            doelen.max_wachtweken,
        ]
    )
    productentabel = Tabel(
        "producten",
        "Per product",
        [Kolom("Product", TEKST), *KOLOMMEN_CIJFERS],
        [[r["product__naam"] or "Zonder product", *waarden(cijfers(r))] for r in producten],
    )
    periodes = periodetabel("perioden", "Per periode", eigen)
    if regio_zichtbaar:
        periodes.voet.append(["Regio (alle aanbieders samen)", *waarden(totaal_regio)])
    return Aanbiederdashboard(
        selectie=selectie,
        aanbieder=aanbieder,
        perioden=periodes,
        producten=productentabel,
        vergelijking=vergelijking,
        doelen=doelen,
        regio_per_periode={r["periode_code"]: cijfers(r) for r in regio} if regio_zichtbaar else {},
        eigen_per_periode={r["periode_code"]: cijfers(r) for r in eigen},
        regio_zichtbaar=regio_zichtbaar,
    )

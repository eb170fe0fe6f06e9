"""One scenario computed over the old indications: clients per new product, cost per year before (hours x
the old hourly tariff x 52) and after (periods x the product tariff), gains and losses in help, the
clients to invite for a personal conversation, the providers' revenue, and what cannot be converted.

A set-based read: one query for the indications, a handful for rules and tariffs, the rest in Python.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import Q

from resultaat.bekostiging.services import per_jaar_cent
from resultaat.catalogus.models import Product, Resultaat
from resultaat.conversie.models import BestaandeIndicatie, Omzetregel, Samenvoegen, Scenario
from resultaat.organisaties.models import Aanbieder

WEKEN_PER_JAAR = 52


@dataclass
class Productregel:
    product: str
    clienten: int = 0
    na_cent: int = 0


@dataclass
class Aanbiederregel:
    aanbieder: str
    clienten: int = 0
    voor_cent: int = 0
    na_cent: int = 0

    @property
    def verschil_cent(self) -> int:
        return self.na_cent - self.voor_cent


@dataclass
class Gesprek:
    """A client whose help would drop by more than the scenario allows."""

    indicatie_id: int
    client_id: int
    oud_product: str
    minuten_voor: int
    nieuw_product: str
    minuten_na: int
    naam: str = ""

    @property
    def daling_procent(self) -> int:
        return round(100 * (self.minuten_voor - self.minuten_na) / self.minuten_voor)


@dataclass
class NietOmgezet:
    indicatie_id: int
    client_id: int
    oud_product: str
    minuten_voor: int
    reden: str
    naam: str = ""


@dataclass
class Vergelijking:
    scenario: Scenario
    indicaties: int = 0
    voor_cent: int = 0
    na_cent: int = 0
    meer_hulp: int = 0
    minder_hulp: int = 0
    gelijk: int = 0
    zonder_tijdmaat: int = 0
    producten: list[Productregel] = field(default_factory=list)
    aanbieders: list[Aanbiederregel] = field(default_factory=list)
    gesprekken: list[Gesprek] = field(default_factory=list)
    niet_omgezet: list[NietOmgezet] = field(default_factory=list)

    @property
    def omgezet(self) -> int:
        return self.indicaties - len(self.niet_omgezet)

    @property
    def verschil_cent(self) -> int:
        return self.na_cent - self.voor_cent

    @property
    def verschil_procent(self) -> float:
        return 0.0 if not self.voor_cent else 100 * self.verschil_cent / self.voor_cent


def in_zorg_op(gemeente_id: int, datum: dt.date) -> Q:
    """The old indications of a gemeente still in force on ``datum`` and not yet converted."""
    return Q(gemeente_id=gemeente_id, omgezet_op__isnull=True, begindatum__lte=datum) & (
        Q(einddatum__isnull=True) | Q(einddatum__gte=datum)
    )


def resultaat_van(regel: Omzetregel) -> Resultaat:
    """The result of the new decision a rule makes: the rule's own, else its product's, else (a product
    of a domain, such as begeleiding by level) the domain's first result without products or time bands."""
    if regel.resultaat is not None:
        return regel.resultaat
    product = regel.nieuw_product
    if product.resultaat is not None:
        return product.resultaat
    gevonden = (
        Resultaat.objects.filter(
            domein_id=product.domein_id, producten__isnull=True, tijdsbanden__isnull=True
        )
        .order_by("volgorde", "naam")
        .first()
    )
    if gevonden is None:
        raise ValidationError(f"{product} hoort bij geen resultaat in de catalogus.")
    return gevonden


def samen_uren(uren: Iterable[Decimal], samenvoegen: str) -> Decimal:
    """The hours per week of one new decision made of several old indications of one result."""
    lijst = list(uren)
    return max(lijst) if samenvoegen == Samenvoegen.HOOGSTE else sum(lijst, Decimal(0))


@dataclass
class _Oud:
    pk: int
    client_id: int
    product: str
    uren: Decimal
    aanbieder_id: int
    voor: int


def bereken(scenario: Scenario) -> Vergelijking:
    """The comparison of one scenario. Old indications of one client that become the same result count
    as one new decision (their hours combined as the scenario sets), as the execution makes them."""
    datum = scenario.omzetdatum
    regels_per_product: dict[str, list[Omzetregel]] = defaultdict(list)
    regel: Omzetregel | None
    for regel in (
        Omzetregel.objects.filter(scenario=scenario)
        .select_related("resultaat", "nieuw_product__resultaat")
        .order_by("min_minuten")
    ):
        regels_per_product[regel.oud_product].append(regel)
    product_ids = {r.nieuw_product_id for rs in regels_per_product.values() for r in rs}
    producten = {p.pk: p for p in Product.objects.filter(pk__in=product_ids)}
    jaar_cent: dict[int, int | None] = {}
    for pk, product in producten.items():
        tarief = product.tarief_op(datum)
        jaar_cent[pk] = per_jaar_cent(tarief) if tarief else None
    resultaat_id: dict[int, int] = {}
    for rs in regels_per_product.values():
        for r in rs:
            try:
                resultaat_id[r.pk] = resultaat_van(r).pk
            except ValidationError:
                resultaat_id[r.pk] = -r.pk  # no result: a group of its own
    uurtarieven = {k.upper(): int(v) for k, v in scenario.uurtarieven.items()}
    drempel = scenario.gesprek_vanaf_procent / 100

    def zoek(producten_oud: Iterable[str], minuten: int, resultaat: int | None = None) -> Omzetregel | None:
        for oud in producten_oud:
            for r in regels_per_product.get(oud, ()):
                if r.min_minuten <= minuten <= r.max_minuten and resultaat in (None, resultaat_id[r.pk]):
                    return r
        return None

    uitkomst = Vergelijking(scenario)
    per_product: dict[int, Productregel] = {}
    per_aanbieder: dict[int, Aanbiederregel] = {}
    groepen: dict[tuple[int, int], list[_Oud]] = defaultdict(list)
    rijen = (
        BestaandeIndicatie.objects.filter(in_zorg_op(scenario.gemeente_id, datum))
        .order_by("pk")
        .values_list("pk", "client_id", "product", "uren_per_week", "aanbieder_id")
    )
    for pk, client_id, oud, uren, aanbieder_id in rijen.iterator(chunk_size=5000):
        uitkomst.indicaties += 1
        minuten = round(float(uren) * 60)
        uurtarief = uurtarieven.get(oud)
        voor = round(float(uren) * WEKEN_PER_JAAR * uurtarief) if uurtarief else 0
        regel = zoek((oud,), minuten)
        reden = ""
        if uurtarief is None:
            reden = f"geen uurtarief voor {oud} in dit scenario"
        elif regel is None:
            reden = f"geen omzetregel voor {oud} met {minuten} minuten per week"
        elif jaar_cent[regel.nieuw_product_id] is None:
            reden = f"{producten[regel.nieuw_product_id].naam} heeft geen tarief op {datum:%d-%m-%Y}"
        if reden or regel is None:
            uitkomst.niet_omgezet.append(NietOmgezet(pk, client_id, oud, minuten, reden))
            continue
        groepen[(client_id, resultaat_id[regel.pk])].append(
            _Oud(pk, client_id, oud, uren, aanbieder_id, voor)
        )

    for (_, resultaat), oude in groepen.items():
        oude.sort(key=lambda o: (-o.uren, o.pk))
        hoofd = oude[0]
        uren_samen = samen_uren((o.uren for o in oude), scenario.samenvoegen)
        minuten = round(float(uren_samen) * 60)
        regel = zoek(dict.fromkeys(o.product for o in oude), minuten, resultaat)
        if regel is None or jaar_cent[regel.nieuw_product_id] is None:
            for o in oude:
                uitkomst.niet_omgezet.append(
                    NietOmgezet(
                        o.pk,
                        o.client_id,
                        o.product,
                        round(float(o.uren) * 60),
                        f"samen {minuten} minuten per week: geen omzetregel of tarief",
                    )
                )
            continue
        na = jaar_cent[regel.nieuw_product_id] or 0
        voor = sum(o.voor for o in oude)
        uitkomst.voor_cent += voor
        uitkomst.na_cent += na
        pr = per_product.get(regel.nieuw_product_id)
        if pr is None:
            pr = per_product[regel.nieuw_product_id] = Productregel(producten[regel.nieuw_product_id].naam)
        pr.clienten += 1
        pr.na_cent += na
        for o in oude:
            ar = per_aanbieder.get(o.aanbieder_id)
            if ar is None:
                ar = per_aanbieder[o.aanbieder_id] = Aanbiederregel("")
            ar.voor_cent += o.voor
            if o is hoofd:  # the new decision goes to the provider of the leading indication
                ar.clienten += 1
                ar.na_cent += na
        if regel.minuten_na is None:
            uitkomst.zonder_tijdmaat += 1
        elif regel.minuten_na > minuten:
            uitkomst.meer_hulp += 1
        elif regel.minuten_na < minuten:
            uitkomst.minder_hulp += 1
            if (minuten - regel.minuten_na) / minuten > drempel:
                uitkomst.gesprekken.append(
                    Gesprek(
                        hoofd.pk,
                        hoofd.client_id,
                        " + ".join(o.product for o in oude),
                        minuten,
                        producten[regel.nieuw_product_id].naam,
                        regel.minuten_na,
                    )
                )
        else:
            uitkomst.gelijk += 1
    namen = dict(Aanbieder.objects.filter(pk__in=per_aanbieder).values_list("pk", "naam"))
    for pk, ar in per_aanbieder.items():
        ar.aanbieder = namen.get(pk, "")
    uitkomst.producten = sorted(per_product.values(), key=lambda p: p.product)
    uitkomst.aanbieders = sorted(per_aanbieder.values(), key=lambda a: a.aanbieder)
    return uitkomst

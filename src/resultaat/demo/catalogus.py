"""Catalogue and contracts: the products the demo uses, voorbeeldtarieven (demo) where none exist,
one regional contract per provider with its subcontractor, and the contracted products sized to the
caseload."""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from decimal import Decimal

from resultaat.catalogus.models import Aandachtspunt, Product, Resultaat, Subresultaat, Tarief, TariefPeriode
from resultaat.contracten.models import Contract, ContractProduct, Onderaannemer
from resultaat.demo.basis import (
    TARIEF_VANAF,
    DemoFout,
)
from resultaat.demo.kern import (
    _Basis,
)
from resultaat.demo.regio_gegevens import (
    AANBIEDERS,
    PERCEEL,
    PRODUCTEN,
    VVR,
)


class CatalogusMixin(_Basis):
    def catalogus(self) -> None:
        ontbrekend: list[str] = []
        self.producten = {}
        for info in PRODUCTEN:
            kandidaten = list(Product.objects.filter(categorie=info.categorie, code=info.code))
            geldig = [p for p in kandidaten if p.is_geldig_op(self.vandaag)]
            gekozen = max(geldig or kandidaten, key=lambda p: p.geldig_van, default=None)
            if gekozen is None:
                ontbrekend.append(f"{info.categorie} {info.code}")
            else:
                self.producten[info.code] = gekozen
        if ontbrekend:
            raise DemoFout(
                "De catalogus mist product(en) "
                + ", ".join(ontbrekend)
                + ". Voer eerst de migraties uit (catalogus 0002_seed_catalogus laadt de producten)."
            )
        self.info_per_code = {info.code: info for info in PRODUCTEN}

        # Which result a product is granted for: its own, or one of the demo's choices by result code.
        codes = {code for info in PRODUCTEN for code, _ in info.resultaten}
        resultaat_id = dict(Resultaat.objects.filter(code__in=codes).values_list("code", "id"))
        if codes - set(resultaat_id):
            raise DemoFout(
                "De catalogus mist resultaat/resultaten " + ", ".join(sorted(codes - set(resultaat_id))) + "."
            )
        self.resultaat_opties = {}
        for info in PRODUCTEN:
            product = self.producten[info.code]
            if product.resultaat_id is not None:
                self.resultaat_opties[info.code] = [(product.resultaat_id, 1)]
            elif info.resultaten:
                self.resultaat_opties[info.code] = [(resultaat_id[c], w) for c, w in info.resultaten]
            elif info.groep != VVR:
                raise DemoFout(f"Product {info.categorie} {info.code} heeft geen resultaat in de catalogus.")
        self.per_groep = defaultdict(list)
        for info in PRODUCTEN:
            self.per_groep[info.groep].append((self.producten[info.code], info.gewicht))

        # The demo's history starts when both the products and their tariffs are valid.
        start = max([TARIEF_VANAF, *(p.geldig_van for p in self.producten.values())])
        self.begin = max(start, self.vandaag - dt.timedelta(days=700))
        if (self.vandaag - self.begin).days < 150:
            raise DemoFout(
                f"--today {self.vandaag:%Y-%m-%d} ligt te dicht bij {self.begin:%d-%m-%Y}, de datum "
                "waarop de producten en tarieven ingaan: kies een datum minstens 150 dagen later."
            )

        resultaat_ids = {r for opties in self.resultaat_opties.values() for r, _ in opties}
        self.subresultaten = defaultdict(list)
        for sub_id, res_id in (
            Subresultaat.objects.filter(resultaat_id__in=resultaat_ids)
            .order_by("resultaat_id", "volgorde", "id")
            .values_list("id", "resultaat_id")
        ):
            self.subresultaten[res_id].append(sub_id)
        self.aandachtspunten = defaultdict(list)
        for ap_id, sub_id in (
            Aandachtspunt.objects.filter(subresultaat__resultaat_id__in=resultaat_ids)
            .order_by("subresultaat_id", "volgorde", "id")
            .values_list("id", "subresultaat_id")
        ):
            self.aandachtspunten[sub_id].append(ap_id)
        self.tijdsbanden = {
            p.code: (p.tijdsband.min_minuten, p.tijdsband.max_minuten)
            for p in Product.objects.filter(
                pk__in=[p.pk for p in self.producten.values()], tijdsband__isnull=False
            ).select_related("tijdsband")
        }

        self.nieuwe_tarieven = []
        for info in PRODUCTEN:
            product = self.producten[info.code]
            vanaf = max(TARIEF_VANAF, product.geldig_van)
            if not product.tarieven.geldig_op(vanaf).exists():
                Tarief.objects.create(
                    product=product,
                    bedrag_cent=info.tarief_cent,
                    periode=TariefPeriode.CAK_PERIODE,
                    geldig_van=vanaf,
                )
                self.nieuwe_tarieven.append((f"{info.code} {product.naam}", info.tarief_cent))

    def contracteer(self) -> None:
        """One regional contract per provider (a region buying jointly, seed 001), with its subcontractor."""
        self.contracten = {}
        self.onderaannemers = {}
        contract_tot = dt.date(max(2028, self.vandaag.year + 1), 1, 1)
        for i, a in enumerate(AANBIEDERS, start=1):
            contract, nieuw = Contract.objects.get_or_create(
                kenmerk=f"RA-WMO-2025-{i:02d}",
                defaults={
                    "aanbieder": self.aanbieders[a.sleutel],
                    "perceel": "; ".join(PERCEEL[g] for g in a.groepen),
                    "omschrijving": "Raamovereenkomst Wmo-ondersteuning op resultaat, regio Alkmaar (demo).",
                    "geldig_van": TARIEF_VANAF,
                    "geldig_tot": contract_tot,
                    # The targets the contract manager holds each provider to on the dashboards.
                    "doel_behaald_procent": 55 + 5 * (i % 3),
                    "max_wachtweken": 4 + i % 3,
                    "min_tevredenheid": Decimal("7.0"),
                },
            )
            if nieuw:
                contract.gemeenten.set([self.gemeenten[c] for c in a.gemeenten])
            self.contracten[a.sleutel] = contract
            if a.onderaannemer:
                naam, agb, kvk = a.onderaannemer
                onderaannemer, _ = Onderaannemer.objects.get_or_create(
                    contract=contract,
                    naam=naam,
                    defaults={"agb_code": agb, "kvk_nummer": kvk, "geldig_van": TARIEF_VANAF},
                )
                self.onderaannemers[a.sleutel] = onderaannemer

    def contractregels(self) -> None:
        """Contracted products with capacity and waiting time, sized to the caseload just generated."""
        regels: list[ContractProduct] = []
        for a in AANBIEDERS:
            contract = self.contracten[a.sleutel]
            if contract.producten.exists():
                continue
            aanbieder = self.aanbieders[a.sleutel]
            for info in PRODUCTEN:
                if info.groep not in a.groepen:
                    continue
                product = self.producten[info.code]
                actief = self.actief[(aanbieder.pk, product.pk)]
                vol = actief >= 10 and self.kans(0.2)
                if vol:
                    capaciteit, wachttijd = actief, self.rng.choice((14, 21, 28, 42))
                else:
                    capaciteit = max(10, math.ceil(actief * self.rng.uniform(1.1, 1.5) / 5) * 5)
                    wachttijd = self.rng.choice((0, 0, 0, 3, 7))
                regels.append(
                    ContractProduct(
                        contract=contract,
                        product=product,
                        capaciteit=capaciteit,
                        wachttijd_dagen=wachttijd,
                        geldig_van=max(TARIEF_VANAF, product.geldig_van),
                        geldig_tot=contract.geldig_tot,
                    )
                )
        ContractProduct.objects.bulk_create(regels)

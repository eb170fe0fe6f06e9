"""The generator's shared state and helpers: the one random source, dates and moments anchored on
``vandaag``, weighted choices, and the werklijst items of a chunk. The domain modules extend it."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from collections.abc import Sequence
from typing import TypeVar

from django.db import models

from resultaat.accounts.models import User
from resultaat.catalogus.models import Product
from resultaat.contracten.models import Contract, Onderaannemer
from resultaat.demo.basis import (
    TZ,
)
from resultaat.demo.batch import (
    _Batch,
    _Persoon,
    _Werk,
)
from resultaat.demo.regio_gegevens import (
    GemeenteInfo,
    ProductInfo,
)
from resultaat.ondersteuning.models import (
    SocialeKaartVoorziening,
)
from resultaat.organisaties.models import Aanbieder, Gemeente

T = TypeVar("T")


class _Basis:
    """State shared by the domain parts of the generator; filled by catalogus(), regio() and gebruikers()."""

    teller: Counter[str]
    info_per_code: dict[str, ProductInfo]
    gemeente_info: dict[str, GemeenteInfo]
    begin: dt.date
    tijdsbanden: dict[str, tuple[int, int]]
    nummer_toewijzing: Counter[str]
    nummer_beschikking: Counter[str]
    actief: Counter[tuple[int, int]]
    producten: dict[str, Product]
    resultaat_opties: dict[str, list[tuple[int, int]]]
    per_groep: dict[str, list[tuple[Product, int]]]
    subresultaten: dict[int, list[int]]
    aandachtspunten: dict[int, list[int]]
    nieuwe_tarieven: list[tuple[str, int]]
    contracten: dict[str, Contract]
    onderaannemers: dict[str, Onderaannemer]
    gemeenten: dict[str, Gemeente]
    aanbieders: dict[str, Aanbieder]
    leveranciers: dict[tuple[str, str], list[tuple[str, int]]]
    kaart: dict[str, list[SocialeKaartVoorziening]]
    consulenten: dict[str, list[User]]
    aanbieder_users: dict[str, User | None]
    portaal_acties: Counter[str]
    rijen: Counter[str]

    def __init__(self, *, clienten: int, seed: int, vandaag: dt.date) -> None:
        self.n = clienten
        self.seed = seed
        self.vandaag = vandaag
        self.rng = random.Random(seed)
        self.teller = Counter()
        self.nummer_toewijzing = Counter()
        self.nummer_beschikking = Counter()
        self.actief = Counter()  # (aanbieder, product) -> active clients

    # ----------------------------------------------------------------------------------- helpers

    def dag(self, van: dt.date, tot: dt.date) -> dt.date:
        """A day in [van, tot]; ``van`` when the range is empty."""
        if tot <= van:
            return van
        return van + dt.timedelta(days=self.rng.randint(0, (tot - van).days))

    def moment(self, datum: dt.date, van_uur: int = 8, tot_uur: int = 17) -> dt.datetime:
        """A time on a working day; on vandaag itself early, so that it is not later than the real clock."""
        if datum >= self.vandaag:
            van_uur, tot_uur = 7, 8
        uur = self.rng.randint(van_uur, tot_uur - 1)
        return dt.datetime(datum.year, datum.month, datum.day, uur, self.rng.randrange(60), tzinfo=TZ)

    def kies(self, opties: Sequence[T]) -> T:
        return opties[self.rng.randrange(len(opties))]

    def gewogen(self, opties: Sequence[tuple[T, int | float]]) -> T:
        return self.rng.choices([o for o, _ in opties], weights=[w for _, w in opties])[0]

    def kans(self, p: float) -> bool:
        return self.rng.random() < p

    # ------------------------------------------------------------------------------ fixed region

    def consulent(self, code: str) -> User | None:
        opties = self.consulenten.get(code) or []
        return opties[0] if opties else None

    def aanbieder_kiezen(self, code: str, groep: str, behalve: str = "") -> str:
        opties = [(k, w) for k, w in self.leveranciers[(code, groep)] if k != behalve]
        return self.gewogen(opties)

    def groep_van(self, product: Product) -> str:
        return self.info_per_code[product.code].groep

    def tijd(self) -> dt.time:
        return dt.time(self.rng.randint(8, 16), self.rng.randrange(60), self.rng.randrange(60))

    def werk(
        self,
        b: _Batch,
        p: _Persoon,
        soort: str,
        omschrijving: str,
        uiterlijk: dt.date | None,
        onderwerp: models.Model,
        dag: dt.date,
        toegewezen: User | None,
        *,
        afgehandeld_op: dt.datetime | None = None,
        aangemaakt: dt.datetime | None = None,
    ) -> None:
        b.werk.append(
            _Werk(
                gemeente=p.gemeente,
                client=p.client,
                soort=soort,
                omschrijving=omschrijving,
                uiterlijk=uiterlijk,
                onderwerp=onderwerp,
                aangemaakt_op=aangemaakt or self.moment(min(dag, self.vandaag)),
                toegewezen_aan=toegewezen,
                afgehandeld_op=afgehandeld_op,
            )
        )

    # ---------------------------------------------------------------------------------- writing

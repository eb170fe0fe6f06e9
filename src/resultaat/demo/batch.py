"""What one chunk of clients holds in memory before it is written (see :mod:`resultaat.demo.opslag`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import models

from resultaat.accounts.models import User
from resultaat.clienten.models import Client
from resultaat.demo.regio_gegevens import (
    GemeenteInfo,
)
from resultaat.ondersteuning.models import (
    Evaluatie,
    Ondersteuningsplan,
    PlanActiviteit,
    PlanDoel,
    PlusAfspraak,
    Signaal,
)
from resultaat.organisaties.models import Gemeente
from resultaat.toegang.models import (
    Aanvraag,
    Beschikking,
    BeschiktResultaat,
    Melding,
    Onderzoek,
    OnderzoekResultaat,
    ZRMScore,
)
from resultaat.toewijzingen.models import (
    Toewijzing,
    ToewijzingVersie,
)


@dataclass
class _Werk:
    """A werklijst item whose subject gets its primary key only when the chunk is written."""

    gemeente: Gemeente
    client: Client
    soort: str
    omschrijving: str
    uiterlijk: dt.date | None
    onderwerp: models.Model
    aangemaakt_op: dt.datetime
    toegewezen_aan: User | None
    afgehandeld_op: dt.datetime | None = None


@dataclass
class _Gemeld:
    """A start or a stop as the provider reports it; written through the toewijzingen services
    (:func:`~resultaat.toewijzingen.services.meld_start`, :func:`~resultaat.toewijzingen.services.meld_stop`)
    once the chunk's toewijzingen exist."""

    toewijzing: Toewijzing
    datum: dt.date
    gemeld_op: dt.datetime
    bron: str = ""  # a start
    hervatting: bool = False  # a start after a temporary stop
    reden: str = ""  # a stop: reden beeindiging
    toelichting: str = ""

    @property
    def is_stop(self) -> bool:
        return bool(self.reden)


@dataclass
class _Batch:
    clienten: list[Client] = field(default_factory=list)
    meldingen: list[Melding] = field(default_factory=list)
    onderzoeken: list[Onderzoek] = field(default_factory=list)
    zrm: list[ZRMScore] = field(default_factory=list)
    onderzoek_resultaten: list[OnderzoekResultaat] = field(default_factory=list)
    or_subresultaten: list[tuple[OnderzoekResultaat, int]] = field(default_factory=list)
    or_aandachtspunten: list[tuple[OnderzoekResultaat, int]] = field(default_factory=list)
    aanvragen: list[Aanvraag] = field(default_factory=list)
    beschikkingen: list[Beschikking] = field(default_factory=list)
    beschikt: list[BeschiktResultaat] = field(default_factory=list)
    br_subresultaten: list[tuple[BeschiktResultaat, int]] = field(default_factory=list)
    toewijzingen: list[Toewijzing] = field(default_factory=list)
    opvolgers: list[Toewijzing] = field(default_factory=list)
    versies: list[ToewijzingVersie] = field(default_factory=list)
    leveringen: list[_Gemeld] = field(default_factory=list)  # starts and stops, in order
    plannen: list[Ondersteuningsplan] = field(default_factory=list)
    doelen: list[PlanDoel] = field(default_factory=list)
    activiteiten: list[PlanActiviteit] = field(default_factory=list)
    plus: list[PlusAfspraak] = field(default_factory=list)
    evaluaties: list[Evaluatie] = field(default_factory=list)
    signalen: list[Signaal] = field(default_factory=list)
    werk: list[_Werk] = field(default_factory=list)


@dataclass
class _Persoon:
    client: Client
    gemeente: Gemeente
    info: GemeenteInfo
    aanhef: str  # "mevrouw De Vries"
    leeftijd: int


@dataclass
class _Levering:
    """What happens to one toewijzing after it is sent (dates only)."""

    start: dt.date | None  # first day of delivery; None: not started
    stops: list[tuple[dt.date, str, dt.date | None]] = field(default_factory=list)  # (einde, reden, hervat)

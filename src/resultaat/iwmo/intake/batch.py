"""What the intake knows: per file (:class:`Werk`, its :class:`Uitkomst`) and per batch (:class:`Batch`).

A batch loads what its files need (toewijzingen, leveringen, earlier messages) in a few queries, and
then keeps the effects of the files checked so far in memory (new and changed leveringen, messages,
tasks to run after the bulk writes), so that every file is checked against the database *and* the
files before it in the same batch. :mod:`.toepassen` writes them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from resultaat.catalogus.models import Product
from resultaat.core.bulk import InWaarden
from resultaat.iwmo.models import Bericht, DeclaratieRegel, Richting
from resultaat.iwmo.parse import Bericht as Gelezen
from resultaat.iwmo.regels import Probleem
from resultaat.organisaties.models import Aanbieder, Gemeente
from resultaat.toewijzingen.models import Levering, Toewijzing

# Keys per IN list: within SQLite's and PostgreSQL's parameter limits, few queries per batch.
PER = 900


@dataclass
class Uitkomst:
    bestandsnaam: str
    berichttype: str | None = None
    status: str = ""  # goedgekeurd, afgekeurd, technisch, dubbel
    problemen: list[Probleem] = field(default_factory=list)
    retour: bytes | None = None
    retour_naam: str | None = None
    bericht: Bericht | None = None

    @property
    def geldig(self) -> bool:
        return self.status in ("goedgekeurd", "dubbel-goedgekeurd")


@dataclass
class Werk:
    """One file on its way through the intake."""

    naam: str
    data: bytes
    sha: str
    uitkomst: Uitkomst
    root: Any = None
    gelezen: Gelezen | None = None
    gemeente: Gemeente | None = None
    aanbieder: Aanbieder | None = None


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class Identificaties:
    """BerichtIdentificaties for our retours, random like ``bouw.nieuwe_identificatie`` (12 hex
    characters; unique per sender and type as a database fact), drawn from the OS 512 at a time."""

    def __init__(self) -> None:
        self._voorraad: list[str] = []

    def __call__(self) -> str:
        if not self._voorraad:
            blok = secrets.token_hex(6 * 512).upper()
            self._voorraad = [blok[i : i + 12] for i in range(0, len(blok), 12)]
        return self._voorraad.pop()


@dataclass(slots=True)
class LichteToewijzing:
    """What the 305/307 rules (``toewijzingen.regels``) and the audit rows need of a toewijzing: read
    with ``values_list`` for the whole batch, without a model instance per row."""

    pk: int
    nummer: int
    aanbieder_id: int
    client_id: int
    bsn: str
    categorie: str
    code: str
    ingangsdatum: dt.date
    einddatum: dt.date | None
    reden_wijziging: str
    reactie: str

    def is_actief_op(self, datum: dt.date) -> bool:
        return self.ingangsdatum <= datum and (self.einddatum is None or datum <= self.einddatum)


_TOEWIJZING_VELDEN = (
    "pk",
    "nummer",
    "aanbieder_id",
    "client_id",
    "client__bsn",
    "product__categorie",
    "product__code",
    "ingangsdatum",
    "einddatum",
    "reden_wijziging",
    "reactie",
)


def _in_delen(waarden: set[Any] | list[Any]) -> list[list[Any]]:
    lijst = list(waarden)
    return [lijst[i : i + PER] for i in range(0, len(lijst), PER)]


class Batch:
    """The state of one batch: loaded set-based, changed in memory as its files are checked."""

    def __init__(self, toepassen: bool = True, door: Any = None) -> None:
        self.toepassen = toepassen
        self.door = door
        self.vandaag = timezone.localdate()
        self.nu = timezone.now()
        self.identificatie = Identificaties()
        self.productcodes = set(Product.objects.values_list("categorie", "code"))
        self.gemeenten = {g.code: g for g in Gemeente.objects.all()}
        self.aanbieders: dict[str, Aanbieder] = {}
        # (gemeente pk, ToewijzingNummer) -> toewijzing; toewijzing pk -> client pk (for the audit rows).
        self.toewijzingen: dict[tuple[int, int], LichteToewijzing] = {}
        self.client_van: dict[int, int] = {}
        self.leveringen: dict[int, list[Levering]] = defaultdict(list)  # not withdrawn, oldest first
        self.nieuw: list[Levering] = []
        self.gewijzigd: dict[int, Levering] = {}
        self.berichten: list[Bericht] = []
        self.retouren: list[tuple[Bericht, Bericht]] = []
        self.nagestuurd: list[Callable[[], None]] = []  # run after the bulk writes
        self.declaratieregels: list[DeclaratieRegel] = []  # prestaties of the 323s before, this batch
        self.eerder: dict[tuple[str, str, str], Bericht] = {}
        self.in_batch: dict[tuple[str, str, str], Werk] = {}

    def _laad(self, werk: list[Werk]) -> None:
        gelezen = [w.gelezen for w in werk if w.gelezen is not None]
        agbs = {g.header.afzender for g in gelezen} | {g.header.ontvanger for g in gelezen}
        self.aanbieders = {a.agb_code: a for a in Aanbieder.objects.filter(InWaarden("agb_code", agbs))}
        # Earlier messages with the same BerichtIdentificatie: a duplicate delivery, rare.
        sleutels: dict[tuple[str, str], set[str]] = defaultdict(set)
        for g in gelezen:
            sleutels[(g.header.afzender, g.header.berichtcode)].add(g.header.identificatie)
        for (afzender, code), reeks in sleutels.items():
            for deel in _in_delen(reeks):
                for eerder in (
                    Bericht.objects.filter(
                        InWaarden("identificatie", deel),
                        afzender=afzender,
                        berichtcode=code,
                        richting=Richting.IN,
                    )
                    .defer("inhoud")
                    .prefetch_related("retouren")
                ):
                    self.eerder[(eerder.afzender, eerder.berichtcode, eerder.identificatie)] = eerder
        # The toewijzingen the files name, and their leveringen.
        nummers: dict[int, set[int]] = defaultdict(set)
        for g in gelezen:
            if g.header.ontvanger not in self.gemeenten:
                continue
            gid = self.gemeenten[g.header.ontvanger].id
            nummers[gid].update(p.toewijzingnummer for p in g.producten if p.toewijzingnummer is not None)
            nummers[gid].update(pr.toewijzingnummer for _, pr in g.prestaties)
        for gid, getallen in nummers.items():
            for deel in _in_delen(getallen):
                rijen = (
                    Toewijzing.objects.filter(InWaarden("nummer", deel), gemeente_id=gid)
                    .order_by()
                    .values_list(*_TOEWIJZING_VELDEN)
                )
                for rij in rijen:
                    t = LichteToewijzing(*rij)
                    self.toewijzingen[(gid, t.nummer)] = t
                    self.client_van[t.pk] = t.client_id
        for deel in _in_delen(list(self.client_van)):
            # In date order per toewijzing, without the join the model's ordering would need.
            for lev in Levering.objects.filter(InWaarden("toewijzing_id", deel), verwijderd=False).order_by(
                "begindatum", "pk"
            ):
                self.leveringen[lev.toewijzing_id].append(lev)
        for lijst in self.leveringen.values():
            lijst.sort(key=lambda x: x.begindatum)

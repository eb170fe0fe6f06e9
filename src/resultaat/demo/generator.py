"""A deterministic demo region: "Regio Alkmaar (demo)", built fast with set-based writes.

:func:`genereer_demo` builds five gemeenten with their real CBS codes, eight providers (AGB code, KvK
number, IBAN with a computed mod-97 check), one regional contract per provider with contracted
products, capacity, waiting times and two subcontractors, a sociale kaart per gemeente, demo users
for every role, and N clients spread over every stage of the chain: melding (some past the six-week
deadline), onderzoek with ZRM scores, aanvraag awaiting a decision, beschikking toegekend and
afgewezen, toewijzing sent but not started, started, temporarily stopped (reden 20) and resumed,
stopped (reden 19 volgens plan, reden 02 overlijden), provider switches (old toewijzing ended with
reden_wijziging 09, the new one with ``voorganger`` starting the next day), ondersteuningsplannen
with doelen, activiteiten and the Plus, evaluaties, signalen and werklijst items. After the bulk part,
a few actions go through the services as a demo login would make them: two providers return a new
toewijzing, three ask for a toewijzing and for a change (:mod:`resultaat.demo.iwmo`), and the last two
finished periods of Alkmaar are settled and approved by the ``financieel`` login, so the providers have
payment specifications (:mod:`resultaat.demo.bekostiging`).

Determinism: every choice comes from one ``random.Random(seed)`` consumed in a fixed order, and every
date is anchored on ``vandaag``. The same seed, number of clients and ``vandaag`` give the same rows;
only what the services write after the bulk part carries the real moment and the services' own
references (a request's submission time and PORTAAL reference, a run's creation time). The
registration timestamps that the models fill with
``auto_now_add`` (Client.aangemaakt_op, ToewijzingVersie.vastgelegd_op, Levering.start_gemeld_op,
WerklijstItem.aangemaakt_op) are set from the demo's own timeline while the generator runs; only the
audit trail (AuditEvent.tijdstip) records the real moment, because it must say when the generator
actually wrote.

Write paths: where the demo does an act the portal, API or iWmo intake also does, it calls the same
service: the starts, stops and resumptions of every levering (``meld_start``, ``meld_stop`` with the
demo's ``gemeld_op``), the sociale kaart (``bewaar_voorziening``), the portal actions and the
settlement runs. The rest of a client's history (melding to beschikking, toewijzingen and their
versions, plans, evaluaties, signalen, werklijst items) is back-dated history that the services,
which act at the real moment as a named login, cannot write; it is built in memory in chunks and
written with ``bulk_create`` in one transaction, in foreign-key order (see
:mod:`resultaat.demo.opslag`). Every write of client data also writes its audit events (see
:mod:`resultaat.core.audit.models`), attributed to the actor ``ACTOR`` ("opbouw demoregio").

Voorbeeldtarieven (demo): the catalogue migration has no tariffs for 2025 and later, so the demo adds
example tariffs per four-week period, valid from 2025-01-01, for the products it uses and only where
no tariff exists yet (see ``PRODUCTEN``). They are demo figures, not negotiated prices.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import time
from collections import Counter
from collections.abc import Iterator

from django.db import transaction
from django.utils import timezone

from resultaat.clienten.models import Client
from resultaat.core.audit.context import acting_as
from resultaat.demo.basis import (
    ACTOR,
    CHUNK,
    DemoBestaatAl,
    DemoFout,
    Fase,
    bsn_reeks,
    fase_verdeling,
)
from resultaat.demo.batch import (
    _Batch,
)
from resultaat.demo.bekostiging import (
    BekostigingMixin,
)
from resultaat.demo.berichten import BerichtenMixin
from resultaat.demo.catalogus import (
    CatalogusMixin,
)
from resultaat.demo.conversie import ConversieMixin
from resultaat.demo.eigen_bijdrage import EigenBijdrageMixin
from resultaat.demo.herindicatie import HerindicatieMixin
from resultaat.demo.iwmo import (
    IwmoMixin,
)
from resultaat.demo.kwaliteit import KwaliteitMixin
from resultaat.demo.opslag import (
    OpslagMixin,
)
from resultaat.demo.organisaties import (
    OrganisatiesMixin,
)
from resultaat.demo.scenarios import ScenarioMixin
from resultaat.demo.sturing import kengetallen
from resultaat.demo.termijnen import TermijnenMixin
from resultaat.demo.toegang import (
    ToegangMixin,
)
from resultaat.demo.verslag import (
    DemoVerslag,
)
from resultaat.toewijzingen.models import (
    Levering,
    ToewijzingVersie,
)
from resultaat.werklijst.models import WerklijstItem

# --------------------------------------------------------------------------------------------------
# The generator
# --------------------------------------------------------------------------------------------------


@contextlib.contextmanager
def _tijdstempels_uit_demo() -> Iterator[None]:
    """Let the demo set the registration timestamps that auto_now_add would set to the real now."""
    velden = [
        Client._meta.get_field("aangemaakt_op"),
        ToewijzingVersie._meta.get_field("vastgelegd_op"),
        Levering._meta.get_field("start_gemeld_op"),
        WerklijstItem._meta.get_field("aangemaakt_op"),
    ]
    for veld in velden:
        veld.auto_now_add = False
    try:
        yield
    finally:
        for veld in velden:
            veld.auto_now_add = True


class _Generator(
    ToegangMixin,
    CatalogusMixin,
    OrganisatiesMixin,
    OpslagMixin,
    IwmoMixin,
    HerindicatieMixin,
    TermijnenMixin,
    ScenarioMixin,
    BekostigingMixin,
    EigenBijdrageMixin,
    ConversieMixin,
    KwaliteitMixin,
    BerichtenMixin,
):
    """The whole demo: the fixed region, then the clients in chunks, then the services' part."""

    def run(self) -> DemoVerslag:
        self.rijen = Counter()
        self.catalogus()
        self.regio()
        self.contracteer()
        logins = self.gebruikers()
        self.sociale_kaart()
        fasen = fase_verdeling(self.n, self.rng)
        bsns = bsn_reeks(self.rng)
        for begin in range(0, self.n, CHUNK):
            batch = _Batch()
            for nr in range(begin, min(begin + CHUNK, self.n)):
                self.maak(batch, next(bsns), fasen[nr])
            self.opslaan(batch)
        self.contractregels()
        return DemoVerslag(
            clienten=self.n,
            seed=self.seed,
            vandaag=self.vandaag,
            fasen={f.value: self.teller[f.value] for f in Fase},
            aantallen=dict(self.rijen),
            logins=logins,
            tarieven=self.nieuwe_tarieven,
        )


def genereer_demo(
    *,
    clienten: int = 500,
    seed: int = 1,
    vandaag: dt.date | None = None,
) -> DemoVerslag:
    """Build the demo region with ``clienten`` clients into an empty database, in one transaction.

    Raises :class:`DemoBestaatAl` when clients exist, :class:`DemoFout` when the catalogue is incomplete.
    """
    if clienten < 1:
        raise DemoFout("Het aantal cliënten moet minstens 1 zijn.")
    begonnen = time.perf_counter()
    vandaag = vandaag or timezone.localdate()
    aantal = Client.objects.count()
    if aantal:
        raise DemoBestaatAl(aantal)
    generator = _Generator(clienten=clienten, seed=seed, vandaag=vandaag)
    with transaction.atomic(), acting_as(ACTOR):
        with _tijdstempels_uit_demo():
            verslag = generator.run()
        generator.portaal()
        generator.herindicaties()
        generator.termijnen()
        generator.settlement_scenarios()
        generator.afrekeningen()
        generator.eigen_bijdrage()
        generator.conversie()
        generator.kwaliteit()
        generator.berichtenverkeer()
        kengetallen(vandaag)  # not client data: not in the audited counts of the report
    verslag.aantallen.update(generator.portaal_acties)
    verslag.scenarios = dict(generator.scenarios)
    verslag.seconden = time.perf_counter() - begonnen
    return verslag

"""The writes of the conversion: an import of existing indications (upload, column mapping, dry run,
reading in batches that resume after an interruption) and the scenarios that convert them.

Every row is checked completely before anything of it is written (``controle.lees_regel``); a batch
writes its clients, indications, messages and its progress in one transaction, so an interrupted run
leaves whole batches and the next run starts after the last one. New clients are registered through
``clienten.services.registreer_clienten``, the set-based form of the one registration path.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from resultaat.accounts.models import Rol
from resultaat.catalogus.models import Product, Resultaat
from resultaat.clienten.models import Client
from resultaat.clienten.services import NieuweClient, registreer_clienten
from resultaat.conversie.controle import Afgekeurd, Regel, lees_blok, lees_regel, zet_opzoeklijsten
from resultaat.conversie.gebeurtenissen import IMPORT_INGELEZEN
from resultaat.conversie.lezen import VELD_CODES, VELDEN, gegevensrijen, kolommen_van, raad_koppeling
from resultaat.conversie.models import (
    BestaandeIndicatie,
    Importmelding,
    ImportStatus,
    Indicatieimport,
    MeldingSoort,
    Omzetregel,
    Samenvoegen,
    Scenario,
)
from resultaat.conversie.scenario import Vergelijking, bereken
from resultaat.conversie.sql import voeg_indicaties_in
from resultaat.core.audit.context import acting_as
from resultaat.core.audit.gebeurtenissen import leg_vast
from resultaat.organisaties.models import Aanbieder, Gemeente

BATCH = 2000
MAX_BESTAND = 50 * 1024 * 1024


def _mag_inlezen(door: Any, gemeente: Gemeente) -> None:
    if door.rol not in {Rol.CONSULENT, Rol.BEHEERDER} and not door.is_superuser:
        raise PermissionDenied("Alleen een consulent of beheerder kan bestaande indicaties inlezen.")
    if not door.is_superuser and not door.gemeenten.filter(pk=gemeente.pk).exists():
        raise ValidationError({"gemeente": "U kunt alleen indicaties inlezen voor uw eigen gemeente(n)."})


def nieuwe_import(*, door: Any, gemeente: Gemeente, bestandsnaam: str, inhoud: bytes) -> Indicatieimport:
    """Store an uploaded CSV or XLSX file with its columns and a first guess of the column mapping."""
    _mag_inlezen(door, gemeente)
    if len(inhoud) > MAX_BESTAND:
        raise ValidationError({"bestand": "Het bestand is groter dan 50 MB; splits het in delen."})
    kolommen, aantal = kolommen_van(inhoud)
    if not aantal:
        raise ValidationError({"bestand": "Het bestand heeft geen regels onder de kolomnamen."})
    return Indicatieimport.objects.create(
        gemeente=gemeente,
        bestandsnaam=bestandsnaam[:200],
        inhoud=inhoud,
        kolommen=kolommen,
        koppeling=raad_koppeling(kolommen),
        regels=aantal,
        aangemaakt_door=door,
    )


def koppel_kolommen(*, door: Any, indicatieimport: Indicatieimport, koppeling: dict[str, str]) -> None:
    """Set which column holds which field; every required field needs a column of the file."""
    _mag_inlezen(door, indicatieimport.gemeente)
    if indicatieimport.status in (ImportStatus.BEZIG, ImportStatus.KLAAR):
        raise ValidationError("Dit bestand wordt al ingelezen; de koppeling kan niet meer veranderen.")
    koppeling = {veld: kolom for veld, kolom in koppeling.items() if veld in VELD_CODES and kolom}
    onbekend = sorted(set(koppeling.values()) - set(indicatieimport.kolommen))
    if onbekend:
        raise ValidationError(f"Het bestand heeft geen kolom {', '.join(onbekend)}.")
    ontbreekt = [v.label for v in VELDEN if v.verplicht and v.code not in koppeling]
    if ontbreekt:
        raise ValidationError(f"Kies een kolom voor: {', '.join(ontbreekt)}.")
    indicatieimport.koppeling = koppeling
    indicatieimport.status = ImportStatus.KOPPELEN
    indicatieimport.save(update_fields=["koppeling", "status"])


class Context:
    """What the checks of an import look up, prepared once per run: its gemeente by code and name,
    providers by AGB code, the gemeente's clients by BSN, the old indications already imported (client's
    BSN, product, start) and the BSNs of clients already converted. A run that writes keeps them up to
    date with what it wrote."""

    def __init__(self, indicatieimport: Indicatieimport) -> None:
        gemeente = indicatieimport.gemeente
        self.gemeente = gemeente
        self.gemeenten = {gemeente.code: gemeente.pk, gemeente.naam.lower(): gemeente.pk}
        self.aanbieders = dict(Aanbieder.objects.values_list("agb_code", "pk"))
        self.clienten: dict[str, int] = dict(
            Client.objects.filter(gemeente=gemeente).values_list("bsn", "pk")
        )
        self.bestaand: set[tuple[str, str, dt.date]] = set()
        self.omgezet: set[str] = set()
        indicaties = BestaandeIndicatie.objects.filter(client__gemeente=gemeente).values_list(
            "client__bsn", "product", "begindatum", "omgezet_op"
        )
        for bsn, product, begin, omgezet_op in indicaties.iterator(chunk_size=10_000):
            self.bestaand.add((bsn, product, begin))
            if omgezet_op is not None:
                self.omgezet.add(bsn)

    def lees(self, nummer: int, cellen: dict[str, Any]) -> Regel:
        return lees_regel(nummer, cellen, gemeenten=self.gemeenten, aanbieders=self.aanbieders)


def _ontbrekende_koppeling(indicatieimport: Indicatieimport) -> None:
    ontbreekt = [v.label for v in VELDEN if v.verplicht and v.code not in indicatieimport.koppeling]
    if ontbreekt:
        raise ValidationError(f"Kies eerst een kolom voor: {', '.join(ontbreekt)}.")


def _beoordeel(
    ctx: Context, gelezen: Iterable[Regel | Afgekeurd], gezien: set[tuple[str, str, dt.date]]
) -> tuple[list[Regel], list[Importmelding]]:
    """Check a batch of read rows against each other and what the database holds: the valid new rows
    and the messages."""
    nieuw: list[Regel] = []
    meldingen: list[Importmelding] = []
    for regel in gelezen:
        if isinstance(regel, Afgekeurd):
            meldingen.append(
                Importmelding(regel=regel.nummer, soort=MeldingSoort.FOUT, tekst=f"{regel}."[:500])
            )
            continue
        sleutel = (regel.bsn, regel.product, regel.begindatum)
        if regel.bsn in ctx.omgezet:
            meldingen.append(
                Importmelding(
                    regel=regel.nummer,
                    soort=MeldingSoort.FOUT,
                    tekst="Deze cliënt is al omgezet naar resultaatfinanciering; de regel is niet ingelezen.",
                )
            )
        elif sleutel in ctx.bestaand or sleutel in gezien:
            meldingen.append(
                Importmelding(
                    regel=regel.nummer,
                    soort=MeldingSoort.DUBBEL,
                    tekst=f"Deze indicatie ({regel.product} vanaf {regel.begindatum:%d-%m-%Y}) is al "
                    "ingelezen; de regel is overgeslagen.",
                )
            )
        else:
            gezien.add(sleutel)
            nieuw.append(regel)
    return nieuw, meldingen


def _gelezen_batches(
    ctx: Context,
    rijen: Iterator[tuple[int, dict[str, Any]]],
    batch: int,
    max_regels: int | None,
    processen: int,
) -> Iterator[tuple[int, list[Regel | Afgekeurd]]]:
    """(last row number, each row read or refused) per batch of at most ``batch`` rows, ``max_regels``
    rows in all. With ``processen`` > 1 the rows are read in a second process while this one writes the
    batch before (reading and checking a row is plain Python and needs no database)."""
    gedaan = 0

    def blokken() -> Iterator[list[tuple[int, dict[str, Any]]]]:
        nonlocal gedaan
        while max_regels is None or gedaan < max_regels:
            grootte = batch if max_regels is None else min(batch, max_regels - gedaan)
            blok = list(islice(rijen, grootte))
            if not blok:
                return
            gedaan += len(blok)
            yield blok

    if processen <= 1:
        for blok in blokken():
            yield blok[-1][0], lees_blok(blok, ctx.gemeenten, ctx.aanbieders)
        return
    with ProcessPoolExecutor(
        max_workers=processen - 1,
        mp_context=multiprocessing.get_context("fork"),
        initializer=zet_opzoeklijsten,
        initargs=(ctx.gemeenten, ctx.aanbieders),
    ) as pool:
        wachtend: deque[tuple[int, Future[list[Regel | Afgekeurd]]]] = deque()
        for blok in blokken():
            wachtend.append((blok[-1][0], pool.submit(lees_blok, blok)))
            if len(wachtend) > processen:
                laatste, klaar = wachtend.popleft()
                yield laatste, klaar.result()
        while wachtend:
            laatste, klaar = wachtend.popleft()
            yield laatste, klaar.result()


def proefdraai(*, door: Any, indicatieimport: Indicatieimport, processen: int = 1) -> Indicatieimport:
    """Check every row without importing anything; the messages of the dry run replace earlier ones."""
    _mag_inlezen(door, indicatieimport.gemeente)
    _ontbrekende_koppeling(indicatieimport)
    if indicatieimport.status in (ImportStatus.BEZIG, ImportStatus.KLAAR):
        raise ValidationError("Dit bestand wordt al ingelezen.")
    ctx = Context(indicatieimport)
    gezien: set[tuple[str, str, dt.date]] = set()
    meldingen: list[Importmelding] = []
    rijen = gegevensrijen(bytes(indicatieimport.inhoud), indicatieimport.koppeling)
    for _, gelezen in _gelezen_batches(ctx, rijen, BATCH, None, processen):
        meldingen.extend(_beoordeel(ctx, gelezen, gezien)[1])
    with transaction.atomic():
        indicatieimport.meldingen.all().delete()
        for m in meldingen:
            m.indicatieimport = indicatieimport
            m.proef = True
        Importmelding.objects.bulk_create(meldingen, batch_size=BATCH)
        indicatieimport.afgekeurd = sum(m.soort == MeldingSoort.FOUT for m in meldingen)
        indicatieimport.ingelezen = 0
        indicatieimport.status = ImportStatus.GECONTROLEERD
        indicatieimport.save(update_fields=["afgekeurd", "ingelezen", "status"])
    return indicatieimport


def _schrijf(door: Any, ctx: Context, indicatieimport: Indicatieimport, regels: list[Regel]) -> int:
    """Register the clients that are new and write the indications of ``regels``."""
    bekend = ctx.clienten
    nieuw: dict[str, NieuweClient] = {}
    for r in regels:
        if r.bsn not in bekend and r.bsn not in nieuw:
            nieuw[r.bsn] = NieuweClient(
                r.bsn,
                r.gemeente_id,
                r.naam.voorletters[:20],
                r.naam.tussenvoegsel[:20],
                r.naam.achternaam[:200],
                r.geboortedatum,
                r.straat,
                r.huisnummer,
                r.postcode,
                r.woonplaats,
            )
    if nieuw:
        # Kept in the run's lookups at once: a batch that fails ends the run, the next one looks again.
        ids = registreer_clienten(door=door, clienten=list(nieuw.values()))
        bekend.update((bsn, pk) for (_, bsn), pk in ids.items())
    voeg_indicaties_in(
        indicatieimport.pk,
        [
            (
                r.nummer,
                bekend[r.bsn],
                r.gemeente_id,
                r.product,
                r.uren,
                r.aanbieder_id,
                r.begindatum,
                r.einddatum,
                r.besluitdatum,
            )
            for r in regels
        ],
    )
    return len(regels)


def lees_in(
    *,
    door: Any,
    indicatieimport: Indicatieimport,
    max_regels: int | None = None,
    batch: int = BATCH,
    processen: int = 1,
) -> Indicatieimport:
    """Import the valid rows in batches from where the last run stopped (at most ``max_regels`` rows this
    call, all when None). Each batch is one transaction with its progress: no row is imported twice.
    With ``processen`` 2 the rows are read and checked in a second process while this one writes."""
    _mag_inlezen(door, indicatieimport.gemeente)
    _ontbrekende_koppeling(indicatieimport)
    indicatieimport.refresh_from_db()  # a page or command may hold an older copy
    if indicatieimport.status == ImportStatus.KLAAR:
        return indicatieimport
    if indicatieimport.status != ImportStatus.BEZIG:
        with transaction.atomic():
            indicatieimport.meldingen.all().delete()
            indicatieimport.status = ImportStatus.BEZIG
            indicatieimport.verwerkt_tot = indicatieimport.ingelezen = indicatieimport.afgekeurd = 0
            indicatieimport.save(update_fields=["status", "verwerkt_tot", "ingelezen", "afgekeurd"])
    ctx = Context(indicatieimport)
    rijen = gegevensrijen(
        bytes(indicatieimport.inhoud), indicatieimport.koppeling, vanaf=indicatieimport.verwerkt_tot + 1
    )
    gezien: set[tuple[str, str, dt.date]] = set()
    with acting_as(door):
        for laatste, gelezen in _gelezen_batches(ctx, rijen, batch, max_regels, processen):
            regels, meldingen = _beoordeel(ctx, gelezen, gezien)
            try:
                with transaction.atomic():
                    # Another run of this import (a second tab, the command) may have written this batch.
                    nu = Indicatieimport.objects.select_for_update().values_list("verwerkt_tot", flat=True)
                    if nu.get(pk=indicatieimport.pk) != indicatieimport.verwerkt_tot:
                        raise ValidationError(
                            "Dit bestand wordt op dit moment ook elders ingelezen; ververs de pagina."
                        )
                    ingelezen = _schrijf(door, ctx, indicatieimport, regels) if regels else 0
                    for m in meldingen:
                        m.indicatieimport = indicatieimport
                    Importmelding.objects.bulk_create(meldingen)
                    indicatieimport.verwerkt_tot = laatste
                    indicatieimport.ingelezen += ingelezen
                    indicatieimport.afgekeurd += sum(m.soort == MeldingSoort.FOUT for m in meldingen)
                    indicatieimport.save(update_fields=["verwerkt_tot", "ingelezen", "afgekeurd"])
            except IntegrityError:
                # Another import of the same gemeente wrote one of these clients or indications since
                # this run looked: the batch is not written, a next run reports them as already there.
                raise ValidationError(
                    "Een ander bestand van deze gemeente wordt tegelijk ingelezen; start deze import "
                    "daarna opnieuw, hij gaat verder waar hij was."
                ) from None
        if indicatieimport.verwerkt_tot >= indicatieimport.regels:
            with transaction.atomic():
                indicatieimport.status = ImportStatus.KLAAR
                indicatieimport.save(update_fields=["status"])
                leg_vast(
                    IMPORT_INGELEZEN,
                    indicatieimport,
                    bestand=indicatieimport.bestandsnaam,
                    ingelezen=indicatieimport.ingelezen,
                    afgekeurd=indicatieimport.afgekeurd,
                )
    return indicatieimport


# --- Scenarios ------------------------------------------------------------------------------------------


def _mag_scenario(door: Any, gemeente: Gemeente) -> None:
    if door.rol not in {Rol.BEHEERDER, Rol.CONTRACTMANAGER} and not door.is_superuser:
        raise PermissionDenied("Alleen een beheerder of contractmanager kan scenario's maken.")
    if not door.is_superuser and not door.gemeenten.filter(pk=gemeente.pk).exists():
        raise ValidationError({"gemeente": "U kunt alleen scenario's maken voor uw eigen gemeente(n)."})


def maak_scenario(
    *,
    door: Any,
    gemeente: Gemeente,
    naam: str,
    omzetdatum: dt.date,
    uurtarieven: dict[str, int],
    regels: list[dict[str, Any]],
    gesprek_vanaf_procent: int = 20,
    omschrijving: str = "",
    samenvoegen: str = Samenvoegen.OPTELLEN,
) -> Scenario:
    """A scenario with its rules: each rule a dict with ``oud_product``, ``min_minuten``, ``max_minuten``,
    ``nieuw_product`` (a Product) and ``minuten_na`` (None: the new product has no time measure)."""
    _mag_scenario(door, gemeente)
    if Scenario.objects.filter(gemeente=gemeente, naam=naam).exists():
        raise ValidationError({"naam": "Er is al een scenario met deze naam."})
    if not 0 < gesprek_vanaf_procent <= 100:
        raise ValidationError({"gesprek_vanaf_procent": "Kies een percentage tussen 1 en 100."})
    if samenvoegen not in Samenvoegen.values:
        raise ValidationError({"samenvoegen": "Kies 'uren optellen' of 'de hoogste indicatie telt'."})
    if any(not isinstance(b, int) or b <= 0 for b in uurtarieven.values()):
        raise ValidationError({"uurtarieven": "Een uurtarief is een bedrag groter dan nul."})
    objecten = [Omzetregel(**r) for r in regels]
    for regel in objecten:
        if regel.max_minuten < regel.min_minuten:
            raise ValidationError(f"Regel {regel.oud_product}: 'tot en met' ligt onder 'vanaf'.")
    with transaction.atomic():
        scenario = Scenario.objects.create(
            gemeente=gemeente,
            naam=naam,
            omschrijving=omschrijving,
            omzetdatum=omzetdatum,
            uurtarieven={k.upper(): v for k, v in uurtarieven.items()},
            gesprek_vanaf_procent=gesprek_vanaf_procent,
            samenvoegen=samenvoegen,
        )
        for regel in objecten:
            regel.scenario = scenario
            regel.oud_product = regel.oud_product.upper()
        Omzetregel.objects.bulk_create(objecten)
    return scenario


def regels_uit_tijdsbanden(
    datum: dt.date, oude_producten: Iterable[str] = ("HH1", "HH2"), *, verschuiving_minuten: int = 0
) -> list[dict[str, Any]]:
    """Rules from the catalogue's time bands (seed 003): hours per week within a band become the product of
    that band; below the first band counts as the first. ``verschuiving_minuten`` moves every boundary
    (a stricter or milder scenario). Help after is the middle of the band."""
    producten = list(
        Product.objects.geldig_op(datum)
        .filter(tijdsband__isnull=False)
        .select_related("tijdsband")
        .order_by("tijdsband__min_minuten")
    )
    regels = []
    for oud in oude_producten:
        for i, product in enumerate(producten):
            band = product.tijdsband
            assert band is not None
            regels.append(
                {
                    "oud_product": oud,
                    "min_minuten": 0 if i == 0 else max(0, band.min_minuten + verschuiving_minuten),
                    "max_minuten": max(0, band.max_minuten + verschuiving_minuten),
                    "nieuw_product": product,
                    "minuten_na": (band.min_minuten + band.max_minuten) // 2,
                }
            )
    return regels


BEGELEIDING = ("BGL", "BGM", "BGZ")
BEGELEIDING_RESULTAAT = "regelvermogen-zelfregie"


def regels_begeleiding(
    datum: dt.date, *, licht_tot_minuten: int, midden_tot_minuten: int, oud_product: str = "BG"
) -> list[dict[str, Any]]:
    """Begeleiding hours per week to seed 001's complexity levels: up to ``licht_tot_minuten`` light, up to
    ``midden_tot_minuten`` middle, above that heavy (up to 40 hours). The levels have no time measure."""
    if not 0 < licht_tot_minuten < midden_tot_minuten:
        raise ValidationError("De grens voor licht moet onder die voor midden liggen.")
    producten = {p.code: p for p in Product.objects.geldig_op(datum).filter(code__in=BEGELEIDING)}
    if len(producten) != len(BEGELEIDING):
        raise ValidationError("De catalogus mist een van de producten Begeleiding licht, midden of zwaar.")
    # The old indication names no result; "regelvermogen en zelfregie" is the broadest one of the domain.
    resultaat = Resultaat.objects.geldig_op(datum).filter(code=BEGELEIDING_RESULTAAT).first()
    grenzen = (
        (0, licht_tot_minuten),
        (licht_tot_minuten + 1, midden_tot_minuten),
        (midden_tot_minuten + 1, 2400),
    )
    return [
        {
            "oud_product": oud_product,
            "min_minuten": van,
            "max_minuten": tot,
            "nieuw_product": producten[code],
            "minuten_na": None,
            "resultaat": resultaat,
        }
        for code, (van, tot) in zip(BEGELEIDING, grenzen, strict=True)
    ]


def maak_standaardscenario(
    *,
    door: Any,
    gemeente: Gemeente,
    naam: str,
    omzetdatum: dt.date,
    uurtarieven: dict[str, int],
    verschuiving_minuten: int = 0,
    licht_tot_minuten: int = 120,
    midden_tot_minuten: int = 300,
    gesprek_vanaf_procent: int = 20,
    samenvoegen: str = Samenvoegen.OPTELLEN,
) -> Scenario:
    """A scenario from the catalogue: HH1 and HH2 by the time bands of "schoon en leefbaar huis" (seed
    003), begeleiding (BG) by complexity (seed 001), with the gemeente's own boundaries and tariffs."""
    _mag_scenario(door, gemeente)
    regels = regels_uit_tijdsbanden(omzetdatum, verschuiving_minuten=verschuiving_minuten)
    if not regels:
        raise ValidationError("De catalogus heeft op deze datum geen tijdsbanden voor huishoudelijke hulp.")
    regels += regels_begeleiding(
        omzetdatum, licht_tot_minuten=licht_tot_minuten, midden_tot_minuten=midden_tot_minuten
    )
    verschuiving = f"{verschuiving_minuten:+d} minuten" if verschuiving_minuten else "zoals in de catalogus"
    return maak_scenario(
        door=door,
        gemeente=gemeente,
        naam=naam,
        omzetdatum=omzetdatum,
        uurtarieven=uurtarieven,
        regels=regels,
        gesprek_vanaf_procent=gesprek_vanaf_procent,
        samenvoegen=samenvoegen,
        omschrijving=f"Tijdsbanden {verschuiving}; begeleiding licht tot en met {licht_tot_minuten}, "
        f"midden tot en met {midden_tot_minuten} minuten per week.",
    )


def vergelijk(scenarios: Iterable[Scenario]) -> list[Vergelijking]:
    """Each scenario computed over the gemeente's old indications in force on its conversion date."""
    return [bereken(s) for s in scenarios]

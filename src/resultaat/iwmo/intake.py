"""Intake of incoming iWmo files: gate, XSD (level 1), in-message rules (level 2), rules on our data
(level 3/4), effects, and the retour — for a batch of files at once, set-based.

A batch is checked first and then written in one transaction. Every file is checked one after the
other against the database *and* the effects of the files before it in the same batch (validate, then
apply): a file that breaks a rule gets its retour and changes nothing, while the good files of the
batch are applied. If the batch's write still hits a database constraint (another process stored the
same message in the meantime), the batch is redone one file at a time, each in its own transaction.
On any other error nothing of the batch is applied.

The common case is kept cheap (see "Benchmark" in docs/iwmo.md): what a batch needs (toewijzingen,
leveringen, earlier messages) is loaded in a few queries; a 305/307 is read straight from the tree;
a header-only retour is written from a template; messages, leveringen and their audit events are
inserted with one multi-row INSERT per table instead of the ORM's per-object work.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import gc
import hashlib
import logging
import operator
import secrets
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, cast
from xml.sax.saxutils import escape

from django.db import IntegrityError, connections, models, router, transaction
from django.db.models.base import ModelState
from django.utils import timezone

from resultaat.catalogus.codes import WJ756Eenheid, WMO002RedenWijziging
from resultaat.catalogus.models import Product
from resultaat.clienten.models import Client
from resultaat.core.audit.context import acting_as
from resultaat.core.audit.models import Actie, record_rijen
from resultaat.core.validators import bsn_is_valid
from resultaat.core.werkdagen import plus_werkdagen
from resultaat.iwmo import bouw, xml
from resultaat.iwmo.declaratie import eenheidstarief, verschuldigd_bedrag
from resultaat.iwmo.models import (
    Bericht,
    BerichtStatus,
    DeclaratieRegel,
    Richting,
    Verzoek,
    VerzoekSoort,
)
from resultaat.iwmo.parse import Bericht as Gelezen
from resultaat.iwmo.parse import Header, LeveringProduct, naar_dict, ontleed
from resultaat.iwmo.regels import Probleem
from resultaat.organisaties.models import Aanbieder, Gemeente
from resultaat.toewijzingen.models import Levering, LeveringBron, ReactieAanbieder, Toewijzing
from resultaat.toewijzingen.regels import start_bezwaren, stop_beoordeling
from resultaat.werklijst.models import WerklijstItem, WerklijstSoort

logger = logging.getLogger(__name__)


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
class _Werk:
    naam: str
    data: bytes
    sha: str
    uitkomst: Uitkomst
    root: Any = None
    gelezen: Gelezen | None = None
    gemeente: Gemeente | None = None
    aanbieder: Aanbieder | None = None


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# --- Level 1 and the gate ------------------------------------------------------------------------------


def controleer_technisch(naam: str, data: bytes, *, alleen_xsd: bool = False) -> _Werk:
    werk = _Werk(naam, data, _sha(data), Uitkomst(naam))
    try:
        berichttype, root = xml.lees(data)
    except xml.BestandFout as fout:
        werk.uitkomst.status = "technisch"
        werk.uitkomst.problemen.append(Probleem(fout.regel, "/", fout.melding))
        return werk
    werk.uitkomst.berichttype = berichttype
    fouten = xml.valideer_xsd(berichttype, root)
    if fouten:
        werk.uitkomst.status = "technisch"
        werk.uitkomst.problemen += [Probleem("XSD", f.pad, f"regel {f.regel}: {f.melding}") for f in fouten]
        return werk
    for melding in xml.controleer_bestandsregels(data):
        werk.uitkomst.problemen.append(Probleem("OP192", "/", melding))
    if werk.uitkomst.problemen:
        werk.uitkomst.status = "technisch"
        return werk
    werk.root = root
    if not alleen_xsd:
        if berichttype in _LEVERINGKLASSE:
            werk.gelezen = lees_levering(berichttype, root)
        else:
            werk.gelezen = ontleed(berichttype, root)
    return werk


# --- Reading a 305/307 straight from the tree ------------------------------------------------------------

_LEVERINGKLASSE = {"WMO305": "StartProduct", "WMO307": "StopProduct"}


class _LuiInhoud(Mapping[str, Any]):
    """The message as nested dicts (``parse.naar_dict``), made only when someone asks for it."""

    def __init__(self, root: Any) -> None:
        self._root = root
        self._dict: dict[str, Any] | None = None

    def _d(self) -> dict[str, Any]:
        if self._dict is None:
            self._dict = naar_dict(self._root)
        return self._dict

    def __getitem__(self, sleutel: str) -> Any:
        return self._d()[sleutel]

    def __iter__(self) -> Iterator[str]:
        return iter(self._d())

    def __len__(self) -> int:
        return len(self._d())


@dataclass
class _GelezenLevering(Gelezen):
    client_bsn: str | None = None

    @property
    def bsn(self) -> str | None:
        return self.client_bsn


def _t(el: Any) -> str:
    return (el.text or "").strip()


def _naam(el: Any) -> str:
    tag: str = el.tag
    return tag[tag.rfind("}") + 1 :]


def lees_levering(berichttype: str, root: Any) -> Gelezen:
    """A 305 or 307 as :func:`parse.ontleed` reads it, straight from the tree. Call after XSD
    validation, on a tree from :func:`xml.lees` (its parser drops comments and processing
    instructions): the schema then fixes where each header element is, and that the Client starts with
    its Bsn and ends with the Start/StopProducten. ``inhoud`` (the nested dicts) is made when asked for."""
    kop, client = root[0], root[1]
    bid, versie = kop[5], kop[6]
    header = Header(
        berichtcode=_t(kop[0]),
        berichtversie=_t(kop[1]),
        berichtsubversie=_t(kop[2]),
        afzender=_t(kop[3]),
        ontvanger=_t(kop[4]),
        identificatie=_t(bid[0]),
        dagtekening=dt.date.fromisoformat(_t(bid[1])),
        basisschema_xsd_versie=_t(versie[0]),
        bericht_xsd_versie=_t(versie[1]),
    )
    stop = berichttype == "WMO307"
    klasse = _LEVERINGKLASSE[berichttype]
    pad = f"/Bericht/Client/{klasse}en/{klasse}"
    producten = []
    for i, el in enumerate(client[len(client) - 1], 1):
        d: dict[str, str] = {}
        for k in el:
            naam = _naam(k)
            if naam == "Product":
                for kk in k:
                    d[_naam(kk)] = _t(kk)
            else:
                d[naam] = _t(k)
        producten.append(
            LeveringProduct(
                pad=f"{pad}[{i}]",
                toewijzingnummer=int(d["ToewijzingNummer"]) if d.get("ToewijzingNummer") else None,
                categorie=d.get("Categorie"),
                code=d.get("Code"),
                toewijzing_ingangsdatum=_datum(d.get("ToewijzingIngangsdatum")),
                begindatum=dt.date.fromisoformat(d["Begindatum"]),
                status=d["StatusAanlevering"],
                reden=d.get("RedenBeeindiging", "") if stop else "",
                einddatum=_datum(d.get("Einddatum")),
            )
        )
    return _GelezenLevering(
        berichttype,
        header,
        cast(dict[str, Any], _LuiInhoud(root)),
        producten=producten,
        client_bsn=_t(client[0]),
    )


def _datum(waarde: str | None) -> dt.date | None:
    return dt.date.fromisoformat(waarde) if waarde else None


# --- The header-only retour ---------------------------------------------------------------------------


def _e(waarde: str) -> str:
    return escape(waarde) if ("&" in waarde or "<" in waarde or ">" in waarde) else waarde


def kop_retour(
    heen_type: str, h: Header, *, identificatie: str, dagtekening: dt.date, codes: list[str] | None = None
) -> bytes:
    """The header-only retour (fully approved: no RetourCodes; level 2: the codes), written from a
    template: the same bytes as :func:`bouw.header_retour` with ``dagtekening`` as DagtekeningRetour."""
    retour_type = xml.RETOUR_VAN[heen_type]
    basis, bericht = xml.xsd_versies(retour_type)
    xslt = f"    <XsltVersie>{xml.XSLT_VERSIE}</XsltVersie>\r\n" if codes else ""
    retourcodes = (
        "    <RetourCodes>\r\n"
        + "".join(f"      <RetourCode>{_e(c)}</RetourCode>\r\n" for c in codes)
        + "    </RetourCodes>\r\n"
        if codes
        else ""
    )
    return (
        "<?xml version='1.0' encoding='UTF-8'?>\r\n"
        f'<Bericht xmlns="{xml.namespace(retour_type)}" xmlns:iwmo="{xml.BASIS_NS}">\r\n'
        "  <Header>\r\n"
        f"    <BerichtCode>{xml.BERICHTCODES[retour_type]}</BerichtCode>\r\n"
        f"    <BerichtVersie>{_e(h.berichtversie)}</BerichtVersie>\r\n"
        f"    <BerichtSubversie>{_e(h.berichtsubversie)}</BerichtSubversie>\r\n"
        f"    <Afzender>{_e(h.afzender)}</Afzender>\r\n"
        f"    <Ontvanger>{_e(h.ontvanger)}</Ontvanger>\r\n"
        "    <BerichtIdentificatie>\r\n"
        f"      <iwmo:Identificatie>{_e(h.identificatie)}</iwmo:Identificatie>\r\n"
        f"      <iwmo:Dagtekening>{h.dagtekening.isoformat()}</iwmo:Dagtekening>\r\n"
        "    </BerichtIdentificatie>\r\n"
        "    <XsdVersie>\r\n"
        f"      <iwmo:BasisschemaXsdVersie>{_e(h.basisschema_xsd_versie)}</iwmo:BasisschemaXsdVersie>\r\n"
        f"      <iwmo:BerichtXsdVersie>{_e(h.bericht_xsd_versie)}</iwmo:BerichtXsdVersie>\r\n"
        "    </XsdVersie>\r\n"
        f"    <IdentificatieRetour>{_e(identificatie)}</IdentificatieRetour>\r\n"
        f"    <DagtekeningRetour>{dagtekening.isoformat()}</DagtekeningRetour>\r\n"
        f"{xslt}"
        "    <XsdVersieRetour>\r\n"
        f"      <iwmo:BasisschemaXsdVersie>{basis}</iwmo:BasisschemaXsdVersie>\r\n"
        f"      <iwmo:BerichtXsdVersie>{bericht}</iwmo:BerichtXsdVersie>\r\n"
        "    </XsdVersieRetour>\r\n"
        f"{retourcodes}"
        "  </Header>\r\n"
        "</Bericht>\r\n"
    ).encode()


# --- Level 2 --------------------------------------------------------------------------------------------


def _maand(begin: dt.date, eind: dt.date) -> bool:
    return begin.day == 1 and eind == begin.replace(day=calendar.monthrange(begin.year, begin.month)[1])


def niveau_2(g: Gelezen, productcodes: set[tuple[str, str]], vandaag: dt.date) -> list[Probleem]:
    p: list[Probleem] = []
    h = g.header
    if (h.basisschema_xsd_versie, h.bericht_xsd_versie) != xml.xsd_versies(g.berichttype):
        p.append(Probleem("IV034", "/Bericht/Header/XsdVersie"))
    if h.dagtekening > vandaag:
        p.append(Probleem("TR135", "/Bericht/Header/BerichtIdentificatie/Dagtekening"))
    bsns = [g.bsn] if g.bsn else [bsn for bsn, _ in g.prestaties]
    for bsn in dict.fromkeys(bsns):
        if not bsn_is_valid(bsn):
            p.append(Probleem("BSN", "/Bericht/Client/Bsn", f"BSN eindigend op {bsn[-3:]}."))
    for prod in g.producten:
        if prod.status not in ("1", "3"):
            p.append(Probleem("CS058", prod.pad + "/StatusAanlevering"))
        if prod.einddatum is not None and prod.einddatum < prod.begindatum:
            p.append(Probleem("CD027", prod.pad + "/Einddatum"))
        if prod.categorie and prod.code and (prod.categorie, prod.code) not in productcodes:
            p.append(Probleem("TR381", prod.pad + "/Product"))
    if g.berichttype == "WMO323":
        d = g.inhoud["Declaratie"]
        begin = dt.date.fromisoformat(d["DeclaratiePeriode"]["Begindatum"])
        eind = dt.date.fromisoformat(d["DeclaratiePeriode"]["Einddatum"])
        if not _maand(begin, eind):
            p.append(Probleem("CS340", "/Bericht/Declaratie/DeclaratiePeriode"))
        totaal = sum(pr.bedrag_signed for _, pr in g.prestaties)
        opgegeven = int(d["TotaalIngediendBedrag"]["TotaalBedrag"])
        if d["TotaalIngediendBedrag"]["DebetCredit"] == "C":
            opgegeven = -opgegeven
        if totaal != opgegeven:
            p.append(Probleem("TR343", "/Bericht/Declaratie/TotaalIngediendBedrag"))
        for _, pr in g.prestaties:
            if pr.eenheid == WJ756Eenheid.EUROS and pr.volume != pr.bedrag:
                p.append(Probleem("CS339", pr.pad + "/GeleverdVolume"))
            if pr.einddatum < pr.begindatum:
                p.append(Probleem("CD027", pr.pad + "/ProductPeriode"))
            if (pr.categorie, pr.code) not in productcodes:
                p.append(Probleem("TR381", pr.pad + "/ProductCode"))
    for gevraagd in _aangevraagd(g):
        product = gevraagd.get("Product") or {}
        if product.get("Code") and (product["Categorie"], product["Code"]) not in productcodes:
            p.append(Probleem("TR381", gevraagd["_pad"] + "/Product"))
    return p


def _aangevraagd(g: Gelezen) -> list[dict[str, Any]]:
    if g.berichttype == "WMO315":
        lijst = g.inhoud["Client"]["AangevraagdeProducten"]
        return [
            {**p, "_pad": f"/Bericht/Client/AangevraagdeProducten/AangevraagdProduct[{i}]"}
            for i, p in enumerate(lijst, 1)
        ]
    if g.berichttype == "WMO317":
        lijst = g.inhoud["Client"]["Verzoek"].get("NieuweProducten", [])
        return [
            {**p, "_pad": f"/Bericht/Client/Verzoek/NieuweProducten/NieuwProduct[{i}]"}
            for i, p in enumerate(lijst, 1)
        ]
    return []


# --- The batch -------------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Toewijzing:
    """What the 305/307 rules need of a toewijzing, loaded for the whole batch in one query per 900."""

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

    def is_actief_op(self, datum: dt.date) -> bool:
        return self.ingangsdatum <= datum and (self.einddatum is None or datum <= self.einddatum)


_TOEWIJZING_KOLOMMEN = (
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
)


class _Identificaties:
    """BerichtIdentificaties for our retours, random like ``bouw.nieuwe_identificatie`` (12 hex
    characters; unique per sender and type as a database fact), drawn from the OS 512 at a time."""

    def __init__(self) -> None:
        self._voorraad: list[str] = []

    def __call__(self) -> str:
        if not self._voorraad:
            blok = secrets.token_hex(6 * 512).upper()
            self._voorraad = [blok[i : i + 12] for i in range(0, len(blok), 12)]
        return self._voorraad.pop()


class Intake:
    """Checks (and with ``toepassen``) applies a batch of files. Use :func:`verwerk`."""

    def __init__(self, toepassen: bool = True) -> None:
        self.toepassen = toepassen
        self.vandaag = timezone.localdate()
        self.nu = timezone.now()
        self.identificatie = _Identificaties()
        self.productcodes = set(Product.objects.values_list("categorie", "code"))
        self.gemeenten = {g.code: g for g in Gemeente.objects.all()}
        self.aanbieders: dict[str, Aanbieder] = {}
        # State loaded for the batch, changed in memory as the files are applied one after the other.
        self.toewijzingen: dict[tuple[int, int], _Toewijzing] = {}
        self.client_van: dict[int, int] = {}  # toewijzing pk -> client pk (for the audit rows)
        self.leveringen: dict[int, list[Levering]] = defaultdict(list)
        self.nieuw: list[Levering] = []
        self.gewijzigd: dict[int, Levering] = {}
        self.berichten: list[Bericht] = []
        self.retouren: list[tuple[Bericht, Bericht]] = []
        self.nagestuurd: list[Any] = []  # callables run after the bulk writes
        self.eerder: dict[tuple[str, str, str], Bericht] = {}
        self.in_batch: dict[tuple[str, str, str], _Werk] = {}

    # -- loading, set-based (plain SQL for the long IN lists: the ORM prepares every parameter alone)
    def _laad(self, werk: list[_Werk]) -> None:
        agbs = {w.gelezen.header.afzender for w in werk if w.gelezen} | {
            w.gelezen.header.ontvanger for w in werk if w.gelezen
        }
        self.aanbieders = {a.agb_code: a for a in Aanbieder.objects.filter(agb_code__in=agbs)}
        sleutels: dict[tuple[str, str], set[str]] = defaultdict(set)
        for w in werk:
            if w.gelezen is not None:
                h = w.gelezen.header
                sleutels[(h.afzender, h.berichtcode)].add(h.identificatie)
        bestaand: list[int] = []
        for (afzender, code), reeks in sleutels.items():
            rijen = _in_lijst(_SQL_EERDER, [afzender, code, Richting.IN.value], list(reeks))
            bestaand += [pk for (pk,) in rijen]
        if bestaand:  # a duplicate delivery: rare, so the ORM may take its time
            for eerder in (
                Bericht.objects.filter(pk__in=bestaand).defer("inhoud").prefetch_related("retouren")
            ):
                self.eerder[(eerder.afzender, eerder.berichtcode, eerder.identificatie)] = eerder
        nummers: dict[int, set[int]] = defaultdict(set)
        for w in werk:
            g = w.gelezen
            if g is None or g.header.ontvanger not in self.gemeenten:
                continue
            gid = self.gemeenten[g.header.ontvanger].pk
            for p in g.producten:
                if p.toewijzingnummer is not None:
                    nummers[gid].add(p.toewijzingnummer)
            for _, pr in g.prestaties:
                nummers[gid].add(pr.toewijzingnummer)
        for gid, getallen in nummers.items():
            for pk, nummer, aanbieder_id, client_id, bsn, cat, code, ingang, eind, reden in _in_lijst(
                _SQL_TOEWIJZINGEN, [gid], list(getallen)
            ):
                t = _Toewijzing(
                    pk,
                    nummer,
                    aanbieder_id,
                    client_id,
                    bsn,
                    cat,
                    code,
                    cast(dt.date, _als_datum(ingang)),
                    _als_datum(eind),
                    reden,
                )
                self.toewijzingen[(gid, t.nummer)] = t
                self.client_van[t.pk] = t.client_id
        met_levering = [pk for (pk,) in _in_lijst(_SQL_LEVERINGEN, [False], list(self.client_van))]
        for i in range(0, len(met_levering), 900):
            for lev in Levering.objects.filter(pk__in=met_levering[i : i + 900]):
                self.leveringen[lev.toewijzing_id].append(lev)
        for lijst in self.leveringen.values():
            lijst.sort(key=lambda x: x.begindatum)

    def verwerk(self, bestanden: list[tuple[str, bytes]]) -> list[Uitkomst]:
        # A batch makes tens of thousands of short-lived objects; without this every collection of
        # the oldest generation during the batch would also walk everything the process already held
        # (Django, the caller's data). Frozen objects are only left alone until the batch is done.
        # A process that froze objects itself (a server that forks workers) is left as it is.
        zelf = gc.get_freeze_count() == 0
        if zelf:
            gc.freeze()
        try:
            return self._verwerk(bestanden)
        finally:
            if zelf:
                gc.unfreeze()

    def _verwerk(self, bestanden: list[tuple[str, bytes]]) -> list[Uitkomst]:
        werk = [controleer_technisch(naam, data) for naam, data in bestanden]
        self._laad(werk)
        with transaction.atomic():
            for w in werk:
                if w.gelezen is not None:
                    self._bericht(w)
            if self.toepassen:
                self._schrijf()
            else:
                transaction.set_rollback(True)
        return [w.uitkomst for w in werk]

    # -- one message
    def _bericht(self, w: _Werk) -> None:
        g = w.gelezen
        assert g is not None
        u = w.uitkomst
        h = g.header
        van_gemeente = g.berichttype in ("WMO302", "WMO320") or g.berichttype in xml.VAN_GEMEENTE
        agb = h.ontvanger if van_gemeente else h.afzender
        gemeentecode = h.afzender if van_gemeente else h.ontvanger
        w.aanbieder = self.aanbieders.get(agb)
        if w.aanbieder is None:
            u.status = "technisch"
            u.problemen.append(Probleem("AFZENDER", "/Bericht/Header", f"Onbekende aanbieder (AGB {agb})."))
            return
        if g.berichttype in xml.VAN_GEMEENTE and not self.toepassen:
            # Checking a message we send (iwmo_validate): schema and header are what can be checked.
            if gemeentecode not in self.gemeenten:
                u.problemen.append(Probleem("TR378", "/Bericht/Header/Afzender"))
            u.status = "afgekeurd" if u.problemen else "goedgekeurd"
            return
        if g.berichttype in xml.VAN_GEMEENTE:
            u.status = "technisch"
            u.problemen.append(
                Probleem("RICHTING", "/Bericht", f"{g.berichttype} wordt door de gemeente verstuurd.")
            )
            return
        w.gemeente = self.gemeenten.get(gemeentecode)
        # Idempotency: the same file, or the same BerichtIdentificatie, a second time.
        sleutel = (h.afzender, h.berichtcode, h.identificatie)
        in_batch = self.in_batch.get(sleutel)
        if in_batch is not None:
            if in_batch.sha == w.sha:
                u.status, u.bericht = "dubbel-" + in_batch.uitkomst.status, in_batch.uitkomst.bericht
                u.retour, u.retour_naam = in_batch.uitkomst.retour, in_batch.uitkomst.retour_naam
                return
            u.status = "afgekeurd"
            u.problemen.append(Probleem("TR056", "/Bericht/Header/BerichtIdentificatie/Identificatie"))
            if g.berichttype in xml.RETOUR_VAN and g.berichttype != "WMO323":
                u.retour = self._retour_bytes(g.berichttype, w, header_codes=["9056"])
            return
        self.in_batch[sleutel] = w
        eerder = self.eerder.get(sleutel)
        if eerder is not None:
            retouren = list(eerder.retouren.all())
            retour = retouren[0] if retouren else None
            if eerder.sha256 == w.sha:
                u.status = "dubbel-" + (
                    "goedgekeurd" if eerder.status == BerichtStatus.GOEDGEKEURD else "afgekeurd"
                )
                u.bericht = eerder
                if retour is not None:
                    u.retour, u.retour_naam = bytes(retour.inhoud), retour.bestandsnaam
                return
            u.status = "afgekeurd"
            u.problemen.append(Probleem("TR056", "/Bericht/Header/BerichtIdentificatie/Identificatie"))
            if g.berichttype in xml.RETOUR_VAN and g.berichttype != "WMO323":
                u.retour = self._retour_bytes(g.berichttype, w, header_codes=["9056"])
            return
        if w.gemeente is None:
            u.problemen.append(Probleem("TR378", "/Bericht/Header/Ontvanger"))
        else:
            u.problemen += niveau_2(g, self.productcodes, self.vandaag)
        if u.problemen:
            codes = list(dict.fromkeys(p.retourcode for p in u.problemen))
            self._afgekeurd(w, header_codes=codes)
            return
        verwerker = {
            "WMO305": self._start,
            "WMO307": self._stop,
            "WMO315": self._vot,
            "WMO317": self._vow,
            "WMO323": self._declaratie,
            "WMO302": self._retour_ontvangen,
            "WMO320": self._retour_ontvangen,
        }[g.berichttype]
        verwerker(w)

    def _retour_bytes(self, heen_type: str, w: _Werk, **kwargs: Any) -> bytes:
        if not kwargs.get("klasse_codes") and w.gelezen is not None:
            return kop_retour(
                heen_type,
                w.gelezen.header,
                identificatie=self.identificatie(),
                dagtekening=self.vandaag,
                codes=kwargs.get("header_codes"),
            )
        heen = w.data if kwargs.get("klasse_codes") else w.root
        return bouw.bouw_retour(heen_type, heen, identificatie=self.identificatie(), **kwargs)

    def _opslaan(self, w: _Werk, status: str, retour: bytes | None, header_codes: list[str]) -> None:
        g = w.gelezen
        assert g is not None
        h = g.header
        gemeente_id = w.gemeente.pk if w.gemeente is not None else None
        aanbieder_id = w.aanbieder.pk if w.aanbieder is not None else None
        heen = _nieuw(
            Bericht,
            richting=Richting.IN,
            berichttype=g.berichttype,
            berichtcode=h.berichtcode,
            afzender=h.afzender,
            ontvanger=h.ontvanger,
            gemeente_id=gemeente_id,
            aanbieder_id=aanbieder_id,
            identificatie=h.identificatie,
            dagtekening=h.dagtekening,
            bestandsnaam=w.naam,
            sha256=w.sha,
            inhoud=w.data,
            status=status,
            retourcodes=[],
            declaratienummer=(
                g.inhoud["Declaratie"]["DeclaratieNummer"] if g.berichttype == "WMO323" else ""
            ),
        )
        self.berichten.append(heen)
        w.uitkomst.bericht = heen
        w.uitkomst.status = status
        if retour is not None:
            retour_type = xml.RETOUR_VAN[g.berichttype]
            naam = xml.bestandsnaam(retour_type, h.afzender, h.identificatie, self.vandaag)
            terug = _nieuw(
                Bericht,
                richting=Richting.UIT,
                berichttype=retour_type,
                berichtcode=xml.BERICHTCODES[retour_type],
                afzender=h.afzender if retour_type != "WMO325" else h.ontvanger,
                ontvanger=h.ontvanger if retour_type != "WMO325" else h.afzender,
                gemeente_id=gemeente_id,
                aanbieder_id=aanbieder_id,
                identificatie=h.identificatie if retour_type != "WMO325" else self.identificatie(),
                dagtekening=self.vandaag,
                bestandsnaam=naam,
                sha256=_sha(retour),
                inhoud=retour,
                status=BerichtStatus.VERZONDEN,
                retourcodes=header_codes,
                declaratienummer="",
            )
            self.retouren.append((heen, terug))
            w.uitkomst.retour, w.uitkomst.retour_naam = retour, naam

    def _afgekeurd(
        self,
        w: _Werk,
        *,
        header_codes: list[str] | None = None,
        klasse_codes: dict[str, list[str]] | None = None,
    ) -> None:
        g = w.gelezen
        assert g is not None
        if g.berichttype in ("WMO302", "WMO320"):
            self._opslaan(w, BerichtStatus.AFGEKEURD, None, header_codes or [])
            return
        if g.berichttype == "WMO323":
            retour = bouw.bouw_325(
                g,
                identificatie=self.identificatie(),
                header_codes=header_codes or ["0001"],
                totaal_ingediend=0,
                totaal_toegekend=0,
                afgewezen=[],
                volledig=False,
            )
        else:
            retour = self._retour_bytes(
                g.berichttype, w, header_codes=header_codes, klasse_codes=klasse_codes
            )
        self._opslaan(w, BerichtStatus.AFGEKEURD, retour, header_codes or [])

    def _goed(self, w: _Werk) -> None:
        g = w.gelezen
        assert g is not None
        retour = None if g.berichttype in ("WMO302", "WMO320") else self._retour_bytes(g.berichttype, w)
        self._opslaan(w, BerichtStatus.GOEDGEKEURD, retour, [])

    def _niveau_3(self, w: _Werk, problemen: list[Probleem]) -> bool:
        """Level 3/4: the whole message is rejected; each class gets its code, 0200 or 0233."""
        if not problemen:
            return False
        w.uitkomst.problemen += problemen
        self._afgekeurd(w, klasse_codes=bouw.klasse_codes(problemen))
        return True

    # -- 305 / 307
    def _toewijzing(self, w: _Werk, nummer: int | None) -> _Toewijzing | None:
        assert w.gemeente is not None and w.aanbieder is not None and w.gelezen is not None
        if nummer is None:
            return None
        t = self.toewijzingen.get((w.gemeente.pk, nummer))
        if t is None or t.aanbieder_id != w.aanbieder.pk or t.bsn != w.gelezen.bsn:
            return None
        return t

    def _product_regels(self, t: _Toewijzing, p: LeveringProduct) -> list[Probleem]:
        uit = []
        if p.categorie and (p.categorie != t.categorie or (p.code and p.code != t.code)):
            uit.append(Probleem("TR063", p.pad))
        if p.toewijzing_ingangsdatum and p.toewijzing_ingangsdatum != t.ingangsdatum:
            uit.append(Probleem("TR071", p.pad))
        if t.reden_wijziging == WMO002RedenWijziging.VERWIJDERD:
            uit.append(Probleem("TR019", p.pad, "De toewijzing is verwijderd."))
        return uit

    def _start(self, w: _Werk) -> None:
        problemen: list[Probleem] = []
        acties: list[tuple[str, _Toewijzing, Any, LeveringProduct]] = []
        for p in w.gelezen.producten:  # type: ignore[union-attr]
            t = self._toewijzing(w, p.toewijzingnummer)
            if t is None:
                problemen.append(Probleem("TR019", p.pad))
                continue
            eigen = self._product_regels(t, p)
            lev = self.leveringen[t.pk]
            if p.status == "3":
                gevonden = next((x for x in lev if x.begindatum == p.begindatum), None)
                if gevonden is None:
                    eigen.append(
                        Probleem("TR074", p.pad, "Er is geen start met deze begindatum om te verwijderen.")
                    )
                elif gevonden.einddatum is not None:
                    eigen.append(Probleem("TR415", p.pad, "Verwijder eerst de stop van deze start."))
                else:
                    acties.append(("verwijder", t, gevonden, p))
            else:
                # The same rules as the portal and the CSV upload (toewijzingen.regels).
                eigen += [Probleem(regel, p.pad) for regel, _ in start_bezwaren(t, lev, p.begindatum)]
                if not eigen:
                    acties.append(("start", t, None, p))
            problemen += eigen
        if self._niveau_3(w, problemen):
            return
        for actie, t, lev_obj, p in acties:
            if actie == "verwijder":
                lev_obj.verwijderd = True
                self.leveringen[t.pk].remove(lev_obj)
                if lev_obj.pk is not None:
                    self.gewijzigd[id(lev_obj)] = lev_obj
            else:
                nieuw = _nieuw(
                    Levering,
                    toewijzing_id=t.pk,
                    begindatum=p.begindatum,
                    bron=LeveringBron.IWMO,
                    start_gemeld_op=self.nu,
                )
                self.leveringen[t.pk].append(nieuw)
                self.nieuw.append(nieuw)
        self._goed(w)

    def _stop(self, w: _Werk) -> None:
        problemen: list[Probleem] = []
        acties = []
        for p in w.gelezen.producten:  # type: ignore[union-attr]
            t = self._toewijzing(w, p.toewijzingnummer)
            if t is None:
                problemen.append(Probleem("TR019", p.pad))
                continue
            eigen = self._product_regels(t, p)
            lev = next((x for x in self.leveringen[t.pk] if x.begindatum == p.begindatum), None)
            assert p.einddatum is not None
            if lev is None:
                eigen.append(Probleem("TR074", p.pad))
            elif p.status == "3":
                if lev.einddatum != p.einddatum or lev.reden_beeindiging != p.reden:
                    eigen.append(
                        Probleem("TR074", p.pad, "Er is geen stop met deze gegevens om te verwijderen.")
                    )
                else:
                    acties.append(("verwijder", lev, p))
            else:
                actie, bezwaren = stop_beoordeling(t, lev, p.einddatum, p.reden)
                eigen += [Probleem(regel, p.pad) for regel, _ in bezwaren]
                if not eigen:
                    acties.append((actie, lev, p))
            problemen += eigen
        if self._niveau_3(w, problemen):
            return
        nu = timezone.now()
        for actie, lev, p in acties:
            if actie == "verwijder":
                lev.einddatum, lev.reden_beeindiging, lev.stop_gemeld_op = None, "", None
            elif actie == "definitief":
                # After a temporary stop the client did not resume: the stop becomes definitive.
                lev.reden_beeindiging = p.reden
                lev.stop_gemeld_op = nu
            else:
                lev.einddatum, lev.reden_beeindiging, lev.stop_gemeld_op = p.einddatum, p.reden, nu
            if lev.pk is not None:
                self.gewijzigd[id(lev)] = lev
        self._goed(w)

    # -- 315 / 317
    def _open_verzoek(self, client: Client | None, aanbieder: Aanbieder) -> bool:
        return (
            client is not None and Verzoek.objects.open().filter(client=client, aanbieder=aanbieder).exists()
        )

    def _vot(self, w: _Werk) -> None:
        g = w.gelezen
        assert g is not None and w.gemeente is not None and w.aanbieder is not None
        c = g.inhoud["Client"]
        client = Client.objects.filter(gemeente=w.gemeente, bsn=c["Bsn"]).first()
        problemen = []
        producten = _aangevraagd(g)
        refs = [p["ReferentieAanbieder"] for p in producten]
        bestaand = set(
            Verzoek.objects.filter(aanbieder=w.aanbieder, referentie_aanbieder__in=refs).values_list(
                "referentie_aanbieder", flat=True
            )
        )
        for p in producten:
            if p["ReferentieAanbieder"] in bestaand or refs.count(p["ReferentieAanbieder"]) > 1:
                problemen.append(Probleem("TR347", p["_pad"]))
        if self._open_verzoek(client, w.aanbieder):
            problemen.append(Probleem("TR374", "/Bericht/Client"))
        if self._niveau_3(w, problemen):
            return
        self._goed(w)
        if client is None:
            naam = c["Naam"]
            client = Client(
                gemeente=w.gemeente,
                bsn=c["Bsn"],
                achternaam=naam["Geslachtsnaam"]["Achternaam"],
                tussenvoegsel=naam["Geslachtsnaam"].get("Voorvoegsel", ""),
                voorletters=naam.get("Voorletters", ""),
                geboortedatum=dt.date.fromisoformat(c["Geboortedatum"]["Datum"]),
                geslacht=c["Geslacht"],
            )
            client.save()
        for p in producten:
            self._verzoek(w, client, VerzoekSoort.VOT, p["ReferentieAanbieder"], [p])

    def _vow(self, w: _Werk) -> None:
        g = w.gelezen
        assert g is not None and w.gemeente is not None and w.aanbieder is not None
        verzoek = g.inhoud["Client"]["Verzoek"]
        pad = "/Bericht/Client/Verzoek"
        client = Client.objects.filter(gemeente=w.gemeente, bsn=g.bsn).first()
        problemen = []
        if client is None:
            problemen.append(Probleem("TR375", "/Bericht/Client", "De cliënt is onbekend bij de gemeente."))
        if Verzoek.objects.filter(
            aanbieder=w.aanbieder, referentie_aanbieder=verzoek["ReferentieAanbieder"]
        ).exists():
            problemen.append(Probleem("TR347", pad))
        if self._open_verzoek(client, w.aanbieder):
            problemen.append(Probleem("TR374", pad))
        lopend = (
            set(
                Toewijzing.objects.filter(client=client, aanbieder=w.aanbieder)
                .actief_op(self.vandaag)
                .values_list("nummer", flat=True)
            )
            if client
            else set()
        )
        for groep, klasse in (
            ("OngewijzigdeProducten", "OngewijzigdProduct"),
            ("TeWijzigenProducten", "TeWijzigenProduct"),
        ):
            for i, p in enumerate(verzoek.get(groep, []), 1):
                if int(p["ToewijzingNummer"]) not in lopend:
                    problemen.append(Probleem("TR375", f"{pad}/{groep}/{klasse}[{i}]"))
        if self._niveau_3(w, problemen):
            return
        self._goed(w)
        assert client is not None
        self._verzoek(w, client, VerzoekSoort.VOW, verzoek["ReferentieAanbieder"], [verzoek])

    def _verzoek(self, w: _Werk, client: Client, soort: str, referentie: str, producten: list[Any]) -> None:
        heen, gemeente, aanbieder = w.uitkomst.bericht, w.gemeente, w.aanbieder
        assert heen is not None and gemeente is not None and aanbieder is not None
        uiterlijk = plus_werkdagen(self.vandaag, 5)

        def maak() -> None:
            Verzoek.objects.create(
                gemeente=gemeente,
                aanbieder=aanbieder,
                client=client,
                soort=soort,
                referentie_aanbieder=referentie,
                bericht=heen,
                producten=[{k: val for k, val in p.items() if k != "_pad"} for p in producten],
                uiterlijk=uiterlijk,
            ).zet_op_werklijst()

        self.nagestuurd.append(maak)

    # -- 323
    def _declaratie(self, w: _Werk) -> None:
        g = w.gelezen
        assert g is not None and w.gemeente is not None and w.aanbieder is not None
        d = g.inhoud["Declaratie"]
        if Bericht.objects.filter(
            aanbieder=w.aanbieder, berichttype="WMO323", declaratienummer=d["DeclaratieNummer"]
        ).exists():
            w.uitkomst.problemen.append(Probleem("TR333", "/Bericht/Declaratie/DeclaratieNummer"))
            self._afgekeurd(w, header_codes=["9333"])
            return
        refs = [pr.referentienummer for _, pr in g.prestaties] + [
            pr.vorig_referentienummer for _, pr in g.prestaties if pr.vorig_referentienummer
        ]
        eerder = {
            r.referentienummer: r
            for r in DeclaratieRegel.objects.filter(
                aanbieder=w.aanbieder, toegekend=True, referentienummer__in=refs
            )
        }
        regels: list[DeclaratieRegel] = []
        afgewezen = []
        ingediend = toegekend = 0
        lichte = [self.toewijzingen.get((w.gemeente.pk, pr.toewijzingnummer)) for _, pr in g.prestaties]
        volle = Toewijzing.objects.select_related("client", "product").in_bulk(
            [t.pk for t in lichte if t is not None]
        )
        for (bsn, pr), licht in zip(g.prestaties, lichte, strict=True):
            codes: list[Probleem] = []
            t = volle.get(licht.pk) if licht is not None else None
            if t is None or t.aanbieder_id != w.aanbieder.pk or t.client.bsn != bsn:
                codes.append(Probleem("TR338", pr.pad))
                t = None
            if pr.referentienummer in eerder:
                codes.append(Probleem("TR314", pr.pad))
            if pr.debet_credit == "C":
                vorig = eerder.get(pr.vorig_referentienummer)
                if vorig is None or vorig.bedrag_cent <= 0:
                    codes.append(Probleem("IV085", pr.pad))
            if t is not None:
                if t.reden_wijziging == WMO002RedenWijziging.VERWIJDERD:
                    codes.append(Probleem("TR384", pr.pad))
                if pr.categorie != t.product.categorie:
                    codes.append(Probleem("TR339", pr.pad))
                if pr.code != t.product.code:
                    codes.append(Probleem("TR340", pr.pad))
                if pr.eenheid != t.eenheid and not (
                    pr.eenheid == WJ756Eenheid.MINUUT and t.eenheid == WJ756Eenheid.UUR
                ):
                    codes.append(Probleem("TR341", pr.pad))
                if pr.begindatum < t.ingangsdatum:
                    codes.append(Probleem("TR307", pr.pad))
                if t.einddatum is not None and pr.einddatum > t.einddatum:
                    codes.append(Probleem("TR308", pr.pad))
                if (pr.begindatum.year, pr.begindatum.month) != (pr.einddatum.year, pr.einddatum.month):
                    codes.append(Probleem("TR387", pr.pad))
                if t.volume is not None and t.eenheid != WJ756Eenheid.EUROS and pr.volume > t.volume:
                    codes.append(Probleem("TR321", pr.pad))
                if (
                    pr.eenheid != WJ756Eenheid.EUROS
                    and pr.tarief is not None
                    and pr.bedrag != pr.volume * pr.tarief
                ):
                    codes.append(Probleem("TR346", pr.pad))
                tarief = eenheidstarief(toewijzing=t, datum=pr.begindatum)
                due = verschuldigd_bedrag(
                    toewijzing=t, periode_begin=pr.begindatum, periode_eind=pr.einddatum
                )
                if (
                    pr.tarief is not None
                    and tarief is not None
                    and pr.eenheid != WJ756Eenheid.EUROS
                    and pr.tarief != tarief
                ) or (due is not None and pr.debet_credit == "D" and pr.bedrag > due):
                    codes.append(Probleem("TR418", pr.pad))
            ingediend += pr.bedrag_signed
            ok = not codes
            client_id = (
                t.client_id
                if t
                else Client.objects.filter(gemeente=w.gemeente, bsn=bsn).values_list("pk", flat=True).first()
            )
            if ok:
                toegekend += pr.bedrag_signed
            else:
                w.uitkomst.problemen += codes
                afgewezen.append((bsn, pr, list(dict.fromkeys(c.retourcode for c in codes))))
            if client_id is not None:
                regels.append(
                    DeclaratieRegel(
                        aanbieder=w.aanbieder,
                        client_id=client_id,
                        toewijzing=t,
                        referentienummer=pr.referentienummer,
                        vorig_referentienummer=pr.vorig_referentienummer,
                        begindatum=pr.begindatum,
                        einddatum=pr.einddatum,
                        volume=pr.volume,
                        bedrag_cent=pr.bedrag_signed,
                        toegekend=ok,
                        retourcodes=[] if ok else afgewezen[-1][2],
                    )
                )
        retour = bouw.bouw_325(
            g,
            identificatie=self.identificatie(),
            header_codes=["0200"],
            totaal_ingediend=ingediend,
            totaal_toegekend=toegekend,
            afgewezen=afgewezen,
            volledig=not afgewezen,
        )
        self._opslaan(
            w, BerichtStatus.GOEDGEKEURD if not afgewezen else BerichtStatus.AFGEKEURD, retour, ["0200"]
        )
        heen = w.uitkomst.bericht
        assert heen is not None

        def maak() -> None:
            for r in regels:
                r.bericht = heen
            DeclaratieRegel.objects.bulk_create(regels)

        self.nagestuurd.append(maak)

    # -- 302 / 320
    def _retour_ontvangen(self, w: _Werk) -> None:
        g = w.gelezen
        assert g is not None
        h = g.header
        heen_type = {"WMO302": "WMO301", "WMO320": "WMO319"}[g.berichttype]
        heen = Bericht.objects.filter(
            richting=Richting.UIT,
            afzender=h.afzender,
            berichtcode=xml.BERICHTCODES[heen_type],
            identificatie=h.identificatie,
        ).first()
        codes = g.inhoud["Header"].get("RetourCodes", [])
        afgekeurd = bool(codes) or any(rc != ["0200"] for rc in _alle_retourcodes(g.inhoud) if rc)
        self._opslaan(w, BerichtStatus.AFGEKEURD if afgekeurd else BerichtStatus.ONTVANGEN, None, codes)
        ontvangen = w.uitkomst.bericht
        assert ontvangen is not None
        w.uitkomst.status = "goedgekeurd"

        def koppel() -> None:
            if heen is not None:
                Bericht.objects.filter(pk=ontvangen.pk).update(heenbericht=heen)
            client = Client.objects.filter(gemeente=w.gemeente, bsn=g.bsn).first() if g.bsn else None
            if heen_type == "WMO301" and w.gemeente is not None and w.aanbieder is not None:
                # A ToegewezenProduct the provider approved (0200) is accepted, as with "Accepteren" in
                # the portal; a rejected one stays as it is and goes to the worklist below.
                goedgekeurd = [
                    int(nummer)
                    for nummer, rc in _toewijzing_retourcodes(g.inhoud)
                    if rc == ["0200"] and nummer.isdigit()
                ]
                if goedgekeurd:
                    Toewijzing.objects.filter(
                        gemeente=w.gemeente,
                        aanbieder=w.aanbieder,
                        nummer__in=goedgekeurd,
                        reactie=ReactieAanbieder.NIEUW,
                    ).update(reactie=ReactieAanbieder.GEACCEPTEERD, reactie_op=timezone.now())
            if afgekeurd and client is not None and w.gemeente is not None:
                WerklijstItem.objects.create(
                    gemeente=w.gemeente,
                    client=client,
                    soort=WerklijstSoort.RETOUR,
                    omschrijving=f"{heen_type} {h.identificatie} afgekeurd door {w.aanbieder}: "
                    f"{', '.join(sorted(set(sum(_alle_retourcodes(g.inhoud), codes)) - {'0200'}))}",
                    uiterlijk=plus_werkdagen(self.vandaag, 3),
                )

        self.nagestuurd.append(koppel)

    # -- writing the batch
    def _schrijf(self) -> None:
        voeg_berichten_in(self.berichten)
        for heen, terug in self.retouren:
            terug.heenbericht_id = heen.pk
        voeg_berichten_in([t for _, t in self.retouren])
        # Leveringen with their audit events (the client of each is known from its toewijzing).
        if self.nieuw:
            _voeg_in(Levering, self.nieuw)
            record_rijen(
                Levering,
                [(lev.pk, self.client_van[lev.toewijzing_id]) for lev in self.nieuw],
                Actie.AANGEMAAKT,
            )
        if self.gewijzigd:
            gewijzigd = list(self.gewijzigd.values())
            velden = ["einddatum", "reden_beeindiging", "stop_gemeld_op", "verwijderd"]
            _werk_bij(Levering, gewijzigd, velden)
            record_rijen(
                Levering,
                [(lev.pk, self.client_van[lev.toewijzing_id]) for lev in gewijzigd],
                Actie.GEWIJZIGD,
                velden,
            )
        for taak in self.nagestuurd:
            taak()
        from resultaat.iwmo.transport import schrijf_outbox_na_commit

        schrijf_outbox_na_commit([t for _, t in self.retouren])


# --- Reading and writing rows without the ORM's per-object work ----------------------------------------


def _sql(sjabloon: str, **modellen: Any) -> Callable[[Any], str]:
    """SQL with table and column names from the models: ``{t}`` is a model's table, ``{t.veld}`` a
    column (``{t.pk}`` the primary key), quoted for the connection; ``{{}}`` stays for the IN list."""

    class _Namen:
        def __init__(self, model: Any, q: Callable[[str], str]) -> None:
            self.model, self.q = model, q

        def __format__(self, spec: str) -> str:
            return self.q(self.model._meta.db_table)

        def __getattr__(self, veld: str) -> str:
            opts = self.model._meta
            return self.q(opts.pk.column if veld == "pk" else opts.get_field(veld).column)

    def maak(conn: Any) -> str:
        return sjabloon.format(**{k: _Namen(m, conn.ops.quote_name) for k, m in modellen.items()})

    return maak


_SQL_EERDER = _sql(
    "SELECT {b.pk} FROM {b} WHERE {b.afzender} = %s AND {b.berichtcode} = %s AND {b.richting} = %s "
    "AND {b.identificatie} IN ({{}})",
    b=Bericht,
)
_SQL_TOEWIJZINGEN = _sql(
    "SELECT t.{t.pk}, t.{t.nummer}, t.{t.aanbieder}, t.{t.client}, c.{c.bsn}, p.{p.categorie}, p.{p.code}, "
    "t.{t.ingangsdatum}, t.{t.einddatum}, t.{t.reden_wijziging} "
    "FROM {t} t JOIN {c} c ON c.{c.pk} = t.{t.client} JOIN {p} p ON p.{p.pk} = t.{t.product} "
    "WHERE t.{t.gemeente} = %s AND t.{t.nummer} IN ({{}})",
    t=Toewijzing,
    c=Client,
    p=Product,
)
_SQL_LEVERINGEN = _sql(
    "SELECT {lev.pk} FROM {lev} WHERE {lev.verwijderd} = %s AND {lev.toewijzing} IN ({{}})", lev=Levering
)


def _in_lijst(sql: Callable[[Any], str], vooraf: list[Any], waarden: list[Any], per: int = 900) -> list[Any]:
    """Run ``sql`` for ``waarden`` in chunks of ``per``, its ``IN ({})`` filled with placeholders."""
    conn = connections[router.db_for_write(Bericht)]
    sjabloon = sql(conn)
    rijen: list[Any] = []
    with conn.cursor() as cursor:
        for i in range(0, len(waarden), per):
            deel = waarden[i : i + per]
            cursor.execute(sjabloon.format(", ".join(["%s"] * len(deel))), [*vooraf, *deel])
            rijen += cursor.fetchall()
    return rijen


def _als_datum(waarde: Any) -> dt.date | None:
    """A date column read with plain SQL: a date on PostgreSQL, ISO text on SQLite."""
    if waarde is None or isinstance(waarde, dt.date):
        return waarde
    return dt.date.fromisoformat(waarde)


@functools.cache
def _standaarden(
    model: type[models.Model],
) -> tuple[dict[str, Any], tuple[tuple[str, Callable[[], Any]], ...]]:
    vast: dict[str, Any] = {}
    per_object = []
    for f in model._meta.concrete_fields:
        if f.has_default() and callable(f.default):
            per_object.append((f.attname, f.default))
        else:
            vast[f.attname] = f.get_default()
    return vast, tuple(per_object)


def _nieuw(model: Any, **waarden: Any) -> Any:
    """A new, unsaved model instance, like ``model(**waarden)`` but without ``Model.__init__``'s
    per-field work: defaults first, then ``waarden`` (attnames: ``gemeente_id``, not ``gemeente``).
    The model must have no ``pre_init``/``post_init`` receivers (Bericht and Levering have none)."""
    vast, per_object = _standaarden(model)
    obj = object.__new__(model)
    d = obj.__dict__
    d.update(vast)
    for naam, maak in per_object:
        if naam not in waarden:
            d[naam] = maak()
    d.update(waarden)
    obj._state = ModelState()
    return obj


# Field types whose Python value the database drivers (sqlite3, psycopg) take as it is.
_ZOALS_HET_IS = frozenset(
    {
        "AutoField",
        "BigAutoField",
        "BigIntegerField",
        "BinaryField",
        "BooleanField",
        "CharField",
        "ForeignKey",
        "IntegerField",
        "OneToOneField",
        "PositiveBigIntegerField",
        "PositiveIntegerField",
        "PositiveSmallIntegerField",
        "SmallIntegerField",
        "TextField",
    }
)


class _Omzetter:
    """``field.get_db_prep_save`` for the fields that need it, remembered per distinct value (a batch
    has few distinct dates, one 'now' and mostly empty code lists)."""

    def __init__(self, velden: list[Any], conn: Any) -> None:
        self.conn = conn
        self.te_doen: list[tuple[int, Any, dict[Any, Any]]] = [
            (i, f, {}) for i, f in enumerate(velden) if f.get_internal_type() not in _ZOALS_HET_IS
        ]

    def rij(self, waarden: tuple[Any, ...]) -> list[Any]:
        rij = list(waarden)
        for i, f, onthouden in self.te_doen:
            v = rij[i]
            sleutel = (v.__class__, v if v.__hash__ is not None else repr(v))
            try:
                rij[i] = onthouden[sleutel]
            except KeyError:
                rij[i] = onthouden[sleutel] = f.get_db_prep_save(v, connection=self.conn)
        return rij


def _voeg_in(model: type[Any], objs: list[Any]) -> None:
    """Insert new instances with one multi-row ``INSERT … RETURNING`` per chunk and give each its
    primary key (SQLite >= 3.35 and PostgreSQL return the rows in VALUES order, as Django's own
    ``bulk_create`` relies on). No signals and no audit: the caller writes those (``record_rijen``)."""
    if not objs:
        return
    conn = connections[router.db_for_write(model)]
    opts = model._meta
    velden = [f for f in opts.concrete_fields if not f.primary_key]
    for f in velden:
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
            nu = timezone.now()
            for o in objs:
                if o.__dict__.get(f.attname) is None:
                    o.__dict__[f.attname] = nu
    lees = operator.attrgetter(*(f.attname for f in velden))
    omzetter = _Omzetter(velden, conn)
    q = conn.ops.quote_name
    kolommen = ", ".join(q(f.column) for f in velden)
    rij = "(" + ", ".join(["%s"] * len(velden)) + ")"
    per = max(1, 16000 // len(velden))  # parameters per statement within SQLite's and PostgreSQL's limit
    with conn.cursor() as cursor:
        for i in range(0, len(objs), per):
            deel = objs[i : i + per]
            params: list[Any] = []
            for o in deel:
                params += omzetter.rij(lees(o))
            sql = (
                f"INSERT INTO {q(opts.db_table)} ({kolommen}) "  # noqa: S608 (names from the model)
                f"VALUES {', '.join([rij] * len(deel))} RETURNING {q(opts.pk.column)}"
            )
            cursor.execute(sql, params)
            for o, (pk,) in zip(deel, cursor.fetchall(), strict=True):
                o.__dict__[opts.pk.attname] = pk
                o._state.adding = False
                o._state.db = conn.alias


def _werk_bij(model: type[Any], objs: list[Any], veldnamen: list[str]) -> None:
    """``UPDATE … SET … WHERE pk = %s`` for every object, in one ``executemany``."""
    conn = connections[router.db_for_write(model)]
    opts = model._meta
    velden = [opts.get_field(n) for n in veldnamen]
    lees = operator.attrgetter(*(f.attname for f in velden), opts.pk.attname)
    omzetter = _Omzetter([*velden, opts.pk], conn)
    q = conn.ops.quote_name
    zet = ", ".join(f"{q(f.column)} = %s" for f in velden)
    sql = f"UPDATE {q(opts.db_table)} SET {zet} WHERE {q(opts.pk.column)} = %s"  # noqa: S608
    with conn.cursor() as cursor:
        cursor.executemany(sql, [omzetter.rij(lees(o)) for o in objs])


def voeg_berichten_in(berichten: list[Bericht], per: int = 200) -> None:
    """Insert messages (new instances) set-based, see :func:`_voeg_in`. Messages are not client data,
    so no audit rows. ``per`` is kept for callers; the chunk size follows the parameter limit."""
    for b in berichten:
        heen = b._state.fields_cache.get("heenbericht")
        if heen is not None and b.heenbericht_id is None:
            b.heenbericht_id = heen.pk
    _voeg_in(Bericht, berichten)


def _toewijzing_retourcodes(d: Any) -> list[tuple[str, list[str]]]:
    """(ToewijzingNummer, its RetourCodes) of every ToegewezenProduct in a 302."""
    uit: list[tuple[str, list[str]]] = []
    if isinstance(d, dict):
        if "ToewijzingNummer" in d and "RetourCodes" in d:
            uit.append((str(d["ToewijzingNummer"]), list(d["RetourCodes"])))
        for v in d.values():
            uit += _toewijzing_retourcodes(v)
    elif isinstance(d, list):
        for v in d:
            uit += _toewijzing_retourcodes(v)
    return uit


def _alle_retourcodes(d: Any) -> list[list[str]]:
    uit: list[list[str]] = []
    if isinstance(d, dict):
        for k, v in d.items():
            if k == "RetourCodes":
                uit.append(list(v))
            else:
                uit += _alle_retourcodes(v)
    elif isinstance(d, list):
        for v in d:
            uit += _alle_retourcodes(v)
    return uit


def verwerk(
    bestanden: list[tuple[str, bytes]], *, door: Any = None, toepassen: bool = True
) -> list[Uitkomst]:
    """Process a batch of (file name, bytes); return one outcome per file, with its retour.

    When the batch's write hits a database constraint (for example: another process stored one of
    these messages after this batch looked), the batch is redone one file at a time, each in its own
    transaction with a fresh look at the database, so that the conflicting file alone is affected (a
    message stored meanwhile is then answered as a duplicate)."""
    with acting_as(door) if door is not None else _systeem():
        try:
            return Intake(toepassen=toepassen).verwerk(bestanden)
        except IntegrityError:
            if len(bestanden) == 1:
                logger.warning("iWmo-intake: databaseconflict bij %s; nog één poging", bestanden[0][0])
            else:
                logger.warning("iWmo-intake: databaseconflict in een batch; opnieuw per bestand")
        uitkomsten = []
        for naam, data in bestanden:
            try:
                uitkomsten += Intake(toepassen=toepassen).verwerk([(naam, data)])
            except IntegrityError as fout:
                logger.exception("iWmo-intake: %s kon niet worden opgeslagen", naam)
                uitkomsten.append(
                    Uitkomst(
                        naam,
                        status="technisch",
                        problemen=[
                            Probleem(
                                "DATABASE",
                                "/",
                                f"Het bericht kon niet worden opgeslagen ({fout.__class__.__name__}); "
                                "er is niets van verwerkt. Lever het later opnieuw aan.",
                            )
                        ],
                    )
                )
        return uitkomsten


def _systeem() -> Any:
    return acting_as("iWmo-intake")

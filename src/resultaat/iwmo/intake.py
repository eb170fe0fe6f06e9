"""Intake of incoming iWmo files: gate, XSD (level 1), in-message rules (level 2), rules on our data
(level 3/4), effects, and the retour — for a batch of files at once, set-based.

A batch runs in one transaction: either every effect and every stored message of the batch is
committed, or (on an unexpected error halfway) nothing is. Files are checked one after the other
against the database *and* the effects of the files before them in the same batch.
"""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db import connections, router, transaction
from django.utils import timezone

from resultaat.audit.context import acting_as
from resultaat.catalogus.codes import WJ756Eenheid, WMO002RedenWijziging
from resultaat.catalogus.models import Product
from resultaat.clienten.models import Client
from resultaat.core.validators import bsn_is_valid
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
from resultaat.iwmo.parse import LeveringProduct, ontleed
from resultaat.iwmo.regels import Probleem
from resultaat.iwmo.werkdagen import plus_werkdagen
from resultaat.organisaties.models import Aanbieder, Gemeente
from resultaat.toewijzingen.models import Levering, LeveringBron, Toewijzing
from resultaat.toewijzingen.regels import start_bezwaren, stop_beoordeling
from resultaat.toewijzingen.signals import levering_gemeld
from resultaat.werklijst.models import WerklijstItem, WerklijstSoort


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
        werk.gelezen = ontleed(berichttype, root)
    return werk


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


class Intake:
    """Checks (and with ``toepassen``) applies a batch of files. Use :func:`verwerk`."""

    def __init__(self, toepassen: bool = True) -> None:
        self.toepassen = toepassen
        self.vandaag = timezone.localdate()
        self.productcodes = set(Product.objects.values_list("categorie", "code"))
        self.gemeenten = {g.code: g for g in Gemeente.objects.all()}
        self.aanbieders: dict[str, Aanbieder] = {}
        # State loaded for the batch, changed in memory as the files are applied one after the other.
        self.toewijzingen: dict[tuple[int, int], Toewijzing] = {}
        self.leveringen: dict[int, list[Levering]] = defaultdict(list)
        self.nieuw: list[Levering] = []
        self.gewijzigd: dict[int, Levering] = {}
        self.berichten: list[Bericht] = []
        self.retouren: list[tuple[Bericht, Bericht]] = []
        self.nagestuurd: list[Any] = []  # callables run after the bulk writes
        self.eerder: dict[tuple[str, str, str], Bericht] = {}
        self.in_batch: dict[tuple[str, str, str], _Werk] = {}

    # -- loading, set-based
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
        for (afzender, code), reeks in sleutels.items():
            ids = list(reeks)
            for i in range(0, len(ids), 900):
                qs = Bericht.objects.filter(
                    afzender=afzender,
                    berichtcode=code,
                    identificatie__in=ids[i : i + 900],
                    richting=Richting.IN,
                )
                for b in qs.defer("inhoud").prefetch_related("retouren"):
                    self.eerder[(b.afzender, b.berichtcode, b.identificatie)] = b
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
            lijst = list(getallen)
            for i in range(0, len(lijst), 900):
                for t in Toewijzing.objects.filter(
                    gemeente_id=gid, nummer__in=lijst[i : i + 900]
                ).select_related("client", "product"):
                    self.toewijzingen[(gid, t.nummer)] = t
        tids = [t.pk for t in self.toewijzingen.values()]
        for i in range(0, len(tids), 900):
            for lev in Levering.objects.filter(
                toewijzing_id__in=tids[i : i + 900], verwijderd=False
            ).order_by("begindatum"):
                self.leveringen[lev.toewijzing_id].append(lev)

    def verwerk(self, bestanden: list[tuple[str, bytes]]) -> list[Uitkomst]:
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
            return bouw.header_retour(
                heen_type,
                w.gelezen.header,
                identificatie=bouw.nieuwe_identificatie(),
                codes=kwargs.get("header_codes"),
            )
        heen = w.data if kwargs.get("klasse_codes") else w.root
        return bouw.bouw_retour(heen_type, heen, identificatie=bouw.nieuwe_identificatie(), **kwargs)

    def _opslaan(self, w: _Werk, status: str, retour: bytes | None, header_codes: list[str]) -> None:
        g = w.gelezen
        assert g is not None
        h = g.header
        heen = Bericht(
            richting=Richting.IN,
            berichttype=g.berichttype,
            berichtcode=h.berichtcode,
            afzender=h.afzender,
            ontvanger=h.ontvanger,
            gemeente=w.gemeente,
            aanbieder=w.aanbieder,
            identificatie=h.identificatie,
            dagtekening=h.dagtekening,
            bestandsnaam=w.naam,
            sha256=w.sha,
            inhoud=w.data,
            status=status,
            declaratienummer=g.inhoud.get("Declaratie", {}).get("DeclaratieNummer", ""),
        )
        self.berichten.append(heen)
        w.uitkomst.bericht = heen
        w.uitkomst.status = status
        if retour is not None:
            retour_type = xml.RETOUR_VAN[g.berichttype]
            naam = xml.bestandsnaam(retour_type, h.afzender, h.identificatie, self.vandaag)
            terug = Bericht(
                richting=Richting.UIT,
                berichttype=retour_type,
                berichtcode=xml.BERICHTCODES[retour_type],
                afzender=h.afzender if retour_type != "WMO325" else h.ontvanger,
                ontvanger=h.ontvanger if retour_type != "WMO325" else h.afzender,
                gemeente=w.gemeente,
                aanbieder=w.aanbieder,
                identificatie=h.identificatie if retour_type != "WMO325" else bouw.nieuwe_identificatie(),
                dagtekening=self.vandaag,
                bestandsnaam=naam,
                sha256=_sha(retour),
                inhoud=retour,
                status=BerichtStatus.VERZONDEN,
                retourcodes=header_codes,
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
                identificatie=bouw.nieuwe_identificatie(),
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
    def _toewijzing(self, w: _Werk, nummer: int | None) -> Toewijzing | None:
        assert w.gemeente is not None and w.aanbieder is not None and w.gelezen is not None
        if nummer is None:
            return None
        t = self.toewijzingen.get((w.gemeente.pk, nummer))
        if t is None or t.aanbieder_id != w.aanbieder.pk or t.client.bsn != w.gelezen.bsn:
            return None
        return t

    def _product_regels(self, t: Toewijzing, p: LeveringProduct) -> list[Probleem]:
        uit = []
        if p.categorie and (p.categorie != t.product.categorie or (p.code and p.code != t.product.code)):
            uit.append(Probleem("TR063", p.pad))
        if p.toewijzing_ingangsdatum and p.toewijzing_ingangsdatum != t.ingangsdatum:
            uit.append(Probleem("TR071", p.pad))
        if t.reden_wijziging == WMO002RedenWijziging.VERWIJDERD:
            uit.append(Probleem("TR019", p.pad, "De toewijzing is verwijderd."))
        return uit

    def _start(self, w: _Werk) -> None:
        problemen: list[Probleem] = []
        acties: list[tuple[str, Toewijzing, Any, LeveringProduct]] = []
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
                nieuw = Levering(toewijzing=t, begindatum=p.begindatum, bron=LeveringBron.IWMO)
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
            v = Verzoek.objects.create(
                gemeente=gemeente,
                aanbieder=aanbieder,
                client=client,
                soort=soort,
                referentie_aanbieder=referentie,
                bericht=heen,
                producten=[{k: val for k, val in p.items() if k != "_pad"} for p in producten],
                uiterlijk=uiterlijk,
            )
            WerklijstItem.objects.create(
                gemeente=gemeente,
                client=client,
                soort=WerklijstSoort.VERZOEK_TOEWIJZING
                if soort == VerzoekSoort.VOT
                else WerklijstSoort.VERZOEK_WIJZIGING,
                omschrijving=f"{v.get_soort_display()} van {w.aanbieder} (referentie {referentie}): "
                f"beantwoord met een toewijzing of een antwoordbericht",
                uiterlijk=uiterlijk,
                onderwerp=v,
            )

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
        for bsn, pr in g.prestaties:
            codes: list[Probleem] = []
            t = self.toewijzingen.get((w.gemeente.pk, pr.toewijzingnummer))
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
            identificatie=bouw.nieuwe_identificatie(),
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
            terug.heenbericht = heen
        voeg_berichten_in([t for _, t in self.retouren])
        if self.nieuw:
            Levering.objects.bulk_create(self.nieuw, batch_size=500)
        if self.gewijzigd:
            Levering.objects.bulk_update(
                list(self.gewijzigd.values()),
                ["einddatum", "reden_beeindiging", "stop_gemeld_op", "verwijderd"],
                batch_size=500,
            )
        for taak in self.nagestuurd:
            taak()
        if self.nieuw or self.gewijzigd:
            levering_gemeld.send(sender=Levering, leveringen=[*self.nieuw, *self.gewijzigd.values()])
        from resultaat.iwmo.transport import schrijf_outbox_na_commit

        schrijf_outbox_na_commit([t for _, t in self.retouren])


def voeg_berichten_in(berichten: list[Bericht], per: int = 200) -> None:
    """``bulk_create`` without the ORM's per-field compilation: one multi-row INSERT … RETURNING id per
    ``per`` rows (SQLite >= 3.35 and PostgreSQL). Messages are not client data, so no audit rows."""
    if not berichten:
        return
    conn = connections[router.db_for_write(Bericht)]
    velden = [f for f in Bericht._meta.concrete_fields if not f.primary_key]
    kolommen = ", ".join(conn.ops.quote_name(f.column) for f in velden)
    rij = "(" + ", ".join(["%s"] * len(velden)) + ")"
    nu = timezone.now()
    tabel = conn.ops.quote_name(Bericht._meta.db_table)
    for i in range(0, len(berichten), per):
        deel = berichten[i : i + per]
        params: list[Any] = []
        for b in deel:
            b.aangemaakt_op = nu
            if b.heenbericht is not None:
                b.heenbericht_id = b.heenbericht.pk
            params += [f.get_db_prep_save(getattr(b, f.attname), connection=conn) for f in velden]
        sql = f"INSERT INTO {tabel} ({kolommen}) VALUES {', '.join([rij] * len(deel))} RETURNING id"  # noqa: S608
        with conn.cursor() as cursor:
            cursor.execute(sql, params)
            ids = [r[0] for r in cursor.fetchall()]
        for b, pk in zip(deel, ids, strict=True):
            b.pk = pk
            b._state.adding = False
            b._state.db = conn.alias


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
    """Process a batch of (file name, bytes); return one outcome per file, with its retour."""
    with acting_as(door) if door is not None else _systeem():
        return Intake(toepassen=toepassen).verwerk(bestanden)


def _systeem() -> Any:
    return acting_as("iWmo-intake")

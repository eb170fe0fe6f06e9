"""The delivery to the CAK: a WMO405 per gemeente and month with the per-person starts, stops,
corrections and withdrawals, and the WMO406 answers (rejections go to the worklist).

What the CAK should know is computed from the data (``regels.bijdrageperioden``); what it was told is
the record of ``CakMelding`` rows. The difference is the next WMO405, so a changed date is resent as a
correction and nothing is sent twice.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from resultaat.clienten.models import Client
from resultaat.core.audit.context import acting_as
from resultaat.core.audit.gebeurtenissen import leg_vast
from resultaat.core.opmaak import MAANDEN, datum
from resultaat.eigen_bijdrage import regels
from resultaat.eigen_bijdrage.cak_export import IebXmlExporter, Wmo405, Wmo405Regel, exporter
from resultaat.eigen_bijdrage.gebeurtenissen import WMO405_AANGEMAAKT, WMO406_VERWERKT
from resultaat.eigen_bijdrage.models import (
    CakBericht,
    CakBerichtSoort,
    CakMelding,
    MeldingSoort,
    MeldingStatus,
)
from resultaat.organisaties.models import Gemeente
from resultaat.werklijst.models import WerklijstItem


@dataclass(frozen=True)
class Mutatie:
    client: Any
    soort: str
    periode: regels.Periode
    vorige: CakMelding | None


def _ketens(meldingen: list[CakMelding]) -> list[tuple[CakMelding | None, CakMelding]]:
    """Per chain of meldingen about one period: (its current state as the CAK knows it, its last
    melding). The current state is the last melding the CAK did not reject; None when it rejected all."""
    wortel: dict[int, int] = {}
    ketens: dict[int, list[CakMelding]] = {}
    for m in meldingen:  # in order of creation
        w = wortel.get(m.vorige_id, m.pk) if m.vorige_id else m.pk
        wortel[m.pk] = w
        ketens.setdefault(w, []).append(m)
    uit = []
    for keten in ketens.values():
        geldig = [m for m in keten if m.status != MeldingStatus.AFGEKEURD]
        uit.append((geldig[-1] if geldig else None, keten[-1]))
    return uit


def _gelijk(m: CakMelding, p: regels.Periode) -> bool:
    return (m.begindatum, m.einddatum, m.kostprijs_cent) == (p.begindatum, p.einddatum, p.kostprijs_cent)


def _overlapt(m: CakMelding, p: regels.Periode) -> bool:
    hoog = dt.date.max
    return m.begindatum <= (p.einddatum or hoog) and p.begindatum <= (m.einddatum or hoog)


def mutaties_voor(
    client: Any,
    tot: dt.date,
    instelling: Any = None,
    *,
    alle: list[regels.Voorziening] | None = None,
    vrijgesteld: set[int] | None = None,
    meldingen: list[CakMelding] | None = None,
) -> list[Mutatie]:
    """What the CAK must still be told about this client, for periods starting up to ``tot``."""
    perioden = regels.bijdrageperioden(client, instelling, alle=alle, vrijgesteld=vrijgesteld)
    gewenst = [p for p in perioden if p.begindatum <= tot]
    if meldingen is None:
        meldingen = list(CakMelding.objects.filter(client=client).order_by("pk"))
    ketens = _ketens(meldingen)
    mutaties: list[Mutatie] = []
    gebruikt: set[int] = set()
    for p in gewenst:
        keten = next(
            (
                (actueel, laatste)
                for actueel, laatste in ketens
                if actueel is not None
                and actueel.pk not in gebruikt
                and actueel.soort != MeldingSoort.INTREKKING
                and _overlapt(actueel, p)
            ),
            None,
        )
        if keten is None:
            afgekeurd = any(a is None and _gelijk(laatste, p) for a, laatste in ketens)
            if not afgekeurd:  # an unchanged rejected start waits for the consulent's correction
                mutaties.append(Mutatie(client, MeldingSoort.START, p, None))
            continue
        actueel = keten[0]
        assert actueel is not None
        gebruikt.add(actueel.pk)
        if _gelijk(actueel, p) or _gelijk(keten[1], p):
            continue
        alleen_stop = (
            actueel.einddatum is None
            and p.einddatum is not None
            and (actueel.begindatum, actueel.kostprijs_cent) == (p.begindatum, p.kostprijs_cent)
        )
        mutaties.append(
            Mutatie(client, MeldingSoort.STOP if alleen_stop else MeldingSoort.CORRECTIE, p, actueel)
        )
    for oud, _laatste in ketens:
        if oud is None or oud.pk in gebruikt or oud.soort == MeldingSoort.INTREKKING:
            continue
        periode = regels.Periode(oud.begindatum, oud.einddatum, oud.kostprijs_cent)
        mutaties.append(Mutatie(client, MeldingSoort.INTREKKING, periode, oud))
    return mutaties


def laatste_dag(maand: dt.date) -> dt.date:
    return regels.volgende_maand(maand) - dt.timedelta(days=1)


def maak_wmo405(
    *, door: Any, gemeente: Any, maand: dt.date, dagtekening: dt.date | None = None
) -> CakBericht | None:
    """The WMO405 of a gemeente for a month: every person whose eigen bijdrage started, stopped or
    changed since the last delivery. None when there is nothing to tell the CAK. One file per month:
    a month already sent or not yet begun is refused; later changes go with the next month's file."""
    maand = regels.maand(maand)
    dagtekening = dagtekening or timezone.localdate()
    _controleer_maand(gemeente, maand)
    instelling = regels.instelling_van(gemeente)
    vrijgesteld = regels.vrijgestelde_product_ids(instelling)
    per_client = regels.voorzieningen_per_client(instelling.trigger, gemeente=gemeente)
    verzonden: dict[int, list[CakMelding]] = {}
    for melding in CakMelding.objects.filter(bericht__gemeente=gemeente).order_by("pk"):
        verzonden.setdefault(melding.client_id, []).append(melding)
    mutaties = [
        m
        for c in Client.objects.filter(gemeente=gemeente).order_by("pk").iterator()
        if c.pk in per_client or c.pk in verzonden
        for m in mutaties_voor(
            c,
            laatste_dag(maand),
            instelling,
            alle=per_client.get(c.pk, []),
            vrijgesteld=vrijgesteld,
            meldingen=verzonden.get(c.pk, []),
        )
    ]
    if not mutaties:
        return None
    exp = exporter()
    with transaction.atomic(), acting_as(door):
        Gemeente.objects.select_for_update().filter(pk=gemeente.pk).first()  # one maker at a time
        _controleer_maand(gemeente, maand)
        volgnummer = CakBericht.objects.filter(gemeente=gemeente, soort=CakBerichtSoort.WMO405).count() + 1
        referentie = f"{gemeente.code}-405-{maand:%Y%m}-{volgnummer:03d}"
        bericht = CakBericht.objects.create(
            gemeente=gemeente,
            soort=CakBerichtSoort.WMO405,
            referentie=referentie,
            periode=maand,
            formaat=exp.naam,
            bestandsnaam="",
            inhoud="",
        )
        meldingen = CakMelding.objects.bulk_create(
            CakMelding(
                bericht=bericht,
                client=m.client,
                referentie=f"{referentie}-{i:04d}",
                soort=m.soort,
                begindatum=m.periode.begindatum,
                einddatum=m.periode.einddatum,
                kostprijs_cent=m.periode.kostprijs_cent,
                vorige=m.vorige,
            )
            for i, m in enumerate(mutaties, start=1)
        )
        inhoud = Wmo405(
            referentie=referentie,
            gemeentecode=gemeente.code,
            dagtekening=dagtekening,
            periode=maand,
            regels=[_regel(m) for m in meldingen],
        )
        bericht.bestandsnaam = exp.bestandsnaam(inhoud)
        bericht.inhoud = exp.schrijf_405(inhoud)
        bericht.save(update_fields=["bestandsnaam", "inhoud"])
        leg_vast(WMO405_AANGEMAAKT, bericht, bestand=bericht.bestandsnaam, aantal=len(meldingen))
    return bericht


def maandnaam(maand: dt.date) -> str:
    return f"{MAANDEN[maand.month - 1]} {maand.year}"


def _controleer_maand(gemeente: Any, maand: dt.date) -> None:
    if maand > regels.maand(timezone.localdate()):
        raise ValidationError(
            f"De WMO405 voor {maandnaam(maand)} kan nog niet worden gemaakt: die maand is nog niet begonnen."
        )
    verzonden = (
        CakBericht.objects.filter(gemeente=gemeente, soort=CakBerichtSoort.WMO405, periode=maand)
        .order_by("aangemaakt_op")
        .first()
    )
    if verzonden is not None:
        op = datum(timezone.localtime(verzonden.aangemaakt_op))
        raise ValidationError(
            f"De WMO405 voor {maandnaam(maand)} is al op {op} "
            f"aan het CAK verstuurd ({verzonden.bestandsnaam}). Wijzigingen gaan mee met de levering "
            "van een volgende maand."
        )


def _regel(m: CakMelding) -> Wmo405Regel:
    c = m.client
    return Wmo405Regel(
        referentie=m.referentie,
        mutatie=m.soort,
        bsn=c.bsn,
        geboortedatum=c.geboortedatum,
        achternaam=c.achternaam,
        voorletters=c.voorletters,
        tussenvoegsel=c.tussenvoegsel,
        begindatum=m.begindatum,
        einddatum=m.einddatum,
        kostprijs_cent=m.kostprijs_cent,
        vorige_referentie=m.vorige.referentie if m.vorige else "",
    )


def verwerk_wmo406(*, door: Any, gemeente: Any, inhoud: str) -> CakBericht:
    """Read the CAK's answer to a WMO405: each melding processed or rejected; every rejection becomes a
    worklist item for the consulent. An answer is processed once; nothing is half-saved."""
    antwoord = exporter().lees_406(inhoud)
    verzonden = CakBericht.objects.filter(
        gemeente=gemeente, soort=CakBerichtSoort.WMO405, referentie=antwoord.antwoord_op
    ).first()
    if verzonden is None:
        raise ValidationError(
            f"Het retourbericht hoort bij WMO405 {antwoord.antwoord_op or '(onbekend)'}, "
            f"maar dat bericht heeft {gemeente.naam} niet verstuurd."
        )
    if not antwoord.referentie or CakBericht.objects.filter(referentie=antwoord.referentie).exists():
        raise ValidationError(f"Retourbericht {antwoord.referentie or '(zonder kenmerk)'} is al verwerkt.")
    meldingen = {m.referentie: m for m in verzonden.meldingen.select_related("client")}
    onbekend = [r.referentie for r in antwoord.regels if r.referentie not in meldingen]
    if onbekend:
        raise ValidationError(
            f"Het retourbericht noemt meldingen die niet in {verzonden.referentie} staan: "
            + ", ".join(onbekend)
        )
    with transaction.atomic(), acting_as(door):
        retour = CakBericht.objects.create(
            gemeente=gemeente,
            soort=CakBerichtSoort.WMO406,
            referentie=antwoord.referentie,
            periode=verzonden.periode,
            formaat=verzonden.formaat,
            bestandsnaam=f"WMO406_{antwoord.referentie}.xml",
            inhoud=inhoud,
            antwoord_op=verzonden,
        )
        afgekeurd = 0
        for r in antwoord.regels:
            m = meldingen[r.referentie]
            goed = r.retourcode == IebXmlExporter.GOED
            m.status = MeldingStatus.GOEDGEKEURD if goed else MeldingStatus.AFGEKEURD
            m.retourcode = r.retourcode[:4]
            m.retourtekst = r.toelichting[:300]
            m.save(update_fields=["status", "retourcode", "retourtekst"])
            if not goed:
                afgekeurd += 1
                WerklijstItem.objects.meld_retour(
                    gemeente_id=gemeente.pk,
                    client_id=m.client_id,
                    omschrijving=_werklijsttekst(m, r.retourcode, r.toelichting),
                    vanaf=antwoord.dagtekening,
                    over=m,
                )
        leg_vast(WMO406_VERWERKT, retour, bestand=retour.bestandsnaam, afgekeurd=afgekeurd)
    return retour


def _werklijsttekst(m: CakMelding, code: str, toelichting: str) -> str:
    return (
        f"Eigen bijdrage: het CAK heeft de {m.get_soort_display()} per {m.begindatum:%d-%m-%Y} afgekeurd "
        f"(code {code}: {toelichting or 'geen toelichting'}). Controleer de gegevens; "
        "de correctie gaat mee met de volgende levering aan het CAK."
    )

"""The eigen bijdrage of a client: the amount per month and from when, or why none applies.

``eigen_bijdrage_voor`` is the one answer for the beschikking, the information letter and the client
page. The delivery to the CAK (WMO405 out, WMO406 back) is in ``cak_services``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from resultaat.clienten.services import zoek_op_bsn
from resultaat.core.audit.context import acting_as
from resultaat.core.batch import onthouden
from resultaat.core.opmaak import euro, lange_datum
from resultaat.eigen_bijdrage import regels
from resultaat.eigen_bijdrage.models import (
    REDENEN,
    Abonnementstarief,
    CakMelding,
    GeenBijdrage,
    Huisgenoot,
    IndividueleVrijstelling,
    Rol,
    Vrijstelling,
)


@dataclass(frozen=True)
class EigenBijdrage:
    bedrag_cent: int | None
    periode: str
    tekst: str  # plain Dutch for the letter and the client page
    vanaf: dt.date | None = None
    reden: str = ""  # a Vrijstelling or GeenBijdrage value when the client pays nothing

    @property
    def reden_tekst(self) -> str:
        return REDENEN.get(self.reden, "")


def leeftijd(geboortedatum: dt.date, op: dt.date) -> int:
    return regels.leeftijd(geboortedatum, op)


def _vrij(reden: str, vanaf: dt.date | None = None) -> EigenBijdrage:
    return EigenBijdrage(
        None,
        "",
        f"U betaalt geen eigen bijdrage, want {REDENEN[reden]}.",
        vanaf=vanaf,
        reden=reden,
    )


def eigen_bijdrage_voor(
    client: Any, datum: dt.date, *, producten: Iterable[Any] | None = None, vrijstelling: str = ""
) -> EigenBijdrage:
    """The client's eigen bijdrage for the month of ``datum``: the amount per month and from when, or
    the exemption. With ``producten`` (a beschikking being granted) it answers for those products
    starting on ``datum``; without, from the client's own voorzieningen."""
    if client.overlijdensdatum and regels.maand(datum) > regels.maand(client.overlijdensdatum):
        return _vrij(GeenBijdrage.OVERLEDEN)
    if vrijstelling:
        return _vrij(vrijstelling)
    vrijstellingen = onthouden(
        ("individuele vrijstellingen", client.pk),
        lambda: tuple(IndividueleVrijstelling.objects.filter(client=client)),
    )
    for iv in vrijstellingen:
        if iv.geldt(datum):
            return _vrij(iv.reden)
    partner = regels.partner_op(client, datum)
    if partner is not None and not (
        regels.heeft_aow_leeftijd(client.geboortedatum, datum)
        and regels.heeft_aow_leeftijd(partner[0], datum)
    ):
        return _vrij(Vrijstelling.PARTNER_ONDER_AOW)
    instelling = regels.instelling_van(client.gemeente)
    if producten is not None:
        return _voor_producten(client, datum, list(producten), instelling)
    perioden = regels.bijdrageperioden(client, instelling)
    periode = next(
        (p for p in perioden if p.einddatum is None or regels.maand(p.einddatum) >= regels.maand(datum)), None
    )
    if periode is None:
        return _vrij(_reden_zonder_periode(client, instelling, datum))
    if periode.begindatum > datum and regels.leeftijd(client.geboortedatum, datum) < 18:
        return _vrij(Vrijstelling.MINDERJARIG)  # the period starts on the 18th birthday
    vanaf = regels.volgende_maand(periode.begindatum)
    if (
        periode.kostprijs_cent
        and regels.betaald_voor(client.gemeente, periode, datum) >= periode.kostprijs_cent
    ):
        return _vrij(GeenBijdrage.KOSTPRIJS)
    if (
        partner is not None
        and partner[1] is not None
        and _partner_betaalt_al(client, partner[1], periode, datum)
    ):
        return _vrij(Vrijstelling.AL_WMO)
    return _bedrag(client.gemeente, max(vanaf, regels.maand(datum)), vanaf, periode.kostprijs_cent)


def _voor_producten(client: Any, datum: dt.date, producten: list[Any], instelling: Any) -> EigenBijdrage:
    vrijgesteld = regels.vrijgestelde_product_ids(instelling)
    redenen = [regels.product_vrijstelling(p, instelling, vrijgesteld) for p in producten]
    minderjarig = regels.leeftijd(client.geboortedatum, datum) < 18
    if minderjarig:
        redenen = [
            r or ("" if p.categorie in regels.OOK_VOOR_MINDERJARIGEN else Vrijstelling.MINDERJARIG)
            for p, r in zip(producten, redenen, strict=True)
        ]
    if producten and all(redenen):
        return _vrij(redenen[0])
    partner = regels.partner_op(client, datum)
    nieuw = regels.Periode(datum, None, None)
    if (
        partner is not None
        and partner[1] is not None
        and _partner_betaalt_al(client, partner[1], nieuw, datum)
    ):
        return _vrij(Vrijstelling.AL_WMO)
    vanaf = regels.volgende_maand(datum)
    return _bedrag(client.gemeente, vanaf, vanaf, None)


def _reden_zonder_periode(client: Any, instelling: Any, datum: dt.date) -> str:
    """Why no period runs: the client's voorzieningen are all exempt (say which), or there is none."""
    vrijgesteld = regels.vrijgestelde_product_ids(instelling)
    lopend = [
        v
        for v in regels.voorzieningen(client, instelling.trigger)
        if v.einddatum is None or v.einddatum >= datum
    ]
    for v in lopend:
        reden = regels.product_vrijstelling(v.product, instelling, vrijgesteld)
        if reden:
            return reden
    if lopend and regels.leeftijd(client.geboortedatum, datum) < 18:
        return Vrijstelling.MINDERJARIG
    return GeenBijdrage.GEEN_VOORZIENING


def _partner_betaalt_al(client: Any, partner: Any, periode: regels.Periode, datum: dt.date) -> bool:
    """A household pays once: the partner who started first (or, on the same day, was registered
    first) pays; the other is exempt while the partner's own period runs."""
    if partner.overlijdensdatum and regels.maand(datum) > regels.maand(partner.overlijdensdatum):
        return False
    if any(iv.geldt(datum) for iv in IndividueleVrijstelling.objects.filter(client=partner)):
        return False
    for p in regels.bijdrageperioden(partner):
        lopend = p.einddatum is None or regels.maand(p.einddatum) >= regels.maand(datum)
        if lopend and p.begindatum <= max(datum, periode.begindatum):
            if (p.begindatum, partner.pk) < (periode.begindatum, client.pk):
                return True
    return False


def _bedrag(gemeente: Any, peil: dt.date, vanaf: dt.date, kostprijs_cent: int | None) -> EigenBijdrage:
    t = regels.tarief(gemeente, peil.year)
    if t is None:
        tekst = (
            f"U betaalt een eigen bijdrage vanaf {lange_datum(vanaf)}. Het CAK stelt die vast; "
            f"het bedrag voor {peil.year} is nog niet bekend."
        )
        vorig = onthouden(
            ("abonnementstarief voor", peil.year),
            lambda: Abonnementstarief.objects.filter(jaar__lt=peil.year).order_by("-jaar").first(),
        )
        laatst = regels.tarief(gemeente, vorig.jaar) if vorig else None
        if laatst is not None:
            tekst += f" In {laatst.jaar} was het {euro(laatst.bedrag_cent)} {laatst.per}."
        return EigenBijdrage(None, "", tekst, vanaf=vanaf)
    wie = (
        f"het tarief van de gemeente {gemeente.naam} voor {t.jaar}"
        if t.eigen_tarief
        else (f"het abonnementstarief van {t.jaar}")
    )
    tekst = (
        f"U betaalt een eigen bijdrage van {euro(t.bedrag_cent)} {t.per} ({wie}), "
        f"vanaf {lange_datum(vanaf)}. Het CAK stuurt u hiervoor een rekening. "
        "Het bedrag geldt per huishouden, ook als u meer ondersteuning krijgt."
    )
    if kostprijs_cent:
        tekst += f" U betaalt in totaal nooit meer dan de kostprijs van {euro(kostprijs_cent)}."
    return EigenBijdrage(t.bedrag_cent, t.periode, tekst, vanaf=vanaf)


def verwachte_eigen_bijdrage(client: Any, datum: dt.date) -> EigenBijdrage:
    """For a letter about support to come: the client's eigen bijdrage, or, when nothing runs yet,
    what a voorziening starting on ``datum`` would cost."""
    bijdrage = eigen_bijdrage_voor(client, datum)
    if bijdrage.reden == GeenBijdrage.GEEN_VOORZIENING:
        return eigen_bijdrage_voor(client, datum, producten=[])
    return bijdrage


def leg_huisgenoot_vast(
    *,
    door: Any,
    client: Any,
    rol: str,
    geboortedatum: dt.date,
    vanaf: dt.date,
    naam: str = "",
    als_client: Any = None,
    tot: dt.date | None = None,
) -> Huisgenoot:
    """Record who lives with the client: a partner (perhaps a client too) or a child."""
    if als_client is not None:
        if als_client.gemeente_id != client.gemeente_id:
            raise ValidationError("De partner woont in een andere gemeente; leg hem daar vast.")
        geboortedatum, naam = als_client.geboortedatum, naam or als_client.naam
    huisgenoot = Huisgenoot(
        client=client,
        rol=rol,
        naam=naam,
        geboortedatum=geboortedatum,
        als_client=als_client,
        vanaf=vanaf,
        tot=tot,
    )
    huisgenoot.full_clean()
    if rol == Rol.PARTNER:
        bestaand = [
            h for h in Huisgenoot.objects.filter(client=client, rol=Rol.PARTNER) if _overlap(h, vanaf, tot)
        ]
        if bestaand:
            raise ValidationError("Er woont in die periode al een partner bij de cliënt.")
    with transaction.atomic(), acting_as(door):
        huisgenoot.save()
    return huisgenoot


def koppel_partner(*, door: Any, client: Any, bsn: str, vanaf: dt.date) -> Huisgenoot:
    """Record as partner someone who is a client of the same gemeente too, found by BSN. The search
    is in the access log ("gezocht"), as with the client search; whether the BSN exists elsewhere is
    not told."""
    partner = zoek_op_bsn(door=door, bsn=bsn)
    if partner is None or partner.gemeente_id != client.gemeente_id:
        raise ValidationError(
            f"Er is geen cliënt met dit BSN in de gemeente {client.gemeente.naam}. Leg de partner dan "
            "vast met naam en geboortedatum."
        )
    return leg_huisgenoot_vast(
        door=door,
        client=client,
        rol=Rol.PARTNER,
        geboortedatum=partner.geboortedatum,
        vanaf=vanaf,
        als_client=partner,
    )


def leg_vrijstelling_vast(
    *, door: Any, client: Any, reden: str, vanaf: dt.date, tot: dt.date | None = None, toelichting: str = ""
) -> IndividueleVrijstelling:
    """Record an exemption the gemeente knows from its own data (Wlz bijdrage, minimabeleid)."""
    if tot is not None and tot <= vanaf:
        raise ValidationError("De einddatum van de vrijstelling moet na de begindatum liggen.")
    vrijstelling = IndividueleVrijstelling(
        client=client, reden=reden, vanaf=vanaf, tot=tot, toelichting=toelichting
    )
    vrijstelling.full_clean()
    with transaction.atomic(), acting_as(door):
        vrijstelling.save()
    return vrijstelling


def _overlap(h: Huisgenoot, vanaf: dt.date, tot: dt.date | None) -> bool:
    return h.vanaf < (tot or dt.date.max) and vanaf < (h.tot or dt.date.max)


@dataclass(frozen=True)
class Overzicht:
    """What the client page shows: the amount or the exemption, the household, the periods and what
    the CAK was told."""

    bijdrage: EigenBijdrage
    huisgenoten: list[Huisgenoot]
    perioden: list[regels.Periode]
    meldingen: list[CakMelding]


def overzicht_voor(client: Any, datum: dt.date) -> Overzicht:
    huisgenoten = list(Huisgenoot.objects.filter(client=client).select_related("als_client"))
    huisgenoten += [
        Huisgenoot(
            client=h.als_client,
            rol=h.rol,
            naam=h.client.naam,
            geboortedatum=h.client.geboortedatum,
            als_client=h.client,
            vanaf=h.vanaf,
            tot=h.tot,
        )
        for h in Huisgenoot.objects.filter(als_client=client).select_related("client")
    ]
    return Overzicht(
        bijdrage=eigen_bijdrage_voor(client, datum),
        huisgenoten=[h for h in huisgenoten if h.tot is None or h.tot > datum],
        perioden=regels.bijdrageperioden(client),
        meldingen=list(
            CakMelding.objects.filter(client=client).select_related("bericht").order_by("-pk")[:10]
        ),
    )

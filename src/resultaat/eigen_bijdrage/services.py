"""What eigen bijdrage a beschikking will announce: the abonnementstarief of the year, or why none applies."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from resultaat.core.opmaak import euro
from resultaat.eigen_bijdrage.models import Abonnementstarief, TariefPeriode, Vrijstelling


@dataclass(frozen=True)
class EigenBijdrage:
    bedrag_cent: int | None
    periode: str
    tekst: str  # plain Dutch for the letter


def leeftijd(geboortedatum: dt.date, op: dt.date) -> int:
    return op.year - geboortedatum.year - ((op.month, op.day) < (geboortedatum.month, geboortedatum.day))


def schat_eigen_bijdrage(
    *, geboortedatum: dt.date, ingangsdatum: dt.date, vrijstelling: str = ""
) -> EigenBijdrage:
    """The abonnementstarief of the start year, collected by the CAK from the month after the start."""
    if not vrijstelling and leeftijd(geboortedatum, ingangsdatum) < 18:
        vrijstelling = Vrijstelling.MINDERJARIG
    if vrijstelling:
        reden = Vrijstelling(vrijstelling).label
        return EigenBijdrage(None, "", f"U betaalt geen eigen bijdrage, want {reden}.")
    tarief = Abonnementstarief.objects.filter(jaar=ingangsdatum.year).first()
    if tarief is None:
        return EigenBijdrage(
            None,
            "",
            f"Het CAK stelt uw eigen bijdrage vast. Het bedrag voor {ingangsdatum.year} is nog niet bekend.",
        )
    bedrag = euro(tarief.bedrag_cent)
    per = "per periode van 4 weken" if tarief.periode == TariefPeriode.VIER_WEKEN else "per maand"
    return EigenBijdrage(
        tarief.bedrag_cent,
        tarief.periode,
        f"U betaalt een eigen bijdrage van {bedrag} {per} (het abonnementstarief van {tarief.jaar}). "
        "Het CAK stuurt u hiervoor een rekening, vanaf de maand na de start van uw ondersteuning. "
        "Het bedrag geldt per huishouden, ook als u meer ondersteuning krijgt.",
    )

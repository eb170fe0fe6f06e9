"""The iWmo rules for a start (305) and a stop (307), shared by the iWmo intake and the services.

A provider with software sends a 305 or 307; a provider without uses the portal or the CSV upload.
Both roads must refuse the same situations: the intake turns a refusal into its retour code, the
services into the Dutch message. Each function returns ``(regel, melding)`` pairs; empty means allowed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from resultaat.core.codes import WMO588RedenBeeindiging
from resultaat.core.opmaak import datum_of_onbepaald
from resultaat.toewijzingen.models import ReactieAanbieder

TIJDELIJK = WMO588RedenBeeindiging.TIJDELIJK

Bezwaar = tuple[str, str]


def geretourneerd_bezwaren(toewijzing: Any) -> list[Bezwaar]:
    """A toewijzing the provider returned (the portal's "Retourneren") cannot start: the gemeente
    chooses another provider. The intake answers it with TR019, retour code 9019, whose WJ001 text
    is "Het regiebericht kan niet gekoppeld worden aan een toewijzing.": a returned toewijzing is no
    longer one the provider's start can be linked to (as with a deleted one, which gets 9019 too)."""
    if toewijzing.reactie == ReactieAanbieder.GERETOURNEERD:
        return [("TR019", "Deze toewijzing is geretourneerd; een start kan niet meer.")]
    return []


def start_bezwaren(toewijzing: Any, leveringen: Sequence[Any], begindatum: dt.date) -> list[Bezwaar]:
    """A new start: not on a returned toewijzing (TR019, and then nothing else is checked), within the
    toewijzing (TR069), one current start (TR326), and after a stop only later than that stop (TR414).

    A start after a definitive stop is allowed: "Zowel zorg die tijdelijk- als definitief gestopt is,
    kan herstart worden, dan stuurt de aanbieder opnieuw een startbericht naar de gemeente"
    (Processen Wmo; TR326: "Pas nadat er een stopbericht is gekomen kan er opnieuw een startbericht
    voor het toegewezen product gestuurd worden"). Within the toewijzing only: a toewijzing the
    gemeente ended takes no new start (TR069).

    ``leveringen`` are the toewijzing's leveringen that are not withdrawn, oldest first."""
    uit: list[Bezwaar] = geretourneerd_bezwaren(toewijzing)
    if uit:
        return uit
    if not toewijzing.is_actief_op(begindatum):
        uit.append(
            (
                "TR069",
                f"De start ({datum_of_onbepaald(begindatum)}) valt buiten de toewijzing "
                f"({datum_of_onbepaald(toewijzing.ingangsdatum)} tot en met "
                f"{datum_of_onbepaald(toewijzing.einddatum)}).",
            )
        )
    if any(x.einddatum is None for x in leveringen):
        uit.append(("TR326", "Deze toewijzing heeft al een lopende start; meld eerst een stop."))
    elif leveringen:
        laatste = leveringen[-1]
        if laatste.einddatum is not None and begindatum <= laatste.einddatum:
            tekst = (
                "De hervatting moet na de tijdelijke stop liggen"
                if laatste.reden_beeindiging == TIJDELIJK
                else "De nieuwe start moet na de stop liggen"
            )
            uit.append(("TR414", f"{tekst} (gestopt op {datum_of_onbepaald(laatste.einddatum)})."))
    return uit


def stop_beoordeling(
    toewijzing: Any, levering: Any | None, einddatum: dt.date, reden: str
) -> tuple[str, list[Bezwaar]]:
    """A stop of ``levering`` (the start it belongs to). Returns the action and the objections.

    The action is "stop" (end a current start) or "definitief" (after a temporary stop the client
    did not resume: that stop becomes definitive, its date stays). A stop needs a start (TR074) and
    falls within the toewijzing (TR069); after a definitive stop nothing follows (TR413); after a
    temporary stop only a definitive stop (TR415) on or after the temporary stop date (TR414)."""
    uit: list[Bezwaar] = []
    if levering is None:
        return "stop", [
            ("TR074", "Er is geen lopende start voor deze toewijzing: een stop heeft een start nodig.")
        ]
    if toewijzing.einddatum is not None and einddatum > toewijzing.einddatum:
        uit.append(
            (
                "TR069",
                f"De stop ({datum_of_onbepaald(einddatum)}) valt na het einde van de toewijzing "
                f"({datum_of_onbepaald(toewijzing.einddatum)}).",
            )
        )
    if levering.einddatum is None:
        return "stop", uit
    if levering.reden_beeindiging != TIJDELIJK:
        uit.append(("TR413", "De levering is al definitief gestopt; er kan geen stop meer volgen."))
    elif reden == TIJDELIJK:
        uit.append(
            (
                "TR415",
                "De levering is al tijdelijk gestopt: meld een hervatting of een definitieve stop.",
            )
        )
    elif einddatum < levering.einddatum:
        uit.append(
            (
                "TR414",
                "De definitieve stop mag niet vóór de tijdelijke stop liggen "
                f"({datum_of_onbepaald(levering.einddatum)}).",
            )
        )
    return "definitief", uit

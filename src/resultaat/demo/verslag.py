"""The report :func:`resultaat.demo.generator.genereer_demo` returns and the command prints."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from resultaat.core.opmaak import euro
from resultaat.demo.basis import (
    DEMO_WACHTWOORD,
    FASE_OMSCHRIJVING,
    REGIO_NAAM,
    Fase,
)

# --------------------------------------------------------------------------------------------------
# The report
# --------------------------------------------------------------------------------------------------


@dataclass
class DemoVerslag:
    clienten: int = 0
    seed: int = 0
    vandaag: dt.date = dt.date(2000, 1, 1)
    fasen: dict[str, int] = field(default_factory=dict)
    aantallen: dict[str, int] = field(default_factory=dict)
    logins: list[tuple[str, str, str]] = field(default_factory=list)
    tarieven: list[tuple[str, int]] = field(default_factory=list)
    seconden: float = 0.0
    # The settlement scenarios (resultaat.demo.scenarios): name -> the toewijzing it is about.
    scenarios: dict[str, int] = field(default_factory=dict)

    def regels(self) -> list[str]:
        """The report as lines of text (Dutch), as the command prints it."""
        uit = [
            f"{REGIO_NAAM}: {self.clienten} cliënten, seed {self.seed}, vandaag {self.vandaag:%d-%m-%Y}.",
            "",
            "Cliënten per fase:",
        ]
        for fase in Fase:
            uit.append(f"  {self.fasen.get(fase.value, 0):>7}  {FASE_OMSCHRIJVING[fase]}")
        uit += ["", "Aangemaakte rijen:"]
        uit += [f"  {n:>7}  {naam}" for naam, n in self.aantallen.items()]
        if self.tarieven:
            uit += ["", "Voorbeeldtarieven (demo), per periode van 4 weken vanaf 01-01-2025:"]
            uit += [f"  {euro(cent):>12}  {naam}" for naam, cent in self.tarieven]
        uit += ["", f"Inloggen (wachtwoord voor alle accounts: {DEMO_WACHTWOORD}):"]
        breedte = max((len(g) for g, _, _ in self.logins), default=10)
        uit.append(f"  {'gebruiker':<{breedte}}  {'rol':<26}  organisatie")
        uit += [f"  {g:<{breedte}}  {r:<26}  {o}" for g, r, o in self.logins]
        per_seconde = self.clienten / self.seconden if self.seconden else 0.0
        uit += ["", f"Klaar in {self.seconden:.1f} s ({per_seconde:.0f} cliënten per seconde)."]
        return uit

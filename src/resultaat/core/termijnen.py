"""Every deadline the software keeps, by name, with where it comes from.

A deadline is either a number of werkdagen (Monday to Friday without the public holidays of the
Algemene termijnenwet, see :mod:`resultaat.core.werkdagen`) or a fixed length of time. Code asks a
deadline for its last day (``uiterlijk``) instead of adding bare numbers, so a term is changed in one
place and every screen, worklist item and message follows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from resultaat.core.werkdagen import is_werkdag, plus_werkdagen


@dataclass(frozen=True)
class Termijn:
    naam: str
    bron: str
    werkdagen: int | None = None
    duur: dt.timedelta | None = None
    # Algemene termijnenwet art. 1: a legal term that ends on a Saturday, Sunday or public holiday ends on
    # the next day that is none of these.
    termijnenwet: bool = False

    def __post_init__(self) -> None:
        if (self.werkdagen is None) == (self.duur is None):
            raise ValueError(f"Termijn {self.naam!r}: geef werkdagen of een duur, niet beide.")

    def uiterlijk(self, vanaf: dt.date) -> dt.date:
        """The last day of the term that starts on ``vanaf``."""
        if self.werkdagen is not None:
            return plus_werkdagen(vanaf, self.werkdagen)
        assert self.duur is not None
        einde = vanaf + self.duur
        while self.termijnenwet and not is_werkdag(einde):
            einde += dt.timedelta(days=1)
        return einde

    def __str__(self) -> str:
        if self.werkdagen is not None:
            return f"{self.werkdagen} werkdagen"
        assert self.duur is not None
        weken, dagen = divmod(self.duur.days, 7)
        return f"{weken} weken" if not dagen else f"{self.duur.days} dagen"


# Toegang (Wmo 2015 and the Awb).
ONDERZOEK = Termijn(
    "onderzoek na de melding", "Wmo 2015 art. 2.3.2 lid 1: binnen zes weken", duur=dt.timedelta(weeks=6)
)
BESLISSING = Termijn(
    "beslissing op de aanvraag", "Wmo 2015 art. 2.3.5 lid 1: binnen twee weken", duur=dt.timedelta(weeks=2)
)
BEZWAAR = Termijn(
    "bezwaar tegen de beschikking",
    "Awb art. 6:7 en 6:8: zes weken vanaf de dag na de bekendmaking (de verzending van de brief); "
    "Algemene termijnenwet art. 1",
    duur=dt.timedelta(weeks=6),
    termijnenwet=True,
)

INGEBREKESTELLING = Termijn(
    "besluit na ingebrekestelling",
    "Awb art. 4:17 lid 3: de dwangsom loopt vanaf de dag waarop twee weken zijn verstreken na de dag "
    "waarop de ingebrekestelling is ontvangen",
    duur=dt.timedelta(weeks=2),
)
# Awb art. 4:17 lid 1 and 2: per day 23 euro the first fourteen days, 35 the next fourteen, 45 after
# that; at most 42 days.
DWANGSOM_PER_DAG_CENT = ((14, 2300), (14, 3500), (14, 4500))
DWANGSOM_MAX_DAGEN = 42


def dwangsom_cent(ingebrekestelling_op: dt.date, tot_en_met: dt.date) -> tuple[int, int]:
    """The dwangsom owed for not deciding in time (Awb 4:17): (days, eurocent) from the first day
    (``INGEBREKESTELLING.uiterlijk``) through ``tot_en_met`` (the day before the decision, or today),
    at most 42 days."""
    eerste = INGEBREKESTELLING.uiterlijk(ingebrekestelling_op)
    dagen = min(max(0, (tot_en_met - eerste).days + 1), DWANGSOM_MAX_DAGEN)
    bedrag, over = 0, dagen
    for aantal, per_dag in DWANGSOM_PER_DAG_CENT:
        deel = min(over, aantal)
        bedrag += deel * per_dag
        over -= deel
    return dagen, bedrag


# iWmo 3.2 (the message table of the standard and its bedrijfsregels).
START_MELDEN = Termijn(
    "start van de ondersteuning melden",
    "iWmo 3.2, 305: binnen 5 werkdagen na de daadwerkelijke start",
    werkdagen=5,
)
STOP_MELDEN = Termijn(
    "einde van de ondersteuning melden", "iWmo 3.2 OP272: binnen vijf werkdagen na het einde", werkdagen=5
)
VERZOEK_BEANTWOORDEN = Termijn(
    "verzoek om toewijzing of wijziging beantwoorden",
    "iWmo 3.2, 319: binnen 5 werkdagen na ontvangst van een 315 of 317",
    werkdagen=5,
)
VERZOEK_IN_ONDERZOEK = Termijn(
    "verzoek in onderzoek afronden",
    "iWmo 3.2, 319: binnen 8 weken na dagtekening van het verzoek een 301 of een afwijzing",
    duur=dt.timedelta(weeks=8),
)
RETOUR_OPVOLGEN = Termijn(
    "geretourneerde toewijzing opnieuw toewijzen",
    "werkafspraak, naar iWmo 3.2 OP090 (een retour binnen drie werkdagen)",
    werkdagen=3,
)
RETOUR_ONTVANGEN = Termijn(
    "retour op een verstuurd bericht ontvangen",
    "iWmo 3.2 OP090: voor ieder ontvangen bericht binnen drie werkdagen een retourbericht",
    werkdagen=3,
)

# Complaints (Awb hoofdstuk 9).
KLACHT_AFHANDELEN = Termijn(
    "klacht afhandelen",
    "Awb 9:11 lid 1: binnen zes weken na ontvangst van het klaagschrift",
    duur=dt.timedelta(weeks=6),
    termijnenwet=True,
)

# Working agreements of the gemeente.
SIGNAAL_OPVOLGEN = Termijn("signaal van de aanbieder opvolgen", "werkafspraak van de gemeente", werkdagen=10)

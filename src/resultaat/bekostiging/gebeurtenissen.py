"""The named audit events of bekostiging (see ``resultaat.core.audit.gebeurtenissen``)."""

from __future__ import annotations

from resultaat.core.audit.gebeurtenissen import Gebeurtenis

AFREKENRUN_GEMAAKT = Gebeurtenis(
    "afrekenrun.gemaakt",
    "Afrekenrun {periode} van {gemeente} gemaakt: {regels} regels, {totaal}",
    "Een afrekenrun is gemaakt en wacht op goedkeuring door een tweede persoon.",
)
AFREKENRUN_GOEDGEKEURD = Gebeurtenis(
    "afrekenrun.goedgekeurd",
    "Afrekenrun {periode} van {gemeente} goedgekeurd ({regels} regels, {totaal}); "
    "gemaakt door {gemaakt_door}",
    "Een tweede persoon heeft de run goedgekeurd; per aanbieder is een betaalbatch gemaakt.",
)
BETAALGEGEVENS_VOORGESTELD = Gebeurtenis(
    "betaalgegevens.voorgesteld",
    "Nieuwe betaalgegevens voor {gemeente} voorgesteld: {naam}, IBAN {nieuw} (was {oud}); "
    "wacht op bevestiging",
    "Iemand heeft nieuwe betaalgegevens van de gemeente ingevoerd; ze gelden pas na bevestiging door "
    "een tweede persoon.",
)
BETAALGEGEVENS_GEWIJZIGD = Gebeurtenis(
    "betaalgegevens.gewijzigd",
    "Betaalgegevens van {gemeente} gewijzigd: {naam}, IBAN {nieuw} (was {oud}); voorgesteld door "
    "{voorgesteld_door}",
    "Een tweede persoon heeft de betaalgegevens bevestigd; runs die daarna worden goedgekeurd betalen "
    "vanaf deze rekening.",
)
BETAALGEGEVENS_INGETROKKEN = Gebeurtenis(
    "betaalgegevens.ingetrokken",
    "Voorgestelde betaalgegevens voor {gemeente} (IBAN {nieuw}) ingetrokken",
    "Voorgestelde betaalgegevens zijn niet bevestigd maar ingetrokken.",
)

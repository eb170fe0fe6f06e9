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

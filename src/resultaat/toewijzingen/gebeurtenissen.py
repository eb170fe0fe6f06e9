"""The named audit events of toewijzingen (see ``resultaat.core.audit.gebeurtenissen``)."""

from __future__ import annotations

from resultaat.core.audit.gebeurtenissen import Gebeurtenis

TOEWIJZING_GEACCEPTEERD = Gebeurtenis(
    "toewijzing.geaccepteerd",
    "Toewijzing {nummer} geaccepteerd door {aanbieder}",
    "De aanbieder heeft de toewijzing geaccepteerd, in het portaal, de API of met een 302.",
)
TOEWIJZING_GERETOURNEERD = Gebeurtenis(
    "toewijzing.geretourneerd",
    "Toewijzing {nummer} geretourneerd door {aanbieder}: {reden}",
    "De aanbieder kan of wil de toewijzing niet leveren; de consulent kiest een andere aanbieder.",
)

"""The named audit events of the eigen bijdrage (see ``resultaat.core.audit.gebeurtenissen``)."""

from __future__ import annotations

from resultaat.core.audit.gebeurtenissen import Gebeurtenis

WMO405_AANGEMAAKT = Gebeurtenis(
    "cak.wmo405_aangemaakt",
    "WMO405 {bestand} voor het CAK aangemaakt ({aantal} meldingen)",
    "De starts, stops en correcties van de eigen bijdrage per persoon, voor het CAK.",
)
WMO406_VERWERKT = Gebeurtenis(
    "cak.wmo406_verwerkt",
    "WMO406 {bestand} van het CAK verwerkt ({afgekeurd} afgekeurd)",
    "Het antwoord van het CAK; elke afgekeurde melding staat op de werklijst.",
)

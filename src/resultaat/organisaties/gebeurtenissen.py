"""The named audit events of organisaties (see ``resultaat.core.audit.gebeurtenissen``)."""

from __future__ import annotations

from resultaat.core.audit.gebeurtenissen import Gebeurtenis

AANBIEDER_IBAN_VOORGESTELD = Gebeurtenis(
    "aanbieder.iban_voorgesteld",
    "Nieuw IBAN voor {aanbieder} voorgesteld: {oud} wordt {nieuw}; wacht op bevestiging",
    "Iemand heeft een nieuw IBAN voor een aanbieder ingevoerd; het geldt pas na bevestiging door "
    "een tweede persoon.",
)
AANBIEDER_IBAN_GEWIJZIGD = Gebeurtenis(
    "aanbieder.iban_gewijzigd",
    "IBAN van {aanbieder} gewijzigd van {oud} naar {nieuw}; voorgesteld door {voorgesteld_door}",
    "Een tweede persoon heeft het nieuwe IBAN bevestigd; betalingen van runs die daarna worden "
    "goedgekeurd gaan naar dit IBAN.",
)
AANBIEDER_IBAN_VOORSTEL_INGETROKKEN = Gebeurtenis(
    "aanbieder.iban_voorstel_ingetrokken",
    "Voorgesteld IBAN {nieuw} voor {aanbieder} ingetrokken; het IBAN blijft {oud}",
    "Een voorgesteld IBAN is niet bevestigd maar ingetrokken.",
)

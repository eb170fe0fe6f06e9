"""The named audit events of the conversion (see ``resultaat.core.audit.gebeurtenissen``)."""

from __future__ import annotations

from resultaat.core.audit.gebeurtenissen import Gebeurtenis

IMPORT_INGELEZEN = Gebeurtenis(
    "conversie.ingelezen",
    "Bestand {bestand} met bestaande indicaties ingelezen: {ingelezen} ingelezen, {afgekeurd} afgekeurd",
    "Een bestand met indicaties van voor de resultaatfinanciering is helemaal ingelezen.",
)

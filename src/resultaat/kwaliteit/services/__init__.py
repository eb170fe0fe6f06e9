"""The services of the quality component. The figures the dashboards read are exported here and stay
stable: :func:`enquete_cijfers`, :func:`klacht_cijfers`, :func:`wachttijden` (see ``cijfers``)."""

from resultaat.kwaliteit.services.cijfers import (
    EnqueteCijfers,
    KlachtCijfers,
    Wachttijd,
    enquete_cijfers,
    klacht_cijfers,
    totaal,
    wachttijden,
)

__all__ = [
    "EnqueteCijfers",
    "KlachtCijfers",
    "Wachttijd",
    "enquete_cijfers",
    "klacht_cijfers",
    "totaal",
    "wachttijden",
]

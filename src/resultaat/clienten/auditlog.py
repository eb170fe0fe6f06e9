"""The access log as the auditor reads it ("wie zag mijn dossier"): the rows of a page and of the
CSV and XLSX export, every cell through ``core.opmaak.veilige_cel``."""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from typing import Any

from resultaat.clienten.models import Client
from resultaat.core.audit.models import AuditEvent
from resultaat.core.opmaak import csv_tekst, datumtijd, veilige_rij

KANALEN = {
    "web": "website",
    "api": "koppeling (API)",
    "beheer": "beheerscherm",
    "opdracht": "opdracht op de server",
}
KOPPEN = (
    "tijdstip",
    "wie",
    "rol",
    "organisatie",
    "namens",
    "actie",
    "wat",
    "cliënt-id",
    "cliënt",
    "velden",
    "vanaf adres",
    "via",
)
# An export holds at most this many rows (the newest); a narrower filter gives the rest.
MAX_EXPORT = 100_000


def vanaf(event: AuditEvent) -> str:
    via = KANALEN.get(event.kanaal, event.kanaal)
    return ", ".join(d for d in (event.adres, via) if d)


def clientnamen(user: Any, events: Iterable[AuditEvent]) -> dict[int, str]:
    """The names of the clients of ``events`` that ``user`` may see."""
    ids = {e.client_id for e in events if e.client_id}
    return {c.pk: c.naam for c in Client.objects.for_user(user).filter(pk__in=ids)}


def exportrijen(user: Any, events: Iterable[AuditEvent]) -> Iterator[list[Any]]:
    events = list(events)
    namen = clientnamen(user, events)
    yield list(KOPPEN)
    for e in events:
        yield [
            datumtijd(e.tijdstip),
            e.actor_naam,
            e.rol,
            e.organisatie,
            e.namens,
            e.get_actie_display(),
            e.tekst or e.object_omschrijving,
            e.client_id or "",
            namen.get(e.client_id or 0, ""),
            ", ".join(e.velden or []),
            e.adres,
            KANALEN.get(e.kanaal, e.kanaal),
        ]


def als_csv(user: Any, events: Iterable[AuditEvent]) -> str:
    return csv_tekst(exportrijen(user, events))


def als_xlsx(user: Any, events: Iterable[AuditEvent]) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Auditlog"
    for rij in exportrijen(user, events):
        ws.append(veilige_rij(rij))
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()

"""The access log as the auditor reads it ("wie zag mijn dossier"): the rows of a page and of the
CSV and XLSX export, every cell through ``core.opmaak.veilige_cel``."""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist

from resultaat.accounts.models import Rol
from resultaat.clienten.models import Client
from resultaat.core.audit.models import AuditEvent
from resultaat.core.opmaak import csv_tekst, datum, datumtijd, veilige_rij
from resultaat.organisaties.models import Aanbieder, Gemeente

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


# The field that names a record the way the pages do ("toewijzing 247", "betaalspecificatie R12-98..."),
# in this order; a record without one is named by its kind and, when it has one, its date.
NAAMVELDEN = ("nummer", "kenmerk", "referentie", "bestandsnaam", "code", "naam")
DATUMVELDEN = (
    "ontvangen_op",
    "besluitdatum",
    "opgesteld_op",
    "datum",
    "gemeld_op",
    "ingangsdatum",
    "begindatum",
)


def _veld(model: Any, naam: str) -> Any:
    try:
        return model._meta.get_field(naam)
    except FieldDoesNotExist:
        return None


def _omschrijving(obj: Any, soort: str) -> str:
    if isinstance(obj, Client):
        return f"cliënt {obj.naam}"
    if hasattr(obj, "get_username") and callable(obj.get_username):
        return f"gebruiker {obj.get_username()}"
    for naam in NAAMVELDEN:
        if _veld(type(obj), naam) is not None and getattr(obj, naam, None):
            return f"{soort} {getattr(obj, naam)}"
    for naam in DATUMVELDEN:
        waarde = getattr(obj, naam, None) if _veld(type(obj), naam) is not None else None
        if waarde:
            return f"{soort} van {datum(waarde)}"
    return soort


def objectnamen(events: list[AuditEvent]) -> dict[tuple[int, str], str]:
    """Per (content type, object id) of ``events``: the record as the pages name it, read in one query
    per kind of record (a removed record keeps the description the log wrote)."""
    per_soort: dict[int, set[str]] = {}
    for e in events:
        if e.content_type_id and e.object_id:
            per_soort.setdefault(e.content_type_id, set()).add(e.object_id)
    namen: dict[tuple[int, str], str] = {}
    for ct_id, ids in per_soort.items():
        model = ContentType.objects.get_for_id(ct_id).model_class()
        if model is None:
            continue
        soort = str(model._meta.verbose_name)
        pks = [int(i) for i in ids if i.isdigit()]
        for obj in model._base_manager.filter(pk__in=pks):
            namen[(ct_id, str(obj.pk))] = _omschrijving(obj, soort)
    return namen


def veldnamen(event: AuditEvent) -> str:
    """The changed fields by the labels the forms show ("einddatum", "IBAN"), not their column names."""
    model = event.content_type.model_class() if event.content_type_id else None
    labels = []
    for naam in event.velden or []:
        veld = _veld(model, naam) if model is not None else None
        labels.append(
            str(getattr(veld, "verbose_name", naam)) if veld is not None else naam.replace("_", " ")
        )
    return ", ".join(labels)


def organisatienamen(events: list[AuditEvent]) -> dict[str, str]:
    """ "aanbieder 98123401" and "gemeente 0361,0399" as the pages name them: the provider's and the
    gemeenten's names instead of their AGB and CBS codes."""
    agb = {o.split(" ", 1)[1] for e in events if (o := e.organisatie).startswith("aanbieder ")}
    cbs = {c for e in events if e.organisatie.startswith("gemeente ") for c in e.organisatie[9:].split(",")}
    aanbieders = dict(Aanbieder.objects.filter(agb_code__in=agb).values_list("agb_code", "naam"))
    gemeenten = dict(Gemeente.objects.filter(code__in=cbs).values_list("code", "naam"))
    namen = {}
    for e in events:
        o = e.organisatie
        if o.startswith("aanbieder "):
            namen[o] = aanbieders.get(o[10:], o)
        elif o.startswith("gemeente "):
            namen[o] = "gemeente " + ", ".join(gemeenten.get(c, c) for c in o[9:].split(","))
    return namen


def rolnaam(rol: str) -> str:
    return str(Rol(rol).label) if rol in Rol.values else rol


def leesbaar(user: Any, events: Iterable[AuditEvent]) -> list[dict[str, Any]]:
    """Each event as the page and the export show it: the record, fields, role and organisation by
    their names, the client's name when the user may see the client."""
    events = list(events)
    clienten = clientnamen(user, events)
    objecten = objectnamen(events)
    organisaties = organisatienamen(events)
    return [
        {
            "event": e,
            "clientnaam": clienten.get(e.client_id or 0),
            "vanaf": vanaf(e),
            "wat": e.tekst or objecten.get((e.content_type_id, e.object_id)) or e.object_omschrijving,
            "velden": veldnamen(e),
            "rol": rolnaam(e.rol),
            "organisatie": organisaties.get(e.organisatie, e.organisatie),
        }
        for e in events
    ]


def exportrijen(user: Any, events: Iterable[AuditEvent]) -> Iterator[list[Any]]:
    yield list(KOPPEN)
    for r in leesbaar(user, events):
        e = r["event"]
        yield [
            datumtijd(e.tijdstip),
            e.actor_naam,
            r["rol"],
            r["organisatie"],
            e.namens,
            e.get_actie_display(),
            r["wat"],
            e.client_id or "",
            r["clientnaam"] or "",
            r["velden"],
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

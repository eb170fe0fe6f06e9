"""Writes on clients. Views, API and commands call these; none of them saves a Client itself."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from resultaat.accounts.models import Rol
from resultaat.clienten.models import Client
from resultaat.core import grenzen
from resultaat.core.audit.context import acting_as
from resultaat.core.audit.models import Actie, AuditEvent, AuditEventQuerySet, record, record_rijen

CLIENT_FIELDS = (
    "bsn",
    "gemeente",
    "voorletters",
    "voornamen",
    "tussenvoegsel",
    "achternaam",
    "geboortedatum",
    "geslacht",
    "straat",
    "huisnummer",
    "postcode",
    "woonplaats",
    "telefoon",
    "email",
    "huishouden",
    "huishouden_grootte",
)


def registreer_client(*, door: Any, **velden: Any) -> Client:
    """Register a client in one of the user's gemeenten; raises ValidationError (Dutch) on bad input."""
    if door.rol not in {Rol.CONSULENT, Rol.BEHEERDER} and not door.is_superuser:
        raise PermissionDenied("Alleen een consulent of beheerder kan een cliënt registreren.")
    onbekend = set(velden) - set(CLIENT_FIELDS)
    if onbekend:
        raise ValidationError(f"Onbekende velden: {', '.join(sorted(onbekend))}.")
    gemeente = velden.get("gemeente")
    if not door.is_superuser and not door.gemeenten.filter(pk=getattr(gemeente, "pk", None)).exists():
        raise ValidationError({"gemeente": "U kunt alleen cliënten registreren in uw eigen gemeente(n)."})
    if Client.objects.filter(gemeente=gemeente, bsn=velden.get("bsn")).exists():
        # Only within the user's own gemeente: whether another gemeente knows this BSN is not told.
        raise ValidationError({"bsn": "Deze gemeente heeft al een cliënt met dit BSN."})
    client = Client(**velden)
    client.full_clean()
    with transaction.atomic(), acting_as(door):
        client.save()
    return client


def registreer_clienten(*, door: Any, clienten: list[Client]) -> list[Client]:
    """Register many new clients at once (a conversion of an existing caseload): the same rules as
    :func:`registreer_client`, checked for the whole set first; the caller has checked each BSN and name.
    Call inside the caller's transaction: the clients and their audit rows are written together."""
    if door.rol not in {Rol.CONSULENT, Rol.BEHEERDER} and not door.is_superuser:
        raise PermissionDenied("Alleen een consulent of beheerder kan een cliënt registreren.")
    gemeenten = {c.gemeente_id for c in clienten}
    if not door.is_superuser and door.gemeenten.filter(pk__in=gemeenten).count() != len(gemeenten):
        raise ValidationError({"gemeente": "U kunt alleen cliënten registreren in uw eigen gemeente(n)."})
    sleutels = {(c.gemeente_id, c.bsn) for c in clienten}
    bestaand = set(
        Client.objects.filter(gemeente__in=gemeenten, bsn__in={c.bsn for c in clienten}).values_list(
            "gemeente_id", "bsn"
        )
    )
    if len(sleutels) != len(clienten) or bestaand & sleutels:
        raise ValidationError({"bsn": "Deze gemeente heeft al een cliënt met dit BSN."})
    # A bulk write skips the bounds checked on every save (core.grenzen): check each client here.
    buiten = [
        f"{c.naam}: {' '.join(m for meldingen in gevonden.values() for m in meldingen)}"
        for c in clienten
        if (gevonden := grenzen.fouten(c))
    ]
    if buiten:
        raise ValidationError({"clienten": buiten})
    with transaction.atomic(), acting_as(door):
        return Client.objects.bulk_create(clienten)


def zoek_op_bsn(*, door: Any, bsn: str) -> Client | None:
    """The client with this BSN, if the user may see it; never tells whether it exists elsewhere.

    The search is written to the access log ("gezocht"): about the client found, or, without a hit,
    as a search on the client register (the BSN itself is never logged)."""
    client = Client.objects.for_user(door).filter(bsn=bsn.strip()).first()
    with transaction.atomic(), acting_as(door):
        if client is not None:
            record([client], Actie.GEZOCHT)
        else:
            record_rijen(Client, [("zoekopdracht zonder resultaat", None)], Actie.GEZOCHT)
    return client


# A search by name shows at most this many clients: a longer list asks for a narrower search.
MAX_ZOEKRESULTATEN = 50


def zoek_clienten(
    *,
    door: Any,
    bsn: str = "",
    nummer: int | None = None,
    achternaam: str = "",
    geboortedatum: dt.date | None = None,
) -> list[Client]:
    """The clients the user may see that match: by BSN (exact), by client number, or by surname (its
    beginning) and/or birth date. Written to the access log as a search ("gezocht") of each client
    found, or as a search without result (never the BSN itself)."""
    if bsn:
        client = zoek_op_bsn(door=door, bsn=bsn)
        return [client] if client is not None else []
    qs = Client.objects.for_user(door)
    if nummer is not None:
        qs = qs.filter(pk=nummer)
    if achternaam.strip():
        qs = qs.filter(achternaam__istartswith=achternaam.strip())
    if geboortedatum is not None:
        qs = qs.filter(geboortedatum=geboortedatum)
    if nummer is None and not achternaam.strip() and geboortedatum is None:
        return []
    gevonden = list(
        qs.select_related("gemeente").order_by("achternaam", "voorletters", "pk")[:MAX_ZOEKRESULTATEN]
    )
    with transaction.atomic(), acting_as(door):
        if gevonden:
            record(gevonden, Actie.GEZOCHT)
        else:
            record_rijen(Client, [("zoekopdracht zonder resultaat", None)], Actie.GEZOCHT)
    return gevonden


def auditspoor(user: Any) -> AuditEventQuerySet:
    """The audit trail this user may read: for an auditor the events about the clients of their
    gemeenten (the clients ``Client.objects.for_user`` gives them), everything for a superuser."""
    return AuditEvent.objects.for_user(user, Client.objects.for_user(user))

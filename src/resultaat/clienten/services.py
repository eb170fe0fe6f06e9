"""Writes on clients. Views, API and commands call these; none of them saves a Client itself."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, NamedTuple

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from resultaat.accounts.models import Rol
from resultaat.clienten.models import Client
from resultaat.core import grenzen
from resultaat.core.audit.context import acting_as
from resultaat.core.audit.models import Actie, AuditEvent, AuditEventQuerySet, record, record_rijen
from resultaat.core.bulk import voeg_in

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
# The fields of a NieuweClient as model field names (a foreign key by its id).
NIEUWE_CLIENT_VELDEN = (
    "bsn",
    "gemeente",
    "voorletters",
    "tussenvoegsel",
    "achternaam",
    "geboortedatum",
    "straat",
    "huisnummer",
    "postcode",
    "woonplaats",
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


class NieuweClient(NamedTuple):
    """A client to register in bulk, with the values a file of existing indications holds."""

    bsn: str
    gemeente_id: int
    voorletters: str
    tussenvoegsel: str
    achternaam: str
    geboortedatum: dt.date
    straat: str = ""
    huisnummer: str = ""
    postcode: str = ""
    woonplaats: str = ""


def registreer_clienten(*, door: Any, clienten: Sequence[NieuweClient]) -> dict[tuple[int, str], int]:
    """Register many new clients at once (a conversion of an existing caseload): the same rules as
    :func:`registreer_client`, checked for the whole set first; the caller has checked each BSN and name.
    Set-based: one INSERT for all, one audit row per client ("aangemaakt"), in the caller's transaction.
    Returns the new clients' ids by (gemeente id, BSN)."""
    if door.rol not in {Rol.CONSULENT, Rol.BEHEERDER} and not door.is_superuser:
        raise PermissionDenied("Alleen een consulent of beheerder kan een cliënt registreren.")
    if not clienten:
        return {}
    gemeenten = {c.gemeente_id for c in clienten}
    if not door.is_superuser and door.gemeenten.filter(pk__in=gemeenten).count() != len(gemeenten):
        raise ValidationError({"gemeente": "U kunt alleen cliënten registreren in uw eigen gemeente(n)."})
    sleutels = {(c.gemeente_id, c.bsn) for c in clienten}
    if len(sleutels) != len(clienten):
        raise ValidationError({"bsn": "Deze gemeente heeft al een cliënt met dit BSN."})
    # A bulk write skips the bounds checked on every save (core.grenzen): check each client here.
    buiten = [
        f"{client.naam}: {' '.join(m for meldingen in gevonden.values() for m in meldingen)}"
        for c in clienten
        if (gevonden := grenzen.fouten(client := Client(**c._asdict())))
    ]
    if buiten:
        raise ValidationError({"clienten": buiten})
    with transaction.atomic(), acting_as(door):
        # Ids only grow: the new rows are the ones above the highest id before the insert.
        hoogste = Client.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        try:
            with transaction.atomic():
                voeg_in(Client, NIEUWE_CLIENT_VELDEN, clienten)
        except IntegrityError:
            # The unique BSN per gemeente (the database's constraint): nothing of the set is written.
            raise ValidationError({"bsn": "Deze gemeente heeft al een cliënt met dit BSN."}) from None
        nieuw = Client.objects.filter(pk__gt=hoogste, gemeente__in=gemeenten).values_list(
            "pk", "gemeente_id", "bsn"
        )
        ids = {(g, bsn): pk for pk, g, bsn in nieuw if (g, bsn) in sleutels}
        record_rijen(Client, [(pk, pk) for pk in ids.values()], Actie.AANGEMAAKT)
    return ids


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

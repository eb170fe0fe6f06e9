"""The audit trail (the NEN 7513 access log) of client data, and the model base class that makes every
change write to it.

Every model that holds client data derives from :class:`ClientData`. Its ``save`` and ``delete``,
and its QuerySet's ``bulk_create``, ``bulk_update``, ``update`` and ``delete``, write an
:class:`AuditEvent` inside the same database transaction as the change, so that no change to client
data can be committed without its audit row. Field values are not copied into the trail: only the
names of the fields that were written. Reads, searches, exports and prints are written by the code
that shows or hands out the data (``record`` with the matching :class:`Actie`).

The log is append-only: triggers (migration 0004) refuse UPDATE and DELETE at the database, and every
row is hash-chained to the one before it (``keten``; ``manage.py audit_verify`` checks the chain).
Every row is written by :func:`schrijf`.
"""

from __future__ import annotations

import operator
from collections.abc import Iterable, Sequence
from typing import Any, ClassVar

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connections, models, router, transaction
from django.utils import timezone

from resultaat.core.audit import keten
from resultaat.core.audit.context import current_actor, huidige_herkomst
from resultaat.core.rollen import Rol


class Actie(models.TextChoices):
    AANGEMAAKT = "aangemaakt", "aangemaakt"
    GEWIJZIGD = "gewijzigd", "gewijzigd"
    VERWIJDERD = "verwijderd", "verwijderd"
    GELEZEN = "gelezen", "gelezen"
    GEZOCHT = "gezocht", "gezocht"
    GEEXPORTEERD = "geexporteerd", "geëxporteerd"
    AFGEDRUKT = "afgedrukt", "afgedrukt"
    # A named domain event (``gebeurtenis``), written by the service beside the row-level trail.
    GEBEURTENIS = "gebeurtenis", "gebeurtenis"


# The actions that only look at client data (NEN 7513 access): they change nothing, so whoever asks
# "what changed since" (the incremental settlement run) leaves them out.
ALLEEN_INZAGE = frozenset({Actie.GELEZEN, Actie.GEZOCHT, Actie.GEEXPORTEERD, Actie.AFGEDRUKT})


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    def for_user(self, user: Any, clienten: models.QuerySet[Any]) -> AuditEventQuerySet:
        """The trail a user may read: everything for a superuser; for an auditor the events about
        ``clienten`` (the client rows that user may see) and the events about no client (users, roles,
        bank details, letter templates, tariffs, settlement runs); nothing for any other role."""
        if user.is_superuser:
            return self
        if user.rol == Rol.AUDITOR:
            return self.filter(
                models.Q(client_id__in=clienten.values("pk")) | models.Q(client_id__isnull=True)
            )
        return self.none()

    def bulk_create(self, objs: Iterable[Any], *args: Any, **kwargs: Any) -> list[Any]:
        objs = list(objs)
        schrijf_events(objs)
        return objs

    def update(self, **kwargs: Any) -> int:
        raise TypeError("Het auditlog is alleen aan te vullen: regels wijzigen kan niet.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise TypeError("Het auditlog is alleen aan te vullen: regels verwijderen kan niet.")


class AuditEvent(models.Model):
    """One access to data (NEN 7513): who, in which role and organisation, on whose behalf, which
    client and record, what (read, search, create, change, delete, export, print, a named event),
    when and from where (address and channel)."""

    tijdstip = models.DateTimeField(default=timezone.now, db_index=True)
    # No database constraint and no action on delete: removing a user must not touch the log, which
    # keeps the name (``actor_naam``) and refuses any UPDATE.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    actor_naam = models.CharField("wie", max_length=150)
    rol = models.CharField(max_length=40, blank=True)
    organisatie = models.CharField(max_length=200, blank=True)
    namens = models.CharField("namens", max_length=150, blank=True, default="")
    # A plain column, not a foreign key: the trail outlives the client record.
    client_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.CharField(max_length=64)
    object_omschrijving = models.CharField(max_length=200, blank=True)
    actie = models.CharField(max_length=20, choices=Actie.choices)
    velden = models.JSONField(default=list, blank=True)
    # Named events only (actie "gebeurtenis"): the event's name, such as "afrekenrun.goedgekeurd",
    # and its text for people. Database defaults, because the set-based writer leaves them out.
    gebeurtenis = models.CharField(max_length=60, blank=True, default="", db_default="", db_index=True)
    tekst = models.CharField(max_length=300, blank=True, default="", db_default="")
    # From where: the client's address (core.netwerk) or the machine of a command; the channel.
    adres = models.CharField("vanaf", max_length=45, blank=True, default="")
    kanaal = models.CharField(max_length=10, blank=True, default="")
    # The chain: the previous row's hash and this row's (keten.hash_van over keten.KETEN_VELDEN).
    vorige_hash = models.CharField(max_length=64, blank=True, default="")
    hash = models.CharField(max_length=64, blank=True, default="")

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = "auditregel"
        verbose_name_plural = "auditregels"
        ordering = ["-tijdstip", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.tijdstip:%Y-%m-%d %H:%M} {self.actor_naam} {self.actie} {self.object_omschrijving}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise TypeError("Het auditlog is alleen aan te vullen: een regel wijzigen kan niet.")
        schrijf_events([self])

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise TypeError("Het auditlog is alleen aan te vullen: een regel verwijderen kan niet.")


def schrijf(rijen: Sequence[dict[str, Any]]) -> None:
    """Append ``rijen`` (dicts with every name of ``keten.KETEN_VELDEN``) to the log, hash-chained, in
    one multi-row INSERT, in the caller's transaction (or one of its own). Each dict gets its
    ``vorige_hash`` and ``hash``. Writers take turns (see ``keten``), so ids follow the chain."""
    if not rijen:
        return
    alias = router.db_for_write(AuditEvent)
    conn = connections[alias]
    opts = AuditEvent._meta
    velden = {f.attname: f for f in opts.concrete_fields}
    kolommen = [*keten.KETEN_VELDEN, "vorige_hash", "hash"]
    tabel = conn.ops.quote_name(opts.db_table)
    sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608 (names from the model, values as parameters)
        tabel,
        ", ".join(conn.ops.quote_name(velden[k].column) for k in kolommen),
        ", ".join(["%s"] * len(kolommen)),
    )
    tijdstip_veld, velden_veld = velden["tijdstip"], velden["velden"]
    sleutel = keten.ketensleutel()
    with transaction.atomic(using=alias, savepoint=False), conn.cursor() as cursor:
        if conn.vendor == "postgresql":
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [keten.SLOT])
        cursor.execute(f"SELECT hash FROM {tabel} ORDER BY id DESC LIMIT 1")  # noqa: S608
        laatste = cursor.fetchone()
        vorige = laatste[0] if laatste else keten.BEGIN
        i_tijdstip, i_velden = kolommen.index("tijdstip"), kolommen.index("velden")
        waarden = []
        # A batch mostly shares its time and field names: each prepared for the database once.
        tijden: dict[Any, Any] = {}
        veldlijsten: dict[tuple[str, ...], Any] = {}
        lees = operator.itemgetter(*kolommen)
        for rij in rijen:
            rij["vorige_hash"] = vorige
            rij["hash"] = vorige = keten.hash_van(vorige, keten.inhoud(rij), sleutel)
            waarde = list(lees(rij))
            tijd, velden_rij = waarde[i_tijdstip], tuple(waarde[i_velden])
            if tijd not in tijden:
                tijden[tijd] = tijdstip_veld.get_db_prep_save(tijd, connection=conn)
            if velden_rij not in veldlijsten:
                veldlijsten[velden_rij] = velden_veld.get_db_prep_save(list(velden_rij), connection=conn)
            waarde[i_tijdstip], waarde[i_velden] = tijden[tijd], veldlijsten[velden_rij]
            waarden.append(waarde)
        cursor.executemany(sql, waarden)


def schrijf_events(events: Sequence[AuditEvent]) -> None:
    """Append unsaved AuditEvent objects (their own tijdstip, velden, ...) and give them their ids."""
    rijen = []
    for event in events:
        rij = {naam: getattr(event, naam) for naam in keten.KETEN_VELDEN}
        rij["tijdstip"] = rij["tijdstip"] or timezone.now()
        rij["velden"] = list(rij["velden"] or [])
        rijen.append(rij)
    alias = router.db_for_write(AuditEvent)
    with transaction.atomic(using=alias, savepoint=False):
        schrijf(rijen)
        # The writer holds the chain's lock until commit, so the last ids are these rows'.
        ids = list(AuditEvent.objects.using(alias).order_by("-id").values_list("id", flat=True)[: len(rijen)])
    for event, rij, pk in zip(events, rijen, reversed(ids), strict=True):
        event.vorige_hash, event.hash, event.pk = rij["vorige_hash"], rij["hash"], pk
        event._state.adding = False
        event._state.db = alias


def herkomst_en_actor() -> dict[str, Any]:
    actor, herkomst = current_actor(), huidige_herkomst()
    return {
        "actor_id": actor.user_id,
        "actor_naam": actor.naam[:150],
        "rol": actor.rol[:40],
        "organisatie": actor.organisatie[:200],
        "namens": actor.namens[:150],
        "adres": herkomst.adres[:45],
        "kanaal": herkomst.kanaal[:10],
    }


def client_id_van(obj: models.Model) -> int | None:
    """The client a row is about: its ``audit_client_id()`` for client data, none for other rows
    (a settlement run, a setting)."""
    return obj.audit_client_id() if isinstance(obj, ClientData) else None


def record(objs: Iterable[models.Model], actie: str, velden: Sequence[str] = ()) -> None:
    """Write one audit event per object, attributed to the current actor (set-based for bulk writes).

    Client data and other rows worth a trail (runs, settings) alike; only client data carry a client."""
    rijen: list[tuple[Any, int | None]] = []
    model: type[models.Model] | None = None
    for obj in objs:
        if obj.__class__ is not model:
            if model is not None:
                record_rijen(model, rijen, actie, velden)
            model, rijen = obj.__class__, []
        rijen.append((obj.pk, client_id_van(obj)))
    if model is not None:
        record_rijen(model, rijen, actie, velden)


def record_inzage(objs: Iterable[Any], actie: str = Actie.GELEZEN) -> None:
    """A read (or search, export, print) of the client data among ``objs``, one event per row: for a
    page of a list. Client data are ClientData rows and rows that carry a ``client_id`` without being
    ClientData (settlement lines). Rows that reach their client through a relation are looked up
    again with those relations in one query, so that finding each row's client costs no query per row."""
    per_model: dict[type[Any], list[Any]] = {}
    for obj in objs:
        if isinstance(obj, ClientData) or (hasattr(obj, "client_id") and not isinstance(obj, AuditEvent)):
            per_model.setdefault(obj.__class__, []).append(obj)
    for model, rijen in per_model.items():
        if not issubclass(model, ClientData):
            record_rijen(model, [(r.pk, r.client_id) for r in rijen], actie)
        elif model.AUDIT_SELECT_RELATED:
            clienten = {
                o.pk: o.audit_client_id()
                for o in model._base_manager.filter(pk__in=[r.pk for r in rijen]).select_related(
                    *model.AUDIT_SELECT_RELATED
                )
            }
            record_rijen(model, [(r.pk, clienten.get(r.pk)) for r in rijen], actie)
        else:
            record_rijen(model, [(r.pk, r.audit_client_id()) for r in rijen], actie)


def record_rijen(
    model: type[models.Model],
    rijen: Iterable[tuple[Any, int | None]],
    actie: str,
    velden: Sequence[str] = (),
) -> None:
    """One audit event per (primary key, client id) of ``model``: the set-based form of :func:`record`
    for writers that already know each row's client. One multi-row INSERT, in the caller's transaction."""
    vast = herkomst_en_actor()
    vast.update(
        tijdstip=timezone.now(),
        content_type_id=ContentType.objects.get_for_model(model).pk,
        actie=str(actie),
        velden=list(velden),
        gebeurtenis="",
        tekst="",
    )
    naam = str(model._meta.verbose_name)
    schrijf(
        [
            {
                **vast,
                "client_id": client_id,
                "object_id": str(pk),
                "object_omschrijving": f"{naam} {pk}"[:200],
            }
            for pk, client_id in rijen
        ]
    )


class ClientDataQuerySet(models.QuerySet):
    """A QuerySet whose bulk writes are audited like single saves."""

    def bulk_create(self, objs: Iterable[Any], *args: Any, **kwargs: Any) -> list[Any]:
        with transaction.atomic(using=self.db, savepoint=False):
            created = super().bulk_create(objs, *args, **kwargs)
            record(created, Actie.AANGEMAAKT)
        return created

    def bulk_update(self, objs: Iterable[Any], fields: Iterable[str], batch_size: int | None = None) -> int:
        objs, fields = list(objs), list(fields)
        with transaction.atomic(using=self.db, savepoint=False):
            # Django's bulk_update runs an update() per batch; on this QuerySet that update would audit
            # the same rows a second time, so the rows are written through a plain QuerySet.
            gewoon: models.QuerySet[Any] = models.QuerySet(self.model, using=self.db)
            count = gewoon.bulk_update(objs, fields, batch_size=batch_size)
            record(objs, Actie.GEWIJZIGD, fields)
        return count

    def update(self, **kwargs: Any) -> int:
        with transaction.atomic(using=self.db, savepoint=False):
            affected = list(
                self.model.objects.filter(pk__in=self.values("pk")).select_related(
                    *self.model.AUDIT_SELECT_RELATED
                )
            )
            count = super().update(**kwargs)
            record(affected, Actie.GEWIJZIGD, sorted(kwargs))
        return count

    update.alters_data = True  # type: ignore[attr-defined]

    def delete(self) -> tuple[int, dict[str, int]]:
        with transaction.atomic(using=self.db, savepoint=False):
            affected = list(self.select_related(*self.model.AUDIT_SELECT_RELATED))
            record(affected, Actie.VERWIJDERD)
            return super().delete()

    delete.alters_data = True  # type: ignore[attr-defined]
    delete.queryset_only = True  # type: ignore[attr-defined]


class ClientData(models.Model):
    """Base of every model that holds data about a client; see the module docstring."""

    # Relations to fetch with the affected rows of a bulk update or delete, so that
    # audit_client_id() needs no query per row.
    AUDIT_SELECT_RELATED: ClassVar[tuple[str, ...]] = ()

    objects = ClientDataQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        adding = self._state.adding
        with transaction.atomic(using=kwargs.get("using")):
            super().save(*args, **kwargs)
            velden = kwargs.get("update_fields") or ()
            record([self], Actie.AANGEMAAKT if adding else Actie.GEWIJZIGD, list(velden))

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        with transaction.atomic(using=kwargs.get("using")):
            record([self], Actie.VERWIJDERD)
            return super().delete(*args, **kwargs)

    def audit_client_id(self) -> int | None:
        """The client this row is about: its ``client`` foreign key. A model that reaches its client
        another way (through its toewijzing, its beschikking, ...) says so by overriding this."""
        return getattr(self, "client_id", None)

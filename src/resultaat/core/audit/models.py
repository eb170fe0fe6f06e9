"""The audit trail of client data, and the model base class that makes every change write to it.

Every model that holds client data derives from :class:`ClientData`. Its ``save`` and ``delete``,
and its QuerySet's ``bulk_create``, ``bulk_update``, ``update`` and ``delete``, write an
:class:`AuditEvent` inside the same database transaction as the change, so that no change to client
data can be committed without its audit row. Field values are not copied into the trail: only the
names of the fields that were written.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, ClassVar

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connections, models, router, transaction
from django.utils import timezone

from resultaat.core.audit.context import current_actor
from resultaat.core.rollen import Rol


class Actie(models.TextChoices):
    AANGEMAAKT = "aangemaakt", "aangemaakt"
    GEWIJZIGD = "gewijzigd", "gewijzigd"
    VERWIJDERD = "verwijderd", "verwijderd"
    GELEZEN = "gelezen", "gelezen"
    # A named domain event (``gebeurtenis``), written by the service beside the row-level trail.
    GEBEURTENIS = "gebeurtenis", "gebeurtenis"


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    def for_user(self, user: Any, clienten: models.QuerySet[Any]) -> AuditEventQuerySet:
        """The trail a user may read: everything for a superuser; for an auditor the events about
        ``clienten`` (the client rows that user may see); nothing for any other role."""
        if user.is_superuser:
            return self
        if user.rol == Rol.AUDITOR:
            return self.filter(client_id__in=clienten.values("pk"))
        return self.none()


class AuditEvent(models.Model):
    """One change to (or later: one read of) client data: who, in which role and organisation, what, when."""

    tijdstip = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_naam = models.CharField("wie", max_length=150)
    rol = models.CharField(max_length=40, blank=True)
    organisatie = models.CharField(max_length=200, blank=True)
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

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = "auditregel"
        verbose_name_plural = "auditregels"
        ordering = ["-tijdstip", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.tijdstip:%Y-%m-%d %H:%M} {self.actor_naam} {self.actie} {self.object_omschrijving}"


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


def record_rijen(
    model: type[models.Model],
    rijen: Iterable[tuple[Any, int | None]],
    actie: str,
    velden: Sequence[str] = (),
) -> None:
    """One audit event per (primary key, client id) of ``model``: the set-based form of :func:`record`
    for writers that already know each row's client. One multi-row INSERT, in the caller's transaction."""
    actor = current_actor()
    conn = connections[router.db_for_write(AuditEvent)]
    opts = AuditEvent._meta
    # The same values for every row, prepared for the database once.
    tijdstip = opts.get_field("tijdstip").get_db_prep_save(timezone.now(), connection=conn)
    velden_db = opts.get_field("velden").get_db_prep_save(list(velden), connection=conn)
    content_type_id = ContentType.objects.get_for_model(model).pk
    naam = str(model._meta.verbose_name)
    vast = (actor.user_id, actor.naam, actor.rol, actor.organisatie)
    actie = str(actie)
    rows = [
        (tijdstip, *vast, client_id, content_type_id, str(pk), f"{naam} {pk}"[:200], actie, velden_db)
        for pk, client_id in rijen
    ]
    if not rows:
        return
    kolom = {f.name: f.column for f in opts.concrete_fields}
    kolommen = [
        kolom[naam]
        for naam in (
            "tijdstip",
            "actor",
            "actor_naam",
            "rol",
            "organisatie",
            "client_id",
            "content_type",
            "object_id",
            "object_omschrijving",
            "actie",
            "velden",
        )
    ]
    sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608 (names from the model, values as parameters)
        conn.ops.quote_name(opts.db_table),
        ", ".join(conn.ops.quote_name(k) for k in kolommen),
        ", ".join(["%s"] * len(kolommen)),
    )
    with conn.cursor() as cursor:
        cursor.executemany(sql, rows)


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

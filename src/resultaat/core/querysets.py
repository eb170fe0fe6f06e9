"""Row-level visibility shared by the client-data QuerySets: who may see which rows."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Exists, OuterRef

from resultaat.core.audit.models import ClientDataQuerySet

# A provider serves a client when the client has a row in this reverse relation (its toewijzingen)
# with that provider as ``aanbieder``. Core names the relation and finds its model in the metadata,
# so it imports no component.
BEDIEND_VIA = "toewijzingen"
# A toewijzing the provider returned (its ``reactie``) does not make it the client's provider: from then
# on it reads neither the client's BSN nor the address, and writes no plan for it.
GERETOURNEERD = {"reactie": "geretourneerd"}


def model_op_pad(model: type[models.Model], pad: str) -> type[models.Model]:
    """The model at the end of a lookup path such as ``"toewijzing__client"``."""
    for naam in pad.split("__"):
        model = model._meta.get_field(naam).related_model  # type: ignore[assignment]
    return model


def meervoudig_pad(model: type[models.Model], pad: str) -> bool:
    """Whether a lookup path passes a reverse or many-to-many relation (a join can repeat the row)."""
    for naam in pad.split("__"):
        veld = model._meta.get_field(naam)
        if veld.one_to_many or veld.many_to_many:
            return True
        if veld.related_model is None:
            break
        model = veld.related_model  # type: ignore[assignment]
    return False


def pad_terug(model: type[models.Model], pad: str) -> tuple[type[models.Model], str] | None:
    """For a path of reverse foreign keys ending in ``aanbieder`` (``resultaten__toewijzingen__aanbieder``
    from a beschikking): the model that holds the aanbieder and the path from it back to the start's id
    (toewijzing, ``beschikt_resultaat__beschikking_id``). None for any other kind of path."""
    *stappen, laatste = pad.split("__")
    if laatste != "aanbieder" or not stappen:
        return None
    terug: list[str] = []
    for naam in stappen:
        veld = model._meta.get_field(naam)
        if not veld.one_to_many or veld.related_model is None:
            return None
        terug.insert(0, veld.field.name)  # type: ignore[union-attr]
        model = veld.related_model  # type: ignore[assignment]
    return model, "__".join(terug) + "_id"


def bediend_door(client_model: type[models.Model], client: Any, aanbieder_id: int | None) -> Exists:
    """A condition: the client (a reference such as ``OuterRef("pk")``) is served by this provider."""
    koppeling = client_model._meta.get_field(BEDIEND_VIA).related_model
    return Exists(
        koppeling._default_manager.filter(  # type: ignore[union-attr]
            client=client, aanbieder_id=aanbieder_id
        ).exclude(**GERETOURNEERD)
    )


class GemeenteScopedQuerySet(ClientDataQuerySet):
    """Rows with a client: gemeente staff see their gemeenten's rows; provider staff see what the paths allow.

    ``client_path`` is the lookup from the row to its client. Subclasses set ``aanbieder_path``
    (the lookup to the aanbieder, for rows that belong to a provider) or leave it empty, in which case
    provider staff see the row when the client has a toewijzing to their organisation and
    ``aanbieder_ziet_via_client`` is true, and nothing otherwise.
    """

    client_path = "client"
    # The lookup from the row to its gemeente when the row (or a row on the way to the client) carries
    # the client's gemeente itself, set from the client by the service that creates it: gemeente staff
    # are then scoped on that indexed column without a join to every client. Empty: through the client.
    gemeente_path = ""
    aanbieder_path = ""
    aanbieder_ziet_via_client = False

    def for_user(self, user: Any) -> Any:
        if user.is_superuser:
            return self
        if user.is_gemeente_user:
            pad = self.gemeente_path or f"{self.client_path}__gemeente"
            return self.filter(**{f"{pad}_id__in": user.gemeenten.values("pk")})
        if user.is_aanbieder_user:
            if self.aanbieder_path:
                eigen = {f"{self.aanbieder_path}_id": user.aanbieder_id}
                if not meervoudig_pad(self.model, self.aanbieder_path):
                    return self.filter(**eigen)
                # A path through a reverse relation (a beschikking's results and their toewijzingen)
                # would repeat a row per match; a semi-join (IN) keeps each row once, without a
                # DISTINCT over every column. It starts from the provider's own rows at the end of the
                # path (its toewijzingen, by their aanbieder index) when the path can be walked back.
                terug = pad_terug(self.model, self.aanbieder_path)
                if terug is not None:
                    eind_model, terug_pad = terug
                    eigen_rijen = eind_model._base_manager.filter(aanbieder_id=user.aanbieder_id)
                    return self.filter(pk__in=eigen_rijen.values(terug_pad))
                return self.filter(pk__in=self.model._base_manager.filter(**eigen).values("pk"))
            if self.aanbieder_ziet_via_client:
                client_model = model_op_pad(self.model, self.client_path)
                return self.filter(bediend_door(client_model, OuterRef(self.client_path), user.aanbieder_id))
        return self.none()


class OrganisatieQuerySet(models.QuerySet):
    """Rows that belong to a gemeente and possibly to an aanbieder, without being client data themselves
    (settlement runs and lines, payment batches, stored messages).

    Gemeente staff see the rows of their gemeenten (``gemeente_path``); provider staff see the rows of
    their own organisation (``aanbieder_path``), or none when the path is empty.
    """

    gemeente_path = "gemeente"
    aanbieder_path = ""

    def for_user(self, user: Any) -> Any:
        if user.is_superuser:
            return self
        if user.is_gemeente_user:
            return self.filter(**{f"{self.gemeente_path}__in": user.gemeenten.all()})
        if user.is_aanbieder_user and self.aanbieder_path:
            return self.filter(**{f"{self.aanbieder_path}_id": user.aanbieder_id})
        return self.none()

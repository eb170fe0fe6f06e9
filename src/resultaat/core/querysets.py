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
    aanbieder_path = ""
    aanbieder_ziet_via_client = False

    def for_user(self, user: Any) -> Any:
        if user.is_superuser:
            return self
        if user.is_gemeente_user:
            return self.filter(**{f"{self.client_path}__gemeente__in": user.gemeenten.all()})
        if user.is_aanbieder_user:
            if self.aanbieder_path:
                qs = self.filter(**{f"{self.aanbieder_path}_id": user.aanbieder_id})
                return qs.distinct() if "__" in self.aanbieder_path else qs
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

"""The checks and worklist steps every toegang service shares: who may act, no dates in the future, and the
werklijst item of a melding or aanvraag (see :mod:`resultaat.toegang.services`)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from resultaat.accounts.models import Rol
from resultaat.core.opmaak import datum_of_onbepaald
from resultaat.organisaties.models import Gemeente
from resultaat.toegang.models import Aanvraag, Melding
from resultaat.werklijst.models import WerklijstItem


def _vandaag() -> dt.date:
    return timezone.localdate()


def controleer_consulent(door: Any, gemeente: Gemeente) -> None:
    """Only a consulent (or superuser) of the client's gemeente does toegang."""
    if door.is_superuser:
        return
    if door.rol != Rol.CONSULENT or not door.gemeenten.filter(pk=gemeente.pk).exists():
        raise PermissionDenied("Alleen een consulent van deze gemeente kan dit doen.")


def _niet_in_de_toekomst(datum: dt.date, veld: str, wat: str) -> None:
    if datum > _vandaag():
        raise ValidationError(
            {veld: f"De datum van {wat} ({datum_of_onbepaald(datum)}) ligt in de toekomst."}
        )


def _werklijst(obj: Melding | Aanvraag) -> Any:
    return WerklijstItem.objects.over(obj)


def _zet_op_werklijst(
    obj: Melding | Aanvraag, soort: str, omschrijving: str, uiterlijk: dt.date, door: Any
) -> None:
    WerklijstItem.objects.create(
        gemeente=obj.gemeente,
        client=obj.client,
        soort=soort,
        omschrijving=omschrijving,
        uiterlijk=uiterlijk,
        toegewezen_aan=door if getattr(door, "pk", None) and not door.is_superuser else None,
        content_type=ContentType.objects.get_for_model(obj),
        object_id=obj.pk,
    )


def _handel_af(obj: Melding | Aanvraag) -> None:
    _werklijst(obj).handel_af()

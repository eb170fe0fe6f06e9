"""Organisaties services: a provider's bank details change by four eyes, audited.

A new IBAN is first proposed (``stel_iban_voor``) and takes effect only when a second person confirms
it (``bevestig_iban``). Both write a named audit event in the transaction of the change, with the IBANs
masked to their last 4 characters. ``Aanbieder.save`` and its queryset refuse any other change of the
IBAN, so these functions are the only path.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from resultaat.core.audit.context import acting_as
from resultaat.core.audit.gebeurtenissen import leg_vast
from resultaat.core.validators import validate_iban
from resultaat.organisaties.gebeurtenissen import (
    AANBIEDER_IBAN_GEWIJZIGD,
    AANBIEDER_IBAN_VOORGESTELD,
    AANBIEDER_IBAN_VOORSTEL_INGETROKKEN,
)
from resultaat.organisaties.models import Aanbieder, masker_iban


def stel_iban_voor(*, aanbieder: Aanbieder, iban: str, door: Any) -> Aanbieder:
    """Propose ``iban`` as the provider's new IBAN; the current one stays in use until confirmed."""
    iban = (iban or "").replace(" ", "").upper()
    validate_iban(iban)
    with transaction.atomic(), acting_as(door):
        a = Aanbieder.objects.select_for_update().get(pk=aanbieder.pk)
        if iban == a.iban:
            raise ValidationError(f"{iban} is al het IBAN van {a.naam}.")
        a.iban_voorgesteld = iban
        a.iban_voorgesteld_door = door.get_username()
        a.iban_voorgesteld_op = timezone.now()
        a.save(update_fields=["iban_voorgesteld", "iban_voorgesteld_door", "iban_voorgesteld_op"])
        leg_vast(
            AANBIEDER_IBAN_VOORGESTELD, a, aanbieder=a.naam, oud=masker_iban(a.iban), nieuw=masker_iban(iban)
        )
    return a


def bevestig_iban(*, aanbieder: Aanbieder, door: Any) -> Aanbieder:
    """A second person confirms the proposed IBAN: from now on it is the provider's IBAN (runs approved
    earlier keep paying the IBAN recorded in their batches)."""
    with transaction.atomic(), acting_as(door):
        a = Aanbieder.objects.select_for_update().get(pk=aanbieder.pk)
        bezwaar = a.iban_bevestiging_bezwaar(door)
        if bezwaar:
            raise ValidationError(bezwaar)
        oud, nieuw, voorsteller = a.iban, a.iban_voorgesteld, a.iban_voorgesteld_door
        a.iban = nieuw
        a.iban_voorgesteld, a.iban_voorgesteld_door, a.iban_voorgesteld_op = "", "", None
        a._iban_bevestigd = True
        try:
            a.save(update_fields=["iban", "iban_voorgesteld", "iban_voorgesteld_door", "iban_voorgesteld_op"])
        finally:
            a._iban_bevestigd = False
        leg_vast(
            AANBIEDER_IBAN_GEWIJZIGD,
            a,
            aanbieder=a.naam,
            oud=masker_iban(oud),
            nieuw=masker_iban(nieuw),
            voorgesteld_door=voorsteller,
        )
    return a


def trek_iban_voorstel_in(*, aanbieder: Aanbieder, door: Any) -> Aanbieder:
    """Withdraw a proposed IBAN (anyone who may edit providers): the current IBAN stays."""
    with transaction.atomic(), acting_as(door):
        a = Aanbieder.objects.select_for_update().get(pk=aanbieder.pk)
        if not a.iban_voorgesteld:
            raise ValidationError(f"Er is geen nieuw IBAN voorgesteld voor {a.naam}.")
        nieuw = a.iban_voorgesteld
        a.iban_voorgesteld, a.iban_voorgesteld_door, a.iban_voorgesteld_op = "", "", None
        a.save(update_fields=["iban_voorgesteld", "iban_voorgesteld_door", "iban_voorgesteld_op"])
        leg_vast(
            AANBIEDER_IBAN_VOORSTEL_INGETROKKEN,
            a,
            aanbieder=a.naam,
            oud=masker_iban(a.iban),
            nieuw=masker_iban(nieuw),
        )
    return a

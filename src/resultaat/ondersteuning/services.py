"""Writes on the provider's side of the chain (ondersteuningsplan, signalen).

Each function validates first and raises ``ValidationError`` with a Dutch message, then writes in one
transaction with its audit events, so that bad input leaves nothing half-saved.
"""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from resultaat.audit.context import acting_as
from resultaat.iwmo.werkdagen import plus_werkdagen
from resultaat.ondersteuning.models import Signaal, SignaalSoort, SignaalStatus
from resultaat.toewijzingen.models import Toewijzing
from resultaat.werklijst.models import WerklijstItem, WerklijstSoort, WerklijstStatus

# --- Signalen ---------------------------------------------------------------------------------------------

# The consulent follows a signal up within this many werkdagen (a working agreement, not a legal term).
SIGNAAL_TERMIJN_WERKDAGEN = 10


def meld_signaal(
    *, door: Any, client: Any, soort: str, toelichting: str, toewijzing: Toewijzing | None = None
) -> Signaal:
    """A provider reports a signal about one of its own clients; it lands on the consulent's worklist."""
    if not getattr(door, "is_aanbieder_user", False) or door.aanbieder_id is None:
        raise ValidationError("Alleen een medewerker van een aanbieder kan een signaal melden.")
    aanbieder = door.aanbieder
    fouten: dict[str, str] = {}
    if soort not in SignaalSoort.values:
        fouten["soort"] = "Kies de soort signaal."
    if not (toelichting or "").strip():
        fouten["toelichting"] = "Beschrijf wat u heeft gezien of gehoord."
    if client is None or not Toewijzing.objects.filter(client=client, aanbieder=aanbieder).exists():
        fouten["client"] = "Kies een cliënt van uw eigen organisatie."
    elif toewijzing is not None and (
        toewijzing.client_id != client.pk or toewijzing.aanbieder_id != aanbieder.pk
    ):
        fouten["toewijzing"] = "Deze toewijzing hoort niet bij deze cliënt en uw organisatie."
    if fouten:
        raise ValidationError(fouten)
    nu = timezone.now()
    with transaction.atomic(), acting_as(door):
        signaal = Signaal.objects.create(
            client=client,
            aanbieder=aanbieder,
            toewijzing=toewijzing,
            soort=soort,
            toelichting=toelichting.strip(),
            gemeld_op=nu,
            gemeld_door=door,
        )
        WerklijstItem.objects.create(
            gemeente=client.gemeente,
            client=client,
            soort=WerklijstSoort.SIGNAAL,
            omschrijving=f"Signaal van {aanbieder}: {signaal.get_soort_display()}",
            uiterlijk=plus_werkdagen(timezone.localdate(nu), SIGNAAL_TERMIJN_WERKDAGEN),
            onderwerp=signaal,
        )
    return signaal


def volg_signaal_op(
    *, door: Any, signaal: Signaal, status: str, opvolging: str, terugkoppeling: str = ""
) -> Signaal:
    """The consulent records the follow-up; an afgehandeld signal closes its worklist item.

    ``opvolging`` is the gemeente's internal note; only ``terugkoppeling`` is shown to the provider.
    """
    if not getattr(door, "is_gemeente_user", False) and not getattr(door, "is_superuser", False):
        raise ValidationError("Alleen de gemeente kan een signaal opvolgen.")
    fouten: dict[str, str] = {}
    if status not in (SignaalStatus.IN_BEHANDELING, SignaalStatus.AFGEHANDELD):
        fouten["status"] = "Kies 'in behandeling' of 'afgehandeld'."
    if not (opvolging or "").strip():
        fouten["opvolging"] = "Beschrijf wat er met het signaal is gedaan."
    if fouten:
        raise ValidationError(fouten)
    with transaction.atomic(), acting_as(door):
        signaal = Signaal.objects.select_for_update().get(pk=signaal.pk)
        if signaal.status == SignaalStatus.AFGEHANDELD:
            raise ValidationError("Dit signaal is al afgehandeld.")
        nu = timezone.now()
        signaal.status = status
        signaal.opvolging = opvolging.strip()
        signaal.terugkoppeling = (terugkoppeling or "").strip()
        signaal.opgevolgd_door = door
        if status == SignaalStatus.AFGEHANDELD:
            signaal.afgehandeld_op = nu
            WerklijstItem.objects.filter(
                content_type=ContentType.objects.get_for_model(Signaal),
                object_id=signaal.pk,
                status=WerklijstStatus.OPEN,
            ).update(status=WerklijstStatus.AFGEHANDELD, afgehandeld_op=nu)
        signaal.save()
    return signaal

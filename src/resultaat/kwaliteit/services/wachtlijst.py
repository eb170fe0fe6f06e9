"""The capacity a provider reports per product and gemeente: places, free places, people waiting."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from resultaat.kwaliteit.models import Capaciteitsmelding
from resultaat.toewijzingen.models import Toewijzing


def meld_capaciteit(
    *,
    door: Any,
    gemeente: Any,
    product: Any,
    plaatsen: int,
    vrije_plaatsen: int,
    wachtenden: int,
    peildatum: dt.date | None = None,
    toelichting: str = "",
) -> Capaciteitsmelding:
    """A provider reports its capacity for a product in a gemeente it serves; a second report on the same
    day replaces the first."""
    if not getattr(door, "is_aanbieder_user", False) or not door.aanbieder_id:
        raise PermissionDenied("Alleen een aanbieder meldt zijn capaciteit.")
    peildatum = peildatum or timezone.localdate()
    fouten: dict[str, str] = {}
    for veld, waarde in (
        ("plaatsen", plaatsen),
        ("vrije_plaatsen", vrije_plaatsen),
        ("wachtenden", wachtenden),
    ):
        if waarde is None or waarde < 0:
            fouten[veld] = "Vul een aantal van 0 of meer in."
    if not fouten and vrije_plaatsen > plaatsen:
        fouten["vrije_plaatsen"] = "Er kunnen niet meer plaatsen vrij zijn dan er in totaal zijn."
    if peildatum > timezone.localdate():
        fouten["peildatum"] = "De peildatum kan niet in de toekomst liggen."
    if len(toelichting or "") > 300:
        fouten["toelichting"] = "Hoogstens 300 tekens."
    if gemeente is None or product is None:
        fouten["product"] = "Kies de gemeente en het product."
    elif not Toewijzing.objects.filter(
        aanbieder_id=door.aanbieder_id, gemeente=gemeente, product=product
    ).exists():
        fouten["product"] = "U levert dit product niet in deze gemeente."
    if fouten:
        raise ValidationError(fouten)
    with transaction.atomic():
        melding, _ = Capaciteitsmelding.objects.update_or_create(
            gemeente=gemeente,
            aanbieder_id=door.aanbieder_id,
            product=product,
            peildatum=peildatum,
            defaults={
                "plaatsen": plaatsen,
                "vrije_plaatsen": vrije_plaatsen,
                "wachtenden": wachtenden,
                "toelichting": (toelichting or "").strip(),
                "gemeld_door": door,
            },
        )
    return melding

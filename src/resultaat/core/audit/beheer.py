"""Changes made in Django's admin (the "beheer" screens) in the audit trail: a mixin for the ModelAdmin
of data whose changes must be traceable (letter templates, tariffs and the rest of the catalogue,
contracts, the abonnementstarief, roles). Every addition, change and deletion writes a named event
with the admin's own description of the change, attributed to the user (kanaal "beheer"), in the
transaction of the change."""

from __future__ import annotations

import json
from typing import Any

from django.contrib.admin.models import LogEntry
from django.db import models, transaction

from resultaat.core.audit.gebeurtenissen import Gebeurtenis, leg_vast

BEHEER_AANGEMAAKT = Gebeurtenis(
    "beheer.aangemaakt", "{soort} '{naam}' aangemaakt in het beheerscherm{wat}", "Toegevoegd via beheer."
)
BEHEER_GEWIJZIGD = Gebeurtenis(
    "beheer.gewijzigd", "{soort} '{naam}' gewijzigd in het beheerscherm{wat}", "Gewijzigd via beheer."
)
BEHEER_VERWIJDERD = Gebeurtenis(
    "beheer.verwijderd", "{soort} '{naam}' verwijderd in het beheerscherm", "Verwijderd via beheer."
)


def _wat(bericht: Any) -> str:
    if not bericht:
        return ""
    tekst = LogEntry(change_message=json.dumps(bericht) if isinstance(bericht, list) else bericht)
    omschrijving = tekst.get_change_message()
    return f": {omschrijving}" if omschrijving else ""


def _leg_vast(gebeurtenis: Gebeurtenis, obj: models.Model, bericht: Any = "") -> None:
    with transaction.atomic():
        leg_vast(
            gebeurtenis,
            obj,
            soort=str(obj._meta.verbose_name).capitalize(),
            naam=str(obj)[:80],
            wat=_wat(bericht)[:150],
        )


class BeheerGevolgd:
    """Mix into a ModelAdmin before ``admin.ModelAdmin``."""

    def log_addition(self, request: Any, obj: Any, message: Any) -> Any:
        _leg_vast(BEHEER_AANGEMAAKT, obj, message)
        return super().log_addition(request, obj, message)  # type: ignore[misc]

    def log_change(self, request: Any, obj: Any, message: Any) -> Any:
        _leg_vast(BEHEER_GEWIJZIGD, obj, message)
        return super().log_change(request, obj, message)  # type: ignore[misc]

    def log_deletions(self, request: Any, queryset: Any) -> Any:
        for obj in queryset:
            _leg_vast(BEHEER_VERWIJDERD, obj)
        return super().log_deletions(request, queryset)  # type: ignore[misc]

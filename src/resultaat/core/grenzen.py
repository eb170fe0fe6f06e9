"""Bounds on what is stored about a client, checked on every save of client data, whatever the path.

Every text has a limit (its ``max_length``; free text without one at most ``MAX_VRIJE_TEKST``
characters), every date lies between 1900 and 2099 and passes its field's own validators (a birth date
within 120 years and not in the future, ``core.validators``), and a model may add checks across fields
in ``controleer_grenzen()`` (a death not before the birth). A violation is a ``ValidationError`` per
field with a Dutch message: next to the field on a page, a 400 with the field name in the API.

Connected to ``pre_save`` in ``WebConfig.ready``. Reference data (models with ``GRENZEN = True``: the
catalogue, tariffs, contracts and norms, through ``core.models.Geldigheid``) are held to the same bounds,
on save and in the beheer's forms (``Geldigheid.clean``). Bulk writes skip ``pre_save``: a bulk path that
writes outside input checks its rows with :func:`fouten` itself (the conversion's clients,
``clienten.services.registreer_clienten``); bulk writes of the system itself (settlement, the demo) do not.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models

from resultaat.core.audit.models import ClientData

MAX_VRIJE_TEKST = 10_000
VROEGSTE_DATUM = dt.date(1900, 1, 1)
LAATSTE_DATUM = dt.date(2099, 12, 31)


def _naam(veld: models.Field) -> str:
    return str(veld.verbose_name)


def fouten(instance: models.Model) -> dict[str, list[str]]:
    """The bounds ``instance`` breaks, per field name (empty: none)."""
    gevonden: dict[str, list[str]] = {}
    for veld in instance._meta.concrete_fields:
        waarde = getattr(instance, veld.attname)
        if waarde is None or waarde == "":
            continue
        if isinstance(veld, models.CharField | models.TextField) and isinstance(waarde, str):
            grens = veld.max_length or (MAX_VRIJE_TEKST if isinstance(veld, models.TextField) else None)
            if grens is not None and len(waarde) > grens:
                gevonden.setdefault(veld.name, []).append(
                    f"{_naam(veld).capitalize()} is te lang: ten hoogste {grens} tekens (nu {len(waarde)})."
                )
        elif isinstance(veld, models.DateField) and not isinstance(veld, models.DateTimeField):
            if not isinstance(waarde, dt.date):
                continue
            if not VROEGSTE_DATUM <= waarde <= LAATSTE_DATUM:
                gevonden.setdefault(veld.name, []).append(
                    f"{_naam(veld).capitalize()} moet tussen 1900 en 2099 liggen."
                )
                continue
            try:
                veld.run_validators(waarde)
            except ValidationError as fout:
                gevonden.setdefault(veld.name, []).extend(fout.messages)
    extra = getattr(instance, "controleer_grenzen", None)
    if callable(extra):
        for naam, meldingen in extra().items():
            gevonden.setdefault(naam, []).extend(meldingen)
    return gevonden


def controleer(sender: Any, instance: models.Model, raw: bool = False, **kwargs: Any) -> None:
    if raw or not (isinstance(instance, ClientData) or getattr(instance, "GRENZEN", False)):
        return
    gevonden = fouten(instance)
    if gevonden:
        raise ValidationError(gevonden)

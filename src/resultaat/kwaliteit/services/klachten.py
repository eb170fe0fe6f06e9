"""Complaints about a provider: registered by the gemeente, handled in steps, closed with an outcome.

A complaint is on the worklist from the day it is registered, with the complaint term of Awb 9:11
(``core.termijnen.KLACHT_AFHANDELEN``, six weeks) as its deadline: the worklist shows it as overdue when
that passes. Closing the complaint closes the item.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from resultaat.core import termijnen
from resultaat.core.audit.context import acting_as
from resultaat.kwaliteit.models import (
    Indiener,
    Klacht,
    KlachtCategorie,
    KlachtStap,
    KlachtStatus,
    KlachtUitkomst,
)
from resultaat.toewijzingen.models import ReactieAanbieder, Toewijzing
from resultaat.werklijst.models import WerklijstItem, WerklijstSoort


def mag_klachten_behandelen(door: Any, gemeente_id: int) -> bool:
    """Gemeente staff of this gemeente (not a provider: it reads its own complaints, changes nothing)."""
    if getattr(door, "is_superuser", False):
        return True
    return bool(getattr(door, "is_gemeente_user", False)) and door.gemeenten.filter(pk=gemeente_id).exists()


def _controleer_lengte(fouten: dict[str, str], **velden: tuple[str, int]) -> None:
    for veld, (waarde, lengte) in velden.items():
        if len(waarde or "") > lengte:
            fouten[veld] = f"Hoogstens {lengte} tekens."


def registreer(
    *,
    door: Any,
    gemeente: Any,
    aanbieder: Any,
    ontvangen_op: dt.date,
    categorie: str,
    onderwerp: str,
    omschrijving: str,
    client: Any = None,
    indiener: str = Indiener.CLIENT,
    vandaag: dt.date | None = None,
) -> Klacht:
    """Register a complaint; its deadline is the Awb term from the day it was received. Gemeente staff
    register any complaint of their gemeente; a provider registers a complaint it received from one of
    its own clients about its own organisation (the gemeente handles it, as any other)."""
    door_aanbieder = not getattr(door, "is_superuser", False) and bool(
        getattr(door, "is_aanbieder_user", False)
    )
    if door_aanbieder:
        if aanbieder is None or aanbieder.pk != door.aanbieder_id:
            raise PermissionDenied("Een aanbieder registreert alleen een klacht over de eigen organisatie.")
        if client is not None and not (
            Toewijzing.objects.filter(client=client, aanbieder=aanbieder)
            .exclude(reactie=ReactieAanbieder.GERETOURNEERD)
            .exists()
        ):
            raise PermissionDenied("Een aanbieder registreert alleen een klacht van een eigen cliënt.")
    elif not mag_klachten_behandelen(door, gemeente.pk):
        raise PermissionDenied("Alleen de gemeente registreert een klacht.")
    vandaag = vandaag or timezone.localdate()
    fouten: dict[str, str] = {}
    if door_aanbieder and client is None:
        fouten["client"] = "Kies de cliënt van wie de klacht komt."
    if aanbieder is None:
        fouten["aanbieder"] = "Kies de aanbieder waarover de klacht gaat."
    if ontvangen_op is None:
        fouten["ontvangen_op"] = "Vul de datum van ontvangst in."
    elif ontvangen_op > vandaag:
        fouten["ontvangen_op"] = "De datum van ontvangst kan niet in de toekomst liggen."
    if categorie not in KlachtCategorie.values:
        fouten["categorie"] = "Kies waar de klacht over gaat."
    if indiener not in Indiener.values:
        fouten["indiener"] = "Kies wie de klacht indiende."
    if not (onderwerp or "").strip():
        fouten["onderwerp"] = "Vul het onderwerp in."
    if not (omschrijving or "").strip():
        fouten["omschrijving"] = "Beschrijf de klacht."
    _controleer_lengte(fouten, onderwerp=(onderwerp, 200), omschrijving=(omschrijving, 4000))
    if client is not None:
        if client.gemeente_id != gemeente.pk:
            fouten["client"] = "Deze cliënt hoort niet bij deze gemeente."
        elif (
            aanbieder is not None
            and not Toewijzing.objects.filter(client=client, aanbieder=aanbieder).exists()
        ):
            fouten["client"] = "Deze cliënt heeft geen ondersteuning van deze aanbieder."
    if fouten:
        raise ValidationError(fouten)
    with transaction.atomic(), acting_as(door):
        klacht = Klacht.objects.create(
            gemeente=gemeente,
            aanbieder=aanbieder,
            client=client,
            ontvangen_op=ontvangen_op,
            indiener=indiener,
            categorie=categorie,
            onderwerp=onderwerp.strip(),
            omschrijving=omschrijving.strip(),
            uiterlijk=termijnen.KLACHT_AFHANDELEN.uiterlijk(ontvangen_op),
            geregistreerd_door=door if getattr(door, "pk", None) else None,
        )
        KlachtStap.objects.create(
            klacht=klacht,
            datum=vandaag,
            omschrijving="Klacht geregistreerd door de aanbieder."
            if door_aanbieder
            else "Klacht geregistreerd.",
            door=klacht.geregistreerd_door,
        )
        WerklijstItem.objects.create(
            gemeente=gemeente,
            client=client,
            soort=WerklijstSoort.KLACHT,
            omschrijving=f"Klacht over {aanbieder.naam}: {klacht.onderwerp}"[:300],
            uiterlijk=klacht.uiterlijk,
            onderwerp=klacht,
        )
    return klacht


def _open_klacht(door: Any, klacht: Klacht) -> Klacht:
    if not mag_klachten_behandelen(door, klacht.gemeente_id):
        raise PermissionDenied("Alleen de gemeente behandelt een klacht.")
    klacht = Klacht.objects.select_for_update().get(pk=klacht.pk)
    if klacht.status == KlachtStatus.AFGEHANDELD:
        raise ValidationError("Deze klacht is al afgehandeld.")
    return klacht


def leg_stap_vast(
    *, door: Any, klacht: Klacht, datum: dt.date, omschrijving: str, vandaag: dt.date | None = None
) -> KlachtStap:
    """One step in the handling (a call with the complainant, a hearing, a request to the provider);
    the first step puts the complaint in behandeling."""
    vandaag = vandaag or timezone.localdate()
    fouten: dict[str, str] = {}
    if datum is None:
        fouten["datum"] = "Vul de datum van de stap in."
    elif datum > vandaag:
        fouten["datum"] = "De datum kan niet in de toekomst liggen."
    elif datum < klacht.ontvangen_op:
        fouten["datum"] = "De datum ligt voor de ontvangst van de klacht."
    if not (omschrijving or "").strip():
        fouten["omschrijving"] = "Beschrijf wat er is gedaan."
    _controleer_lengte(fouten, omschrijving=(omschrijving, 500))
    if fouten:
        raise ValidationError(fouten)
    with transaction.atomic(), acting_as(door):
        klacht = _open_klacht(door, klacht)
        stap = KlachtStap.objects.create(
            klacht=klacht, datum=datum, omschrijving=omschrijving.strip(), door=door
        )
        if klacht.status == KlachtStatus.ONTVANGEN:
            klacht.status = KlachtStatus.IN_BEHANDELING
            klacht.save(update_fields=["status"])
    return stap


def handel_af(
    *,
    door: Any,
    klacht: Klacht,
    uitkomst: str,
    afhandeling: str,
    afgehandeld_op: dt.date,
    vandaag: dt.date | None = None,
) -> Klacht:
    """Close the complaint with its outcome; its worklist item is done."""
    vandaag = vandaag or timezone.localdate()
    fouten: dict[str, str] = {}
    if uitkomst not in KlachtUitkomst.values:
        fouten["uitkomst"] = "Kies de uitkomst."
    if not (afhandeling or "").strip():
        fouten["afhandeling"] = "Licht de uitkomst toe: wat is er met de klacht gedaan?"
    _controleer_lengte(fouten, afhandeling=(afhandeling, 4000))
    if afgehandeld_op is None:
        fouten["afgehandeld_op"] = "Vul de datum van afhandeling in."
    elif afgehandeld_op > vandaag:
        fouten["afgehandeld_op"] = "De datum kan niet in de toekomst liggen."
    elif afgehandeld_op < klacht.ontvangen_op:
        fouten["afgehandeld_op"] = "De datum ligt voor de ontvangst van de klacht."
    if fouten:
        raise ValidationError(fouten)
    with transaction.atomic(), acting_as(door):
        klacht = _open_klacht(door, klacht)
        klacht.status = KlachtStatus.AFGEHANDELD
        klacht.uitkomst = uitkomst
        klacht.afhandeling = afhandeling.strip()
        klacht.afgehandeld_op = afgehandeld_op
        klacht.save()
        KlachtStap.objects.create(
            klacht=klacht,
            datum=afgehandeld_op,
            omschrijving=f"Afgehandeld: {klacht.get_uitkomst_display()}.",
            door=door,
        )
        WerklijstItem.objects.over(klacht).handel_af()
    return klacht

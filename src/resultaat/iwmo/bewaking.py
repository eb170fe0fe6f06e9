"""OP090: every message we send gets its retour within three werkdagen. The sender must notice a
missing one: a 301 or 319 without its retour after that term lands on the worklist (once per message).

Run daily: ``python manage.py iwmo_retouren``."""

from __future__ import annotations

import datetime as dt

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from lxml import etree

from resultaat.clienten.models import Client
from resultaat.core import termijnen
from resultaat.core.audit.context import acting_as
from resultaat.core.opmaak import datum
from resultaat.iwmo.models import Bericht, Richting, Verzoek
from resultaat.werklijst.models import WerklijstItem

RETOUR_VAN = {"WMO301": "WMO302", "WMO319": "WMO320"}


def _client_id(bericht: Bericht) -> int | None:
    root = etree.fromstring(bytes(bericht.inhoud))
    bsn = root.findtext("{*}Client/{*}Bsn")
    if bsn:
        return Client.objects.filter(gemeente=bericht.gemeente, bsn=bsn).values_list("pk", flat=True).first()
    referentie = root.findtext("{*}Antwoord/{*}ReferentieAanbieder")
    return (
        Verzoek.objects.filter(
            gemeente=bericht.gemeente, aanbieder=bericht.aanbieder, referentie_aanbieder=referentie
        )
        .values_list("client_id", flat=True)
        .first()
    )


def meld_ontbrekende_retouren(vandaag: dt.date | None = None) -> int:
    """Put every 301 and 319 whose retour is overdue (OP090) on the worklist; returns how many."""
    vandaag = vandaag or timezone.localdate()
    type_bericht = ContentType.objects.get_for_model(Bericht)
    al_gemeld = set(
        WerklijstItem.objects.filter(content_type=type_bericht).values_list("object_id", flat=True)
    )
    kandidaten = (
        Bericht.objects.filter(richting=Richting.UIT, berichttype__in=RETOUR_VAN, retouren__isnull=True)
        .exclude(pk__in=al_gemeld)
        .filter(dagtekening__lt=vandaag)
        .select_related("aanbieder")
        .order_by("pk")
    )
    gemeld = 0
    with transaction.atomic(), acting_as("iWmo-retourbewaking"):
        for bericht in kandidaten.iterator():
            assert bericht.dagtekening is not None
            termijn = termijnen.RETOUR_ONTVANGEN.uiterlijk(bericht.dagtekening)
            client_id = _client_id(bericht)
            if termijn >= vandaag or client_id is None or bericht.gemeente_id is None:
                continue
            WerklijstItem.objects.meld_retour(
                gemeente_id=bericht.gemeente_id,
                client_id=client_id,
                omschrijving=f"Geen retour ({RETOUR_VAN[bericht.berichttype]}) ontvangen op "
                f"{bericht.berichttype} {bericht.identificatie} van {datum(bericht.dagtekening)} aan "
                f"{bericht.aanbieder}: de aanbieder had uiterlijk {datum(termijn)} moeten antwoorden "
                "(OP090). Neem contact op met de aanbieder.",
                vanaf=vandaag,
                over=bericht,
            )
            gemeld += 1
    return gemeld

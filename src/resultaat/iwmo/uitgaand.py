"""Outgoing messages of the gemeente: the 301 on every toewijzing change (OP087) and the 319 answer."""

from __future__ import annotations

import contextvars
import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from lxml import etree

from resultaat.core.codes import WMO002RedenWijziging
from resultaat.iwmo import bouw, controle_uit, xml
from resultaat.iwmo.models import Bericht, BerichtStatus, Richting, Verzoek
from resultaat.iwmo.regels import REGELS, Probleem
from resultaat.iwmo.transport import schrijf_outbox_na_commit
from resultaat.toewijzingen.models import Toewijzing

_referentie: contextvars.ContextVar[tuple[str, bool]] = contextvars.ContextVar(
    "iwmo_referentie", default=("", False)
)


@contextmanager
def als_antwoord_op(referentie: str, *, vow: bool = False) -> Iterator[None]:
    """301s built inside this block answer a VOT/VOW and carry its ReferentieAanbieder (TR379): on the
    requested product for a VOT, on every ToegewezenProduct for a VOW (IV093)."""
    token = _referentie.set((referentie, vow))
    try:
        yield
    finally:
        _referentie.reset(token)


def huidige_toewijzingen(client: Any, aanbieder: Any, gewijzigd: list[Any]) -> list[Any]:
    """OP087: all toewijzingen of this client and provider valid today or later, plus the changed ones."""
    vandaag = timezone.localdate()
    qs = (
        Toewijzing.objects.filter(client=client, aanbieder=aanbieder)
        .filter(Q(einddatum__isnull=True) | Q(einddatum__gte=vandaag))
        .exclude(reden_wijziging=WMO002RedenWijziging.VERWIJDERD)
        .select_related("product")
    )
    alle = {t.pk: t for t in qs}
    for t in gewijzigd:
        alle[t.pk] = t
    return sorted(alle.values(), key=lambda t: t.nummer)


def maak_301(
    client: Any, aanbieder: Any, toewijzingen: list[Any], referentie: str = "", overal: bool = False
) -> Bericht:
    gemeente = client.gemeente
    identificatie, data = bouw.bouw_301(
        gemeente=gemeente,
        aanbieder=aanbieder,
        client=client,
        toewijzingen=toewijzingen,
        referentie=referentie,
        referentie_overal=overal,
    )
    weiger_als_fout("WMO301", controle_uit.controleer_301(etree.fromstring(data), gemeente))
    return _uit("WMO301", gemeente, aanbieder, identificatie, data)


def weiger_als_fout(berichttype: str, problemen: list[Probleem]) -> None:
    """A message that breaks a rule is not sent: the change that would send it is refused, with the
    rule and its code, so the user can correct the data (the address, the dates) first."""
    if problemen:
        raise ValidationError(
            [
                f"Het bericht {berichttype} aan de aanbieder kan zo niet verstuurd worden: "
                f"{p.melding} ({p.regel}, retourcode {p.retourcode})"
                for p in problemen
            ],
            code="iwmo",
        )


def _uit(berichttype: str, gemeente: Any, aanbieder: Any, identificatie: str, data: bytes) -> Bericht:
    vandaag = timezone.localdate()
    return Bericht(
        richting=Richting.UIT,
        berichttype=berichttype,
        berichtcode=xml.BERICHTCODES[berichttype],
        afzender=gemeente.code,
        ontvanger=aanbieder.agb_code,
        gemeente=gemeente,
        aanbieder=aanbieder,
        identificatie=identificatie,
        dagtekening=vandaag,
        bestandsnaam=xml.bestandsnaam(berichttype, gemeente.code, identificatie, vandaag),
        sha256=hashlib.sha256(data).hexdigest(),
        inhoud=data,
        status=BerichtStatus.VERZONDEN,
    )


def bij_toewijzing_gewijzigd(sender: Any, toewijzingen: list[Any], **kwargs: Any) -> None:
    """Listener of ``toewijzing_gewijzigd``: one 301 per client x provider, in the same transaction."""
    groepen: dict[tuple[int, int], list[Any]] = {}
    for t in toewijzingen:
        groepen.setdefault((t.client_id, t.aanbieder_id), []).append(t)
    berichten = []
    for lijst in groepen.values():
        eerste = lijst[0]
        huidige = huidige_toewijzingen(eerste.client, eerste.aanbieder, lijst)
        referentie, overal = _referentie.get()
        berichten.append(maak_301(eerste.client, eerste.aanbieder, huidige, referentie, overal))
    Bericht.objects.bulk_create(berichten)
    schrijf_outbox_na_commit(berichten)


def verstuur_319(gemeente: Any, aanbieder: Any, referentie: str, antwoord: str, reden: str = "") -> Bericht:
    """Build, store and send a 319. TR355 first: the ReferentieAanbieder must be a request this
    provider made to this gemeente (a 319 to anything else would come back rejected)."""
    if not Verzoek.objects.filter(
        gemeente=gemeente, aanbieder=aanbieder, referentie_aanbieder=referentie
    ).exists():
        regel = REGELS["TR355"]
        raise ValidationError(f"{regel.melding} (TR355, retourcode {regel.retourcode})", code="TR355")
    identificatie, data = bouw.bouw_319(
        gemeente=gemeente, aanbieder=aanbieder, referentie=referentie, antwoord=antwoord, reden=reden
    )
    weiger_als_fout("WMO319", controle_uit.controleer_319(etree.fromstring(data)))
    bericht = _uit("WMO319", gemeente, aanbieder, identificatie, data)
    bericht.save()
    schrijf_outbox_na_commit([bericht])
    return bericht

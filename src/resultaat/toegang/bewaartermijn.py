"""Retention: the personal data of a client whose every case ended longer than the retention term ago
(``settings.RESULTAAT_BEWAARTERMIJN_JAREN``, from the environment) are pseudonymised; what the
statistics need stays.

A case has ended when no toewijzing runs on or after the cut-off date (the end date lies before it),
no beschikking is still in force or was decided on or after it (a granted one without an end date
keeps the case open), no melding or aanvraag came in on or after it and the client was registered
before it. Then, in one transaction per run:

- the client: name, BSN (replaced by ``P`` + the client's id, which no real BSN can equal), address,
  telephone and e-mail emptied or replaced; the date of birth becomes 1 January of the birth year;
  gemeente, woonplaats, gender and household stay for the statistics;
- every free text (a ``TextField``) of the client's records (signals, plans, evaluations, ...) is
  emptied; dates, results, products, toewijzingen, leveringen and amounts stay;
- every change is in the audit trail (row level, by the audited QuerySet updates) and each client
  gets the named event ``client.gepseudonimiseerd``.

The command ``bewaartermijn`` runs it (see docs/privacy.md for scheduling it).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import models, transaction
from django.db.models import Exists, OuterRef, Q, Value
from django.db.models.functions import Cast, Concat, LPad, TruncYear
from django.utils import timezone

from resultaat.clienten.models import Client
from resultaat.core.audit.context import acting_as
from resultaat.core.audit.gebeurtenissen import Gebeurtenis, leg_vast_per_rij
from resultaat.core.audit.models import ClientData
from resultaat.core.opmaak import datum
from resultaat.toegang.models import Aanvraag, Beschikking, Besluit, Melding
from resultaat.toewijzingen.models import Toewijzing

CLIENT_GEPSEUDONIMISEERD = Gebeurtenis(
    "client.gepseudonimiseerd",
    "Persoonsgegevens van cliënt {id} gepseudonimiseerd: de bewaartermijn van {jaren} jaar na het einde "
    "van de zaak is verstreken (grens {grens})",
    "De bewaartermijn is verstreken; naam, BSN, adres en vrije teksten zijn vervangen.",
)
PSEUDONIEM = "Gepseudonimiseerd"


@dataclass(frozen=True)
class Uitkomst:
    grens: dt.date
    clienten: int
    teksten: int


def grensdatum(vandaag: dt.date, jaren: int) -> dt.date:
    try:
        return vandaag.replace(year=vandaag.year - jaren)
    except ValueError:  # 29 February
        return vandaag.replace(year=vandaag.year - jaren, day=28)


def verlopen(grens: dt.date, gemeente: Any = None) -> models.QuerySet[Client]:
    """The clients whose every case ended before ``grens`` and who are not pseudonymised yet."""
    lopend_toewijzing = Toewijzing.objects.filter(client=OuterRef("pk")).filter(
        Q(einddatum__isnull=True) | Q(einddatum__gte=grens)
    )
    lopend_besluit = Beschikking.objects.filter(client=OuterRef("pk")).filter(
        Q(besluitdatum__gte=grens)
        | Q(einddatum__gte=grens)
        | (Q(einddatum__isnull=True) & ~Q(besluit=Besluit.AFGEWEZEN))
    )
    recente_melding = Melding.objects.filter(client=OuterRef("pk"), ontvangen_op__gte=grens)
    recente_aanvraag = Aanvraag.objects.filter(client=OuterRef("pk"), ontvangen_op__gte=grens)
    qs = Client.objects.filter(gepseudonimiseerd_op__isnull=True, aangemaakt_op__date__lt=grens)
    if gemeente is not None:
        qs = qs.filter(gemeente=gemeente)
    return (
        qs.exclude(Exists(lopend_toewijzing))
        .exclude(Exists(lopend_besluit))
        .exclude(Exists(recente_melding))
        .exclude(Exists(recente_aanvraag))
    )


def _teksten_legen(client_ids: list[int]) -> int:
    """Empty every free text of the clients' records; the number of rows changed."""
    aantal = 0
    for model in apps.get_models():
        if not issubclass(model, ClientData) or model is Client:
            continue
        teksten = [f.name for f in model._meta.concrete_fields if isinstance(f, models.TextField)]
        if not teksten:
            continue
        if model.AUDIT_SELECT_RELATED:
            pad = model.AUDIT_SELECT_RELATED[0] + "__client"
        elif any(f.name == "client" for f in model._meta.concrete_fields):
            pad = "client"
        else:
            continue
        rijen = model._default_manager.filter(**{f"{pad}__in": client_ids})
        aantal += rijen.update(**dict.fromkeys(teksten, ""))
    return aantal


def pas_toe(*, jaren: int | None = None, gemeente: Any = None, vandaag: dt.date | None = None) -> Uitkomst:
    """Pseudonymise every client whose retention term has passed (see the module docstring)."""
    jaren = settings.RESULTAAT_BEWAARTERMIJN_JAREN if jaren is None else jaren
    vandaag = vandaag or timezone.localdate()
    grens = grensdatum(vandaag, jaren)
    with transaction.atomic(), acting_as("bewaartermijn"):
        clienten = list(verlopen(grens, gemeente).select_for_update().order_by("pk"))
        if not clienten:
            return Uitkomst(grens, 0, 0)
        ids = [c.pk for c in clienten]
        teksten = _teksten_legen(ids)
        Client.objects.filter(pk__in=ids).update(
            bsn=Concat(Value("P"), LPad(Cast("pk", models.CharField()), 8, Value("0"))),
            voorletters="",
            voornamen="",
            tussenvoegsel="",
            achternaam=PSEUDONIEM,
            geboortedatum=TruncYear("geboortedatum"),
            straat="",
            huisnummer="",
            postcode="",
            telefoon="",
            email="",
            gepseudonimiseerd_op=vandaag,
        )
        leg_vast_per_rij(
            CLIENT_GEPSEUDONIMISEERD,
            [(c, {"id": c.pk, "jaren": jaren, "grens": datum(grens)}) for c in clienten],
        )
    return Uitkomst(grens, len(clienten), teksten)

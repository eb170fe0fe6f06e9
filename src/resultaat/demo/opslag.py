"""Writing a chunk: every row of the chunk with ``bulk_create`` in foreign-key order, no query per row."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from resultaat.demo.basis import ACTOR
from resultaat.demo.batch import (
    _Batch,
)
from resultaat.demo.kern import (
    _Basis,
)
from resultaat.ondersteuning.models import (
    Ondersteuningsplan,
    Signaal,
)
from resultaat.toegang.models import (
    Aanvraag,
    BeschiktResultaat,
    Melding,
    OnderzoekResultaat,
)
from resultaat.toewijzingen import services as tw_services
from resultaat.toewijzingen.models import (
    Toewijzing,
)
from resultaat.werklijst.models import WerklijstItem, WerklijstStatus


def _schrijf(*lijsten: list[Any]) -> None:
    """Each list with one bulk insert, in the order given (the audited insert of client data)."""
    for rijen in lijsten:
        if rijen:
            type(rijen[0]).objects.bulk_create(rijen)


class OpslagMixin(_Basis):
    def opslaan(self, b: _Batch) -> None:
        # The chunk's rows in foreign-key order; each list holds the rows of one model.
        _schrijf(b.clienten, b.meldingen, b.onderzoeken, b.zrm, b.onderzoek_resultaten)
        or_sub = OnderzoekResultaat.subresultaten.through
        or_sub.objects.bulk_create(
            [or_sub(onderzoekresultaat_id=o.pk, subresultaat_id=s) for o, s in b.or_subresultaten]
        )
        or_ap = OnderzoekResultaat.aandachtspunten.through
        or_ap.objects.bulk_create(
            [or_ap(onderzoekresultaat_id=o.pk, aandachtspunt_id=a) for o, a in b.or_aandachtspunten]
        )
        _schrijf(b.aanvragen, b.beschikkingen, b.beschikt)
        br_sub = BeschiktResultaat.subresultaten.through
        br_sub.objects.bulk_create(
            [br_sub(beschiktresultaat_id=r.pk, subresultaat_id=s) for r, s in b.br_subresultaten]
        )
        _schrijf(b.toewijzingen, b.opvolgers, b.versies)
        # Starts, temporary stops, resumptions and stops: the provider's reports, through the services.
        for gemeld in b.leveringen:
            if gemeld.is_stop:
                tw_services.meld_stop(
                    door=ACTOR,
                    toewijzing=gemeld.toewijzing,
                    einddatum=gemeld.datum,
                    reden=gemeld.reden,
                    toelichting=gemeld.toelichting,
                    gemeld_op=gemeld.gemeld_op,
                )
            else:
                tw_services.meld_start(
                    door=ACTOR,
                    toewijzing=gemeld.toewijzing,
                    begindatum=gemeld.datum,
                    bron=gemeld.bron,
                    hervatting=gemeld.hervatting,
                    gemeld_op=gemeld.gemeld_op,
                )
        _schrijf(b.plannen, b.doelen, b.activiteiten, b.plus, b.evaluaties, b.signalen)
        types: dict[type[models.Model], ContentType] = {
            model: ContentType.objects.get_for_model(model)
            for model in (Melding, Aanvraag, Signaal, Toewijzing, Ondersteuningsplan)
        }
        WerklijstItem.objects.bulk_create(
            [
                WerklijstItem(
                    gemeente=w.gemeente,
                    client=w.client,
                    soort=w.soort,
                    omschrijving=w.omschrijving,
                    uiterlijk=w.uiterlijk,
                    status=WerklijstStatus.AFGEHANDELD if w.afgehandeld_op else WerklijstStatus.OPEN,
                    toegewezen_aan=w.toegewezen_aan,
                    content_type=types[type(w.onderwerp)],
                    object_id=w.onderwerp.pk,
                    aangemaakt_op=w.aangemaakt_op,
                    afgehandeld_op=w.afgehandeld_op,
                )
                for w in b.werk
            ]
        )
        for naam, rijen in (
            ("cliënten", b.clienten),
            ("meldingen", b.meldingen),
            ("onderzoeken", b.onderzoeken),
            ("ZRM-scores", b.zrm),
            ("gekozen resultaten (onderzoek)", b.onderzoek_resultaten),
            ("aanvragen", b.aanvragen),
            ("beschikkingen", b.beschikkingen),
            ("beschikte resultaten", b.beschikt),
            ("toewijzingen", b.toewijzingen + b.opvolgers),
            ("toewijzingsversies", b.versies),
            ("leveringen", [g for g in b.leveringen if not g.is_stop]),
            ("ondersteuningsplannen", b.plannen),
            ("doelen", b.doelen),
            ("activiteiten", b.activiteiten),
            ("Plus-afspraken", b.plus),
            ("evaluaties", b.evaluaties),
            ("signalen", b.signalen),
            ("werklijstitems", b.werk),
        ):
            self.rijen[naam] += len(rijen)

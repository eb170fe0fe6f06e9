"""iWmo and the provider portal: after the bulk part, providers return a toewijzing and ask for a
toewijzing (VOT) and for a change (VOW), through the same services as the portal."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone

from resultaat.contracten.models import ContractProduct
from resultaat.demo.kern import (
    _Basis,
)
from resultaat.demo.regio_gegevens import (
    AANBIEDERS,
)
from resultaat.iwmo import services as iwmo
from resultaat.toewijzingen import services as tw_services
from resultaat.toewijzingen.models import (
    Toewijzing,
)
from resultaat.werklijst.models import WerklijstItem


class IwmoMixin(_Basis):
    def portaal(self) -> None:
        """A few portal actions made through the services, as provider staff make them: a returned
        toewijzing on the consulent's worklist, and open requests for a toewijzing and for a change.

        Run after the bulk part, with the real registration timestamps; an action the services refuse
        for this particular client (an overlap, no contract) is skipped and not counted.
        """

        self.portaal_acties = Counter()
        laatste_werk = WerklijstItem.objects.aggregate(m=models.Max("pk"))["m"] or 0
        eerste_dag = max(self.vandaag, timezone.localdate()) + dt.timedelta(days=14)
        for nr, a in enumerate(AANBIEDERS[:3]):
            door = self.aanbieder_users.get(a.sleutel)
            if door is None:
                continue
            aanbieder = self.aanbieders[a.sleutel]
            eigen = Toewijzing.objects.filter(aanbieder=aanbieder)
            if nr < 2:
                nieuw = eigen.te_beoordelen().order_by("gemeente__code", "nummer").first()
                if nieuw is not None:
                    self._probeer(
                        "retour aanbieder",
                        tw_services.retourneer_toewijzing,
                        door=door,
                        toewijzing=nieuw,
                        reden="Geen capaciteit in deze wijk tot februari; wij hebben een wachtlijst.",
                    )
            lopend = list(
                eigen.met_levering()
                .actief_op(self.vandaag)
                .filter(einddatum__isnull=False, einddatum__gt=eerste_dag)
                .order_by("gemeente__code", "nummer")[:6]
            )
            for t in lopend[:1]:
                self._probeer(
                    "verzoek om wijziging",
                    iwmo.dien_vow_in,
                    door=door,
                    toewijzing=t,
                    einddatum=t.einddatum + dt.timedelta(days=182),
                    toelichting="Het resultaat is nog niet bereikt; cliënt herstelt langzamer dan verwacht.",
                )
            for t in lopend[1:]:
                andere = [
                    cp.product
                    for cp in ContractProduct.objects.geldig_op(eerste_dag)
                    .filter(contract__aanbieder=aanbieder, contract__gemeenten=t.gemeente)
                    .exclude(product__in=Toewijzing.objects.filter(client=t.client).values("product"))
                    .select_related("product")
                    .order_by("product__code")
                ]
                if andere and self._probeer(
                    "verzoek om toewijzing",
                    iwmo.dien_vot_in,
                    door=door,
                    client=t.client,
                    product=andere[0],
                    ingangsdatum=eerste_dag,
                    toelichting="Cliënt vraagt ook om deze ondersteuning; besproken in het regiegesprek.",
                ):
                    break
        # Like every other row of the demo, the worklist items get their moment from the demo's timeline.
        WerklijstItem.objects.filter(pk__gt=laatste_werk).update(aangemaakt_op=self.moment(self.vandaag))

    def _probeer(self, wat: str, actie: Any, **kwargs: Any) -> bool:
        try:
            with transaction.atomic():
                actie(**kwargs)
        except ValidationError:
            return False
        self.portaal_acties[wat] += 1
        return True

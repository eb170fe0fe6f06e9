"""One contract: which products for which gemeenten, with capacity next to the clients in care now.

In the site shell, not in resultaat.contracten: the occupancy counts toewijzingen, a higher component.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count, QuerySet
from django.utils import timezone

from resultaat.contracten.models import Contract
from resultaat.core.web import ScopedDetailView
from resultaat.toewijzingen.models import Toewijzing


class ContractDetailView(ScopedDetailView):
    secties = ("contracten",)
    model = Contract
    template_name = "web/contract_detail.html"
    context_object_name = "contract"

    def get_queryset(self) -> QuerySet[Contract]:
        return Contract.objects.for_user(self.request.user).select_related("aanbieder")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        contract = self.object
        vandaag = timezone.localdate()
        gemeenten = list(contract.gemeenten.order_by("naam"))
        # How many clients the provider has now per product in these gemeenten, next to the capacity.
        bezetting = dict(
            Toewijzing.objects.for_user(self.request.user)
            .filter(aanbieder=contract.aanbieder, gemeente__in=gemeenten)
            .actief_op(vandaag)
            .values_list("product")
            .annotate(n=Count("client", distinct=True))
            .values_list("product", "n")
        )
        regels = []
        for cp in contract.producten.select_related("product").order_by(
            "product__categorie", "product__code"
        ):
            regels.append(
                {
                    "regel": cp,
                    "geldig": cp.is_geldig_op(vandaag),
                    "tarief": cp.product.tarief_op(vandaag),
                    "bezetting": bezetting.get(cp.product_id, 0),
                    "vol": cp.capaciteit is not None and bezetting.get(cp.product_id, 0) >= cp.capaciteit,
                }
            )
        context.update(
            {
                "vandaag": vandaag,
                "gemeenten": gemeenten,
                "regels": regels,
                "onderaannemers": list(contract.onderaannemers.order_by("naam")),
                "geldig": contract.is_geldig_op(vandaag),
            }
        )
        return context

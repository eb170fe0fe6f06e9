"""The list of contracts: which provider delivers for which gemeenten (one contract: in the site shell)."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, QuerySet
from django.utils import timezone

from resultaat.contracten.models import Contract
from resultaat.contracten.web.tabellen import ContractFilter, ContractTabel
from resultaat.core.tabellen import TabelView


class ContractListView(TabelView):
    secties = ("contracten",)
    model = Contract
    template_name = "contracten/contract_list.html"
    context_object_name = "contracten"
    tabel_class = ContractTabel
    filter_class = ContractFilter
    export_naam = "contracten"
    enkelvoud, meervoud = "contract", "contracten"

    def basis(self) -> QuerySet[Contract]:
        return (
            Contract.objects.for_user(self.request.user)
            .select_related("aanbieder")
            .prefetch_related("gemeenten")
            .annotate(aantal_producten=Count("producten", distinct=True))
            .order_by("kenmerk")
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["vandaag"] = timezone.localdate()
        return context

"""The catalogue valid today: domains, results, subresults with aandachtspunten, levels, bands, products."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch
from django.utils import timezone
from django.views.generic import TemplateView

from resultaat.catalogus.models import (
    Aandachtspunt,
    ComplexiteitNiveau,
    IntensiteitNiveau,
    Meerpost,
    Product,
    Resultaat,
    ResultaatDomein,
    Subresultaat,
    Tarief,
    Tijdsband,
)
from resultaat.core.web import SectieMixin


class CatalogusView(SectieMixin, TemplateView):
    secties = ("catalogus",)
    template_name = "catalogus/catalogus.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        vandaag = timezone.localdate()
        subresultaten = Subresultaat.objects.geldig_op(vandaag).prefetch_related(
            Prefetch("aandachtspunten", queryset=Aandachtspunt.objects.geldig_op(vandaag))
        )
        tijdsbanden = Tijdsband.objects.geldig_op(vandaag).prefetch_related(
            Prefetch("meerposten", queryset=Meerpost.objects.geldig_op(vandaag))
        )
        resultaten = Resultaat.objects.geldig_op(vandaag).prefetch_related(
            Prefetch("subresultaten", queryset=subresultaten),
            Prefetch("tijdsbanden", queryset=tijdsbanden),
        )
        domeinen = ResultaatDomein.objects.geldig_op(vandaag).prefetch_related(
            Prefetch("resultaten", queryset=resultaten)
        )
        tarieven = Tarief.objects.geldig_op(vandaag).order_by("-geldig_van")
        producten = (
            Product.objects.geldig_op(vandaag)
            .select_related("resultaat", "complexiteit", "intensiteit", "tijdsband")
            .prefetch_related(Prefetch("tarieven", queryset=tarieven, to_attr="tarieven_nu"))
            .order_by("categorie", "code")
        )
        context.update(
            {
                "vandaag": vandaag,
                "domeinen": domeinen,
                "complexiteiten": ComplexiteitNiveau.objects.geldig_op(vandaag),
                "intensiteiten": IntensiteitNiveau.objects.geldig_op(vandaag),
                "producten": [{"product": p, "tarief": next(iter(p.tarieven_nu), None)} for p in producten],
            }
        )
        return context

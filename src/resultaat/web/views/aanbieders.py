"""Providers and their contracts, as the gemeente's purchasing and finance staff see them.

In the site shell, not in resultaat.organisaties: the pages count contracts and toewijzingen (higher).
"""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from resultaat.contracten.models import Contract
from resultaat.core.tabellen import GetalKolom, Kolom, LinkKolom, Tabel, TabelView, ZoekFilter
from resultaat.core.web import ScopedDetailView
from resultaat.organisaties.models import Aanbieder
from resultaat.toewijzingen.models import Toewijzing


class AanbiederFilter(ZoekFilter):
    zoek = django_filters.CharFilter(label="Naam, AGB-code of plaats", method="zoeken")

    class Meta:
        model = Aanbieder
        fields: list[str] = []

    def zoeken(self, qs: Any, naam: str, waarde: str) -> Any:
        w = waarde.strip()
        if not w:
            return qs
        return qs.filter(Q(naam__icontains=w) | Q(agb_code__startswith=w) | Q(plaats__icontains=w))


class AanbiederTabel(Tabel):
    naam = LinkKolom("Naam", url=lambda a: reverse("web:aanbieder-detail", args=[a.pk]), orderable=True)
    agb_code = Kolom("AGB-code", orderable=True)
    kvk_nummer = Kolom("KvK-nummer")
    plaats = Kolom("Plaats", orderable=True)
    toewijzingen_actief = GetalKolom("Actieve toewijzingen", orderable=True)


class AanbiederListView(TabelView):
    secties = ("aanbieders",)
    model = Aanbieder
    template_name = "web/aanbieder_list.html"
    context_object_name = "aanbieders"
    tabel_class = AanbiederTabel
    filter_class = AanbiederFilter
    export_naam = "aanbieders"
    enkelvoud, meervoud = "aanbieder", "aanbieders"

    def basis(self) -> QuerySet[Aanbieder]:
        vandaag = timezone.localdate()
        # Per provider one count of its active toewijzingen the user may see (a correlated subquery on
        # the toewijzing's own gemeente and provider), not a join of every toewijzing to every provider.
        actief = (
            Toewijzing.objects.for_user(self.request.user)
            .actief_op(vandaag)
            .filter(aanbieder=OuterRef("pk"))
            .order_by()
            .values("aanbieder")
            .annotate(n=Count("*"))
            .values("n")
        )
        return (
            Aanbieder.objects.for_user(self.request.user)
            .annotate(toewijzingen_actief=Coalesce(Subquery(actief, output_field=IntegerField()), 0))
            .order_by("naam")
        )


class AanbiederDetailView(ScopedDetailView):
    secties = ("aanbieders",)
    model = Aanbieder
    template_name = "web/aanbieder_detail.html"
    context_object_name = "aanbieder"

    def get_queryset(self) -> QuerySet[Aanbieder]:
        return Aanbieder.objects.for_user(self.request.user)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        vandaag = timezone.localdate()
        contracten = (
            Contract.objects.for_user(user)
            .filter(aanbieder=self.object)
            .prefetch_related("gemeenten")
            .annotate(aantal_producten=Count("producten", distinct=True))
            .order_by("-geldig_van", "kenmerk")
        )
        actief = Toewijzing.objects.for_user(user).filter(aanbieder=self.object).actief_op(vandaag)
        context.update(
            {
                "vandaag": vandaag,
                "contracten": [{"contract": c, "geldig": c.is_geldig_op(vandaag)} for c in contracten],
                "toewijzingen_actief": actief.count(),
                "clienten_actief": actief.values("client").distinct().count(),
            }
        )
        return context

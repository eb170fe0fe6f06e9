"""Beheer of contracts: the contracted products (capacity, waiting time) and subcontractors inline."""

from __future__ import annotations

from django.contrib import admin

from resultaat.contracten.models import Contract, ContractProduct, Onderaannemer
from resultaat.core.audit.beheer import BeheerGevolgd


class ContractProductInline(admin.TabularInline):
    model = ContractProduct
    extra = 0
    fields = ("product", "capaciteit", "wachttijd_dagen", "geldig_van", "geldig_tot")
    autocomplete_fields = ("product",)


class OnderaannemerInline(admin.TabularInline):
    model = Onderaannemer
    extra = 0
    fields = ("naam", "agb_code", "kvk_nummer", "geldig_van", "geldig_tot")


@admin.register(Contract)
class ContractAdmin(BeheerGevolgd, admin.ModelAdmin):
    list_display = ("kenmerk", "aanbieder", "perceel", "geldig_van", "geldig_tot")
    list_filter = ("gemeenten", "perceel")
    search_fields = ("kenmerk", "aanbieder__naam", "aanbieder__agb_code", "perceel")
    list_select_related = ("aanbieder",)
    autocomplete_fields = ("aanbieder",)
    filter_horizontal = ("gemeenten",)
    date_hierarchy = "geldig_van"
    inlines = [ContractProductInline, OnderaannemerInline]
    fieldsets = (
        (None, {"fields": ("kenmerk", "aanbieder", "gemeenten", "perceel", "omschrijving")}),
        ("Geldigheid", {"fields": ("geldig_van", "geldig_tot")}),
        ("Doelen (sturing)", {"fields": ("doel_behaald_procent", "max_wachtweken", "min_tevredenheid")}),
    )

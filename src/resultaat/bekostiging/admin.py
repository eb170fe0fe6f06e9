"""Beheer of the payment rules as data: stapelregels per gemeente and the payment policy per contract."""

from __future__ import annotations

from django.contrib import admin

from resultaat.bekostiging.models import Betaalbeleid, CakPeriodejaar, Stapelregel


@admin.register(Stapelregel)
class StapelregelAdmin(admin.ModelAdmin):
    """Which two products of one result may run together for one client (without a rule the
    settlement run pays neither for the days they overlap, and lists the conflict)."""

    list_display = ("gemeente", "product", "samen_met", "geldig_van", "geldig_tot")
    list_filter = ("gemeente",)
    list_select_related = ("gemeente", "product", "samen_met")
    autocomplete_fields = ("product", "samen_met")
    fields = ("gemeente", "product", "samen_met", "toelichting", "geldig_van", "geldig_tot")


@admin.register(Betaalbeleid)
class BetaalbeleidAdmin(admin.ModelAdmin):
    list_display = ("contract", "deelperiode", "overstap", "overlijden", "voorschot")
    list_select_related = ("contract",)
    autocomplete_fields = ("contract",)


@admin.register(CakPeriodejaar)
class CakPeriodejaarAdmin(admin.ModelAdmin):
    """The first day of CAK period 1 per year, as published; the four-week calendars follow it."""

    list_display = ("jaar", "begin", "bron")

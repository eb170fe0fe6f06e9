"""Beheer: the scenarios with their conversion rules (rules as data, editable here)."""

from django.contrib import admin

from resultaat.conversie.models import Omzetregel, Scenario


class OmzetregelInline(admin.TabularInline):
    model = Omzetregel
    extra = 1


@admin.register(Scenario)
class ScenarioAdmin(admin.ModelAdmin):
    list_display = ("naam", "gemeente", "omzetdatum", "gesprek_vanaf_procent")
    list_filter = ("gemeente",)
    inlines = [OmzetregelInline]

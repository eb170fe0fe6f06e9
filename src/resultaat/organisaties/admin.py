"""Beheer of regio's, gemeenten and aanbieders."""

from __future__ import annotations

from django.contrib import admin

from resultaat.organisaties.models import Aanbieder, Gemeente, Regio


class GemeenteInline(admin.TabularInline):
    model = Gemeente
    extra = 0
    fields = ("code", "naam")
    show_change_link = True


@admin.register(Regio)
class RegioAdmin(admin.ModelAdmin):
    list_display = ("naam",)
    search_fields = ("naam",)
    inlines = [GemeenteInline]


@admin.register(Gemeente)
class GemeenteAdmin(admin.ModelAdmin):
    list_display = ("naam", "code", "regio", "telefoon", "email")
    list_filter = ("regio",)
    search_fields = ("naam", "code")
    list_select_related = ("regio",)
    fieldsets = (
        (None, {"fields": ("code", "naam", "regio")}),
        ("Contact", {"fields": ("postadres", "telefoon", "email")}),
    )


@admin.register(Aanbieder)
class AanbiederAdmin(admin.ModelAdmin):
    list_display = ("naam", "agb_code", "kvk_nummer", "plaats", "telefoon")
    search_fields = ("naam", "agb_code", "kvk_nummer", "plaats")
    fieldsets = (
        (None, {"fields": ("naam", "agb_code", "kvk_nummer", "iban")}),
        ("Adres en contact", {"fields": ("straat", "huisnummer", "postcode", "plaats", "telefoon", "email")}),
    )

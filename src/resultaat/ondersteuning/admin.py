"""Beheer of the sociale kaart. Plans, evaluations and signals are client data: they are handled in the
application with its audit trail, never here."""

from __future__ import annotations

from django.contrib import admin

from resultaat.ondersteuning.models import SocialeKaartVoorziening


@admin.register(SocialeKaartVoorziening)
class SocialeKaartVoorzieningAdmin(admin.ModelAdmin):
    list_display = ("naam", "soort", "gemeente", "adres", "contact")
    list_filter = ("gemeente", "soort")
    search_fields = ("naam", "soort", "adres")
    list_select_related = ("gemeente",)

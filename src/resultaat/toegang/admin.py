from django.contrib import admin

from resultaat.toegang.models import ToegangInstelling


@admin.register(ToegangInstelling)
class ToegangInstellingAdmin(admin.ModelAdmin):
    """Per gemeente: mandate for providers, the ondersteuningsplan as part of the beschikking, the signature.
    Not client data: the only toegang model in the beheer."""

    list_display = ("gemeente", "mandaat_aanbieder", "ondersteuningsplan_in_beschikking")

from django.contrib import admin

from resultaat.core.audit.beheer import BeheerGevolgd
from resultaat.eigen_bijdrage.models import Abonnementstarief, EigenBijdrageInstelling, GemeenteTarief


@admin.register(Abonnementstarief)
class AbonnementstariefAdmin(BeheerGevolgd, admin.ModelAdmin):
    """The abonnementstarief per year, in eurocents (domain/NOTES.md 1.1)."""

    list_display = ("jaar", "bedrag_cent", "periode", "toelichting")


@admin.register(EigenBijdrageInstelling)
class EigenBijdrageInstellingAdmin(BeheerGevolgd, admin.ModelAdmin):
    """Per gemeente: the trigger for start and stop, and the products without eigen bijdrage."""

    list_display = ("gemeente", "trigger")
    filter_horizontal = ("vrijgestelde_producten",)


@admin.register(GemeenteTarief)
class GemeenteTariefAdmin(BeheerGevolgd, admin.ModelAdmin):
    """A gemeente's own lower rate per year (never above the abonnementstarief of that year)."""

    list_display = ("gemeente", "jaar", "bedrag_cent", "toelichting")
    list_filter = ("gemeente",)

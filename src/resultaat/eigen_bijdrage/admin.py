from django.contrib import admin

from resultaat.eigen_bijdrage.models import Abonnementstarief, EigenBijdrageInstelling, GemeenteTarief


@admin.register(Abonnementstarief)
class AbonnementstariefAdmin(admin.ModelAdmin):
    """The abonnementstarief per year, in eurocents (domain/NOTES.md 1.1)."""

    list_display = ("jaar", "bedrag_cent", "periode", "toelichting")


@admin.register(EigenBijdrageInstelling)
class EigenBijdrageInstellingAdmin(admin.ModelAdmin):
    """Per gemeente: the trigger for start and stop, and the products without eigen bijdrage."""

    list_display = ("gemeente", "trigger")
    filter_horizontal = ("vrijgestelde_producten",)


@admin.register(GemeenteTarief)
class GemeenteTariefAdmin(admin.ModelAdmin):
    """A gemeente's own lower rate per year (never above the abonnementstarief of that year)."""

    list_display = ("gemeente", "jaar", "bedrag_cent", "toelichting")
    list_filter = ("gemeente",)

from django.contrib import admin

from resultaat.core.audit.beheer import BeheerGevolgd
from resultaat.eigen_bijdrage.models import Abonnementstarief


@admin.register(Abonnementstarief)
class AbonnementstariefAdmin(BeheerGevolgd, admin.ModelAdmin):
    """The abonnementstarief per year, in eurocents (domain/NOTES.md 1.1)."""

    list_display = ("jaar", "bedrag_cent", "periode", "toelichting")

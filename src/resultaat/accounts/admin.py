"""Beheer of users: Django's user admin plus the rol, the gemeenten and the aanbieder of a user."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from resultaat.accounts.models import User

ROL_EN_ORGANISATIE: tuple[str, Any] = (
    "Rol en organisatie",
    {
        "fields": ("rol", "gemeenten", "aanbieder"),
        "description": "Een gemeentelijke rol werkt voor een of meer gemeenten; een medewerker van een "
        "zorgaanbieder (rol 'Medewerker zorgaanbieder') hoort bij precies één aanbieder.",
    },
)


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    fieldsets = (
        *(DjangoUserAdmin.fieldsets or ()),
        ROL_EN_ORGANISATIE,
    )
    add_fieldsets = (
        *DjangoUserAdmin.add_fieldsets,
        ("Naam", {"fields": ("first_name", "last_name", "email")}),
        ROL_EN_ORGANISATIE,
    )
    list_display = ("username", "first_name", "last_name", "rol", "organisatie", "is_active", "is_staff")
    list_filter = ("rol", "gemeenten", "aanbieder", "is_active", "is_staff", "is_superuser")
    search_fields = ("username", "first_name", "last_name", "email", "aanbieder__naam")
    autocomplete_fields = ("aanbieder",)
    filter_horizontal = ("gemeenten", "groups", "user_permissions")

    def get_queryset(self, request: Any) -> Any:
        return super().get_queryset(request).select_related("aanbieder").prefetch_related("gemeenten")

    @admin.display(description="gemeenten / aanbieder")
    def organisatie(self, obj: User) -> str:
        if obj.aanbieder is not None:
            return obj.aanbieder.naam
        return ", ".join(g.naam for g in obj.gemeenten.all())

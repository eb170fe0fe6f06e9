"""Beheer of regio's, gemeenten and aanbieders."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError

from resultaat.organisaties import services
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


class AanbiederForm(forms.ModelForm):
    class Meta:
        model = Aanbieder
        fields = (
            "naam",
            "agb_code",
            "kvk_nummer",
            "iban",
            "iban_voorgesteld",
            "straat",
            "huisnummer",
            "postcode",
            "plaats",
            "telefoon",
            "email",
        )

    def clean_iban_voorgesteld(self) -> str:
        iban = (self.cleaned_data.get("iban_voorgesteld") or "").replace(" ", "").upper()
        if iban and self.instance.pk and iban == self.instance.iban:
            raise ValidationError("Dit is al het IBAN van deze aanbieder.")
        return iban


@admin.register(Aanbieder)
class AanbiederAdmin(admin.ModelAdmin):
    """A new provider gets its IBAN on the add page. Afterwards the IBAN is read only: a new one is
    entered as a proposal, and takes effect when a second person confirms it with the action
    "Voorgesteld IBAN bevestigen" (four eyes; both steps are named events in the audit trail)."""

    list_display = ("naam", "agb_code", "kvk_nummer", "plaats", "telefoon", "iban_voorgesteld")
    search_fields = ("naam", "agb_code", "kvk_nummer", "plaats")
    form = AanbiederForm
    actions = ["bevestig_iban", "trek_iban_voorstel_in"]
    adres = (
        "Adres en contact",
        {"fields": ("straat", "huisnummer", "postcode", "plaats", "telefoon", "email")},
    )

    def get_fieldsets(self, request: Any, obj: Any = None) -> Any:
        if obj is None:
            return ((None, {"fields": ("naam", "agb_code", "kvk_nummer", "iban")}), self.adres)
        return (
            (None, {"fields": ("naam", "agb_code", "kvk_nummer", "iban")}),
            (
                "Nieuw IBAN (vier ogen)",
                {"fields": ("iban_voorgesteld", "iban_voorgesteld_door", "iban_voorgesteld_op")},
            ),
            self.adres,
        )

    def get_readonly_fields(self, request: Any, obj: Any = None) -> Any:
        if obj is None:
            return ()
        return ("iban", "iban_voorgesteld_door", "iban_voorgesteld_op")

    def save_model(self, request: Any, obj: Any, form: Any, change: bool) -> None:
        if not change or "iban_voorgesteld" not in form.changed_data:
            super().save_model(request, obj, form, change)
            return
        # The proposal goes through the service (audited); the other fields are saved as usual.
        voorstel = obj.iban_voorgesteld
        obj.iban_voorgesteld = form.initial.get("iban_voorgesteld", "")
        super().save_model(request, obj, form, change)
        if voorstel:
            services.stel_iban_voor(aanbieder=obj, iban=voorstel, door=request.user)
            self.message_user(
                request,
                "Het nieuwe IBAN is voorgesteld; het geldt pas als een tweede persoon het bevestigt.",
                messages.WARNING,
            )
        elif obj.iban_voorgesteld:
            services.trek_iban_voorstel_in(aanbieder=obj, door=request.user)
        obj.refresh_from_db()

    @admin.action(description="Voorgesteld IBAN bevestigen (vier ogen)")
    def bevestig_iban(self, request: Any, queryset: Any) -> None:
        self._per_aanbieder(request, queryset, services.bevestig_iban, "het nieuwe IBAN is bevestigd.")

    @admin.action(description="Voorgesteld IBAN intrekken")
    def trek_iban_voorstel_in(self, request: Any, queryset: Any) -> None:
        self._per_aanbieder(request, queryset, services.trek_iban_voorstel_in, "het voorstel is ingetrokken.")

    def _per_aanbieder(self, request: Any, queryset: Any, actie: Any, gelukt: str) -> None:
        """Run a bank-details service for each chosen provider, with its message per provider."""
        for a in queryset:
            try:
                actie(aanbieder=a, door=request.user)
            except ValidationError as e:
                self.message_user(request, f"{a.naam}: {' '.join(e.messages)}", messages.ERROR)
            else:
                self.message_user(request, f"{a.naam}: {gelukt}", messages.SUCCESS)

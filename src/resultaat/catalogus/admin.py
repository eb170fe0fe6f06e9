"""Beheer of the catalogue: domains, results with subresults and aandachtspunten, levels, time bands with
meerposten, products with their tariffs (entered and shown in euros, stored in eurocents)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django import forms
from django.contrib import admin

from resultaat.catalogus.models import (
    Aandachtspunt,
    ComplexiteitNiveau,
    IntensiteitNiveau,
    Meerpost,
    Normenkader,
    NormenkaderPost,
    Product,
    Resultaat,
    ResultaatDomein,
    Subresultaat,
    Tarief,
    Tijdsband,
)
from resultaat.core.audit.beheer import BeheerGevolgd
from resultaat.core.opmaak import euro

GELDIGHEID = ("geldig_van", "geldig_tot")


class TariefForm(forms.ModelForm):
    """The amount is entered in euros and stored in eurocents."""

    bedrag_euro = forms.DecimalField(
        label="bedrag (euro)", max_digits=9, decimal_places=2, min_value=Decimal("0.00"), localize=True
    )

    class Meta:
        model = Tarief
        fields = ("bedrag_euro", "periode", "geldig_van", "geldig_tot")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.initial["bedrag_euro"] = Decimal(self.instance.bedrag_cent).scaleb(-2)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        bedrag = cleaned.get("bedrag_euro")
        if bedrag is not None:
            self.instance.bedrag_cent = int((bedrag * 100).quantize(Decimal("1"), rounding=ROUND_HALF_UP))
        return cleaned


class TariefInline(admin.TabularInline):
    model = Tarief
    form = TariefForm
    extra = 0
    fields = ("bedrag_euro", "periode", "geldig_van", "geldig_tot")


@admin.register(Tarief)
class TariefAdmin(BeheerGevolgd, admin.ModelAdmin):
    form = TariefForm
    list_display = ("product", "bedrag", "periode", *GELDIGHEID)
    list_filter = ("periode", "product__categorie")
    search_fields = ("product__code", "product__naam")
    autocomplete_fields = ("product",)
    date_hierarchy = "geldig_van"
    fields = ("product", "bedrag_euro", "periode", *GELDIGHEID)

    @admin.display(description="bedrag", ordering="bedrag_cent")
    def bedrag(self, obj: Tarief) -> str:
        return euro(obj.bedrag_cent)


@admin.register(ResultaatDomein)
class ResultaatDomeinAdmin(BeheerGevolgd, admin.ModelAdmin):
    list_display = ("naam", "code", "volgorde", *GELDIGHEID)
    search_fields = ("naam", "code")
    prepopulated_fields = {"code": ("naam",)}


class SubresultaatInline(admin.StackedInline):
    model = Subresultaat
    extra = 0
    fields = ("code", "omschrijving", "volgorde", *GELDIGHEID)
    show_change_link = True


@admin.register(Resultaat)
class ResultaatAdmin(BeheerGevolgd, admin.ModelAdmin):
    list_display = ("naam", "code", "domein", "bron", *GELDIGHEID)
    list_filter = ("domein",)
    search_fields = ("naam", "code", "omschrijving")
    prepopulated_fields = {"code": ("naam",)}
    inlines = [SubresultaatInline]
    fieldsets = (
        (None, {"fields": ("domein", "code", "naam", "omschrijving", "volgorde")}),
        ("De Plus", {"fields": ("plus",)}),
        ("Herkomst en geldigheid", {"fields": ("bron", *GELDIGHEID)}),
    )


class AandachtspuntInline(admin.TabularInline):
    model = Aandachtspunt
    extra = 0
    fields = ("omschrijving", "volgorde", *GELDIGHEID)


@admin.register(Subresultaat)
class SubresultaatAdmin(BeheerGevolgd, admin.ModelAdmin):
    list_display = ("omschrijving", "resultaat", "aantal_aandachtspunten", *GELDIGHEID)
    list_filter = ("resultaat__domein", "resultaat")
    search_fields = ("omschrijving", "code", "aandachtspunten__omschrijving")
    autocomplete_fields = ("resultaat",)
    inlines = [AandachtspuntInline]

    @admin.display(description="aandachtspunten")
    def aantal_aandachtspunten(self, obj: Subresultaat) -> int:
        return obj.aandachtspunten.count()


@admin.register(Aandachtspunt)
class AandachtspuntAdmin(BeheerGevolgd, admin.ModelAdmin):
    list_display = ("omschrijving", "subresultaat", "volgorde", *GELDIGHEID)
    list_filter = ("subresultaat__resultaat",)
    search_fields = ("omschrijving",)
    autocomplete_fields = ("subresultaat",)


@admin.register(ComplexiteitNiveau)
class ComplexiteitNiveauAdmin(BeheerGevolgd, admin.ModelAdmin):
    list_display = ("naam", "omschrijving", "code", "volgorde", *GELDIGHEID)


@admin.register(IntensiteitNiveau)
class IntensiteitNiveauAdmin(BeheerGevolgd, admin.ModelAdmin):
    list_display = ("naam", "code", "volgorde", *GELDIGHEID)


class MeerpostInline(admin.TabularInline):
    model = Meerpost
    extra = 0
    fields = ("code", "naam", "volgorde", *GELDIGHEID)


@admin.register(Tijdsband)
class TijdsbandAdmin(BeheerGevolgd, admin.ModelAdmin):
    list_display = ("naam", "resultaat", "min_minuten", "max_minuten", *GELDIGHEID)
    list_filter = ("resultaat",)
    search_fields = ("naam", "code")
    autocomplete_fields = ("resultaat",)
    inlines = [MeerpostInline]


@admin.register(Meerpost)
class MeerpostAdmin(BeheerGevolgd, admin.ModelAdmin):
    list_display = ("naam", "tijdsband", "code", "volgorde", *GELDIGHEID)
    list_filter = ("tijdsband",)
    search_fields = ("naam", "code")


@admin.register(Product)
class ProductAdmin(BeheerGevolgd, admin.ModelAdmin):
    list_display = (
        "categorie",
        "code",
        "naam",
        "resultaat",
        "complexiteit",
        "tijdsband",
        "aanvullend_arrangement",
        *GELDIGHEID,
    )
    list_display_links = ("code", "naam")
    list_filter = ("categorie", "aanvullend_arrangement", "complexiteit", "resultaat__domein")
    search_fields = ("code", "naam")
    list_select_related = ("resultaat", "complexiteit", "tijdsband")
    autocomplete_fields = ("resultaat",)
    inlines = [TariefInline]
    fieldsets = (
        (None, {"fields": ("categorie", "code", "naam", "aanvullend_arrangement")}),
        ("Resultaat en niveau", {"fields": ("resultaat", "complexiteit", "intensiteit", "tijdsband")}),
        ("iWmo", {"fields": ("eenheid", "frequentie", "volume")}),
        ("Geldigheid", {"fields": GELDIGHEID}),
    )


class NormenkaderPostInline(admin.TabularInline):
    model = NormenkaderPost
    extra = 0
    fields = ("volgorde", "code", "naam", "soort", "minuten", "per_stuk", "groep", "toelichting")


@admin.register(Normenkader)
class NormenkaderAdmin(BeheerGevolgd, admin.ModelAdmin):
    """The normenkader of huishoudelijke ondersteuning per gemeente and period, in minutes per week."""

    list_display = ("naam", "gemeente", "resultaat", *GELDIGHEID)
    list_filter = ("gemeente",)
    inlines = [NormenkaderPostInline]

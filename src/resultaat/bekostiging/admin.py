"""Beheer of the payment rules as data: stapelregels per gemeente and the payment policy per contract."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError

from resultaat.bekostiging import betaalgegevens
from resultaat.bekostiging.models import Betaalbeleid, BetaalInstelling, CakPeriodejaar, Stapelregel
from resultaat.organisaties.models import Gemeente


@admin.register(Stapelregel)
class StapelregelAdmin(admin.ModelAdmin):
    """Which two products of one result may run together for one client (without a rule the
    settlement run pays neither for the days they overlap, and lists the conflict)."""

    list_display = ("gemeente", "product", "samen_met", "geldig_van", "geldig_tot")
    list_filter = ("gemeente",)
    list_select_related = ("gemeente", "product", "samen_met")
    autocomplete_fields = ("product", "samen_met")
    fields = ("gemeente", "product", "samen_met", "toelichting", "geldig_van", "geldig_tot")


@admin.register(Betaalbeleid)
class BetaalbeleidAdmin(admin.ModelAdmin):
    list_display = ("contract", "deelperiode", "overstap", "overlijden", "voorschot")
    list_select_related = ("contract",)
    autocomplete_fields = ("contract",)


@admin.register(CakPeriodejaar)
class CakPeriodejaarAdmin(admin.ModelAdmin):
    """The first day of CAK period 1 per year, as published; the four-week calendars follow it."""

    list_display = ("jaar", "begin", "bron")


class BetaalInstellingForm(forms.ModelForm):
    class Meta:
        model = BetaalInstelling
        fields = ("gemeente", "voorstel_naam", "voorstel_iban", "voorstel_bic", "voorstel_initiatiefnemer")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        try:
            data["voorstel_naam"], data["voorstel_iban"], data["voorstel_bic"] = betaalgegevens.controleer(
                data.get("voorstel_naam", ""), data.get("voorstel_iban", ""), data.get("voorstel_bic", "")
            )
        except ValidationError as e:
            for veld, fouten in e.message_dict.items():
                for fout in fouten:
                    self.add_error(veld, fout)
        return data


class VoorstelFilter(admin.SimpleListFilter):
    """``?voorstel=ja``: the details with a proposal waiting for a second person (the start page's link)."""

    title = "nieuwe gegevens"
    parameter_name = "voorstel"

    def lookups(self, request: Any, model_admin: Any) -> Any:
        return (("ja", "wachten op bevestiging"), ("nee", "geen voorstel"))

    def queryset(self, request: Any, queryset: Any) -> Any:
        if self.value() == "ja":
            return queryset.exclude(voorgesteld_door="")
        if self.value() == "nee":
            return queryset.filter(voorgesteld_door="")
        return queryset


@admin.register(BetaalInstelling)
class BetaalInstellingAdmin(admin.ModelAdmin):
    """The gemeente's bank details for SEPA: new details are entered as a proposal and take effect when a
    second beheerder confirms them with the action "Voorgestelde betaalgegevens bevestigen" (four eyes;
    every step a named event in the audit trail). A beheerder sees only the gemeenten it manages."""

    form = BetaalInstellingForm
    list_display = ("gemeente", "naam", "iban", "bic", "voorstel_iban", "voorgesteld_door")
    list_filter = (VoorstelFilter,)
    readonly_fields = ("naam", "iban", "bic", "initiatiefnemer", "voorgesteld_door", "voorgesteld_op")
    actions = ["bevestig", "trek_in"]

    def get_fieldsets(self, request: Any, obj: Any = None) -> Any:
        voorstel = ("voorstel_naam", "voorstel_iban", "voorstel_bic", "voorstel_initiatiefnemer")
        if obj is None:
            return ((None, {"fields": ("gemeente", *voorstel)}),)
        return (
            ("In gebruik", {"fields": ("gemeente", "naam", "iban", "bic", "initiatiefnemer")}),
            ("Nieuwe gegevens (vier ogen)", {"fields": (*voorstel, "voorgesteld_door", "voorgesteld_op")}),
        )

    def get_readonly_fields(self, request: Any, obj: Any = None) -> Any:
        return (*self.readonly_fields, "gemeente") if obj is not None else self.readonly_fields

    def _gemeenten(self, request: Any) -> Any:
        return Gemeente.objects.all() if request.user.is_superuser else request.user.gemeenten.all()

    def get_queryset(self, request: Any) -> Any:
        return super().get_queryset(request).filter(gemeente__in=self._gemeenten(request))

    def formfield_for_foreignkey(self, db_field: Any, request: Any, **kwargs: Any) -> Any:
        if db_field.name == "gemeente":
            kwargs["queryset"] = self._gemeenten(request)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request: Any, obj: Any, form: Any, change: bool) -> None:
        d = form.cleaned_data
        inst = betaalgegevens.stel_voor(
            gemeente=obj.gemeente,
            naam=d["voorstel_naam"],
            iban=d["voorstel_iban"],
            bic=d["voorstel_bic"],
            initiatiefnemer=d.get("voorstel_initiatiefnemer") or "",
            door=request.user,
        )
        obj.pk = inst.pk
        self.message_user(
            request,
            "De betaalgegevens zijn voorgesteld; ze gelden pas als een tweede beheerder ze bevestigt.",
            messages.WARNING,
        )

    @admin.action(description="Voorgestelde betaalgegevens bevestigen (vier ogen)")
    def bevestig(self, request: Any, queryset: Any) -> None:
        self._per_gemeente(request, queryset, betaalgegevens.bevestig, "de betaalgegevens zijn bevestigd.")

    @admin.action(description="Voorgestelde betaalgegevens intrekken")
    def trek_in(self, request: Any, queryset: Any) -> None:
        self._per_gemeente(request, queryset, betaalgegevens.trek_in, "het voorstel is ingetrokken.")

    def _per_gemeente(self, request: Any, queryset: Any, actie: Any, gelukt: str) -> None:
        for inst in queryset.select_related("gemeente"):
            try:
                actie(instelling=inst, door=request.user)
            except ValidationError as e:
                self.message_user(request, f"{inst.gemeente.naam}: {' '.join(e.messages)}", messages.ERROR)
            else:
                self.message_user(request, f"{inst.gemeente.naam}: {gelukt}", messages.SUCCESS)

"""Beheer of users: Django's user admin plus the rol, the gemeenten and the aanbieder of a user.

Who may see and change which user, and which fields, is decided in ``accounts.services``: a
superuser manages everyone, a functioneel beheerder only the gemeente users of its own gemeenten and
never anyone's rights. Every change writes a named audit event in the transaction of the change.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminPasswordChangeForm
from django.contrib.auth.models import Group
from django.db import router, transaction
from django.http import HttpResponseForbidden

from resultaat.accounts import services, tokens, tweestaps
from resultaat.accounts.models import GEMEENTE_ROLLEN, User
from resultaat.core.audit.beheer import BeheerGevolgd

ROL_EN_ORGANISATIE: tuple[str, Any] = (
    "Rol en organisatie",
    {
        "fields": ("rol", "gemeenten", "aanbieder"),
        "description": "Een gemeentelijke rol werkt voor een of meer gemeenten; een medewerker van een "
        "zorgaanbieder (rol 'Medewerker zorgaanbieder') hoort bij precies één aanbieder.",
    },
)


class WachtwoordForm(AdminPasswordChangeForm):
    """Setting a password (or switching password login off) writes ``gebruiker.wachtwoord_gewijzigd``."""

    def save(self, commit: bool = True) -> Any:
        user = super().save(commit=commit)
        if commit:
            services.leg_wachtwoord_vast(user)
        return user


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
    change_password_form = WachtwoordForm
    list_display = ("username", "first_name", "last_name", "rol", "organisatie", "is_active", "is_staff")
    list_filter = ("rol", "gemeenten", "aanbieder", "is_active", "is_staff", "is_superuser")
    search_fields = ("username", "first_name", "last_name", "email", "aanbieder__naam")
    autocomplete_fields = ("aanbieder",)
    filter_horizontal = ("gemeenten", "groups", "user_permissions")
    actions = ["tokens_intrekken", "tweestaps_opnieuw"]

    @admin.action(description="API-tokens intrekken")
    def tokens_intrekken(self, request: Any, queryset: Any) -> None:
        aantal = 0
        for gebruiker in queryset:
            try:
                aantal += tokens.trek_tokens_in(gebruiker, door=request.user, reden="door beheerder")
            except services.GeenBeheerrecht as fout:
                self.message_user(request, str(fout.args[0]), level="error")
        self.message_user(request, f"{aantal} API-token(s) ingetrokken.")

    @admin.action(description="Tweestapsverificatie opnieuw laten instellen (telefoon kwijt)")
    def tweestaps_opnieuw(self, request: Any, queryset: Any) -> None:
        for gebruiker in queryset:
            try:
                tweestaps.stel_opnieuw_in(gebruiker, door=request.user)
            except services.GeenBeheerrecht as fout:
                self.message_user(request, str(fout.args[0]), level="error")
                continue
            self.message_user(
                request,
                f"{gebruiker.get_username()} stelt bij de volgende keer inloggen "
                "de tweestapsverificatie opnieuw in.",
            )

    def get_queryset(self, request: Any) -> Any:
        qs = super().get_queryset(request).select_related("aanbieder").prefetch_related("gemeenten")
        return services.beheerbare_gebruikers(request.user, qs)

    def get_list_filter(self, request: Any) -> Any:
        if services.beheert_alle_gebruikers(request.user):
            return self.list_filter
        return ("rol", "is_active")

    def get_readonly_fields(self, request: Any, obj: Any = None) -> Any:
        verboden = services.verboden_velden(request.user, obj)
        return (*super().get_readonly_fields(request, obj), *sorted(verboden))

    def get_form(self, request: Any, obj: Any = None, change: bool = False, **kwargs: Any) -> Any:
        form = super().get_form(request, obj, change=change, **kwargs)
        door = request.user
        if services.beheert_alle_gebruikers(door):
            return form

        class BeperktForm(form):  # type: ignore[misc, valid-type]
            """A beheerder chooses only gemeente roles and its own gemeenten; the service decides."""

            def __init__(self, *args: Any, **kw: Any) -> None:
                super().__init__(*args, **kw)
                if "rol" in self.fields:
                    self.fields["rol"].choices = [
                        (waarde, label)
                        for waarde, label in self.fields["rol"].choices
                        if waarde in GEMEENTE_ROLLEN
                    ]
                if "gemeenten" in self.fields:
                    self.fields["gemeenten"].queryset = door.gemeenten.all()

            def clean(self) -> Any:
                cleaned = super().clean()
                bestaand = obj if obj is not None and obj.pk else None
                try:
                    services.controleer_wijziging(
                        door,
                        bestaand,
                        gewijzigd=self.changed_data,
                        rol=cleaned.get("rol", getattr(bestaand, "rol", "")),
                        gemeenten=cleaned.get("gemeenten", bestaand.gemeenten.all() if bestaand else ()),
                    )
                except services.GeenBeheerrecht as fout:
                    raise forms.ValidationError(str(fout.args[0])) from fout
                return cleaned

        return BeperktForm

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return super().has_change_permission(request, obj) and (
            obj is None or services.mag_wijzigen(request.user, obj)
        )

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return super().has_delete_permission(request, obj) and (
            obj is None or services.mag_verwijderen(request.user, obj)
        )

    def changeform_view(
        self, request: Any, object_id: Any = None, form_url: str = "", extra_context: Any = None
    ) -> Any:
        """A POST that sets a field the form does not offer (is_superuser on one's own account) is
        tampering: refused as a whole, nothing is saved."""
        if request.method == "POST" and not services.beheert_alle_gebruikers(request.user):
            obj = self.get_object(request, object_id) if object_id else None
            if object_id and obj is None:
                return super().changeform_view(request, object_id, form_url, extra_context)
            verboden = set(request.POST) & services.verboden_velden(request.user, obj)
            if verboden:
                fout = services.GeenBeheerrecht(
                    "U mag de rechten van deze gebruiker niet wijzigen: "
                    + ", ".join(sorted(verboden))
                    + " zet alleen de installatiebeheerder."
                )
                return HttpResponseForbidden(str(fout.args[0]), content_type="text/plain; charset=utf-8")
        return super().changeform_view(request, object_id, form_url, extra_context)

    def save_model(self, request: Any, obj: User, form: Any, change: bool) -> None:
        # Again at the moment of saving, whatever form was used: the service has the last word.
        bestaand = User.objects.get(pk=obj.pk) if change else None
        services.controleer_wijziging(
            request.user,
            bestaand,
            gewijzigd=form.changed_data,
            rol=obj.rol,
            gemeenten=form.cleaned_data.get("gemeenten", bestaand.gemeenten.all() if bestaand else ()),
        )
        super().save_model(request, obj, form, change)

    def save_related(self, request: Any, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        services.leg_wijziging_vast(form.instance, nieuw=not change, gewijzigd=form.changed_data)

    def user_change_password(self, request: Any, id: str, form_url: str = "") -> Any:
        if request.method != "POST":
            return super().user_change_password(request, id, form_url)
        with transaction.atomic(using=router.db_for_write(self.model)):
            return super().user_change_password(request, id, form_url)

    def delete_model(self, request: Any, obj: User) -> None:
        with transaction.atomic(using=router.db_for_write(self.model)):
            services.leg_verwijdering_vast(obj)
            super().delete_model(request, obj)

    def delete_queryset(self, request: Any, queryset: Any) -> None:
        with transaction.atomic(using=router.db_for_write(self.model)):
            for gebruiker in queryset:
                if not services.mag_verwijderen(request.user, gebruiker):
                    raise services.GeenBeheerrecht(
                        f"U mag gebruiker {gebruiker.get_username()} niet verwijderen."
                    )
                services.leg_verwijdering_vast(gebruiker)
            super().delete_queryset(request, queryset)

    @admin.display(description="gemeenten / aanbieder")
    def organisatie(self, obj: User) -> str:
        if obj.aanbieder is not None:
            return obj.aanbieder.naam
        return ", ".join(g.naam for g in obj.gemeenten.all())


# Roles as groups of permissions: every change to a group is in the audit trail too.
admin.site.unregister(Group)


@admin.register(Group)
class GroepAdmin(BeheerGevolgd, GroupAdmin):
    pass

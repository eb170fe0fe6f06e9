"""Beheer of the letter texts: the beheerder edits them; a text that is not a valid template, or that uses
anything outside the allow-list of resultaat.brieven.veilig (script, file links, include/load...), is refused
with a Dutch message naming what is not allowed."""

from __future__ import annotations

from django import forms
from django.contrib import admin

from resultaat.brieven.models import Briefsjabloon
from resultaat.brieven.veilig import sjabloon_fouten
from resultaat.core.audit.beheer import BeheerGevolgd


class BriefsjabloonForm(forms.ModelForm):
    class Meta:
        model = Briefsjabloon
        fields = ("soort", "gemeente", "geldig_van", "onderwerp", "tekst")

    def clean_tekst(self) -> str:
        tekst: str = self.cleaned_data["tekst"]
        if fouten := sjabloon_fouten(tekst):
            raise forms.ValidationError(fouten)
        return tekst


@admin.register(Briefsjabloon)
class BriefsjabloonAdmin(BeheerGevolgd, admin.ModelAdmin):
    form = BriefsjabloonForm
    list_display = ("soort", "gemeente", "geldig_van", "onderwerp", "gewijzigd_op")
    list_filter = ("soort", "gemeente")

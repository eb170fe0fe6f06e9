"""Beheer of the letter texts: the beheerder edits them; a text that is not a valid template is refused."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.template import TemplateSyntaxError

from resultaat.brieven.models import Briefsjabloon
from resultaat.brieven.render import SANDBOX


class BriefsjabloonForm(forms.ModelForm):
    class Meta:
        model = Briefsjabloon
        fields = ("soort", "gemeente", "geldig_van", "onderwerp", "tekst")

    def clean_tekst(self) -> str:
        tekst: str = self.cleaned_data["tekst"]
        try:
            SANDBOX.from_string(tekst)
        except TemplateSyntaxError as fout:
            raise forms.ValidationError(f"De tekst is geen geldig sjabloon: {fout}") from None
        return tekst


@admin.register(Briefsjabloon)
class BriefsjabloonAdmin(admin.ModelAdmin):
    form = BriefsjabloonForm
    list_display = ("soort", "gemeente", "geldig_van", "onderwerp", "gewijzigd_op")
    list_filter = ("soort", "gemeente")

"""The forms of the household and the individual exemptions."""

from __future__ import annotations

from django import forms

from resultaat.core.web import DATUM, SELECT, TEXTBOX, NLDSForm
from resultaat.eigen_bijdrage.models import Rol, Vrijstelling


class HuisgenootForm(NLDSForm):
    rol = forms.ChoiceField(label="Wie", choices=Rol.choices, widget=SELECT)
    naam = forms.CharField(label="Naam", required=False, widget=forms.TextInput(attrs={"class": TEXTBOX}))
    geboortedatum = forms.DateField(label="Geboortedatum", widget=DATUM)
    vanaf = forms.DateField(label="Woont bij de cliënt sinds", widget=DATUM)


class VrijstellingForm(NLDSForm):
    reden = forms.ChoiceField(
        label="Reden",
        choices=[
            (Vrijstelling.WLZ.value, Vrijstelling.WLZ.label),
            (Vrijstelling.MINIMA.value, Vrijstelling.MINIMA.label),
        ],
        widget=SELECT,
    )
    vanaf = forms.DateField(label="Vanaf", widget=DATUM)
    tot = forms.DateField(label="Tot (leeg: zonder einddatum)", required=False, widget=DATUM)
    toelichting = forms.CharField(
        label="Toelichting", required=False, widget=forms.TextInput(attrs={"class": TEXTBOX})
    )

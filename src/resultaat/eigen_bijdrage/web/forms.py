"""The forms of the household, the individual exemptions and the CAK-leveringen page."""

from __future__ import annotations

import datetime as dt
import re

from django import forms

from resultaat.core.validators import validate_bsn
from resultaat.core.web import DATUM, SELECT, TEXTBOX, NLDSForm
from resultaat.eigen_bijdrage.models import Rol, Vrijstelling

MAX_RETOUR = 20 * 1024 * 1024


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


class MaandForm(NLDSForm):
    maand = forms.CharField(
        label="Maand",
        help_text="De maand van de starts en stops, bijvoorbeeld 2026-03.",
        widget=forms.TextInput(attrs={"class": TEXTBOX, "type": "month", "placeholder": "JJJJ-MM"}),
        error_messages={"required": "Kies een maand."},
    )

    def clean_maand(self) -> dt.date:
        try:
            return dt.datetime.strptime(self.cleaned_data["maand"].strip(), "%Y-%m").date()
        except ValueError:
            raise forms.ValidationError("Vul de maand in als jaar en maand, bijvoorbeeld 2026-03.") from None


class RetourForm(NLDSForm):
    bestand = forms.FileField(
        label="Retourbericht van het CAK (WMO406)",
        error_messages={
            "required": "Kies het bestand met het antwoord van het CAK.",
            "empty": "Het bestand is leeg.",
        },
    )

    def clean_bestand(self) -> str:
        bestand = self.cleaned_data["bestand"]
        if bestand.size > MAX_RETOUR:
            raise forms.ValidationError(
                "Het bestand is groter dan 20 MB; dat is geen retourbericht van het CAK."
            )
        try:
            return str(bestand.read().decode("utf-8"))
        except UnicodeDecodeError:
            raise forms.ValidationError(
                "Het bestand is geen tekstbestand (UTF-8); kies het XML-bestand dat het CAK stuurde."
            ) from None


class PartnerForm(NLDSForm):
    """A partner who is a client of the gemeente too, found by BSN (POST only: never in a URL)."""

    bsn = forms.CharField(
        label="BSN van de partner",
        max_length=20,
        help_text="9 cijfers; de partner moet cliënt zijn van dezelfde gemeente.",
        widget=forms.TextInput(
            attrs={"class": TEXTBOX, "inputmode": "numeric", "autocomplete": "off", "spellcheck": "false"}
        ),
        error_messages={"required": "Vul het BSN van de partner in."},
    )
    vanaf = forms.DateField(label="Woont bij de cliënt sinds", widget=DATUM)

    def clean_bsn(self) -> str:
        bsn = re.sub(r"[\s.]", "", self.cleaned_data["bsn"])
        validate_bsn(bsn)
        return bsn

"""The form of the finance search for one client's payments: sent by POST, so a BSN never lands in a URL."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from resultaat.core.validators import validate_bsn
from resultaat.core.web import TEXTBOX, NLDSForm, datumveld


class ClientBetalingenZoekForm(NLDSForm):
    achternaam = forms.CharField(
        label="Achternaam",
        max_length=200,
        required=False,
        help_text="Het begin van de achternaam is genoeg.",
        widget=forms.TextInput(attrs={"class": TEXTBOX, "autocomplete": "off"}),
    )
    geboortedatum = datumveld("Geboortedatum", required=False)
    nummer = forms.IntegerField(
        label="Cliëntnummer",
        required=False,
        min_value=1,
        max_value=2**62,
        help_text="Het nummer van de cliënt in Resultaat, zoals op de cliëntpagina en in de boekingen.",
        widget=forms.TextInput(attrs={"class": TEXTBOX, "inputmode": "numeric", "autocomplete": "off"}),
        error_messages={
            "invalid": "Vul een cliëntnummer in cijfers in.",
            "min_value": "Vul een cliëntnummer in.",
        },
    )
    bsn = forms.CharField(
        label="Burgerservicenummer (BSN)",
        max_length=20,
        required=False,
        help_text="9 cijfers. Met een BSN zoekt u alleen op het BSN.",
        widget=forms.TextInput(
            attrs={
                "class": f"{TEXTBOX} utrecht-textbox--numeric",
                "inputmode": "numeric",
                "autocomplete": "off",
            }
        ),
    )

    def clean_bsn(self) -> str:
        bsn = re.sub(r"[\s.]", "", self.cleaned_data["bsn"])
        if bsn:
            validate_bsn(bsn)
        return bsn

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.errors and not any(data.get(v) for v in ("achternaam", "geboortedatum", "nummer", "bsn")):
            raise ValidationError("Vul een naam, een geboortedatum, een cliëntnummer of een BSN in.")
        return data

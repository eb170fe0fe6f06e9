"""Forms of the client pages: search by BSN (POST only), the audit log's period (search by surname is
the client list's filter, clienten.web.tabellen)."""

from __future__ import annotations

import re

from django import forms

from resultaat.core.validators import validate_bsn
from resultaat.core.web import TEXTBOX, NLDSForm


class BsnZoekForm(NLDSForm):
    """Search by BSN. Sent by POST only, so the BSN never lands in a URL, a log line or the history."""

    bsn = forms.CharField(
        label="Burgerservicenummer (BSN)",
        max_length=20,
        help_text="9 cijfers, bijvoorbeeld 123456782.",
        widget=forms.TextInput(
            attrs={
                "class": f"{TEXTBOX} utrecht-textbox--numeric",
                "inputmode": "numeric",
                "autocomplete": "off",
                "spellcheck": "false",
                "aria-describedby": "bsn-uitleg",
            }
        ),
        error_messages={"required": "Vul een BSN in."},
    )

    def clean_bsn(self) -> str:
        bsn = re.sub(r"[\s.]", "", self.cleaned_data["bsn"])
        validate_bsn(bsn)
        return bsn

    def full_clean(self) -> None:
        super().full_clean()
        if "bsn" in self.errors:
            self.fields["bsn"].widget.attrs["aria-describedby"] = "bsn-uitleg bsn-fout"

"""Forms of the provider portal. They check the shape of the input; the services check the rules."""

from __future__ import annotations

from typing import Any

from django import forms

from resultaat.core.codes import WMO588RedenBeeindiging
from resultaat.core.web import SELECT, TEKST, TEXTBOX, NLDSForm, datumveld

STOP_REDENEN = [(c, f"{c} {label}") for c, label in WMO588RedenBeeindiging.choices if c != "20"]


class PortaalForm(NLDSForm):
    """No browser-side "required" check: an empty field gets the Dutch message from the server."""

    use_required_attribute = False


def toelichtingveld(label: str, help_text: str = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        max_length=200,
        help_text=help_text,
        widget=forms.TextInput(attrs={"class": TEXTBOX}),
    )


class RetourForm(PortaalForm):
    reden = forms.CharField(
        label="Reden van retour",
        widget=TEKST,
        help_text="Bijvoorbeeld: geen capaciteit, cliënt woont buiten ons werkgebied.",
        error_messages={"required": "Geef de reden waarom u de toewijzing retourneert."},
    )


class StartForm(PortaalForm):
    begindatum = datumveld("Startdatum", help_text="De dag waarop de ondersteuning echt begon.")


class HervattenForm(PortaalForm):
    begindatum = datumveld("Hervat op", help_text="De eerste dag van de ondersteuning na de tijdelijke stop.")


class TijdelijkeStopForm(PortaalForm):
    einddatum = datumveld("Laatste dag van de ondersteuning vóór de stop")
    toelichting = toelichtingveld("Oorzaak", "Bijvoorbeeld: ziekenhuisopname, logeeropvang.")


class StopForm(PortaalForm):
    einddatum = datumveld("Laatste dag van de ondersteuning")
    reden = forms.ChoiceField(
        label="Reden van de stop (WMO588)",
        choices=[("", "Kies een reden"), *STOP_REDENEN],
        widget=SELECT,
        error_messages={"required": "Kies de reden van de stop."},
    )
    toelichting = toelichtingveld("Toelichting")


class OnderaannemerForm(PortaalForm):
    onderaannemer: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label="Onderaannemer",
        queryset=None,
        required=False,
        empty_label="Geen onderaannemer (wij leveren zelf)",
        widget=SELECT,
        error_messages={"invalid_choice": "Kies een onderaannemer uit de lijst."},
    )

    def __init__(self, *args: Any, keuzes: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["onderaannemer"].queryset = keuzes  # type: ignore[attr-defined]


class CsvUploadForm(PortaalForm):
    bestand = forms.FileField(
        label="CSV-bestand",
        help_text="Kolommen: toewijzingnummer;gemeentecode;soort;datum;reden;toelichting (UTF-8, ; of ,).",
        error_messages={"required": "Kies een CSV-bestand.", "empty": "Het bestand is leeg."},
        widget=forms.ClearableFileInput(attrs={"class": TEXTBOX, "accept": ".csv,text/csv"}),
    )
    alleen_geldige = forms.BooleanField(
        label="alleen de geldige regels toepassen",
        required=False,
        help_text="Zonder dit vinkje past een bestand met een fout niets toe.",
        widget=forms.CheckboxInput(attrs={"class": "utrecht-checkbox"}),
    )

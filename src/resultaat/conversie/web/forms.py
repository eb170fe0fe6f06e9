"""The forms of the conversion pages."""

from __future__ import annotations

from decimal import Decimal

from django import forms

from resultaat.core.web import SELECT, TEXTBOX, NLDSForm, datumveld


def _euro(label: str, standaard: str) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        min_value=Decimal("0.01"),
        max_value=Decimal(500),
        decimal_places=2,
        initial=Decimal(standaard),
        widget=forms.NumberInput(attrs={"class": TEXTBOX, "step": "0.01"}),
        error_messages={"required": "Vul een uurtarief in.", "invalid": "Vul een bedrag in, zoals 26,50."},
    )


def _geheel(label: str, standaard: int, minimum: int, maximum: int) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        initial=standaard,
        min_value=minimum,
        max_value=maximum,
        widget=forms.NumberInput(attrs={"class": TEXTBOX}),
    )


class UploadForm(NLDSForm):
    gemeente = forms.ChoiceField(label="Gemeente", widget=SELECT)
    bestand = forms.FileField(
        label="Bestand (CSV of Excel)",
        error_messages={"required": "Kies een bestand.", "empty": "Het bestand is leeg."},
    )

    def __init__(self, *args: object, gemeenten: list[tuple[str, str]], **kwargs: object) -> None:
        # The upload and the scenario form share a page and the field "gemeente": ids of their own.
        kwargs.setdefault("auto_id", "upload_%s")
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["gemeente"].choices = gemeenten  # type: ignore[attr-defined]


class ScenarioForm(NLDSForm):
    gemeente = forms.ChoiceField(label="Gemeente", widget=SELECT)
    naam = forms.CharField(
        label="Naam van het scenario", max_length=100, widget=forms.TextInput(attrs={"class": TEXTBOX})
    )
    omzetdatum = datumveld("Omzetten per")
    uurtarief_hh1 = _euro("Uurtarief HH1 (euro)", "25.50")
    uurtarief_hh2 = _euro("Uurtarief HH2 (euro)", "28.50")
    uurtarief_bg = _euro("Uurtarief begeleiding (euro)", "55.00")
    verschuiving = _geheel("Grenzen van de tijdsbanden verschuiven (minuten per week)", 0, -60, 60)
    licht_tot = _geheel("Begeleiding licht tot en met (minuten per week)", 120, 1, 2399)
    midden_tot = _geheel("Begeleiding midden tot en met (minuten per week)", 300, 2, 2399)
    gesprek_vanaf = _geheel("Gesprek bij minder hulp vanaf (procent)", 20, 1, 100)

    def __init__(self, *args: object, gemeenten: list[tuple[str, str]], **kwargs: object) -> None:
        kwargs.setdefault("auto_id", "scenario_%s")
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["gemeente"].choices = gemeenten  # type: ignore[attr-defined]


class UitvoerenForm(NLDSForm):
    """Executing a scenario: the transition period and, for a phase, the old products of this round."""

    overgang_weken = _geheel("Overgangsperiode (weken)", 0, 0, 52)
    producten = forms.MultipleChoiceField(
        label="Alleen deze producten (fase; niets aangevinkt: alle cliënten)",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: object, producten: list[str], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        veld = self.fields["producten"]
        assert isinstance(veld, forms.MultipleChoiceField)
        veld.choices = [(p, p) for p in producten]

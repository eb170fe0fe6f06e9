"""Forms of the survey, the complaints and the capacity report. They check the shape of the input; the
services check the rules and answer in Dutch next to the form."""

from __future__ import annotations

from typing import Any

from django import forms

from resultaat.core.web import RADIO, SELECT, TEXTBOX, NLDSForm, datumveld, tekstveld
from resultaat.kwaliteit.models import Afname, Indiener, KlachtCategorie, KlachtUitkomst, Verzending
from resultaat.kwaliteit.services.enquetes import Antwoorden

KORT = forms.TextInput(attrs={"class": TEXTBOX})
GETAL = forms.NumberInput(attrs={"class": TEXTBOX, "min": 0, "inputmode": "numeric"})
KIES = {"required": "Kies een antwoord.", "invalid_choice": "Kies een antwoord."}


def _vraag(label: str, ja: str, deels: str, nee: str, uitleg: str = "") -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=[("ja", ja), ("deels", deels), ("nee", nee)],
        widget=RADIO,
        error_messages=KIES,
        help_text=uitleg,
    )


class EnqueteForm(NLDSForm):
    """The five questions and the open answer, in plain words (B1)."""

    cijfer = forms.TypedChoiceField(
        label="Welk cijfer geeft u de ondersteuning?",
        help_text="1 is heel slecht. 10 is heel goed.",
        choices=[(str(i), str(i)) for i in range(1, 11)],
        coerce=int,
        widget=RADIO,
        error_messages={
            "required": "Kies een cijfer.",
            "invalid_choice": "Kies een cijfer van 1 tot en met 10.",
        },
    )
    resultaat = _vraag("Helpt de ondersteuning u bij wat u wilde bereiken?", "Ja", "Een beetje", "Nee")
    respect = _vraag("Gaan de medewerkers met respect met u om?", "Ja, altijd", "Meestal", "Nee")
    betrouwbaar = _vraag("Komen de medewerkers hun afspraken na?", "Ja, altijd", "Meestal", "Nee")
    aanraden = _vraag("Zou u deze aanbieder aanraden aan anderen?", "Ja", "Misschien", "Nee")
    toelichting = tekstveld(
        "Wilt u nog iets zeggen?",
        max_length=2000,
        help_text="Dit mag u leeg laten.",
        error_messages={"max_length": "Hoogstens 2000 tekens."},
    )

    VRAGEN = ("cijfer", "resultaat", "respect", "betrouwbaar", "aanraden")

    def antwoorden(self) -> Antwoorden:
        d = self.cleaned_data
        return Antwoorden(
            cijfer=d["cijfer"],
            resultaat=d["resultaat"],
            respect=d["respect"],
            betrouwbaar=d["betrouwbaar"],
            aanraden=d["aanraden"],
            toelichting=d.get("toelichting") or "",
        )


class CodeForm(NLDSForm):
    code = forms.CharField(
        label="Uw code",
        help_text="De code staat in de brief of de e-mail, bijvoorbeeld ABCD-EFGH-JKMN-PQRS.",
        max_length=40,
        widget=forms.TextInput(
            attrs={"class": TEXTBOX, "autocomplete": "off", "autocapitalize": "characters"}
        ),
        error_messages={"required": "Vul de code in."},
    )


class VersturenForm(NLDSForm):
    verzending = forms.ChoiceField(
        label="Hoe versturen?",
        choices=[(Verzending.BRIEF, "Brief (PDF om te printen)"), (Verzending.EMAIL, "E-mail")],
        initial=Verzending.BRIEF,
        widget=RADIO,
        error_messages={"required": "Kies brief of e-mail."},
    )


class AfnameForm(EnqueteForm):
    """Staff record the answers a resident gave by phone or at a home visit."""

    afname = forms.ChoiceField(
        label="Hoe zijn de vragen gesteld?",
        choices=[(Afname.TELEFOON, Afname.TELEFOON.label), (Afname.HUISBEZOEK, Afname.HUISBEZOEK.label)],
        widget=RADIO,
        error_messages={"required": "Kies telefonisch of huisbezoek."},
    )
    datum = datumveld("Datum van het gesprek")


class KlachtForm(NLDSForm):
    aanbieder: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        queryset=None,
        label="Aanbieder",
        widget=SELECT,
        empty_label="Kies een aanbieder",
        error_messages={
            "required": "Kies de aanbieder waarover de klacht gaat.",
            "invalid_choice": "Kies een aanbieder uit de lijst.",
        },
    )
    ontvangen_op = datumveld("Ontvangen op")
    indiener = forms.ChoiceField(label="Ingediend door", choices=Indiener.choices, widget=SELECT)
    categorie = forms.ChoiceField(
        label="Waar gaat de klacht over?",
        choices=[("", "Kies een onderwerp"), *KlachtCategorie.choices],
        widget=SELECT,
        error_messages={"required": "Kies waar de klacht over gaat."},
    )
    onderwerp = forms.CharField(
        label="Onderwerp in het kort",
        max_length=200,
        widget=KORT,
        error_messages={"required": "Vul het onderwerp in.", "max_length": "Hoogstens 200 tekens."},
    )
    omschrijving = tekstveld(
        "De klacht", required=True, max_length=4000, error_messages={"required": "Beschrijf de klacht."}
    )

    def __init__(self, *args: Any, aanbieders: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["aanbieder"].queryset = aanbieders  # type: ignore[attr-defined]


class KlachtStapForm(NLDSForm):
    datum = datumveld("Datum")
    omschrijving = forms.CharField(
        label="Wat is er gedaan?",
        max_length=500,
        widget=KORT,
        error_messages={"required": "Beschrijf wat er is gedaan.", "max_length": "Hoogstens 500 tekens."},
    )


class AfhandelenForm(NLDSForm):
    uitkomst = forms.ChoiceField(
        label="Uitkomst",
        choices=[("", "Kies de uitkomst"), *KlachtUitkomst.choices],
        widget=SELECT,
        error_messages={"required": "Kies de uitkomst."},
    )
    afhandeling = tekstveld(
        "Toelichting op de uitkomst",
        required=True,
        max_length=4000,
        error_messages={"required": "Licht de uitkomst toe: wat is er met de klacht gedaan?"},
    )
    afgehandeld_op = datumveld("Afgehandeld op")


class CapaciteitForm(NLDSForm):
    gemeente: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        queryset=None, label="Gemeente", widget=SELECT, empty_label="Kies een gemeente"
    )
    product: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        queryset=None, label="Product", widget=SELECT, empty_label="Kies een product"
    )
    plaatsen = forms.IntegerField(label="Plaatsen in totaal", min_value=0, widget=GETAL)
    vrije_plaatsen = forms.IntegerField(label="Vrije plaatsen", min_value=0, widget=GETAL)
    wachtenden = forms.IntegerField(label="Mensen op de wachtlijst", min_value=0, widget=GETAL)
    toelichting = forms.CharField(label="Toelichting", required=False, max_length=300, widget=KORT)

    def __init__(self, *args: Any, gemeenten: Any, producten: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["gemeente"].queryset = gemeenten  # type: ignore[attr-defined]
        self.fields["product"].queryset = producten  # type: ignore[attr-defined]
        for naam in ("plaatsen", "vrije_plaatsen", "wachtenden"):
            self.fields[naam].error_messages.update(
                {
                    "required": "Vul een aantal in.",
                    "min_value": "Vul 0 of meer in.",
                    "invalid": "Vul een heel getal in.",
                }
            )
        self.fields["gemeente"].error_messages.update({"required": "Kies de gemeente."})
        self.fields["product"].error_messages.update({"required": "Kies het product."})


class PeriodeForm(forms.Form):
    """The period filter of the overview pages (GET): from and to (inclusive, as people say it)."""

    van = datumveld("Van", required=False)
    tot = datumveld("Tot en met", required=False)

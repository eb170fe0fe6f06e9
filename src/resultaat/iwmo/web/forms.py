"""Forms of the provider's requests (iWmo 315/317 or via the portal) and of the consulent's answers.

They check the shape of the input; the services (iwmo.services) check the rules.
Choices of clients, toewijzingen and products come from what the user may see.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone

from resultaat.catalogus.models import Product
from resultaat.clienten.models import Client
from resultaat.core.codes import WJ758RedenVerzoek, WJ759RedenAfwijzingVerzoek
from resultaat.core.web import RADIO, SELECT, ClientKeuze, NLDSForm, datumveld, tekstveld
from resultaat.toewijzingen.models import Toewijzing
from resultaat.toewijzingen.services import eigen_clienten


class ProductKeuze(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.naam} ({obj.categorie}/{obj.code})"


def gecontracteerde_producten(user: Any) -> Any:
    """The products the provider has a contract for today (the service checks the gemeente and date)."""
    vandaag = timezone.localdate()
    return (
        Product.objects.filter(
            contractregels__contract__aanbieder_id=user.aanbieder_id,
            contractregels__geldig_van__lte=vandaag,
        )
        .distinct()
        .order_by("naam", "code")
    )


class VotForm(NLDSForm):
    client = ClientKeuze(queryset=Client.objects.none())
    product = ProductKeuze(
        label="Product",
        queryset=Product.objects.none(),
        widget=SELECT,
        empty_label="Kies een product",
        help_text="Alleen producten waarvoor uw organisatie een contract heeft.",
        error_messages={"required": "Kies het product.", "invalid_choice": "Kies een product uit de lijst."},
    )
    ingangsdatum = datumveld("Gewenste ingangsdatum")
    einddatum = datumveld("Einddatum", required=False, help_text="Leeg laten als er geen einddatum is.")
    toelichting = tekstveld("Toelichting", help_text="Waarom vraagt u deze toewijzing aan?")

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["client"].queryset = eigen_clienten(user)  # type: ignore[attr-defined]
        self.fields["product"].queryset = gecontracteerde_producten(user)  # type: ignore[attr-defined]


class VowForm(NLDSForm):
    einddatum = datumveld("Nieuwe einddatum", required=False, help_text="Leeg laten als die gelijk blijft.")
    product = ProductKeuze(
        label="Nieuw product",
        queryset=Product.objects.none(),
        required=False,
        widget=SELECT,
        empty_label="Product blijft gelijk",
        error_messages={"invalid_choice": "Kies een product uit de lijst."},
    )
    ingangsdatum = datumveld(
        "Nieuw product vanaf", required=False, help_text="Alleen nodig bij een ander product."
    )
    reden = forms.ChoiceField(
        label="Reden van het verzoek",
        choices=WJ758RedenVerzoek.choices,
        initial=WJ758RedenVerzoek.CLIENTSITUATIE,
        widget=SELECT,
        error_messages={"required": "Kies de reden.", "invalid_choice": "Kies de reden."},
    )
    toelichting = tekstveld("Toelichting", help_text="Wat is er veranderd?")

    def __init__(self, *args: Any, user: Any, toewijzing: Toewijzing, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["product"].queryset = gecontracteerde_producten(user).exclude(  # type: ignore[attr-defined]
            pk=toewijzing.product_id
        )


class AntwoordForm(NLDSForm):
    """The consulent's answer: grant (301), reject with a reason (319 antwoord 1) or in onderzoek (2)."""

    KEUZES = [
        ("toekennen", "Toekennen: de toewijzing gaat als 301 naar de aanbieder"),
        ("afwijzen", "Afwijzen (antwoordbericht 319 met reden)"),
        ("onderzoek", "In onderzoek (antwoordbericht 319; antwoord binnen 8 weken)"),
    ]
    antwoord = forms.ChoiceField(
        label="Antwoord",
        choices=KEUZES,
        widget=RADIO,
        error_messages={"required": "Kies een antwoord.", "invalid_choice": "Kies een antwoord."},
    )
    reden = forms.ChoiceField(
        label="Reden van afwijzing",
        choices=[("", "Geen (alleen bij afwijzen verplicht)"), *WJ759RedenAfwijzingVerzoek.choices],
        required=False,
        widget=SELECT,
        error_messages={"invalid_choice": "Kies een reden uit de lijst."},
    )

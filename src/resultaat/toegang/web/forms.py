"""Forms of the toegang pages. They check the shape of the input; the services check the rules."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.db.models import Q
from django.utils import timezone

from resultaat.catalogus.models import (
    Aandachtspunt,
    ComplexiteitNiveau,
    IntensiteitNiveau,
    Resultaat,
    Subresultaat,
    Tijdsband,
)
from resultaat.clienten.models import Huishouden
from resultaat.core.validators import validate_bsn
from resultaat.core.web import SELECT, TEXTBOX, NLDSForm, datumveld, tekstveld
from resultaat.eigen_bijdrage.models import Vrijstelling
from resultaat.organisaties.models import Aanbieder, Gemeente
from resultaat.toegang.models import Indicatie, MeldingWijze, ZRMDomein
from resultaat.toegang.services import GekozenResultaat


class MeldingForm(NLDSForm):
    bsn = forms.CharField(
        label="Burgerservicenummer (BSN)",
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"class": TEXTBOX, "inputmode": "numeric", "autocomplete": "off"}),
    )
    voorletters = forms.CharField(
        label="Voorletters", max_length=20, required=False, widget=forms.TextInput(attrs={"class": TEXTBOX})
    )
    tussenvoegsel = forms.CharField(
        label="Tussenvoegsel", max_length=20, required=False, widget=forms.TextInput(attrs={"class": TEXTBOX})
    )
    achternaam = forms.CharField(
        label="Achternaam", max_length=200, required=False, widget=forms.TextInput(attrs={"class": TEXTBOX})
    )
    geslacht = forms.ChoiceField(
        label="Geslacht",
        choices=[("0", "onbekend"), ("1", "man"), ("2", "vrouw")],
        initial="0",
        widget=SELECT,
        required=False,
    )
    geboortedatum = datumveld("Geboortedatum", required=False)
    straat = forms.CharField(
        label="Straat", max_length=100, required=False, widget=forms.TextInput(attrs={"class": TEXTBOX})
    )
    huisnummer = forms.CharField(
        label="Huisnummer", max_length=12, required=False, widget=forms.TextInput(attrs={"class": TEXTBOX})
    )
    postcode = forms.CharField(
        label="Postcode", max_length=7, required=False, widget=forms.TextInput(attrs={"class": TEXTBOX})
    )
    woonplaats = forms.CharField(
        label="Woonplaats", max_length=80, required=False, widget=forms.TextInput(attrs={"class": TEXTBOX})
    )
    huishouden = forms.ChoiceField(
        label="Huishouden", choices=Huishouden.choices, widget=SELECT, required=False
    )
    gemeente: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label="Gemeente", queryset=Gemeente.objects.none(), widget=SELECT, required=False, empty_label=None
    )
    ontvangen_op = datumveld("Datum van de melding")
    wijze = forms.ChoiceField(
        label="Hoe kwam de melding binnen?", choices=MeldingWijze.choices, widget=SELECT
    )
    hulpvraag = tekstveld("Hulpvraag")

    def __init__(self, *args: Any, user: Any, bestaande_client: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.bestaande_client = bestaande_client
        veld: Any = self.fields["gemeente"]
        veld.queryset = Gemeente.objects.all() if user.is_superuser else user.gemeenten.all()
        if bestaande_client is not None:
            for naam in (
                "bsn",
                "voorletters",
                "tussenvoegsel",
                "achternaam",
                "geslacht",
                "geboortedatum",
                "straat",
                "huisnummer",
                "postcode",
                "woonplaats",
                "huishouden",
                "gemeente",
            ):
                del self.fields[naam]

    def clean_bsn(self) -> str:
        if self.bestaande_client is not None:
            return ""
        bsn = re.sub(r"[\s.]", "", self.cleaned_data.get("bsn", ""))
        if not bsn:
            raise forms.ValidationError("Vul het BSN in.")
        validate_bsn(bsn)
        return bsn

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.bestaande_client is None:
            if not data.get("achternaam"):
                self.add_error("achternaam", "Vul de achternaam in.")
            if not data.get("geboortedatum"):
                self.add_error("geboortedatum", "Vul de geboortedatum in.")
        return data

    def client_velden(self) -> dict[str, Any]:
        d = self.cleaned_data
        return {
            "bsn": d["bsn"],
            "gemeente": d["gemeente"],
            "voorletters": d["voorletters"],
            "tussenvoegsel": d["tussenvoegsel"],
            "achternaam": d["achternaam"],
            "geboortedatum": d["geboortedatum"],
            "geslacht": d["geslacht"] or "0",
            "straat": d["straat"],
            "huisnummer": d["huisnummer"],
            "postcode": d["postcode"],
            "woonplaats": d["woonplaats"],
            "huishouden": d["huishouden"] or Huishouden.ALLEENSTAAND,
        }


class OpschortingForm(NLDSForm):
    van = datumveld("Opgeschort vanaf")
    tot = datumveld("Tot en met")
    reden = tekstveld(
        "Reden (op verzoek van de cliënt)", required=True, error_messages={"required": "Vul de reden in."}
    )


class OnderzoekForm(NLDSForm):
    """The onderzoek report (keukentafelgesprek); the ZRM scores and the chosen results come from their
    numbered fields (``zrm_<domein>``, ``resultaat``, ``sub``, ``punt``, ``anders_<pk>``)."""

    datum_gesprek = forms.DateField(input_formats=["%Y-%m-%d"])
    situatie = forms.CharField(required=False, strip=False)
    eigen_kracht = forms.CharField(required=False, strip=False)
    netwerk = forms.CharField(required=False, strip=False)
    mantelzorg = forms.CharField(required=False, strip=False)
    voorliggende_voorzieningen = forms.CharField(required=False, strip=False)

    def zrm(self) -> dict[str, tuple[int, str]]:
        scores = {}
        for domein in ZRMDomein:
            niveau = self.data.get(f"zrm_{domein.value}")
            if niveau:
                scores[domein.value] = (int(niveau), self.data.get(f"zrm_toelichting_{domein.value}", ""))
        return scores

    def resultaten(self) -> list[GekozenResultaat]:
        data: Any = self.data  # a QueryDict: several values per name
        gekozen = []
        for pk in data.getlist("resultaat"):
            resultaat = Resultaat.objects.filter(pk=pk).first()
            if resultaat is None:
                continue
            gekozen.append(
                GekozenResultaat(
                    resultaat,
                    list(Subresultaat.objects.filter(pk__in=data.getlist("sub"), resultaat=resultaat)),
                    list(
                        Aandachtspunt.objects.filter(
                            pk__in=data.getlist("punt"), subresultaat__resultaat=resultaat
                        )
                    ),
                    data.get(f"anders_{resultaat.pk}", "").strip(),
                )
            )
        return gekozen


class AanvraagForm(NLDSForm):
    ontvangen_op = datumveld("Datum van de aanvraag")


class IndicatieForm(NLDSForm):
    resultaat = forms.ModelChoiceField(
        label="Resultaat",
        queryset=Resultaat.objects.none(),
        widget=SELECT,
        error_messages={"required": "Kies een resultaat."},
    )
    ingangsdatum = datumveld("Ingangsdatum")
    einddatum = datumveld("Einddatum (tot en met)", required=False)
    complexiteit = forms.ModelChoiceField(
        label="Complexiteit", queryset=ComplexiteitNiveau.objects.all(), required=False, widget=SELECT
    )
    intensiteit = forms.ModelChoiceField(
        label="Intensiteit", queryset=IntensiteitNiveau.objects.all(), required=False, widget=SELECT
    )
    frequentie = forms.CharField(
        label="Frequentie",
        max_length=100,
        required=False,
        help_text="Bijvoorbeeld: één keer per week.",
        widget=forms.TextInput(attrs={"class": TEXTBOX}),
    )
    omvang_per_week = forms.DecimalField(
        label="Hulp per week (uren of dagdelen)",
        required=False,
        min_value=0,
        max_digits=5,
        decimal_places=1,
        localize=True,
        help_text="Voor begeleiding, persoonlijke verzorging en respijtzorg in uren, voor dagbesteding in "
        "dagdelen. De cliënt leest dit in de beschikking.",
        widget=forms.TextInput(attrs={"class": TEXTBOX, "inputmode": "decimal"}),
    )
    minuten_per_week = forms.IntegerField(
        label="Minuten per week (handmatig)",
        required=False,
        min_value=0,
        help_text="Leeg: het normenkader berekent de minuten.",
        widget=forms.NumberInput(attrs={"class": TEXTBOX}),
    )
    handmatig = forms.BooleanField(label="Handmatig besluit buiten de banden", required=False)
    motivering = tekstveld("Motivering")
    mandaat_aanbieder = forms.ModelChoiceField(
        label="Voorstel vragen aan aanbieder (mandaat)",
        queryset=Aanbieder.objects.all(),
        required=False,
        widget=SELECT,
    )
    tijdsband = forms.ModelChoiceField(
        label="Band voor het mandaat", queryset=Tijdsband.objects.all(), required=False, widget=SELECT
    )

    def __init__(self, *args: Any, aanvraag: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        vandaag = timezone.localdate()
        gekozen = (
            Q(pk__in=aanvraag.onderzoek.resultaten.values("resultaat")) if aanvraag.onderzoek_id else Q()
        )
        resultaat: Any = self.fields["resultaat"]
        resultaat.queryset = Resultaat.objects.geldig_op(vandaag).filter(gekozen)
        tijdsband: Any = self.fields["tijdsband"]
        tijdsband.queryset = Tijdsband.objects.geldig_op(vandaag)

    def keuzes(self) -> dict[str, int]:
        """The terms of the normenkader ticked or counted (``post_<code>``): 1 for a tick, else the count
        (-1 when it is not a number, which the service refuses)."""
        keuzes: dict[str, int] = {}
        for sleutel in self.data:
            waarde = str(self.data.get(sleutel, ""))
            if sleutel.startswith("post_") and waarde not in ("", "0"):
                keuzes[sleutel[5:]] = 1 if waarde == "on" else int(waarde) if waarde.isdigit() else -1
        return keuzes


class AanbiederKeuzeForm(NLDSForm):
    """The client's choice of provider for one indicatie of the aanvraag."""

    indicatie = forms.ModelChoiceField(
        queryset=Indicatie.objects.none(),
        error_messages={"required": "Kies een aanbieder.", "invalid_choice": "Kies een aanbieder."},
    )
    aanbieder = forms.ModelChoiceField(
        label="Keuze van de cliënt",
        queryset=Aanbieder.objects.all(),
        error_messages={"required": "Kies een aanbieder.", "invalid_choice": "Kies een aanbieder."},
    )

    def __init__(self, *args: Any, aanvraag: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        indicatie: Any = self.fields["indicatie"]
        indicatie.queryset = aanvraag.indicaties.all()


class BesluitForm(NLDSForm):
    besluitdatum = datumveld("Besluitdatum")
    vrijstelling = forms.ChoiceField(
        label="Eigen bijdrage", choices=Vrijstelling.choices, required=False, widget=SELECT
    )
    motivering = tekstveld("Motivering (waarom dit besluit)")
    niet_toegekend = tekstveld(
        "Deels toegekend: wat de cliënt niet krijgt en waarom",
        help_text="Leeg: de aanvraag wordt helemaal toegekend.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # Its own ids: the indicatie form on the same page has a "motivering" too, and a label must point
        # at this form's field.
        kwargs.setdefault("auto_id", "besluit_%s")
        super().__init__(*args, **kwargs)


class IngebrekestellingForm(NLDSForm):
    ontvangen_op = datumveld("Ingebrekestelling ontvangen op")


class IntrekkingForm(NLDSForm):
    resultaat = forms.IntegerField(widget=forms.HiddenInput)
    per = datumveld("Laatste dag van de ondersteuning")
    besluitdatum = datumveld("Besluitdatum")
    motivering = tekstveld("Motivering (waarom de ondersteuning stopt)")


class OverstapForm(NLDSForm):
    per = datumveld("Nieuwe aanbieder vanaf")


class VoorstelForm(NLDSForm):
    minuten_per_week = forms.IntegerField(
        label="Minuten per week",
        required=False,
        min_value=0,
        widget=forms.NumberInput(attrs={"class": TEXTBOX}),
    )
    frequentie = forms.CharField(
        label="Frequentie", max_length=100, required=False, widget=forms.TextInput(attrs={"class": TEXTBOX})
    )

    def clean_minuten_per_week(self) -> int:
        minuten = self.cleaned_data.get("minuten_per_week")
        if minuten is None:
            raise forms.ValidationError("Vul het aantal minuten per week in.")
        return int(minuten)


class BeoordelingForm(NLDSForm):
    """The consulent's judgement of the provider's proposal; the service asks a motivering to reject."""

    motivering = forms.CharField(
        label="Motivering (verplicht bij afwijzen)",
        required=False,
        widget=forms.Textarea(attrs={"class": "utrecht-textarea utrecht-textarea--html-textarea", "rows": 2}),
    )


class VerdagingForm(NLDSForm):
    """Awb 4:14: the decision comes later; the client gets a letter with the reason and the new date."""

    op = datumveld("Datum van de brief")
    nieuw_uiterlijk = datumveld("Nieuwe datum: besluit uiterlijk op")
    reden = tekstveld(
        "Waarom het besluit later komt (in de brief)",
        required=True,
        error_messages={"required": "Schrijf op waarom het besluit later komt."},
    )


class OnderzoekVerlengingForm(NLDSForm):
    """Wmo 2.3.2: a longer onderzoek term only by agreement with the client."""

    op = datumveld("Afgesproken op")
    nieuw_uiterlijk = datumveld("Onderzoek klaar uiterlijk op")
    reden = tekstveld(
        "Waarom het onderzoek langer duurt",
        required=True,
        error_messages={"required": "Schrijf op waarom het onderzoek langer duurt."},
    )
    afspraak = forms.CharField(
        label="Hoe de cliënt instemde (bijvoorbeeld telefonisch, in het gesprek, per e-mail)",
        max_length=200,
        widget=forms.TextInput(attrs={"class": TEXTBOX}),
        error_messages={"required": "Schrijf op hoe de cliënt met de langere termijn instemde."},
    )


class AanvraagNaTermijnForm(NLDSForm):
    ontvangen_op = datumveld("Aanvraag van de cliënt ontvangen op")


class VerzendForm(NLDSForm):
    op = datumveld("Verzonden op")

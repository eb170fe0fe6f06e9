"""Forms of the ondersteuningsplan, the sociale kaart and the signals. They check the shape of the input;
the services in :mod:`resultaat.ondersteuning.services` check the rules.

The plan form is one page without JavaScript: the plan's own fields, numbered goals (each with its
subresult and its numbered activities) and numbered Plus agreements. Empty rows are ignored, so the
page always offers a few spare rows; "Meer regels" shows the page again with more of them, keeping what
was typed. The number of rows travels in hidden fields (``doelen-aantal``, ``doel-N-activiteiten-aantal``,
``plus-aantal``).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone

from resultaat.catalogus.models import Subresultaat
from resultaat.clienten.models import Client
from resultaat.core.web import RADIO, SELECT, TEKST, TEXTBOX, ClientKeuze, NLDSForm, datumveld, tekstveld
from resultaat.ondersteuning.evaluaties import OordeelInvoer
from resultaat.ondersteuning.models import (
    AkkoordWijze,
    EvaluatieMoment,
    PlusSoort,
    Regiefrequentie,
    ResultaatBehaald,
    SignaalSoort,
    SignaalStatus,
    SocialeKaartVoorziening,
    Uitvoerder,
)
from resultaat.ondersteuning.services import (
    ActiviteitInvoer,
    DoelInvoer,
    PlanInvoer,
    PlusInvoer,
)
from resultaat.organisaties.models import Gemeente
from resultaat.toewijzingen.services import eigen_clienten

MAX_REGELS = 30  # rows per list: more is a typing error or a forged request
KORT = forms.TextInput(attrs={"class": TEXTBOX})


def _aantal(data: Any, naam: str, standaard: int) -> int:
    if data is None:
        return standaard
    waarde = str(data.get(naam, "")).strip()
    return min(int(waarde), MAX_REGELS) if waarde.isdigit() else standaard


class PlanForm(NLDSForm):
    regiefrequentie = forms.ChoiceField(
        label="Regiegesprek",
        choices=Regiefrequentie.choices,
        initial=Regiefrequentie.HALFJAAR,
        widget=SELECT,
        help_text="Hoe vaak bespreken cliënt, aanbieder en consulent samen hoe het gaat?",
    )
    evaluatiedatum = datumveld(
        "Evaluatiedatum",
        required=False,
        help_text="Wanneer kijkt u samen met de cliënt terug: is het resultaat bereikt?",
    )
    toelichting = forms.CharField(label="Toelichting", required=False, widget=TEKST)


class DoelForm(NLDSForm):
    subresultaat: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label="Subresultaat",
        queryset=Subresultaat.objects.none(),
        required=False,
        widget=SELECT,
        empty_label="geen (eigen doel)",
    )
    doel = forms.CharField(label="Doel", required=False, widget=TEKST)

    def __init__(self, *args: Any, nummer: int, keuzes: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.nummer = nummer
        veld = self.fields["subresultaat"]
        assert isinstance(veld, forms.ModelChoiceField)
        veld.queryset = keuzes
        self.fields["subresultaat"].label = f"Subresultaat {nummer}"
        self.fields["doel"].label = f"Doel {nummer}"
        self.fields["doel"].help_text = "Wat wil de cliënt bereiken? Schrijf het in de woorden van de cliënt."

    def is_leeg(self) -> bool:
        return not (self.cleaned_data.get("doel") or "").strip()


class ActiviteitForm(NLDSForm):
    wat = forms.CharField(label="Wat", required=False, widget=KORT)
    hoe_vaak = forms.CharField(label="Hoe vaak", required=False, max_length=100, widget=KORT)
    door = forms.ChoiceField(
        label="Door wie", choices=Uitvoerder.choices, initial=Uitvoerder.AANBIEDER, widget=SELECT
    )

    def __init__(self, *args: Any, nummer: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.nummer = nummer
        self.fields["wat"].label = f"Activiteit {nummer}: wat"
        self.fields["hoe_vaak"].label = f"Activiteit {nummer}: hoe vaak"
        self.fields["door"].label = f"Activiteit {nummer}: door wie"

    def is_leeg(self) -> bool:
        return (
            not (self.cleaned_data.get("wat") or "").strip()
            and not (self.cleaned_data.get("hoe_vaak") or "").strip()
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.is_leeg():
            if not (data.get("wat") or "").strip():
                self.add_error("wat", "Beschrijf wat er gebeurt.")
            if not (data.get("hoe_vaak") or "").strip():
                self.add_error("hoe_vaak", "Vul in hoe vaak, bijvoorbeeld: elke week.")
        return data


class PlusForm(NLDSForm):
    soort = forms.ChoiceField(
        label="Soort", choices=[("", "kies de soort"), *PlusSoort.choices], required=False, widget=SELECT
    )
    omschrijving = forms.CharField(label="Afspraak", required=False, widget=TEKST)
    voorziening = forms.ModelChoiceField(
        label="Voorziening",
        queryset=SocialeKaartVoorziening.objects.none(),
        required=False,
        widget=SELECT,
        empty_label="geen",
    )

    def __init__(self, *args: Any, nummer: int, voorzieningen: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.nummer = nummer
        self.fields["soort"].label = f"Plus-afspraak {nummer}: soort"
        self.fields["omschrijving"].label = f"Plus-afspraak {nummer}: afspraak"
        self.fields["voorziening"].label = f"Plus-afspraak {nummer}: voorziening"
        self.fields["voorziening"].help_text = "Van de sociale kaart; nodig bij een verbinding."
        voorziening = self.fields["voorziening"]
        assert isinstance(voorziening, forms.ModelChoiceField)
        voorziening.queryset = voorzieningen

    def is_leeg(self) -> bool:
        return not (self.cleaned_data.get("omschrijving") or "").strip() and not self.cleaned_data.get(
            "voorziening"
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.is_leeg():
            if not data.get("soort"):
                self.add_error("soort", "Kies de soort Plus-afspraak.")
            if not (data.get("omschrijving") or "").strip():
                self.add_error("omschrijving", "Beschrijf de afspraak.")
        return data


class PlanFormulier:
    """The whole plan page: the plan's fields, goals with activities, Plus agreements."""

    def __init__(
        self,
        data: Any = None,
        *,
        subresultaten: list[Any],
        keuzes: Any,
        voorzieningen: Any,
        invoer: PlanInvoer | None = None,
        meer: bool = False,
    ) -> None:
        self.data = data
        extra = 1 if meer else 0
        self.subresultaten = subresultaten
        if data is None:
            self._vanuit_invoer(invoer, subresultaten, keuzes, voorzieningen)
            return
        self.plan = PlanForm(data)
        self.doelen: list[tuple[DoelForm, list[ActiviteitForm]]] = []
        for i in range(_aantal(data, "doelen-aantal", 1) + extra):
            doel = DoelForm(data, prefix=f"doel-{i}", nummer=i + 1, keuzes=keuzes)
            aantal = _aantal(data, f"doel-{i}-activiteiten-aantal", 2) + extra
            activiteiten = [
                ActiviteitForm(data, prefix=f"doel-{i}-activiteit-{j}", nummer=f"{i + 1}.{j + 1}")
                for j in range(aantal)
            ]
            self.doelen.append((doel, activiteiten))
        self.plus = [
            PlusForm(data, prefix=f"plus-{k}", nummer=k + 1, voorzieningen=voorzieningen)
            for k in range(_aantal(data, "plus-aantal", 1) + extra)
        ]

    def _vanuit_invoer(
        self, invoer: PlanInvoer | None, subresultaten: list[Any], keuzes: Any, voorzieningen: Any
    ) -> None:
        """An unbound page: the given content (a concept, or the last version), with spare rows."""
        invoer = invoer or PlanInvoer()
        self.plan = PlanForm(
            initial={
                "regiefrequentie": invoer.regiefrequentie,
                "evaluatiedatum": invoer.evaluatiedatum,
                "toelichting": invoer.toelichting,
            }
        )
        doelen = list(invoer.doelen)
        if not doelen:
            # A first plan: one goal per subresult, to be filled in (an empty goal is ignored).
            doelen = [DoelInvoer(doel="", subresultaat=s) for s in subresultaten] or [DoelInvoer(doel="")]
        else:
            doelen.append(DoelInvoer(doel=""))
        self.doelen = []
        for i, d in enumerate(doelen):
            doel = DoelForm(
                prefix=f"doel-{i}",
                nummer=i + 1,
                keuzes=keuzes,
                initial={"doel": d.doel, "subresultaat": d.subresultaat.pk if d.subresultaat else None},
            )
            acts = [*d.activiteiten, ActiviteitInvoer(wat="", hoe_vaak="")]
            if len(acts) < 2:
                acts.append(ActiviteitInvoer(wat="", hoe_vaak=""))
            activiteiten = [
                ActiviteitForm(
                    prefix=f"doel-{i}-activiteit-{j}",
                    nummer=f"{i + 1}.{j + 1}",
                    initial={"wat": a.wat, "hoe_vaak": a.hoe_vaak, "door": a.door},
                )
                for j, a in enumerate(acts)
            ]
            self.doelen.append((doel, activiteiten))
        plus = list(invoer.plus)
        if not plus:
            # A first plan: a row for each kind of the Plus (seed 000), to be filled in or left empty.
            plus = [PlusInvoer(soort=s, omschrijving="") for s in PlusSoort.values]
        else:
            plus.append(PlusInvoer(soort="", omschrijving=""))
        self.plus = [
            PlusForm(
                prefix=f"plus-{k}",
                nummer=k + 1,
                voorzieningen=voorzieningen,
                initial={
                    "soort": p.soort,
                    "omschrijving": p.omschrijving,
                    "voorziening": p.voorziening.pk if p.voorziening else None,
                },
            )
            for k, p in enumerate(plus)
        ]

    def alle_forms(self) -> list[NLDSForm]:
        forms_: list[NLDSForm] = [self.plan]
        for doel, activiteiten in self.doelen:
            forms_.append(doel)
            forms_.extend(activiteiten)
        forms_.extend(self.plus)
        return forms_

    def is_valid(self) -> bool:
        if self.data is None:
            return False
        geldig = all([f.is_valid() for f in self.alle_forms()])  # every form, so every error shows
        for doel, activiteiten in self.doelen:
            if doel.is_bound and hasattr(doel, "cleaned_data") and doel.is_leeg():
                if any(hasattr(a, "cleaned_data") and not a.is_leeg() for a in activiteiten):
                    doel.add_error("doel", "Beschrijf het doel bij deze activiteiten.")
                    geldig = False
        return geldig

    def invoer(self) -> PlanInvoer:
        """The content as the service takes it; empty rows left out."""
        plan = self.plan.cleaned_data
        doelen = []
        for doel, activiteiten in self.doelen:
            if doel.is_leeg():
                continue
            doelen.append(
                DoelInvoer(
                    doel=doel.cleaned_data["doel"],
                    subresultaat=doel.cleaned_data.get("subresultaat"),
                    activiteiten=tuple(
                        ActiviteitInvoer(
                            wat=a.cleaned_data["wat"],
                            hoe_vaak=a.cleaned_data["hoe_vaak"],
                            door=a.cleaned_data.get("door") or Uitvoerder.AANBIEDER,
                        )
                        for a in activiteiten
                        if not a.is_leeg()
                    ),
                )
            )
        plus = tuple(
            PlusInvoer(
                soort=p.cleaned_data["soort"],
                omschrijving=p.cleaned_data["omschrijving"],
                voorziening=p.cleaned_data.get("voorziening"),
            )
            for p in self.plus
            if not p.is_leeg()
        )
        return PlanInvoer(
            regiefrequentie=plan["regiefrequentie"],
            evaluatiedatum=plan.get("evaluatiedatum"),
            toelichting=plan.get("toelichting") or "",
            doelen=tuple(doelen),
            plus=plus,
        )


class AkkoordForm(NLDSForm):
    akkoord_op = datumveld("Datum akkoord", help_text="De dag waarop de cliënt met dit plan instemde.")
    akkoord_wijze = forms.ChoiceField(
        label="Hoe gaf de cliënt akkoord?", choices=AkkoordWijze.choices, widget=SELECT
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"akkoord_op": timezone.localdate(), "akkoord_wijze": "handtekening"})
        super().__init__(*args, **kwargs)


class VoorzieningForm(NLDSForm):
    gemeente = forms.ModelChoiceField(
        label="Gemeente", queryset=Gemeente.objects.none(), widget=SELECT, empty_label=None
    )
    naam = forms.CharField(label="Naam", max_length=200, widget=KORT)
    soort = forms.CharField(
        label="Soort",
        max_length=100,
        required=False,
        widget=KORT,
        help_text="Bijvoorbeeld: buurthuis, maaltijdservice, vrijwilligerscentrale.",
    )
    adres = forms.CharField(label="Adres", max_length=200, required=False, widget=KORT)
    contact = forms.CharField(
        label="Contact", max_length=200, required=False, widget=KORT, help_text="Telefoon, e-mail of website."
    )

    def __init__(self, *args: Any, gemeenten: Any, vaste_gemeente: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        gemeente = self.fields["gemeente"]
        assert isinstance(gemeente, forms.ModelChoiceField)
        gemeente.queryset = gemeenten
        if vaste_gemeente:
            del self.fields["gemeente"]


class SignaalForm(NLDSForm):
    client = ClientKeuze(queryset=Client.objects.none())
    soort = forms.ChoiceField(
        label="Soort signaal",
        choices=SignaalSoort.choices,
        widget=RADIO,
        error_messages={"required": "Kies de soort signaal.", "invalid_choice": "Kies de soort signaal."},
    )
    toelichting = tekstveld(
        "Toelichting",
        required=True,
        help_text="Wat heeft u gezien of gehoord? Schrijf feiten op; de consulent neemt het signaal op.",
        error_messages={"required": "Beschrijf wat u heeft gezien of gehoord."},
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["client"].queryset = eigen_clienten(user)  # type: ignore[attr-defined]


class OpvolgingForm(NLDSForm):
    status = forms.ChoiceField(
        label="Status",
        choices=[
            (SignaalStatus.IN_BEHANDELING, "In behandeling"),
            (SignaalStatus.AFGEHANDELD, "Afgehandeld"),
        ],
        widget=RADIO,
        error_messages={"required": "Kies de status.", "invalid_choice": "Kies de status."},
    )
    opvolging = tekstveld(
        "Opvolging (intern)",
        required=True,
        help_text="Wat de gemeente met het signaal doet. De aanbieder ziet deze tekst niet.",
        error_messages={"required": "Beschrijf wat er met het signaal is gedaan."},
    )
    terugkoppeling = tekstveld(
        "Terugkoppeling aan aanbieder",
        help_text="Kort en zonder gevoelige details: de aanbieder ziet deze tekst bij het signaal.",
    )


class EvaluatieForm(NLDSForm):
    """An evaluation: per subresult of the toewijzing reached / partly / not (or not judged now), with a
    note; the client's view. Fields per subresult: ``behaald_<pk>`` and ``toelichting_<pk>``."""

    datum = datumveld("Datum van de evaluatie")
    moment = forms.ChoiceField(
        label="Soort evaluatie",
        choices=EvaluatieMoment.choices,
        widget=RADIO,
        error_messages={"required": "Kies of dit de tussentijdse evaluatie is of die aan het einde."},
    )
    clientvisie = tekstveld("Wat vindt de cliënt ervan?")
    client_tevreden = forms.TypedChoiceField(
        label="Tevredenheid van de cliënt",
        choices=[("", "niet gevraagd"), *[(str(i), f"{i} van 5") for i in range(1, 6)]],
        coerce=int,
        empty_value=None,
        required=False,
        widget=SELECT,
    )
    toelichting = tekstveld("Toelichting")

    def __init__(self, *args: Any, subresultaten: list[Subresultaat], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.subresultaten = subresultaten
        keuzes = [("", "nu niet beoordeeld"), *ResultaatBehaald.choices]
        for sub in subresultaten:
            self.fields[f"behaald_{sub.pk}"] = forms.ChoiceField(
                label=sub.omschrijving, choices=keuzes, required=False, widget=SELECT
            )
            self.fields[f"toelichting_{sub.pk}"] = tekstveld(f"Toelichting bij: {sub.omschrijving}")

    def regels(self) -> list[tuple[Subresultaat, Any, Any]]:
        """Per subresult its two fields, for the template."""
        return [(s, self[f"behaald_{s.pk}"], self[f"toelichting_{s.pk}"]) for s in self.subresultaten]

    def oordelen(self) -> tuple[OordeelInvoer, ...]:
        data = self.cleaned_data
        return tuple(
            OordeelInvoer(
                subresultaat=s, behaald=data[f"behaald_{s.pk}"], toelichting=data[f"toelichting_{s.pk}"]
            )
            for s in self.subresultaten
            if data.get(f"behaald_{s.pk}")
        )


class RegiegesprekForm(NLDSForm):
    datum = datumveld("Datum van het gesprek")
    deelnemers = forms.CharField(
        label="Wie waren erbij?",
        help_text="Bijvoorbeeld: cliënt, dochter, begeleider van de aanbieder.",
        max_length=300,
        widget=forms.TextInput(attrs={"class": TEXTBOX}),
        error_messages={"required": "Vul in wie er bij het gesprek waren."},
    )
    uitkomst = tekstveld(
        "Wat kwam eruit?",
        required=True,
        error_messages={"required": "Beschrijf wat er uit het gesprek kwam."},
    )

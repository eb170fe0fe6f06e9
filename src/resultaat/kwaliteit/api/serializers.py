"""Serializers of the quality component: surveys (for the gemeente with the client, for a provider
without), complaints with their steps, and the figures per provider."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from resultaat.core.api.serializers import agb_code, gebruikersnaam, gemeente_code
from resultaat.kwaliteit.models import (
    Afname,
    Antwoord,
    Enquete,
    Indiener,
    Klacht,
    KlachtCategorie,
    KlachtStap,
    KlachtUitkomst,
)

ANTWOORDVELDEN = ("cijfer", "resultaat", "respect", "betrouwbaar", "aanraden", "toelichting")


class EnqueteAanbiederSerializer(serializers.ModelSerializer):
    """A survey as its provider reads it: the answers, not who gave them."""

    aanbieder = agb_code()

    class Meta:
        model = Enquete
        fields: tuple[str, ...] = (
            "id",
            "aanbieder",
            "aanleiding",
            "verzending",
            "verzonden_op",
            "verloopt_op",
            "beantwoord_op",
            "afname",
            *ANTWOORDVELDEN,
        )
        read_only_fields: tuple[str, ...] = fields


class EnqueteSerializer(EnqueteAanbiederSerializer):
    gemeente = gemeente_code()
    ingevoerd_door = gebruikersnaam()

    class Meta(EnqueteAanbiederSerializer.Meta):
        fields = (
            "id",
            "gemeente",
            "aanbieder",
            "client",
            "toewijzing",
            "aanleiding",
            "verzending",
            "verzonden_op",
            "verloopt_op",
            "beantwoord_op",
            "afname",
            "ingevoerd_door",
            *ANTWOORDVELDEN,
        )
        read_only_fields = fields


class EnqueteInvoerSerializer(serializers.Serializer):
    """Answers taken by phone or at a home visit, about a toewijzing (on its open survey, if any)."""

    toewijzing = serializers.IntegerField()
    afname = serializers.ChoiceField(choices=[Afname.TELEFOON, Afname.HUISBEZOEK])
    datum = serializers.DateField(required=False, help_text="Dag van het gesprek; standaard vandaag.")
    cijfer = serializers.IntegerField(min_value=1, max_value=10)
    resultaat = serializers.ChoiceField(choices=Antwoord.choices)
    respect = serializers.ChoiceField(choices=Antwoord.choices)
    betrouwbaar = serializers.ChoiceField(choices=Antwoord.choices)
    aanraden = serializers.ChoiceField(choices=Antwoord.choices)
    toelichting = serializers.CharField(required=False, allow_blank=True, max_length=2000, default="")


class KlachtStapSerializer(serializers.ModelSerializer):
    door = gebruikersnaam()

    class Meta:
        model = KlachtStap
        fields = ("id", "datum", "omschrijving", "door")
        read_only_fields = fields


class KlachtSerializer(serializers.ModelSerializer):
    gemeente = gemeente_code()
    aanbieder = agb_code()
    stappen = KlachtStapSerializer(many=True, read_only=True)

    class Meta:
        model = Klacht
        fields = (
            "id",
            "gemeente",
            "aanbieder",
            "client",
            "ontvangen_op",
            "indiener",
            "categorie",
            "onderwerp",
            "omschrijving",
            "uiterlijk",
            "status",
            "uitkomst",
            "afhandeling",
            "afgehandeld_op",
            "stappen",
        )
        read_only_fields = fields


class KlachtInvoerSerializer(serializers.Serializer):
    aanbieder = serializers.CharField(max_length=8, help_text="AGB-code van de aanbieder.")
    client = serializers.IntegerField(required=False, allow_null=True, default=None)
    gemeente = serializers.CharField(
        max_length=4,
        required=False,
        default="",
        help_text="CBS-code; nodig zonder cliënt als u bij meer gemeenten werkt.",
    )
    ontvangen_op = serializers.DateField()
    indiener = serializers.ChoiceField(choices=Indiener.choices, default=Indiener.CLIENT)
    categorie = serializers.ChoiceField(choices=KlachtCategorie.choices)
    onderwerp = serializers.CharField(max_length=200)
    omschrijving = serializers.CharField(max_length=4000)


class KlachtStapInvoerSerializer(serializers.Serializer):
    datum = serializers.DateField()
    omschrijving = serializers.CharField(max_length=500)


class AfhandelenInvoerSerializer(serializers.Serializer):
    uitkomst = serializers.ChoiceField(choices=KlachtUitkomst.choices)
    afhandeling = serializers.CharField(max_length=4000)
    afgehandeld_op = serializers.DateField()


class TevredenheidSerializer(serializers.Serializer):
    """Survey figures of one provider in the period."""

    aanbieder = serializers.CharField(help_text="AGB-code.")
    naam = serializers.CharField()
    verstuurd = serializers.IntegerField()
    beantwoord = serializers.IntegerField()
    respons = serializers.FloatField(allow_null=True, help_text="Beantwoord / verstuurd (0..1).")
    cijfer_gemiddeld = serializers.FloatField(allow_null=True)
    via_link = serializers.IntegerField()
    via_telefoon = serializers.IntegerField()
    via_huisbezoek = serializers.IntegerField()
    antwoorden = serializers.DictField(
        child=serializers.DictField(child=serializers.IntegerField()),
        help_text="Per vraag (resultaat, respect, betrouwbaar, aanraden) het aantal ja / deels / nee.",
    )


class WachttijdSerializer(serializers.Serializer):
    aanbieder = serializers.CharField(help_text="AGB-code.")
    product = serializers.CharField(help_text="Productcategorie en -code, bijvoorbeeld 02A01.")
    wachtend = serializers.IntegerField()
    wacht_mediaan_dagen = serializers.FloatField(allow_null=True)
    wacht_langste_dagen = serializers.IntegerField(allow_null=True)
    gestart = serializers.IntegerField()
    start_mediaan_dagen = serializers.FloatField(allow_null=True)
    start_langste_dagen = serializers.IntegerField(allow_null=True)
    plaatsen = serializers.IntegerField(allow_null=True)
    vrije_plaatsen = serializers.IntegerField(allow_null=True)
    gemelde_wachtenden = serializers.IntegerField(allow_null=True)
    gemeld_op = serializers.DateField(allow_null=True)


def as_dict(obj: Any) -> dict[str, Any]:
    return {k: getattr(obj, k) for k in obj.__dataclass_fields__}

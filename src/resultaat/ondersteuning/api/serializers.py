"""Serializers of ondersteuning in the API: plans, evaluations and signals as read, and the input of a
provider's plan, a signal and the gemeente's follow-up."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from resultaat.catalogus.models import Subresultaat
from resultaat.core.api.serializers import agb_code, gebruikersnaam
from resultaat.ondersteuning.models import (
    AkkoordWijze,
    Evaluatie,
    EvaluatieMoment,
    EvaluatieOordeel,
    Ondersteuningsplan,
    PlanActiviteit,
    PlanDoel,
    PlusAfspraak,
    PlusSoort,
    Regiefrequentie,
    Regiegesprek,
    ResultaatBehaald,
    Signaal,
    SignaalSoort,
    SignaalStatus,
    SocialeKaartVoorziening,
    Uitvoerder,
)


class PlanActiviteitSerializer(serializers.ModelSerializer):
    class Meta:
        model = PlanActiviteit
        fields = ("id", "wat", "hoe_vaak", "door")


class PlanDoelSerializer(serializers.ModelSerializer):
    activiteiten = PlanActiviteitSerializer(many=True, read_only=True)

    class Meta:
        model = PlanDoel
        fields = ("id", "subresultaat", "doel", "activiteiten")
        read_only_fields = fields


class PlusAfspraakSerializer(serializers.ModelSerializer):
    voorziening: serializers.StringRelatedField[Any] = serializers.StringRelatedField(
        read_only=True, allow_null=True
    )

    class Meta:
        model = PlusAfspraak
        fields = ("id", "soort", "omschrijving", "voorziening")


class OndersteuningsplanSerializer(serializers.ModelSerializer):
    client = serializers.IntegerField(source="toewijzing.client_id", read_only=True)
    doelen = PlanDoelSerializer(many=True, read_only=True)
    plus_afspraken = PlusAfspraakSerializer(many=True, read_only=True)

    class Meta:
        model = Ondersteuningsplan
        fields = (
            "id",
            "toewijzing",
            "client",
            "versie",
            "status",
            "opgesteld_op",
            "akkoord_op",
            "akkoord_wijze",
            "regiefrequentie",
            "evaluatiedatum",
            "toelichting",
            "doelen",
            "plus_afspraken",
        )
        read_only_fields = fields


class EvaluatieOordeelSerializer(serializers.ModelSerializer):
    class Meta:
        model = EvaluatieOordeel
        fields = ("subresultaat", "behaald", "toelichting")
        read_only_fields = fields


class EvaluatieSerializer(serializers.ModelSerializer):
    client = serializers.IntegerField(source="toewijzing.client_id", read_only=True)
    uitgevoerd_door = gebruikersnaam()
    oordelen = EvaluatieOordeelSerializer(many=True, read_only=True)

    class Meta:
        model = Evaluatie
        fields = (
            "id",
            "toewijzing",
            "client",
            "datum",
            "moment",
            "rol",
            "resultaat_behaald",
            "oordelen",
            "client_tevreden",
            "clientvisie",
            "toelichting",
            "uitgevoerd_door",
        )
        read_only_fields = fields


class OordeelInvoerSerializer(serializers.Serializer):
    subresultaat = serializers.PrimaryKeyRelatedField(queryset=Subresultaat.objects.all())
    behaald = serializers.ChoiceField(choices=ResultaatBehaald.choices)
    toelichting = serializers.CharField(required=False, allow_blank=True, default="")


class EvaluatieInvoerSerializer(serializers.Serializer):
    toewijzing = serializers.IntegerField()
    datum = serializers.DateField()
    moment = serializers.ChoiceField(choices=EvaluatieMoment.choices)
    oordelen = OordeelInvoerSerializer(many=True, allow_empty=False)
    clientvisie = serializers.CharField(required=False, allow_blank=True, default="")
    client_tevreden = serializers.IntegerField(
        required=False, allow_null=True, default=None, min_value=1, max_value=5
    )
    toelichting = serializers.CharField(required=False, allow_blank=True, default="")


class RegiegesprekSerializer(serializers.ModelSerializer):
    client = serializers.IntegerField(source="toewijzing.client_id", read_only=True)
    vastgelegd_door = gebruikersnaam()

    class Meta:
        model = Regiegesprek
        fields = ("id", "toewijzing", "client", "datum", "deelnemers", "uitkomst", "vastgelegd_door")
        read_only_fields = fields


class RegiegesprekInvoerSerializer(serializers.Serializer):
    toewijzing = serializers.IntegerField()
    datum = serializers.DateField()
    deelnemers = serializers.CharField(
        help_text="Wie waren erbij, bijvoorbeeld 'cliënt, dochter, begeleider'."
    )
    uitkomst = serializers.CharField()


class SignaalSerializer(serializers.ModelSerializer):
    aanbieder = agb_code()
    gemeld_door = gebruikersnaam()

    class Meta:
        model = Signaal
        fields = (
            "id",
            "client",
            "aanbieder",
            "toewijzing",
            "soort",
            "toelichting",
            "gemeld_op",
            "gemeld_door",
            "status",
            "opvolging",
            "terugkoppeling",
            "afgehandeld_op",
        )
        read_only_fields = fields
        extra_kwargs = {
            "opvolging": {"help_text": "Interne aantekening van de gemeente; leeg voor een aanbieder."}
        }

    def to_representation(self, instance: Signaal) -> dict[str, Any]:
        data = super().to_representation(instance)
        request = self.context.get("request")
        if request is not None and getattr(request.user, "is_aanbieder_user", False):
            # The provider gets the terugkoppeling, never the gemeente's internal note.
            data["opvolging"] = ""
        return data


# --- Input ------------------------------------------------------------------------------------------------


class PlanActiviteitInvoerSerializer(serializers.Serializer):
    wat = serializers.CharField()
    hoe_vaak = serializers.CharField(max_length=100, help_text="Bijvoorbeeld: elke week.")
    door = serializers.ChoiceField(choices=Uitvoerder.choices, default=Uitvoerder.AANBIEDER)


class PlanDoelInvoerSerializer(serializers.Serializer):
    doel = serializers.CharField()
    subresultaat = serializers.PrimaryKeyRelatedField(
        queryset=Subresultaat.objects.all(), allow_null=True, required=False, default=None
    )
    activiteiten = PlanActiviteitInvoerSerializer(many=True, required=False, default=list)


class PlusAfspraakInvoerSerializer(serializers.Serializer):
    soort = serializers.ChoiceField(choices=PlusSoort.choices)
    omschrijving = serializers.CharField()
    voorziening = serializers.PrimaryKeyRelatedField(
        queryset=SocialeKaartVoorziening.objects.all(),
        allow_null=True,
        required=False,
        default=None,
        help_text="Id van een voorziening op de sociale kaart van de gemeente van de cliënt.",
    )


class PlanInhoudSerializer(serializers.Serializer):
    regiefrequentie = serializers.ChoiceField(
        choices=Regiefrequentie.choices, default=Regiefrequentie.HALFJAAR
    )
    evaluatiedatum = serializers.DateField(required=False, allow_null=True, default=None)
    toelichting = serializers.CharField(required=False, allow_blank=True, default="")
    doelen = PlanDoelInvoerSerializer(many=True, required=False, default=list)
    plus_afspraken = PlusAfspraakInvoerSerializer(many=True, required=False, default=list)


class PlanNieuwSerializer(PlanInhoudSerializer):
    toewijzing = serializers.IntegerField(help_text="Id van een toewijzing van uw organisatie.")


class PlanAkkoordSerializer(serializers.Serializer):
    akkoord_op = serializers.DateField(help_text="De dag waarop de cliënt instemde; niet in de toekomst.")
    akkoord_wijze = serializers.ChoiceField(choices=AkkoordWijze.choices)


class SignaalInvoerSerializer(serializers.Serializer):
    client = serializers.IntegerField(help_text="Id van een cliënt van uw organisatie (niet het BSN).")
    toewijzing = serializers.IntegerField(
        required=False,
        allow_null=True,
        default=None,
        help_text="Id van de toewijzing van deze cliënt waar het signaal bij hoort (mag leeg).",
    )
    soort = serializers.ChoiceField(choices=SignaalSoort.choices)
    toelichting = serializers.CharField(help_text="Wat u heeft gezien of gehoord; feiten.")


class OpvolgingInvoerSerializer(serializers.Serializer):
    status = serializers.ChoiceField(
        choices=[
            (SignaalStatus.IN_BEHANDELING, SignaalStatus.IN_BEHANDELING.label),
            (SignaalStatus.AFGEHANDELD, SignaalStatus.AFGEHANDELD.label),
        ],
        help_text="Afgehandeld sluit de taak op de werklijst; daarna verandert het signaal niet meer.",
    )
    opvolging = serializers.CharField(
        help_text="Interne aantekening van de gemeente; de aanbieder ziet die niet."
    )
    terugkoppeling = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text="Kort en zonder gevoelige details: de aanbieder ziet deze tekst bij het signaal.",
    )

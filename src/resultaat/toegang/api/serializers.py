"""Serializers of toegang in the API: the gemeente's working files (melding, onderzoek, aanvraag,
indicatie, beschikking) as read, and the input of each step of the consulent's path."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from resultaat.catalogus.models import (
    Aandachtspunt,
    ComplexiteitNiveau,
    IntensiteitNiveau,
    Resultaat,
    Subresultaat,
    Tijdsband,
)
from resultaat.core.api.serializers import code, gebruikersnaam, gemeente_code
from resultaat.eigen_bijdrage.models import Vrijstelling
from resultaat.organisaties.models import Aanbieder
from resultaat.toegang.models import (
    Aanvraag,
    Beschikking,
    BeschikkingBijlage,
    BeschiktResultaat,
    Indicatie,
    Melding,
    MeldingWijze,
    Onderzoek,
    OnderzoekResultaat,
    Opschorting,
    Termijnverlenging,
    ZRMDomein,
    ZRMScore,
)


class MeldingSerializer(serializers.ModelSerializer):
    gemeente = gemeente_code()
    consulent = gebruikersnaam()

    class Meta:
        model = Melding
        fields = (
            "id",
            "client",
            "gemeente",
            "ontvangen_op",
            "wijze",
            "hulpvraag",
            "consulent",
            "status",
            "opgeschort_dagen",
            "verlengd_tot",
            "onderzoek_uiterlijk",
        )
        read_only_fields = fields


class ZRMScoreSerializer(serializers.ModelSerializer):
    class Meta:
        model = ZRMScore
        fields = ("id", "domein", "niveau", "toelichting")


class OnderzoekResultaatSerializer(serializers.ModelSerializer):
    resultaat = code()

    class Meta:
        model = OnderzoekResultaat
        fields = ("id", "resultaat", "subresultaten", "aandachtspunten", "anders_namelijk")
        read_only_fields = fields


class OnderzoekSerializer(serializers.ModelSerializer):
    consulent = gebruikersnaam()
    zrm_scores = ZRMScoreSerializer(many=True, read_only=True)
    resultaten = OnderzoekResultaatSerializer(many=True, read_only=True)

    class Meta:
        model = Onderzoek
        fields = (
            "id",
            "melding",
            "client",
            "datum_gesprek",
            "consulent",
            "situatie",
            "eigen_kracht",
            "netwerk",
            "mantelzorg",
            "voorliggende_voorzieningen",
            "afgerond_op",
            "zrm_scores",
            "resultaten",
        )
        read_only_fields = fields


class AanvraagSerializer(serializers.ModelSerializer):
    gemeente = gemeente_code()

    class Meta:
        model = Aanvraag
        fields = (
            "id",
            "client",
            "gemeente",
            "melding",
            "onderzoek",
            "ontvangen_op",
            "status",
            "opgeschort_dagen",
            "ingebrekestelling_op",
            "verlengd_tot",
            "na_onderzoekstermijn",
            "besluit_uiterlijk",
        )
        read_only_fields = fields


class BeschiktResultaatSerializer(serializers.ModelSerializer):
    resultaat = code()
    complexiteit = code(allow_null=True)
    intensiteit = code(allow_null=True)

    class Meta:
        model = BeschiktResultaat
        fields = (
            "id",
            "resultaat",
            "product",
            "complexiteit",
            "intensiteit",
            "tijdsband",
            "minuten_per_week",
            "omvang_per_week",
            "omvang_eenheid",
            "frequentie",
            "ingangsdatum",
            "einddatum",
            "beeindigd_per",
            "beeindigd_door",
            "subresultaten",
        )
        read_only_fields = fields


class BeschikkingSerializer(serializers.ModelSerializer):
    gemeente = gemeente_code()
    resultaten = BeschiktResultaatSerializer(
        many=True, read_only=True, help_text="Voor een aanbieder alleen de resultaten die hij levert."
    )

    class Meta:
        model = Beschikking
        fields = (
            "id",
            "client",
            "gemeente",
            "nummer",
            "besluit",
            "besluitdatum",
            "ingangsdatum",
            "einddatum",
            "ondersteuningsplan_onderdeel",
            "motivering",
            "niet_toegekend",
            "verzonden_op",
            "resultaten",
        )
        read_only_fields = fields


# --- Input of the consulent's steps, and the rows with their pauses --------------------------------------


def code_veld(model: Any, **kwargs: Any) -> serializers.SlugRelatedField[Any]:
    return serializers.SlugRelatedField(slug_field="code", queryset=model.objects.all(), **kwargs)


class OpschortingSerializer(serializers.ModelSerializer):
    class Meta:
        model = Opschorting
        fields = ("id", "van", "tot", "reden")


class MeldingInvoerSerializer(serializers.Serializer):
    client = serializers.IntegerField(help_text="Id van de cliënt (niet het BSN).")
    ontvangen_op = serializers.DateField()
    wijze = serializers.ChoiceField(choices=MeldingWijze.choices, default=MeldingWijze.TELEFOON)
    hulpvraag = serializers.CharField(required=False, allow_blank=True, default="")


class MeldingMetOpschortingenSerializer(MeldingSerializer):
    opschortingen = OpschortingSerializer(many=True, read_only=True)

    class Meta(MeldingSerializer.Meta):
        fields: tuple[str, ...] = (*MeldingSerializer.Meta.fields, "opschortingen")  # type: ignore[assignment]
        read_only_fields: tuple[str, ...] = fields  # type: ignore[assignment]


class ZRMInvoerSerializer(serializers.Serializer):
    domein = serializers.ChoiceField(choices=ZRMDomein.choices)
    niveau = serializers.IntegerField(min_value=1, max_value=5)
    toelichting = serializers.CharField(required=False, allow_blank=True, default="")


class GekozenResultaatSerializer(serializers.Serializer):
    resultaat = code_veld(Resultaat)
    subresultaten = code_veld(Subresultaat, many=True, required=False)
    aandachtspunten = serializers.PrimaryKeyRelatedField(
        queryset=Aandachtspunt.objects.all(), many=True, required=False
    )
    anders_namelijk = serializers.CharField(required=False, allow_blank=True, default="")


class OnderzoekInvoerSerializer(serializers.Serializer):
    datum_gesprek = serializers.DateField()
    situatie = serializers.CharField(required=False, allow_blank=True, default="")
    eigen_kracht = serializers.CharField(required=False, allow_blank=True, default="")
    netwerk = serializers.CharField(required=False, allow_blank=True, default="")
    mantelzorg = serializers.CharField(required=False, allow_blank=True, default="")
    voorliggende_voorzieningen = serializers.CharField(required=False, allow_blank=True, default="")
    zrm = ZRMInvoerSerializer(many=True, required=False)
    resultaten = GekozenResultaatSerializer(many=True, required=False)
    afronden = serializers.BooleanField(default=False)


class AanvraagInvoerSerializer(serializers.Serializer):
    ontvangen_op = serializers.DateField()


class AanvraagMetOpschortingenSerializer(AanvraagSerializer):
    opschortingen = OpschortingSerializer(many=True, read_only=True)

    class Meta(AanvraagSerializer.Meta):
        fields: tuple[str, ...] = (*AanvraagSerializer.Meta.fields, "opschortingen")  # type: ignore[assignment]
        read_only_fields: tuple[str, ...] = fields  # type: ignore[assignment]


class IndicatieSerializer(serializers.ModelSerializer):
    resultaat: Any = serializers.SlugRelatedField(slug_field="code", read_only=True)
    tijdsband: Any = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    aanbieder: Any = serializers.SlugRelatedField(slug_field="agb_code", read_only=True, allow_null=True)
    mandaat_aanbieder: Any = serializers.SlugRelatedField(
        slug_field="agb_code", read_only=True, allow_null=True
    )

    class Meta:
        model = Indicatie
        fields = (
            "id",
            "aanvraag",
            "client",
            "resultaat",
            "complexiteit",
            "intensiteit",
            "tijdsband",
            "product",
            "minuten_per_week",
            "omvang_per_week",
            "omvang_eenheid",
            "frequentie",
            "ingangsdatum",
            "einddatum",
            "normberekening",
            "handmatig",
            "motivering",
            "status",
            "aanbieder",
            "mandaat_aanbieder",
            "voorgesteld_op",
        )
        read_only_fields = fields


class IndicatieInvoerSerializer(serializers.Serializer):
    resultaat = code_veld(Resultaat)
    ingangsdatum = serializers.DateField()
    einddatum = serializers.DateField(required=False, allow_null=True, default=None)
    complexiteit = code_veld(ComplexiteitNiveau, required=False, allow_null=True, default=None)
    intensiteit = code_veld(IntensiteitNiveau, required=False, allow_null=True, default=None)
    frequentie = serializers.CharField(required=False, allow_blank=True, default="")
    subresultaten = code_veld(Subresultaat, many=True, required=False)
    normenkader = serializers.DictField(
        child=serializers.IntegerField(min_value=0),
        required=False,
        allow_null=True,
        default=None,
        help_text="Per post van het normenkader (code) hoe vaak die geldt; de basis telt altijd mee.",
    )
    minuten_per_week = serializers.IntegerField(min_value=0, required=False, allow_null=True, default=None)
    omvang_per_week = serializers.DecimalField(
        max_digits=5,
        decimal_places=1,
        min_value=0,
        required=False,
        allow_null=True,
        default=None,
        help_text="Hulp per week in de eenheid van het product (uren, dagdelen, etmalen), verplicht voor "
        "elk resultaat zonder tijdsbanden.",
    )
    handmatig = serializers.BooleanField(default=False)
    motivering = serializers.CharField(required=False, allow_blank=True, default="")
    tijdsband = serializers.PrimaryKeyRelatedField(
        queryset=Tijdsband.objects.all(), required=False, allow_null=True, default=None
    )
    mandaat_aanbieder = serializers.SlugRelatedField(
        slug_field="agb_code", queryset=Aanbieder.objects.all(), required=False, allow_null=True, default=None
    )


class BesluitInvoerSerializer(serializers.Serializer):
    besluit = serializers.ChoiceField(choices=[("toekennen", "toekennen"), ("afwijzen", "afwijzen")])
    besluitdatum = serializers.DateField()
    motivering = serializers.CharField(required=False, allow_blank=True, default="")
    vrijstelling = serializers.ChoiceField(choices=Vrijstelling.choices, required=False, default="")
    niet_toegekend = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text="Deels toegekend: wat de cliënt vroeg en niet krijgt, en waarom.",
    )


class IngebrekestellingSerializer(serializers.Serializer):
    ontvangen_op = serializers.DateField(help_text="Dag waarop de ingebrekestelling binnenkwam.")


class VerdagingSerializer(serializers.Serializer):
    op = serializers.DateField(help_text="Datum van de brief; vóór het einde van de beslistermijn.")
    nieuw_uiterlijk = serializers.DateField(help_text="Nieuwe laatste dag voor het besluit.")
    reden = serializers.CharField(help_text="Waarom het besluit later komt (in de brief).")


class TermijnverlengingSerializer(serializers.ModelSerializer):
    class Meta:
        model = Termijnverlenging
        fields = ("id", "soort", "op", "oud_uiterlijk", "nieuw_uiterlijk", "reden", "afspraak", "kenmerk")
        read_only_fields = fields


class OnderzoekVerlengingSerializer(serializers.Serializer):
    op = serializers.DateField(help_text="Dag van de afspraak; vóór het einde van de onderzoekstermijn.")
    nieuw_uiterlijk = serializers.DateField(help_text="Nieuwe laatste dag voor het onderzoek.")
    reden = serializers.CharField(help_text="Waarom het onderzoek langer duurt.")
    afspraak = serializers.CharField(max_length=200, help_text="Hoe de cliënt instemde.")


class VerzendingSerializer(serializers.Serializer):
    op = serializers.DateField(help_text="Dag waarop de brief (of het nagestuurde plan) is verzonden.")


class BijlageSerializer(serializers.ModelSerializer):
    class Meta:
        model = BeschikkingBijlage
        fields = ("id", "soort", "sleutel", "omschrijving", "verzonden_op")
        read_only_fields = fields


class IntrekkingSerializer(serializers.Serializer):
    resultaat = serializers.IntegerField(help_text="Id van het beschikte resultaat dat wordt ingetrokken.")
    per = serializers.DateField(help_text="Laatste dag van de ondersteuning.")
    besluitdatum = serializers.DateField()
    motivering = serializers.CharField(help_text="Waarom de ondersteuning stopt (in de brief).")


class AanbiederKeuzeSerializer(serializers.Serializer):
    aanbieder = serializers.SlugRelatedField(slug_field="agb_code", queryset=Aanbieder.objects.all())


class VoorstelSerializer(serializers.Serializer):
    minuten_per_week = serializers.IntegerField(min_value=0)
    frequentie = serializers.CharField(required=False, allow_blank=True, default="")


class BeoordelingSerializer(serializers.Serializer):
    akkoord = serializers.BooleanField()
    motivering = serializers.CharField(required=False, allow_blank=True, default="")


class OverstapSerializer(serializers.Serializer):
    toewijzing = serializers.IntegerField(help_text="Id van de huidige toewijzing.")
    aanbieder = serializers.SlugRelatedField(slug_field="agb_code", queryset=Aanbieder.objects.all())
    per = serializers.DateField(help_text="Eerste dag bij de nieuwe aanbieder.")

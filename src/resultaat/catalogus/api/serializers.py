"""Serializers of the catalogue in the API: the results matrix, time bands and products, read only."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from resultaat.catalogus.models import (
    Aandachtspunt,
    Meerpost,
    Product,
    Resultaat,
    ResultaatDomein,
    Subresultaat,
    Tarief,
    Tijdsband,
)
from resultaat.core.api.serializers import GELDIGHEID, code


class ResultaatDomeinSerializer(serializers.ModelSerializer):
    class Meta:
        model = ResultaatDomein
        fields = ("id", "code", "naam", "omschrijving", "volgorde", *GELDIGHEID)


class AandachtspuntSerializer(serializers.ModelSerializer):
    class Meta:
        model = Aandachtspunt
        fields = ("id", "omschrijving", "volgorde", *GELDIGHEID)


class SubresultaatSerializer(serializers.ModelSerializer):
    aandachtspunten = AandachtspuntSerializer(many=True, read_only=True)

    class Meta:
        model = Subresultaat
        fields = ("id", "code", "omschrijving", "volgorde", *GELDIGHEID, "aandachtspunten")


class ResultaatSerializer(serializers.ModelSerializer):
    domein = code()
    subresultaten = SubresultaatSerializer(many=True, read_only=True)

    class Meta:
        model = Resultaat
        fields = (
            "id",
            "domein",
            "code",
            "naam",
            "omschrijving",
            "plus",
            "bron",
            "volgorde",
            *GELDIGHEID,
            "subresultaten",
        )


class MeerpostSerializer(serializers.ModelSerializer):
    class Meta:
        model = Meerpost
        fields = ("id", "code", "naam", "volgorde", *GELDIGHEID)


class TijdsbandSerializer(serializers.ModelSerializer):
    resultaat = code()
    meerposten = MeerpostSerializer(many=True, read_only=True)

    class Meta:
        model = Tijdsband
        fields = (
            "id",
            "resultaat",
            "code",
            "naam",
            "min_minuten",
            "max_minuten",
            "omschrijving",
            "situatie",
            "opmerkingen",
            "volgorde",
            *GELDIGHEID,
            "meerposten",
        )


class TariefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Tarief
        fields = ("id", "bedrag_cent", "periode", *GELDIGHEID)


class ProductSerializer(serializers.ModelSerializer):
    resultaat = code(allow_null=True)
    complexiteit = code(allow_null=True)
    intensiteit = code(allow_null=True)
    tarief = serializers.SerializerMethodField(help_text="Het tarief dat vandaag geldt; leeg als er geen is.")

    class Meta:
        model = Product
        fields = (
            "id",
            "categorie",
            "code",
            "naam",
            "resultaat",
            "complexiteit",
            "intensiteit",
            "tijdsband",
            "aanvullend_arrangement",
            "eenheid",
            "frequentie",
            "volume",
            *GELDIGHEID,
            "tarief",
        )

    @extend_schema_field(TariefSerializer(allow_null=True))
    def get_tarief(self, product: Product) -> dict[str, Any] | None:
        # Chosen from the prefetched tariffs, so that a page of products costs no query per product.
        vandaag = timezone.localdate()
        geldig = [t for t in product.tarieven.all() if t.is_geldig_op(vandaag)]
        if not geldig:
            return None
        return TariefSerializer(max(geldig, key=lambda t: t.geldig_van)).data

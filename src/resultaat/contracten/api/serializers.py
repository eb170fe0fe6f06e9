"""Serializers of the contracts in the API, read only."""

from __future__ import annotations

from rest_framework import serializers

from resultaat.contracten.models import Contract, ContractProduct, Onderaannemer
from resultaat.core.api.serializers import GELDIGHEID, agb_code, gemeente_code


class ContractProductSerializer(serializers.ModelSerializer):
    class Meta:
        model = ContractProduct
        fields = ("id", "product", "capaciteit", "wachttijd_dagen", *GELDIGHEID)


class OnderaannemerSerializer(serializers.ModelSerializer):
    class Meta:
        model = Onderaannemer
        fields = ("id", "naam", "agb_code", "kvk_nummer", *GELDIGHEID)


class ContractSerializer(serializers.ModelSerializer):
    aanbieder = agb_code()
    gemeenten = gemeente_code(many=True)
    producten = ContractProductSerializer(many=True, read_only=True)
    onderaannemers = OnderaannemerSerializer(many=True, read_only=True)

    class Meta:
        model = Contract
        fields = (
            "id",
            "kenmerk",
            "aanbieder",
            "gemeenten",
            "perceel",
            "omschrijving",
            "doel_behaald_procent",
            "max_wachtweken",
            "min_tevredenheid",
            *GELDIGHEID,
            "producten",
            "onderaannemers",
        )

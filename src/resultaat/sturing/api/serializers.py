"""The figures per period in the API, read only."""

from __future__ import annotations

from rest_framework import serializers

from resultaat.core.api.serializers import agb_code, gemeente_code
from resultaat.sturing.berekenen import VELDEN
from resultaat.sturing.models import Kengetal


class KengetalSerializer(serializers.ModelSerializer):
    gemeente = gemeente_code()
    aanbieder = agb_code()

    class Meta:
        model = Kengetal
        fields = (
            "id",
            "gemeente",
            "periode_code",
            "periode_begin",
            "aanbieder",
            "product",
            *VELDEN,
            "bijgewerkt_op",
        )

"""Serializer of the consulent's worklist in the API, read only."""

from __future__ import annotations

from rest_framework import serializers

from resultaat.core.api.serializers import gebruikersnaam, gemeente_code
from resultaat.werklijst.models import WerklijstItem


class WerklijstItemSerializer(serializers.ModelSerializer):
    gemeente = gemeente_code()
    toegewezen_aan = gebruikersnaam()
    onderwerp_type = serializers.SerializerMethodField(help_text="Soort onderwerp, als app_label.model.")

    class Meta:
        model = WerklijstItem
        fields = (
            "id",
            "gemeente",
            "client",
            "soort",
            "omschrijving",
            "uiterlijk",
            "status",
            "toegewezen_aan",
            "onderwerp_type",
            "object_id",
            "aangemaakt_op",
            "afgehandeld_op",
        )
        read_only_fields = fields

    def get_onderwerp_type(self, item: WerklijstItem) -> str | None:
        ct = item.content_type
        return f"{ct.app_label}.{ct.model}" if ct else None

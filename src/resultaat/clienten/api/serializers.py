"""Serializers of the clients in the API, and of the audit trail of their data.

Reading only, except the input of the client registration and the BSN search: the viewsets call the
service functions with the validated data.
"""

from __future__ import annotations

from rest_framework import serializers

from resultaat.clienten.models import Client
from resultaat.clienten.services import CLIENT_FIELDS
from resultaat.core.api.serializers import gemeente_code
from resultaat.core.audit.models import AuditEvent
from resultaat.core.validators import validate_bsn
from resultaat.organisaties.models import Gemeente


class ClientSerializer(serializers.ModelSerializer):
    gemeente = gemeente_code()

    class Meta:
        model = Client
        # What the registration writes (bsn and gemeente first), with the derived name after the
        # gemeente and what only the system sets.
        fields: tuple[str, ...] = (
            "id",
            *CLIENT_FIELDS[:2],
            "naam",
            *CLIENT_FIELDS[2:],
            "overlijdensdatum",
            "aangemaakt_op",
        )
        read_only_fields: tuple[str, ...] = fields


class ClientLijstSerializer(ClientSerializer):
    """A client in a list: the BSN masked, as on the web list. The full BSN is only in one client's
    response (retrieve, search, registration), and that read is written to the audit trail."""

    bsn_gemaskeerd = serializers.CharField(read_only=True, help_text="Alleen de laatste drie cijfers.")

    class Meta(ClientSerializer.Meta):
        fields = tuple("bsn_gemaskeerd" if name == "bsn" else name for name in ClientSerializer.Meta.fields)
        read_only_fields = fields


class ClientRegistratieSerializer(serializers.ModelSerializer):
    """Input of a client registration; the service checks again and writes the audit event."""

    gemeente = serializers.SlugRelatedField(
        slug_field="code", queryset=Gemeente.objects.all(), help_text="CBS-gemeentecode."
    )

    class Meta:
        model = Client
        fields = CLIENT_FIELDS
        # The uniqueness of the BSN within the gemeente is checked by the service, inside its transaction.
        extra_kwargs = {"bsn": {"validators": [validate_bsn]}}
        validators: list[object] = []


class BsnZoekSerializer(serializers.Serializer):
    bsn = serializers.CharField(validators=[validate_bsn], help_text="Burgerservicenummer, 9 cijfers.")


class AuditEventSerializer(serializers.ModelSerializer):
    object_type = serializers.SerializerMethodField(help_text="Soort object, als app_label.model.")
    velden = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = AuditEvent
        fields = (
            "id",
            "tijdstip",
            "actor_naam",
            "rol",
            "organisatie",
            "client_id",
            "object_type",
            "object_id",
            "object_omschrijving",
            "actie",
            "velden",
            "gebeurtenis",
            "tekst",
            "namens",
            "adres",
            "kanaal",
            "hash",
        )
        read_only_fields = fields

    def get_object_type(self, event: AuditEvent) -> str:
        ct = event.content_type
        return f"{ct.app_label}.{ct.model}"

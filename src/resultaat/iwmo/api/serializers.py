"""Serializers of iWmo in the API: messages and the upload's outcome, the providers' requests (315 VOT,
317 VOW) and the input of a request and of its answer."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from resultaat.catalogus.models import Product
from resultaat.core.codes import WJ758RedenVerzoek, WJ759RedenAfwijzingVerzoek
from resultaat.iwmo.models import Bericht, Verzoek
from resultaat.toewijzingen.models import Toewijzing


class BerichtSerializer(serializers.ModelSerializer):
    class Meta:
        model = Bericht
        fields = [
            "id",
            "richting",
            "berichttype",
            "afzender",
            "ontvanger",
            "identificatie",
            "dagtekening",
            "bestandsnaam",
            "sha256",
            "status",
            "retourcodes",
            "heenbericht",
            "aangemaakt_op",
        ]


class UploadSerializer(serializers.Serializer):
    bestand = serializers.FileField(
        help_text="Een iWmo 3.2-bestand (XML, UTF-8 zonder BOM, CRLF, max. 25 MB)."
    )


class ProbleemSerializer(serializers.Serializer):
    regel = serializers.CharField()
    retourcode = serializers.CharField(allow_null=True)
    pad = serializers.CharField()
    melding = serializers.CharField()


class UitkomstSerializer(serializers.Serializer):
    bestandsnaam = serializers.CharField()
    berichttype = serializers.CharField(allow_null=True)
    status = serializers.CharField(
        help_text="goedgekeurd, afgekeurd, technisch, dubbel-goedgekeurd, dubbel-afgekeurd"
    )
    problemen = ProbleemSerializer(many=True)
    bericht = serializers.IntegerField(allow_null=True, help_text="Id van het opgeslagen bericht.")
    retour_bestandsnaam = serializers.CharField(allow_null=True)
    retour = serializers.CharField(allow_null=True, help_text="Het retourbericht (XML), als dat er is.")


class VerzoekSerializer(serializers.ModelSerializer):
    gemeente: Any = serializers.SlugRelatedField(
        slug_field="code", read_only=True, help_text="CBS-gemeentecode."
    )
    aanbieder: Any = serializers.SlugRelatedField(
        slug_field="agb_code", read_only=True, help_text="AGB-code."
    )
    ingediend_door: Any = serializers.SlugRelatedField(slug_field="username", read_only=True, allow_null=True)
    toewijzingen = serializers.SerializerMethodField(
        help_text="Ids van de toewijzingen die bij toekenning zijn gemaakt of gewijzigd (met deze "
        "ReferentieAanbieder)."
    )

    class Meta:
        model = Verzoek
        fields = (
            "id",
            "gemeente",
            "aanbieder",
            "client",
            "soort",
            "bron",
            "referentie_aanbieder",
            "bericht",
            "producten",
            "toelichting",
            "ingediend_op",
            "ingediend_door",
            "status",
            "uiterlijk",
            "beantwoord_op",
            "reden_afwijzing",
            "toewijzingen",
        )
        read_only_fields = fields

    def get_toewijzingen(self, verzoek: Verzoek) -> list[int]:
        per_verzoek = self.context.get("toewijzingen")
        if per_verzoek is not None:
            return per_verzoek.get(verzoek.pk, [])
        return toewijzingen_per_verzoek(self.context["request"].user, [verzoek]).get(verzoek.pk, [])


def toewijzingen_per_verzoek(user: Any, verzoeken: list[Verzoek]) -> dict[int, list[int]]:
    """The toewijzingen each request led to (made with its ReferentieAanbieder), in one query for a page
    of requests. A toewijzing a VOW only shortened keeps its own referentie and is not listed."""
    sleutels = {(v.aanbieder_id, v.client_id, v.referentie_aanbieder): v.pk for v in verzoeken}
    if not sleutels:
        return {}
    rijen = (
        Toewijzing.objects.for_user(user)
        .filter(
            referentie_aanbieder__in={r for _, _, r in sleutels}, client_id__in={c for _, c, _ in sleutels}
        )
        .exclude(referentie_aanbieder="")
        .order_by("nummer")
        .values_list("pk", "aanbieder_id", "client_id", "referentie_aanbieder")
    )
    uitkomst: dict[int, list[int]] = {}
    for pk, aanbieder_id, client_id, referentie in rijen:
        verzoek_pk = sleutels.get((aanbieder_id, client_id, referentie))
        if verzoek_pk is not None:
            uitkomst.setdefault(verzoek_pk, []).append(pk)
    return uitkomst


class VotInvoerSerializer(serializers.Serializer):
    client = serializers.IntegerField(help_text="Id van een cliënt van uw organisatie (niet het BSN).")
    product = serializers.PrimaryKeyRelatedField(
        queryset=Product.objects.all(), help_text="Id van een product waarvoor u een contract heeft."
    )
    ingangsdatum = serializers.DateField(help_text="Gewenste ingangsdatum; niet in het verleden.")
    einddatum = serializers.DateField(required=False, allow_null=True, default=None)
    toelichting = serializers.CharField(required=False, allow_blank=True, default="")


class VowInvoerSerializer(serializers.Serializer):
    toewijzing = serializers.IntegerField(help_text="Id van een lopende toewijzing van uw organisatie.")
    einddatum = serializers.DateField(
        required=False,
        allow_null=True,
        default=None,
        help_text="Nieuwe einddatum; leeg als die gelijk blijft.",
    )
    product = serializers.PrimaryKeyRelatedField(
        queryset=Product.objects.all(),
        required=False,
        allow_null=True,
        default=None,
        help_text="Een ander product (id); de huidige toewijzing eindigt de dag vóór de ingangsdatum ervan.",
    )
    ingangsdatum = serializers.DateField(
        required=False, allow_null=True, default=None, help_text="Vanaf wanneer het andere product geldt."
    )
    reden = serializers.ChoiceField(
        choices=WJ758RedenVerzoek.choices, default=WJ758RedenVerzoek.CLIENTSITUATIE
    )
    toelichting = serializers.CharField(required=False, allow_blank=True, default="")


class AfwijzingInvoerSerializer(serializers.Serializer):
    reden = serializers.ChoiceField(
        choices=WJ759RedenAfwijzingVerzoek.choices,
        required=False,
        allow_blank=True,
        default="",
        help_text="Reden van afwijzing (WJ759); verplicht (CD085).",
    )

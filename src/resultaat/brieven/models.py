"""Letter templates as data: the beheerder edits the text (Django template syntax) in the admin."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.db import models

from resultaat.brieven.veilig import sjabloon_fouten


class Briefsoort(models.TextChoices):
    TOEKENNING = "toekenning", "beschikking: toekenning"
    AFWIJZING = "afwijzing", "beschikking: afwijzing"
    INTREKKING = "intrekking", "beschikking: intrekking"
    INFORMATIE = "informatie", "informatiebrief huidige cliënten: ondersteuning op resultaat"
    VERDAGING = "verdaging", "verdaging van de beslistermijn (Awb 4:14)"
    PLAN = "plan", "ondersteuningsplan bij de beschikking (nazending)"
    OMZETTING = "omzetting", "beschikking: omzetting naar ondersteuning op resultaat"
    ENQUETE = "enquete", "uitnodiging voor het tevredenheidsonderzoek"


# Fixed parts a letter text places by name (``{{ meedoen }}``): the app's own HTML (a QR code, the
# survey's code), not the beheerder's, so they stay right whatever the text says around them.
VASTE_BLOKKEN: dict[str, tuple[str, ...]] = {Briefsoort.ENQUETE: ("meedoen",)}


class Briefsjabloon(models.Model):
    """One letter text per kind (optionally per gemeente), valid from a date; the newest valid one is used."""

    soort = models.CharField(max_length=20, choices=Briefsoort.choices)
    gemeente = models.ForeignKey(
        "organisaties.Gemeente",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="briefsjablonen",
        help_text="Leeg: voor elke gemeente zonder eigen sjabloon.",
    )
    geldig_van = models.DateField("geldig vanaf")
    onderwerp = models.CharField(max_length=200)
    tekst = models.TextField(
        help_text="Django-sjabloon. Beschikbaar: client, gemeente, beschikking, resultaten, eigen_bijdrage, "
        "bezwaar, ondertekening, datum, kenmerk. In de uitnodiging voor het tevredenheidsonderzoek: "
        "aanbieder, tot en meedoen (de QR-code en de code)."
    )
    gewijzigd_op = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "briefsjabloon"
        verbose_name_plural = "briefsjablonen"
        ordering = ["soort", "-geldig_van"]
        constraints = [
            models.UniqueConstraint(fields=["soort", "gemeente", "geldig_van"], name="brieven_sjabloon_uniek")
        ]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} vanaf {self.geldig_van:%d-%m-%Y}"

    def clean(self) -> None:
        super().clean()
        if fouten := sjabloon_fouten(self.tekst):
            raise ValidationError({"tekst": fouten})
        ontbrekend = [
            naam
            for naam in VASTE_BLOKKEN.get(self.soort, ())
            if not re.search(r"{{\s*" + naam + r"\s*}}", self.tekst)
        ]
        if ontbrekend:
            raise ValidationError(
                {
                    "tekst": "Zet {{ meedoen }} in de tekst: daar komen de QR-code, het webadres en de "
                    "persoonlijke code waarmee de inwoner meedoet."
                }
            )

"""Stored iWmo messages: every file in and out, with its retour.

A message is kept as the exact bytes that were sent or received, with the sha256 of those bytes.
Idempotency is a database fact: the same file (sha256) or the same BerichtIdentificatie per sender and
message type (TR056) can be stored once; a second delivery finds the first and gets its retour again.

Messages are not :class:`~resultaat.core.audit.models.ClientData` rows: they are scoped by sender and
receiver, so that a gemeente sees the messages of its gemeenten and a provider only the messages it
sent or received (another provider's message is a 404).
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from resultaat.core.audit.models import ClientData
from resultaat.core.codes import COD002Berichtcode, WJ759RedenAfwijzingVerzoek
from resultaat.core.querysets import GemeenteScopedQuerySet, OrganisatieQuerySet
from resultaat.werklijst.models import WerklijstItem, WerklijstSoort


class Richting(models.TextChoices):
    IN = "in", "ontvangen"
    UIT = "uit", "verzonden"


class BerichtStatus(models.TextChoices):
    GOEDGEKEURD = "goedgekeurd", "goedgekeurd"
    AFGEKEURD = "afgekeurd", "afgekeurd (retour met codes)"
    TECHNISCH_AFGEKEURD = "technisch", "technisch afgekeurd (bestand niet volgens de iWmo-standaard)"
    VERZONDEN = "verzonden", "klaar om te versturen"
    ONTVANGEN = "ontvangen", "ontvangen retour"


class BerichtQuerySet(OrganisatieQuerySet):
    aanbieder_path = "aanbieder"


class Bericht(models.Model):
    richting = models.CharField(max_length=3, choices=Richting.choices)
    berichttype = models.CharField(max_length=6, help_text="WMO301 … WMO325")
    berichtcode = models.CharField(max_length=3, choices=COD002Berichtcode.choices)
    afzender = models.CharField(max_length=8, help_text="Gemeentecode of AGB-code, zoals in de header.")
    ontvanger = models.CharField(max_length=8)
    gemeente = models.ForeignKey(
        "organisaties.Gemeente", null=True, blank=True, on_delete=models.PROTECT, related_name="berichten"
    )
    aanbieder = models.ForeignKey(
        "organisaties.Aanbieder", null=True, blank=True, on_delete=models.PROTECT, related_name="berichten"
    )
    identificatie = models.CharField("BerichtIdentificatie", max_length=12)
    dagtekening = models.DateField(null=True, blank=True)
    bestandsnaam = models.CharField(max_length=200)
    sha256 = models.CharField(max_length=64)
    inhoud = models.BinaryField()
    status = models.CharField(max_length=20, choices=BerichtStatus.choices)
    retourcodes = models.JSONField(default=list, blank=True, help_text="Retourcodes van de header.")
    declaratienummer = models.CharField(max_length=12, blank=True, help_text="Alleen bij WMO323.")
    heenbericht = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="retouren",
        help_text="Bij een retour: het bericht waarop het antwoordt.",
    )
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    objects: ClassVar[Any] = BerichtQuerySet.as_manager()

    class Meta:
        verbose_name = "iWmo-bericht"
        verbose_name_plural = "iWmo-berichten"
        ordering = ["-aangemaakt_op", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["afzender", "berichtcode", "identificatie"],
                name="iwmo_bericht_identificatie_uniek",
                violation_error_message="Deze BerichtIdentificatie is al gebruikt door deze afzender.",
            ),
            models.UniqueConstraint(
                fields=["richting", "sha256"], condition=Q(richting="in"), name="iwmo_bericht_bestand_uniek"
            ),
        ]
        indexes = [models.Index(fields=["gemeente", "aanbieder", "berichttype"])]

    def __str__(self) -> str:
        return f"{self.berichttype} {self.identificatie} ({self.afzender} → {self.ontvanger})"

    @property
    def retour(self) -> Bericht | None:
        return self.retouren.order_by("id").first()


class VerzoekSoort(models.TextChoices):
    VOT = "vot", "verzoek om toewijzing (315)"
    VOW = "vow", "verzoek om wijziging (317)"


class VerzoekStatus(models.TextChoices):
    OPEN = "open", "open"
    IN_ONDERZOEK = "onderzoek", "in onderzoek (319 antwoord 2)"
    TOEGEKEND = "toegekend", "beantwoord met een toewijzing (301)"
    AFGEWEZEN = "afgewezen", "afgewezen (319 antwoord 1)"


class VerzoekBron(models.TextChoices):
    IWMO = "iwmo", "iWmo-bericht"
    PORTAAL = "portaal", "aanbiedersportaal"


class VerzoekQuerySet(GemeenteScopedQuerySet):
    # The request's gemeente is its client's: the intake finds or registers the client in it.
    gemeente_path = "gemeente"
    aanbieder_path = "aanbieder"

    def open(self) -> VerzoekQuerySet:
        return self.filter(status__in=[VerzoekStatus.OPEN, VerzoekStatus.IN_ONDERZOEK])


class Verzoek(ClientData):
    """A provider's request (315 VOT or 317 VOW), waiting for the gemeente's 301 or 319.

    It came in as a message (``bron`` iwmo, ``bericht`` set) or through the provider portal (``bron``
    portaal, no message). ``producten`` has the message's shape in both cases, so that the answer
    (:func:`resultaat.iwmo.services.ken_toe`) treats them alike.
    """

    gemeente = models.ForeignKey("organisaties.Gemeente", on_delete=models.PROTECT, related_name="+")
    aanbieder = models.ForeignKey("organisaties.Aanbieder", on_delete=models.PROTECT, related_name="+")
    client = models.ForeignKey("clienten.Client", on_delete=models.PROTECT, related_name="iwmo_verzoeken")
    soort = models.CharField(max_length=3, choices=VerzoekSoort.choices)
    referentie_aanbieder = models.CharField("ReferentieAanbieder", max_length=36)
    bron = models.CharField(max_length=10, choices=VerzoekBron.choices, default=VerzoekBron.IWMO)
    bericht = models.ForeignKey(
        Bericht, null=True, blank=True, on_delete=models.PROTECT, related_name="verzoeken"
    )
    producten = models.JSONField(default=list, help_text="De gevraagde producten, zoals in het bericht.")
    toelichting = models.TextField(blank=True)
    ingediend_op = models.DateTimeField(default=timezone.now)
    ingediend_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=10, choices=VerzoekStatus.choices, default=VerzoekStatus.OPEN)
    uiterlijk = models.DateField(help_text="Antwoord binnen 5 werkdagen (OP274, OP346).")
    beantwoord_op = models.DateTimeField(null=True, blank=True)
    beantwoord_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reden_afwijzing = models.CharField(
        "reden van afwijzing", max_length=2, choices=WJ759RedenAfwijzingVerzoek.choices, blank=True
    )

    objects: ClassVar[Any] = VerzoekQuerySet.as_manager()

    class Meta:
        verbose_name = "verzoek van aanbieder"
        verbose_name_plural = "verzoeken van aanbieders"
        constraints = [
            models.UniqueConstraint(
                fields=["aanbieder", "referentie_aanbieder"], name="iwmo_verzoek_referentie_uniek"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} {self.referentie_aanbieder}"

    def zet_op_werklijst(self) -> None:
        """One worklist item for the consulent, due on ``uiterlijk`` (5 working days), whether the request
        came as a 315/317 message or through the portal."""
        via = ", via het portaal" if self.bron == VerzoekBron.PORTAAL else ""
        WerklijstItem.objects.create(
            gemeente_id=self.gemeente_id,
            client_id=self.client_id,
            soort=WerklijstSoort.VERZOEK_TOEWIJZING
            if self.soort == VerzoekSoort.VOT
            else WerklijstSoort.VERZOEK_WIJZIGING,
            omschrijving=f"{self.get_soort_display()} van {self.aanbieder} (referentie "
            f"{self.referentie_aanbieder}{via}): beantwoord met een toewijzing of een antwoordbericht",
            uiterlijk=self.uiterlijk,
            onderwerp=self,
        )


class DeclaratieRegelQuerySet(GemeenteScopedQuerySet):
    aanbieder_path = "aanbieder"


class DeclaratieRegel(ClientData):
    """One Prestatie of a 323 and the gemeente's verdict on it (325)."""

    bericht = models.ForeignKey(Bericht, on_delete=models.PROTECT, related_name="prestaties")
    aanbieder = models.ForeignKey("organisaties.Aanbieder", on_delete=models.PROTECT, related_name="+")
    client = models.ForeignKey("clienten.Client", on_delete=models.PROTECT, related_name="+")
    toewijzing = models.ForeignKey(
        "toewijzingen.Toewijzing", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    referentienummer = models.CharField(max_length=20)
    vorig_referentienummer = models.CharField(max_length=20, blank=True)
    begindatum = models.DateField()
    einddatum = models.DateField()
    volume = models.PositiveIntegerField()
    eenheid = models.CharField(
        max_length=2, blank=True, help_text="Eenheid van het volume (WJ756); leeg: die van de toewijzing."
    )
    bedrag_cent = models.IntegerField(help_text="Credit negatief.")
    toegekend = models.BooleanField()
    retourcodes = models.JSONField(default=list, blank=True)

    AUDIT_SELECT_RELATED = ()
    objects: ClassVar[Any] = DeclaratieRegelQuerySet.as_manager()

    class Meta:
        verbose_name = "declaratieregel"
        verbose_name_plural = "declaratieregels"
        constraints = [
            models.UniqueConstraint(
                fields=["aanbieder", "referentienummer"],
                condition=Q(toegekend=True),
                name="iwmo_prestatie_referentie_uniek",
            )
        ]

    def __str__(self) -> str:
        return f"Prestatie {self.referentienummer}"

"""The worklist: one item for everything that needs a consulent's attention, with its deadline."""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone

from resultaat.core import termijnen
from resultaat.core.audit.models import ClientData
from resultaat.core.querysets import GemeenteScopedQuerySet


class WerklijstQuerySet(GemeenteScopedQuerySet):
    def for_user(self, user: Any) -> Any:
        """Gemeente staff: the items of their gemeenten by the item's own gemeente column (indexed with
        status and deadline), so counting the open items joins no client; otherwise as every row."""
        if user.is_gemeente_user and not user.is_superuser:
            return self.filter(gemeente_id__in=user.gemeenten.values("pk"))
        return super().for_user(user)

    def open(self) -> WerklijstQuerySet:
        return self.filter(status=WerklijstStatus.OPEN)

    def op_urgentie(self) -> WerklijstQuerySet:
        return self.order_by(models.F("uiterlijk").asc(nulls_last=True), "aangemaakt_op")

    def over(self, onderwerp: models.Model) -> WerklijstQuerySet:
        """The open items about one record (a melding, a signal, a request, a returned toewijzing, ...)."""
        return self.filter(
            content_type=ContentType.objects.get_for_model(onderwerp),
            object_id=onderwerp.pk,
            status=WerklijstStatus.OPEN,
        )

    def meld_retour(
        self, *, gemeente_id: int, client_id: int, omschrijving: str, vanaf: dt.date, over: Any = None
    ) -> WerklijstItem:
        """A worklist item for a returned toewijzing or a rejected message: the consulent chooses another
        provider within the term ``RETOUR_OPVOLGEN``. The portal's return and the intake of a rejecting
        302 both make it here, so the item is the same whatever way the provider said no."""
        return self.create(
            gemeente_id=gemeente_id,
            client_id=client_id,
            soort=WerklijstSoort.RETOUR,
            omschrijving=omschrijving[:300],
            uiterlijk=termijnen.RETOUR_OPVOLGEN.uiterlijk(vanaf),
            content_type=ContentType.objects.get_for_model(over) if over is not None else None,
            object_id=over.pk if over is not None else None,
        )

    def handel_af(self) -> int:
        """Mark these items done now (audited, like every bulk write of client data)."""
        return self.filter(status=WerklijstStatus.OPEN).update(
            status=WerklijstStatus.AFGEHANDELD, afgehandeld_op=timezone.now()
        )


class WerklijstSoort(models.TextChoices):
    ONDERZOEK = "onderzoek", "onderzoek na melding"
    BESLUIT = "besluit", "besluit op aanvraag"
    SIGNAAL = "signaal", "signaal van aanbieder"
    VERZOEK_TOEWIJZING = "vot", "verzoek om toewijzing"
    VERZOEK_WIJZIGING = "vow", "verzoek om wijziging"
    HERINDICATIE = "herindicatie", "herindicatie voor einddatum"
    EVALUATIE = "evaluatie", "evaluatie"
    RETOUR = "retour", "afgekeurd bericht"
    PLAN = "plan", "plan bij de beschikking nasturen"
    KLACHT = "klacht", "klacht over een aanbieder"


class WerklijstStatus(models.TextChoices):
    OPEN = "open", "open"
    AFGEHANDELD = "afgehandeld", "afgehandeld"


class WerklijstItem(ClientData):
    gemeente = models.ForeignKey("organisaties.Gemeente", on_delete=models.PROTECT, related_name="werklijst")
    client = models.ForeignKey(
        "clienten.Client", null=True, blank=True, on_delete=models.PROTECT, related_name="werklijst"
    )
    soort = models.CharField(max_length=20, choices=WerklijstSoort.choices)
    omschrijving = models.CharField(max_length=300)
    uiterlijk = models.DateField(null=True, blank=True, help_text="Wettelijke of afgesproken termijn.")
    status = models.CharField(max_length=20, choices=WerklijstStatus.choices, default=WerklijstStatus.OPEN)
    toegewezen_aan = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="werklijst"
    )
    content_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    onderwerp = GenericForeignKey("content_type", "object_id")
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    afgehandeld_op = models.DateTimeField(null=True, blank=True)

    objects: ClassVar[Any] = WerklijstQuerySet.as_manager()

    class Meta:
        verbose_name = "werklijstitem"
        verbose_name_plural = "werklijst"
        ordering = ["uiterlijk", "aangemaakt_op"]
        indexes = [
            models.Index(fields=["gemeente", "status", "uiterlijk"]),
            # The items by urgency (the worklist, its API and the consulent's start page): the first ones
            # read in order from the index, not every item of the gemeenten joined and sorted.
            models.Index(fields=["uiterlijk", "aangemaakt_op", "id"], name="werklijst_urgentie"),
        ]

    def __str__(self) -> str:
        return self.omschrijving

    def is_te_laat(self, vandaag: dt.date) -> bool:
        return self.status == WerklijstStatus.OPEN and self.uiterlijk is not None and self.uiterlijk < vandaag

"""Toewijzing (the order to a provider, iWmo 301) and levering (start, temporary stop, stop: 305/307).

A toewijzing keeps its ToewijzingNummer for its whole life; every decision about it is a
:class:`ToewijzingVersie`. The current version is the one with the latest Toewijzingsdatum +
Toewijzingstijd (iWmo IV013). The toewijzing row carries a copy of the current version's terms, so
that settlement and messaging can read all current toewijzingen in one set-based query; the service
functions in :mod:`resultaat.toewijzingen.services` keep the two in step in one transaction.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from django.conf import settings
from django.db import models

from resultaat.core import termijnen
from resultaat.core.audit.models import ClientData
from resultaat.core.codes import (
    WJ756Eenheid,
    WMO002RedenWijziging,
    WMO588RedenBeeindiging,
    WMO757Frequentie,
)
from resultaat.core.querysets import GemeenteScopedQuerySet

RETOUR_RECENT_DAGEN = 90


def laatste_ingang_met_verlopen_start(vandaag: dt.date) -> dt.date:
    """The latest ingangsdatum whose term to report the start (START_MELDEN) ended before ``vandaag``:
    the term counts working days, so walk back from today (a few weeks at most)."""
    dag = vandaag
    while termijnen.START_MELDEN.uiterlijk(dag) >= vandaag:
        dag -= dt.timedelta(days=1)
    return dag


class ToewijzingQuerySet(GemeenteScopedQuerySet):
    # Set from the client's gemeente by ``services.maak_toewijzing``.
    gemeente_path = "gemeente"
    aanbieder_path = "aanbieder"

    def actief_op(self, datum: dt.date) -> ToewijzingQuerySet:
        return self.filter(ingangsdatum__lte=datum).filter(
            models.Q(einddatum__isnull=True) | models.Q(einddatum__gte=datum)
        )

    def met_levering(self) -> ToewijzingQuerySet:
        return self.filter(
            models.Exists(Levering.objects.filter(toewijzing=models.OuterRef("pk"), verwijderd=False))
        )

    def lopend_op(self, datum: dt.date) -> ToewijzingQuerySet:
        """Not ended before ``datum`` (it may still have to begin)."""
        return self.filter(models.Q(einddatum__isnull=True) | models.Q(einddatum__gte=datum))

    def te_beoordelen(self) -> ToewijzingQuerySet:
        """New toewijzingen the provider has neither accepted nor returned (a start counts as accepted)."""
        return self.filter(reactie=ReactieAanbieder.NIEUW).exclude(
            models.Exists(Levering.objects.filter(toewijzing=models.OuterRef("pk"), verwijderd=False))
        )

    def wacht_op_start(self) -> ToewijzingQuerySet:
        """Accepted by the provider, no start reported yet."""
        return self.filter(reactie=ReactieAanbieder.GEACCEPTEERD).exclude(
            models.Exists(Levering.objects.filter(toewijzing=models.OuterRef("pk"), verwijderd=False))
        )

    def start_te_laat(self, vandaag: dt.date) -> ToewijzingQuerySet:
        """Running or due toewijzingen, not returned, whose start was not reported within the term
        (START_MELDEN after the ingangsdatum): the deadline passed before ``vandaag``."""
        return (
            self.exclude(reactie=ReactieAanbieder.GERETOURNEERD)
            .filter(ingangsdatum__lte=laatste_ingang_met_verlopen_start(vandaag))
            .lopend_op(vandaag)
            .exclude(
                models.Exists(Levering.objects.filter(toewijzing=models.OuterRef("pk"), verwijderd=False))
            )
        )

    def stop_te_melden(self, vandaag: dt.date) -> ToewijzingQuerySet:
        """Ended toewijzingen (the einddatum passed) whose delivery still runs: the provider reports the
        stop (307) within STOP_MELDEN."""
        return self.filter(einddatum__lt=vandaag).filter(
            models.Exists(
                Levering.objects.filter(
                    toewijzing=models.OuterRef("pk"), verwijderd=False, einddatum__isnull=True
                )
            )
        )

    def met_plan_zonder_akkoord(self) -> ToewijzingQuerySet:
        """Toewijzingen with a support plan (or a new version of it) the client has not agreed to yet.
        The plan lives in a component above this one: its model is found through the relation."""
        plan = self.model._meta.get_field("plannen").related_model
        return self.filter(
            models.Exists(plan._default_manager.filter(toewijzing=models.OuterRef("pk"), status="concept"))
        )

    def recent_geretourneerd(self, vandaag: dt.date) -> ToewijzingQuerySet:
        """Returned by the provider in the last RETOUR_RECENT_DAGEN days."""
        sinds = vandaag - dt.timedelta(days=RETOUR_RECENT_DAGEN)
        return self.filter(reactie=ReactieAanbieder.GERETOURNEERD, reactie_op__date__gte=sinds)

    def tijdelijk_gestopt(self) -> ToewijzingQuerySet:
        """Toewijzingen whose latest delivery ended with a temporary stop (reden 20), annotated with that
        stop's last day (``gestopt_op``) and cause (``stop_toelichting``), in one query."""
        laatste = Levering.objects.filter(toewijzing=models.OuterRef("pk"), verwijderd=False).order_by(
            "-begindatum", "-pk"
        )
        # Only toewijzingen with any temporary stop can have one as their latest delivery: that cheap
        # semi-join comes first, so the subqueries run for those few rows, not for every toewijzing.
        ooit_tijdelijk = Levering.objects.filter(
            toewijzing=models.OuterRef("pk"),
            verwijderd=False,
            reden_beeindiging=WMO588RedenBeeindiging.TIJDELIJK,
        )
        return (
            self.filter(models.Exists(ooit_tijdelijk))
            .annotate(
                laatste_reden=models.Subquery(laatste.values("reden_beeindiging")[:1]),
                gestopt_op=models.Subquery(laatste.values("einddatum")[:1]),
                stop_toelichting=models.Subquery(laatste.values("toelichting")[:1]),
            )
            .filter(laatste_reden=WMO588RedenBeeindiging.TIJDELIJK)
        )


class ReactieAanbieder(models.TextChoices):
    """The provider's verdict on a new toewijzing: the portal's equivalent of the iWmo 302."""

    NIEUW = "nieuw", "nieuw"
    GEACCEPTEERD = "geaccepteerd", "geaccepteerd"
    GERETOURNEERD = "geretourneerd", "geretourneerd"


class ToewijzingTermen(models.Model):
    """The terms of a toewijzing as iWmo 301 carries them (einddatum inclusive, as in iWmo)."""

    toewijzingsdatum = models.DateField()
    toewijzingstijd = models.TimeField()
    ingangsdatum = models.DateField()
    einddatum = models.DateField(null=True, blank=True, help_text="Laatste dag (inclusief), zoals in iWmo.")
    reden_wijziging = models.CharField(max_length=2, choices=WMO002RedenWijziging.choices, blank=True)
    volume = models.PositiveIntegerField(null=True, blank=True)
    eenheid = models.CharField(max_length=2, choices=WJ756Eenheid.choices, blank=True)
    frequentie = models.CharField(max_length=1, choices=WMO757Frequentie.choices, blank=True)
    budget_cent = models.PositiveIntegerField(null=True, blank=True)
    commentaar = models.CharField(max_length=200, blank=True)

    class Meta:
        abstract = True

    TERM_FIELDS = (
        "toewijzingsdatum",
        "toewijzingstijd",
        "ingangsdatum",
        "einddatum",
        "reden_wijziging",
        "volume",
        "eenheid",
        "frequentie",
        "budget_cent",
        "commentaar",
    )

    def termen(self) -> dict[str, object]:
        return {name: getattr(self, name) for name in self.TERM_FIELDS}


class Toewijzing(ToewijzingTermen, ClientData):
    gemeente = models.ForeignKey(
        "organisaties.Gemeente", on_delete=models.PROTECT, related_name="toewijzingen"
    )
    nummer = models.PositiveIntegerField("ToewijzingNummer")
    client = models.ForeignKey("clienten.Client", on_delete=models.PROTECT, related_name="toewijzingen")
    aanbieder = models.ForeignKey(
        "organisaties.Aanbieder", on_delete=models.PROTECT, related_name="toewijzingen"
    )
    product = models.ForeignKey("catalogus.Product", on_delete=models.PROTECT, related_name="toewijzingen")
    beschikt_resultaat = models.ForeignKey(
        "toegang.BeschiktResultaat",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="toewijzingen",
    )
    voorganger = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="opvolgers",
        help_text="De toewijzing die deze opvolgt, bijvoorbeeld na een overstap naar een andere aanbieder.",
    )
    referentie_aanbieder = models.CharField(max_length=36, blank=True)
    onderaannemer = models.ForeignKey(
        "contracten.Onderaannemer",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="toewijzingen",
    )
    reactie = models.CharField(
        "reactie aanbieder",
        max_length=13,
        choices=ReactieAanbieder.choices,
        default=ReactieAanbieder.NIEUW,
        help_text="Geaccepteerd of geretourneerd door de aanbieder (portaal; gelijk aan een 302).",
    )
    reactie_op = models.DateTimeField(null=True, blank=True)
    reactie_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    retourreden = models.TextField(blank=True)

    objects: ClassVar[Any] = ToewijzingQuerySet.as_manager()

    class Meta:
        verbose_name = "toewijzing"
        verbose_name_plural = "toewijzingen"
        ordering = ["-ingangsdatum", "-nummer"]
        constraints = [
            models.UniqueConstraint(
                fields=["gemeente", "nummer"], name="toewijzingen_nummer_uniek_per_gemeente"
            ),
            models.CheckConstraint(
                condition=models.Q(einddatum__isnull=True)
                | models.Q(einddatum__gte=models.F("ingangsdatum")),
                name="toewijzingen_toewijzing_eind_na_ingang",
            ),
        ]
        indexes = [
            models.Index(fields=["aanbieder", "ingangsdatum"]),
            models.Index(fields=["client", "product"]),
            # A gemeente's toewijzingen per provider and period (the providers list counts the active
            # ones per provider): read from the index alone.
            models.Index(
                fields=["gemeente", "aanbieder", "ingangsdatum", "einddatum"],
                name="toewijzing_gemeente_aanbieder",
            ),
            # The order of every toewijzingen list (page and API): page 1 read from the index.
            models.Index(fields=["-ingangsdatum", "-nummer", "-id"], name="toewijzing_lijstvolgorde"),
            # The toewijzingen that end within the periods of a settlement run (the few it computes by
            # its rules); the ones still running are not in it.
            models.Index(
                fields=["einddatum"], condition=models.Q(einddatum__isnull=False), name="toewijzing_einde"
            ),
        ]

    def __str__(self) -> str:
        return f"Toewijzing {self.nummer}"

    def huidige_versie(self) -> ToewijzingVersie | None:
        return self.versies.order_by("-toewijzingsdatum", "-toewijzingstijd", "-id").first()

    def is_actief_op(self, datum: dt.date) -> bool:
        return self.ingangsdatum <= datum and (self.einddatum is None or datum <= self.einddatum)

    @property
    def is_verwijderd(self) -> bool:
        return self.reden_wijziging == WMO002RedenWijziging.VERWIJDERD


class ToewijzingVersie(ToewijzingTermen, ClientData):
    """One decision about a toewijzing; the history is never edited, only added to."""

    toewijzing = models.ForeignKey(Toewijzing, on_delete=models.PROTECT, related_name="versies")
    vastgelegd_op = models.DateTimeField(auto_now_add=True)

    AUDIT_SELECT_RELATED = ("toewijzing",)

    class Meta:
        verbose_name = "toewijzingsversie"
        verbose_name_plural = "toewijzingsversies"
        ordering = ["toewijzing", "toewijzingsdatum", "toewijzingstijd", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["toewijzing", "toewijzingsdatum", "toewijzingstijd"], name="toewijzingen_versie_uniek"
            ),
        ]

    def __str__(self) -> str:
        return f"Versie van {self.toewijzingsdatum:%d-%m-%Y} {self.toewijzingstijd:%H:%M:%S}"

    def audit_client_id(self) -> int | None:
        return self.toewijzing.client_id


class LeveringQuerySet(GemeenteScopedQuerySet):
    client_path = "toewijzing__client"
    gemeente_path = "toewijzing__gemeente"
    aanbieder_path = "toewijzing__aanbieder"


class LeveringBron(models.TextChoices):
    IWMO = "iwmo", "iWmo-bericht (305/307)"
    PORTAAL = "portaal", "aanbiedersportaal"
    CSV = "csv", "CSV-upload"
    GEMEENTE = "gemeente", "vastgelegd door de gemeente"


class Levering(ClientData):
    """One period of actual delivery: a start, and later a stop (reden 20 = temporary stop)."""

    toewijzing = models.ForeignKey(Toewijzing, on_delete=models.PROTECT, related_name="leveringen")
    begindatum = models.DateField()
    einddatum = models.DateField(null=True, blank=True)
    reden_beeindiging = models.CharField(max_length=2, choices=WMO588RedenBeeindiging.choices, blank=True)
    bron = models.CharField(max_length=10, choices=LeveringBron.choices, default=LeveringBron.PORTAAL)
    start_gemeld_op = models.DateTimeField(auto_now_add=True)
    stop_gemeld_op = models.DateTimeField(null=True, blank=True)
    verwijderd = models.BooleanField(default=False, help_text="Ingetrokken met StatusAanlevering 3.")
    toelichting = models.CharField(
        max_length=200, blank=True, help_text="Oorzaak van een (tijdelijke) stop, zoals een ziekenhuisopname."
    )

    AUDIT_SELECT_RELATED = ("toewijzing",)
    objects: ClassVar[Any] = LeveringQuerySet.as_manager()

    class Meta:
        verbose_name = "levering"
        verbose_name_plural = "leveringen"
        ordering = ["toewijzing", "begindatum"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(einddatum__isnull=True) | models.Q(einddatum__gte=models.F("begindatum")),
                name="toewijzingen_levering_eind_na_begin",
            ),
            models.CheckConstraint(
                condition=models.Q(einddatum__isnull=True, reden_beeindiging="")
                | (models.Q(einddatum__isnull=False) & ~models.Q(reden_beeindiging="")),
                name="toewijzingen_levering_stop_met_reden",
            ),
        ]
        indexes = [
            # "Has a delivery / a running delivery / its first or last one" per toewijzing (the portal,
            # the start pages, the waiting list) answered from the index alone on PostgreSQL.
            models.Index(
                fields=["toewijzing", "begindatum"],
                include=["einddatum", "verwijderd", "reden_beeindiging"],
                name="levering_toewijzing_begin",
            ),
        ]

    def __str__(self) -> str:
        return f"Levering vanaf {self.begindatum:%d-%m-%Y}"

    @property
    def is_tijdelijk_gestopt(self) -> bool:
        return self.reden_beeindiging == WMO588RedenBeeindiging.TIJDELIJK

    def audit_client_id(self) -> int | None:
        return self.toewijzing.client_id

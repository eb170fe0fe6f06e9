"""Quality as the resident and the provider report it: the satisfaction survey (enquête), complaints
(klachten) with their handling, and the capacity a provider reports for its waiting list.

A survey belongs to one toewijzing: the client, the provider and the gemeente are copied onto the row, so
that the figures per provider and period (``services.cijfers``) read one table. Only the hash of a
survey link's token is stored; the link itself exists in the letter or e-mail alone.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from resultaat.core.audit.models import ClientData, ClientDataQuerySet
from resultaat.core.querysets import OrganisatieQuerySet


class EigenRijenQuerySet(ClientDataQuerySet):
    """Rows that carry their gemeente and provider: gemeente staff see their gemeenten's rows, provider
    staff only the rows about their own organisation (by the row's ``aanbieder``, not by the client:
    a complaint about another provider is never shown to this one)."""

    def for_user(self, user: Any) -> Any:
        if user.is_superuser:
            return self
        if user.is_gemeente_user:
            return self.filter(gemeente__in=user.gemeenten.all())
        if user.is_aanbieder_user and user.aanbieder_id:
            return self.filter(aanbieder_id=user.aanbieder_id)
        return self.none()


# --- Tevredenheidsonderzoek --------------------------------------------------------------------------------


class Antwoord(models.TextChoices):
    """A three-way answer; each question shows it in its own words (``web.forms``)."""

    JA = "ja", "ja"
    DEELS = "deels", "deels"
    NEE = "nee", "nee"


class Afname(models.TextChoices):
    """How the answers were taken."""

    LINK = "link", "door de inwoner zelf, via de link"
    TELEFOON = "telefoon", "telefonisch"
    HUISBEZOEK = "huisbezoek", "bij een huisbezoek"


class Verzending(models.TextChoices):
    """How the invitation went out; "geen" for a survey taken straight away by phone or at home."""

    BRIEF = "brief", "brief"
    EMAIL = "email", "e-mail"
    GEEN = "geen", "niet verstuurd (direct afgenomen)"


class Aanleiding(models.TextChoices):
    EINDE = "einde", "einde van de ondersteuning"
    JAARLIJKS = "jaarlijks", "jaarlijkse meting"
    HANDMATIG = "handmatig", "op verzoek van de gemeente"


class EnqueteQuerySet(EigenRijenQuerySet):
    def beantwoord(self) -> EnqueteQuerySet:
        return self.filter(beantwoord_op__isnull=False)

    def open_op(self, moment: dt.datetime) -> EnqueteQuerySet:
        """Not answered and the link still valid at ``moment``."""
        return self.filter(beantwoord_op__isnull=True, verloopt_op__gt=moment)


class Enquete(ClientData):
    """One satisfaction survey about one toewijzing: sent (letter, e-mail) or taken straight away.

    The answers are the resident's: once given they are never changed (the services refuse it). A
    staff member who takes the survey by phone or at home is recorded as ``ingevoerd_door``.
    """

    gemeente = models.ForeignKey("organisaties.Gemeente", on_delete=models.PROTECT, related_name="enquetes")
    aanbieder = models.ForeignKey("organisaties.Aanbieder", on_delete=models.PROTECT, related_name="enquetes")
    client = models.ForeignKey("clienten.Client", on_delete=models.PROTECT, related_name="enquetes")
    toewijzing = models.ForeignKey(
        "toewijzingen.Toewijzing", on_delete=models.PROTECT, related_name="enquetes"
    )
    aanleiding = models.CharField(max_length=10, choices=Aanleiding.choices, default=Aanleiding.HANDMATIG)
    verzending = models.CharField(max_length=5, choices=Verzending.choices)
    verzonden_op = models.DateField(help_text="De dag van verzending of afname: de periode van de meting.")
    verzonden_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # sha256 of the link's token (hex); empty for a survey taken straight away.
    token_hash = models.CharField(max_length=64, blank=True, default="")
    verloopt_op = models.DateTimeField(null=True, blank=True)

    beantwoord_op = models.DateTimeField(null=True, blank=True)
    afname = models.CharField(max_length=10, choices=Afname.choices, blank=True)
    ingevoerd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    cijfer = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    resultaat = models.CharField("resultaat bereikt", max_length=5, choices=Antwoord.choices, blank=True)
    respect = models.CharField("met respect behandeld", max_length=5, choices=Antwoord.choices, blank=True)
    betrouwbaar = models.CharField("afspraken nagekomen", max_length=5, choices=Antwoord.choices, blank=True)
    aanraden = models.CharField(
        "zou de aanbieder aanraden", max_length=5, choices=Antwoord.choices, blank=True
    )
    toelichting = models.TextField("open antwoord", blank=True, max_length=2000)

    objects: ClassVar[Any] = EnqueteQuerySet.as_manager()

    class Meta:
        verbose_name = "tevredenheidsonderzoek"
        verbose_name_plural = "tevredenheidsonderzoeken"
        ordering = ["-verzonden_op", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["token_hash"],
                condition=~models.Q(token_hash=""),
                name="kwaliteit_enquete_token_uniek",
            ),
            models.CheckConstraint(
                condition=models.Q(cijfer__isnull=True) | models.Q(cijfer__gte=1, cijfer__lte=10),
                name="kwaliteit_enquete_cijfer_1_tot_10",
            ),
            models.CheckConstraint(
                condition=models.Q(beantwoord_op__isnull=True) | ~models.Q(afname=""),
                name="kwaliteit_enquete_beantwoord_met_afname",
            ),
        ]
        indexes = [
            models.Index(fields=["aanbieder", "verzonden_op"], name="kwaliteit_enquete_aanb_periode"),
            models.Index(fields=["gemeente", "verzonden_op"], name="kwaliteit_enquete_gem_periode"),
        ]

    def __str__(self) -> str:
        return f"Tevredenheidsonderzoek {self.verzonden_op:%d-%m-%Y}"

    @property
    def is_beantwoord(self) -> bool:
        return self.beantwoord_op is not None


# --- Klachten ---------------------------------------------------------------------------------------------


class KlachtCategorie(models.TextChoices):
    BEJEGENING = "bejegening", "bejegening"
    KWALITEIT = "kwaliteit", "kwaliteit van de ondersteuning"
    AFSPRAKEN = "afspraken", "afspraken en bereikbaarheid"
    MEDEWERKERS = "medewerkers", "wisseling van medewerkers"
    WACHTTIJD = "wachttijd", "wachttijd"
    KOSTEN = "kosten", "kosten en eigen bijdrage"
    ANDERS = "anders", "anders"


class KlachtStatus(models.TextChoices):
    ONTVANGEN = "ontvangen", "ontvangen"
    IN_BEHANDELING = "behandeling", "in behandeling"
    AFGEHANDELD = "afgehandeld", "afgehandeld"


class KlachtUitkomst(models.TextChoices):
    GEGROND = "gegrond", "gegrond"
    DEELS = "deels", "deels gegrond"
    ONGEGROND = "ongegrond", "ongegrond"
    INGETROKKEN = "ingetrokken", "ingetrokken"
    OPGELOST = "opgelost", "naar tevredenheid opgelost"


class Indiener(models.TextChoices):
    CLIENT = "client", "de cliënt"
    VERTEGENWOORDIGER = "vertegenwoordiger", "mantelzorger of vertegenwoordiger"
    ANDERS = "anders", "iemand anders"


class KlachtQuerySet(EigenRijenQuerySet):
    def open(self) -> KlachtQuerySet:
        return self.exclude(status=KlachtStatus.AFGEHANDELD)

    def te_laat_op(self, datum: dt.date) -> KlachtQuerySet:
        return self.open().filter(uiterlijk__lt=datum)


class Klacht(ClientData):
    """A complaint about a provider, registered by the gemeente, with its handling until it is closed."""

    gemeente = models.ForeignKey("organisaties.Gemeente", on_delete=models.PROTECT, related_name="klachten")
    aanbieder = models.ForeignKey("organisaties.Aanbieder", on_delete=models.PROTECT, related_name="klachten")
    client = models.ForeignKey(
        "clienten.Client", null=True, blank=True, on_delete=models.PROTECT, related_name="klachten"
    )
    ontvangen_op = models.DateField("ontvangen op")
    indiener = models.CharField(
        "ingediend door", max_length=20, choices=Indiener.choices, default=Indiener.CLIENT
    )
    categorie = models.CharField(max_length=20, choices=KlachtCategorie.choices)
    onderwerp = models.CharField(max_length=200)
    omschrijving = models.TextField(max_length=4000)
    uiterlijk = models.DateField("afhandelen uiterlijk", help_text="Awb 9:11: zes weken na ontvangst.")
    status = models.CharField(max_length=20, choices=KlachtStatus.choices, default=KlachtStatus.ONTVANGEN)
    uitkomst = models.CharField(max_length=20, choices=KlachtUitkomst.choices, blank=True)
    afhandeling = models.TextField("uitkomst toegelicht", blank=True, max_length=4000)
    afgehandeld_op = models.DateField(null=True, blank=True)
    geregistreerd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    geregistreerd_op = models.DateTimeField(auto_now_add=True)

    objects: ClassVar[Any] = KlachtQuerySet.as_manager()

    class Meta:
        verbose_name = "klacht"
        verbose_name_plural = "klachten"
        ordering = ["-ontvangen_op", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="afgehandeld")
                | (models.Q(afgehandeld_op__isnull=False) & ~models.Q(uitkomst="")),
                name="kwaliteit_klacht_afgehandeld_met_uitkomst",
            ),
        ]
        indexes = [
            models.Index(fields=["aanbieder", "ontvangen_op"], name="kwaliteit_klacht_aanb_periode"),
            models.Index(fields=["gemeente", "status", "uiterlijk"], name="kwaliteit_klacht_gem_status"),
        ]

    def __str__(self) -> str:
        return f"Klacht: {self.onderwerp}"

    def is_te_laat(self, datum: dt.date) -> bool:
        return self.status != KlachtStatus.AFGEHANDELD and self.uiterlijk < datum


class KlachtStap(ClientData):
    """One step in handling a complaint: what was done, on which day, by whom."""

    klacht = models.ForeignKey(Klacht, on_delete=models.CASCADE, related_name="stappen")
    datum = models.DateField()
    omschrijving = models.CharField(max_length=500)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    vastgelegd_op = models.DateTimeField(auto_now_add=True)

    AUDIT_SELECT_RELATED = ("klacht",)

    class Meta:
        verbose_name = "stap in de klachtbehandeling"
        verbose_name_plural = "stappen in de klachtbehandeling"
        ordering = ["klacht", "datum", "pk"]

    def __str__(self) -> str:
        return f"{self.datum:%d-%m-%Y} {self.omschrijving}"

    def audit_client_id(self) -> int | None:
        return self.klacht.client_id


# --- Wachtlijst -------------------------------------------------------------------------------------------


class CapaciteitQuerySet(OrganisatieQuerySet):
    aanbieder_path = "aanbieder"


class Capaciteitsmelding(models.Model):
    """What a provider reports for one product in one gemeente on one day: its places, how many are
    free, and how many people wait for one. No client data: counts only."""

    gemeente = models.ForeignKey("organisaties.Gemeente", on_delete=models.PROTECT, related_name="+")
    aanbieder = models.ForeignKey(
        "organisaties.Aanbieder", on_delete=models.PROTECT, related_name="capaciteitsmeldingen"
    )
    product = models.ForeignKey("catalogus.Product", on_delete=models.PROTECT, related_name="+")
    peildatum = models.DateField()
    plaatsen = models.PositiveIntegerField("plaatsen in totaal")
    vrije_plaatsen = models.PositiveIntegerField("vrije plaatsen")
    wachtenden = models.PositiveIntegerField("aantal wachtenden")
    toelichting = models.CharField(max_length=300, blank=True)
    gemeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    gemeld_op = models.DateTimeField(auto_now=True)

    objects: ClassVar[Any] = CapaciteitQuerySet.as_manager()

    class Meta:
        verbose_name = "capaciteitsmelding"
        verbose_name_plural = "capaciteitsmeldingen"
        ordering = ["-peildatum", "aanbieder", "product"]
        constraints = [
            models.UniqueConstraint(
                fields=["gemeente", "aanbieder", "product", "peildatum"], name="kwaliteit_capaciteit_uniek"
            ),
            models.CheckConstraint(
                condition=models.Q(vrije_plaatsen__lte=models.F("plaatsen")),
                name="kwaliteit_capaciteit_vrij_binnen_totaal",
            ),
        ]

    def __str__(self) -> str:
        return f"Capaciteit {self.peildatum:%d-%m-%Y}"

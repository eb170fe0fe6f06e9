"""The provider's side of the chain: ondersteuningsplan (versions), evaluatie and signalen."""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from resultaat.core.audit.models import ClientData
from resultaat.core.querysets import GemeenteScopedQuerySet
from resultaat.core.rollen import Rol
from resultaat.toewijzingen.models import ReactieAanbieder, Toewijzing


class SocialeKaartQuerySet(models.QuerySet):
    """Gemeente staff see their gemeenten's sociale kaart; a provider sees the map of every gemeente
    where it has a client (to connect a client to a voorziening, the Plus); only consulenten and
    beheerders of the gemeente keep it (``beheerbaar_voor``)."""

    def for_user(self, user: Any) -> Any:
        if user.is_superuser:
            return self
        if user.is_gemeente_user:
            return self.filter(gemeente__in=user.gemeenten.all())
        if user.is_aanbieder_user and user.aanbieder_id:
            # The few gemeenten of its clients, looked up once (as a subquery PostgreSQL ran it per row):
            # per gemeente whether the provider has a toewijzing there (a toewijzing carries its client's
            # gemeente), one index probe each instead of every toewijzing joined to its client.
            heeft_toewijzing = Toewijzing.objects.filter(
                gemeente=models.OuterRef("pk"), aanbieder_id=user.aanbieder_id
            )
            gemeente_model = self.model._meta.get_field("gemeente").related_model
            gemeenten = set(
                gemeente_model._default_manager.filter(models.Exists(heeft_toewijzing)).values_list(
                    "pk", flat=True
                )
            )
            return self.filter(gemeente__in=gemeenten)
        return self.none()

    def beheerbaar_voor(self, user: Any) -> Any:
        if user.is_superuser:
            return self
        if user.rol in (Rol.CONSULENT, Rol.BEHEERDER):
            return self.filter(gemeente__in=user.gemeenten.all())
        return self.none()


class SocialeKaartVoorziening(models.Model):
    """A voorliggende voorziening on the gemeente's sociale kaart (buurthuis, maaltijdservice, ...)."""

    gemeente = models.ForeignKey(
        "organisaties.Gemeente", on_delete=models.PROTECT, related_name="sociale_kaart"
    )
    naam = models.CharField(max_length=200)
    soort = models.CharField(max_length=100, blank=True)
    adres = models.CharField(max_length=200, blank=True)
    contact = models.CharField(max_length=200, blank=True)

    objects: ClassVar[Any] = SocialeKaartQuerySet.as_manager()

    class Meta:
        verbose_name = "voorziening op de sociale kaart"
        verbose_name_plural = "sociale kaart"
        ordering = ["gemeente", "naam"]

    def __str__(self) -> str:
        return self.naam


class PlanQuerySet(GemeenteScopedQuerySet):
    client_path = "toewijzing__client"
    gemeente_path = "toewijzing__gemeente"
    aanbieder_path = "toewijzing__aanbieder"

    def for_user(self, user: Any) -> Any:
        # A provider that returned the toewijzing no longer reads what was written for it (name, address).
        qs = super().for_user(user)
        if getattr(user, "is_aanbieder_user", False):
            qs = qs.exclude(toewijzing__reactie=ReactieAanbieder.GERETOURNEERD)
        return qs


class PlanStatus(models.TextChoices):
    CONCEPT = "concept", "concept"
    AKKOORD = "akkoord", "akkoord cliënt"
    VERVANGEN = "vervangen", "vervangen door nieuwere versie"


class AkkoordWijze(models.TextChoices):
    HANDTEKENING = "handtekening", "ondertekend op papier"
    DIGITAAL = "digitaal", "digitaal akkoord"
    MONDELING = "mondeling", "mondeling akkoord, vastgelegd door de aanbieder"


class Regiefrequentie(models.TextChoices):
    MAANDELIJKS = "maand", "elke maand"
    KWARTAAL = "kwartaal", "elk kwartaal"
    HALFJAAR = "halfjaar", "elk half jaar"
    JAAR = "jaar", "elk jaar"


class Ondersteuningsplan(ClientData):
    """How the provider reaches the granted result, made with the client; every version is kept."""

    toewijzing = models.ForeignKey(
        "toewijzingen.Toewijzing", on_delete=models.PROTECT, related_name="plannen"
    )
    versie = models.PositiveIntegerField(default=1)
    status = models.CharField(max_length=20, choices=PlanStatus.choices, default=PlanStatus.CONCEPT)
    opgesteld_op = models.DateField()
    akkoord_op = models.DateField(null=True, blank=True)
    akkoord_wijze = models.CharField(max_length=20, choices=AkkoordWijze.choices, blank=True)
    regiefrequentie = models.CharField(
        max_length=20, choices=Regiefrequentie.choices, default=Regiefrequentie.HALFJAAR
    )
    evaluatiedatum = models.DateField(null=True, blank=True)
    toelichting = models.TextField(blank=True)
    opgesteld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    AUDIT_SELECT_RELATED = ("toewijzing",)
    objects: ClassVar[Any] = PlanQuerySet.as_manager()

    class Meta:
        verbose_name = "ondersteuningsplan"
        verbose_name_plural = "ondersteuningsplannen"
        ordering = ["toewijzing", "-versie"]
        constraints = [
            models.UniqueConstraint(fields=["toewijzing", "versie"], name="ondersteuning_plan_versie_uniek")
        ]

    def __str__(self) -> str:
        return f"Ondersteuningsplan versie {self.versie}"

    def audit_client_id(self) -> int | None:
        return self.toewijzing.client_id


class PlanDoel(ClientData):
    plan = models.ForeignKey(Ondersteuningsplan, on_delete=models.CASCADE, related_name="doelen")
    subresultaat = models.ForeignKey(
        "catalogus.Subresultaat", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    doel = models.TextField()

    AUDIT_SELECT_RELATED = ("plan__toewijzing",)

    class Meta:
        verbose_name = "doel"
        verbose_name_plural = "doelen"

    def audit_client_id(self) -> int | None:
        return self.plan.toewijzing.client_id


class Uitvoerder(models.TextChoices):
    AANBIEDER = "aanbieder", "aanbieder"
    CLIENT = "client", "cliënt zelf"
    NETWERK = "netwerk", "netwerk / mantelzorger"
    VRIJWILLIGER = "vrijwilliger", "vrijwilliger"


class PlanActiviteit(ClientData):
    doel = models.ForeignKey(PlanDoel, on_delete=models.CASCADE, related_name="activiteiten")
    wat = models.TextField()
    hoe_vaak = models.CharField(max_length=100)
    door = models.CharField(max_length=20, choices=Uitvoerder.choices, default=Uitvoerder.AANBIEDER)

    AUDIT_SELECT_RELATED = ("doel__plan__toewijzing",)

    class Meta:
        verbose_name = "activiteit"
        verbose_name_plural = "activiteiten"

    def audit_client_id(self) -> int | None:
        return self.doel.plan.toewijzing.client_id


class PlusSoort(models.TextChoices):
    PREVENTIE = "preventie", "preventie"
    SIGNALERING = "signalering", "actieve signalering"
    COACHING = "coaching", "versterken van de regie (coaching)"
    VERBINDING = "verbinding", "verbinden met voorliggende voorzieningen"


class PlusAfspraak(ClientData):
    """The Plus of Thuisondersteuning (seed 000) as agreed in the plan."""

    plan = models.ForeignKey(Ondersteuningsplan, on_delete=models.CASCADE, related_name="plus_afspraken")
    soort = models.CharField(max_length=20, choices=PlusSoort.choices)
    omschrijving = models.TextField()
    voorziening = models.ForeignKey(
        SocialeKaartVoorziening, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    AUDIT_SELECT_RELATED = ("plan__toewijzing",)

    class Meta:
        verbose_name = "Plus-afspraak"
        verbose_name_plural = "Plus-afspraken"

    def audit_client_id(self) -> int | None:
        return self.plan.toewijzing.client_id


class EvaluatieQuerySet(GemeenteScopedQuerySet):
    client_path = "toewijzing__client"
    gemeente_path = "toewijzing__gemeente"
    aanbieder_path = "toewijzing__aanbieder"

    def for_user(self, user: Any) -> Any:
        # A provider that returned the toewijzing no longer reads what was written for it (name, address).
        qs = super().for_user(user)
        if getattr(user, "is_aanbieder_user", False):
            qs = qs.exclude(toewijzing__reactie=ReactieAanbieder.GERETOURNEERD)
        return qs


class ResultaatBehaald(models.TextChoices):
    JA = "ja", "behaald"
    DEELS = "deels", "deels behaald"
    NEE = "nee", "niet behaald"


class EvaluatieMoment(models.TextChoices):
    TUSSENTIJDS = "tussentijds", "op de evaluatiedatum van het plan"
    EINDE = "einde", "aan het einde van de toewijzing"


class EvaluatieRol(models.TextChoices):
    CONSULENT = "consulent", "consulent van de gemeente"
    AANBIEDER = "aanbieder", "aanbieder"


class Evaluatie(ClientData):
    """Was the result reached, and is the client satisfied? One judgement per subresult
    (``oordelen``); ``resultaat_behaald`` sums them up (all reached, none, or partly)."""

    toewijzing = models.ForeignKey(
        "toewijzingen.Toewijzing", on_delete=models.PROTECT, related_name="evaluaties"
    )
    datum = models.DateField()
    resultaat_behaald = models.CharField(max_length=10, choices=ResultaatBehaald.choices)
    client_tevreden = models.PositiveSmallIntegerField(
        "tevredenheid cliënt (1-5)",
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    toelichting = models.TextField(blank=True)
    moment = models.CharField(
        max_length=20, choices=EvaluatieMoment.choices, default=EvaluatieMoment.TUSSENTIJDS
    )
    rol = models.CharField("geëvalueerd door", max_length=20, choices=EvaluatieRol.choices, blank=True)
    clientvisie = models.TextField("wat de cliënt ervan vindt", blank=True)
    uitgevoerd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    AUDIT_SELECT_RELATED = ("toewijzing",)
    objects: ClassVar[Any] = EvaluatieQuerySet.as_manager()

    class Meta:
        verbose_name = "evaluatie"
        verbose_name_plural = "evaluaties"
        ordering = ["-datum"]
        # The lists' order (latest first): page 1 read from the index, not every visible row sorted.
        indexes = [models.Index(fields=["-datum", "-id"], name="ondst_evaluatie_nieuwste")]

    def audit_client_id(self) -> int | None:
        return self.toewijzing.client_id


class EvaluatieOordeel(ClientData):
    """The judgement on one subresult in an evaluation: reached, partly or not, with a note."""

    evaluatie = models.ForeignKey(Evaluatie, on_delete=models.CASCADE, related_name="oordelen")
    subresultaat = models.ForeignKey("catalogus.Subresultaat", on_delete=models.PROTECT, related_name="+")
    behaald = models.CharField(max_length=10, choices=ResultaatBehaald.choices)
    toelichting = models.TextField(blank=True)

    AUDIT_SELECT_RELATED = ("evaluatie__toewijzing",)

    class Meta:
        verbose_name = "oordeel per subresultaat"
        verbose_name_plural = "oordelen per subresultaat"
        ordering = ["evaluatie", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["evaluatie", "subresultaat"], name="ondersteuning_oordeel_subresultaat_uniek"
            )
        ]

    def audit_client_id(self) -> int | None:
        return self.evaluatie.toewijzing.client_id


class SignaalQuerySet(GemeenteScopedQuerySet):
    aanbieder_path = "aanbieder"


class SignaalSoort(models.TextChoices):
    EENZAAMHEID = "eenzaamheid", "eenzaamheid"
    BOODSCHAPPEN = "boodschappen", "boodschappen"
    GELDZORGEN = "geldzorgen", "geldzorgen"
    MANTELZORG = "mantelzorg", "overbelasting mantelzorger"
    ACHTERUITGANG = "achteruitgang", "achteruitgang"
    ONVEILIG = "onveilig", "onveilige woning"
    ANDERS = "anders", "anders"


class SignaalStatus(models.TextChoices):
    NIEUW = "nieuw", "nieuw"
    IN_BEHANDELING = "behandeling", "in behandeling"
    AFGEHANDELD = "afgehandeld", "afgehandeld"


class Signaal(ClientData):
    """Something a provider noticed (the Plus: signalering) that the consulent follows up."""

    client = models.ForeignKey("clienten.Client", on_delete=models.PROTECT, related_name="signalen")
    aanbieder = models.ForeignKey("organisaties.Aanbieder", on_delete=models.PROTECT, related_name="signalen")
    toewijzing = models.ForeignKey(
        "toewijzingen.Toewijzing", null=True, blank=True, on_delete=models.PROTECT, related_name="signalen"
    )
    soort = models.CharField(max_length=20, choices=SignaalSoort.choices)
    toelichting = models.TextField()
    gemeld_op = models.DateTimeField()
    gemeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=20, choices=SignaalStatus.choices, default=SignaalStatus.NIEUW)
    opvolging = models.TextField(blank=True, help_text="Interne aantekening van de gemeente.")
    terugkoppeling = models.TextField(
        "terugkoppeling aan aanbieder",
        blank=True,
        help_text="Wat de aanbieder over de opvolging te zien krijgt.",
    )
    opgevolgd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    afgehandeld_op = models.DateTimeField(null=True, blank=True)

    objects: ClassVar[Any] = SignaalQuerySet.as_manager()

    class Meta:
        verbose_name = "signaal"
        verbose_name_plural = "signalen"
        ordering = ["-gemeld_op"]
        indexes = [models.Index(fields=["-gemeld_op", "-id"], name="ondst_signaal_nieuwste")]

    def __str__(self) -> str:
        return f"Signaal {self.get_soort_display()}"


class RegiegesprekQuerySet(GemeenteScopedQuerySet):
    client_path = "toewijzing__client"
    gemeente_path = "toewijzing__gemeente"
    aanbieder_path = "toewijzing__aanbieder"


class Regiegesprek(ClientData):
    """A conversation with the client about keeping control of their own life, as often as the plan's
    regiefrequentie says: when, who took part, and what came out of it."""

    toewijzing = models.ForeignKey(
        "toewijzingen.Toewijzing", on_delete=models.PROTECT, related_name="regiegesprekken"
    )
    datum = models.DateField()
    deelnemers = models.CharField("wie waren erbij", max_length=300)
    uitkomst = models.TextField()
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    AUDIT_SELECT_RELATED = ("toewijzing",)
    objects: ClassVar[Any] = RegiegesprekQuerySet.as_manager()

    class Meta:
        verbose_name = "regiegesprek"
        verbose_name_plural = "regiegesprekken"
        ordering = ["-datum", "-pk"]

    def audit_client_id(self) -> int | None:
        return self.toewijzing.client_id

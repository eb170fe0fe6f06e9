"""Bekostiging: period calendars, payment policies per contract, settlement runs and their lines, batches.

- A :class:`Periode` is a half-open date range ``[begin, eind)`` of a gemeente's calendar for one year:
  13 four-week CAK periods (``2017-P01`` .. ``2017-P13``; the 13th runs to the year end) or 12 months
  (``2017-01``).
- A :class:`Betaalbeleid` is the policy of one contract as data: partial periods, temporary stops,
  death and provider switches. A contract without one is paid by the defaults of this model.
- An :class:`Afrekenrun` settles one period of one gemeente; its :class:`Afrekenregel` rows are
  written by one ``INSERT ... SELECT`` (``services.afrekenen``). Past runs are never edited: a later
  change becomes a correction line in a later run.

Settlement lines hold client data but are not :class:`~resultaat.core.audit.models.ClientData`: a run of a
million lines would otherwise write a million audit events. The run writes one audit event instead
(who settled which period, how many lines), and the lines are only reachable through
``Afrekenregel.objects.for_user`` (gemeente staff of the gemeente; a provider only its own lines).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from resultaat.core.models import Geldigheid
from resultaat.core.opmaak import datum, euro
from resultaat.core.querysets import OrganisatieQuerySet
from resultaat.core.validators import validate_iban


class KalenderSoort(models.TextChoices):
    VIER_WEKEN = "4w", "13 perioden van 4 weken (CAK)"
    MAAND = "maand", "kalendermaanden"


class CakPeriodejaar(models.Model):
    """The first day of period 1 of the CAK's four-week calendar of a year, as the CAK publishes it (2019:
    31-12-2018). A year without a row starts on 1 January. Period 13 runs up to the first day of the next
    year's period 1, so the calendars of consecutive years join without gap or overlap."""

    jaar = models.PositiveSmallIntegerField(unique=True)
    begin = models.DateField("eerste dag van periode 1")
    bron = models.CharField(max_length=200, blank=True)

    class Meta:
        verbose_name = "CAK-periodejaar"
        verbose_name_plural = "CAK-periodejaren"
        ordering = ["jaar"]

    def __str__(self) -> str:
        return f"{self.jaar}: periode 1 vanaf {self.begin:%d-%m-%Y}"


class Periodekalender(models.Model):
    gemeente = models.ForeignKey("organisaties.Gemeente", on_delete=models.PROTECT, related_name="+")
    jaar = models.PositiveSmallIntegerField()
    soort = models.CharField(max_length=5, choices=KalenderSoort.choices, default=KalenderSoort.VIER_WEKEN)

    class Meta:
        verbose_name = "periodekalender"
        verbose_name_plural = "periodekalenders"
        ordering = ["gemeente", "jaar"]
        constraints = [
            models.UniqueConstraint(fields=["gemeente", "jaar"], name="bekostiging_kalender_uniek"),
        ]

    def __str__(self) -> str:
        return f"{self.jaar} {self.get_soort_display()}"


# The start page asks for the periods of the last year that still need settling, not every period ever.
AF_TE_REKENEN_DAGEN = 365


class PeriodeQuerySet(OrganisatieQuerySet):
    """Gemeente staff only: periods are the gemeente's own calendar."""

    def af_te_rekenen(self, vandaag: dt.date) -> PeriodeQuerySet:
        """Ended periods of the last year that no approved run settled: none of the gemeente's approved
        runs is for this period or a later one (a run settles its period and every one before it)."""
        goedgekeurd = Afrekenrun.objects.filter(
            gemeente=models.OuterRef("gemeente"),
            status=RunStatus.GOEDGEKEURD,
            periode__begin__gte=models.OuterRef("begin"),
        )
        return (
            self.filter(eind__lte=vandaag, eind__gt=vandaag - dt.timedelta(days=AF_TE_REKENEN_DAGEN))
            .exclude(models.Exists(goedgekeurd))
            .order_by("gemeente__naam", "begin")
        )


class Periode(models.Model):
    """One settlement period, half-open ``[begin, eind)``."""

    kalender = models.ForeignKey(Periodekalender, on_delete=models.CASCADE, related_name="perioden")
    gemeente = models.ForeignKey("organisaties.Gemeente", on_delete=models.PROTECT, related_name="+")
    code = models.CharField(max_length=8, help_text="YYYY-PNN (4 weken) of YYYY-MM (maand).")
    nummer = models.PositiveSmallIntegerField()
    begin = models.DateField()
    eind = models.DateField(help_text="Eerste dag ná de periode (halfopen).")

    objects: ClassVar[Any] = PeriodeQuerySet.as_manager()

    class Meta:
        verbose_name = "periode"
        verbose_name_plural = "perioden"
        ordering = ["gemeente", "begin"]
        constraints = [
            models.UniqueConstraint(fields=["gemeente", "code"], name="bekostiging_periode_uniek"),
            models.CheckConstraint(condition=Q(eind__gt=models.F("begin")), name="bekostiging_periode_eind"),
        ]

    def __str__(self) -> str:
        return self.code

    @property
    def dagen(self) -> int:
        return (self.eind - self.begin).days

    @property
    def laatste_dag(self) -> dt.date:
        return self.eind - dt.timedelta(days=1)


class Deelperiode(models.TextChoices):
    PRO_RATA = "pro_rata", "naar rato van de dagen"
    PEILDAG = "peildag", "volledig bedrag als de zorg op de peildag loopt"
    NIETS = "niets", "niets voor een gedeeltelijke periode"


class Overlijden(models.TextChoices):
    TOT_DATUM = "tot_datum", "tot en met de datum van overlijden"
    PERIODE_AF = "periode_af", "de periode van overlijden wordt afgemaakt"


class Overstap(models.TextChoices):
    DEELPERIODE = "deelperiode", "beide aanbieders volgens de regel voor gedeeltelijke perioden"
    OUDE = "oude", "de oude aanbieder krijgt de overstapperiode, de nieuwe niets"
    NIEUWE = "nieuwe", "de nieuwe aanbieder krijgt de overstapperiode, de oude niets"
    BEIDE = "beide", "beide aanbieders het volledige bedrag"


class Grondslag(models.TextChoices):
    """What a payment rests on (seed 004: the plan and the one start message are the basis)."""

    START = "start", "de startmelding"
    PLAN = "plan", "de startmelding en een akkoord ondersteuningsplan"


class Betaalbeleid(models.Model):
    """The payment policy of a contract, as data. A switch is governed by the new provider's policy."""

    contract = models.OneToOneField(
        "contracten.Contract", on_delete=models.CASCADE, related_name="betaalbeleid"
    )
    deelperiode = models.CharField(max_length=10, choices=Deelperiode.choices, default=Deelperiode.PRO_RATA)
    peildag = models.PositiveSmallIntegerField(
        default=1, help_text="Dag van de periode (1 = eerste dag) die telt bij de regel 'peildag'."
    )
    tijdelijke_stop_dagen = models.PositiveSmallIntegerField(
        default=0, help_text="Zoveel dagen na een tijdelijke stop (reden 20) wordt nog betaald."
    )
    overlijden = models.CharField(max_length=10, choices=Overlijden.choices, default=Overlijden.TOT_DATUM)
    overstap = models.CharField(max_length=12, choices=Overstap.choices, default=Overstap.DEELPERIODE)
    grondslag = models.CharField(
        max_length=5,
        choices=Grondslag.choices,
        default=Grondslag.START,
        help_text="Betalen vanaf de startmelding, of alleen als er ook een akkoord ondersteuningsplan is.",
    )
    plan_termijn_dagen = models.PositiveSmallIntegerField(
        default=42,
        help_text="Bij grondslag 'plan': zoveel dagen vanaf de eerste start wordt betaald zonder akkoord "
        "plan; daarna pas weer vanaf de dag van het akkoord.",
    )
    voorschot = models.BooleanField(
        default=False,
        help_text="Ja: een periode die nog niet voorbij is, wordt vooraf betaald (een latere stop wordt "
        "verrekend). Nee: pas betalen als de periode voorbij is.",
    )

    class Meta:
        verbose_name = "betaalbeleid"
        verbose_name_plural = "betaalbeleid"

    def __str__(self) -> str:
        return f"Betaalbeleid {self.contract}"


class Stapelregel(Geldigheid):
    """Two products that may run together for one client in this gemeente, as data.

    Without a rule, two toewijzingen of one client for the same product, or for two products of the
    same result, are never both paid for the same day: the run holds both and lists the conflict."""

    gemeente = models.ForeignKey("organisaties.Gemeente", on_delete=models.PROTECT, related_name="+")
    product = models.ForeignKey("catalogus.Product", on_delete=models.PROTECT, related_name="+")
    samen_met = models.ForeignKey("catalogus.Product", on_delete=models.PROTECT, related_name="+")
    toelichting = models.CharField(max_length=200, blank=True)

    class Meta(Geldigheid.Meta):
        verbose_name = "stapelregel"
        verbose_name_plural = "stapelregels"
        ordering = ["gemeente", "product", "samen_met", "geldig_van"]

    def __str__(self) -> str:
        return f"{self.product} samen met {self.samen_met}"


class BetaalInstelling(models.Model):
    """The gemeente as payer in SEPA files: account holder, IBAN, BIC and the SEPA initiating party.

    The details change by four eyes only (``bekostiging.betaalgegevens``): a beheerder proposes new ones
    (the ``voorstel_*`` fields) and they take effect when a second person confirms them. A run keeps
    the details as they were at its approval (``Afrekenrun.betaler_*``)."""

    gemeente = models.OneToOneField("organisaties.Gemeente", on_delete=models.CASCADE, related_name="+")
    naam = models.CharField("rekeninghouder", max_length=70, blank=True)
    iban = models.CharField("IBAN", max_length=34, blank=True, validators=[validate_iban])
    bic = models.CharField("BIC", max_length=11, blank=True)
    initiatiefnemer = models.CharField(
        "kenmerk initiatiefnemer",
        max_length=35,
        blank=True,
        help_text="SEPA: identificatie van de opdrachtgever.",
    )
    voorstel_naam = models.CharField("voorgestelde rekeninghouder", max_length=70, blank=True)
    voorstel_iban = models.CharField(
        "voorgesteld IBAN", max_length=34, blank=True, validators=[validate_iban]
    )
    voorstel_bic = models.CharField("voorgestelde BIC", max_length=11, blank=True)
    voorstel_initiatiefnemer = models.CharField(
        "voorgesteld kenmerk initiatiefnemer", max_length=35, blank=True
    )
    voorgesteld_door = models.CharField(max_length=150, blank=True)
    voorgesteld_op = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "betaalgegevens gemeente"
        verbose_name_plural = "betaalgegevens gemeenten"

    def __str__(self) -> str:
        return self.naam or f"Betaalgegevens (nog niet bevestigd) {self.gemeente_id}"

    @property
    def bevestigd(self) -> bool:
        return bool(self.naam and self.iban and self.bic)

    @property
    def heeft_voorstel(self) -> bool:
        return bool(self.voorgesteld_door)

    def bevestiging_bezwaar(self, door: Any) -> str | None:
        """Why ``door`` may not confirm the proposal (four eyes), or None."""
        if not self.heeft_voorstel:
            return "Er zijn geen voorgestelde betaalgegevens om te bevestigen."
        if self.voorgesteld_door == door.get_username():
            return "Nieuwe betaalgegevens worden bevestigd door iemand anders dan wie ze voorstelde."
        return None


class RunStatus(models.TextChoices):
    CONCEPT = "concept", "concept"
    GOEDGEKEURD = "goedgekeurd", "goedgekeurd"


class AfrekenrunQuerySet(OrganisatieQuerySet):
    """Gemeente staff only: a provider sees its own lines and batches, not the whole run."""

    def te_goedkeuren_door(self, user: Any) -> AfrekenrunQuerySet:
        """Concept runs that ``user`` may approve: made by someone else (four eyes, as
        ``Afrekenrun.goedkeuring_bezwaar``; a run of the command has only its maker's name)."""
        return (
            self.filter(status=RunStatus.CONCEPT)
            .exclude(aangemaakt_door_id=user.pk)
            .exclude(Q(aangemaakt_door__isnull=True) & Q(aangemaakt_door_naam=user.get_username()))
        )

    def recent_goedgekeurd(self, dagen: int) -> AfrekenrunQuerySet:
        return self.filter(
            status=RunStatus.GOEDGEKEURD, goedgekeurd_op__gte=timezone.now() - dt.timedelta(days=dagen)
        )


class Afrekenrun(models.Model):
    gemeente = models.ForeignKey("organisaties.Gemeente", on_delete=models.PROTECT, related_name="+")
    periode = models.ForeignKey(Periode, on_delete=models.PROTECT, related_name="runs")
    status = models.CharField(max_length=12, choices=RunStatus.choices, default=RunStatus.CONCEPT)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    aangemaakt_door_naam = models.CharField(max_length=150)
    goedgekeurd_op = models.DateTimeField(null=True, blank=True)
    goedgekeurd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    aantal_regels = models.PositiveIntegerField(default=0)
    totaal_cent = models.BigIntegerField(default=0)
    # The gemeente's bank details at approval: the SEPA file pays from these, whatever changes later.
    betaler_naam = models.CharField(max_length=70, blank=True)
    betaler_iban = models.CharField(max_length=34, blank=True)
    betaler_bic = models.CharField(max_length=11, blank=True)
    betaler_initiatiefnemer = models.CharField(max_length=35, blank=True)
    # Per period (id) a fingerprint of what the run settled it with (calendar, policies, tariffs,
    # stapelregels, ended or not): a later run recomputes an earlier period in full only when it differs.
    referentie = models.JSONField(default=dict, blank=True)
    volledig = models.BooleanField(default=True, help_text="Alle perioden volledig herberekend.")

    objects: ClassVar[Any] = AfrekenrunQuerySet.as_manager()

    class Meta:
        verbose_name = "afrekenrun"
        verbose_name_plural = "afrekenruns"
        ordering = ["-aangemaakt_op", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(goedgekeurd_door__isnull=True) | ~Q(goedgekeurd_door=models.F("aangemaakt_door")),
                name="bekostiging_run_vier_ogen",
                violation_error_message="Wie een run maakt, mag hem niet zelf goedkeuren.",
            ),
        ]

    def __str__(self) -> str:
        return f"Afrekenrun {self.pk} {self.periode.code}"

    def goedkeuring_bezwaar(self, door: Any) -> str | None:
        """Why ``door`` may not approve this run (four eyes), or None when they may. The one place of
        the rule: the service refuses with this text and the page shows the button only without it;
        the database constraint ``bekostiging_run_vier_ogen`` is the last guard."""
        if self.status != RunStatus.CONCEPT:
            return "Deze run is al goedgekeurd."
        zelfde_gebruiker = self.aangemaakt_door_id is not None and self.aangemaakt_door_id == door.pk
        # A run made on the command line has no user, only the name it was made under.
        zelfde_naam = self.aangemaakt_door_id is None and self.aangemaakt_door_naam == door.get_username()
        if zelfde_gebruiker or zelfde_naam:
            return "Een run moet worden goedgekeurd door iemand anders dan wie hem maakte."
        return None


class Runwijziging(models.Model):
    """A client whose data changed since the previous run (from the audit trail): the run recomputes the
    earlier periods for these clients only. Written set-based, never edited."""

    run = models.ForeignKey(
        Afrekenrun, on_delete=models.CASCADE, related_name="+", db_constraint=False, db_index=False
    )
    client_id = models.BigIntegerField()

    class Meta:
        verbose_name = "runwijziging"
        verbose_name_plural = "runwijzigingen"
        indexes = [models.Index(fields=["run", "client_id"])]

    def __str__(self) -> str:
        return f"Run {self.run_id}: cliënt {self.client_id}"


class RegelSoort(models.TextChoices):
    NORMAAL = "normaal", "normaal"
    CORRECTIE = "correctie", "correctie"


class Regel(models.TextChoices):
    """Why a line has its amount: the rule that applied."""

    VOLLEDIG = "volledig", "hele periode in zorg"
    PRO_RATA = "pro_rata", "gedeeltelijke periode, naar rato van de dagen"
    PEILDAG_JA = "peildag_ja", "gedeeltelijke periode, in zorg op de peildag: volledig bedrag"
    PEILDAG_NEE = "peildag_nee", "gedeeltelijke periode, niet in zorg op de peildag: niets"
    GEEN_PLAN = "geen_plan", "geen akkoord ondersteuningsplan na de termijn: niets"
    DEEL_NIETS = "deel_niets", "gedeeltelijke periode: volgens het beleid niets"
    OVERSTAP_VOL = "overstap_vol", "overstap in deze periode: volgens het beleid het volledige bedrag"
    OVERSTAP_NIETS = "overstap_niets", "overstap in deze periode: volgens het beleid niets"
    OVERLIJDEN_VOL = "overlijden_vol", "overleden in deze periode: volgens het beleid de hele periode"
    GEEN_ZORG = "geen_zorg", "geen zorg in deze periode (meer)"


class AfrekenregelQuerySet(OrganisatieQuerySet):
    gemeente_path = "run__gemeente"
    aanbieder_path = "aanbieder"


# The fields a settlement run writes for each line, in the order of its statement (bekostiging.sql).
REGEL_VELDEN = (
    "run",
    "periode",
    "toewijzing",
    "client",
    "aanbieder",
    "product",
    "soort",
    "regel",
    "bedrag_cent",
    "verschuldigd_cent",
    "eerder_betaald_cent",
    "tarief_cent",
    "dagen",
    "periode_dagen",
    "eerste_dag",
    "laatste_dag",
    "grondslag",
)


class Afrekenregel(models.Model):
    """What one toewijzing earns (or is corrected by) for one period, with the reason."""

    # No database foreign-key constraints or single-column indexes on the lines: a run inserts up to
    # millions of them in one statement, from the very rows they point to, and never edits them; a
    # per-row constraint check and five extra indexes would triple its time. on_delete still applies
    # in Django. The indexes below serve every query on lines (per run and provider; per period and
    # toewijzing for the corrections).
    run = models.ForeignKey(
        Afrekenrun, on_delete=models.CASCADE, related_name="regels", db_constraint=False, db_index=False
    )
    periode = models.ForeignKey(
        Periode, on_delete=models.PROTECT, related_name="regels", db_constraint=False, db_index=False
    )
    toewijzing = models.ForeignKey(
        "toewijzingen.Toewijzing",
        on_delete=models.PROTECT,
        related_name="+",
        db_constraint=False,
        db_index=False,
    )
    client = models.ForeignKey(
        "clienten.Client", on_delete=models.PROTECT, related_name="+", db_constraint=False, db_index=False
    )
    aanbieder = models.ForeignKey(
        "organisaties.Aanbieder",
        on_delete=models.PROTECT,
        related_name="+",
        db_constraint=False,
        db_index=False,
    )
    product = models.ForeignKey(
        "catalogus.Product", on_delete=models.PROTECT, related_name="+", db_constraint=False, db_index=False
    )
    soort = models.CharField(max_length=10, choices=RegelSoort.choices)
    regel = models.CharField(max_length=16, choices=Regel.choices)
    bedrag_cent = models.BigIntegerField(help_text="Positief: te betalen; negatief: terug te vorderen.")
    verschuldigd_cent = models.BigIntegerField(help_text="Wat voor deze periode in totaal verschuldigd is.")
    eerder_betaald_cent = models.BigIntegerField(default=0)
    tarief_cent = models.BigIntegerField(help_text="Bedrag voor een hele periode.")
    dagen = models.PositiveSmallIntegerField(help_text="Dagen in zorg in deze periode.")
    periode_dagen = models.PositiveSmallIntegerField()
    eerste_dag = models.DateField(null=True, blank=True)
    laatste_dag = models.DateField(null=True, blank=True)
    grondslag = models.CharField(
        max_length=5, choices=Grondslag.choices, default=Grondslag.START, help_text="Waarop de betaling rust."
    )

    objects: ClassVar[Any] = AfrekenregelQuerySet.as_manager()

    class Meta:
        verbose_name = "afrekenregel"
        verbose_name_plural = "afrekenregels"
        ordering = ["run", "aanbieder", "toewijzing"]
        constraints = [
            # One normal line per toewijzing and period, whatever happens: later ones are corrections.
            # Period first: a run's new lines all fall in one key range of the index (its period), so
            # writing them costs the same however many periods were settled before; with the
            # toewijzing first every run touched every page of an index that grows with the history.
            models.UniqueConstraint(
                fields=["periode", "toewijzing"],
                condition=Q(soort="normaal"),
                name="bekostiging_regel_een_normale",
            ),
        ]
        indexes = [
            models.Index(fields=["periode", "toewijzing"]),
            models.Index(fields=["run", "aanbieder"]),
            # The order of the lines list (API, by run and id): page 1 read from the index instead of
            # every line of the user's runs joined and sorted. A run's new lines land at its end.
            models.Index(fields=["run", "id"], name="afrekenregel_lijstvolgorde"),
            # No index led by the client or the toewijzing: a run writes a line for every client, and in
            # such an index those land all over an index that holds every earlier period (at 1,000,000
            # toewijzingen and 26 periods it doubled the cost of writing a period's lines). One client's
            # lines are found through (period, toewijzing): its toewijzingen times its gemeente's periods.
        ]

    def __str__(self) -> str:
        return f"Regel {self.pk}"

    @property
    def toelichting(self) -> str:
        def d(x: dt.date | None) -> str:
            return datum(x, "-")

        tekst = f"{Regel(self.regel).label}; {self.dagen} van {self.periode_dagen} dagen"
        if self.eerste_dag:
            tekst += f" ({d(self.eerste_dag)} t/m {d(self.laatste_dag)})"
        tekst += (
            f"; tarief {euro(self.tarief_cent)} per periode; grondslag: {Grondslag(self.grondslag).label}"
        )
        if self.soort == RegelSoort.CORRECTIE:
            tekst += (
                f"; verschuldigd {euro(self.verschuldigd_cent)}, "
                f"eerder betaald {euro(self.eerder_betaald_cent)}"
            )
        return tekst


class ConflictReden(models.TextChoices):
    ZELFDE_PRODUCT = "zelfde_product", "twee toewijzingen voor hetzelfde product op dezelfde dagen"
    ZELFDE_RESULTAAT = (
        "zelfde_resultaat",
        "twee toewijzingen voor hetzelfde resultaat op dezelfde dagen, zonder stapelregel",
    )


class AfrekenconflictQuerySet(OrganisatieQuerySet):
    gemeente_path = "run__gemeente"
    aanbieder_path = "aanbieder"


class Afrekenconflict(models.Model):
    """A toewijzing the run held back for one period: it overlaps another toewijzing of the same client
    for the same result on at least one day. Neither is paid (nor corrected) for that period until the
    financieel user has the overlap resolved (an einddatum changed, or a stapelregel); a later run then
    settles both. Written set-based with the run, like its lines."""

    run = models.ForeignKey(Afrekenrun, on_delete=models.CASCADE, related_name="conflicten")
    periode = models.ForeignKey(Periode, on_delete=models.PROTECT, related_name="+")
    client = models.ForeignKey("clienten.Client", on_delete=models.PROTECT, related_name="+")
    toewijzing = models.ForeignKey("toewijzingen.Toewijzing", on_delete=models.PROTECT, related_name="+")
    andere_toewijzing = models.ForeignKey(
        "toewijzingen.Toewijzing", on_delete=models.PROTECT, related_name="+"
    )
    aanbieder = models.ForeignKey("organisaties.Aanbieder", on_delete=models.PROTECT, related_name="+")
    reden = models.CharField(max_length=20, choices=ConflictReden.choices)
    eerste_dag = models.DateField(help_text="Eerste dag waarop beide lopen.")
    laatste_dag = models.DateField(help_text="Laatste dag waarop beide lopen.")

    objects: ClassVar[Any] = AfrekenconflictQuerySet.as_manager()

    class Meta:
        verbose_name = "afrekenconflict"
        verbose_name_plural = "afrekenconflicten"
        ordering = ["run", "client", "periode", "toewijzing"]
        indexes = [models.Index(fields=["run", "toewijzing", "periode"])]

    def __str__(self) -> str:
        return f"Conflict {self.toewijzing_id}/{self.andere_toewijzing_id} {self.periode_id}"

    @property
    def beschrijving(self) -> str:
        """For the financieel user: who, which two toewijzingen, which days, why, and what resolves it."""
        t, a = self.toewijzing, self.andere_toewijzing
        return (
            f"{self.client.naam}, periode {self.periode.code}: toewijzing {t.nummer} ({t.product.naam}, "
            f"{t.aanbieder.naam}) en toewijzing {a.nummer} ({a.product.naam}, {a.aanbieder.naam}) lopen "
            f"allebei van {self.eerste_dag:%d-%m-%Y} t/m {self.laatste_dag:%d-%m-%Y}: "
            f"{self.get_reden_display()}. Niet betaald tot de einddatum van één van beide is aangepast "
            "of een stapelregel ze samen toestaat."
        )


class BetaalbatchQuerySet(OrganisatieQuerySet):
    gemeente_path = "run__gemeente"
    aanbieder_path = "aanbieder"


class Betaalbatch(models.Model):
    """What one provider is paid from an approved run: the basis of its specification and transfer."""

    run = models.ForeignKey(Afrekenrun, on_delete=models.PROTECT, related_name="batches")
    aanbieder = models.ForeignKey("organisaties.Aanbieder", on_delete=models.PROTECT, related_name="+")
    aantal_regels = models.PositiveIntegerField()
    aantal_clienten = models.PositiveIntegerField()
    totaal_cent = models.BigIntegerField()
    # The account this batch pays, fixed at approval (four eyes): a later change of the provider's bank
    # details never redirects an approved payment. Every file of the batch uses these, never
    # ``aanbieder.iban``.
    iban = models.CharField(
        "IBAN", max_length=34, blank=True, help_text="Het IBAN van de aanbieder bij de goedkeuring."
    )
    rekeninghouder = models.CharField(
        max_length=200, blank=True, help_text="De naam van de aanbieder bij de goedkeuring."
    )

    objects: ClassVar[Any] = BetaalbatchQuerySet.as_manager()

    class Meta:
        verbose_name = "betaalspecificatie"
        verbose_name_plural = "betaalspecificaties"
        ordering = ["run", "aanbieder__naam"]
        constraints = [
            models.UniqueConstraint(fields=["run", "aanbieder"], name="bekostiging_batch_uniek"),
        ]

    def __str__(self) -> str:
        return f"Batch {self.aanbieder} {self.run.periode.code}"

    @property
    def kenmerk(self) -> str:
        return f"R{self.run_id}-{self.aanbieder.agb_code}"


class Budget(models.Model):
    gemeente = models.ForeignKey("organisaties.Gemeente", on_delete=models.PROTECT, related_name="+")
    jaar = models.PositiveSmallIntegerField()
    product = models.ForeignKey("catalogus.Product", on_delete=models.PROTECT, related_name="+")
    bedrag_cent = models.BigIntegerField()

    class Meta:
        verbose_name = "budget"
        verbose_name_plural = "budgetten"
        ordering = ["gemeente", "jaar", "product"]
        constraints = [
            models.UniqueConstraint(fields=["gemeente", "jaar", "product"], name="bekostiging_budget_uniek"),
        ]

    def __str__(self) -> str:
        return f"Budget {self.jaar} {self.product}"

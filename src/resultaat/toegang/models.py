"""Toegang: melding -> onderzoek -> aanvraag -> beschikking, with the legal deadlines of the Wmo 2015."""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from resultaat.catalogus.models import OmvangEenheid, omvang_tekst
from resultaat.core import termijnen
from resultaat.core.audit.models import ClientData
from resultaat.core.querysets import GemeenteScopedQuerySet


class GemeenteOnlyQuerySet(GemeenteScopedQuerySet):
    """Toegang records are the gemeente's own working files: providers never see them."""


class TermijnzaakQuerySet(GemeenteOnlyQuerySet):
    # A melding or aanvraag carries its client's gemeente (set from the client when it is made).
    gemeente_path = "gemeente"

    def bulk_create(self, objs: Any, *args: Any, **kwargs: Any) -> list[Any]:
        # A bulk insert skips save(): the stored last day of the term is filled here too.
        objs = list(objs)
        for obj in objs:
            obj.uiterlijk = obj.bereken_uiterlijk()
        return super().bulk_create(objs, *args, **kwargs)


class MeldingWijze(models.TextChoices):
    TELEFOON = "telefoon", "telefonisch"
    LOKET = "loket", "aan het loket"
    DIGITAAL = "digitaal", "digitaal formulier"
    VERWIJZING = "verwijzing", "verwijzing (huisarts, wijkteam)"
    AANBIEDER = "aanbieder", "via een aanbieder"


class MeldingStatus(models.TextChoices):
    ONTVANGEN = "ontvangen", "ontvangen"
    IN_ONDERZOEK = "onderzoek", "in onderzoek"
    AFGEROND = "afgerond", "onderzoek afgerond"
    INGETROKKEN = "ingetrokken", "ingetrokken"


class Termijnzaak(ClientData):
    """A melding or aanvraag: received on ``ontvangen_op``, to be answered within the legal ``TERMIJN``,
    lengthened by the days it stood still at the client's request (``opgeschort_dagen``)."""

    TERMIJN: ClassVar[termijnen.Termijn]
    ontvangen_op: dt.date
    opgeschort_dagen: int
    client_id: int

    verlengd_tot = models.DateField(
        "termijn verlengd tot en met",
        null=True,
        blank=True,
        help_text="Nieuwe laatste dag na een verlenging; leeg: de wettelijke termijn.",
    )
    uiterlijk = models.DateField(
        "termijn tot en met",
        null=True,
        blank=True,
        editable=False,
        help_text="De laatste dag van de termijn zoals die nu geldt (berekend bij elke opslag).",
    )

    objects: ClassVar[Any] = TermijnzaakQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["-ontvangen_op"]
        # The lists' order (newest first): page 1 read from the index, not every visible row sorted.
        indexes = [models.Index(fields=["-ontvangen_op", "-id"], name="%(app_label)s_%(class)s_nieuwste")]

    def __str__(self) -> str:
        return f"{str(self._meta.verbose_name).capitalize()} {self.ontvangen_op:%d-%m-%Y}"

    def bereken_uiterlijk(self) -> dt.date:
        """The last day of the term: the extended one, else the legal term lengthened by the pauses (a pause
        after an extension moves ``verlengd_tot`` itself)."""
        if self.verlengd_tot is not None:
            return self.verlengd_tot
        return self.TERMIJN.uiterlijk(self.ontvangen_op) + dt.timedelta(days=self.opgeschort_dagen)

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.uiterlijk = self.bereken_uiterlijk()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "uiterlijk"}
        super().save(*args, **kwargs)


class Melding(Termijnzaak):
    TERMIJN = termijnen.ONDERZOEK

    client = models.ForeignKey("clienten.Client", on_delete=models.PROTECT, related_name="meldingen")
    gemeente = models.ForeignKey("organisaties.Gemeente", on_delete=models.PROTECT, related_name="+")
    ontvangen_op = models.DateField()
    wijze = models.CharField(max_length=20, choices=MeldingWijze.choices, default=MeldingWijze.TELEFOON)
    hulpvraag = models.TextField(blank=True)
    consulent = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=20, choices=MeldingStatus.choices, default=MeldingStatus.ONTVANGEN)
    opgeschort_dagen = models.PositiveIntegerField(
        default=0, help_text="Dagen dat de termijn op verzoek van de cliënt stil stond."
    )

    class Meta(Termijnzaak.Meta):
        verbose_name = "melding"
        verbose_name_plural = "meldingen"
        indexes = [
            *Termijnzaak.Meta.indexes,
            # The register of terms (``awb.register``) in its order, the first term to end first: page 1
            # read from the index instead of every visible melding joined to its client and sorted.
            models.Index(fields=["uiterlijk", "id"], name="toegang_melding_termijn"),
        ]

    @property
    def onderzoek_uiterlijk(self) -> dt.date:
        return self.bereken_uiterlijk()


class Onderzoek(ClientData):
    """The keukentafelgesprek and its report."""

    melding = models.OneToOneField(Melding, on_delete=models.PROTECT, related_name="onderzoek")
    client = models.ForeignKey("clienten.Client", on_delete=models.PROTECT, related_name="onderzoeken")
    datum_gesprek = models.DateField(null=True, blank=True)
    consulent = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    situatie = models.TextField("situatie en hulpvraag", blank=True)
    eigen_kracht = models.TextField(blank=True)
    netwerk = models.TextField("sociaal netwerk", blank=True)
    mantelzorg = models.TextField(blank=True)
    voorliggende_voorzieningen = models.TextField("voorliggende voorzieningen overwogen", blank=True)
    afgerond_op = models.DateField(null=True, blank=True)

    objects: ClassVar[Any] = GemeenteOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = "onderzoek"
        verbose_name_plural = "onderzoeken"

    def __str__(self) -> str:
        return f"Onderzoek {self.datum_gesprek or ''}".strip()


class ZRMDomein(models.TextChoices):
    """The 13 domains of the Zelfredzaamheid-Matrix (2017 version)."""

    FINANCIEN = "financien", "Financiën"
    WERK_OPLEIDING = "werk", "Werk & opleiding"
    TIJDSBESTEDING = "tijdsbesteding", "Tijdsbesteding"
    HUISVESTING = "huisvesting", "Huisvesting"
    HUISELIJKE_RELATIES = "relaties", "Huiselijke relaties"
    GEESTELIJKE_GEZONDHEID = "geestelijk", "Geestelijke gezondheid"
    LICHAMELIJKE_GEZONDHEID = "lichamelijk", "Lichamelijke gezondheid"
    MIDDELENGEBRUIK = "middelen", "Middelengebruik"
    BASALE_ADL = "adl", "Basale ADL"
    INSTRUMENTELE_ADL = "iadl", "Instrumentele ADL"
    SOCIAAL_NETWERK = "netwerk", "Sociaal netwerk"
    MAATSCHAPPELIJKE_PARTICIPATIE = "participatie", "Maatschappelijke participatie"
    JUSTITIE = "justitie", "Justitie"


class ZRMNiveau(models.IntegerChoices):
    ACUUT = 1, "1 acute problematiek"
    NIET = 2, "2 niet zelfredzaam"
    BEPERKT = 3, "3 beperkt zelfredzaam"
    VOLDOENDE = 4, "4 voldoende zelfredzaam"
    VOLLEDIG = 5, "5 volledig zelfredzaam"


class ZRMScore(ClientData):
    onderzoek = models.ForeignKey(Onderzoek, on_delete=models.CASCADE, related_name="zrm_scores")
    domein = models.CharField(max_length=20, choices=ZRMDomein.choices)
    niveau = models.PositiveSmallIntegerField(
        choices=ZRMNiveau.choices, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    toelichting = models.TextField(blank=True)

    AUDIT_SELECT_RELATED = ("onderzoek",)

    class Meta:
        verbose_name = "ZRM-score"
        verbose_name_plural = "ZRM-scores"
        constraints = [
            models.UniqueConstraint(fields=["onderzoek", "domein"], name="toegang_zrm_een_score_per_domein"),
            models.CheckConstraint(
                condition=models.Q(niveau__gte=1, niveau__lte=5), name="toegang_zrm_niveau_1_5"
            ),
        ]

    def audit_client_id(self) -> int | None:
        return self.onderzoek.client_id


class OnderzoekResultaat(ClientData):
    """A result chosen in the onderzoek, with subresults and aandachtspunten ("anders, namelijk" allowed)."""

    onderzoek = models.ForeignKey(Onderzoek, on_delete=models.CASCADE, related_name="resultaten")
    resultaat = models.ForeignKey("catalogus.Resultaat", on_delete=models.PROTECT, related_name="+")
    subresultaten = models.ManyToManyField("catalogus.Subresultaat", blank=True, related_name="+")
    aandachtspunten = models.ManyToManyField("catalogus.Aandachtspunt", blank=True, related_name="+")
    anders_namelijk = models.TextField("anders, namelijk", blank=True)

    AUDIT_SELECT_RELATED = ("onderzoek",)

    class Meta:
        verbose_name = "gekozen resultaat"
        verbose_name_plural = "gekozen resultaten"

    def audit_client_id(self) -> int | None:
        return self.onderzoek.client_id


class AanvraagStatus(models.TextChoices):
    INGEDIEND = "ingediend", "ingediend"
    BESLOTEN = "besloten", "besloten"
    INGETROKKEN = "ingetrokken", "ingetrokken"


class Aanvraag(Termijnzaak):
    TERMIJN = termijnen.BESLISSING

    client = models.ForeignKey("clienten.Client", on_delete=models.PROTECT, related_name="aanvragen")
    gemeente = models.ForeignKey("organisaties.Gemeente", on_delete=models.PROTECT, related_name="+")
    melding = models.ForeignKey(
        Melding, null=True, blank=True, on_delete=models.PROTECT, related_name="aanvragen"
    )
    onderzoek = models.ForeignKey(
        Onderzoek, null=True, blank=True, on_delete=models.PROTECT, related_name="aanvragen"
    )
    ontvangen_op = models.DateField()
    status = models.CharField(max_length=20, choices=AanvraagStatus.choices, default=AanvraagStatus.INGEDIEND)
    opgeschort_dagen = models.PositiveIntegerField(default=0)
    ingebrekestelling_op = models.DateField(
        "ingebrekestelling ontvangen op",
        null=True,
        blank=True,
        help_text="De cliënt stelde de gemeente in gebreke omdat het besluit te laat is (Awb 4:17).",
    )
    besloten_op = models.DateField(null=True, blank=True)
    na_onderzoekstermijn = models.BooleanField(
        "aanvraag na de onderzoekstermijn",
        default=False,
        help_text="De cliënt vroeg aan zonder verslag, omdat het onderzoek niet binnen zes weken klaar was "
        "(Wmo 2015 art. 2.3.2 lid 9).",
    )

    class Meta(Termijnzaak.Meta):
        verbose_name = "aanvraag"
        verbose_name_plural = "aanvragen"

    @property
    def besluit_uiterlijk(self) -> dt.date:
        return self.bereken_uiterlijk()

    def dwangsom(self, op: dt.date) -> tuple[int, int]:
        """(days, eurocent) of the dwangsom owed on ``op``: it runs until the day before the decision."""
        if self.ingebrekestelling_op is None:
            return 0, 0
        tot = (self.besloten_op - dt.timedelta(days=1)) if self.besloten_op else op
        return termijnen.dwangsom_cent(self.ingebrekestelling_op, min(tot, op))


class BeschikkingQuerySet(GemeenteScopedQuerySet):
    # The aanvraag's gemeente, which is its client's.
    gemeente_path = "gemeente"
    # A provider sees only the beschikkingen it delivers under.
    aanbieder_path = "resultaten__toewijzingen__aanbieder"


class Besluit(models.TextChoices):
    TOEGEKEND = "toegekend", "toegekend"
    DEELS = "deels", "deels toegekend"
    AFGEWEZEN = "afgewezen", "afgewezen"
    INGETROKKEN = "ingetrokken", "ingetrokken"


class Beschikking(ClientData):
    """The legal decision on an aanvraag: which results, how much, from when to when."""

    aanvraag = models.ForeignKey(Aanvraag, on_delete=models.PROTECT, related_name="beschikkingen")
    client = models.ForeignKey("clienten.Client", on_delete=models.PROTECT, related_name="beschikkingen")
    gemeente = models.ForeignKey("organisaties.Gemeente", on_delete=models.PROTECT, related_name="+")
    nummer = models.CharField("beschikkingnummer", max_length=20)
    besluit = models.CharField(max_length=20, choices=Besluit.choices)
    besluitdatum = models.DateField()
    ingangsdatum = models.DateField(null=True, blank=True)
    einddatum = models.DateField(null=True, blank=True)
    ondersteuningsplan_onderdeel = models.BooleanField(
        "ondersteuningsplan is onderdeel van de beschikking", default=False
    )
    motivering = models.TextField(blank=True)
    niet_toegekend = models.TextField(
        "wat niet is toegekend",
        blank=True,
        help_text="Bij een deels toegekende aanvraag: wat de cliënt vroeg en niet krijgt, en waarom.",
    )
    verzonden_op = models.DateField(null=True, blank=True)
    eigen_bijdrage_cent = models.PositiveIntegerField(
        "eigen bijdrage (eurocent)", null=True, blank=True, help_text="Leeg: vrijgesteld of geen bijdrage."
    )
    eigen_bijdrage_toelichting = models.TextField(blank=True)
    consulent = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects: ClassVar[Any] = BeschikkingQuerySet.as_manager()

    class Meta:
        verbose_name = "beschikking"
        verbose_name_plural = "beschikkingen"
        ordering = ["-besluitdatum"]
        # The lists' order (latest decision first): page 1 read from the index.
        indexes = [models.Index(fields=["-besluitdatum", "-id"], name="toegang_beschikking_nieuwste")]
        constraints = [
            models.UniqueConstraint(fields=["gemeente", "nummer"], name="toegang_beschikkingnummer_uniek"),
            models.CheckConstraint(
                condition=models.Q(einddatum__isnull=True)
                | models.Q(ingangsdatum__isnull=True)
                | models.Q(einddatum__gt=models.F("ingangsdatum")),
                name="toegang_beschikking_eind_na_ingang",
            ),
        ]

    def __str__(self) -> str:
        return f"Beschikking {self.nummer}"


class BeschiktResultaat(ClientData):
    """One granted result in a beschikking: level, extent (minutes per week, frequency) and duration."""

    beschikking = models.ForeignKey(Beschikking, on_delete=models.PROTECT, related_name="resultaten")
    resultaat = models.ForeignKey("catalogus.Resultaat", on_delete=models.PROTECT, related_name="+")
    product = models.ForeignKey("catalogus.Product", on_delete=models.PROTECT, related_name="+")
    complexiteit = models.ForeignKey(
        "catalogus.ComplexiteitNiveau", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    intensiteit = models.ForeignKey(
        "catalogus.IntensiteitNiveau", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    tijdsband = models.ForeignKey(
        "catalogus.Tijdsband", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    minuten_per_week = models.PositiveIntegerField(null=True, blank=True)
    omvang_per_week = models.DecimalField(
        "omvang per week",
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        help_text="Wat de cliënt per week krijgt, in de eenheid van het product (uren, dagdelen, minuten).",
    )
    omvang_eenheid = models.CharField(max_length=10, choices=OmvangEenheid.choices, blank=True)
    frequentie = models.CharField(
        "frequentie", max_length=100, blank=True, help_text="Bijvoorbeeld: één keer per week."
    )
    ingangsdatum = models.DateField()
    einddatum = models.DateField(null=True, blank=True)
    subresultaten = models.ManyToManyField("catalogus.Subresultaat", blank=True, related_name="+")
    beeindigd_per = models.DateField(
        "gewijzigd of ingetrokken per",
        null=True,
        blank=True,
        help_text="Laatste dag waarop dit resultaat gold, door een later besluit.",
    )
    beeindigd_door = models.ForeignKey(
        Beschikking,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="beeindigde_resultaten",
        help_text="Het besluit dat dit resultaat wijzigde of introk.",
    )

    AUDIT_SELECT_RELATED = ("beschikking",)

    class Meta:
        verbose_name = "beschikt resultaat"
        verbose_name_plural = "beschikte resultaten"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(einddatum__isnull=True) | models.Q(einddatum__gt=models.F("ingangsdatum")),
                name="toegang_beschikt_resultaat_eind_na_ingang",
            )
        ]

    def __str__(self) -> str:
        return str(self.resultaat)

    def audit_client_id(self) -> int | None:
        return self.beschikking.client_id

    @property
    def omvang_tekst(self) -> str:
        return omvang_tekst(self.omvang_per_week, self.omvang_eenheid)


class ToegangInstelling(models.Model):
    """Choices of one gemeente for toegang and the beschikking (seed 003), as data the beheerder edits."""

    gemeente = models.OneToOneField(
        "organisaties.Gemeente", on_delete=models.CASCADE, related_name="toegang_instelling"
    )
    mandaat_aanbieder = models.BooleanField(
        "aanbieder mag indicatie voorstellen (mandaat)",
        default=False,
        help_text="Een gecontracteerde aanbieder stelt de indicatie voor binnen een band; "
        "de consulent keurt goed.",
    )
    ondersteuningsplan_in_beschikking = models.BooleanField(
        "ondersteuningsplan is onderdeel van de beschikking", default=False
    )
    ondertekening = models.CharField(
        max_length=200, default="Het college van burgemeester en wethouders", help_text="Onder elke brief."
    )
    overgangstermijn_weken = models.PositiveSmallIntegerField(
        "overgangstermijn (weken)",
        default=26,
        help_text="Zo lang houden huidige cliënten van huishoudelijke hulp hun hulp uit het oude besluit na "
        "de overgang, tot hun nieuwe besluit (de informatiebrief noemt de datum).",
    )

    class Meta:
        verbose_name = "instelling toegang"
        verbose_name_plural = "instellingen toegang"

    def __str__(self) -> str:
        return f"Toegang {self.gemeente.naam}"

    @classmethod
    def voor(cls, gemeente: Any) -> ToegangInstelling:
        instelling = cls.objects.filter(gemeente=gemeente).first()
        return instelling or cls(gemeente=gemeente)


class OpschortingQuerySet(GemeenteOnlyQuerySet):
    client_path = "client"


class Opschorting(ClientData):
    """The client asked to pause the clock of a melding or an aanvraag, from ``van`` to ``tot`` inclusive."""

    client = models.ForeignKey("clienten.Client", on_delete=models.PROTECT, related_name="opschortingen")
    melding = models.ForeignKey(
        Melding, null=True, blank=True, on_delete=models.PROTECT, related_name="opschortingen"
    )
    aanvraag = models.ForeignKey(
        Aanvraag, null=True, blank=True, on_delete=models.PROTECT, related_name="opschortingen"
    )
    van = models.DateField()
    tot = models.DateField("tot en met")
    reden = models.TextField()
    vastgelegd_op = models.DateTimeField(auto_now_add=True)

    objects: ClassVar[Any] = OpschortingQuerySet.as_manager()

    class Meta:
        verbose_name = "opschorting"
        verbose_name_plural = "opschortingen"
        ordering = ["van"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(tot__gte=models.F("van")), name="toegang_opschorting_tot_na_van"
            ),
            models.CheckConstraint(
                condition=models.Q(melding__isnull=False, aanvraag__isnull=True)
                | models.Q(melding__isnull=True, aanvraag__isnull=False),
                name="toegang_opschorting_melding_of_aanvraag",
            ),
        ]

    def __str__(self) -> str:
        return f"Opgeschort {self.van:%d-%m-%Y} t/m {self.tot:%d-%m-%Y}"

    @property
    def dagen(self) -> int:
        return (self.tot - self.van).days + 1


class VerlengingSoort(models.TextChoices):
    VERDAGING = "verdaging", "verdaging met een brief (Awb 4:14)"
    AFSPRAAK = "afspraak", "afspraak met de cliënt (Wmo 2.3.2)"


class TermijnverlengingQuerySet(GemeenteOnlyQuerySet):
    client_path = "client"


class Termijnverlenging(ClientData):
    """A longer term for a melding or an aanvraag, before the term ended.

    For the decision on an aanvraag: the gemeente tells the client by letter that it cannot decide within
    the legal term and names the new date (a verdaging, Awb 4:14 lid 1). For the onderzoek after a melding
    the Wmo gives no such letter: a longer term only by agreement with the client (Wmo 2015 art. 2.3.2
    lid 1: the onderzoek in overleg met de cliënt), recorded with how it was agreed."""

    client = models.ForeignKey(
        "clienten.Client", on_delete=models.PROTECT, related_name="termijnverlengingen"
    )
    melding = models.ForeignKey(
        Melding, null=True, blank=True, on_delete=models.PROTECT, related_name="verlengingen"
    )
    aanvraag = models.ForeignKey(
        Aanvraag, null=True, blank=True, on_delete=models.PROTECT, related_name="verlengingen"
    )
    soort = models.CharField(max_length=20, choices=VerlengingSoort.choices)
    op = models.DateField("meegedeeld of afgesproken op")
    oud_uiterlijk = models.DateField("termijn liep tot en met")
    nieuw_uiterlijk = models.DateField("nieuwe termijn tot en met")
    reden = models.TextField()
    afspraak = models.CharField(
        "hoe de cliënt instemde",
        max_length=200,
        blank=True,
        help_text="Bij een afspraak: bijvoorbeeld telefonisch.",
    )
    kenmerk = models.CharField(
        max_length=30, blank=True, help_text="Kenmerk van de brief (bij een verdaging)."
    )
    consulent = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects: ClassVar[Any] = TermijnverlengingQuerySet.as_manager()

    class Meta:
        verbose_name = "termijnverlenging"
        verbose_name_plural = "termijnverlengingen"
        ordering = ["op", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(nieuw_uiterlijk__gt=models.F("oud_uiterlijk")),
                name="toegang_verlenging_later",
            ),
            models.CheckConstraint(
                condition=models.Q(melding__isnull=False, aanvraag__isnull=True)
                | models.Q(melding__isnull=True, aanvraag__isnull=False),
                name="toegang_verlenging_melding_of_aanvraag",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} tot en met {self.nieuw_uiterlijk:%d-%m-%Y}"


class BeschikkingBijlageQuerySet(GemeenteOnlyQuerySet):
    client_path = "beschikking__client"


class BeschikkingBijlage(ClientData):
    """A document sent with a beschikking because the beschikking says it is part of it (the
    ondersteuningsplan): what it was, which version, and when it went to the client."""

    beschikking = models.ForeignKey(Beschikking, on_delete=models.PROTECT, related_name="bijlagen")
    soort = models.CharField(max_length=30)
    sleutel = models.PositiveIntegerField(help_text="Het nummer van het document in zijn eigen register.")
    omschrijving = models.CharField(max_length=300)
    verzonden_op = models.DateField()

    objects: ClassVar[Any] = BeschikkingBijlageQuerySet.as_manager()

    AUDIT_SELECT_RELATED = ("beschikking",)

    class Meta:
        verbose_name = "bijlage bij een beschikking"
        verbose_name_plural = "bijlagen bij beschikkingen"
        ordering = ["verzonden_op", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["beschikking", "soort", "sleutel"], name="toegang_bijlage_een_keer"
            )
        ]

    def __str__(self) -> str:
        return self.omschrijving

    def audit_client_id(self) -> int | None:
        return self.beschikking.client_id


class IndicatieStatus(models.TextChoices):
    CONCEPT = "concept", "concept"
    MANDAAT_GEVRAAGD = "mandaat", "voorstel gevraagd aan aanbieder"
    VOORGESTELD = "voorgesteld", "voorgesteld door aanbieder"
    VASTGESTELD = "vastgesteld", "vastgesteld"
    AFGEWEZEN = "afgewezen", "voorstel afgewezen"


class IndicatieQuerySet(GemeenteScopedQuerySet):
    # A provider sees only the indicaties it was asked to propose under mandate.
    aanbieder_path = "mandaat_aanbieder"


class Indicatie(ClientData):
    """Per result: complexity, intensity, duration, and for huishoudelijke ondersteuning the minutes per week
    from the normenkader; the product follows from the catalogue valid on the start date."""

    aanvraag = models.ForeignKey(Aanvraag, on_delete=models.PROTECT, related_name="indicaties")
    client = models.ForeignKey("clienten.Client", on_delete=models.PROTECT, related_name="indicaties")
    resultaat = models.ForeignKey("catalogus.Resultaat", on_delete=models.PROTECT, related_name="+")
    subresultaten = models.ManyToManyField("catalogus.Subresultaat", blank=True, related_name="+")
    complexiteit = models.ForeignKey(
        "catalogus.ComplexiteitNiveau", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    intensiteit = models.ForeignKey(
        "catalogus.IntensiteitNiveau", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    tijdsband = models.ForeignKey(
        "catalogus.Tijdsband", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    product = models.ForeignKey(
        "catalogus.Product", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    minuten_per_week = models.PositiveIntegerField(null=True, blank=True)
    omvang_per_week = models.DecimalField(
        "omvang per week",
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        help_text="Wat de cliënt per week krijgt, in de eenheid van het product (uren, dagdelen, minuten).",
    )
    omvang_eenheid = models.CharField(max_length=10, choices=OmvangEenheid.choices, blank=True)
    frequentie = models.CharField(max_length=100, blank=True, help_text="Bijvoorbeeld: één keer per week.")
    ingangsdatum = models.DateField()
    einddatum = models.DateField(null=True, blank=True)
    normberekening = models.JSONField(default=dict, blank=True, help_text="Elke post met zijn minuten.")
    handmatig = models.BooleanField(
        "handmatig besluit buiten de banden", default=False, help_text="Met schriftelijke motivering."
    )
    motivering = models.TextField(blank=True)
    status = models.CharField(max_length=20, choices=IndicatieStatus.choices, default=IndicatieStatus.CONCEPT)
    aanbieder = models.ForeignKey(
        "organisaties.Aanbieder",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="De aanbieder die de cliënt kiest.",
    )
    mandaat_aanbieder = models.ForeignKey(
        "organisaties.Aanbieder",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="mandaat_indicaties",
        help_text="De aanbieder die onder mandaat de indicatie voorstelt.",
    )
    voorgesteld_op = models.DateTimeField(null=True, blank=True)
    beschikt_resultaat = models.OneToOneField(
        BeschiktResultaat, null=True, blank=True, on_delete=models.PROTECT, related_name="indicatie"
    )

    objects: ClassVar[Any] = IndicatieQuerySet.as_manager()

    class Meta:
        verbose_name = "indicatie"
        verbose_name_plural = "indicaties"
        ordering = ["aanvraag", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(einddatum__isnull=True) | models.Q(einddatum__gt=models.F("ingangsdatum")),
                name="toegang_indicatie_eind_na_ingang",
            )
        ]

    def __str__(self) -> str:
        return f"Indicatie {self.resultaat}"

    @property
    def omvang_tekst(self) -> str:
        return omvang_tekst(self.omvang_per_week, self.omvang_eenheid)

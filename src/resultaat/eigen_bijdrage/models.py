"""The abonnementstarief per year (domain/NOTES.md 1.1) as data, and the exemptions of 1.2."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models

from resultaat.core.audit.models import ClientData
from resultaat.core.opmaak import euro


class TariefPeriode(models.TextChoices):
    MAAND = "maand", "per maand"
    VIER_WEKEN = "4w", "per periode van 4 weken"


class Abonnementstarief(models.Model):
    """The maximum eigen bijdrage per household for Wmo maatwerkvoorzieningen in one calendar year."""

    jaar = models.PositiveSmallIntegerField(unique=True)
    bedrag_cent = models.PositiveIntegerField("bedrag (eurocent)")
    periode = models.CharField(max_length=5, choices=TariefPeriode.choices, default=TariefPeriode.MAAND)
    toelichting = models.TextField(blank=True)
    bron = models.TextField(blank=True)

    class Meta:
        verbose_name = "abonnementstarief"
        verbose_name_plural = "abonnementstarieven"
        ordering = ["jaar"]

    def __str__(self) -> str:
        return f"{self.jaar}: {euro(self.bedrag_cent)} {self.get_periode_display()}"


class Vrijstelling(models.TextChoices):
    """Why a client pays no abonnementstarief (domain/NOTES.md 1.2)."""

    GEEN = "", "geen vrijstelling"
    PARTNER_ONDER_AOW = (
        "partner-onder-aow",
        "gehuwd of samenwonend, en een van beiden heeft de AOW-leeftijd nog niet",
    )
    MINDERJARIG = "minderjarig", "de cliënt is jonger dan 18 jaar"
    WLZ = "wlz", "het huishouden betaalt al een eigen bijdrage voor de Wlz"
    AL_WMO = "al-wmo", "het huishouden betaalt al het abonnementstarief voor een andere voorziening"
    MINIMA = "minima", "vrijstelling op grond van het minimabeleid van de gemeente"


class GeenBijdrage(models.TextChoices):
    """Why nothing is charged, read from the voorzieningen and the client's record (not a choice in
    the beschikking, unlike ``Vrijstelling``)."""

    KOSTPRIJS = "kostprijs", "de kostprijs van uw hulpmiddel of woningaanpassing is al helemaal betaald"
    PRODUCT = "product", "de gemeente vraagt voor deze ondersteuning geen eigen bijdrage"
    BESCHERMD_WONEN = (
        "beschermd-wonen",
        "voor beschermd wonen en opvang geldt niet het abonnementstarief; "
        "het CAK berekent die bijdrage apart",
    )
    OVERLEDEN = "overleden", "de cliënt is overleden"
    GEEN_VOORZIENING = "geen-voorziening", "er loopt geen ondersteuning met eigen bijdrage"


REDENEN: dict[str, str] = {**dict(Vrijstelling.choices), **dict(GeenBijdrage.choices)}


class Trigger(models.TextChoices):
    """When the eigen bijdrage of a voorziening starts and stops (iWmo NOTES 9, OP369)."""

    TOEWIJZING = "toewijzing", "vanaf de ingangsdatum van de beschikking en toewijzing (301)"
    LEVERING = "levering", "vanaf de werkelijke start van de levering (startbericht 305, stopbericht 307)"


class EigenBijdrageInstelling(models.Model):
    """A gemeente's choices for the eigen bijdrage: the trigger and the products it exempts."""

    gemeente = models.OneToOneField(
        "organisaties.Gemeente", on_delete=models.CASCADE, related_name="eigen_bijdrage_instelling"
    )
    trigger = models.CharField(
        "start en stop", max_length=12, choices=Trigger.choices, default=Trigger.TOEWIJZING
    )
    vrijgestelde_categorieen = models.JSONField(
        "vrijgestelde productcategorieën",
        default=list,
        blank=True,
        help_text="Productcategorieën (iWmo WMO020) zonder eigen bijdrage, "
        "bijvoorbeeld 08 voor collectief vervoer.",
    )
    vrijgestelde_producten = models.ManyToManyField(
        "catalogus.Product", blank=True, related_name="+", verbose_name="vrijgestelde producten"
    )

    class Meta:
        verbose_name = "instelling eigen bijdrage"
        verbose_name_plural = "instellingen eigen bijdrage"

    def __str__(self) -> str:
        return f"Eigen bijdrage {self.gemeente}"


class GemeenteTarief(models.Model):
    """A gemeente's own lower abonnementstarief for one year (Wmo 2015 art. 2.1.4a lid 5 sub a)."""

    gemeente = models.ForeignKey("organisaties.Gemeente", on_delete=models.CASCADE, related_name="+")
    jaar = models.PositiveSmallIntegerField()
    bedrag_cent = models.PositiveIntegerField("bedrag (eurocent)")
    toelichting = models.TextField(blank=True)

    class Meta:
        verbose_name = "eigen tarief van de gemeente"
        verbose_name_plural = "eigen tarieven van de gemeente"
        constraints = [models.UniqueConstraint(fields=["gemeente", "jaar"], name="gemeentetarief_uniek")]

    def __str__(self) -> str:
        return f"{self.gemeente} {self.jaar}: {euro(self.bedrag_cent)}"

    def clean(self) -> None:
        landelijk = Abonnementstarief.objects.filter(jaar=self.jaar).first()
        if landelijk is None:
            raise ValidationError({"jaar": f"Voor {self.jaar} is nog geen abonnementstarief vastgelegd."})
        if self.bedrag_cent is not None and self.bedrag_cent > landelijk.bedrag_cent:
            raise ValidationError(
                {"bedrag_cent": f"Het eigen tarief mag niet hoger zijn dan {euro(landelijk.bedrag_cent)}."}
            )


class Rol(models.TextChoices):
    PARTNER = "partner", "partner (gehuwd of samenwonend)"
    KIND = "kind", "kind"
    ANDER = "ander", "andere huisgenoot"


class Huisgenoot(ClientData):
    """Someone who lives with the client; a partner may be a client of the gemeente too."""

    client = models.ForeignKey("clienten.Client", on_delete=models.PROTECT, related_name="huisgenoten")
    rol = models.CharField(max_length=10, choices=Rol.choices)
    naam = models.CharField(max_length=200, blank=True)
    geboortedatum = models.DateField()
    als_client = models.ForeignKey(
        "clienten.Client",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="huisgenoot_van",
        help_text="Als de huisgenoot zelf cliënt is.",
    )
    vanaf = models.DateField()
    tot = models.DateField(
        null=True, blank=True, help_text="Eerste dag dat de huisgenoot er niet meer woont."
    )

    class Meta:
        verbose_name = "huisgenoot"
        verbose_name_plural = "huisgenoten"
        ordering = ["client", "rol", "vanaf"]

    def __str__(self) -> str:
        return f"{self.get_rol_display()} {self.naam}".strip()

    def clean(self) -> None:
        if self.tot is not None and self.tot <= self.vanaf:
            raise ValidationError({"tot": "De einddatum moet na de begindatum liggen."})
        if self.als_client_id is not None and self.als_client_id == self.client_id:
            raise ValidationError({"als_client": "Een cliënt kan niet zijn eigen huisgenoot zijn."})

    def woont_er(self, op: dt.date) -> bool:
        return self.vanaf <= op and (self.tot is None or op < self.tot)


class IndividueleVrijstelling(ClientData):
    """An exemption the gemeente knows from its own data: a Wlz bijdrage or its minimabeleid."""

    client = models.ForeignKey("clienten.Client", on_delete=models.PROTECT, related_name="vrijstellingen")
    reden = models.CharField(
        max_length=20,
        choices=[
            (Vrijstelling.WLZ.value, Vrijstelling.WLZ.label),
            (Vrijstelling.MINIMA.value, Vrijstelling.MINIMA.label),
        ],
    )
    vanaf = models.DateField()
    tot = models.DateField(null=True, blank=True)
    toelichting = models.TextField(blank=True)

    class Meta:
        verbose_name = "individuele vrijstelling"
        verbose_name_plural = "individuele vrijstellingen"
        ordering = ["client", "vanaf"]

    def __str__(self) -> str:
        return self.get_reden_display()

    def geldt(self, op: dt.date) -> bool:
        return self.vanaf <= op and (self.tot is None or op < self.tot)


class CakBerichtSoort(models.TextChoices):
    WMO405 = "405", "WMO405 start en stop eigen bijdrage"
    WMO406 = "406", "WMO406 retour van het CAK"


class CakBericht(models.Model):
    """One file exchanged with the CAK: what was sent when (405) and what came back (406)."""

    gemeente = models.ForeignKey("organisaties.Gemeente", on_delete=models.PROTECT, related_name="+")
    soort = models.CharField(max_length=3, choices=CakBerichtSoort.choices)
    referentie = models.CharField(max_length=40, unique=True)
    periode = models.DateField(help_text="De maand waarover de mutaties gaan (eerste dag).")
    formaat = models.CharField(max_length=60)
    bestandsnaam = models.CharField(max_length=120)
    inhoud = models.TextField()
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    antwoord_op = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="retouren"
    )

    class Meta:
        verbose_name = "CAK-bericht"
        verbose_name_plural = "CAK-berichten"
        ordering = ["-aangemaakt_op"]

    def __str__(self) -> str:
        return self.bestandsnaam


class MeldingSoort(models.TextChoices):
    START = "start", "start"
    STOP = "stop", "stop"
    CORRECTIE = "correctie", "correctie"
    INTREKKING = "intrekking", "intrekking"


class MeldingStatus(models.TextChoices):
    VERZONDEN = "verzonden", "verzonden, wacht op antwoord"
    GOEDGEKEURD = "goedgekeurd", "verwerkt door het CAK"
    AFGEKEURD = "afgekeurd", "afgekeurd door het CAK"


class CakMelding(ClientData):
    """One person's eigen-bijdrage period as sent to the CAK in a WMO405 (start, stop, correction)."""

    bericht = models.ForeignKey(CakBericht, on_delete=models.PROTECT, related_name="meldingen")
    client = models.ForeignKey("clienten.Client", on_delete=models.PROTECT, related_name="cak_meldingen")
    referentie = models.CharField(max_length=40, unique=True)
    soort = models.CharField(max_length=12, choices=MeldingSoort.choices)
    begindatum = models.DateField()
    einddatum = models.DateField(null=True, blank=True, help_text="Laatste dag met eigen bijdrage.")
    kostprijs_cent = models.PositiveIntegerField(null=True, blank=True)
    vorige = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="correcties"
    )
    status = models.CharField(max_length=12, choices=MeldingStatus.choices, default=MeldingStatus.VERZONDEN)
    retourcode = models.CharField(max_length=4, blank=True)
    retourtekst = models.CharField(max_length=300, blank=True)

    class Meta:
        verbose_name = "CAK-melding"
        verbose_name_plural = "CAK-meldingen"
        ordering = ["bericht", "pk"]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} {self.begindatum}"

    def audit_client_id(self) -> int | None:
        return self.client_id

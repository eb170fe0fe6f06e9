"""Quality: satisfaction surveys, complaints and the providers' capacity, after the bulk part.

Surveys about a quarter of the delivered toewijzingen of the last two years: most answered through
the link, some taken by a consulent by phone or at a home visit, some still open and some expired
unanswered. Each provider has its own tendency, so the overview shows differences a contract manager
would talk about. Complaints in every state (received, in behandeling, closed with an outcome, some over
the Awb term), the open ones on the worklist. Each provider reports its capacity per product monthly.
Rows are written in bulk, as the rest of the demo; codes of the demo's links are not kept anywhere.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from typing import Any

from django.db.models import Exists, OuterRef

from resultaat.accounts.models import Rol, User
from resultaat.core import termijnen
from resultaat.demo.kern import _Basis
from resultaat.kwaliteit.models import (
    Aanleiding,
    Afname,
    Antwoord,
    Capaciteitsmelding,
    Enquete,
    Indiener,
    Klacht,
    KlachtCategorie,
    KlachtStap,
    KlachtStatus,
    KlachtUitkomst,
    Verzending,
)
from resultaat.toewijzingen.models import Levering, ReactieAanbieder, Toewijzing
from resultaat.werklijst.models import WerklijstItem, WerklijstSoort

OPEN_ANTWOORDEN = {
    "goed": [
        "De hulp is altijd op tijd en heel vriendelijk.",
        "Ik kan weer zelf boodschappen doen. Dat is fijn.",
        "Ze denken echt met mij mee.",
        "Mijn huis is schoon en ik heb weer rust.",
    ],
    "matig": [
        "Steeds een andere medewerker, dat vind ik lastig.",
        "Soms wordt een afspraak verzet zonder dat ik het weet.",
        "Het gaat wel, maar het duurde lang voordat het begon.",
    ],
    "slecht": [
        "Er komt vaak niemand opdagen.",
        "Ik voel me niet serieus genomen.",
    ],
}
KLACHTEN = [
    (
        KlachtCategorie.AFSPRAKEN,
        "Hulp kwam niet opdagen",
        "Twee weken achter elkaar kwam er niemand, zonder bericht.",
    ),
    (KlachtCategorie.BEJEGENING, "Onvriendelijke medewerker", "De medewerker was kortaf en luisterde niet."),
    (KlachtCategorie.MEDEWERKERS, "Steeds andere gezichten", "In een maand vijf verschillende medewerkers."),
    (
        KlachtCategorie.WACHTTIJD,
        "Lang wachten op de start",
        "Na de toewijzing duurde het zeven weken voor de hulp kwam.",
    ),
    (KlachtCategorie.KWALITEIT, "Huis niet goed schoon", "De badkamer wordt overgeslagen."),
    (
        KlachtCategorie.KOSTEN,
        "Onduidelijke rekening",
        "Cliënt begrijpt de eigen bijdrage niet en kreeg geen uitleg.",
    ),
]
STAPPEN = [
    "Ontvangstbevestiging gestuurd aan de indiener.",
    "Telefonisch gesprek met de indiener.",
    "Reactie gevraagd aan de aanbieder.",
    "Gesprek met de aanbieder en de indiener samen.",
]


def _hash(*delen: Any) -> str:
    return hashlib.sha256("-".join(str(d) for d in delen).encode()).hexdigest()


class KwaliteitMixin(_Basis):
    def kwaliteit(self) -> None:
        consulenten = list(User.objects.filter(rol=Rol.CONSULENT).order_by("pk"))
        if not consulenten:
            return
        geleverd = Levering.objects.filter(toewijzing=OuterRef("pk"), verwijderd=False)
        toewijzingen = list(
            Toewijzing.objects.filter(
                Exists(geleverd), ingangsdatum__lte=self.vandaag - dt.timedelta(days=60)
            )
            .exclude(reactie=ReactieAanbieder.GERETOURNEERD)
            .select_related("client")
            .order_by("pk")
        )
        # Each provider its own tendency: the mean grade it earns (6 to 8.5).
        aanbieders = sorted({t.aanbieder_id for t in toewijzingen})
        neiging = {a: 6.0 + 2.5 * self.rng.random() for a in aanbieders}
        self.enquetes(toewijzingen, neiging, consulenten)
        self.klachten(toewijzingen, neiging, consulenten)
        self.capaciteit(toewijzingen)

    def enquetes(
        self, toewijzingen: list[Toewijzing], neiging: dict[int, float], consulenten: list[User]
    ) -> None:
        rijen = []
        for t in toewijzingen:
            if not self.kans(0.25):
                continue
            verzonden = self.dag(
                max(t.ingangsdatum + dt.timedelta(days=30), self.vandaag - dt.timedelta(days=700)),
                self.vandaag,
            )
            e = Enquete(
                gemeente_id=t.gemeente_id,
                aanbieder_id=t.aanbieder_id,
                client_id=t.client_id,
                toewijzing_id=t.pk,
                aanleiding=Aanleiding.EINDE
                if t.einddatum and t.einddatum < verzonden
                else Aanleiding.JAARLIJKS,
                verzending=Verzending.EMAIL if t.client.email else Verzending.BRIEF,
                verzonden_op=verzonden,
                token_hash=_hash("demo", self.seed, t.pk, verzonden),
                verloopt_op=self.moment(verzonden + dt.timedelta(weeks=6)),
            )
            recent = (self.vandaag - verzonden).days < 42
            keuze = self.gewogen([("link", 55), ("telefoon", 12), ("huisbezoek", 5), ("geen", 28)])
            # Not answered: still open when recent (the link works until verloopt_op), else expired.
            if keuze != "geen" and not (recent and self.kans(0.5)):
                self.beantwoord(e, neiging[t.aanbieder_id], keuze, consulenten)
            rijen.append(e)
        Enquete.objects.bulk_create(rijen, batch_size=500)
        self.portaal_acties["tevredenheidsonderzoek"] += len(rijen)

    def beantwoord(self, e: Enquete, gemiddeld: float, keuze: str, consulenten: list[User]) -> None:
        cijfer = max(1, min(10, round(self.rng.gauss(gemiddeld, 1.3))))

        def antwoord(drempel: float) -> str:
            return (
                Antwoord.JA
                if cijfer >= drempel
                else (Antwoord.DEELS if cijfer >= drempel - 2 else Antwoord.NEE)
            )

        e.cijfer = cijfer
        e.resultaat = antwoord(7)
        e.respect = antwoord(6)
        e.betrouwbaar = antwoord(7 + self.rng.random())
        e.aanraden = antwoord(7.5)
        if self.kans(0.45):
            soort = "goed" if cijfer >= 8 else ("matig" if cijfer >= 6 else "slecht")
            e.toelichting = self.kies(OPEN_ANTWOORDEN[soort])
        dagen = self.rng.randint(1, 30)
        e.beantwoord_op = self.moment(min(e.verzonden_op + dt.timedelta(days=dagen), self.vandaag))
        if keuze == "link":
            e.afname = Afname.LINK
        else:
            e.afname = Afname.TELEFOON if keuze == "telefoon" else Afname.HUISBEZOEK
            e.ingevoerd_door = self.kies(consulenten)
            e.verzending = Verzending.GEEN
            e.token_hash = ""
            e.verloopt_op = None

    def klachten(
        self, toewijzingen: list[Toewijzing], neiging: dict[int, float], consulenten: list[User]
    ) -> None:
        # Fewer complaints about the providers with a high grade.
        kandidaten = [t for t in toewijzingen if self.kans(0.06 * (9 - neiging[t.aanbieder_id]) / 2)]
        klachten: list[Klacht] = []
        stappen: list[list[tuple[dt.date, str, User]]] = []
        for t in kandidaten:
            # The first complaint is always one still open past its term, so that every demo shows one.
            eerste = not klachten
            if eerste:
                ontvangen = self.vandaag - dt.timedelta(days=60)
            else:
                ontvangen = self.dag(self.vandaag - dt.timedelta(days=540), self.vandaag)
            categorie, onderwerp, omschrijving = self.kies(KLACHTEN)
            uiterlijk = termijnen.KLACHT_AFHANDELEN.uiterlijk(ontvangen)
            door = self.kies(consulenten)
            k = Klacht(
                gemeente_id=t.gemeente_id,
                aanbieder_id=t.aanbieder_id,
                client_id=t.client_id if self.kans(0.8) else None,
                ontvangen_op=ontvangen,
                indiener=self.gewogen(
                    [(Indiener.CLIENT, 6), (Indiener.VERTEGENWOORDIGER, 3), (Indiener.ANDERS, 1)]
                ),
                categorie=categorie,
                onderwerp=onderwerp,
                omschrijving=omschrijving,
                uiterlijk=uiterlijk,
                geregistreerd_door=door,
            )
            leeftijd = (self.vandaag - ontvangen).days
            stappen_hier = [(ontvangen, "Klacht geregistreerd.")]
            if leeftijd > 3:
                stappen_hier.append((ontvangen + dt.timedelta(days=2), STAPPEN[0]))
            # Some stay open past the Awb term: they are the overdue ones on the worklist.
            if not eerste and (leeftijd > 120 or (leeftijd > 20 and self.kans(0.6))):
                gesloten = min(ontvangen + dt.timedelta(days=self.rng.randint(12, 55)), self.vandaag)
                k.status = KlachtStatus.AFGEHANDELD
                k.uitkomst = self.gewogen(
                    [
                        (KlachtUitkomst.GEGROND, 3),
                        (KlachtUitkomst.DEELS, 3),
                        (KlachtUitkomst.ONGEGROND, 2),
                        (KlachtUitkomst.OPGELOST, 3),
                        (KlachtUitkomst.INGETROKKEN, 1),
                    ]
                )
                k.afgehandeld_op = gesloten
                k.afhandeling = "Met de aanbieder besproken; afspraken over verbetering vastgelegd."
                stappen_hier.append((ontvangen + dt.timedelta(days=7), self.kies(STAPPEN[1:])))
                stappen_hier.append((gesloten, f"Afgehandeld: {KlachtUitkomst(k.uitkomst).label}."))
            elif leeftijd > 7:
                k.status = KlachtStatus.IN_BEHANDELING
                stappen_hier.append((ontvangen + dt.timedelta(days=6), self.kies(STAPPEN[1:])))
            klachten.append(k)
            stappen.append([(d, tekst, door) for d, tekst in stappen_hier])
        Klacht.objects.bulk_create(klachten, batch_size=500)
        KlachtStap.objects.bulk_create(
            [
                KlachtStap(klacht=k, datum=d, omschrijving=tekst, door=door)
                for k, lijst in zip(klachten, stappen, strict=True)
                for d, tekst, door in lijst
            ],
            batch_size=1000,
        )
        werk = [
            WerklijstItem(
                gemeente_id=k.gemeente_id,
                client_id=k.client_id,
                soort=WerklijstSoort.KLACHT,
                omschrijving=f"Klacht: {k.onderwerp}"[:300],
                uiterlijk=k.uiterlijk,
                onderwerp=k,
            )
            for k in klachten
            if k.status != KlachtStatus.AFGEHANDELD
        ]
        WerklijstItem.objects.bulk_create(werk, batch_size=500)
        # Registered on the day each complaint came in, on the demo's timeline (not the real now).
        for item, k in zip(werk, (k for k in klachten if k.status != KlachtStatus.AFGEHANDELD), strict=True):
            item.aangemaakt_op = self.moment(k.ontvangen_op)
        WerklijstItem.objects.bulk_update(werk, ["aangemaakt_op"], batch_size=500)
        self.portaal_acties["klacht"] += len(klachten)

    def capaciteit(self, toewijzingen: list[Toewijzing]) -> None:
        actief: dict[tuple[int, int, int], int] = defaultdict(int)
        for t in toewijzingen:
            if t.einddatum is None or t.einddatum >= self.vandaag:
                actief[(t.gemeente_id, t.aanbieder_id, t.product_id)] += 1
        rijen = []
        for (gemeente_id, aanbieder_id, product_id), aantal in sorted(actief.items()):
            for maanden_terug in (2, 1, 0):
                peil = (self.vandaag.replace(day=1) - dt.timedelta(days=30 * maanden_terug)).replace(day=1)
                plaatsen = aantal + self.rng.randint(0, 6)
                vrij = max(0, plaatsen - aantal - self.rng.randint(0, 3))
                rijen.append(
                    Capaciteitsmelding(
                        gemeente_id=gemeente_id,
                        aanbieder_id=aanbieder_id,
                        product_id=product_id,
                        peildatum=peil,
                        plaatsen=plaatsen,
                        vrije_plaatsen=vrij,
                        wachtenden=0 if vrij else self.rng.randint(0, 5),
                    )
                )
        Capaciteitsmelding.objects.bulk_create(rijen, batch_size=1000)
        self.portaal_acties["capaciteitsmelding"] += len(rijen)

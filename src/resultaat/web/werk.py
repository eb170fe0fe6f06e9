"""The work waiting for each role on the start page: a count per kind of work, each linking to the list
that shows exactly those rows (the list's own filter in the query string).

Every count is cheap: on indexed columns of the row itself (the worklist by its gemeente, status and
deadline; runs and periods by gemeente), never through a join over every client of the gemeente, and
bounded (``tel_begrensd``: past 250 the page says "250+").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, OuterRef, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from resultaat.accounts.models import Rol
from resultaat.accounts.services import beheerbare_gebruikers
from resultaat.bekostiging.models import Afrekenrun, BetaalInstelling, Periode, RunStatus
from resultaat.brieven.models import Briefsjabloon
from resultaat.clienten.services import auditspoor
from resultaat.core.audit.models import Actie
from resultaat.core.paginering import getal_begrensd, tel_begrensd
from resultaat.eigen_bijdrage import leveringen
from resultaat.eigen_bijdrage.cak import maandnaam
from resultaat.eigen_bijdrage.models import CakBericht, CakBerichtSoort
from resultaat.ondersteuning.models import Signaal, SignaalStatus
from resultaat.organisaties.models import Aanbieder, Gemeente
from resultaat.toewijzingen.models import Toewijzing
from resultaat.werklijst.models import WerklijstItem, WerklijstSoort
from resultaat.werklijst.web.views import filter_termijn

# The start page's counts of the auditor look back this many days.
AUDIT_DAGEN = 7
# A payment file is wanted for runs approved in the last this many days.
BETAALBESTAND_DAGEN = 30


@dataclass(frozen=True)
class Werk:
    """One kind of work: how many, in words, and the list that shows them."""

    aantal: int
    tekst: str
    url: str
    alarm: bool = False

    @property
    def getal(self) -> str:
        return getal_begrensd(self.aantal)


def url(naam: str, anker: str = "", **query: Any) -> str:
    adres = reverse(naam)
    if query:
        adres += "?" + urlencode(query)
    return adres + (f"#{anker}" if anker else "")


def werk(qs: QuerySet[Any], tekst: str, adres: str, alarm: bool = False) -> Werk:
    aantal = tel_begrensd(qs)
    return Werk(aantal, tekst, adres, alarm=alarm and aantal > 0)


def gemeenten_van(user: Any) -> QuerySet[Gemeente]:
    return Gemeente.objects.all() if user.is_superuser else user.gemeenten.all()


def consulent(user: Any, vandaag: dt.date) -> list[Werk]:
    open_ = WerklijstItem.objects.for_user(user).open()

    def soort(s: str, **extra: str) -> str:
        return url("web:werklijst", status="open", soort=s, **extra)

    onderzoek = open_.filter(soort=WerklijstSoort.ONDERZOEK)
    return [
        werk(onderzoek, "meldingen te onderzoeken", soort("onderzoek")),
        werk(
            filter_termijn(onderzoek, "verlopen", vandaag),
            "onderzoeken over de termijn",
            soort("onderzoek", termijn="verlopen"),
            alarm=True,
        ),
        werk(
            filter_termijn(onderzoek, "binnenkort", vandaag),
            "onderzoeken met de termijn binnen een week",
            soort("onderzoek", termijn="binnenkort"),
        ),
        werk(open_.filter(soort=WerklijstSoort.BESLUIT), "aanvragen om te besluiten", soort("besluit")),
        werk(open_.filter(soort=WerklijstSoort.VERZOEK_TOEWIJZING), "verzoeken om toewijzing", soort("vot")),
        werk(open_.filter(soort=WerklijstSoort.VERZOEK_WIJZIGING), "verzoeken om wijziging", soort("vow")),
        werk(
            open_.filter(soort=WerklijstSoort.EVALUATIE), "evaluaties en regiegesprekken", soort("evaluatie")
        ),
        werk(
            open_.filter(soort=WerklijstSoort.HERINDICATIE),
            "herindicaties voor de einddatum",
            soort("herindicatie"),
        ),
        werk(
            open_.filter(soort=WerklijstSoort.RETOUR),
            "geretourneerde toewijzingen en afgekeurde berichten",
            soort("retour"),
        ),
        werk(
            Signaal.objects.for_user(user).filter(status=SignaalStatus.NIEUW),
            "nieuwe signalen van aanbieders",
            url("web:signaal-list", status="nieuw"),
        ),
        werk(
            filter_termijn(open_, "verlopen", vandaag),
            "taken over de termijn",
            url("web:werklijst", status="open", termijn="verlopen"),
            alarm=True,
        ),
    ]


def contractmanager(user: Any, vandaag: dt.date) -> list[Werk]:
    toewijzingen = Toewijzing.objects.for_user(user)
    return [
        werk(
            toewijzingen.start_te_laat(vandaag),
            "toewijzingen waarvan de aanbieder de start niet op tijd meldde",
            url("web:toewijzing-list", filter="start_te_laat"),
            alarm=True,
        ),
        werk(
            toewijzingen.recent_geretourneerd(vandaag),
            "toewijzingen door een aanbieder geretourneerd (laatste 3 maanden)",
            url("web:toewijzing-list", filter="geretourneerd"),
        ),
        werk(
            toewijzingen.actief_op(vandaag),
            "actieve toewijzingen",
            url("web:toewijzing-list", filter="actief"),
        ),
    ]


@dataclass
class AanbiederWerk:
    """A provider to talk to: how many of its toewijzingen started late or were returned, open signals."""

    aanbieder: Aanbieder
    start_te_laat: int = 0
    geretourneerd: int = 0
    signalen: int = 0

    @property
    def totaal(self) -> int:
        return self.start_te_laat + self.geretourneerd + self.signalen

    @property
    def url_start_te_laat(self) -> str:
        return url("web:toewijzing-list", filter="start_te_laat", aanbieder=self.aanbieder.pk)

    @property
    def url_geretourneerd(self) -> str:
        return url("web:toewijzing-list", filter="geretourneerd", aanbieder=self.aanbieder.pk)


def aanbieders_om_te_spreken(user: Any, vandaag: dt.date, aantal: int = 10) -> list[AanbiederWerk]:
    """The providers with the most late starts, returns and open signals: one grouped count each."""
    toewijzingen = Toewijzing.objects.for_user(user)
    per: dict[int, AanbiederWerk] = {}

    def tel(qs: QuerySet[Any], veld: str) -> None:
        for aanbieder_id, n in qs.order_by().values_list("aanbieder_id").annotate(n=Count("pk")):
            rij = per.setdefault(aanbieder_id, AanbiederWerk(aanbieder=Aanbieder(pk=aanbieder_id)))
            setattr(rij, veld, n)

    tel(toewijzingen.start_te_laat(vandaag), "start_te_laat")
    tel(toewijzingen.recent_geretourneerd(vandaag), "geretourneerd")
    tel(Signaal.objects.for_user(user).exclude(status=SignaalStatus.AFGEHANDELD), "signalen")
    namen = Aanbieder.objects.in_bulk(list(per))
    rijen = [r for r in per.values() if r.aanbieder.pk in namen]
    for r in rijen:
        r.aanbieder = namen[r.aanbieder.pk]
    return sorted(rijen, key=lambda r: (-r.totaal, r.aanbieder.naam))[:aantal]


def financieel(user: Any, vandaag: dt.date) -> list[Werk]:
    runs = Afrekenrun.objects.for_user(user)
    gemeenten = gemeenten_van(user)
    werk_lijst = [
        werk(
            Periode.objects.for_user(user).af_te_rekenen(vandaag),
            "perioden af te rekenen",
            url("web:afrekenrun-list", anker="af-te-rekenen"),
        ),
        werk(
            runs.te_goedkeuren_door(user),
            "afrekenruns van een collega om goed te keuren",
            url("web:afrekenrun-list", status="concept", door="anderen"),
            alarm=True,
        ),
        werk(
            runs.filter(status=RunStatus.CONCEPT).exclude(pk__in=runs.te_goedkeuren_door(user).values("pk")),
            "eigen afrekenruns wachten op goedkeuring door een collega",
            url("web:afrekenrun-list", status="concept", door="mij"),
        ),
        werk(
            runs.recent_goedgekeurd(BETAALBESTAND_DAGEN),
            f"goedgekeurde runs (laatste {BETAALBESTAND_DAGEN} dagen): betaalbestand en boekingen downloaden",
            url("web:afrekenrun-list", status="goedgekeurd", dagen=BETAALBESTAND_DAGEN),
        ),
    ]
    vorige_maand = (vandaag.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    geleverd = CakBericht.objects.filter(soort=CakBerichtSoort.WMO405, periode=vorige_maand)
    for g in gemeenten.exclude(Exists(geleverd.filter(gemeente=OuterRef("pk")))).order_by("naam")[:5]:
        werk_lijst.append(
            Werk(
                1,
                f"levering aan het CAK over {maandnaam(vorige_maand)} nog te maken ({g.naam})",
                url("web:cak-leveringen", anker="maken", gemeente=g.code),
                alarm=True,
            )
        )
    for g in gemeenten.order_by("naam")[:5]:
        item = werk(
            leveringen.afgekeurde_meldingen(g),
            f"door het CAK afgekeurde meldingen ({g.naam})",
            url("web:cak-leveringen", anker="afgekeurd", gemeente=g.code),
        )
        if item.aantal:
            werk_lijst.append(item)
    return werk_lijst


def beheerder(user: Any, vandaag: dt.date) -> list[Werk]:
    gemeenten = gemeenten_van(user)
    return [
        werk(
            BetaalInstelling.objects.filter(gemeente__in=gemeenten).exclude(voorgesteld_door=""),
            "nieuwe betaalgegevens wachten op bevestiging door een tweede beheerder",
            reverse("admin:bekostiging_betaalinstelling_changelist") + "?voorstel=ja",
            alarm=True,
        ),
        werk(
            beheerbare_gebruikers(user).filter(is_active=True),
            "actieve accounts die u beheert",
            reverse("admin:accounts_user_changelist") + "?is_active__exact=1",
        ),
        werk(
            Briefsjabloon.objects.all(),
            "briefsjablonen voor de brieven aan inwoners",
            reverse("admin:brieven_briefsjabloon_changelist"),
        ),
    ]


def auditor(user: Any, vandaag: dt.date) -> list[Werk]:
    dag = vandaag - dt.timedelta(days=AUDIT_DAGEN)
    van = dag.isoformat()
    # From the start of that day, on the indexed moment (as the audit page filters ``?van=``).
    spoor = auditspoor(user).filter(tijdstip__gte=timezone.make_aware(dt.datetime.combine(dag, dt.time.min)))

    def actie(a: str, tekst: str) -> Werk:
        return werk(spoor.filter(actie=a), tekst, url("web:audit-list", actie=a, van=van))

    return [
        actie(Actie.GEEXPORTEERD, f"exports van cliëntgegevens (laatste {AUDIT_DAGEN} dagen)"),
        actie(Actie.AFGEDRUKT, f"afdrukken van brieven en plannen (laatste {AUDIT_DAGEN} dagen)"),
        actie(Actie.GEZOCHT, f"zoekopdrachten naar cliënten (laatste {AUDIT_DAGEN} dagen)"),
        werk(
            spoor, f"regels in het toegangslog (laatste {AUDIT_DAGEN} dagen)", url("web:audit-list", van=van)
        ),
    ]


def aanbieder(user: Any, vandaag: dt.date) -> list[Werk]:
    toewijzingen = Toewijzing.objects.for_user(user)
    lopend = toewijzingen.lopend_op(vandaag)
    return [
        werk(
            lopend.te_beoordelen(),
            "nieuwe toewijzingen om te accepteren of te retourneren",
            url("web:portaal", anker="te-beoordelen"),
            alarm=True,
        ),
        werk(
            lopend.wacht_op_start(),
            "geaccepteerd: start nog melden",
            url("web:portaal", anker="start-melden"),
        ),
        werk(
            toewijzingen.start_te_laat(vandaag),
            "toewijzingen met de start te laat gemeld of nog niet gemeld",
            url("web:toewijzing-list", filter="start_te_laat"),
            alarm=True,
        ),
        werk(
            toewijzingen.stop_te_melden(vandaag),
            "toewijzingen beëindigd terwijl de ondersteuning nog loopt: stop melden",
            url("web:toewijzing-list", filter="stop_melden"),
            alarm=True,
        ),
        werk(
            toewijzingen.met_plan_zonder_akkoord(),
            "toewijzingen met een ondersteuningsplan nog zonder akkoord van de cliënt",
            url("web:toewijzing-list", filter="plan_concept"),
        ),
        werk(
            toewijzingen.recent_geretourneerd(vandaag),
            "toewijzingen die u retourneerde (laatste 3 maanden)",
            url("web:toewijzing-list", filter="geretourneerd"),
        ),
        werk(
            Signaal.objects.for_user(user).exclude(status=SignaalStatus.AFGEHANDELD),
            "signalen in behandeling bij de gemeente",
            url("web:signaal-list"),
        ),
    ]


PER_ROL: dict[str, Callable[[Any, dt.date], list[Werk]]] = {
    Rol.CONSULENT: consulent,
    Rol.CONTRACTMANAGER: contractmanager,
    Rol.FINANCIEEL: financieel,
    Rol.BEHEERDER: beheerder,
    Rol.AUDITOR: auditor,
    Rol.AANBIEDER: aanbieder,
}


def werk_voor(user: Any, vandaag: dt.date | None = None) -> list[Werk]:
    maak = PER_ROL.get(getattr(user, "rol", ""))
    return maak(user, vandaag or timezone.localdate()) if maak else []

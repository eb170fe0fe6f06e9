"""The Awb deadlines in the demo, after the bulk part and through the toegang services, so the register
("Termijnen") and the worklist show every kind of case: a decision term verdaagd with its letter, an
onderzoek term extended by agreement with the client, clients who applied without a verslag after six
weeks (some of them with an ingebrekestelling and a dwangsom running), and plans sent after the
beschikking they are part of."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import partial

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone

from resultaat.demo.kern import _Basis
from resultaat.ondersteuning.models import Ondersteuningsplan, PlanStatus
from resultaat.toegang import awb, bekendmaking
from resultaat.toegang import services as toegang
from resultaat.toegang.models import (
    Aanvraag,
    AanvraagStatus,
    Beschikking,
    Melding,
    MeldingStatus,
)
from resultaat.werklijst.models import WerklijstItem

VERDAGING_REDENEN = (
    "Wij hebben advies gevraagd aan de huisarts. Dat advies hebben wij nog niet.",
    "Wij willen eerst met uw dochter praten over wat zij kan doen. Dat gesprek is volgende week.",
    "Een ergotherapeut komt bij u thuis kijken. Die afspraak is pas na de termijn.",
)
AFSPRAAK_REDENEN = (
    "De cliënt wil het gesprek voeren als de mantelzorger terug is van vakantie.",
    "De cliënt ligt in het ziekenhuis; het gesprek volgt na het ontslag.",
)


class TermijnenMixin(_Basis):
    def termijnen(self) -> None:
        laatste_werk = WerklijstItem.objects.aggregate(m=models.Max("pk"))["m"] or 0
        vandaag = min(self.vandaag, timezone.localdate())
        self._verdagingen(vandaag)
        self._afspraken(vandaag)
        self._aanvragen_na_termijn(vandaag)
        self._plannen_nasturen(vandaag)
        WerklijstItem.objects.filter(pk__gt=laatste_werk).update(aangemaakt_op=self.moment(vandaag))

    def _poging(self, wat: str, actie: Callable[[], object]) -> bool:
        try:
            with transaction.atomic():
                actie()
        except (ValidationError, PermissionDenied):
            return False
        self.portaal_acties[wat] += 1
        return True

    def _verdagingen(self, vandaag: dt.date) -> None:
        """About a third of the open aanvragen of at least three days old, still within their term: the
        decision is verdaagd by two weeks, with a letter (the first always, so a small demo shows one too)."""
        for i, aanvraag in enumerate(
            Aanvraag.objects.filter(
                status=AanvraagStatus.INGEDIEND,
                ontvangen_op__lte=vandaag - dt.timedelta(days=3),
                uiterlijk__gte=vandaag,
            )
            .select_related("gemeente", "client")
            .order_by("pk")
        ):
            consulent = self.consulent(aanvraag.gemeente.code)
            if consulent is None or not (i == 0 or self.kans(0.3)):
                continue
            self._poging(
                "beslistermijn verdaagd (Awb 4:14)",
                partial(
                    awb.verdaag_besluit,
                    door=consulent,
                    aanvraag=aanvraag,
                    op=vandaag,
                    nieuw_uiterlijk=aanvraag.besluit_uiterlijk + dt.timedelta(days=14),
                    reden=self.kies(VERDAGING_REDENEN),
                ),
            )

    def _afspraken(self, vandaag: dt.date) -> None:
        """About one in seven open meldingen still within six weeks (and the first): a longer onderzoek term
        agreed by phone."""
        for i, melding in enumerate(
            Melding.objects.filter(
                status__in=(MeldingStatus.ONTVANGEN, MeldingStatus.IN_ONDERZOEK),
                uiterlijk__gte=vandaag,
                aanvragen__isnull=True,
            )
            .select_related("gemeente")
            .order_by("pk")
        ):
            consulent = self.consulent(melding.gemeente.code)
            if consulent is None or not (i == 0 or self.kans(0.15)):
                continue
            self._poging(
                "onderzoekstermijn verlengd met de cliënt",
                partial(
                    awb.verleng_onderzoek,
                    door=consulent,
                    melding=melding,
                    op=vandaag,
                    nieuw_uiterlijk=melding.onderzoek_uiterlijk + dt.timedelta(days=14),
                    reden=self.kies(AFSPRAAK_REDENEN),
                    afspraak="telefonisch met de cliënt",
                ),
            )

    def _aanvragen_na_termijn(self, vandaag: dt.date) -> None:
        """Half of the meldingen past their six weeks without a verslag: the client applied directly a
        few days after; when that decision term passed too, the client sent an ingebrekestelling. The
        oldest first and always, one day after each term, so its dwangsom runs in a small demo too."""
        for i, melding in enumerate(
            Melding.objects.filter(
                status=MeldingStatus.ONTVANGEN,
                uiterlijk__lt=vandaag - dt.timedelta(days=1),
                aanvragen__isnull=True,
            )
            .select_related("gemeente")
            .order_by("uiterlijk", "pk")
        ):
            consulent = self.consulent(melding.gemeente.code)
            if consulent is None or not (i == 0 or self.kans(0.5)):
                continue
            dagen = 1 if i == 0 else self.rng.randint(1, 5)
            op = min(vandaag, melding.onderzoek_uiterlijk + dt.timedelta(days=dagen))
            if not self._poging(
                "aanvraag zonder verslag na de onderzoekstermijn",
                partial(
                    awb.registreer_aanvraag_na_onderzoekstermijn,
                    door=consulent,
                    melding=melding,
                    ontvangen_op=op,
                ),
            ):
                continue
            aanvraag = Aanvraag.objects.filter(melding=melding).get()
            ingebreke = aanvraag.besluit_uiterlijk + dt.timedelta(
                days=1 if i == 0 else self.rng.randint(1, 3)
            )
            if ingebreke <= vandaag:
                self._poging(
                    "ingebrekestelling ontvangen",
                    partial(
                        toegang.registreer_ingebrekestelling,
                        door=consulent,
                        aanvraag=aanvraag,
                        ontvangen_op=ingebreke,
                    ),
                )

    def _plannen_nasturen(self, vandaag: dt.date) -> None:
        """The agreed plans of beschikkingen that say the plan is part of them, sent a few days after the
        client agreed (the letter itself went before the plan existed)."""
        akkoord = Ondersteuningsplan.objects.filter(
            status=PlanStatus.AKKOORD, toewijzing__beschikt_resultaat__beschikking=models.OuterRef("pk")
        )
        for beschikking in (
            Beschikking.objects.filter(ondersteuningsplan_onderdeel=True, verzonden_op__isnull=False)
            .filter(models.Exists(akkoord))
            .select_related("gemeente")
            .order_by("pk")
        ):
            consulent = self.consulent(beschikking.gemeente.code)
            plan = (
                Ondersteuningsplan.objects.filter(
                    status=PlanStatus.AKKOORD, toewijzing__beschikt_resultaat__beschikking=beschikking
                )
                .order_by("-akkoord_op")
                .first()
            )
            if consulent is None or plan is None or beschikking.verzonden_op is None:
                continue
            op = min(
                vandaag, max(beschikking.verzonden_op, plan.akkoord_op or vandaag) + dt.timedelta(days=2)
            )
            self._poging(
                "ondersteuningsplan nagestuurd bij de beschikking",
                partial(bekendmaking.stuur_bijlagen_na, door=consulent, beschikking=beschikking, op=op),
            )

"""Bekostiging: the gemeenten's bank details, and every finished period of the last year settled and
approved through the settlement services (the last one waiting for approval)."""

from __future__ import annotations

import datetime as dt

from resultaat.accounts.models import User
from resultaat.bekostiging import services as bk
from resultaat.bekostiging.betaalgegevens import stel_voor
from resultaat.bekostiging.models import BetaalInstelling, Periode
from resultaat.demo.basis import nl_iban
from resultaat.demo.kern import (
    _Basis,
)


class BekostigingMixin(_Basis):
    def betaalgegevens(self) -> None:
        """The bank details of every gemeente (payer in the SEPA files), as the installation's data."""
        for nr, gemeente in enumerate(sorted(self.gemeenten.values(), key=lambda g: g.code), start=1):
            BetaalInstelling.objects.update_or_create(
                gemeente=gemeente,
                defaults={
                    "naam": f"Gemeente {gemeente.naam}",
                    "iban": nl_iban("BNGH", f"28{nr:02d}{int(gemeente.code):04d}"),
                    "bic": "BNGHNL2G",
                    # SEPA initiating party: the gemeente's KvK-style id (demo figure).
                    "initiatiefnemer": f"GEM{int(gemeente.code):04d}",
                },
            )

    def afrekeningen(self) -> None:
        """Every finished four-week period of the last year, for the financieel logins' gemeenten: made by
        the second financieel login (``financieel-2``) and approved by the ``financieel`` login (four
        eyes), so that the payment pages, specifications and the budget show real figures; the run of the
        last period is left for ``financieel`` to approve."""

        self.betaalgegevens()
        goedkeurder = User.objects.filter(username="financieel").first()
        maker = User.objects.filter(username="financieel-2").first()
        if goedkeurder is None or maker is None:
            return
        for gemeente in goedkeurder.gemeenten.order_by("code"):
            for jaar in (self.vandaag.year - 1, self.vandaag.year):
                bk.zoek_periode(gemeente, f"{jaar}-P01")  # makes the year's calendar when missing
            afgelopen = Periode.objects.filter(
                gemeente=gemeente,
                code__contains="-P",
                eind__lte=self.vandaag,
                begin__gte=self.vandaag - dt.timedelta(days=365),
            ).order_by("begin")
            perioden = list(afgelopen)
            for nr, periode in enumerate(perioden, start=1):
                run = bk.afrekenen(gemeente=gemeente, periode=periode, door=maker, vandaag=self.vandaag).run
                if run is None:
                    continue
                if nr == len(perioden):
                    # The last finished period waits for the second pair of eyes: the start page of
                    # ``financieel`` shows it as a run to approve, that of ``financieel-2`` as its own.
                    self.portaal_acties["afrekenrun wacht op goedkeuring"] += 1
                    continue
                bk.keur_goed(run=run, door=goedkeurder)
                self.portaal_acties["goedgekeurde afrekenrun"] += 1
        self.betaalgegevens_voorstel()

    def betaalgegevens_voorstel(self) -> None:
        """The beheerder proposes a new account for its gemeente; it waits for a second person (four eyes)
        on the beheerder's start page."""
        beheerder = User.objects.filter(username="beheerder").first()
        gemeente = beheerder.gemeenten.order_by("code").first() if beheerder is not None else None
        if gemeente is None:
            return
        stel_voor(
            gemeente=gemeente,
            naam=f"Gemeente {gemeente.naam}",
            iban=nl_iban("BNGH", f"2899{int(gemeente.code):04d}"),
            bic="BNGHNL2G",
            door=beheerder,
        )
        self.portaal_acties["nieuwe betaalgegevens voorgesteld"] += 1

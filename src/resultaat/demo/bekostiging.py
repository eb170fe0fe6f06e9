"""Bekostiging: the last two finished periods settled and approved through the settlement services."""

from __future__ import annotations

from resultaat.accounts.models import User
from resultaat.bekostiging import services as bk
from resultaat.bekostiging.models import Periode
from resultaat.demo.kern import (
    _Basis,
)


class BekostigingMixin(_Basis):
    def afrekeningen(self) -> None:
        """The last two finished four-week periods of the financieel login's gemeenten are settled by the
        second financieel login (``financieel-2``) and approved by the ``financieel`` login (four eyes), so
        that the payment pages and the providers' specifications have something to show."""

        goedkeurder = User.objects.filter(username="financieel").first()
        maker = User.objects.filter(username="financieel-2").first()
        if goedkeurder is None or maker is None:
            return
        for gemeente in goedkeurder.gemeenten.order_by("code"):
            for jaar in (self.vandaag.year - 1, self.vandaag.year):
                bk.zoek_periode(gemeente, f"{jaar}-P01")  # makes the year's calendar when missing
            afgelopen = Periode.objects.filter(
                gemeente=gemeente, code__contains="-P", eind__lte=self.vandaag
            ).order_by("-begin")[:2]
            for periode in reversed(list(afgelopen)):
                run = bk.afrekenen(gemeente=gemeente, periode=periode, door=maker, vandaag=self.vandaag).run
                if run is not None:
                    bk.keur_goed(run=run, door=goedkeurder)
                    self.portaal_acties["goedgekeurde afrekenrun"] += 1

"""iWmo traffic from the providers: starts, a stop and declaraties that arrive as files and go through
the same intake as the inbox (``iwmo.intake.verwerk``), so the message pages show received messages
with their retour, approved and refused, each refusal with its official retour code.

From providers with a portal login; the stop and the declaraties in the gemeente of the ``financieel``
login:

- a start (305) of a toewijzing waiting for its start, dated a week before the toewijzing begins:
  refused with the code of the rule it breaks, nothing recorded; then the corrected start, approved
  (306, 0001);
- a stop (307) "volgens plan" of a toewijzing in care: approved (308);
- a declaratie (323) for last month's results of two clients in care: approved in full (325, 8001);
- the same month claimed again for one of them: refused per prestatie (TR389, 9389: a debet without
  its credit);
- on the demo's budget toewijzing (a budget in euros instead of an amount, unit 83): two months within
  the budget, approved; then a month that passes it: refused (TR369, 9369).

The messages carry the demo's dates (dagtekening ``vandaag``); the intake records them at the real
moment, as it does for any file."""

from __future__ import annotations

import calendar
import datetime as dt
from typing import Any

from django.db.models import Exists, OuterRef

from resultaat.accounts.models import Rol, User
from resultaat.clienten.models import Client
from resultaat.core.codes import WJ756Eenheid, WMO588RedenBeeindiging
from resultaat.demo.kern import _Basis
from resultaat.iwmo import voorbeeld as vb
from resultaat.iwmo.declaratie import eenheidstarief
from resultaat.iwmo.intake import verwerk
from resultaat.toewijzingen.models import Levering, Toewijzing

DAG = dt.timedelta(days=1)


def _maand(datum: dt.date) -> tuple[dt.date, dt.date]:
    """The calendar month of ``datum``: its first and last day."""
    return datum.replace(day=1), datum.replace(day=calendar.monthrange(datum.year, datum.month)[1])


def _product(t: Toewijzing) -> dict[str, str]:
    return {"Categorie": t.product.categorie, "Code": t.product.code}


def _client(c: Client) -> dict[str, Any]:
    return vb.client_kort(c.bsn, achternaam=c.achternaam or "Onbekend", geboortedatum=c.geboortedatum)


class BerichtenMixin(_Basis):
    scenarios: dict[str, int]

    def berichtenverkeer(self) -> None:
        financieel = User.objects.filter(username="financieel").first()
        gemeente = financieel.gemeenten.order_by("code").first() if financieel else None
        if gemeente is None:
            return
        self._volgnummer = 0
        vorige_begin, vorige_eind = _maand(self.vandaag.replace(day=1) - DAG)
        gebruikt = set(self.scenarios.values())
        met_login = (
            User.objects.filter(rol=Rol.AANBIEDER, aanbieder__isnull=False)
            .order_by("aanbieder__agb_code")
            .values_list("aanbieder_id", flat=True)
            .distinct()
        )
        wachtend = (
            Toewijzing.objects.wacht_op_start()
            .filter(aanbieder__in=met_login, ingangsdatum__lte=self.vandaag)
            .exclude(pk__in=gebruikt)
            .select_related("client", "aanbieder", "gemeente", "product")
            .order_by("gemeente__code", "nummer")
            .first()
        )
        if wachtend is not None:
            self._starts(wachtend)
        for aanbieder_id in met_login:
            # In care all of last month and after: started before it, never stopped, no end date.
            in_zorg = list(
                Toewijzing.objects.filter(
                    Exists(Levering.objects.filter(toewijzing=OuterRef("pk"), begindatum__lt=vorige_begin)),
                    ~Exists(Levering.objects.filter(toewijzing=OuterRef("pk"), einddatum__isnull=False)),
                    gemeente=gemeente,
                    aanbieder_id=aanbieder_id,
                    ingangsdatum__lt=vorige_begin,
                    einddatum__isnull=True,
                    eenheid=WJ756Eenheid.STUKS_OUTPUT,
                )
                .exclude(pk__in=gebruikt)
                .select_related("client", "aanbieder", "gemeente", "product")
                .order_by("nummer")[:3]
            )
            if len(in_zorg) == 3:
                self._declaraties(in_zorg[:2], vorige_begin, vorige_eind)
                self._stop(in_zorg[2])
                break
        budget = self.scenarios.get("budget")
        if budget is not None:
            self._budgetdeclaraties(
                Toewijzing.objects.select_related("client", "aanbieder", "gemeente", "product").get(pk=budget)
            )

    def _ontvang(self, soort: str, data: bytes) -> None:
        """One file through the intake, as the inbox reads it."""
        (uitkomst,) = verwerk([(f"demo-{soort}-{self._volgnummer:03d}.xml", data)])
        self.portaal_acties[f"iWmo-bericht {soort} {uitkomst.status}"] += 1

    def _identificatie(self) -> str:
        self._volgnummer += 1
        return f"DEMO{self._volgnummer:06d}"

    def _starts(self, t: Toewijzing) -> None:
        """A start dated before the toewijzing begins (refused, nothing recorded), then the corrected one."""
        for begindatum in (t.ingangsdatum - 7 * DAG, t.ingangsdatum):
            start = vb.start(t.nummer, begindatum, Product=_product(t), ToewijzingIngangsdatum=t.ingangsdatum)
            self._ontvang("305", vb.bericht_305(**self._afzender(t), producten=[start]))

    def _stop(self, t: Toewijzing) -> None:
        levering = Levering.objects.filter(toewijzing=t).order_by("-begindatum").first()
        if levering is None:
            return
        stop = vb.stop(
            t.nummer,
            levering.begindatum,
            self.vandaag - 3 * DAG,
            WMO588RedenBeeindiging.VOLGENS_PLAN,
            Product=_product(t),
            ToewijzingIngangsdatum=t.ingangsdatum,
        )
        self._ontvang("307", vb.bericht_307(**self._afzender(t), producten=[stop]))

    def _afzender(self, t: Toewijzing) -> dict[str, Any]:
        """The header and client of a 305 or 307 about ``t``, sent today by its provider."""
        return {
            "agb": t.aanbieder.agb_code,
            "gemeente": t.gemeente.code,
            "identificatie": self._identificatie(),
            "bsn": t.client.bsn,
            "dagtekening": self.vandaag,
            "client": _client(t.client),
        }

    def _declaratie(
        self, nummer: str, begin: dt.date, eind: dt.date, regels: list[tuple[Toewijzing, dict[str, Any]]]
    ) -> None:
        """One 323 for the month ``begin``-``eind``: per toewijzing (of one provider) its prestatie."""
        t = regels[0][0]
        self._ontvang(
            "323",
            vb.bericht_323(
                agb=t.aanbieder.agb_code,
                gemeente=t.gemeente.code,
                identificatie=self._identificatie(),
                nummer=nummer,
                begin=begin,
                eind=eind,
                dagtekening=self.vandaag,
                clienten=[(tw.client.bsn, [p]) for tw, p in regels],
            ),
        )

    def _prestatie(
        self, t: Toewijzing, referentie: str, begin: dt.date, eind: dt.date, bedrag: int
    ) -> dict[str, Any]:
        """``t``'s claim for the month: a result at the contract tariff, or an amount in euros."""
        euros = t.eenheid == WJ756Eenheid.EUROS
        return vb.prestatie(
            referentie=referentie,
            nummer=t.nummer,
            categorie=t.product.categorie,
            code=t.product.code,
            begin=begin,
            eind=eind,
            eenheid=t.eenheid,
            bedrag=bedrag,
            volume=bedrag if euros else 1,
            tarief=None if euros else bedrag,
        )

    def _declaraties(self, in_zorg: list[Toewijzing], begin: dt.date, eind: dt.date) -> None:
        """Last month's results of two clients, approved in full; then one of them claimed again."""
        regels = []
        for nr, t in enumerate(in_zorg, start=1):
            tarief = eenheidstarief(toewijzing=t, datum=begin)
            if tarief is None:
                return
            regels.append((t, self._prestatie(t, f"D{begin:%Y%m}-{nr}", begin, eind, tarief)))
        self._declaratie(f"D{begin:%Y%m}", begin, eind, regels)
        t, eerste = regels[0]
        nogmaals = {**eerste, "ProductReferentie": {"ReferentieNummer": f"D{begin:%Y%m}-1b"}}
        self._declaratie(f"D{begin:%Y%m}B", begin, eind, [(t, nogmaals)])

    def _budgetdeclaraties(self, t: Toewijzing) -> None:
        """Claims in euros on the budget toewijzing: two months within the budget, then one past it."""
        if t.budget_cent is None or t.eenheid != WJ756Eenheid.EUROS:
            return
        maanden: list[tuple[dt.date, dt.date]] = []
        eind = self.vandaag.replace(day=1) - DAG
        for _ in range(3):
            begin, eind_maand = _maand(eind)
            if begin < t.ingangsdatum:
                return
            maanden.insert(0, (begin, eind_maand))
            eind = begin - DAG
        # The budget is three four-week periods of the tariff; a month costs 13/12 of a period, so the
        # third month passes the budget.
        per_maand = t.budget_cent * 13 // 36
        for nr, (begin, eind) in enumerate(maanden):
            prestatie = self._prestatie(t, f"B{begin:%Y%m}-{nr}", begin, eind, per_maand)
            self._declaratie(f"B{begin:%Y%m}", begin, eind, [(t, prestatie)])

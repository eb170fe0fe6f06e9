"""The consulent's answers to a provider's request (315 VOT, 317 VOW): a 301 or a 319.

The 319 answer rules are checked before the message is built, so we never send an answer the
provider must reject: CD085/CD086 (reason with answer 1, none with answer 2), TR355 (the referentie is
an earlier request of this provider), TR359 (in onderzoek only once), TR360 (no 319 after a 301).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from resultaat.audit.context import acting_as
from resultaat.catalogus.models import Product
from resultaat.iwmo.codes import WJ760VerzoekAntwoord
from resultaat.iwmo.models import Bericht, Verzoek, VerzoekSoort, VerzoekStatus
from resultaat.iwmo.regels import REGELS
from resultaat.iwmo.uitgaand import als_antwoord_op, verstuur_319
from resultaat.iwmo.werkdagen import plus_werkdagen
from resultaat.toewijzingen import services as tw
from resultaat.werklijst.models import WerklijstItem, WerklijstStatus


def _fout(regel: str) -> ValidationError:
    r = REGELS[regel]
    return ValidationError(f"{r.melding} ({regel}, retourcode {r.retourcode})", code=regel)


def _sluit_werklijst(verzoek: Verzoek, uiterlijk: dt.date | None = None) -> None:
    items = WerklijstItem.objects.filter(
        object_id=verzoek.pk, client=verzoek.client, status=WerklijstStatus.OPEN
    )
    if uiterlijk is not None:
        items.update(uiterlijk=uiterlijk)
    else:
        items.update(status=WerklijstStatus.AFGEHANDELD, afgehandeld_op=timezone.now())


def beantwoord_met_319(*, door: Any, verzoek: Verzoek, antwoord: str, reden: str = "") -> Bericht:
    if antwoord == WJ760VerzoekAntwoord.AFGEWEZEN and not reden:
        raise _fout("CD085")
    if antwoord == WJ760VerzoekAntwoord.IN_ONDERZOEK and reden:
        raise _fout("CD086")
    with transaction.atomic(), acting_as(door):
        verzoek = Verzoek.objects.select_for_update().get(pk=verzoek.pk)
        if verzoek.status == VerzoekStatus.TOEGEKEND:
            raise _fout("TR360")
        if verzoek.status == VerzoekStatus.AFGEWEZEN:
            raise _fout("TR379")
        if antwoord == WJ760VerzoekAntwoord.IN_ONDERZOEK and verzoek.status == VerzoekStatus.IN_ONDERZOEK:
            raise _fout("TR359")
        bericht = verstuur_319(
            verzoek.gemeente, verzoek.aanbieder, verzoek.referentie_aanbieder, antwoord, reden
        )
        if antwoord == WJ760VerzoekAntwoord.IN_ONDERZOEK:
            verzoek.status = VerzoekStatus.IN_ONDERZOEK
            _sluit_werklijst(verzoek, uiterlijk=timezone.localdate() + dt.timedelta(weeks=8))
        else:
            verzoek.status = VerzoekStatus.AFGEWEZEN
            verzoek.beantwoord_op = timezone.now()
            _sluit_werklijst(verzoek)
        verzoek.save()
    return bericht


def ken_toe(
    *, door: Any, verzoek: Verzoek, product: Product | None = None, einddatum: dt.date | None = None
) -> list[Any]:
    """Grant a request with a 301 carrying its ReferentieAanbieder.

    VOT: a toewijzing of the requested product from the requested date. VOW: the TeWijzigenProducten get
    their new end date (reden 12, by the aanbieder) and the NieuweProducten become new toewijzingen.
    """
    if verzoek.status in (VerzoekStatus.TOEGEKEND, VerzoekStatus.AFGEWEZEN):
        raise _fout("TR379")
    gemaakt = []
    with (
        transaction.atomic(),
        acting_as(door),
        als_antwoord_op(verzoek.referentie_aanbieder, vow=verzoek.soort == VerzoekSoort.VOW),
    ):
        if verzoek.soort == VerzoekSoort.VOT:
            gevraagd = verzoek.producten[0]
            product = product or _product(gevraagd.get("Product"))
            gemaakt.append(
                tw.maak_toewijzing(
                    door=door,
                    client=verzoek.client,
                    aanbieder=verzoek.aanbieder,
                    product=product,
                    ingangsdatum=dt.date.fromisoformat(gevraagd["ToewijzingIngangsdatum"]),
                    einddatum=einddatum or _datum(gevraagd.get("ToewijzingEinddatum")),
                    referentie_aanbieder=verzoek.referentie_aanbieder,
                )
            )
        else:
            from resultaat.toewijzingen.models import Toewijzing

            v = verzoek.producten[0]
            for p in v.get("TeWijzigenProducten", []):
                t = Toewijzing.objects.get(gemeente=verzoek.gemeente, nummer=int(p["ToewijzingNummer"]))
                if p.get("Einddatum"):
                    gemaakt.append(
                        tw.wijzig_einddatum(
                            door=door,
                            toewijzing=t,
                            einddatum=dt.date.fromisoformat(p["Einddatum"]),
                            reden="12",
                        )
                    )
            for p in v.get("NieuweProducten", []):
                gemaakt.append(
                    tw.maak_toewijzing(
                        door=door,
                        client=verzoek.client,
                        aanbieder=verzoek.aanbieder,
                        product=_product(p.get("Product")),
                        ingangsdatum=dt.date.fromisoformat(p["GewensteIngangsdatum"]),
                        einddatum=_datum(p.get("Einddatum")),
                        referentie_aanbieder=verzoek.referentie_aanbieder,
                    )
                )
        verzoek.status = VerzoekStatus.TOEGEKEND
        verzoek.beantwoord_op = timezone.now()
        verzoek.save()
        _sluit_werklijst(verzoek)
    return gemaakt


def _product(d: dict[str, Any] | None) -> Product:
    if not d or not d.get("Code"):
        raise ValidationError("Kies het product: het verzoek noemt geen productcode.")
    product = Product.objects.filter(categorie=d["Categorie"], code=d["Code"]).order_by("-geldig_van").first()
    if product is None:
        raise _fout("TR381")
    return product


def _datum(waarde: str | None) -> dt.date | None:
    return dt.date.fromisoformat(waarde) if waarde else None


def deadline(verzoek: Verzoek) -> dt.date:
    return plus_werkdagen(verzoek.bericht.dagtekening or timezone.localdate(), 5)

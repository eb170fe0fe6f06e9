"""Provider requests (315 VOT, 317 VOW) and the consulent's answers: a 301 or a 319.

A request comes in as a message (:mod:`resultaat.iwmo.intake`) or from the provider portal
(:func:`dien_vot_in`, :func:`dien_vow_in`). Both store ``producten`` in the message's shape and put the
same item on the worklist, so the answer is given the same way.

The 319 answer rules are checked before the message is built, so we never send an answer the
provider must reject: CD085/CD086 (reason with answer 1, none with answer 2), TR355 (the referentie is
an earlier request of this provider), TR359 (no 319 after a 301), TR360 (in onderzoek only once),
TR365 (no answer after a rejection).
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from resultaat.catalogus.models import Product
from resultaat.core import termijnen
from resultaat.core.audit.context import acting_as
from resultaat.core.codes import WJ758RedenVerzoek, WJ759RedenAfwijzingVerzoek, WJ760VerzoekAntwoord
from resultaat.core.opmaak import lees_datum
from resultaat.iwmo.models import Bericht, Verzoek, VerzoekBron, VerzoekSoort, VerzoekStatus
from resultaat.iwmo.regels import REGELS
from resultaat.iwmo.uitgaand import als_antwoord_op, verstuur_319
from resultaat.toewijzingen import services as tw
from resultaat.toewijzingen.models import Toewijzing
from resultaat.werklijst.models import WerklijstItem


def _fout(regel: str) -> ValidationError:
    r = REGELS[regel]
    return ValidationError(f"{r.melding} ({regel}, retourcode {r.retourcode})", code=regel)


def _sluit_werklijst(verzoek: Verzoek, uiterlijk: dt.date | None = None) -> None:
    items = WerklijstItem.objects.over(verzoek)
    if uiterlijk is not None:
        items.update(uiterlijk=uiterlijk)
    else:
        items.handel_af()


def beantwoord_met_319(*, door: Any, verzoek: Verzoek, antwoord: str, reden: str = "") -> Bericht:
    if antwoord == WJ760VerzoekAntwoord.AFGEWEZEN and not reden:
        raise _fout("CD085")
    if antwoord == WJ760VerzoekAntwoord.IN_ONDERZOEK and reden:
        raise _fout("CD086")
    if antwoord not in WJ760VerzoekAntwoord.values:
        raise ValidationError({"antwoord": "Kies afwijzen of in onderzoek."})
    if reden and reden not in WJ759RedenAfwijzingVerzoek.values:
        raise ValidationError({"reden": f"Onbekende reden van afwijzing: {reden!r}."})
    with transaction.atomic(), acting_as(door):
        verzoek = Verzoek.objects.select_for_update().get(pk=verzoek.pk)
        if verzoek.status == VerzoekStatus.TOEGEKEND:
            raise _fout("TR359")
        if verzoek.status == VerzoekStatus.AFGEWEZEN:
            raise _fout("TR365")
        if antwoord == WJ760VerzoekAntwoord.IN_ONDERZOEK and verzoek.status == VerzoekStatus.IN_ONDERZOEK:
            raise _fout("TR360")
        bericht = verstuur_319(
            verzoek.gemeente, verzoek.aanbieder, verzoek.referentie_aanbieder, antwoord, reden
        )
        if antwoord == WJ760VerzoekAntwoord.IN_ONDERZOEK:
            verzoek.status = VerzoekStatus.IN_ONDERZOEK
            _sluit_werklijst(
                verzoek, uiterlijk=termijnen.VERZOEK_IN_ONDERZOEK.uiterlijk(timezone.localdate())
            )
        else:
            verzoek.status = VerzoekStatus.AFGEWEZEN
            verzoek.reden_afwijzing = reden
            verzoek.beantwoord_op = timezone.now()
            _sluit_werklijst(verzoek)
        verzoek.beantwoord_door = door if getattr(door, "pk", None) else None
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
                    einddatum=einddatum or lees_datum(gevraagd.get("ToewijzingEinddatum")),
                    referentie_aanbieder=verzoek.referentie_aanbieder,
                )
            )
        else:
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
                        einddatum=lees_datum(p.get("Einddatum")),
                        referentie_aanbieder=verzoek.referentie_aanbieder,
                    )
                )
        verzoek.status = VerzoekStatus.TOEGEKEND
        verzoek.beantwoord_op = timezone.now()
        verzoek.beantwoord_door = door if getattr(door, "pk", None) else None
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


def deadline(verzoek: Verzoek) -> dt.date:
    """5 werkdagen from the message's dagtekening, or from the day a portal request was made."""
    if verzoek.bericht is not None:
        return termijnen.VERZOEK_BEANTWOORDEN.uiterlijk(verzoek.bericht.dagtekening or timezone.localdate())
    return termijnen.VERZOEK_BEANTWOORDEN.uiterlijk(timezone.localdate(verzoek.ingediend_op))


# --- Requests from the provider portal -------------------------------------------------------------------


def _aanbieder_van(door: Any) -> Any:
    if not getattr(door, "is_aanbieder_user", False) or door.aanbieder_id is None:
        raise ValidationError("Alleen een medewerker van een aanbieder kan een verzoek indienen.")
    return door.aanbieder


def _eigen_client(client: Any, aanbieder: Any) -> None:
    if not Toewijzing.objects.filter(client=client, aanbieder=aanbieder).exists():
        raise ValidationError({"client": "Kies een cliënt van uw eigen organisatie."})


def _geen_open_verzoek(client: Any, aanbieder: Any) -> None:
    open_verzoek = Verzoek.objects.open().filter(client=client, aanbieder=aanbieder).first()
    if open_verzoek is not None:
        raise ValidationError(
            f"Er staat al een open verzoek voor deze cliënt ({open_verzoek.get_soort_display()}, "
            f"referentie {open_verzoek.referentie_aanbieder}); wacht het antwoord van de gemeente af "
            "(TR374)."
        )


def _niet_in_verleden(veld: str, datum: dt.date) -> None:
    if datum < timezone.localdate():
        raise ValidationError({veld: "De datum mag niet in het verleden liggen."})


def _productcode(product: Product) -> dict[str, str]:
    return {"Categorie": product.categorie, "Code": product.code}


def _nieuwe_referentie() -> str:
    return f"PORTAAL-{uuid.uuid4().hex[:12].upper()}"


def _leg_verzoek_vast(
    *,
    door: Any,
    client: Any,
    aanbieder: Any,
    soort: str,
    referentie: str,
    producten: list[Any],
    toelichting: str,
) -> Verzoek:
    """The request and its worklist item (the same text and 5-werkdagen deadline as the intake's)."""
    uiterlijk = termijnen.VERZOEK_BEANTWOORDEN.uiterlijk(timezone.localdate())
    with transaction.atomic(), acting_as(door):
        verzoek = Verzoek.objects.create(
            gemeente=client.gemeente,
            aanbieder=aanbieder,
            client=client,
            soort=soort,
            bron=VerzoekBron.PORTAAL,
            referentie_aanbieder=referentie,
            producten=producten,
            toelichting=toelichting,
            ingediend_door=door,
            uiterlijk=uiterlijk,
        )
        verzoek.zet_op_werklijst()
    return verzoek


def dien_vot_in(
    *,
    door: Any,
    client: Any,
    product: Product,
    ingangsdatum: dt.date,
    einddatum: dt.date | None = None,
    toelichting: str = "",
) -> Verzoek:
    """A provider asks for a toewijzing of a contracted product for one of its own clients (as a 315)."""
    aanbieder = _aanbieder_van(door)
    _eigen_client(client, aanbieder)
    _niet_in_verleden("ingangsdatum", ingangsdatum)
    if einddatum is not None and einddatum < ingangsdatum:
        raise ValidationError({"einddatum": "De einddatum ligt vóór de gewenste ingangsdatum."})
    tw.controleer_gecontracteerd(
        gemeente=client.gemeente, aanbieder=aanbieder, product=product, datum=ingangsdatum
    )
    tw.controleer_geen_overlap(
        client=client, aanbieder=aanbieder, product=product, van=ingangsdatum, tot=einddatum
    )
    _geen_open_verzoek(client, aanbieder)
    referentie = _nieuwe_referentie()
    gevraagd: dict[str, Any] = {
        "ReferentieAanbieder": referentie,
        "Product": _productcode(product),
        "ToewijzingIngangsdatum": ingangsdatum.isoformat(),
    }
    if einddatum is not None:
        gevraagd["ToewijzingEinddatum"] = einddatum.isoformat()
    return _leg_verzoek_vast(
        door=door,
        client=client,
        aanbieder=aanbieder,
        soort=VerzoekSoort.VOT,
        referentie=referentie,
        producten=[gevraagd],
        toelichting=toelichting.strip(),
    )


def dien_vow_in(
    *,
    door: Any,
    toewijzing: Any,
    einddatum: dt.date | None = None,
    product: Product | None = None,
    ingangsdatum: dt.date | None = None,
    reden: str = WJ758RedenVerzoek.CLIENTSITUATIE,
    toelichting: str = "",
) -> Verzoek:
    """A provider asks to change a current toewijzing (as a 317): a new end date and/or a new product.

    A new product ends the current toewijzing the day before the new one begins (TeWijzigenProducten)
    and asks for the new product from that day (NieuweProducten), until the new or the current end date.
    """
    aanbieder = _aanbieder_van(door)
    if toewijzing.aanbieder_id != aanbieder.pk:
        raise ValidationError("Deze toewijzing is niet van uw organisatie.")
    vandaag = timezone.localdate()
    if toewijzing.einddatum is not None and toewijzing.einddatum < vandaag:
        raise ValidationError("Deze toewijzing is beëindigd; vraag een nieuwe toewijzing aan.")
    if reden not in WJ758RedenVerzoek.values:
        raise ValidationError({"reden": "Kies de reden van het verzoek."})
    if product is not None and product.pk == toewijzing.product_id:
        product = None
    if einddatum is None and product is None:
        raise ValidationError("Vul een nieuwe einddatum in, kies een ander product, of allebei.")
    if einddatum is not None:
        if einddatum < toewijzing.ingangsdatum:
            raise ValidationError(
                {"einddatum": "De nieuwe einddatum ligt vóór de ingangsdatum van de toewijzing."}
            )
        if einddatum == toewijzing.einddatum and product is None:
            raise ValidationError({"einddatum": "Dit is al de einddatum van de toewijzing."})
    client = toewijzing.client
    te_wijzigen: dict[str, Any] = {
        "ToewijzingNummer": toewijzing.nummer,
        "GewensteIngangsdatum": max(vandaag, toewijzing.ingangsdatum).isoformat(),
    }
    verzoek: dict[str, Any] = {"RedenVerzoek": reden, "TeWijzigenProducten": [te_wijzigen]}
    if product is not None:
        if ingangsdatum is None:
            raise ValidationError({"ingangsdatum": "Vul in vanaf wanneer het nieuwe product moet gelden."})
        _niet_in_verleden("ingangsdatum", ingangsdatum)
        if ingangsdatum <= toewijzing.ingangsdatum:
            raise ValidationError(
                {"ingangsdatum": "Het nieuwe product moet na de ingangsdatum van de toewijzing beginnen."}
            )
        eind_nieuw = einddatum if einddatum is not None else toewijzing.einddatum
        if eind_nieuw is not None and eind_nieuw < ingangsdatum:
            raise ValidationError(
                {"einddatum": "De einddatum ligt vóór de ingangsdatum van het nieuwe product."}
            )
        tw.controleer_gecontracteerd(
            gemeente=client.gemeente, aanbieder=aanbieder, product=product, datum=ingangsdatum
        )
        tw.controleer_geen_overlap(
            client=client, aanbieder=aanbieder, product=product, van=ingangsdatum, tot=eind_nieuw
        )
        te_wijzigen["Einddatum"] = (ingangsdatum - dt.timedelta(days=1)).isoformat()
        nieuw: dict[str, Any] = {
            "Product": _productcode(product),
            "GewensteIngangsdatum": ingangsdatum.isoformat(),
        }
        if eind_nieuw is not None:
            nieuw["Einddatum"] = eind_nieuw.isoformat()
        verzoek["NieuweProducten"] = [nieuw]
    else:
        assert einddatum is not None
        te_wijzigen["Einddatum"] = einddatum.isoformat()
    _geen_open_verzoek(client, aanbieder)
    referentie = _nieuwe_referentie()
    return _leg_verzoek_vast(
        door=door,
        client=client,
        aanbieder=aanbieder,
        soort=VerzoekSoort.VOW,
        referentie=referentie,
        producten=[{"ReferentieAanbieder": referentie, **verzoek}],
        toelichting=toelichting.strip(),
    )

"""Which product and band a result gets from the catalogue valid on a date, and the normenkader's minutes:
the lookups of the indicatie (:func:`resultaat.toegang.services.leg_indicatie_vast`), pure reads."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError

from resultaat.catalogus import normenkader
from resultaat.catalogus.models import Normenkader, Product, Resultaat, Tijdsband
from resultaat.core.opmaak import datum_of_onbepaald
from resultaat.organisaties.models import Gemeente


def banden_op(resultaat: Resultaat, datum: dt.date) -> list[Tijdsband]:
    return list(Tijdsband.objects.geldig_op(datum).filter(resultaat=resultaat).order_by("min_minuten"))


def bereken_normtijd(
    *, gemeente: Gemeente, resultaat: Resultaat, datum: dt.date, keuzes: Mapping[str, int]
) -> normenkader.Uitkomst:
    kader = Normenkader.objects.voor(gemeente, resultaat, datum)
    if kader is None:
        raise ValidationError(f"Er is op {datum_of_onbepaald(datum)} geen normenkader voor {resultaat}.")
    return normenkader.bereken(list(kader.posten.all()), keuzes, banden_op(resultaat, datum))


def buiten_band_tekst(minuten: int, banden: Sequence[Tijdsband]) -> str:
    lijst = ", ".join(f"{b.naam} {b.min_minuten}–{b.max_minuten}" for b in banden)
    return (
        f"{minuten} minuten per week valt buiten elke band ({lijst} minuten per week). "
        "Kies een handmatig besluit en schrijf de motivering op."
    )


def product_voor(
    *,
    resultaat: Resultaat,
    datum: dt.date,
    tijdsband: Tijdsband | None = None,
    complexiteit: Any = None,
    intensiteit: Any = None,
) -> Product:
    producten = Product.objects.geldig_op(datum).filter(resultaat=resultaat)
    if tijdsband is None and not producten.exists():
        # A result without products of its own is served by its domain's products (the ResultatenMatrix:
        # begeleiding, persoonlijke verzorging and dagbesteding are levels of a domain).
        producten = Product.objects.geldig_op(datum).filter(
            resultaat__isnull=True, domein_id=resultaat.domein_id, aanvullend_arrangement=False
        )
    if tijdsband is not None:
        producten = producten.filter(tijdsband=tijdsband)
    else:
        if complexiteit is not None and producten.filter(complexiteit=complexiteit).exists():
            producten = producten.filter(complexiteit=complexiteit)
        if intensiteit is not None and producten.filter(intensiteit=intensiteit).exists():
            producten = producten.filter(intensiteit=intensiteit)
        producten = producten.filter(tijdsband__isnull=True)
    # "Begeleiding midden" before "Begeleiding speciaal midden": the regular level unless asked otherwise.
    product = producten.order_by("-geldig_van", "naam", "code").first()
    if product is None:
        raise ValidationError(
            {
                "resultaat": f"De catalogus heeft op {datum_of_onbepaald(datum)} geen product voor "
                f"{resultaat} op dit niveau."
            }
        )
    return product

"""Dutch presentation of dates, money and counts: dd-mm-jjjj, "€ 1.234,56", "4.915"."""

from __future__ import annotations

from django import template

from resultaat.core import opmaak
from resultaat.core.codes import omvang_iwmo

register = template.Library()


# The formats themselves live in resultaat.core.opmaak, shared with letters, files and messages.
register.filter("datum", opmaak.datum)
register.filter("datumtijd", opmaak.datumtijd)
register.filter("euro", opmaak.euro)
register.filter("getal", opmaak.getal)
register.filter("lange_datum", opmaak.lange_datum)


@register.filter
def ja_nee(value: object) -> str:
    return "ja" if value else "nee"


@register.filter
def omvang(obj: object) -> str:
    """The amount of a toewijzing, version or product (volume, unit, frequency) in plain words."""
    return omvang_iwmo(
        getattr(obj, "volume", None), getattr(obj, "eenheid", ""), getattr(obj, "frequentie", "")
    )

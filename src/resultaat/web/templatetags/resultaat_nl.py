"""Dutch presentation of dates and money: dd-mm-jjjj and "€ 1.234,56"."""

from __future__ import annotations

import datetime as dt

from django import template
from django.utils import timezone

register = template.Library()


@register.filter
def datum(value: dt.date | dt.datetime | None, leeg: str = "") -> str:
    """A date as dd-mm-jjjj; a datetime is shown as its local date."""
    if value is None or value == "":
        return leeg
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
    return value.strftime("%d-%m-%Y")


@register.filter
def datumtijd(value: dt.datetime | None) -> str:
    """A moment as dd-mm-jjjj uu:mm in Dutch local time."""
    if value is None:
        return ""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.strftime("%d-%m-%Y %H:%M")


def format_euro(cent: int | None) -> str:
    if cent is None:
        return ""
    teken = "-" if cent < 0 else ""
    euros, centen = divmod(abs(int(cent)), 100)
    return f"€ {teken}{euros:,}".replace(",", ".") + f",{centen:02d}"


@register.filter
def euro(cent: int | None) -> str:
    """An amount in eurocents as Dutch money: 21600 -> "€ 216,00", 123456 -> "€ 1.234,56"."""
    return format_euro(cent)


@register.filter
def ja_nee(value: object) -> str:
    return "ja" if value else "nee"

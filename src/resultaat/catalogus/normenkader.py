"""The normenkader computation: minutes per week for one household, every term explained, and its band.

A pure function over plain values (the posts of a normenkader, the household's answers, the bands), so that
it can be tested on its own and shown term by term to the consulent and in the beschikking.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from django.core.exceptions import ValidationError


class Post(Protocol):
    code: str
    naam: str
    soort: str
    minuten: int
    per_stuk: bool
    groep: str


class Band(Protocol):
    naam: str
    min_minuten: int
    max_minuten: int

    def omvat(self, minuten: int) -> bool: ...


@dataclass(frozen=True)
class Regel:
    """One term of the computation: "Extra kamer in gebruik, 2 x 19 = +38 minuten"."""

    code: str
    naam: str
    soort: str
    aantal: int
    minuten_per_stuk: int
    minuten: int  # signed: a deduction is negative
    herkomst: str = ""  # "onderzoek" or "gemeente"
    bron: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "naam": self.naam,
            "soort": self.soort,
            "aantal": self.aantal,
            "minuten_per_stuk": self.minuten_per_stuk,
            "minuten": self.minuten,
            "herkomst": self.herkomst,
            "bron": self.bron,
        }


@dataclass(frozen=True)
class Uitkomst:
    regels: tuple[Regel, ...]
    totaal: int
    band: Any | None  # the Tijdsband that holds the total, or None: outside every band

    @property
    def buiten_band(self) -> bool:
        return self.band is None

    def as_dict(self) -> dict[str, Any]:
        return {
            "regels": [r.as_dict() for r in self.regels],
            "totaal": self.totaal,
            "band": getattr(self.band, "code", None),
        }


def band_voor(minuten: int, banden: Iterable[Band]) -> Any | None:
    """The band that holds these minutes per week (``Tijdsband.omvat``), or None."""
    for band in banden:
        if band.omvat(minuten):
            return band
    return None


def bereken(posten: Sequence[Post], keuzes: Mapping[str, int], banden: Iterable[Band]) -> Uitkomst:
    """Base for full takeover, minus what client or network can do, plus meerposten; then the band.

    ``keuzes`` maps the code of a deduction or meerpost to how often it applies (0 or 1, or a count for a
    post ``per_stuk``). The base always applies. Raises ValidationError (Dutch) on answers that do not fit.
    """
    bekend = {p.code: p for p in posten}
    onbekend = sorted(set(keuzes) - set(bekend))
    if onbekend:
        raise ValidationError(f"Onbekende post van het normenkader: {', '.join(onbekend)}.")
    groepen: dict[str, str] = {}
    regels: list[Regel] = []
    for post in posten:
        if post.soort == "basis":
            aantal = 1
        else:
            aantal = int(keuzes.get(post.code, 0) or 0)
            if aantal < 0:
                raise ValidationError(f"{post.naam}: het aantal kan niet negatief zijn.")
            if aantal > 1 and not post.per_stuk:
                raise ValidationError(f"{post.naam} telt maar één keer mee.")
            if aantal == 0:
                continue
            if post.groep:
                if post.groep in groepen:
                    raise ValidationError(
                        f"Kies óf '{groepen[post.groep]}' óf '{post.naam}': ze sluiten elkaar uit."
                    )
                groepen[post.groep] = post.naam
        teken = -1 if post.soort == "aftrek" else 1
        regels.append(
            Regel(
                post.code,
                post.naam,
                post.soort,
                aantal,
                post.minuten,
                teken * post.minuten * aantal,
                getattr(post, "herkomst", ""),
                getattr(post, "bron", ""),
            )
        )
    if not any(r.soort == "basis" for r in regels):
        raise ValidationError("Dit normenkader heeft geen basis voor volledige overname.")
    totaal = max(0, sum(r.minuten for r in regels))
    return Uitkomst(tuple(regels), totaal, band_voor(totaal, banden))

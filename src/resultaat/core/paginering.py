"""Page 1 of a long list without counting every row the user may see.

A list page shows 25 rows and "Pagina 1 van N (M in totaal)". Counting all M rows costs as much as
reading them; for a gemeente with 100,000 clients that is most of the page's time. The paginator here
counts at most ``vooruit`` rows past the requested page (``SELECT COUNT(*) FROM (... LIMIT n)``): an
exact number for every list up to that size, and "meer dan ..." beyond it, with a next page as long as
there are rows.
"""

from __future__ import annotations

import math
from typing import Any

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.utils.functional import cached_property

from resultaat.core.opmaak import getal


class BegrensdeTelling(Paginator):
    vooruit = 250

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.grens = self.per_page + self.vooruit
        self.geschat = False

    def validate_number(self, number: Any) -> int:
        try:
            gevraagd = max(int(number), 1)
        except (TypeError, ValueError):
            gevraagd = 1
        if "count" not in self.__dict__:
            self.grens = min(gevraagd, 10**9 // max(self.per_page, 1)) * self.per_page + self.vooruit
        return super().validate_number(number)

    @cached_property
    def count(self) -> int:
        # A django-tables2 table pages its rows, which wrap its data, which wraps the queryset (``data``
        # twice): counted in SQL too, rather than by fetching the rows up to the bound.
        qs = self.object_list
        while not isinstance(qs, QuerySet) and hasattr(qs, "data"):
            qs = qs.data
        gevonden = (
            tel_begrensd(qs, self.grens)
            if isinstance(qs, QuerySet)
            else len(self.object_list[: self.grens + 1])
        )
        self.geschat = gevonden > self.grens
        return min(gevonden, self.grens + 1)

    @property
    def aantal(self) -> str:
        """The number of rows for the page: "1.234", or "meer dan 2.025" past the bound."""
        return f"meer dan {getal(self.grens)}" if self.geschat else getal(self.count)

    @property
    def paginas(self) -> str:
        """The number of pages: "41", or "meer dan 40" past the bound."""
        if self.geschat:
            return f"meer dan {getal(math.floor(self.grens / self.per_page))}"
        return getal(self.num_pages)


# A count on a start page needs no precision past this: "250+" tells the work is plenty.
TEL_GRENS = 250


def tel_begrensd(qs: Any, grens: int = TEL_GRENS) -> int:
    """The number of rows, counted up to one past ``grens`` (``SELECT COUNT(*) FROM (... LIMIT n)``).

    Without the list's ordering: the database stops at the bound instead of sorting every row first.
    """
    if isinstance(qs, QuerySet):
        qs = qs.order_by()
        q = qs.query
        if q.group_by is None and not q.combinator and not q.distinct_fields and not q.values_select:
            # Only the ids: no annotated column (a count per row, say) is computed for rows only counted.
            qs = qs.values("pk")
    return int(qs[: grens + 1].count())


def getal_begrensd(n: int, grens: int = TEL_GRENS) -> str:
    """A bounded count the Dutch way: "1.234"-style up to the bound, "250+" beyond it."""
    return f"{getal(grens)}+" if n > grens else getal(n)

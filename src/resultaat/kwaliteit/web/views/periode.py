"""What the quality pages share: the role check of the pages that write, the period filter, number
formats, and what a user may count."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponseBase
from django.utils import timezone

from resultaat.kwaliteit.services.enquetes import ENQUETE_ROLLEN
from resultaat.kwaliteit.web.forms import PeriodeForm

# The gemeente roles that register and handle complaints and take surveys: the consulent and the
# contract manager (the same as the services check).
KWALITEIT_ROLLEN = ENQUETE_ROLLEN


class AlleenRollen:
    """Only users of ``rollen`` (and superusers) may open the view: any other role gets 403 before
    anything is looked up, so the answer is the same for every object."""

    rollen: frozenset[str] = KWALITEIT_ROLLEN

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        user: Any = request.user
        if user.is_authenticated and not user.is_superuser and user.rol not in self.rollen:
            raise PermissionDenied("U heeft geen toegang tot deze pagina.")
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]


def periode(request: HttpRequest) -> tuple[PeriodeForm, dt.date, dt.date]:
    """From ``?van=`` and ``?tot=`` (inclusive), by default the last twelve months up to today. Returns
    the form and the half-open period ``[van, tot)``."""
    vandaag = timezone.localdate()
    standaard_van = (vandaag.replace(day=1) - dt.timedelta(days=335)).replace(day=1)
    form = PeriodeForm(request.GET or None)
    van, tot_en_met = standaard_van, vandaag
    if form.is_valid():
        van = form.cleaned_data.get("van") or van
        tot_en_met = form.cleaned_data.get("tot") or tot_en_met
    if tot_en_met < van:
        van, tot_en_met = tot_en_met, van
    if not form.is_bound:
        form = PeriodeForm(initial={"van": van, "tot": tot_en_met})
    return form, van, tot_en_met + dt.timedelta(days=1)


def procent(aandeel: float | None) -> str:
    return "–" if aandeel is None else f"{round(aandeel * 100)}%"


def komma(getal: float | None, decimalen: int = 1) -> str:
    return "–" if getal is None else f"{getal:.{decimalen}f}".replace(".", ",")


def scope(user: Any) -> dict[str, Any]:
    """What the user may count: a provider its own rows, gemeente staff their gemeenten's."""
    if getattr(user, "is_superuser", False):
        return {}
    if getattr(user, "is_aanbieder_user", False):
        return {"aanbieder_ids": [user.aanbieder_id]}
    return {"gemeente_ids": list(user.gemeenten.values_list("pk", flat=True))}

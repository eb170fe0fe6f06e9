"""Access rules shared by every view: logged in, a role that may open the section, rows via ``for_user``."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponseBadRequest, HttpResponseBase
from django.views.generic import DetailView, ListView

from resultaat.core.audit.models import Actie, ClientData, record
from resultaat.core.navigation import mag


class SectieMixin(LoginRequiredMixin):
    """Only users whose role has one of ``secties`` in its menu may open the view.

    A list or form answers 403 to other roles; a detail view answers 404 (``geweigerd_als_404``),
    the same as for an object of another organisation, so it tells nothing about what exists.
    """

    secties: tuple[str, ...] = ()
    geweigerd_als_404 = False

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if self.secties and not mag(request.user, *self.secties):
            if self.geweigerd_als_404:
                raise Http404("Niet gevonden.")
            raise PermissionDenied("U heeft geen toegang tot deze pagina.")
        return super().dispatch(request, *args, **kwargs)


class GeenBsnInUrlMixin:
    """Refuses any request that carries a BSN in its query string: a BSN is sent in a POST body only."""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if any(key.lower() == "bsn" for key in request.GET):
            return HttpResponseBadRequest(
                "Zoeken op BSN kan alleen met het zoekformulier: een BSN hoort niet in een webadres.",
                content_type="text/plain; charset=utf-8",
            )
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]


class ScopedListView(SectieMixin, ListView):
    """A paginated list of what the user may see (``get_queryset`` starts from ``for_user``)."""

    paginate_by = 25


class ScopedDetailView(SectieMixin, DetailView):
    """One object, looked up by ``pk`` among what the user may see: anything else gives 404.

    Opening a client's record (a GET of any page of client data: the client, a toewijzing, a plan and
    its PDF, a signal, a request, a beschikking, ...) is written to the audit trail as "gelezen", so the
    client's file shows who read what.
    """

    geweigerd_als_404 = True

    def get_object(self, queryset: Any = None) -> Any:
        obj = super().get_object(queryset)
        if self.request.method in ("GET", "HEAD") and isinstance(obj, ClientData):
            record([obj], Actie.GELEZEN)
        return obj


def is_aanbieder(user: Any) -> bool:
    """Staff of a provider (role aanbieder)."""
    return bool(getattr(user, "is_aanbieder_user", False))


def is_gemeente(user: Any) -> bool:
    """Staff of a gemeente, or a superuser acting for one."""
    return bool(getattr(user, "is_gemeente_user", False) or getattr(user, "is_superuser", False))

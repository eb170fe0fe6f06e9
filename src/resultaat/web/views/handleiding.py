"""The user guide of a role as a page of the app (see resultaat.web.handleiding)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404
from django.utils.safestring import mark_safe
from django.views.generic import TemplateView

from resultaat.web.handleiding import GIDSEN, gerenderd, gids_voor


class HandleidingView(LoginRequiredMixin, TemplateView):
    """The guide of the reader's own role, or of another role with ``?rol=``: the guides hold no client
    data, and a consulent may read what the provider does with a toewijzing."""

    template_name = "web/handleiding.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        gevraagd = self.request.GET.get("rol", "")
        gids = gevraagd if gevraagd in GIDSEN else gids_voor(self.request.user)
        try:
            inhoud, inhoudsopgave, _ankers = gerenderd(gids)
        except OSError as fout:
            raise Http404("Deze handleiding staat niet in deze installatie.") from fout
        context.update(
            {
                "gids": gids,
                "gids_naam": GIDSEN[gids],
                "eigen_gids": gids_voor(self.request.user),
                "gidsen": [{"code": code, "naam": naam} for code, naam in GIDSEN.items()],
                # Written by the project (docs/handleiding), rendered by Markdown: no user input.
                "inhoud": mark_safe(inhoud),  # noqa: S308
                "inhoudsopgave": mark_safe(inhoudsopgave),  # noqa: S308
            }
        )
        return context

"""iWmo messages in the web UI: the list with filters, one message with its retour codes, and the file.

Rows come from ``Bericht.objects.for_user``: gemeente staff see their gemeenten's messages, a provider
only the messages it sent or received, so another provider's message (and its file) is a 404.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse

from resultaat.core.audit.models import Actie, record, record_inzage
from resultaat.core.tabellen import TabelView
from resultaat.core.web import ScopedDetailView
from resultaat.iwmo.inhoud import lees_inhoud
from resultaat.iwmo.models import Bericht, Verzoek
from resultaat.iwmo.regelboek import betekenis
from resultaat.iwmo.regels import REGELS
from resultaat.iwmo.web.tabellen import BerichtFilter, BerichtTabel


def retourcode_uitleg(code: str) -> dict[str, Any]:
    """A retour code with what it means: the code list's text and the rules that give this code."""
    regels = [f"{r.code}: {r.melding}" for r in REGELS.values() if r.retourcode == code]
    return {"code": code, "omschrijving": betekenis(code), "regels": regels}


class BerichtQuerysetMixin:
    request: HttpRequest

    def get_queryset(self) -> QuerySet[Bericht]:
        return Bericht.objects.for_user(self.request.user).select_related("gemeente", "aanbieder")


class BerichtListView(TabelView):
    secties = ("berichten",)
    model = Bericht
    template_name = "iwmo/bericht_list.html"
    context_object_name = "berichten"
    tabel_class = BerichtTabel
    filter_class = BerichtFilter
    export_naam = "berichten"
    enkelvoud, meervoud = "bericht", "berichten"

    def basis(self) -> QuerySet[Bericht]:
        qs = Bericht.objects.for_user(self.request.user).select_related("gemeente", "aanbieder")
        return qs.defer("inhoud").order_by("-aangemaakt_op", "-id")


class BerichtDetailView(BerichtQuerysetMixin, ScopedDetailView):
    secties = ("berichten",)
    model = Bericht
    template_name = "iwmo/bericht_detail.html"
    context_object_name = "bericht"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        bericht = self.object
        zichtbaar = Bericht.objects.for_user(self.request.user).defer("inhoud")
        inhoud = lees_inhoud(bericht, self.request.user)
        # Every code the message carries, in the header, per client and per line, with its meaning.
        codes = dict.fromkeys([*(bericht.retourcodes or []), *inhoud.alle_codes()])
        context.update(
            {
                "retourcodes": [retourcode_uitleg(c) for c in codes],
                "heenbericht": zichtbaar.filter(pk=bericht.heenbericht_id).first()
                if bericht.heenbericht_id
                else None,
                "retouren": list(zichtbaar.filter(heenbericht=bericht).order_by("id")),
                "verzoeken": list(
                    Verzoek.objects.for_user(self.request.user)
                    .filter(bericht=bericht)
                    .select_related("client")
                ),
                "grootte": len(bericht.inhoud),
                "inhoud": inhoud,
            }
        )
        # The clients the message names are shown by name: each is a read of that client.
        record_inzage([c.client for c in context["inhoud"].clienten if c.client is not None])
        return context


class BerichtBestandView(BerichtQuerysetMixin, ScopedDetailView):
    """The exact bytes as sent or received, as a download with the message's file name."""

    secties = ("berichten",)
    model = Bericht

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        bericht = self.get_object()
        record([bericht], Actie.GEEXPORTEERD)  # the file holds BSNs and addresses
        response = HttpResponse(bytes(bericht.inhoud), content_type="application/xml")
        naam = bericht.bestandsnaam.replace('"', "").replace("\n", "") or f"bericht-{bericht.pk}.xml"
        response["Content-Disposition"] = f'attachment; filename="{naam}"'
        response["Cache-Control"] = "private, no-store"
        return response

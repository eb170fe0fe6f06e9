"""The survey's public pages, for residents without an account.

The link in the letter or e-mail is ``/enquete/?code=...``: the code travels in the query string, which
the web server's access log leaves out (deploy/gunicorn.conf.py logs the path only) and which Django's
own request log scrubs (``resultaat.logfilters``). The page keeps only the code's hash in the session
and sends the browser on to ``/enquete/vragen/`` at once, so the code is not in the address bar, the
history or a Referer while the resident answers. An unknown, used or expired code gives one and the same
page. Each address may try a limited number of codes and answers per quarter of an hour.
"""

from __future__ import annotations

from typing import Any

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views import View

from resultaat.core.adres import client_adres
from resultaat.kwaliteit.services import enquetes
from resultaat.kwaliteit.web.forms import CodeForm, EnqueteForm

SESSIE = "kwaliteit_enquete"  # the hash of the code being answered, never the code itself
POGINGEN = 30  # codes looked up and answers sent per address ...
VENSTER = 15 * 60  # ... per this many seconds


def te_vaak(request: HttpRequest) -> bool:
    """Count one attempt for the request's address; True once the address is over the limit."""
    sleutel = f"kwaliteit:enquete:{client_adres(request)}"
    cache.add(sleutel, 0, VENSTER)
    try:
        aantal = cache.incr(sleutel)
    except ValueError:  # expired between add and incr
        cache.set(sleutel, 1, VENSTER)
        aantal = 1
    return aantal > POGINGEN


def _pagina(
    request: HttpRequest, template: str, context: dict[str, Any] | None = None, status: int = 200
) -> HttpResponse:
    return render(request, f"kwaliteit/publiek/{template}", context or {}, status=status)


def onbruikbaar(request: HttpRequest) -> HttpResponse:
    return _pagina(request, "onbruikbaar.html", {"melding": enquetes.ONBRUIKBAAR})


def te_veel(request: HttpRequest) -> HttpResponse:
    return _pagina(request, "te_vaak.html", status=429)


class EnqueteStartView(View):
    """``/enquete/``: the link's landing (``?code=``), or a form to type the code from the letter."""

    def get(self, request: HttpRequest) -> HttpResponse:
        if "code" in request.GET:
            return self._open(request, request.GET["code"])
        return _pagina(request, "code.html", {"form": CodeForm()})

    def post(self, request: HttpRequest) -> HttpResponse:
        form = CodeForm(request.POST)
        if not form.is_valid():
            return _pagina(request, "code.html", {"form": form})
        return self._open(request, form.cleaned_data["code"])

    def _open(self, request: HttpRequest, code: str) -> HttpResponse:
        if te_vaak(request):
            return te_veel(request)
        token_hash = enquetes.sleutel(code)
        if not token_hash or enquetes.open_enquete(token_hash=token_hash) is None:
            return onbruikbaar(request)
        request.session[SESSIE] = token_hash
        return redirect("web:enquete-vragen")


class EnqueteVragenView(View):
    """``/enquete/vragen/``: the questions about the support of one provider; no name, no BSN."""

    def _enquete(self, request: HttpRequest) -> Any:
        token_hash = request.session.get(SESSIE)
        return enquetes.open_enquete(token_hash=token_hash) if token_hash else None

    def get(self, request: HttpRequest) -> HttpResponse:
        enquete = self._enquete(request)
        if enquete is None:
            return onbruikbaar(request)
        return _pagina(request, "vragen.html", {"form": EnqueteForm(), "enquete": enquete})

    def post(self, request: HttpRequest) -> HttpResponse:
        if te_vaak(request):
            return te_veel(request)
        enquete = self._enquete(request)
        if enquete is None:
            return onbruikbaar(request)
        form = EnqueteForm(request.POST)
        if not form.is_valid():
            return _pagina(request, "vragen.html", {"form": form, "enquete": enquete})
        try:
            enquetes.beantwoord_via_link(token_hash=request.session[SESSIE], antwoorden=form.antwoorden())
        except ValidationError:
            return onbruikbaar(request)
        request.session.pop(SESSIE, None)
        request.session["kwaliteit_bedankt"] = enquete.gemeente.naam
        return redirect("web:enquete-bedankt")


def bedankt(request: HttpRequest) -> HttpResponse:
    return _pagina(request, "bedankt.html", {"gemeente_naam": request.session.get("kwaliteit_bedankt", "")})

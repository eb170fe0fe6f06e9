"""One rule for every request, web and API: a BSN is never part of a URL.

A query string ends up in server logs, proxy logs, browser history and Referer headers. A request with a
parameter whose name contains ``bsn`` (``?bsn=``, ``?BSN=``, ``?client_bsn=``) is refused with a 400 before
any view runs: the API answers JSON in its error shape (``{"bsn": ["..."]}``), the web a Dutch text.
Searching on a BSN is done with a POST (the search form, ``POST /api/v1/clienten/zoeken/``).
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.utils.cache import patch_cache_control

from resultaat.logfilters import scrub

API_PAD = "/api/"
GEEN_BSN_IN_URL = (
    "Een BSN hoort niet in een webadres: de parameter '{naam}' is niet toegestaan. "
    "Zoek op BSN met het zoekformulier, of in de API met POST /api/v1/clienten/zoeken/."
)


def bsn_parameter(request: HttpRequest) -> str | None:
    """The name of the first query parameter that is (or looks like) a BSN parameter, if any."""
    return next((naam for naam in request.GET if "bsn" in naam.lower()), None)


class GeenBsnInUrl:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        naam = bsn_parameter(request)
        if naam is None:
            return self.get_response(request)
        # The name is echoed without its value, and with any nine digits in it masked.
        melding = GEEN_BSN_IN_URL.format(naam=scrub(naam)[:40])
        response: HttpResponse
        if request.path.startswith(API_PAD):
            response = JsonResponse({"bsn": [melding]}, status=400)
        else:
            response = HttpResponseBadRequest(melding, content_type="text/plain; charset=utf-8")
        patch_cache_control(response, private=True, no_store=True)
        return response

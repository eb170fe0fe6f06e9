"""No copy of a page or an API answer in a browser or proxy cache.

Every response that Django itself makes (a page, an API answer, a PDF, a spreadsheet, a redirect) is
behind login or can carry personal data, so it is sent with ``Cache-Control: private, no-store``: the
browser's back button or a shared proxy then never shows a client's file to the next person at the
desk. Static files (CSS, fonts, scripts) are served before this middleware by WhiteNoise with their own
long cache lifetime, because they hold no personal data.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponseBase
from django.utils.cache import patch_cache_control


class GeenOpslagInCache:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        patch_cache_control(response, private=True, no_store=True)
        return response

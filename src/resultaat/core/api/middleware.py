"""A URL under /api/ that matches no route gets the API's JSON 404, not Django's HTML page.

An id that is not a whole number ("0.5", "-1") matches no route (see ``BasisViewSet.lookup_value_regex``),
so without this a client that sends one would get HTML where the schema promises JSON.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.cache import patch_cache_control
from rest_framework.exceptions import NotFound

API_PAD = "/api/"


class ApiNietGevonden:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            response.status_code == 404
            and request.resolver_match is None
            and request.path.startswith(API_PAD)
        ):
            response = JsonResponse({"detail": str(NotFound.default_detail)}, status=404)
            patch_cache_control(response, private=True, no_store=True)
        return response

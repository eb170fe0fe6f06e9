from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from resultaat.core.adres import client_adres
from resultaat.core.audit.context import Herkomst, acting_as, vanuit


def kanaal_van(request: HttpRequest) -> str:
    """The channel of a request for the access log: api, beheer (Django admin) or web."""
    if request.path.startswith("/api/"):
        return "api"
    if request.path.startswith("/beheer/"):
        return "beheer"
    return "web"


class ActorMiddleware:
    """Every change or read while answering a request is attributed to the logged-in user, from the
    client's address (``core.netwerk.client_adres``) and the request's channel."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with vanuit(Herkomst(adres=client_adres(request), kanaal=kanaal_van(request))):
            user = getattr(request, "user", None)
            if user is not None and user.is_authenticated:
                with acting_as(user):
                    return self.get_response(request)
            return self.get_response(request)

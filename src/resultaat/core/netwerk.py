"""The client's network address of a request, trusting forwarded headers only from configured proxies.

``X-Forwarded-For`` is written by whoever sends the request, so it counts only when the request comes
from one of ``settings.RESULTAAT_VERTROUWDE_PROXIES`` (addresses or networks such as 10.0.0.0/8, from
the environment). The header is then read from the right: each hop that is itself a trusted proxy is
skipped, the first other address is the client. Without trusted proxies the address is REMOTE_ADDR.
Used by the access log (NEN 7513 "vanaf waar") and by login throttling.
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest

Netwerk = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=8)
def _netwerken(proxies: tuple[str, ...]) -> tuple[Netwerk, ...]:
    return tuple(ipaddress.ip_network(p.strip(), strict=False) for p in proxies if p.strip())


def _vertrouwd(adres: str) -> bool:
    netwerken = _netwerken(tuple(getattr(settings, "RESULTAAT_VERTROUWDE_PROXIES", ())))
    try:
        ip = ipaddress.ip_address(adres)
    except ValueError:
        return False
    return any(ip in netwerk for netwerk in netwerken)


def client_adres(request: HttpRequest) -> str:
    """The address the request came from, as far as it can be trusted (empty if unknown)."""
    adres = (request.META.get("REMOTE_ADDR") or "").strip()
    if not adres or not _vertrouwd(adres):
        return adres[:45]
    doorgestuurd = request.META.get("HTTP_X_FORWARDED_FOR", "")
    for hop in reversed([h.strip() for h in doorgestuurd.split(",") if h.strip()]):
        try:
            ipaddress.ip_address(hop)
        except ValueError:
            break  # a malformed hop: stop at the last address that can be trusted
        if not _vertrouwd(hop):
            return hop[:45]
        adres = hop
    return adres[:45]

"""Where a request comes from: the one rule for the client's address.

``X-Forwarded-For`` is written by whoever sends the request, so it is believed only when the connection
comes from one of the reverse proxies in ``RESULTAAT_VERTROUWDE_PROXIES`` (addresses or networks). Then
the address is the right-most one in the header that is not itself a trusted proxy: the first hop the
installation's own proxies saw. Login lockout (django-axes), the API throttle and the audit trail all
use :func:`client_adres`, so a forged header neither escapes a lockout nor hides where a read came from.
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache
from typing import Any

from django.conf import settings

Netwerk = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=8)
def _netwerken(proxies: tuple[str, ...]) -> tuple[Netwerk, ...]:
    return tuple(ipaddress.ip_network(p, strict=False) for p in proxies)


def _adres(tekst: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(tekst.strip())
    except ValueError:
        return None


def is_vertrouwde_proxy(adres: str) -> bool:
    ip = _adres(adres)
    netwerken = _netwerken(tuple(getattr(settings, "RESULTAAT_VERTROUWDE_PROXIES", ())))
    return ip is not None and any(ip in netwerk for netwerk in netwerken)


def client_adres(request: Any) -> str:
    """The address of the client that sent ``request`` (a Django or DRF request)."""
    meta = request.META
    verbinding = str(meta.get("REMOTE_ADDR") or "")
    if not is_vertrouwde_proxy(verbinding):
        return verbinding
    doorgestuurd = [a.strip() for a in str(meta.get("HTTP_X_FORWARDED_FOR", "")).split(",") if a.strip()]
    for adres in reversed(doorgestuurd):
        if _adres(adres) is None:
            break  # a garbled hop: the last address that can be trusted is the proxy's own
        if not is_vertrouwde_proxy(adres):
            return adres
        verbinding = adres
    return verbinding


def inlognaam(request: Any, credentials: Any = None) -> str:
    """The username of a login attempt, from the credentials or the posted form (for the lockout);
    case-insensitive so that ``Alice`` and ``alice`` count as one."""
    naam = ""
    if credentials:
        naam = credentials.get("username") or ""
    if not naam and request is not None:
        data = getattr(request, "data", None) or getattr(request, "POST", {})
        naam = data.get("username") or ""
    return str(naam).strip().lower()[:150]

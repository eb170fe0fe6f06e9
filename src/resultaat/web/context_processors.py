from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse

from resultaat.accounts import tweestaps
from resultaat.core.navigation import menu_voor, secties_voor


def organisatie_naam(user: Any) -> str:
    """The organisation a user works for, as shown in the page header."""
    if user.aanbieder_id:
        return str(user.aanbieder.naam)
    if user.is_gemeente_user:
        namen = sorted(user.gemeenten.values_list("naam", flat=True))
        return "Gemeente " + ", ".join(namen) if namen else ""
    return ""


def navigation(request: HttpRequest) -> dict[str, Any]:
    """The menu of the logged-in user (per role, see ``resultaat.core.navigation``) and who they are.

    Worked out once per request: a page that renders parts with the request (a list's rows) would
    otherwise build the menu and read the user's gemeenten again for every part.
    """
    eerder = getattr(request, "_resultaat_navigatie", None)
    if eerder is not None:
        return eerder
    uit = _navigation(request)
    request._resultaat_navigatie = uit  # type: ignore[attr-defined]
    return uit


def _navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"menu": [], "secties": frozenset()}
    if tweestaps.verplicht_voor(user) and not user.is_verified():
        return {"menu": [], "secties": frozenset()}  # the second step of logging in comes first
    menu: list[dict[str, Any]] = []
    for item in menu_voor(user):
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:  # pragma: no cover - every url_name in the table exists
            continue
        menu.append({"label": item.label, "url": url, "actief": False, "sectie": item.sectie})
    # The current item is the one with the longest URL that the current path starts with.
    passend = [m for m in menu if request.path.startswith(m["url"]) and m["url"] != "/"]
    if passend:
        max(passend, key=lambda m: len(m["url"]))["actief"] = True
    if user.rol:
        rol = user.get_rol_display()
    else:
        rol = "Beheerder (superuser)" if user.is_superuser else ""
    return {
        "menu": menu,
        "secties": secties_voor(user),
        "gebruiker_rol": rol,
        "gebruiker_organisatie": organisatie_naam(user),
    }

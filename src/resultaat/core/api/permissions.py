"""Who may use an endpoint at all, by role. Which rows a user sees is decided by ``for_user`` QuerySets.

A viewset says which roles may read it (``lees_rollen``, ``None`` for every authenticated user) and which
roles may write (``schrijf_rollen``). Actions that use POST only to keep personal data out of the URL
(like the BSN search) are listed in ``lees_acties`` and count as reads. Superusers may do everything.
"""

from __future__ import annotations

from typing import Any

from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.request import Request

from resultaat.core.rollen import GEMEENTE_ROLLEN, Rol

ROL_NAMEN = dict(Rol.choices)


def _rollen_tekst(rollen: frozenset[str]) -> str:
    namen = sorted(str(ROL_NAMEN.get(rol, rol)).lower() for rol in rollen)
    return namen[0] if len(namen) == 1 else ", ".join(namen[:-1]) + " of " + namen[-1]


class RolToegang(BasePermission):
    """Allows a request when the user's role may read (safe methods, read actions) or write this endpoint."""

    message = "U hebt geen toestemming om deze actie uit te voeren."

    def has_permission(self, request: Request, view: Any) -> bool:
        user = request.user
        if not user or not user.is_authenticated:
            return False
        if user.is_superuser:
            return True
        if getattr(view, (request.method or "").lower(), None) is None:
            return True  # the view answers 405 Method Not Allowed
        is_lezen = request.method in SAFE_METHODS or getattr(view, "action", None) in view.lees_acties
        rollen: frozenset[str] | None = view.lees_rollen if is_lezen else view.schrijf_rollen
        if rollen is None:
            return True
        if user.rol in rollen:
            return True
        if rollen:
            self.message = f"Alleen een {_rollen_tekst(rollen)} mag dit doen."
        return False


# Role sets used by the viewsets.
GEMEENTE = frozenset(str(r) for r in GEMEENTE_ROLLEN)
CLIENT_REGISTRATIE = frozenset({str(Rol.CONSULENT), str(Rol.BEHEERDER)})
AUDIT = frozenset({str(Rol.AUDITOR)})
CONSULENT = frozenset({str(Rol.CONSULENT)})
CONTRACTBEHEER = frozenset({str(Rol.CONTRACTMANAGER), str(Rol.BEHEERDER)})
AANBIEDER = frozenset({str(Rol.AANBIEDER)})
CONSULENT_OF_AANBIEDER = CONSULENT | AANBIEDER
GEEN: frozenset[str] = frozenset()

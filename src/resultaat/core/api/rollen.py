"""Write roles per action, for a resource that two kinds of user change in turn.

A provider reports a signal and the consulent follows it up; a provider asks for a toewijzing and the
consulent answers. ``RolToegang`` reads ``schrijf_rollen`` from the view; this mixin sets it per action
from ``actie_rollen`` before the permission check runs, so a role that may not act gets 403.
"""

from __future__ import annotations

from typing import Any, ClassVar

from rest_framework.request import Request

from resultaat.core.api.viewsets import BasisViewSet


class RollenPerActie(BasisViewSet):
    # Action name -> roles that may do it; actions not listed keep the class's ``schrijf_rollen``.
    actie_rollen: ClassVar[dict[str, frozenset[str]]] = {}

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        if self.action in self.actie_rollen:
            self.schrijf_rollen = self.actie_rollen[self.action]
        super().initial(request, *args, **kwargs)

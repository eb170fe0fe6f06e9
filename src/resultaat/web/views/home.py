"""The start page: per role the figures that tell what needs doing today."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.views.generic import TemplateView

from resultaat.accounts.models import Rol
from resultaat.catalogus.models import Product
from resultaat.clienten.models import Client
from resultaat.clienten.services import auditspoor
from resultaat.contracten.models import Contract
from resultaat.ondersteuning.models import Signaal, SignaalStatus
from resultaat.organisaties.models import Aanbieder
from resultaat.toegang.models import Melding, MeldingStatus
from resultaat.toewijzingen.models import Toewijzing
from resultaat.werklijst.models import WerklijstItem
from resultaat.werklijst.web.views import werklijst_regels


def _consulent(user: Any, vandaag: dt.date) -> dict[str, Any]:
    werklijst = WerklijstItem.objects.for_user(user).open()
    return {
        "werklijst_open": werklijst.count(),
        "werklijst_te_laat": werklijst.filter(uiterlijk__lt=vandaag).count(),
        "werklijst_urgent": werklijst_regels(werklijst.op_urgentie().select_related("client")[:5], vandaag),
        "signalen_nieuw": Signaal.objects.for_user(user).filter(status=SignaalStatus.NIEUW).count(),
        "meldingen_open": Melding.objects.for_user(user)
        .filter(status__in=[MeldingStatus.ONTVANGEN, MeldingStatus.IN_ONDERZOEK])
        .count(),
    }


def _aanbieder(user: Any, vandaag: dt.date) -> dict[str, Any]:
    toewijzingen = Toewijzing.objects.for_user(user)
    actief = toewijzingen.actief_op(vandaag)
    lopend = toewijzingen.lopend_op(vandaag)
    # The same definitions as the portal overview: new = neither accepted nor returned nor started.
    nieuw = lopend.te_beoordelen().select_related("client", "product")
    wacht_op_start = lopend.wacht_op_start()
    return {
        "clienten_actief": Client.objects.for_user(user)
        .filter(Exists(actief.filter(client=OuterRef("pk"))))
        .count(),
        "toewijzingen_actief": actief.count(),
        "toewijzingen_nieuw": nieuw.count(),
        "toewijzingen_nieuw_lijst": list(nieuw.order_by("ingangsdatum")[:5]),
        "toewijzingen_wacht_op_start": wacht_op_start.count(),
        "signalen_open": Signaal.objects.for_user(user).exclude(status=SignaalStatus.AFGEHANDELD).count(),
    }


def _inkoop(user: Any, vandaag: dt.date) -> dict[str, Any]:
    return {
        "aanbieders": Aanbieder.objects.for_user(user).count(),
        "contracten_geldig": Contract.objects.for_user(user).geldig_op(vandaag).count(),
        "producten_geldig": Product.objects.geldig_op(vandaag).count(),
        "toewijzingen_actief": Toewijzing.objects.for_user(user).actief_op(vandaag).count(),
    }


def _auditor(user: Any, vandaag: dt.date) -> dict[str, Any]:
    sinds = timezone.now() - dt.timedelta(days=7)
    return {"audit_week": auditspoor(user).filter(tijdstip__gte=sinds).count()}


PER_ROL: dict[str, Callable[[Any, dt.date], dict[str, Any]]] = {
    Rol.CONSULENT: _consulent,
    Rol.AANBIEDER: _aanbieder,
    Rol.CONTRACTMANAGER: _inkoop,
    Rol.FINANCIEEL: _inkoop,
    Rol.BEHEERDER: _inkoop,
    Rol.AUDITOR: _auditor,
}


class HomeView(LoginRequiredMixin, TemplateView):
    template_name = "web/home.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        vandaag = timezone.localdate()
        context["vandaag"] = vandaag
        maak = PER_ROL.get(getattr(user, "rol", ""))
        if maak is not None:
            context.update(maak(user, vandaag))
        return context

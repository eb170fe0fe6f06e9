"""The start page: per role the work waiting for that role (``resultaat.web.werk``), each count a link to
the list that shows those rows; the consulent's most urgent worklist items, the provider's new
toewijzingen."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.mixins import LoginRequiredMixin
from django.utils import timezone
from django.views.generic import TemplateView

from resultaat.accounts.models import Rol
from resultaat.toewijzingen.models import Toewijzing
from resultaat.web.werk import aanbieders_om_te_spreken, werk_voor
from resultaat.werklijst.models import WerklijstItem
from resultaat.werklijst.web.views import werklijst_regels


def begroeting(user: Any) -> str:
    """The name to greet: the first name, else the full name, else the provider's name, else the username."""
    aanbieder = getattr(user, "aanbieder", None)
    return (
        user.first_name.strip()
        or user.get_full_name().strip()
        or (aanbieder.naam if aanbieder is not None else "")
        or user.get_username()
    )


class HomeView(LoginRequiredMixin, TemplateView):
    template_name = "web/home.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        vandaag = timezone.localdate()
        context["vandaag"] = vandaag
        context["naam"] = begroeting(user)
        context["werk"] = werk_voor(user, vandaag)
        rol = getattr(user, "rol", "")
        if rol == Rol.CONSULENT:
            urgent = WerklijstItem.objects.for_user(user).open().op_urgentie().select_related("client")[:5]
            context["werklijst_urgent"] = werklijst_regels(urgent, vandaag)
        elif rol == Rol.CONTRACTMANAGER:
            context["aanbieders_om_te_spreken"] = aanbieders_om_te_spreken(user, vandaag)
        elif rol == Rol.AANBIEDER:
            nieuw = Toewijzing.objects.for_user(user).lopend_op(vandaag).te_beoordelen()
            context["toewijzingen_nieuw_lijst"] = list(
                nieuw.select_related("client", "product").order_by("ingangsdatum")[:5]
            )
        return context

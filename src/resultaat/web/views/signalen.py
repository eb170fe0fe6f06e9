"""Signals from providers (loneliness, money worries, overloaded mantelzorger, ...) and their follow-up."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from resultaat.ondersteuning.models import Signaal, SignaalStatus
from resultaat.web.views.base import ScopedDetailView, ScopedListView


class SignaalListView(ScopedListView):
    secties = ("signalen",)
    model = Signaal
    template_name = "web/signaal_list.html"
    context_object_name = "signalen"

    def get_queryset(self) -> QuerySet[Signaal]:
        qs = Signaal.objects.for_user(self.request.user).select_related("client", "aanbieder")
        self.status = self.request.GET.get("status", "")
        if self.status in SignaalStatus.values:
            qs = qs.filter(status=self.status)
        else:
            self.status = ""
        return qs.order_by("-gemeld_op", "-pk")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["status"] = self.status
        context["statussen"] = SignaalStatus.choices
        return context


class SignaalDetailView(ScopedDetailView):
    secties = ("signalen",)
    model = Signaal
    template_name = "web/signaal_detail.html"
    context_object_name = "signaal"

    def get_queryset(self) -> QuerySet[Signaal]:
        return Signaal.objects.for_user(self.request.user).select_related(
            "client", "aanbieder", "toewijzing__product", "gemeld_door"
        )

"""One toewijzing with its version history, leveringen, plans, evaluations, signals and the portal actions.

In the site shell, not in resultaat.toewijzingen: the page shows ondersteuning (plans, evaluations,
signals), a higher component.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from resultaat.core.web import ScopedDetailView
from resultaat.ondersteuning.models import Evaluatie, Ondersteuningsplan, Regiegesprek, Signaal
from resultaat.toewijzingen.models import Levering, Toewijzing
from resultaat.toewijzingen.web.views.portaal import portaal_acties


class ToewijzingDetailView(ScopedDetailView):
    secties = ("toewijzingen",)
    model = Toewijzing
    template_name = "web/toewijzing_detail.html"
    context_object_name = "toewijzing"

    def get_queryset(self) -> QuerySet[Toewijzing]:
        return Toewijzing.objects.for_user(self.request.user).select_related(
            "client", "product", "aanbieder", "gemeente", "beschikt_resultaat__beschikking"
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        toewijzing = self.object
        vandaag = timezone.localdate()
        zichtbaar = Toewijzing.objects.for_user(user)
        context.update(
            {
                "vandaag": vandaag,
                "versies": list(toewijzing.versies.order_by("toewijzingsdatum", "toewijzingstijd", "id")),
                "leveringen": list(
                    Levering.objects.for_user(user).filter(toewijzing=toewijzing).order_by("begindatum", "pk")
                ),
                "plannen": list(Ondersteuningsplan.objects.for_user(user).filter(toewijzing=toewijzing)),
                "evaluaties": list(
                    Evaluatie.objects.for_user(user)
                    .filter(toewijzing=toewijzing)
                    .prefetch_related("oordelen__subresultaat")
                ),
                "gesprekken": list(Regiegesprek.objects.for_user(user).filter(toewijzing=toewijzing)),
                "signalen": list(Signaal.objects.for_user(user).filter(toewijzing=toewijzing)),
                "tarief": toewijzing.product.tarief_op(vandaag),
                # The owning provider's forms (accept, return, start, stops, subcontractor).
                "portaal": portaal_acties(user, toewijzing),
                # Predecessor and successors only when the user may see them (a switch of provider).
                "verwant": list(
                    zichtbaar.filter(
                        Q(pk=toewijzing.voorganger_id) | Q(voorganger=toewijzing)
                    ).select_related("aanbieder", "product")
                ),
            }
        )
        return context

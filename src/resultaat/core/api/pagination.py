"""Page-number pagination with a client-chosen page size, capped so no request can ask for everything.

A page number or page size that is not a whole number in range answers 400 with a Dutch message at the
parameter (an empty value counts as absent); a page after the last answers 404 "Ongeldige pagina.".
Rows are counted up to 250 past the requested page (``core.paginering``): ``count`` is exact up to
there and a lower bound beyond it, where ``next`` leads on as long as there are rows.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.views import APIView

from resultaat.core.paginering import BegrensdeTelling


def _geheel_getal(waarde: str) -> int | None:
    return int(waarde) if waarde.isascii() and waarde.isdigit() else None


class Paginering(PageNumberPagination):
    django_paginator_class = BegrensdeTelling
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 1000

    def paginate_queryset(
        self, queryset: QuerySet[Any], request: Request, view: APIView | None = None
    ) -> Any:
        fouten: dict[str, list[str]] = {}
        pagina = request.query_params.get(self.page_query_param, "")
        if pagina not in ("", *self.last_page_strings) and not (_geheel_getal(pagina) or 0) >= 1:
            fouten[self.page_query_param] = ["Het paginanummer moet een geheel getal van 1 of meer zijn."]
        grootte = request.query_params.get(self.page_size_query_param, "")
        if grootte != "" and not 1 <= (_geheel_getal(grootte) or 0) <= self.max_page_size:
            fouten[self.page_size_query_param] = [
                f"Het aantal per pagina moet een geheel getal van 1 tot en met {self.max_page_size} zijn."
            ]
        if fouten:
            raise ValidationError(fouten)
        return super().paginate_queryset(queryset, request, view)

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        antwoord = super().get_paginated_response_schema(schema)
        antwoord["properties"]["count"]["description"] = (
            f"Aantal resultaten: exact tot {BegrensdeTelling.vooruit} voorbij de gevraagde pagina, "
            "daarboven een ondergrens (volg dan `next`)."
        )
        return antwoord

    def get_schema_operation_parameters(self, view: APIView) -> list[dict[str, Any]]:
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_query_param:
                parameter["description"] = "Paginanummer, vanaf 1."
                parameter["schema"]["minimum"] = 1
            elif parameter["name"] == self.page_size_query_param:
                parameter["description"] = (
                    f"Aantal per pagina: 1 tot en met {self.max_page_size}, standaard 50."
                )
                parameter["schema"].update(minimum=1, maximum=self.max_page_size)
        return parameters

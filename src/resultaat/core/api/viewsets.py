"""Base classes of the API viewsets: role check, row scoping, query-string filters, audit actor, paging.

Every viewset has a class-level ``queryset`` (so schema generation and the isolation test can find its
model) and a ``get_queryset`` that starts from ``Model.objects.for_user(self.request.user)`` for client
data. Objects outside that QuerySet answer 404, so the API never tells whether they exist.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.cache import patch_cache_control
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from knox.auth import TokenAuthentication
from rest_framework import mixins, viewsets
from rest_framework.authentication import SessionAuthentication
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from resultaat.core.api.pagination import Paginering
from resultaat.core.api.permissions import GEEN, RolToegang
from resultaat.core.audit.context import acting_as
from resultaat.core.audit.models import Actie, record_inzage


def invoer(serializer_class: type[Any], request: Request) -> dict[str, Any]:
    """The validated input of a write action; invalid input raises a 400 with the errors per field."""
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


def eigen(queryset: QuerySet[Any], pk: Any, veld: str, fout: str) -> Any:
    """The row ``pk`` named in the input, among what the user may see (``queryset`` starts from
    ``for_user``); anything else is a 400 with ``fout`` at ``veld``."""
    gevonden = queryset.filter(pk=pk).first()
    if gevonden is None:
        raise ValidationError({veld: [fout]})
    return gevonden


@dataclass(frozen=True)
class Filter:
    """A query-string filter on a non-personal field (never a BSN or a name)."""

    lookup: str
    omschrijving: str


# The filters most lists share; a list over a relation builds its own with the same description.
GEMEENTE_FILTER = Filter("gemeente__code", "CBS-gemeentecode, bijvoorbeeld 0361.")
AANBIEDER_FILTER = Filter("aanbieder__agb_code", "AGB-code van de aanbieder.")
STATUS_FILTER = Filter("status", "Status.")


def met_filters(**filters: Filter) -> Any:
    """Class decorator: declare the list filters of a viewset and document them in the schema."""

    def decorator(cls: Any) -> Any:
        cls.filters = dict(filters)
        parameters = [
            OpenApiParameter(naam, str, OpenApiParameter.QUERY, description=f.omschrijving)
            for naam, f in sorted(filters.items())
        ]
        return extend_schema_view(list=extend_schema(parameters=parameters))(cls)

    return decorator


class BasisViewSet(viewsets.GenericViewSet):
    # Token first: a request without valid credentials then gets 401 with "WWW-Authenticate: Token".
    authentication_classes = [TokenAuthentication, SessionAuthentication]
    permission_classes = [IsAuthenticated, RolToegang]
    pagination_class = Paginering
    # Ids are whole numbers, also in the action routes the router derives from it: "0.5" or "-1" match no
    # route and get the API's JSON 404 (resultaat.core.api.middleware).
    lookup_value_regex = r"\d+"
    # Roles that may read; None: every authenticated user (rows are still scoped by for_user).
    lees_rollen: frozenset[str] | None = None
    # Roles that may write; empty: nobody but superusers.
    schrijf_rollen: frozenset[str] | None = GEEN
    # Actions that use POST only to keep personal data out of the URL; they count as reads.
    lees_acties: frozenset[str] = frozenset()
    filters: dict[str, Filter] = {}
    # How the access log names a GET of one object per action (default "gelezen"), e.g. a letter
    # as PDF: {"brief": Actie.AFGEDRUKT}.
    leesacties: dict[str, str] = {}

    def get_object(self) -> Any:
        """One object; a GET of client data is written to the access log."""
        obj = super().get_object()
        if self.request.method in ("GET", "HEAD"):
            record_inzage([obj], self.leesacties.get(self.action or "", Actie.GELEZEN))
        return obj

    def paginate_queryset(self, queryset: Any) -> Any:
        """A page of a list; each row of client data on it is written to the access log."""
        pagina = super().paginate_queryset(queryset)
        if pagina is not None and self.request.method in ("GET", "HEAD"):
            record_inzage(pagina, Actie.GELEZEN)
        return pagina

    def scoped(self) -> QuerySet[Any]:
        """The rows the user may see; every viewset says how."""
        raise NotImplementedError

    def get_queryset(self) -> QuerySet[Any]:
        if getattr(self, "swagger_fake_view", False):
            return self.queryset.none()  # type: ignore[union-attr]
        qs = self.scoped()
        if self.action == "list":
            for naam, filter_ in self.filters.items():
                waarde = self.request.query_params.get(naam)
                if waarde:
                    if "\x00" in waarde:  # PostgreSQL cannot compare text with a NUL character
                        raise ValidationError({naam: ["Een NUL-teken (0x00) is niet toegestaan."]})
                    try:
                        qs = qs.filter(**{filter_.lookup: waarde})
                    except (ValueError, DjangoValidationError):
                        raise ValidationError({naam: [f"Ongeldige waarde: {waarde!r}."]}) from None
        return qs

    # Changes made while answering are attributed to the authenticated user, also with token
    # authentication (which happens inside the view, after the audit middleware has run).
    _acting: Any = None

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)
        if request.user and request.user.is_authenticated:
            self._acting = acting_as(request.user)
            self._acting.__enter__()

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        try:
            return super().dispatch(request, *args, **kwargs)
        finally:
            if self._acting is not None:
                self._acting.__exit__(None, None, None)
                self._acting = None

    def finalize_response(self, request: Request, response: Response, *args: Any, **kwargs: Any) -> Any:
        response = super().finalize_response(request, response, *args, **kwargs)
        # Client data must not be kept by browsers or proxies.
        patch_cache_control(response, private=True, no_store=True)
        return response


class AlleenLezen(mixins.ListModelMixin, mixins.RetrieveModelMixin, BasisViewSet):
    # No docstring: the schema takes each endpoint's description from its own class docstring.
    pass

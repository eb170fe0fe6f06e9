"""API errors: precise, machine-readable, and with Django's validation errors mapped to 400.

A 404 always carries the same Dutch message, whatever the model: the answer for an object that does
not exist and for one the user may not see must be the same.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        exc = ValidationError(detail=detail)
    elif isinstance(exc, Http404):
        exc = NotFound()
    return drf_exception_handler(exc, context)

"""Ondersteuning's resources of /api/v1/; resultaat.api.urls registers them on the one router."""

from resultaat.ondersteuning.api.viewsets import (
    EvaluatieViewSet,
    OndersteuningsplanViewSet,
    RegiegesprekViewSet,
    SignaalViewSet,
)

routes = [
    ("ondersteuningsplannen", OndersteuningsplanViewSet, "ondersteuningsplan"),
    ("evaluaties", EvaluatieViewSet, "evaluatie"),
    ("regiegesprekken", RegiegesprekViewSet, "regiegesprek"),
    ("signalen", SignaalViewSet, "signaal"),
]

"""Toegang's resources of /api/v1/; resultaat.api.urls registers them on the one router."""

from resultaat.toegang.api.viewsets import (
    AanvraagViewSet,
    BeschikkingBriefViewSet,
    BeschikkingViewSet,
    IndicatieViewSet,
    MeldingViewSet,
    OnderzoekViewSet,
    OverstapViewSet,
)

routes = [
    ("meldingen", MeldingViewSet, "melding"),
    ("onderzoeken", OnderzoekViewSet, "onderzoek"),
    ("aanvragen", AanvraagViewSet, "aanvraag"),
    ("indicaties", IndicatieViewSet, "indicatie"),
    ("beschikkingen", BeschikkingViewSet, "beschikking"),
    # Same prefix: the letter is an action on a beschikking, for gemeente staff only.
    ("beschikkingen", BeschikkingBriefViewSet, "beschikkingbrief"),
]
# The overstap came later and has its own place in the API root, last.
overstap_routes = [
    ("overstappen", OverstapViewSet, "overstap"),
]

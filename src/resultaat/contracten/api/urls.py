"""The contracts' resource of /api/v1/; resultaat.api.urls registers it on the one router."""

from resultaat.contracten.api.viewsets import ContractViewSet

routes = [
    ("contracten", ContractViewSet, "contract"),
]

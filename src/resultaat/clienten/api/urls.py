"""The clients' resources of /api/v1/; resultaat.api.urls registers them on the one router."""

from resultaat.clienten.api.viewsets import AuditEventViewSet, ClientViewSet

routes = [
    ("clienten", ClientViewSet, "client"),
]
# The audit trail came later and has its own place in the API root, after the worklist.
audit_routes = [
    ("auditlog", AuditEventViewSet, "auditevent"),
]

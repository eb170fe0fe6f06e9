"""Finding clients and the audit log (in the site's "web" namespace, included by resultaat.web.urls)."""

from django.urls import path

from resultaat.clienten.web.views import AuditListView, ClientListView, ClientZoekenView

urlpatterns = [
    path("clienten/zoeken/", ClientZoekenView.as_view(), name="client-zoeken"),
    path("clienten/", ClientListView.as_view(), name="client-list"),
    path("auditlog/", AuditListView.as_view(), name="audit-list"),
]

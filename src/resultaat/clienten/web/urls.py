"""Finding clients and the audit log (in the site's "web" namespace, included by resultaat.web.urls)."""

from django.urls import path

from resultaat.clienten.web.views import AuditExportView, AuditListView, ClientListView, ClientZoekenView

urlpatterns = [
    path("clienten/zoeken/", ClientZoekenView.as_view(), name="client-zoeken"),
    path("clienten/", ClientListView.as_view(), name="client-list"),
    path("auditlog/", AuditListView.as_view(), name="audit-list"),
    path("auditlog/export.csv", AuditExportView.as_view(formaat="csv"), name="audit-export-csv"),
    path("auditlog/export.xlsx", AuditExportView.as_view(formaat="xlsx"), name="audit-export-xlsx"),
]

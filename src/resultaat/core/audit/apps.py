from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "resultaat.core.audit"
    label = "audit"
    verbose_name = "Audit"

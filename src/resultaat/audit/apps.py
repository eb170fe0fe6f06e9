from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "resultaat.audit"
    verbose_name = "Audit"

from django.apps import AppConfig


class ContractenConfig(AppConfig):
    name = "resultaat.contracten"
    verbose_name = "Contracten"

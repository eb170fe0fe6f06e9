from django.apps import AppConfig


class SturingConfig(AppConfig):
    name = "resultaat.sturing"
    verbose_name = "Sturing"

from django.apps import AppConfig


class ToegangConfig(AppConfig):
    name = "resultaat.toegang"
    verbose_name = "Toegang"

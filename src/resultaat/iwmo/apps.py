from django.apps import AppConfig


class IwmoConfig(AppConfig):
    name = "resultaat.iwmo"
    verbose_name = "iWmo-berichtenverkeer"

from django.apps import AppConfig


class WerklijstConfig(AppConfig):
    name = "resultaat.werklijst"
    verbose_name = "Werklijst"

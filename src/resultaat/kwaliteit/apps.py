from django.apps import AppConfig


class KwaliteitConfig(AppConfig):
    name = "resultaat.kwaliteit"
    verbose_name = "Kwaliteit: tevredenheid, klachten en wachtlijst"

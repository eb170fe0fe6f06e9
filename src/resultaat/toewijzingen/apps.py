from django.apps import AppConfig


class ToewijzingenConfig(AppConfig):
    name = "resultaat.toewijzingen"
    verbose_name = "Toewijzingen en levering"

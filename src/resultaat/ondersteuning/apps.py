from django.apps import AppConfig


class OndersteuningConfig(AppConfig):
    name = "resultaat.ondersteuning"
    verbose_name = "Ondersteuning, evaluatie en signalen"

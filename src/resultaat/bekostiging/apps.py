from django.apps import AppConfig


class BekostigingConfig(AppConfig):
    name = "resultaat.bekostiging"
    verbose_name = "Bekostiging"

from django.apps import AppConfig


class BrievenConfig(AppConfig):
    name = "resultaat.brieven"
    verbose_name = "Brieven (beschikkingen en informatiebrieven)"

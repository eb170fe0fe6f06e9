from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "resultaat.web"
    verbose_name = "Webinterface"

from django.apps import AppConfig


class ClientenConfig(AppConfig):
    name = "resultaat.clienten"
    verbose_name = "Cliënten"

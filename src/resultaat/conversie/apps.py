from django.apps import AppConfig


class ConversieConfig(AppConfig):
    name = "resultaat.conversie"
    verbose_name = "Conversie"

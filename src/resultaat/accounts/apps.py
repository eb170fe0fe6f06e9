from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "resultaat.accounts"
    verbose_name = "Gebruikers"

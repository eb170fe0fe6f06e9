from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "resultaat.accounts"
    verbose_name = "Gebruikers"

    def ready(self) -> None:
        # Connects the receiver that revokes a user's API tokens when the password changes.
        from resultaat.accounts import tokens  # noqa: F401

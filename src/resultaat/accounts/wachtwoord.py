"""Password rules with Dutch messages: Django's validators, the length one with a message of its own
(Django's Dutch translation of it is missing)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.password_validation import MinimumLengthValidator
from django.core.exceptions import ValidationError


class MinimaleLengte(MinimumLengthValidator):
    def __init__(self, min_length: int = 12) -> None:
        super().__init__(min_length)

    def validate(self, password: str, user: Any = None) -> None:
        if len(password) < self.min_length:
            raise ValidationError(self.get_error_message(), code="password_too_short")

    def get_error_message(self) -> str:
        return f"Dit wachtwoord is te kort: gebruik ten minste {self.min_length} tekens."

    def get_help_text(self) -> str:
        return f"Uw wachtwoord heeft ten minste {self.min_length} tekens."

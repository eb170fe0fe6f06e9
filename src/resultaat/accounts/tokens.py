"""API tokens (django-rest-knox): stored as a hash, valid for ``TOKEN_GELDIG_UREN`` hours, revocable by
the user and by whoever may change that user, and gone when the password changes.

Only a token's first characters (to find it) and a SHA-512 digest are stored; the token itself is shown
once, when it is issued. A changed password revokes every token of the user (``User.save`` below
compares the stored hash), whichever path changed it: the admin, ``changepassword``, the user itself.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models.signals import pre_save
from django.dispatch import receiver
from knox.models import AuthToken

from resultaat.accounts import services
from resultaat.accounts.gebeurtenissen import TOKENS_INGETROKKEN
from resultaat.accounts.models import User
from resultaat.core.audit.gebeurtenissen import leg_vast


def geef_token(gebruiker: User) -> tuple[str, dt.datetime | None]:
    """A new token for ``gebruiker``: the token (shown once) and when it expires."""
    instantie, token = AuthToken.objects.create(user=gebruiker)
    return token, instantie.expiry


def geldige_tokens(gebruiker: User) -> int:
    return AuthToken.objects.filter(user=gebruiker).count()


def trek_token_in(token: Any) -> None:
    """Revoke the one token a request was authenticated with."""
    with transaction.atomic():
        gebruiker = token.user
        token.delete()
        leg_vast(
            TOKENS_INGETROKKEN,
            gebruiker,
            gebruiker=gebruiker.get_username(),
            aantal=1,
            reden="door gebruiker",
        )


def trek_tokens_in(gebruiker: User, *, door: Any, reden: str = "") -> int:
    """Revoke every token of ``gebruiker``; ``door`` is that user or one who may change it."""
    if door is not None and door.pk != gebruiker.pk and not services.mag_wijzigen(door, gebruiker):
        raise services.GeenBeheerrecht(
            f"U mag de tokens van gebruiker {gebruiker.get_username()} niet intrekken."
        )
    with transaction.atomic():
        aantal, _ = AuthToken.objects.filter(user=gebruiker).delete()
        if aantal:
            if not reden:
                reden = "door gebruiker" if door is not None and door.pk == gebruiker.pk else "door beheerder"
            leg_vast(
                TOKENS_INGETROKKEN, gebruiker, gebruiker=gebruiker.get_username(), aantal=aantal, reden=reden
            )
    return aantal


@receiver(pre_save, sender=User, dispatch_uid="accounts.tokens.wachtwoord")
def _tokens_weg_bij_nieuw_wachtwoord(
    sender: Any, instance: User, update_fields: Any = None, **kw: Any
) -> None:
    if instance.pk is None or kw.get("raw"):
        return
    if update_fields is not None and "password" not in update_fields:
        return
    oud = User.objects.filter(pk=instance.pk).values_list("password", flat=True).first()
    if oud is not None and oud != instance.password:
        AuthToken.objects.filter(user_id=instance.pk).delete()

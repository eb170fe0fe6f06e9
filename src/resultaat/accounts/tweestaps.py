"""Two-step verification (django-otp, TOTP): who must use it, enrolment and checking a code.

Required for every gemeente role and for whoever has the admin (``is_staff``, superusers), unless the
installation sets ``TWEESTAPS_VERPLICHT=false`` (a demo or test installation only). A provider's staff
may enrol too. The secret lives in django-otp's TOTPDevice; a new device stays unconfirmed until the
user has typed one correct code, so that a half-finished enrolment locks nobody out.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from resultaat.accounts import services
from resultaat.accounts.gebeurtenissen import TWEESTAPS_OPNIEUW
from resultaat.accounts.models import User
from resultaat.core.audit.gebeurtenissen import leg_vast

APPARAAT_NAAM = "Authenticator-app"


def verplicht_voor(user: Any) -> bool:
    if not getattr(settings, "RESULTAAT_TWEESTAPS_VERPLICHT", True):
        return False
    return bool(
        getattr(user, "is_authenticated", False)
        and (getattr(user, "is_gemeente_user", False) or user.is_staff or user.is_superuser)
    )


def heeft_apparaat(user: User) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def bevestigd_apparaat(user: User, code: str) -> TOTPDevice | None:
    """The confirmed device of ``user`` for which ``code`` is right now valid, if any."""
    code = (code or "").strip().replace(" ", "")
    if not code.isdigit() or len(code) != 6:
        return None
    for apparaat in TOTPDevice.objects.filter(user=user, confirmed=True):
        if apparaat.verify_token(code):
            return apparaat
    return None


def controleer_code(user: User, code: str) -> bool:
    return bevestigd_apparaat(user, code) is not None


def nieuw_apparaat(user: User) -> TOTPDevice:
    """The unconfirmed device of an enrolment in progress (made once, kept until confirmed)."""
    apparaat = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if apparaat is None:
        apparaat = TOTPDevice.objects.create(user=user, name=APPARAAT_NAAM, confirmed=False)
    return apparaat


def bevestig_apparaat(apparaat: TOTPDevice, code: str) -> bool:
    """Confirm an enrolment with the first code from the app; the user's other devices are removed."""
    code = (code or "").strip().replace(" ", "")
    if not (code.isdigit() and len(code) == 6 and apparaat.verify_token(code)):
        return False
    with transaction.atomic():
        TOTPDevice.objects.filter(user=apparaat.user).exclude(pk=apparaat.pk).delete()
        apparaat.confirmed = True
        apparaat.save(update_fields=["confirmed"])
    return True


def stel_opnieuw_in(user: User, *, door: Any) -> None:
    """Forget the user's devices (a lost phone): the next login asks for a new enrolment. Done by the
    user's beheerder (or the installation admin), never by the user itself: a thief with the password
    would otherwise enrol a phone of its own."""
    if door is None or door.pk == user.pk or not services.mag_wijzigen(door, user):
        raise services.GeenBeheerrecht(
            f"U mag de tweestapsverificatie van gebruiker {user.get_username()} niet opnieuw instellen."
        )
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        leg_vast(TWEESTAPS_OPNIEUW, user, gebruiker=user.get_username())

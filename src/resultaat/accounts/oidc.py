"""Single sign-on with OpenID Connect (mozilla-django-oidc), only when ``OIDC_RP_CLIENT_ID`` is set.

The identity provider says who someone is; Resultaat decides what that person may do. So an account
exists in Resultaat first (made by a beheerder, with its role and organisation); the provider's
``preferred_username`` (else the e-mail address) must match it, and no account is created. A
deactivated account cannot sign in this way either. Two-step verification still applies.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from resultaat.accounts.models import User


class OidcBackend(OIDCAuthenticationBackend):
    def filter_users_by_claims(self, claims: dict[str, Any]) -> QuerySet[User]:
        naam = (claims.get("preferred_username") or "").strip()
        if naam:
            return User.objects.filter(username__iexact=naam, is_active=True)
        email = (claims.get("email") or "").strip()
        if email and claims.get("email_verified", False):
            return User.objects.filter(email__iexact=email, is_active=True)
        return User.objects.none()

    def verify_claims(self, claims: dict[str, Any]) -> bool:
        return bool(
            claims.get("preferred_username") or (claims.get("email") and claims.get("email_verified"))
        )

"""The one place where Resultaat reads its environment.

Every setting that comes from the environment is declared in ``VARIABLES`` with its default and
meaning, read through :func:`get`, and listed in ``docs/configuration.md`` (a test keeps the two in
step). Nothing else in the code base reads ``os.environ``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent.parent


@dataclass(frozen=True)
class Variable:
    name: str
    default: str
    description: str


VARIABLES: dict[str, Variable] = {
    v.name: v
    for v in [
        Variable(
            "DATABASE_URL",
            "",
            "PostgreSQL in production and CI, e.g. postgres://postgres@127.0.0.1:5432/resultaat. "
            "Empty: the embedded SQLite database var/resultaat.sqlite3.",
        ),
        Variable("SQLITE_PATH", str(BASE_DIR / "var" / "resultaat.sqlite3"), "File of the SQLite database."),
        Variable(
            "SECRET_KEY", "", "Django's signing key. Set it in production; empty uses a development key."
        ),
        Variable("DEBUG", "false", "Show Django's debug pages (true/false). Never in production."),
        Variable("ALLOWED_HOSTS", "127.0.0.1,localhost", "Comma-separated host names the app answers to."),
        Variable(
            "CSRF_TRUSTED_ORIGINS",
            "",
            "Comma-separated origins (https://…) trusted for forms behind a proxy.",
        ),
        Variable("SECURE_COOKIES", "false", "Send session and CSRF cookies over HTTPS only (true/false)."),
        Variable(
            "HTTPS",
            "false",
            "The site is served over HTTPS only (true/false), behind a proxy that ends TLS and sets "
            "X-Forwarded-Proto: http is redirected to https, HSTS is sent, cookies are secure.",
        ),
        Variable(
            "HSTS_SECONDS",
            "31536000",
            "How long browsers keep to HTTPS (Strict-Transport-Security max-age) when HTTPS is true.",
        ),
        Variable("LOG_LEVEL", "INFO", "Level of the application log (DEBUG, INFO, WARNING, ERROR)."),
        Variable(
            "STATIC_ROOT", str(BASE_DIR / "var" / "static"), "Where collectstatic puts the static files."
        ),
        Variable(
            "STATIC_COLLECTED",
            "false",
            "Serve the static files collectstatic wrote to STATIC_ROOT: hashed names, compressed, cached "
            "for a year (true in production, set by make serve). False: straight from the source folders.",
        ),
        Variable(
            "NODE_MODULES_DIR",
            str(BASE_DIR / "node_modules"),
            "The npm packages (NL Design System CSS and tokens, htmx), installed from package-lock.json.",
        ),
        Variable(
            "IWMO_XSD_DIR",
            str(BASE_DIR.parent / "shared" / "iwmo-3.2" / "xsd"),
            "Folder with the iWmo 3.2 XSD schemas (basisschema.xsd and WMO3xx.xsd).",
        ),
        Variable(
            "IWMO_DIR",
            str(BASE_DIR / "var" / "iwmo"),
            "Folder of the iWmo file transport: inbox/ (files received, processed by iwmo_inbox) and "
            "outbox/ (messages to send: 301, 319, retours, 325).",
        ),
        Variable(
            "VERTROUWDE_PROXIES",
            "",
            "Comma-separated addresses or networks (10.0.0.0/8) of the reverse proxies in front of the app. "
            "Only from these is X-Forwarded-For believed (login lockout, API throttle, audit); empty: "
            "the address of the connection itself.",
        ),
        Variable(
            "INLOGPOGINGEN", "5", "Wrong passwords in a row before a username is locked from one address."
        ),
        Variable("INLOGBLOKKADE_MINUTEN", "15", "Minutes a locked login stays locked."),
        Variable("TOKEN_GELDIG_UREN", "8", "Hours an API token stays valid after it was issued."),
        Variable(
            "TWEESTAPS_VERPLICHT",
            "true",
            "Gemeente roles and admins log in with a TOTP code from an authenticator app (true/false). "
            "Only a demo or a test installation sets false.",
        ),
        Variable(
            "OIDC_RP_CLIENT_ID",
            "",
            "Client id at the OpenID Connect provider. Set (with the OIDC_OP_* endpoints): single sign-on "
            "is offered on the login page. Empty: no single sign-on.",
        ),
        Variable("OIDC_RP_CLIENT_SECRET", "", "Client secret at the OpenID Connect provider."),
        Variable("OIDC_RP_SIGN_ALGO", "RS256", "Signing algorithm of the provider's ID tokens."),
        Variable("OIDC_OP_AUTHORIZATION_ENDPOINT", "", "Authorization endpoint of the OpenID provider."),
        Variable("OIDC_OP_TOKEN_ENDPOINT", "", "Token endpoint of the OpenID provider."),
        Variable("OIDC_OP_USER_ENDPOINT", "", "Userinfo endpoint of the OpenID provider."),
        Variable("OIDC_OP_JWKS_ENDPOINT", "", "JWKS endpoint (signing keys) of the OpenID provider."),
        Variable("CHROMIUM_PATH", "/usr/bin/chromium", "Chromium used by the end-to-end browser tests."),
        Variable(
            "RESULTAAT_AUDIT_SLEUTEL",
            "",
            "Key of the access log's hash chain (HMAC-SHA256). Empty: SECRET_KEY. Never change it once "
            "the log has rows: `audit_verify` would report every row (see docs/privacy.md).",
        ),
        Variable(
            "ENQUETE_GELDIG_WEKEN",
            "6",
            "Weeks a satisfaction-survey link stays valid after it was sent (by letter or e-mail).",
        ),
        Variable(
            "ENQUETE_BASIS_URL",
            "http://127.0.0.1:8000",
            "Public address of the app as residents reach it: the survey link in letters, QR codes and "
            "e-mails starts with it (e.g. https://wmo.gemeente.nl).",
        ),
        Variable(
            "EMAIL_BACKEND",
            "django.core.mail.backends.console.EmailBackend",
            "Django e-mail backend for survey invitations; production uses "
            "django.core.mail.backends.smtp.EmailBackend with EMAIL_HOST.",
        ),
        Variable("EMAIL_HOST", "localhost", "SMTP server for e-mail (with the smtp backend)."),
        Variable("DEFAULT_FROM_EMAIL", "wmo@resultaat.invalid", "Sender address of e-mail to residents."),
        Variable(
            "RESULTAAT_BEWAARTERMIJN_JAREN",
            "15",
            "Years after a client's last case ended before `bewaartermijn` pseudonymises the client's "
            "personal data (see docs/privacy.md).",
        ),
    ]
}


class ConfigurationError(RuntimeError):
    pass


def get(name: str) -> str:
    """The value of a declared environment variable, or its default."""
    try:
        variable = VARIABLES[name]
    except KeyError:
        raise ConfigurationError(
            f"{name} is not a declared environment variable (see resultaat/env.py)"
        ) from None
    return os.environ.get(name, variable.default)


def get_bool(name: str) -> bool:
    value = get(name).strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off", ""}:
        return False
    raise ConfigurationError(f"{name} must be true or false, not {value!r}")


def get_int(name: str) -> int:
    value = get(name).strip()
    try:
        return int(value)
    except ValueError:
        raise ConfigurationError(f"{name} must be a whole number, not {value!r}") from None


def get_list(name: str) -> list[str]:
    return [item.strip() for item in get(name).split(",") if item.strip()]

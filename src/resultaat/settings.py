"""Settings of Resultaat: one module, every environment variable read through resultaat.env."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp import constants as csp_constants

from resultaat import env

BASE_DIR = env.BASE_DIR
DEBUG = env.get_bool("DEBUG")
# The fixed development key keeps `make demo` a single command; production sets SECRET_KEY.
SECRET_KEY = env.get("SECRET_KEY") or "resultaat-insecure-development-key"
ALLOWED_HOSTS = env.get_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env.get_list("CSRF_TRUSTED_ORIGINS")
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env.get_bool("SECURE_COOKIES")
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 8 * 60 * 60
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Production hardening (docs/productie.md). HTTPS=true: TLS ends at the proxy in front, which sets
# X-Forwarded-Proto; Django then redirects http to https, sends HSTS and marks its cookies secure.
HTTPS = env.get_bool("HTTPS")
if HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = int(env.get("HSTS_SECONDS"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = True
CSRF_COOKIE_HTTPONLY = True
# Content Security Policy (django-csp), in every environment so that the browser tests see it: only
# the app's own scripts, styles, fonts and images; inline <style> only with the per-request nonce (the
# letter preview); no plugins, no framing, forms post to the app only.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", csp_constants.NONCE],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "resultaat.core.statisch.StatischeBestandenConfig",  # django.contrib.staticfiles
    "rest_framework",
    "knox",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "mozilla_django_oidc",
    "drf_spectacular",
    "django_tables2",
    "django_filters",
    "resultaat.accounts",
    "resultaat.organisaties",
    "resultaat.catalogus",
    "resultaat.contracten",
    "resultaat.clienten",
    "resultaat.toegang",
    "resultaat.toewijzingen",
    "resultaat.ondersteuning",
    "resultaat.kwaliteit",
    "resultaat.werklijst",
    "resultaat.brieven",
    "resultaat.eigen_bijdrage",
    "resultaat.iwmo",
    "resultaat.bekostiging",
    "resultaat.conversie",
    "resultaat.sturing",
    "resultaat.core.audit",
    "resultaat.web",
    "resultaat.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "resultaat.core.middleware.GeenBsnInUrl",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "resultaat.core.cache.GeenOpslagInCache",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "resultaat.core.api.middleware.ApiNietGevonden",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "resultaat.web.tweestaps.TweeStapsVerplicht",
    "resultaat.core.audit.middleware.ActorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "resultaat.urls"
WSGI_APPLICATION = "resultaat.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # The beheer's own base_site.html (Resultaat's look) before the admin app's own.
        "DIRS": [Path(__file__).resolve().parent / "web" / "templates_beheer"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "resultaat.web.context_processors.navigation",
                "resultaat.web.handleiding.hulp",
            ],
        },
    },
]

# Database: embedded SQLite by default, PostgreSQL through DATABASE_URL.
_database_url = env.get("DATABASE_URL")
if _database_url:
    DATABASES = {"default": dj_database_url.parse(_database_url, conn_max_age=60)}
    # No JIT compilation: on a list page's query over 100,000 clients PostgreSQL's cost estimate passes
    # the JIT threshold and compiling took 100-150 ms of CPU, more than running the query itself.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
else:
    _sqlite_path = Path(env.get("SQLITE_PATH"))
    _sqlite_path.parent.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(_sqlite_path),
            "OPTIONS": {
                # WAL lets readers go on while one writer writes; the busy timeout makes a second
                # writer wait instead of failing at once; IMMEDIATE takes the write lock up front.
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; "
                    "PRAGMA busy_timeout=20000; PRAGMA cache_size=-64000; PRAGMA temp_store=MEMORY;"
                ),
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "resultaat.accounts.wachtwoord.MinimaleLengte", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Authentication (see docs/configuration.md, "Inloggen"). Addresses: X-Forwarded-For is believed only
# from the proxies listed here (login lockout, API throttle and the audit's "from where").
RESULTAAT_VERTROUWDE_PROXIES = env.get_list("VERTROUWDE_PROXIES")
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_CLIENT_IP_CALLABLE = "resultaat.core.adres.client_adres"
AXES_FAILURE_LIMIT = env.get_int("INLOGPOGINGEN")
AXES_COOLOFF_TIME = timedelta(minutes=env.get_int("INLOGBLOKKADE_MINUTEN"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "resultaat.web.tweestaps.geblokkeerd"
AXES_USERNAME_CALLABLE = "resultaat.core.adres.inlognaam"
REST_KNOX = {
    "TOKEN_TTL": timedelta(hours=env.get_int("TOKEN_GELDIG_UREN")),
    "AUTH_HEADER_PREFIX": "Token",
    "AUTO_REFRESH": False,
}
RESULTAAT_TWEESTAPS_VERPLICHT = env.get_bool("TWEESTAPS_VERPLICHT")
OTP_TOTP_ISSUER = "Resultaat"
RESULTAAT_OIDC = bool(env.get("OIDC_RP_CLIENT_ID"))
if RESULTAAT_OIDC:
    AUTHENTICATION_BACKENDS.append("resultaat.accounts.oidc.OidcBackend")
    OIDC_RP_CLIENT_ID = env.get("OIDC_RP_CLIENT_ID")
    OIDC_RP_CLIENT_SECRET = env.get("OIDC_RP_CLIENT_SECRET")
    OIDC_RP_SIGN_ALGO = env.get("OIDC_RP_SIGN_ALGO")
    OIDC_OP_AUTHORIZATION_ENDPOINT = env.get("OIDC_OP_AUTHORIZATION_ENDPOINT")
    OIDC_OP_TOKEN_ENDPOINT = env.get("OIDC_OP_TOKEN_ENDPOINT")
    OIDC_OP_USER_ENDPOINT = env.get("OIDC_OP_USER_ENDPOINT")
    OIDC_OP_JWKS_ENDPOINT = env.get("OIDC_OP_JWKS_ENDPOINT")
    OIDC_CREATE_USER = False  # an account exists in Resultaat first, with its role and organisation
    LOGIN_REDIRECT_URL_FAILURE = "/inloggen/"

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands")]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env.get("STATIC_ROOT"))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise serves from it once collectstatic has run
NODE_MODULES_DIR = Path(env.get("NODE_MODULES_DIR"))
# The npm files the pages use (base.html), not the whole node_modules folder.
NPM_MAPPEN = [
    "@fontsource-variable/noto-sans",
    "@utrecht/design-tokens/dist",
    "@utrecht/component-library-css/dist",
    "htmx.org/dist",
]
STATICFILES_DIRS = [(f"npm/{m}", NODE_MODULES_DIR / m) for m in NPM_MAPPEN if (NODE_MODULES_DIR / m).is_dir()]
# The user guide per role (docs/handleiding/<rol>.md), shown in the app, and its screenshots.
RESULTAAT_HANDLEIDING_DIR = BASE_DIR / "docs" / "handleiding"
if (BASE_DIR / "docs" / "screenshots").is_dir():
    STATICFILES_DIRS.append(("handleiding", BASE_DIR / "docs" / "screenshots"))
# STATIC_COLLECTED=true (production, `make serve`): WhiteNoise serves what collectstatic wrote to
# STATIC_ROOT: names with a content hash, gzip and brotli copies, cached by browsers for a year. Otherwise
# (development, demo, tests) the files are served straight from their source folders.
STATIC_COLLECTED = env.get_bool("STATIC_COLLECTED")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "resultaat.core.statisch.StatischeBestanden"
        if STATIC_COLLECTED
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = not STATIC_COLLECTED
WHITENOISE_KEEP_ONLY_HASHED_FILES = True
WHITENOISE_AUTOREFRESH = DEBUG

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "knox.auth.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "resultaat.core.api.schema.Schema",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "resultaat.core.api.exceptions.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Resultaat API",
    "DESCRIPTION": (
        "REST API of Resultaat, Wmo-ondersteuning op resultaat. Session or token authentication "
        "(header `Authorization: Token …`). A BSN is never part of a URL: search by POST. Every operation "
        "answers a query parameter `bsn` (or one with `bsn` in its name) with 400 "
        '`{"bsn": ["Een BSN hoort niet in een webadres: ..."]}`, before authentication.'
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # The schema describes every operation: for logged-in users and token holders only.
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "COMPONENT_SPLIT_REQUEST": True,
    # The Plus kinds appear in the plan and in its write request: one enum, with a stable name.
    # So are the signal kinds, and the choice sets of requests and of the provider's stop.
    "ENUM_NAME_OVERRIDES": {
        "PlusAfspraakSoortEnum": "resultaat.ondersteuning.models.PlusSoort",
        "SignaalSoortEnum": "resultaat.ondersteuning.models.SignaalSoort",
        "ResultaatBehaaldEnum": "resultaat.ondersteuning.models.ResultaatBehaald",
        "AntwoordEnum": "resultaat.kwaliteit.models.Antwoord",
        "KlachtCategorieEnum": "resultaat.kwaliteit.models.KlachtCategorie",
        "BronEnum": "resultaat.toewijzingen.models.LeveringBron",
        "VerzoekBronEnum": "resultaat.iwmo.models.VerzoekBron",
        "RedenVerzoekEnum": "resultaat.core.codes.WJ758RedenVerzoek",
        "RedenAfwijzingVerzoekEnum": "resultaat.core.codes.WJ759RedenAfwijzingVerzoek",
        "StopRedenEnum": "resultaat.toewijzingen.api.serializers.STOP_REDENEN",
        "IndicatieimportStatusEnum": "resultaat.conversie.models.ImportStatus",
        "AanvraagMetOpschortingenStatusEnum": "resultaat.toegang.models.AanvraagStatus",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "resultaat.core.api.schema.drop_database_integer_limits",
    ],
}

# Access log (NEN 7513) and retention: the key of the log's hash chain, the retention term of ended
# cases ("from where" uses RESULTAAT_VERTROUWDE_PROXIES above).
RESULTAAT_AUDIT_SLEUTEL = env.get("RESULTAAT_AUDIT_SLEUTEL")
RESULTAAT_BEWAARTERMIJN_JAREN = int(env.get("RESULTAAT_BEWAARTERMIJN_JAREN"))
# The satisfaction survey: how long its link stays valid, and the address residents reach the app at.
RESULTAAT_ENQUETE_GELDIG_WEKEN = env.get_int("ENQUETE_GELDIG_WEKEN")
RESULTAAT_ENQUETE_BASIS_URL = env.get("ENQUETE_BASIS_URL").rstrip("/")
EMAIL_BACKEND = env.get("EMAIL_BACKEND")
EMAIL_HOST = env.get("EMAIL_HOST")
DEFAULT_FROM_EMAIL = env.get("DEFAULT_FROM_EMAIL")

IWMO_XSD_DIR = Path(env.get("IWMO_XSD_DIR"))
IWMO_DIR = Path(env.get("IWMO_DIR"))

# Every handler scrubs BSNs (resultaat.logfilters). Django's own loggers are configured here too: left
# alone they keep Django's default handlers, which have no filter ("django" writes request errors,
# "django.server" the request line of runserver, query string included).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"scrub_bsn": {"()": "resultaat.logfilters.ScrubBSNFilter"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "django.server": {
            "()": "django.utils.log.ServerFormatter",
            "format": "[{server_time}] {message}",
            "style": "{",
        },
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["scrub_bsn"], "formatter": "plain"},
        "django.server": {
            "class": "logging.StreamHandler",
            "filters": ["scrub_bsn"],
            "formatter": "django.server",
        },
    },
    "root": {"handlers": ["console"], "level": env.get("LOG_LEVEL")},
    "loggers": {
        "django": {"handlers": [], "level": "INFO", "propagate": True},
        "django.server": {"handlers": ["django.server"], "level": "INFO", "propagate": False},
    },
}

# Every list table in NL Design System markup (resultaat.core.tabellen).
DJANGO_TABLES2_TEMPLATE = "web/includes/tabel_lijst.html"

"""Production hardening: CSP on every page, nothing of a page or API answer kept in a cache, the API
schema behind login, `check --deploy` clean with the production environment, and static files served
hashed, compressed and cached for a year once collected."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from resultaat.toegang.models import Aanvraag, Beschikking, Besluit

ROOT = Path(settings.BASE_DIR)
PRODUCTIE = {
    "DEBUG": "false",
    "SECRET_KEY": "k" * 20 + "Vq3-9zXw!pL0_rT7yUe#Bn4sDf6gHj8mK2aQcWeRtYuIoP",
    "ALLOWED_HOSTS": "resultaat.gemeente.example",
    "CSRF_TRUSTED_ORIGINS": "https://resultaat.gemeente.example",
    "HTTPS": "true",
}


# Set by the test run itself (the browser tests' conftest, a PostgreSQL run), not by a production host.
NIET_VAN_PRODUCTIE = ("DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE", "DATABASE_URL")


def schone_omgeving() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k not in NIET_VAN_PRODUCTIE}


def manage(*args: str, env: dict[str, str], cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    omgeving = schone_omgeving()
    omgeving.update(env)
    return subprocess.run(  # noqa: S603
        [sys.executable, str(ROOT / "manage.py"), *args],
        env=omgeving,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_check_deploy_is_clean_with_the_production_environment(tmp_path):
    resultaat = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env={**PRODUCTIE, "SQLITE_PATH": str(tmp_path / "db.sqlite3")},
    )
    assert resultaat.returncode == 0, resultaat.stdout + resultaat.stderr
    assert "no issues" in resultaat.stdout


def test_without_https_check_deploy_names_what_is_missing(tmp_path):
    env = {**PRODUCTIE, "HTTPS": "false", "SQLITE_PATH": str(tmp_path / "db.sqlite3")}
    resultaat = manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert resultaat.returncode != 0
    assert "SECURE_HSTS_SECONDS" in resultaat.stderr + resultaat.stdout


@pytest.mark.django_db
def test_pages_and_api_answers_are_never_stored(client, alice, noor):
    client.force_login(alice)
    for url in (
        reverse("web:home"),
        reverse("web:client-detail", args=[noor.pk]),
        reverse("web:client-list"),
        "/api/v1/clienten/",
        f"/api/v1/clienten/{noor.pk}/",
        "/api/v1/schema/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        cache = response.headers.get("Cache-Control", "")
        assert "no-store" in cache and "private" in cache, (url, cache)


@pytest.mark.django_db
def test_the_login_page_and_a_redirect_are_not_stored_either(client):
    for url in (reverse("login"), reverse("web:home")):
        assert "no-store" in client.get(url).headers.get("Cache-Control", ""), url


@pytest.mark.django_db
def test_every_page_has_a_strict_content_security_policy(client, alice):
    client.force_login(alice)
    policy = client.get(reverse("web:home")).headers["Content-Security-Policy"]
    richtlijnen = dict((deel.split()[0], deel.split()[1:]) for deel in policy.split(";") if deel.strip())
    assert richtlijnen["default-src"] == ["'self'"]
    assert richtlijnen["script-src"] == ["'self'"]
    assert "'unsafe-inline'" not in richtlijnen["style-src"]
    assert richtlijnen["frame-ancestors"] == ["'none'"]
    assert richtlijnen["object-src"] == ["'none'"]


def test_no_template_has_inline_script_or_style_attributes():
    # Inline script (onclick=, <script> with a body) and style attributes are refused by the CSP; the
    # PDF templates are rendered by WeasyPrint on the server and never reach a browser.
    overtreders = []
    for pad in (ROOT / "src" / "resultaat").rglob("templates/**/*.html"):
        if pad.name.endswith("_pdf.html") or pad.parent.name == "brieven":
            continue
        tekst = pad.read_text()
        for verboden in (' style="', " onclick=", " onchange=", " onsubmit=", "<style", "<script>"):
            if verboden in tekst:
                overtreders.append(f"{pad.relative_to(ROOT)}: {verboden.strip()}")
    assert overtreders == []


@pytest.mark.django_db
def test_the_api_schema_needs_a_login(client, alice):
    assert client.get("/api/v1/schema/").status_code in (401, 403)
    client.force_login(alice)
    assert client.get("/api/v1/schema/").status_code == 200


@pytest.mark.django_db
def test_the_letter_preview_allows_only_its_own_style(client, alice, noor):
    aanvraag = Aanvraag.objects.create(client=noor, gemeente=noor.gemeente, ontvangen_op=dt.date(2016, 12, 1))
    beschikking = Beschikking.objects.create(
        aanvraag=aanvraag,
        client=noor,
        gemeente=noor.gemeente,
        nummer="B-CSP",
        besluit=Besluit.TOEGEKEND,
        besluitdatum=dt.date(2016, 12, 10),
    )
    client.force_login(alice)
    response = client.get(reverse("web:beschikking-detail", args=[beschikking.pk]))
    assert response.status_code == 200
    policy = response.headers["Content-Security-Policy"]
    nonce = policy.split("'nonce-")[1].split("'")[0]
    assert f"nonce=&quot;{nonce}&quot;" in response.content.decode()
    assert "style-src-attr 'unsafe-inline'" in policy


def test_collected_static_files_are_hashed_compressed_and_cached_for_a_year(tmp_path):
    env = {
        **PRODUCTIE,
        "HTTPS": "false",
        "STATIC_COLLECTED": "true",
        "STATIC_ROOT": str(tmp_path / "static"),
        "SQLITE_PATH": str(tmp_path / "db.sqlite3"),
    }
    verzameld = manage("collectstatic", "--noinput", env=env)
    assert verzameld.returncode == 0, verzameld.stderr
    script = (
        "import django; django.setup()\n"
        "from django.templatetags.static import static\n"
        "from django.test import Client\n"
        "url = static('npm/@utrecht/component-library-css/dist/index.css')\n"
        "r = Client().get(url, HTTP_ACCEPT_ENCODING='gzip')\n"
        "print(url); print(r.status_code); print(r.headers.get('Content-Encoding'));"
        " print(r.headers.get('Cache-Control'))\n"
    )
    omgeving = {
        **schone_omgeving(),
        **env,
        "DJANGO_SETTINGS_MODULE": "resultaat.settings",
        "PYTHONPATH": str(ROOT / "src"),
    }
    uit = subprocess.run(  # noqa: S603
        [sys.executable, "-c", script], env=omgeving, capture_output=True, text=True, timeout=120, check=False
    )
    assert uit.returncode == 0, uit.stderr
    url, status, codering, cache = uit.stdout.split("\n")[:4]
    assert url.startswith("/static/npm/@utrecht/component-library-css/dist/index.") and url != (
        "/static/npm/@utrecht/component-library-css/dist/index.css"
    )
    assert status == "200"
    assert codering == "gzip"
    assert "max-age=315360000" in cache and "immutable" in cache

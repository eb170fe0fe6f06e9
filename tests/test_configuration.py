"""Configuration: one documented helper for the environment, a tuned SQLite, BSNs kept out of logs."""

import logging
import re
from pathlib import Path

import pytest
from django.db import connection

from resultaat import env
from resultaat.logfilters import ScrubBSNFilter

ROOT = Path(__file__).resolve().parent.parent


def test_every_environment_variable_is_documented():
    documented = (ROOT / "docs" / "configuration.md").read_text()
    for name in env.VARIABLES:
        assert f"`{name}`" in documented, f"{name} is missing from docs/configuration.md"


def test_nothing_but_the_helper_reads_the_environment():
    offenders = []
    for path in (ROOT / "src").rglob("*.py"):
        if path.name == "env.py" or path.name == "wsgi.py":
            continue
        text = path.read_text()
        if re.search(r"os\.environ|os\.getenv", text):
            offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


def test_an_undeclared_variable_is_a_clear_error():
    with pytest.raises(env.ConfigurationError, match="not a declared"):
        env.get("NOT_A_SETTING")


def test_boolean_variables_reject_nonsense(monkeypatch):
    monkeypatch.setenv("DEBUG", "misschien")
    with pytest.raises(env.ConfigurationError, match="true or false"):
        env.get_bool("DEBUG")


@pytest.mark.django_db
def test_sqlite_runs_with_wal_and_a_busy_timeout():
    if connection.vendor != "sqlite":
        pytest.skip("SQLite tuning only applies to the embedded database")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA busy_timeout")
        assert cursor.fetchone()[0] == 20000
        cursor.execute("PRAGMA foreign_keys")
        assert cursor.fetchone()[0] == 1


def test_log_records_never_carry_a_bsn(caplog):
    logger = logging.getLogger("resultaat.test")
    logger.addFilter(ScrubBSNFilter())
    with caplog.at_level(logging.INFO, logger="resultaat.test"):
        logger.info("cliënt %s niet gevonden", "111222333")
    assert "111222333" not in caplog.text
    assert "*********" in caplog.text


@pytest.mark.django_db
def test_postgresql_runs_without_jit_compilation():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL setting")
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"

"""Database triggers that make the access log append-only: UPDATE and DELETE (and on PostgreSQL
TRUNCATE) of ``audit_auditevent`` are refused by the database itself, whatever the application does.

Created by migration ``audit.0004``. A later migration that rebuilds the table on SQLite (SQLite
alters a table by copying it, which drops its triggers) must call :func:`maak_triggers` again;
``tests/core/test_audit_keten.py`` fails when the triggers are missing.
"""

from __future__ import annotations

from typing import Any

MELDING = "Het auditlog is alleen aan te vullen: wijzigen of verwijderen van regels is niet toegestaan."

_POSTGRESQL_MAAK = [
    f"""CREATE OR REPLACE FUNCTION audit_alleen_toevoegen() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION '{MELDING} (%)', TG_OP; END $$""",
    """CREATE TRIGGER audit_auditevent_alleen_toevoegen BEFORE UPDATE OR DELETE ON audit_auditevent
    FOR EACH ROW EXECUTE FUNCTION audit_alleen_toevoegen()""",
    """CREATE TRIGGER audit_auditevent_geen_truncate BEFORE TRUNCATE ON audit_auditevent
    FOR EACH STATEMENT EXECUTE FUNCTION audit_alleen_toevoegen()""",
]
_POSTGRESQL_WEG = [
    "DROP TRIGGER IF EXISTS audit_auditevent_alleen_toevoegen ON audit_auditevent",
    "DROP TRIGGER IF EXISTS audit_auditevent_geen_truncate ON audit_auditevent",
    "DROP FUNCTION IF EXISTS audit_alleen_toevoegen()",
]
_SQLITE_MAAK = [
    f"""CREATE TRIGGER IF NOT EXISTS audit_auditevent_geen_update BEFORE UPDATE ON audit_auditevent
    BEGIN SELECT RAISE(ABORT, '{MELDING}'); END""",
    f"""CREATE TRIGGER IF NOT EXISTS audit_auditevent_geen_delete BEFORE DELETE ON audit_auditevent
    BEGIN SELECT RAISE(ABORT, '{MELDING}'); END""",
]
_SQLITE_WEG = [
    "DROP TRIGGER IF EXISTS audit_auditevent_geen_update",
    "DROP TRIGGER IF EXISTS audit_auditevent_geen_delete",
]
TRIGGERS = {
    "postgresql": ("audit_auditevent_alleen_toevoegen", "audit_auditevent_geen_truncate"),
    "sqlite": ("audit_auditevent_geen_update", "audit_auditevent_geen_delete"),
}


def _uitvoeren(connection: Any, statements: list[str]) -> None:
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def maak_triggers(connection: Any) -> None:
    if connection.vendor == "postgresql":
        _uitvoeren(connection, _POSTGRESQL_WEG[:2] + _POSTGRESQL_MAAK)
    elif connection.vendor == "sqlite":
        _uitvoeren(connection, _SQLITE_MAAK)


def verwijder_triggers(connection: Any) -> None:
    """Only for emptying a test database (``flush``) and for the tamper tests."""
    if connection.vendor == "postgresql":
        _uitvoeren(connection, _POSTGRESQL_WEG)
    elif connection.vendor == "sqlite":
        _uitvoeren(connection, _SQLITE_WEG)


def aanwezige_triggers(connection: Any) -> set[str]:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT tgname FROM pg_trigger "
                "WHERE tgrelid = 'audit_auditevent'::regclass AND NOT tgisinternal"
            )
        elif connection.vendor == "sqlite":
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_auditevent'"
            )
        else:
            return set()
        return {r[0] for r in cursor.fetchall()}

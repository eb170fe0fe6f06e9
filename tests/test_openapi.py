"""The committed OpenAPI schema (docs/openapi.yaml) is what the code generates, without warnings."""

from __future__ import annotations

import difflib
from pathlib import Path

import yaml
from django.conf import settings
from django.core.management import call_command
from django.utils import translation

COMMITTED = Path(settings.BASE_DIR) / "docs" / "openapi.yaml"


def generate(tmp_path: Path) -> str:
    # The same command as `make openapi`; --fail-on-warn keeps the schema free of guesses.
    # The language is pinned to the default one, which is what `manage.py spectacular` uses, so that a
    # language activated by an earlier test cannot change the descriptions.
    target = tmp_path / "openapi.yaml"
    with translation.override(settings.LANGUAGE_CODE):
        call_command("spectacular", "--file", str(target), "--validate", "--fail-on-warn")
    return target.read_text(encoding="utf-8")


def test_the_committed_schema_is_up_to_date(tmp_path):
    generated = generate(tmp_path)
    committed = COMMITTED.read_text(encoding="utf-8") if COMMITTED.exists() else ""
    if generated != committed:
        diff = difflib.unified_diff(
            committed.splitlines(), generated.splitlines(), "docs/openapi.yaml", "generated", lineterm="", n=2
        )
        excerpt = "\n".join(list(diff)[:60])
        raise AssertionError(
            "docs/openapi.yaml differs from the schema the code generates: run `make openapi` and commit "
            f"the result.\n{excerpt}"
        )


def test_generation_is_deterministic(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    assert generate(tmp_path / "a") == generate(tmp_path / "b")


def test_no_bsn_in_any_url_or_query_parameter():
    schema = yaml.safe_load(COMMITTED.read_text(encoding="utf-8"))
    for path, operations in schema["paths"].items():
        assert "bsn" not in path.lower(), path
        for operation in operations.values():
            for parameter in operation.get("parameters", []):
                assert "bsn" not in parameter["name"].lower(), (path, parameter)


def test_the_schema_documents_token_authentication():
    schema = yaml.safe_load(COMMITTED.read_text(encoding="utf-8"))
    token_scheme = schema["components"]["securitySchemes"]["tokenAuth"]
    assert token_scheme == {**token_scheme, "type": "apiKey", "in": "header", "name": "Authorization"}
    assert "Authorization: Token" in schema["paths"]["/api/v1/token/"]["post"]["description"]

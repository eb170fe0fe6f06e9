"""Post-processing of the generated OpenAPI schema, so that it is the same on every database."""

from __future__ import annotations

from typing import Any

# drf-spectacular takes an integer field's range from the database backend: SQLite reports 64-bit
# limits, PostgreSQL those of its column types. They are storage details, not API contract, and would
# make the committed schema depend on the database it was generated on.
_DATABASE_INTEGER_LIMITS = {2**63 - 1, 2**31 - 1, 2**15 - 1}


def _strip(node: Any) -> None:
    if isinstance(node, dict):
        if node.get("type") == "integer" and node.get("maximum") in _DATABASE_INTEGER_LIMITS:
            del node["maximum"]
            if node.get("format") == "int64":
                del node["format"]
        for value in node.values():
            _strip(value)
    elif isinstance(node, list):
        for value in node:
            _strip(value)


def drop_database_integer_limits(
    result: dict[str, Any], generator: Any, request: Any, public: bool
) -> dict[str, Any]:
    _strip(result)
    return result

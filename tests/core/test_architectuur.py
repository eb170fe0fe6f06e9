"""The structure holds: components use each other's public names only, and imports sit at the top.

The layering itself (core imports no component, higher components on lower ones) is checked by
import-linter in ``make lint``; these tests add what it cannot see.
"""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src"
PAKKET = SRC / "resultaat"


def _modules() -> list[tuple[str, Path, ast.Module]]:
    uit = []
    for pad in sorted(PAKKET.rglob("*.py")):
        if "migrations" in pad.parts:
            continue
        naam = ".".join(pad.relative_to(SRC).with_suffix("").parts).removesuffix(".__init__")
        uit.append((naam, pad, ast.parse(pad.read_text(encoding="utf-8"))))
    return uit


def _component(module: str) -> str:
    delen = module.split(".")
    if len(delen) > 2 and delen[1] == "core":
        return "core"
    return delen[1] if len(delen) > 1 else module


def test_no_component_imports_another_components_private_names():
    overtredingen = []
    for naam, pad, boom in _modules():
        for knoop in ast.walk(boom):
            if not isinstance(knoop, ast.ImportFrom) or not (knoop.module or "").startswith("resultaat."):
                continue
            if _component(knoop.module or "") == _component(naam):
                continue
            for alias in knoop.names:
                if alias.name.startswith("_"):
                    overtredingen.append(f"{pad.relative_to(SRC)}:{knoop.lineno} {knoop.module}.{alias.name}")
    assert overtredingen == []


def test_project_imports_sit_at_module_top_except_in_app_ready():
    """A function-local import of a project module hides a dependency (often a cycle); only an
    AppConfig.ready() may import late, to connect the receivers of domain events."""
    overtredingen = []
    for _naam, pad, boom in _modules():
        for functie in ast.walk(boom):
            if not isinstance(functie, ast.FunctionDef | ast.AsyncFunctionDef) or functie.name == "ready":
                continue
            for knoop in ast.walk(functie):
                if isinstance(knoop, ast.ImportFrom) and (knoop.module or "").startswith("resultaat"):
                    overtredingen.append(f"{pad.relative_to(SRC)}:{knoop.lineno} {knoop.module}")
                elif isinstance(knoop, ast.Import) and any(
                    a.name.startswith("resultaat") for a in knoop.names
                ):
                    overtredingen.append(f"{pad.relative_to(SRC)}:{knoop.lineno}")
    assert overtredingen == []


def test_no_source_module_is_a_god_file():
    lang = [
        f"{pad.relative_to(SRC)} ({n} regels)"
        for _naam, pad, _boom in _modules()
        if (n := pad.read_text(encoding="utf-8").count("\n")) > 800
    ]
    assert lang == []

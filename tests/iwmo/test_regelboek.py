"""The rule registry: every applicable iWmo 3.2 rule is checked or has a written reason, every rule we
check exists in the standard with the code the standard gives it, and docs/iwmo.md shows the table."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from resultaat.core.codes import WJ001Retourcode
from resultaat.iwmo.management.commands.iwmo_regelboek import lees_retourcodes
from resultaat.iwmo.regelboek import (
    BRONREGELS,
    REDEN,
    RETOURCODES,
    UITGAAND,
    UITWERKING,
    betekenis,
    tabel,
    waar,
)
from resultaat.iwmo.regels import REGELS

ROOT = Path(__file__).resolve().parents[2]
BRONNEN = ROOT.parent / "shared" / "iwmo-3.2" / "bronnen"
# Invulinstructies are not rules with a code; the one we check is IV034 (XsdVersie).
INVULINSTRUCTIES = {"IV034"}


def test_every_applicable_rule_is_checked_or_has_a_reason():
    zonder = [r for r in BRONREGELS if not waar(r) and not REDEN.get(r, "").strip()]
    assert zonder == []


def test_a_checked_rule_has_no_stale_reason():
    assert [r for r in REDEN if waar(r)] == []
    assert [r for r in REDEN if r not in BRONREGELS] == []


@pytest.mark.parametrize("regel", sorted(REGELS))
def test_a_checked_rule_exists_and_answers_with_its_official_code(regel):
    if regel in INVULINSTRUCTIES:
        assert REGELS[regel].retourcode == "0001"
        return
    assert regel in BRONREGELS, f"{regel} is geen regel van iWmo 3.2"
    officieel = BRONREGELS[regel].retourcode or "0001"
    assert REGELS[regel].retourcode == officieel


def test_a_worked_out_rule_is_a_checked_one():
    assert [r for r in UITWERKING if not waar(r)] == []


def test_the_table_says_how_tr321_is_counted_per_week():
    """The 6x rule for huishoudelijke hulp is TR321's own (its toelichting and IV077), answered 9321."""
    (rij,) = [r for r in tabel().splitlines() if r.startswith("| TR321 |")]
    assert "| 9321 |" in rij
    assert "IV077" in rij and "6x" in rij


def test_outgoing_checks_name_existing_rules():
    assert [r for r in UITGAAND if r not in BRONREGELS] == []
    # The gemeente's own answers (level 4) are checked where they are sent.
    assert [r for r, regel in REGELS.items() if regel.niveau == 4 and r not in UITGAAND] == []


def test_docs_show_the_generated_conformance_table():
    docs = (ROOT / "docs" / "iwmo.md").read_text(encoding="utf-8")
    assert tabel() in docs, "docs/iwmo.md: run manage.py iwmo_regelboek --tabel and paste the table"


def test_every_checked_rule_has_a_test_that_breaks_it():
    teksten = "".join(p.read_text(encoding="utf-8") for p in (ROOT / "tests" / "iwmo").glob("test_*.py"))
    genoemd = set(re.findall(r"\b(?:TR|CD|CS|IV)\d{3}\b", teksten.replace(Path(__file__).read_text(), "")))
    assert sorted(set(REGELS) - genoemd) == []


def test_every_code_we_answer_with_has_its_official_meaning():
    """Code list WJ001 (retourcodes.json, read from the bronnen): a code on screen says what it means."""
    assert [r for r in REGELS.values() if not betekenis(r.retourcode)] == []
    # The codes the gemeente's answers carry of their own (0200, 8001, ...) too.
    assert [c for c in WJ001Retourcode.values if c not in RETOURCODES] == []
    assert RETOURCODES["9019"] == "Het regiebericht kan niet gekoppeld worden aan een toewijzing."
    assert RETOURCODES["9369"].startswith("Budget is meegegeven")
    assert RETOURCODES["S329"] == "ProductCode ongeldig."
    # A code the list leaves out means what the rule that gives it says.
    assert "9355" not in RETOURCODES
    assert betekenis("9355") == BRONREGELS["TR355"].tekst


@pytest.mark.skipif(not BRONNEN.is_dir(), reason="the iWmo 3.2 bronnen are not beside the project")
def test_the_code_list_is_the_one_of_the_bronnen():
    assert lees_retourcodes(BRONNEN) == RETOURCODES

"""framework/duties.yaml: ictroles' concise duty layer over the 2005 framework.

The file holds, for every skill of framework.yaml at each of its levels A-D, one job
description duty, one person-specification criterion, an optional interview task and the ids
of the framework statements it draws on. These tests read both YAML files directly (no
package code), so they keep working while the package is restructured. They check that the
layer covers the framework exactly, cites real statements of the right cell, reads as duties,
uses current wording and does not copy the framework's own sentences.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from itertools import combinations
from pathlib import Path

import pytest
import yaml

FRAMEWORK_DIR = Path(__file__).resolve().parents[1] / "framework"
FRAMEWORK_YAML = FRAMEWORK_DIR / "framework.yaml"
DUTIES_YAML = FRAMEWORK_DIR / "duties.yaml"

LEVELS = ["A", "B", "C", "D"]
CELL_KEYS = {"duty", "criterion", "task", "draws_on"}
# A duty is something the post-holder does, never a knowledge statement.
KNOWLEDGE_OPENINGS = ("understand", "aware", "know", "confident", "expert", "be")
NEAR_COPY = 0.85
# Dated terms from the 2005 text that must not come back in ictroles' own wording.
DATED_ANY_CASE = [
    "floppy",
    "CD-ROM",
    "CD ROM",
    "Flash plug-in",
    "DfES",
    "backup tape",
    "backup tapes",
    "scandisk",
    "National Curriculum ICT",
]
DATED_EXACT_CASE = ["LEA", "OMR"]


def _load(path: Path) -> dict:
    with path.open(encoding="utf-8") as f:
        return yaml.safe_load(f)


FRAMEWORK = _load(FRAMEWORK_YAML)
DUTIES = _load(DUTIES_YAML)
SKILL_IDS = [skill["id"] for skill in FRAMEWORK["skills"]]
CELLS = [(skill_id, level) for skill_id in SKILL_IDS for level in LEVELS]

# statement id -> (skill id, level, text)
STATEMENTS = {
    st["id"]: (skill["id"], level, st["text"])
    for skill in FRAMEWORK["skills"]
    for level, facets in skill["levels"].items()
    for statements in facets.values()
    for st in statements
}
FRAMEWORK_TEXTS = [text.lower() for _, _, text in STATEMENTS.values()]


def _cell(skill_id: str, level: str) -> dict:
    return DUTIES["skills"][skill_id][level]


def _ratio(a: str, b: str) -> float:
    return SequenceMatcher(None, a.lower(), b.lower()).ratio()


def _near_copies(text: str, others: list[str]) -> list[str]:
    """The texts of ``others`` whose similarity ratio to ``text`` is at least NEAR_COPY.

    Compares lower-cased, as ``_ratio`` does; the cheap upper bounds skip most pairs quickly.
    """
    matcher = SequenceMatcher(None, text.lower())
    found = []
    for other in others:
        matcher.set_seq2(other.lower())
        # real_quick_ratio() >= quick_ratio() >= ratio(): test the cheap bounds first.
        if (
            matcher.real_quick_ratio() >= NEAR_COPY
            and matcher.quick_ratio() >= NEAR_COPY
            and matcher.ratio() >= NEAR_COPY
        ):
            found.append(other)
    return found


def _all_text() -> list[tuple[str, str]]:
    """(where, text) for every piece of prose ictroles wrote in duties.yaml."""
    found = [("description", DUTIES["description"])]
    for skill_id, level in CELLS:
        cell = _cell(skill_id, level)
        for key in ("duty", "criterion", "task"):
            if key in cell:
                found.append((f"{skill_id}.{level}.{key}", cell[key]))
    return found


def test_first_line_says_not_part_of_the_framework() -> None:
    first = DUTIES_YAML.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("#")
    assert "NOT PART OF THE 2005 FRAMEWORK" in first.upper()


def test_name_says_not_part_of_the_framework() -> None:
    assert "not part of the 2005 framework" in DUTIES["name"].lower()
    assert DUTIES["description"].strip()


def test_skills_match_the_framework_in_order() -> None:
    assert list(DUTIES["skills"]) == SKILL_IDS


@pytest.mark.parametrize("skill_id", SKILL_IDS)
def test_each_skill_has_exactly_levels_a_to_d(skill_id: str) -> None:
    assert list(DUTIES["skills"][skill_id]) == LEVELS


@pytest.mark.parametrize(("skill_id", "level"), CELLS)
def test_cell_has_duty_criterion_and_sources(skill_id: str, level: str) -> None:
    cell = _cell(skill_id, level)
    assert set(cell) <= CELL_KEYS, f"unexpected keys {set(cell) - CELL_KEYS}"
    for key in ("duty", "criterion"):
        assert isinstance(cell.get(key), str) and cell[key].strip(), f"{key} is empty"
    if "task" in cell:
        assert isinstance(cell["task"], str) and cell["task"].strip()
    assert isinstance(cell.get("draws_on"), list) and cell["draws_on"], "draws_on is empty"


@pytest.mark.parametrize(("skill_id", "level"), CELLS)
def test_cited_ids_belong_to_the_cell(skill_id: str, level: str) -> None:
    cited = _cell(skill_id, level)["draws_on"]
    assert len(cited) == len(set(cited)), "an id is cited twice"
    for statement_id in cited:
        assert statement_id in STATEMENTS, f"{statement_id} is not in framework.yaml"
        assert STATEMENTS[statement_id][:2] == (skill_id, level), (
            f"{statement_id} belongs to {STATEMENTS[statement_id][:2]}"
        )


@pytest.mark.parametrize(("skill_id", "level"), CELLS)
def test_cell_cites_activities_and_knowledge(skill_id: str, level: str) -> None:
    facets = {statement_id.split(".")[2][0] for statement_id in _cell(skill_id, level)["draws_on"]}
    assert {"A", "K"} <= facets


@pytest.mark.parametrize(("skill_id", "level"), CELLS)
def test_duty_is_not_a_knowledge_statement(skill_id: str, level: str) -> None:
    first_word = re.match(r"[A-Za-z]+", _cell(skill_id, level)["duty"]).group(0)
    assert first_word.lower() not in KNOWLEDGE_OPENINGS


@pytest.mark.parametrize(("skill_id", "level"), CELLS)
def test_duty_and_criterion_do_not_copy_the_framework(skill_id: str, level: str) -> None:
    cell = _cell(skill_id, level)
    for key in ("duty", "criterion"):
        assert _near_copies(cell[key], FRAMEWORK_TEXTS) == [], f"{key} copies the framework"


def test_no_two_duties_are_near_duplicates() -> None:
    duties = [(f"{s}.{lv}", _cell(s, lv)["duty"]) for s, lv in CELLS]
    close = [(a, b, round(_ratio(x, y), 2)) for (a, x), (b, y) in combinations(duties, 2) if _near_copies(x, [y])]
    assert close == []


@pytest.mark.parametrize("term", DATED_ANY_CASE)
def test_no_dated_term_any_case(term: str) -> None:
    pattern = re.compile(rf"\b{re.escape(term)}\b", re.IGNORECASE)
    assert [where for where, text in _all_text() if pattern.search(text)] == []


@pytest.mark.parametrize("term", DATED_EXACT_CASE)
def test_no_dated_term_exact_case(term: str) -> None:
    pattern = re.compile(rf"\b{re.escape(term)}\b")
    assert [where for where, text in _all_text() if pattern.search(text)] == []


def test_no_forced_password_changes() -> None:
    # NCSC no longer advises forcing regular password changes.
    pattern = re.compile(r"password\w*\s+(?:\w+\s+){0,3}regular|regular\w*\s+password", re.I)
    assert [where for where, text in _all_text() if pattern.search(text)] == []


def test_at_least_half_the_cells_have_a_task() -> None:
    with_task = [cell for cell in CELLS if "task" in _cell(*cell)]
    assert len(with_task) * 2 >= len(CELLS)

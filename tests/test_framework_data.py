"""The framework YAML is the source text, word for word, and `ictroles framework` shows it.

The source (framework/source/ict-competences-framework.txt) is parsed by tests/source_parser.py,
which shares no code with the YAML or the package, so a statement lost, moved to another
level or reworded in framework.yaml fails here.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from conftest import REPO, SOURCE_TEXT

from ictroles.framework.competences import FACETS, Framework, load_framework

sys.path.insert(0, str(Path(__file__).parent))
from source_parser import LEVELS, SourceFramework, parse_source

SKILLS = [
    ("desktop-application-support", "DA"),
    ("server-network-support", "SN"),
    ("health-safety", "HS"),
    ("configuration-installation", "CI"),
    ("continuity-maintenance-security", "CM"),
    ("support-request-management", "SR"),
    ("support-arrangements-contracts", "SC"),
    ("strategy-planning", "SP"),
    ("budget-people-management", "BP"),
    ("personal-ict-competences", "PC"),
    ("communication-skills", "CS"),
    ("educational-awareness", "EA"),
]
FRAMEWORK_YAML = REPO / "framework" / "framework.yaml"


@pytest.fixture(scope="module")
def source() -> SourceFramework:
    return parse_source(SOURCE_TEXT)


def _source_statements(source: SourceFramework) -> list[tuple[int, str, str, str]]:
    """(skill index, level, facet, text) for every statement of the source, in order."""
    return [
        (i, level, facet, text)
        for i, skill in enumerate(source.skills)
        for level in LEVELS
        for facet in FACETS
        for text in skill.cells[level].get(facet, [])
    ]


def _yaml_statements(framework: Framework) -> list[tuple[int, str, str, str]]:
    return [
        (i, level, facet, st.text)
        for i, skill in enumerate(framework.skills)
        for level in framework.level_ids
        for facet in FACETS
        for st in skill.levels[level].facet(facet)
    ]


# Fidelity to the source text


def test_every_source_statement_is_in_the_yaml_in_place_and_nothing_else(source, framework):
    from_source = _source_statements(source)
    from_yaml = _yaml_statements(framework)
    assert len(from_source) == 373
    assert from_yaml == from_source


def test_statement_ids_count_from_one_in_source_order(framework):
    codes = dict((sid, code) for sid, code in SKILLS)
    for skill in framework.skills:
        for level in framework.level_ids:
            for facet, letter in zip(FACETS, "AKE"):
                ids = [st.id for st in skill.levels[level].facet(facet)]
                assert ids == [f"{codes[skill.id]}.{level}.{letter}{n}" for n in range(1, len(ids) + 1)]
    assert len(framework.statements) == 373


def test_skill_ids_and_codes_in_order(framework):
    assert [(s.id, s.code) for s in framework.skills] == SKILLS


def test_skill_names_and_focus_areas_match_the_source(source, framework):
    assert [s.name for s in framework.skills] == [s.name for s in source.skills]
    focus_names = {f.id: f.name for f in framework.focus_areas}
    assert [focus_names[s.focus] for s in framework.skills] == [s.focus for s in source.skills]


def test_focus_areas_in_order(framework):
    assert [(f.id, f.name) for f in framework.focus_areas] == [
        ("technology", "Technology"),
        ("support", "Support"),
        ("development", "Development"),
        ("personal", "Personal"),
    ]


def test_levels_titles_and_descriptions(source, framework):
    assert [lv.id for lv in framework.levels] == ["A", "B", "C", "D"]
    assert [lv.title for lv in framework.levels] == [
        "Teaching Assistant",
        "ICT Technician",
        "Senior ICT Technician",
        "ICT Systems Manager Senior",
    ]
    for lv in framework.levels:
        assert lv.title == source.levels[lv.id]["title"]
        assert lv.description == source.levels[lv.id]["description"]


def test_skill_descriptions_equal_the_source(source, framework):
    for src, skill in zip(source.skills, framework.skills):
        assert skill.description.split("\n\n") == src.description, skill.id


def test_description_continued_across_the_page_is_whole(framework):
    desc = framework.skills_by_id["support-arrangements-contracts"].description
    assert desc.split("\n\n")[-1] == (
        "Aware of warranties, support contracts and contact details. "
        "Ensure warranties are appropriately used."
    )


@pytest.mark.parametrize(
    ("sid", "text"),
    [
        ("SN.C.A6", "Create network shares and manage access rights."),
        ("BP.A.K1", "School purchasing procedures."),
        ("BP.D.K1", "Aware of different forms of, and regulations on, tendering."),
        ("EA.D.E2", "Consider the implications on server load of 250 PCs logging in at the same time."),
    ],
)
def test_spot_checks_including_misaligned_rows(framework, sid, text):
    assert framework.statements[sid].statement.text == text


def test_misaligned_educational_awareness_example_lands_at_level_a(framework):
    ref = framework.statements["EA.A.E1"]
    assert (ref.skill.id, ref.level, ref.facet) == ("educational-awareness", "A", "examples")
    assert ref.statement.text.startswith("Note different requirements of curriculum")


def test_html_decoded_and_italics_gone():
    text = FRAMEWORK_YAML.read_text(encoding="utf-8")
    assert "&amp;" not in text and "&#" not in text
    assert "H&S" in text
    assert "in lieu" in text
    assert "<i>" not in text and "</i>" not in text and "<li>" not in text
    assert "\u2022" not in text  # bullets dropped


def test_source_copy_is_kept_with_its_origin():
    readme = (REPO / "framework" / "source" / "README.md").read_text(encoding="utf-8")
    assert "Becta" in readme and "2005" in readme and "e-skills UK" in readme


# `ictroles framework`


def test_framework_json_has_the_documented_shape(run):
    result = run("framework", "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert [lv["id"] for lv in data["levels"]] == ["A", "B", "C", "D"]
    for lv in data["levels"]:
        assert {"id", "title", "description"} <= set(lv)
    assert [f["id"] for f in data["focus_areas"]] == ["technology", "support", "development", "personal"]
    assert data["focus_areas"][0]["skills"] == [
        "desktop-application-support", "server-network-support", "health-safety"
    ]
    assert [s["id"] for s in data["skills"]] == [sid for sid, _ in SKILLS]
    total = 0
    for skill in data["skills"]:
        assert {"id", "code", "name", "focus", "description", "levels"} <= set(skill)
        assert list(skill["levels"]) == ["A", "B", "C", "D"]
        for cell in skill["levels"].values():
            for facet in FACETS:
                for st in cell[facet]:
                    assert set(st) == {"id", "text"}
                    total += 1
    assert total == 373
    sn_c = data["skills"][1]["levels"]["C"]["activities"]
    assert {"id": "SN.C.A6", "text": "Create network shares and manage access rights."} in sn_c


def test_framework_text_fits_80_columns(run):
    result = run("framework")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80
    assert any("SN.C.A6" in line for line in lines)


def test_framework_skill_and_level_filters(run):
    result = run("framework", "--skill", "health-safety", "--level", "B", "--format", "json")
    data = json.loads(result.stdout)
    assert [s["id"] for s in data["skills"]] == ["health-safety"]
    assert list(data["skills"][0]["levels"]) == ["B"]
    assert [lv["id"] for lv in data["levels"]] == ["B"]
    text = run("framework", "--skill", "health-safety", "--level", "B").stdout
    assert "HS.B.A1" in text
    assert "HS.A.A1" not in text and "SN." not in text


def test_framework_scheme_filter_shows_local_levels(run):
    data = json.loads(run("framework", "--scheme", "three", "--skill", "health-safety",
                          "--format", "json").stdout)
    assert [lv["id"] for lv in data["levels"]] == ["1", "2", "3"]
    assert data["skills"][0]["levels"]["1"]["native_levels"] == ["A", "B"]
    text = run("framework", "--scheme", "five", "--level", "4", "--skill", "server-network-support").stdout
    assert "Level 4" in text and "SN.D.A1" in text and "SN.C.A1" not in text


def test_framework_unknown_skill_is_a_clean_error_with_suggestion(run):
    result = run("framework", "--skill", "server-network")
    assert result.exit_code != 0
    assert "unknown skill 'server-network'" in result.output
    assert "did you mean 'server-network-support'?" in result.output
    assert "Traceback" not in result.output


def test_framework_unknown_level_is_a_clean_error(run):
    result = run("framework", "--level", "E")
    assert result.exit_code != 0
    assert "unknown level 'E'" in result.output and "A, B, C, D" in result.output


def test_framework_option_loads_another_framework_file(run, tmp_path):
    revised = tmp_path / "revised.yaml"
    revised.write_text(
        FRAMEWORK_YAML.read_text(encoding="utf-8").replace(
            "name: ICT Competences Framework", "name: Westshire ICT Competences"
        ),
        encoding="utf-8",
    )
    result = run("framework", "--framework", revised, "--skill", "health-safety")
    assert result.exit_code == 0
    assert result.stdout.startswith("Westshire ICT Competences")
    assert load_framework(revised).name == "Westshire ICT Competences"

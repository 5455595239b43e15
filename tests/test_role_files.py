"""Role files: every class of bad input gets a clear located message; good ones resolve right.

Bad-input tests run `ictroles validate` and check what a user reads: exit status 1, a line
``FILE:LINE: field: message`` and no traceback (CliRunner re-raises any uncaught exception
because the fixture passes catch_exceptions=False).
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from conftest import EXAMPLES, REPO

from ictroles.cli import cli
from ictroles.framework.competences import FACETS
from ictroles.roles.resolve import load_role


@pytest.fixture
def invalid(run):
    """Validate one file; assert it fails cleanly; return what the user reads."""

    def check(path: Path, *options: str) -> str:
        result = run("validate", *options, path)
        assert result.exit_code == 1, result.output
        assert "Traceback" not in result.output
        assert result.output.strip()
        return result.output

    return check


SKILL_WITH_ADD = """\
title: Technician
skills:
  health-safety:
    level: B
    add:
      activities:
        - {text}
"""


# Bad input, one test per class (issue 2, section 5)


def test_malformed_yaml_names_the_line(write, invalid):
    path = write("role.yaml", "title: Technician\nskills:\n  health-safety: [B\n  server-network-support: C\n")
    out = invalid(path)
    assert f"{path}:4: not valid YAML" in out


def test_empty_file(write, invalid):
    path = write("role.yaml", "")
    assert f"{path}: role file is empty" in invalid(path)
    only_comments = write("comments.yaml", "# nothing yet\n")
    assert f"{only_comments}: role file is empty" in invalid(only_comments)


def test_top_level_a_list(write, invalid):
    path = write("role.yaml", "- title: Technician\n- skills: {}\n")
    assert f"{path}:1: a role file must be a mapping of fields" in invalid(path)
    assert "not a list" in invalid(path)


def test_duplicate_keys_name_both_lines(write, invalid):
    path = write("role.yaml", "title: Technician\nschool: Greenfield\ntitle: Senior Technician\n")
    assert f"{path}:3: title: duplicate key 'title' (first at line 1)" in invalid(path)


def test_duplicate_skill_keys(write, invalid):
    path = write("role.yaml", "title: T\nskills:\n  health-safety: B\n  health-safety: C\n")
    assert f"{path}:4: skills.health-safety: duplicate key 'health-safety' (first at line 3)" in invalid(path)


def test_unknown_field_typo_is_named_with_a_suggestion(write, invalid):
    path = write("role.yaml", "title: Technician\nresponsable_to: Headteacher\n")
    out = invalid(path)
    assert f"{path}:2: responsable_to: unknown field" in out
    assert "did you mean 'responsible_to'?" in out


def test_unknown_nested_field_typo(write, invalid):
    path = write("role.yaml", "title: T\nskills:\n  health-safety:\n    level: B\n    exlude: [HS.B.A1]\n")
    out = invalid(path)
    assert f"{path}:5: skills.health-safety.exlude: unknown field; did you mean 'exclude'?" in out


def test_missing_title(write, invalid):
    path = write("role.yaml", "school: Greenfield\n")
    assert "title: required field is missing" in invalid(path)


def test_unknown_skill_did_you_mean(write, invalid):
    path = write("role.yaml", "title: T\nskills:\n  server-network: B\n")
    out = invalid(path)
    assert (
        f"{path}:3: skills.server-network: unknown skill 'server-network'; "
        "did you mean 'server-network-support'?"
    ) in out


def test_unknown_level(write, invalid):
    path = write("role.yaml", "title: T\nskills:\n  health-safety: E\n")
    out = invalid(path)
    assert f"{path}:3: skills.health-safety.level: level 'E' is not a level of scheme 'four'" in out
    assert "choose one of A, B, C, D" in out


def test_level_not_in_the_roles_scheme(write, invalid):
    path = write("role.yaml", "title: T\nscheme: three\nskills:\n  health-safety: C\n")
    out = invalid(path)
    assert f"{path}:4: skills.health-safety.level: level 'C' is not a level of scheme 'three'" in out
    assert "choose one of 1, 2, 3" in out


def test_unknown_statement_id_in_include_and_exclude(write, invalid):
    path = write(
        "role.yaml",
        "title: T\nskills:\n  health-safety:\n    level: B\n"
        "    include: [HS.C.A9]\n    exclude: [HS.B.A7, not-an-id]\n",
    )
    out = invalid(path)
    assert f"{path}:5: skills.health-safety.include[0]: no statement 'HS.C.A9' in the framework" in out
    assert f"{path}:6: skills.health-safety.exclude[0]: no statement 'HS.B.A7' in the framework" in out
    assert f"{path}:6: skills.health-safety.exclude[1]: 'not-an-id' is not a statement id" in out


def test_include_of_another_skills_statement(write, invalid):
    path = write("role.yaml", "title: T\nskills:\n  health-safety:\n    level: B\n    include: [SN.C.A6]\n")
    out = invalid(path)
    assert (
        f"{path}:5: skills.health-safety.include[0]: 'SN.C.A6' belongs to skill "
        "'server-network-support'"
    ) in out


def test_exclude_of_a_statement_not_in_the_level(write, invalid):
    path = write("role.yaml", "title: T\nskills:\n  health-safety:\n    level: B\n    exclude: [HS.C.A1]\n")
    assert f"{path}:5: skills.health-safety.exclude[0]: 'HS.C.A1' is not part of" in invalid(path)


def test_level_yes_is_not_a_boolean(write, invalid):
    path = write("role.yaml", "title: T\nskills:\n  health-safety:\n    level: yes\n")
    assert f"{path}:4: skills.health-safety.level: level 'yes' is not a level" in invalid(path)


def test_hours_per_week_not_a_number(write, invalid):
    path = write("role.yaml", "title: T\nhours_per_week: lots\n")
    out = invalid(path)
    assert f"{path}:2: hours_per_week: " in out and "(got 'lots')" in out


def test_skills_as_a_list(write, invalid):
    path = write("role.yaml", "title: T\nskills: [a]\n")
    out = invalid(path)
    assert f"{path}:2: skills: " in out and "(got a list)" in out


def test_boolean_field_rejects_text(write, invalid):
    path = write("role.yaml", "title: T\ntypical_tasks: perhaps\n")
    assert f"{path}:2: typical_tasks: " in invalid(path)


def test_implicit_typing_keeps_text_as_written(write, run):
    path = write("role.yaml", "title: T\nversion: 3.10\ngrade: 010\ncontact: no\n")
    result = run("show", path, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["version"] == "3.10"
    assert data["grade"] == "010"
    assert data["contact"] == "no"


def test_dates_not_iso_rejected_with_hint(write, invalid):
    path = write("role.yaml", "title: T\nclosing_date: 31/05/2027\n")
    out = invalid(path)
    assert f"{path}:2: closing_date: '31/05/2027' is not a date; write it as YYYY-MM-DD" in out


def test_control_character_raw_in_the_file(write, invalid):
    path = write("role.yaml", SKILL_WITH_ADD.format(text="Ring the \x07 bell."))
    out = invalid(path)
    assert f"{path}:7: skills.health-safety.add.activities[0]: contains the control character U+0007" in out


def test_control_character_escaped_in_a_double_quoted_string(write, invalid):
    path = write("role.yaml", SKILL_WITH_ADD.format(text='"Ring the \\x07 bell."'))
    assert "\\x07" in path.read_text()
    out = invalid(path)
    assert f"{path}:7: skills.health-safety.add.activities[0]: contains the control character U+0007" in out


def test_over_long_custom_statement(write, invalid):
    path = write("role.yaml", SKILL_WITH_ADD.format(text="x" * 5000))
    out = invalid(path)
    assert f"{path}:7: skills.health-safety.add.activities[0]: is 5000 characters long" in out


def test_missing_extends_target(write, invalid):
    path = write("role.yaml", "title: T\nextends: standard/technician.yaml\n")
    out = invalid(path)
    assert f"{path}:2: extends: the role file it extends, 'standard/technician.yaml', does not exist" in out


def test_circular_extends(write, invalid):
    a = write("a.yaml", "title: A\nextends: b.yaml\n")
    b = write("b.yaml", "title: B\nextends: a.yaml\n")
    out = invalid(a)
    assert f"{b}:2: extends: circular extends: a.yaml -> b.yaml -> a.yaml" in out


def test_extends_itself(write, invalid):
    a = write("a.yaml", "title: A\nextends: a.yaml\n")
    assert "extends: circular extends" in invalid(a)


def test_missing_scheme_file(write, invalid):
    path = write("role.yaml", "title: T\nscheme: local-levels.yaml\n")
    out = invalid(path)
    assert f"{path}:2: scheme: scheme file not found" in out
    assert "local-levels.yaml" in out


def test_unknown_scheme_name(write, invalid):
    path = write("role.yaml", "title: T\nscheme: fours\n")
    out = invalid(path)
    assert f"{path}:2: scheme: unknown scheme 'fours'" in out and "did you mean 'four'?" in out


def test_invalid_scheme_file(write, invalid):
    scheme = write("local.yaml", "name: local\ntitle: Local\nlevels: []\n")
    path = write("role.yaml", "title: T\nscheme: local.yaml\n")
    out = invalid(path)
    assert f"{scheme}:1: rationale: required field is missing" in out


def test_missing_framework_file(write, invalid, tmp_path):
    path = write("role.yaml", "title: T\n")
    out = invalid(path, "--framework", str(tmp_path / "revised-framework.yaml"))
    assert "revised-framework.yaml: framework file not found" in out


def test_invalid_framework_file(write, invalid):
    fw = write("framework.yaml", "name: Local framework\nlevels: []\nfocus_areas: []\n")
    path = write("role.yaml", "title: T\n")
    out = invalid(path, "--framework", str(fw))
    assert f"{fw}:1: skills: required field is missing" in out


def test_unreadable_file_a_folder(tmp_path, invalid):
    folder = tmp_path / "role.yaml"
    folder.mkdir()
    # validate takes folders of role files; this one holds none.
    assert f"{folder}: folder has no role files" in invalid(folder)
    shown = CliRunner().invoke(cli, ["show", str(folder)])
    assert shown.exit_code == 1 and f"{folder}: is a folder, not a role file" in shown.output


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0,
                    reason="permissions do not stop root (CI); the folder case covers unreadable files")
def test_unreadable_file_no_permission(write, invalid):
    path = write("role.yaml", "title: T\n")
    path.chmod(0)
    try:
        assert f"{path}: cannot read role file: permission denied" in invalid(path)
    finally:
        path.chmod(0o644)


def test_missing_role_file(tmp_path, invalid):
    assert "role file not found" in invalid(tmp_path / "nowhere.yaml")


def test_alias_bomb_fails_fast(write, invalid):
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi"):
        lines.append(f"{name}: &{name} [{', '.join(['*' + prev] * 9)}]")
    path = write("role.yaml", "\n".join(lines) + "\ntitle: T\n")
    out = invalid(path)
    assert f"{path}:2: YAML aliases (*name) are not allowed" in out


def test_yaml_tags_are_refused_not_run(write, invalid, tmp_path):
    marker = tmp_path / "ran"
    path = write("role.yaml", f"title: !!python/object/apply:os.system ['touch {marker}']\n")
    out = invalid(path)
    assert f"{path}:1: title: YAML tags such as '!!python/object/apply:os.system' are not allowed" in out
    assert not marker.exists()


def test_extends_must_name_a_yaml_file(write, invalid):
    write("notes.txt", "title: T\n")
    path = write("role.yaml", "title: T\nextends: notes.txt\n")
    assert f"{path}:2: extends: 'notes.txt' is not a role file" in invalid(path)


def test_binary_file(tmp_path, invalid):
    path = tmp_path / "role.yaml"
    path.write_bytes(b"title: T\n\x00\x01\x02\xff\xfe")
    assert f"{path}: is a binary file" in invalid(path)


def test_not_utf8(tmp_path, invalid):
    path = tmp_path / "role.yaml"
    path.write_bytes("title: Technicien\nschool: \u00c9cole\n".encode("latin-1"))
    assert f"{path}:2: is not UTF-8 text" in invalid(path)


def test_two_megabyte_file_rejected_by_size(tmp_path, invalid):
    path = tmp_path / "role.yaml"
    path.write_text("title: T\n" + ("# " + "x" * 98 + "\n") * 21_000, encoding="utf-8")
    assert path.stat().st_size > 2_000_000
    out = invalid(path)
    assert f"{path}: is 2.1 MB; a role file may be at most 1 MB" in out


def test_all_problems_reported_at_once(write, invalid):
    path = write(
        "role.yaml",
        """\
        title: Technician
        responsable_to: Headteacher
        closing_date: 31/05/2027
        skills:
          server-network: B
          health-safety: C
        """,
    )
    out = invalid(path)
    problems = [line for line in out.splitlines() if line.startswith(f"{path}:")]
    assert [p.split(":")[1] for p in problems] == ["2", "3", "5"]
    assert len(out.strip().splitlines()) == 3


def test_several_files_each_reported(write, run):
    good = write("good.yaml", "title: T\nskills:\n  health-safety: B\n")
    bad = write("bad.yaml", "title: T\nskills:\n  health-safty: B\n")
    result = run("validate", good, bad)
    assert result.exit_code == 1
    assert f"{good}: valid" in result.output
    assert f"{bad}:3: skills.health-safty: unknown skill" in result.output


# Resolution


def test_level_labels_as_numbers_or_strings(write, framework):
    path = write(
        "role.yaml",
        "title: T\nscheme: three\nskills:\n  health-safety: 1\n  communication-skills: '2'\n"
        "  strategy-planning:\n    level: 3\n",
    )
    role = load_role(path, framework)
    assert [(s.id, s.level, s.native_levels) for s in role.skills] == [
        ("health-safety", "1", ("A", "B")),
        ("strategy-planning", "3", ("D",)),
        ("communication-skills", "2", ("C",)),
    ]


def test_include_exclude_add_give_origins_and_ids(write, framework):
    path = write(
        "role.yaml",
        """\
        title: T
        skills:
          server-network-support:
            level: B
            include: [SN.C.A6]
            exclude: [SN.B.A1]
            add:
              activities: [Look after the school's wireless access points.]
              knowledge: [Wi-Fi standards., Microsoft 365 administration.]
        """,
    )
    role = load_role(path, framework)
    sn = role.skill("server-network-support")
    activities = [(st.id, st.origin) for st in sn.activities]
    assert ("SN.B.A1", "framework") not in activities
    assert activities[0] == ("SN.B.A2", "framework")
    assert ("SN.C.A6", "included") in activities
    assert activities[-1] == ("SN.custom.A1", "custom")
    assert sn.activities[-1].text == "Look after the school's wireless access points."
    assert [(st.id, st.origin) for st in sn.knowledge][-2:] == [
        ("SN.custom.K1", "custom"),
        ("SN.custom.K2", "custom"),
    ]
    included = next(st for st in sn.activities if st.id == "SN.C.A6")
    assert included.text == "Create network shares and manage access rights."
    assert included.native_level == "C"


def test_skills_come_out_in_framework_order(write, framework):
    path = write("role.yaml", "title: T\nskills:\n  educational-awareness: A\n  desktop-application-support: B\n")
    role = load_role(path, framework)
    assert [s.id for s in role.skills] == ["desktop-application-support", "educational-awareness"]
    assert [area.id for area, _ in role.by_focus] == ["technology", "personal"]


def test_extends_merges_fields_and_skills(write, framework):
    write(
        "council/standard.yaml",
        """\
        title: ICT Technician
        grade: Grade 5
        responsible_to: Headteacher
        skills:
          health-safety: B
          server-network-support: B
          support-arrangements-contracts: B
        """,
    )
    school = write(
        "school.yaml",
        """\
        extends: council/standard.yaml
        school: Greenfield School
        responsible_to: School Business Manager
        skills:
          server-network-support: C
          support-arrangements-contracts: null
          strategy-planning: A
        """,
    )
    role = load_role(school, framework)
    assert role.title == "ICT Technician"
    assert role.spec.grade == "Grade 5"
    assert role.spec.school == "Greenfield School"
    assert role.spec.responsible_to == "School Business Manager"
    assert [(s.id, s.level) for s in role.skills] == [
        ("server-network-support", "C"),
        ("health-safety", "B"),
        ("strategy-planning", "A"),
    ]


def test_extends_paths_resolve_relative_to_their_own_file(write, framework):
    levels = (
        "name: council\ntitle: Council levels\nrationale: Ours.\nlevels:\n"
        '  - {label: Support, title: Support, description: d, draws_on: [A, B]}\n'
        '  - {label: Lead, title: Lead, description: d, draws_on: [C, D]}\n'
    )
    write("council/levels.yaml", levels)
    write("council/standard.yaml", "title: Technician\nscheme: levels.yaml\nskills:\n  health-safety: Support\n")
    school = write("school.yaml", "extends: council/standard.yaml\nskills:\n  strategy-planning: Lead\n")
    role = load_role(school, framework)
    assert role.scheme.name == "council"
    assert [(s.id, s.native_levels) for s in role.skills] == [
        ("health-safety", ("A", "B")),
        ("strategy-planning", ("C", "D")),
    ]


def test_extends_problem_is_reported_in_the_file_that_has_it(write, invalid):
    parent = write("council/standard.yaml", "title: Technician\nskills:\n  health-safety: B\n  server-network: B\n")
    child = write("school.yaml", "extends: council/standard.yaml\nschool: Greenfield\n")
    out = invalid(child)
    assert f"{parent.resolve()}:4: skills.server-network: unknown skill" in out


def test_next_level_knowledge_is_the_level_above(write, framework):
    path = write("role.yaml", "title: T\nskills:\n  server-network-support: B\n")
    sn = load_role(path, framework).skill("server-network-support")
    expected = [st.id for st in framework.skills_by_id["server-network-support"].levels["C"].knowledge]
    assert [st.id for st in sn.next_level_knowledge] == expected
    assert sn.next_level == "C" and sn.next_level_title == "Senior ICT Technician"


def test_top_level_has_no_next_level(write, framework):
    path = write("role.yaml", "title: T\nskills:\n  server-network-support: D\n")
    sn = load_role(path, framework).skill("server-network-support")
    assert sn.next_level is None and sn.next_level_knowledge == ()


def test_part_time_term_time_actual_pay(framework):
    role = load_role(EXAMPLES / "primary-teaching-assistant.yaml", framework)
    expected = 24404 * 25 / 37 * 44.2 / 52.143
    assert round(role.pay.actual_from) == round(expected) == 13977
    assert role.pay.fte_from == 24404
    assert role.pay.pro_rata


def test_full_time_all_year_pay_equals_fte(write, framework):
    path = write("role.yaml", "title: T\nsalary:\n  fte: 30000\n  fte_to: 32000\n")
    pay = load_role(path, framework).pay
    assert (round(pay.actual_from), round(pay.actual_to)) == (30000, 32000)
    assert not pay.pro_rata


def test_show_json_shape(run):
    result = run("show", EXAMPLES / "primary-teaching-assistant.yaml", "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["title"] == "Teaching Assistant (ICT)"
    assert data["scheme"] == "four"
    assert data["school"] == "St Mary's C of E Primary School"
    assert data["closing_date"] == "2027-06-11"
    assert data["hours_per_week"] == 25
    assert round(data["pay"]["actual_from"]) == 13977
    for skill in data["skills"]:
        assert {"id", "name", "level", "native_levels", "statements"} <= set(skill)
        assert list(skill["statements"]) == list(FACETS)
        for facet in FACETS:
            for st in skill["statements"][facet]:
                assert {"id", "text", "origin"} <= set(st)
    sn = next(s for s in data["skills"] if s["id"] == "server-network-support")
    assert "SN.A.A3" not in [st["id"] for st in sn["statements"]["activities"]]
    ea = next(s for s in data["skills"] if s["id"] == "educational-awareness")
    assert {"id": "EA.B.K2", "origin": "included"}.items() <= ea["statements"]["knowledge"][-1].items()


def test_show_text_fits_80_columns(run):
    for path in sorted(EXAMPLES.glob("*.yaml")):
        result = run("show", path)
        assert result.exit_code == 0, path
        assert max(len(line) for line in result.stdout.splitlines()) <= 80, path


def _role_files() -> list[Path]:
    """Every example that is a role file (top-level title and skills), at any depth."""
    found = []
    for path in sorted(EXAMPLES.rglob("*.y*ml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if isinstance(data, dict) and "skills" in data and ("title" in data or "extends" in data):
            found.append(path)
    return found


def test_examples_include_the_promised_roles():
    names = {p.relative_to(EXAMPLES).as_posix() for p in _role_files()}
    assert {
        "ict-technician.yaml",
        "primary-teaching-assistant.yaml",
        "three-level-technician.yaml",
        "five-level-network-manager.yaml",
        "school-extends-standard.yaml",
    } <= names
    assert len(names) >= 7


@pytest.mark.parametrize("path", _role_files(), ids=lambda p: p.relative_to(EXAMPLES).as_posix())
def test_every_example_validates(run, path):
    result = run("validate", path)
    assert result.exit_code == 0, result.output
    assert result.output.strip() == f"{path}: valid"


def test_examples_validate_from_another_folder(run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copytree(EXAMPLES, tmp_path / "copy")
    result = run("validate", "copy/school-extends-standard.yaml")
    assert result.exit_code == 0, result.output
    assert (REPO / "examples").is_dir()


def test_the_documented_example_role_file_is_valid(tmp_path, run):
    """docs/role-file.md's complete example must stay a valid role file."""
    doc = (REPO / "docs" / "role-file.md").read_text(encoding="utf-8")
    example = doc.split("```yaml\n", 1)[1].split("```", 1)[0]
    path = tmp_path / "documented.yaml"
    path.write_text(example, encoding="utf-8")
    result = run("show", path, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["title"] == "ICT Technician"
    assert len(data["skills"]) == 10
    comms = next(s for s in data["skills"] if s["id"] == "communication-skills")
    assert comms["statements"]["activities"][-1]["id"] == "CS.custom.A1"

"""Validation speaks to people who do not write code: plain messages, located, all at once."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from ictroles.cli import cli
from ictroles.roles.resolve import load_role


def validate(path: Path) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["validate", str(path)])
    assert "Traceback" not in result.output
    return result.exit_code, result.output


def test_every_problem_is_reported_at_once_with_its_line(tmp_path):
    role = tmp_path / "role.yaml"
    role.write_text(
        "title: X\n"
        "salary: {fte: 26409, fte_to: 20000}\n"
        "hours_per_week: 40\n"
        "weeks_per_year: 39\n"
        "paid_weeks: 30\n"
        "key_duties: [DA.C.A1]\n"
        "foo: 1\n"
        "skills:\n"
        "  health-safety:\n"
        "  desktop-application-support: B\n"
    )
    code, out = validate(role)
    assert code == 1
    lines = out.strip().splitlines()
    assert f"{role}:2: salary.fte_to: is below fte (26409)" in lines[0]
    assert f"{role}:3: hours_per_week: (40) is more than full_time_hours (37)" in lines[1]
    assert f"{role}:5: paid_weeks: (30) cannot be fewer than weeks_per_year (39)" in lines[2]
    assert f"{role}:6: key_duties[0]: 'DA.C.A1' is not one of this role's skills, standards or Activities" in lines[3]
    assert f"{role}:7: foo: unknown field" in lines[4]
    assert f"{role}:9: skills.health-safety: no level given" in lines[5]
    assert len(lines) == 6


def test_a_skill_without_a_level_is_not_silently_dropped(tmp_path):
    role = tmp_path / "role.yaml"
    role.write_text("title: X\nskills:\n  health-safety:\n")
    code, out = validate(role)
    assert code == 1
    assert "role.yaml:3: skills.health-safety: no level given; write one, e.g. 'health-safety: B'" in out


def test_null_still_removes_a_parents_skill_in_a_file_that_extends(tmp_path):
    (tmp_path / "base.yaml").write_text("title: Base\nskills: {health-safety: B, desktop-application-support: B}\n")
    child = tmp_path / "child.yaml"
    child.write_text("extends: base.yaml\nskills:\n  health-safety: null\n")
    assert [s.id for s in load_role(child).skills] == ["desktop-application-support"]


def test_salaries_and_choices_as_people_type_them(tmp_path):
    role = tmp_path / "role.yaml"
    role.write_text(
        "title: X\n"
        "salary: {fte: '£26,409', fte_to: '28,163.00'}\n"
        "contract: Permanent\n"
        "safer_recruitment: Wales\n"
        "skills: {health-safety: B}\n"
    )
    resolved = load_role(role)
    assert resolved.pay.fte_from == 26409 and resolved.pay.fte_to == 28163
    assert resolved.spec.contract.value == "permanent"
    assert resolved.spec.safer_recruitment == "wales"


@pytest.mark.parametrize("amount", ["lots", "nan", "inf", "\uff12\uff16\uff14\uff10\uff19"])
def test_a_salary_that_is_not_an_amount_is_named(tmp_path, amount):
    role = tmp_path / "role.yaml"
    role.write_text(f"title: X\nsalary: {{fte: '{amount}'}}\nskills: {{health-safety: B}}\n", encoding="utf-8")
    code, out = validate(role)
    assert code == 1
    assert f"role.yaml:2: salary.fte: '{amount}' is not an amount; write the yearly pay in pounds" in out


def test_a_lower_case_level_is_that_level(tmp_path):
    # Levels are accepted in any case (issue 16, item 13); an unknown one still gets a hint.
    role = tmp_path / "role.yaml"
    role.write_text("title: X\nskills:\n  health-safety: c\n")
    code, out = validate(role)
    assert code == 0
    role.write_text("title: X\nskills:\n  health-safety: e\n")
    code, out = validate(role)
    assert code == 1
    assert "level 'e' is not a level of scheme 'four'; choose one of A, B, C, D" in out


def test_plain_words_instead_of_library_jargon(tmp_path):
    role = tmp_path / "role.yaml"
    role.write_text("title: X\nhours_per_week: lots\nweeks_per_year: 60\nskills: [a]\n")
    code, out = validate(role)
    assert code == 1
    assert "hours_per_week: should be a number, e.g. 37 or 26409 (got 'lots')" in out
    assert "weeks_per_year: must be at most 52.143 (got 60)" in out
    assert "skills: should be a set of 'name: value' lines indented under it (got a list)" in out
    assert "Input should be" not in out


def test_yaml_mistakes_come_with_advice(tmp_path):
    tabs = tmp_path / "tabs.yaml"
    tabs.write_text("title: X\n\tschool: Y\n")
    colon = tmp_path / "colon.yaml"
    colon.write_text("title: X\npurpose: Support: the core\n")
    assert "tabs.yaml:2:" in validate(tabs)[1] and "use spaces, not tabs" in validate(tabs)[1]
    out = validate(colon)[1]
    assert "colon.yaml:2:" in out and "must be in quotes" in out


def test_a_grades_file_given_as_a_role_says_what_it_is(tmp_path):
    grades = tmp_path / "grades.yaml"
    grades.write_text("authority: Westshire\ngrades:\n  - name: Grade 4\n")
    code, out = validate(grades)
    assert code == 1
    assert "grades.yaml:2: this is a grades file (it has 'grades:'), not a role file" in out

"""Indicative grades: the Westshire example, the flags, the report workbook and bad grades files."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from conftest import EXAMPLES

from ictroles.authority.grades import grade_roles, load_grades
from ictroles.roles.resolve import load_role

AUTHORITY = EXAMPLES / "authority"
SCHOOLS = AUTHORITY / "schools"
GRADES = AUTHORITY / "grades.yaml"


@pytest.fixture(scope="module")
def results(framework):
    grades = load_grades(GRADES, framework)
    roles = [load_role(p, framework) for p in sorted(SCHOOLS.glob("*.yaml"))]
    return {r.role.source.name: r for r in grade_roles(roles, grades)}


# file -> (best-fitting grade, (inside, above, below) for that grade, skills in the role)
EXPECTED = {
    "ashdown-primary-teaching-assistant.yaml": ("Westshire Grade 3", (6, 0, 0), 6),
    "ashdown-primary-ict-technician.yaml": ("Westshire Grade 5", (10, 0, 0), 10),
    "brookfield-academy-ict-technician.yaml": ("Westshire Grade 5", (10, 0, 0), 10),
    "castlegate-primary-ict-technician.yaml": ("Westshire Grade 5", (10, 0, 0), 10),
    "dunmore-high-senior-ict-technician.yaml": ("Westshire Grade 6", (12, 0, 0), 12),
    "eastbrook-college-network-manager.yaml": ("Westshire Grade 8", (12, 0, 0), 12),
    "fernhill-primary-ict-technician.yaml": ("Westshire Grade 5", (8, 2, 0), 10),
    "glenside-school-ict-lead.yaml": ("Westshire Grade 6", (8, 1, 1), 10),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_example_role_gets_its_grade_and_reason(results, name):
    grade, counts, n = EXPECTED[name]
    r = results[name]
    assert r.best.grade == grade
    assert r.best.counts == counts
    assert r.majority
    assert r.reason().startswith(f"{counts[0]} of {n} skills sit inside its ranges "
                                 f"({counts[1]} above, {counts[2]} below)")


def test_all_example_roles_are_graded(results):
    assert set(results) == set(EXPECTED)


def test_fernhill_is_flagged_as_possibly_over_graded(results):
    r = results["fernhill-primary-ict-technician.yaml"]
    assert r.declared_grade == "Westshire Grade 6"
    [flag] = [f for f in r.flags if f.kind == "over-graded"]
    assert "declares Westshire Grade 6, but its levels fit Westshire Grade 5" in flag.message
    assert "Westshire Grade 6 holds 5 of 10 skills, 0 above, 5 below" in flag.message


def test_castlegate_three_level_role_is_under_graded_and_inconsistent_with_brookfield(results):
    castle = results["castlegate-primary-ict-technician.yaml"]
    brook = results["brookfield-academy-ict-technician.yaml"]
    # Three-level "1" draws on A+B and counts as B; "2" is C: the same levels as Brookfield.
    assert castle.levels == brook.levels
    assert castle.declared == "Grade 4" and castle.declared_grade == "Westshire Grade 4"
    assert [f.kind for f in castle.flags] == ["under-graded", "consistency"]
    assert "Brookfield Academy" in castle.flags[1].message
    assert "which declares Westshire Grade 5" in castle.flags[1].message
    assert [f.kind for f in brook.flags] == ["consistency"]
    assert "Castlegate Primary Federation" in brook.flags[0].message


def test_glenside_spans_a_to_d_and_gets_a_spread_flag(results):
    r = results["glenside-school-ict-lead.yaml"]
    [flag] = r.flags
    assert flag.kind == "spread"
    assert "4 consecutive levels (A to D), more than 3" in flag.message
    assert "Desktop & Application Support at A" in flag.message
    assert "Strategy & Planning at D" in flag.message


@pytest.mark.parametrize("name", [
    "ashdown-primary-teaching-assistant.yaml", "ashdown-primary-ict-technician.yaml",
    "dunmore-high-senior-ict-technician.yaml", "eastbrook-college-network-manager.yaml",
])
def test_roles_that_fit_their_declared_grade_have_no_flags(results, name):
    r = results[name]
    assert r.declared_grade == r.best.grade
    assert r.flags == ()


def test_the_standard_role_library_fits_its_own_grades(run):
    result = run("grade", AUTHORITY / "standard-roles", "--grades", GRADES, "--format", "json")
    data = json.loads(result.output)
    assert {r["title"]: (r["best_fit"], r["declared_grade"]) for r in data["roles"]} == {
        "ICT Technician": ("Westshire Grade 5", "Westshire Grade 5"),
        "ICT Network Manager": ("Westshire Grade 8", "Westshire Grade 8"),
        "Senior ICT Technician": ("Westshire Grade 6", "Westshire Grade 6"),
        "Teaching Assistant (ICT)": ("Westshire Grade 3", "Westshire Grade 3"),
    }


def test_grade_text_says_it_is_indicative_and_fits_80_columns(run):
    result = run("grade", SCHOOLS, "--grades", GRADES)
    assert result.exit_code == 0  # flags are findings, not errors
    text = result.output
    assert "Indicative only" in text
    assert "Local job evaluation decides a post's grade." in " ".join(text.split())
    assert "Best fit: Westshire Grade 5: 8 of 10 skills sit inside its ranges" in text
    assert "! possibly over-graded: declares Westshire Grade 6" in text
    assert "Declared: Grade 4 (= Westshire Grade 4; differs from the best fit)" in text
    assert ("8 roles: 6 agree with their declared grade, 1 possibly over-graded, 1 possibly "
            "under-graded, 1 spread flag(s), 2 consistency flag(s).") in " ".join(text.split())
    assert max(len(line) for line in text.splitlines()) <= 80


def test_grade_json_parses_with_counts_per_grade(run):
    result = run("grade", SCHOOLS / "fernhill-primary-ict-technician.yaml", "--grades", GRADES,
                 "--format", "json")
    data = json.loads(result.output)
    assert "Local job evaluation decides" in data["indicative"]
    [role] = data["roles"]
    assert role["best_fit"] == "Westshire Grade 5"
    fits = {f["grade"]: (f["inside"], f["above"], f["below"]) for f in role["fits"]}
    assert fits["Westshire Grade 5"] == (8, 2, 0)
    assert fits["Westshire Grade 6"] == (5, 0, 5)
    g5 = next(f for f in role["fits"] if f["grade"] == "Westshire Grade 5")
    assert sorted(g5["above_skills"]) == ["configuration-installation", "support-request-management"]
    assert [f["kind"] for f in role["flags"]] == ["over-graded"]


def test_grade_workbook_reads_back_with_values_and_fills(run, tmp_path):
    out = tmp_path / "report.xlsx"
    result = run("grade", SCHOOLS, "--grades", GRADES, "-o", out)
    assert result.exit_code == 0, result.output
    wb = openpyxl.load_workbook(out)
    ws = wb["Indicative grades"]
    assert "Local job evaluation decides" in ws["A2"].value
    assert [c.value for c in ws[4]][:5] == ["Role", "School", "File", "Declared grade", "Best fit"]
    rows = {ws.cell(r, 3).value: r for r in range(5, ws.max_row + 1)}
    fern = rows["fernhill-primary-ict-technician.yaml"]
    assert ws.cell(fern, 4).value == "Westshire Grade 6"
    assert ws.cell(fern, 4).fill.fgColor.rgb.endswith("FFEB9C")  # amber: differs
    assert ws.cell(fern, 5).value == "Westshire Grade 5"
    assert [ws.cell(fern, c).value for c in (6, 7, 8)] == [8, 2, 0]
    assert "possibly over-graded" in ws.cell(fern, 10).value
    dun = rows["dunmore-high-senior-ict-technician.yaml"]
    assert ws.cell(dun, 4).fill.fgColor.rgb.endswith("C6EFCE")  # green: agrees
    fit = wb["Fit by grade"]
    assert fit.cell(3, 3).value.startswith("Westshire Grade 3")
    fern_fit = next(r for r in range(4, fit.max_row + 1)
                    if fit.cell(r, 2).value == "fernhill-primary-ict-technician.yaml")
    assert fit.cell(fern_fit, 5).value == "8 in / 2 above / 0 below"
    assert fit.cell(fern_fit, 5).fill.fgColor.rgb.endswith("C6EFCE")


def test_formula_like_text_stays_text_in_the_workbook(run, write, tmp_path):
    role = write("roles/r.yaml", """
        title: "=HYPERLINK(\\"http://x\\",\\"click\\")"
        school: "+44 school"
        grade: "@grade"
        skills:
          desktop-application-support: B
    """)
    out = tmp_path / "g.xlsx"
    run("grade", role, "--grades", GRADES, "-o", out)
    ws = openpyxl.load_workbook(out)["Indicative grades"]
    assert ws["A5"].value == '=HYPERLINK("http://x","click")'
    assert ws["A5"].data_type == "s"
    assert ws["B5"].value == "+44 school" and ws["B5"].data_type == "s"
    assert ws["D5"].value == "@grade"
    assert ws["A5"].quotePrefix and ws["B5"].quotePrefix and ws["D5"].quotePrefix  # stays text when edited


def _grades_file(write, body: str) -> Path:
    return write("grades.yaml", body)


def test_grades_file_in_the_roles_folder_is_skipped(run, write):
    write("roles/tech.yaml", """
        title: Tech
        grade: Grade 5
        skills: {desktop-application-support: B}
    """)
    grades = write("roles/grades.yaml", GRADES.read_text(encoding="utf-8"))
    result = run("grade", grades.parent, "--grades", grades, "--format", "json")
    assert result.exit_code == 0, result.output
    assert [r["title"] for r in json.loads(result.output)["roles"]] == ["Tech"]


def test_ties_prefer_closer_then_narrower_ranges(framework, write):
    grades = load_grades(write("g.yaml", """
        grades:
          - name: Broad
            levels: {default: A-C}
          - name: Exact
            levels: {default: B}
    """), framework)
    role = load_role(write("r.yaml", """
        title: Tech
        skills: {desktop-application-support: B, health-safety: B}
    """), framework)
    [r] = grade_roles([role], grades)
    assert r.best.grade == "Exact"
    assert r.tied_with == ("Broad",)
    assert "Broad hold as many" in r.reason()


def test_no_majority_and_unknown_declared_grade_are_flagged(framework, write):
    role = load_role(write("r.yaml", """
        title: Odd post
        grade: Band Z
        skills:
          desktop-application-support: A
          server-network-support: B
          health-safety: C
          strategy-planning: D
    """), framework)
    [r] = grade_roles([role], load_grades(GRADES, framework))
    kinds = [f.kind for f in r.flags]
    assert "no-majority" in kinds
    assert "unknown-grade" in kinds
    assert "spread" in kinds
    assert not r.majority


BAD_GRADES = [
    # (file text, expected "line: field: message" fragment)
    ("grades:\n  - name: G1\n    levels:\n      default: B\n      skills:\n        desktop-aplication-support: C\n",
     ":6: grades[0].levels.skills.desktop-aplication-support: unknown skill 'desktop-aplication-support'"),
    ("grades:\n  - name: G1\n    levels:\n      default: E\n",
     ":4: grades[0].levels.default: unknown level 'E'"),
    ("grades:\n  - name: G1\n    levels:\n      default: C-B\n",
     ":4: grades[0].levels.default: 'C-B' runs downwards"),
    ("grades:\n  - name: G1\n    levels:\n      default: B\n      focus:\n        tech: C\n",
     ":6: grades[0].levels.focus.tech: unknown focus area 'tech'"),
    ("grades:\n  - name: G1\n    levels:\n      focus: {technology: B}\n",
     ":3: grades[0].levels.default: required field is missing"),
    ("grades:\n  - name: G1\n    level:\n      default: B\n",
     ":3: grades[0].level: unknown field"),
    ("grades:\n  - name: G1\n    levels: {default: B}\n  - name: g1\n    levels: {default: C}\n",
     ":4: grades[1].name: 'g1' already names grade 1"),
    ("grades: []\n", ":1: grades: must have at least 1 item"),
]


@pytest.mark.parametrize("text,expected", BAD_GRADES)
def test_bad_grades_file_is_reported_with_file_line_and_field(run, write, text, expected):
    grades = write("bad-grades.yaml", text)
    result = run("grade", SCHOOLS / "glenside-school-ict-lead.yaml", "--grades", grades)
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert f"{grades}{expected}" in result.output


def test_bad_role_file_exits_1_naming_it(run, write):
    role = write("r.yaml", "title: T\nskills:\n  desktop-application-support: Q\n")
    result = run("grade", role, "--grades", GRADES)
    assert result.exit_code == 1
    assert f"{role}:3: skills.desktop-application-support.level: level 'Q'" in result.output

"""Local authority workflows (issue 16, items 7-13): folders of many schools' roles checked,
compared and covered school by school; stricter inheritance; the guides with the package;
any-case ids. Each test looks at what a user sees: output text, JSON, workbooks read back."""

from __future__ import annotations

import json
import random
import shutil
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from conftest import EXAMPLES, REPO

from ictroles.cli import COMMANDS, cli

AUTHORITY = EXAMPLES / "authority"
SCHOOLS = AUTHORITY / "schools"
STANDARD = AUTHORITY / "standard-roles"
TECH = STANDARD / "ict-technician.yaml"


def split_run(*args: str | Path) -> tuple[int, str, str]:
    """Run ictroles with stdout and stderr apart: (exit code, stdout, stderr)."""
    result = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def school_role(write, name: str, body: str, parent: Path = TECH) -> Path:
    return write(name, f"extends: {parent}\n" + body)


# --- 7. validate and lint over files and folders -----------------------------------------


def test_validate_a_folder_ends_with_one_summary(write, tmp_path):
    school_role(write, "roles/a.yaml", "school: A School\n")
    school_role(write, "roles/b.yaml", "school: B School\nhours_per_week: 99\n")
    write("roles/c.yaml", "title: C\nskills: {no-such-skill: B}\n")
    code, out, err = split_run("validate", tmp_path / "roles")
    assert code == 1
    assert f"{tmp_path / 'roles' / 'a.yaml'}: valid" in out
    assert "b.yaml:3: hours_per_week: must be at most 60 (got 99)" in err
    assert "c.yaml:2: skills.no-such-skill: unknown skill" in err
    assert out.splitlines()[-1] == "3 files: 1 valid, 2 with problems"


def test_validate_json_gives_each_file_and_the_summary(write, tmp_path):
    school_role(write, "roles/a.yaml", "school: A School\n")
    write("roles/c.yaml", "title: C\nskills: {health-safety: Q}\n")
    code, out, _ = split_run("validate", tmp_path / "roles", AUTHORITY / "nothere.yaml", "--format", "json")
    assert code == 1
    data = json.loads(out)
    assert [(Path(f["file"]).name, f["valid"]) for f in data["files"]] == [("a.yaml", True), ("c.yaml", False)]
    problem = data["files"][1]["problems"][0]
    assert (problem["line"], problem["field"]) == (2, "skills.health-safety.level")
    assert "is not a level of scheme 'four'" in problem["message"]
    assert data["summary"]["text"] == "2 files: 1 valid, 1 with problems; 1 not found or empty"
    assert data["not_found"] == [f"{AUTHORITY / 'nothere.yaml'}: role file not found"]


def test_lint_a_folder_ends_with_one_summary_and_json(tmp_path):
    shutil.copytree(AUTHORITY, tmp_path / "authority")
    folder = tmp_path / "authority" / "schools"
    code, out, _ = split_run("lint", folder, STANDARD, "--today", "2027-04-01")
    assert code == 0
    assert out.splitlines()[-1] == "12 files: 11 without findings, 1 with warnings only, 0 with errors, 0 invalid"
    code, out, _ = split_run("lint", folder, "--today", "2027-04-01", "--format", "json")
    data = json.loads(out)
    assert len(data["files"]) == 8 and data["summary"]["warnings_only"] == 1


def test_lint_skips_advert_rules_for_standard_roles(write):
    standard = write("standard.yaml", "title: ICT Technician\nstandard: true\nskills: {health-safety: B}\n")
    post = write("post.yaml", "title: ICT Technician\nskills: {health-safety: B}\n")
    code, out, _ = split_run("lint", standard, post, "--today", "2027-04-01", "--format", "json")
    by_file = {Path(f["file"]).name: {x["where"] for x in f["findings"]} for f in json.loads(out)["files"]}
    assert not by_file["standard.yaml"] & {"salary", "hours_per_week", "contract", "closing_date"}
    assert {"salary", "hours_per_week", "contract", "closing_date"} <= by_file["post.yaml"]


# --- 8. stricter inheritance -------------------------------------------------------------


def test_removing_a_skill_the_parent_lacks_is_an_error_with_a_suggestion(write):
    child = school_role(write, "child.yaml", "school: X\nskills:\n  server-netwrk-support: null\n"
                        "standards:\n  filtering-monitorin: null\n")
    code, _, err = split_run("validate", child)
    assert code == 1
    assert (f"{child}:4: skills.server-netwrk-support: 'server-netwrk-support' is not a skill of the role "
            "this file extends, so 'null' removes nothing; did you mean 'server-network-support'?") in err
    assert "child.yaml:6: standards.filtering-monitorin: 'filtering-monitorin' is not a standard" in err
    assert "did you mean 'filtering-monitoring'?" in err


def test_salary_merges_field_by_field(write):
    child = school_role(write, "child.yaml", "school: X\nsalary:\n  fte: 27000\n")
    shown = json.loads(split_run("show", child, "--format", "json")[1])
    assert shown["pay"]["fte_from"] == 27000 and shown["pay"]["fte_to"] == 28163
    assert shown["salary"]["scale"] == "NJC SCP 12-17"  # kept from the standard role
    single = school_role(write, "single.yaml", "school: X\nsalary:\n  fte: 27000\n  fte_to: null\n")
    shown = json.loads(split_run("show", single, "--format", "json")[1])
    assert shown["pay"]["fte_to"] is None and shown["salary"]["scale"] == "NJC SCP 12-17"


def test_show_changes_lists_what_a_school_overrides(write):
    child = school_role(write, "child.yaml", (
        "school: Oak School\nhours_per_week: 30\nsalary: {fte: 27000}\nresponsible_to: School Business Manager\n"
        "skills:\n  server-network-support: C\n  strategy-planning: B\n  educational-awareness: null\n"
        "  health-safety: {level: B, exclude: [HS.B.A1]}\nstandards:\n  cyber-security: C\n"))
    code, out, _ = split_run("show", "--changes", child)
    assert code == 0
    lines = [line.strip() for line in out.splitlines()]
    assert lines[0] == "child.yaml extends ict-technician.yaml"
    assert "- hours_per_week: added (30)" in lines
    assert "- salary.fte: 26409 -> 27000" in lines
    assert "- responsible_to: Headteacher or their nominee -> School Business Manager" in lines
    assert "- skill server-network-support: level B -> C" in lines
    assert "- skill strategy-planning: added at B" in lines
    assert "- skill educational-awareness: removed (was B)" in lines
    assert "- skill health-safety: own exclude (level B kept)" in lines
    assert "- standard cyber-security: level B -> C" in lines
    data = json.loads(split_run("show", "--changes", child, "--format", "json")[1])
    assert {(c["kind"], c["id"], c["how"]) for c in data["changes"]} >= {
        ("skill", "server-network-support", "level"), ("skill", "educational-awareness", "removed"),
        ("field", "salary.fte", "changed"), ("standard", "cyber-security", "level")}


def test_show_changes_of_a_role_that_extends_nothing_is_a_clear_error():
    code, out, err = split_run("show", "--changes", EXAMPLES / "ict-technician.yaml")
    assert code == 1 and "extends no other role file" in err


def test_compare_against_standard_over_the_example_schools(tmp_path):
    out_path = tmp_path / "changes.xlsx"
    code, out, _ = split_run("compare", "--against-standard", SCHOOLS, "-o", out_path)
    assert code == 0
    text = " ".join(out.split())
    assert "Brookfield Academy: ICT Technician (brookfield-academy-ict-technician.yaml)" in text
    assert "- skill server-network-support: level B -> C" in text
    assert "6 roles extend a standard role: 2 change skills, 0 change standards, 0 change nothing; " \
           "2 extend nothing and are left out." in text
    wb = openpyxl.load_workbook(out_path)
    ws = wb["Changes"]
    header = [c.value for c in ws[3]]
    assert header[:4] == ["School", "Role", "File", "Extends"]
    rows = {r[2]: r for r in ws.iter_rows(min_row=4, values_only=True)}
    assert rows["brookfield-academy-ict-technician.yaml"][header.index("Skill levels changed")] == \
        "server-network-support B->C"
    details = list(wb["Details"].iter_rows(min_row=2, values_only=True))
    assert ("Brookfield Academy", "brookfield-academy-ict-technician.yaml", "skill", "server-network-support",
            "level", "B", "C") in details


# --- 9. compare many ---------------------------------------------------------------------


def test_compare_three_roles_text_levels_against_role_one():
    code, out, _ = split_run("compare", STANDARD / "ict-technician.yaml", STANDARD / "senior-ict-technician.yaml",
                             STANDARD / "teaching-assistant-ict.yaml")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("Role 1: ICT Technician")
    row = next(line for line in lines if line.startswith("Server & Network"))
    assert " ".join(row.split()[4:]) == "B C (1 above) A (1 below)"
    grade = next(line for line in lines if line.startswith("Grade"))
    assert grade.split()[1:4] == ["Westshire", "Grade", "5"]
    assert any(line.startswith("Salary (FTE)") and "£26,409-£28,163" in line for line in lines)
    assert any(line.strip() == "only in 2:" for line in lines)
    assert "skills compared across 3 roles" in " ".join(out.split())


def test_compare_a_folder_json_and_workbook(tmp_path):
    out_path = tmp_path / "compare.xlsx"
    code, out, _ = split_run("compare", SCHOOLS, "-o", out_path, "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert len(data["roles"]) == 8
    ashdown = data["roles"][0]
    assert (ashdown["school"], ashdown["hours_per_week"], ashdown["weeks_per_year"]) == \
        ("Ashdown Primary School", 18.5, 39)
    assert ashdown["actual_pay"]["from"] < ashdown["salary"]["fte"]  # part-time and term-time
    sn = next(s for s in data["skills"] if s["id"] == "server-network-support")
    brookfield = sn["levels"][2]
    assert (brookfield["level"], brookfield["steps"], brookfield["text"]) == ("C", 1, "C (1 above)")
    assert all(st["text"] for st in sn["statements"])
    wb = openpyxl.load_workbook(out_path)
    assert wb.sheetnames == ["Levels", "Statements", "Terms"]
    levels = wb["Levels"]
    assert levels.cell(4, 3).value.startswith("Role 1: ICT Technician\nAshdown Primary School")
    row = next(r for r in range(5, 20) if levels.cell(r, 2).value == "Server & Network support")
    assert levels.cell(row, 5).value == "C (1 above)"
    statements = list(wb["Statements"].iter_rows(min_row=4, values_only=True))
    assert any(r[1] == "SN.C.A1" and r[3] and r[4 + 3 - 1] == "yes" for r in statements)
    terms = {r[0]: r[1:] for r in wb["Terms"].iter_rows(min_row=4, values_only=True)}
    assert terms["Grade"][0] == "Westshire Grade 5" and terms["Hours a week"][0] == "18.5 of 37"


def test_compare_needs_two_roles_and_refuses_a_formula_title(write, tmp_path):
    code, _, err = split_run("compare", TECH)
    assert code == 1 and "give two or more roles to compare (got 1)" in err
    evil = write("evil.yaml", "title: '=HYPERLINK(\"http://x\")'\nskills: {health-safety: B}\n")
    out_path = tmp_path / "c.xlsx"
    assert split_run("compare", evil, TECH, "-o", out_path)[0] == 0
    cell = openpyxl.load_workbook(out_path)["Levels"].cell(4, 3)
    assert cell.data_type == "s" and cell.value.startswith('Role 1: =HYPERLINK')


# --- 10. coverage per school -------------------------------------------------------------


def test_coverage_of_many_schools_is_school_by_school(tmp_path):
    out_path = tmp_path / "coverage.xlsx"
    code, out, _ = split_run("coverage", SCHOOLS, "--provider", AUTHORITY / "provider.yaml", "-o", out_path)
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "Support coverage by school"
    table = {line[:40].strip(): line[40:].split() for line in lines[4:11]}
    assert table["Ashdown Primary School"] == ["2", "11", "1", "0"]
    assert table["Dunmore High School"] == ["1", "12", "0", "0"]
    assert "7 schools: 2 with every competence covered at the level needed, 5 with gaps." in out
    assert "Support coverage: Castlegate Primary Federation" in out
    wb = openpyxl.load_workbook(out_path)
    assert wb.sheetnames[0] == "Summary" and len(wb.sheetnames) == 8
    assert "Ashdown Primary School" in wb.sheetnames
    summary = wb["Summary"]
    assert [summary.cell(4, c).value for c in range(1, 6)] == ["School", "Roles", "Covered", "Nobody", "Below need"]
    first = [summary.cell(5, c).value for c in range(1, 6)]
    assert first == ["Ashdown Primary School", 2, 11, 1, 0]
    assert wb["Ashdown Primary School"]["A1"].value == "Support coverage: Ashdown Primary School"


def test_coverage_json_by_school_and_needs_for_one_school():
    code, out, _ = split_run("coverage", SCHOOLS, "--provider", AUTHORITY / "provider.yaml",
                             "--needs", AUTHORITY / "needs.yaml", "--format", "json")
    data = json.loads(out)
    by_school = {s["school"]: s for s in data["schools"]}
    assert by_school["Ashdown Primary School"]["needs_file"].endswith("needs.yaml")
    assert by_school["Brookfield Academy"]["needs_file"] is None  # Ashdown's needs are Ashdown's
    strategy = next(s for s in data["by_skill"] if s["skill"] == "Strategy & Planning")
    assert strategy["schools_nobody"] == 4
    assert data["warnings"] == []


def test_coverage_warns_when_the_needs_file_names_another_school(write):
    needs = write("needs.yaml", "school: Westfield Primary\nskills: {health-safety: C}\n")
    code, out, err = split_run("coverage", *sorted(SCHOOLS.glob("ashdown-*.yaml")), "--needs", needs)
    assert code == 0
    assert "Warning: the needs file needs.yaml is for 'Westfield Primary', but the roles are for " \
           "'Ashdown Primary School'" in " ".join(err.split())
    assert out.startswith("Support coverage: Ashdown Primary School")


# --- 11. folders that hold other files -----------------------------------------------------


def test_other_files_in_a_folder_of_roles_are_skipped_with_a_note(tmp_path):
    folder = tmp_path / "mixed"
    folder.mkdir()
    for name in ("grades.yaml", "needs.yaml", "provider.yaml", "ashdown-school.yaml"):
        shutil.copy(AUTHORITY / name, folder / name)
    shutil.copy(SCHOOLS / "brookfield-academy-ict-technician.yaml", folder / "brookfield.yaml")
    (folder / "brookfield.yaml").write_text((folder / "brookfield.yaml").read_text().replace(
        "../standard-roles/", str(STANDARD) + "/"))
    code, out, err = split_run("validate", folder)
    assert code == 0
    assert f"{folder / 'needs.yaml'}: skipped: this is a needs file (it has 'skills:' and no 'title:'), " \
           "not a role file" in err
    assert "ashdown-school.yaml: skipped: this is a school file (it has 'holders:'" in err
    assert "grades.yaml: skipped: this is a grades file" in err
    assert "provider.yaml: skipped: this is a provider file (it has 'provider:'), not a role file " \
           "(give it with --provider)" in err
    assert out.splitlines()[-1] == "1 file: 1 valid, 0 with problems; 4 skipped (not role files)"
    graded = split_run("grade", folder, "--grades", AUTHORITY / "grades.yaml", "--format", "json")
    assert graded[0] == 0 and len(json.loads(graded[1])["roles"]) == 1


def test_build_notes_the_files_it_leaves_out_of_a_folder(tmp_path):
    folder = tmp_path / "roles"
    folder.mkdir()
    shutil.copy(AUTHORITY / "needs.yaml", folder / "needs.yaml")
    shutil.copy(EXAMPLES / "ict-technician.yaml", folder / "tech.yaml")
    code, out, err = split_run("build", folder, "-o", tmp_path / "out", "--only", "jd")
    assert code == 0, err
    assert "needs.yaml: skipped: this is a needs file" in err
    # One job description, the role's; where in the folder it goes is batch.py's (item 6) to say.
    assert len(list((tmp_path / "out").rglob("*job-description.docx"))) == 1


def test_a_school_file_named_as_a_role_says_what_it_is():
    code, _, err = split_run("validate", AUTHORITY / "ashdown-school.yaml")
    assert code == 1
    assert "ashdown-school.yaml:5: this is a school file (it has 'holders:'), not a role file" in err


# --- 12. guides, examples, help and completion -------------------------------------------


def test_docs_prints_the_role_file_guide_and_other_topics():
    code, out, _ = split_run("docs")
    assert code == 0 and out == (REPO / "docs" / "role-file.md").read_text(encoding="utf-8")
    code, out, _ = split_run("docs", "GRADES")
    assert out.startswith("# Grades, comparison and coverage")
    code, out, _ = split_run("docs", "--list")
    assert "role-file       Writing a role file" in out.splitlines()
    # The longest topic name keeps a space before its title.
    assert "self-assessment Self-assessment and development plans" in out.splitlines()
    code, _, err = split_run("docs", "gradse")
    assert code == 1 and "no guide 'gradse'; did you mean 'grades'?" in err


def test_examples_copies_the_bundled_examples_and_refuses_to_overwrite(tmp_path):
    dest = tmp_path / "start"
    code, out, _ = split_run("examples", dest)
    assert code == 0 and out.startswith("Copied ")
    assert (dest / "school-extends-standard.yaml").read_text() == \
        (EXAMPLES / "school-extends-standard.yaml").read_text()
    assert (dest / "letterhead" / "northfield-letterhead.docx").is_file()
    (dest / "ict-technician.yaml").write_text("title: Mine\n")
    code, _, err = split_run("examples", dest)
    assert code == 1 and "already exist; use --force to replace them" in err
    assert (dest / "ict-technician.yaml").read_text() == "title: Mine\n"
    assert split_run("examples", dest, "--force")[0] == 0
    assert split_run("validate", dest / "authority" / "schools")[0] == 0


def test_generated_role_files_point_at_the_installed_guide(tmp_path):
    path = tmp_path / "t.yaml"
    assert split_run("new", path, "--yes")[0] == 0
    assert "`ictroles docs role-file`" in path.read_text()


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_help_examples_never_wrap_inside_an_argument(name):
    command = cli.get_command(None, name)  # type: ignore[arg-type]
    examples = [line.strip() for line in (command.help or "").split("Example:")[-1].splitlines() if line.strip()]
    result = CliRunner().invoke(cli, [name, "--help"], terminal_width=50)
    shown = [line.strip() for line in result.output.splitlines()]
    for example in examples:
        assert example in shown, f"{name}: '{example}' is rewrapped at 50 columns"


def complete(*words: str) -> list[str]:
    from click.shell_completion import ShellComplete

    comp = ShellComplete(cli, {}, "ictroles", "_ICTROLES_COMPLETE")
    return [c.value for c in comp.get_completions(list(words[:-1]), words[-1])]


def test_completion_offers_skill_ids_levels_and_kinds():
    assert complete("framework", "--skill", "serv") == ["server-network-support"]
    assert {"A", "B", "C", "D", "1", "2", "3"} <= set(complete("new", "x.yaml", "--level", ""))
    assert complete("build", "x.yaml", "--only", "jd,adv") == ["jd,advert", "jd,advert-web"]
    assert complete("standards", "--standard", "filt") == ["filtering-monitoring"]
    assert complete("docs", "gra") == ["grades"]


def test_readme_documents_shell_completion():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "_ICTROLES_COMPLETE=bash_source ictroles" in readme


# --- 13. any case, and one pass ----------------------------------------------------------


def test_ids_levels_and_choices_in_any_case(write):
    role = write("role.yaml", (
        "title: T\ncontract: Permanent\nsafer_recruitment: England\n"
        "skills:\n  Health-Safety: b\n  SERVER-network-support:\n    level: c\n    exclude: [sn.c.a1]\n"
        "standards:\n  Cyber-Security: c\nkey_duties: [health-SAFETY, Sn.C.a2]\n"
        "person_spec:\n  criteria:\n    Health-Safety: {essential: false}\n"))
    code, out, _ = split_run("show", role, "--format", "json")
    assert code == 0
    data = json.loads(out)
    levels = {s["id"]: s["level"] for s in data["skills"]}
    assert levels == {"server-network-support": "C", "health-safety": "B"}
    sn = next(s for s in data["skills"] if s["id"] == "server-network-support")
    assert "SN.C.A1" not in {st["id"] for st in sn["statements"]["activities"]}
    assert [s["id"] for s in data["standards"]] == ["cyber-security"]


def test_a_child_overrides_a_parent_skill_written_in_another_case(write):
    child = school_role(write, "child.yaml", "school: X\nskills:\n  Server-Network-Support: C\n")
    data = json.loads(split_run("show", child, "--format", "json")[1])
    assert [s["level"] for s in data["skills"] if s["id"] == "server-network-support"] == ["C"]


def test_options_in_any_case(tmp_path):
    code, out, _ = split_run("framework", "--skill", "Health-Safety", "--level", "b")
    assert code == 0 and "HS.B.A1" in out and "HS.C.A1" not in out
    assert split_run("standards", "--standard", "Cyber-Security")[0] == 0
    assert split_run("schemes", "--format", "JSON")[0] == 0
    path = tmp_path / "t.yaml"
    assert split_run("new", path, "--level", "c", "--yes")[0] == 0
    assert "health-safety: C" in path.read_text()


def test_the_wizard_accepts_choices_in_any_case(tmp_path):
    path = tmp_path / "t.yaml"
    answers = ["ICT Technician", "Oak School", "FOUR", *["b"] * 12, "37", "52", "26409", "Fixed-Term", ""]
    result = CliRunner().invoke(cli, ["new", str(path)], input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    text = path.read_text()
    assert "contract: fixed-term" in text and "health-safety: B" in text


def test_validate_reports_structure_and_cross_references_in_one_pass(write):
    role = write("role.yaml", ("title: T\nhours_per_week: 100\nsalary: {fte: lots}\n"
                               "skills:\n  health-safty: B\n  server-network-support: {level: Q, bogus: 1}\n"
                               "key_duties: [nothing]\n"))
    code, _, err = split_run("validate", role)
    assert code == 1
    for expected in ("role.yaml:2: hours_per_week: must be at most 60", "role.yaml:3: salary.fte:",
                     "role.yaml:5: skills.health-safty: unknown skill", "skills.server-network-support.bogus: unknown field",
                     "skills.server-network-support.level: level 'Q' is not a level",
                     "role.yaml:7: key_duties[0]: 'nothing' is not one of this role's"):
        assert expected in err, expected


# --- an authority with 30 schools ----------------------------------------------------------

STANDARDS = ["ict-technician", "senior-ict-technician", "network-manager", "teaching-assistant-ict"]
VARIED = ["server-network-support", "configuration-installation", "support-request-management",
          "educational-awareness"]


def make_authority(root: Path, n: int = 30) -> Path:
    """n schools' role files extending the example standard roles, with varied levels."""
    rng = random.Random(16)
    shutil.copytree(STANDARD, root / "standard-roles")
    folder = root / "schools"
    folder.mkdir()
    for i in range(n):
        school = f"School {i + 1:02d} {'Primary' if i % 3 else 'High'}"
        for j, standard in enumerate(STANDARDS[: 1 + i % 3]):
            lines = [f"extends: ../standard-roles/{standard}.yaml", f"school: {school}",
                     f"hours_per_week: {rng.choice([18.5, 30, 37])}", "closing_date: 2027-06-18"]
            if rng.random() < 0.5:
                lines += ["weeks_per_year: 39", "paid_weeks: 44.2"]
            skills = [f"  {s}: {rng.choice('ABC')}" for s in rng.sample(VARIED, rng.randint(0, 2))]
            if i % 7 == 0:
                skills.append("  strategy-planning: B")
            if skills:
                lines += ["skills:", *skills]
            (folder / f"school-{i + 1:02d}-{j}-{standard}.yaml").write_text("\n".join(lines) + "\n")
    return folder


def test_thirty_schools_grade_compare_against_standard_and_coverage(tmp_path):
    folder = make_authority(tmp_path)
    files = sorted(folder.glob("*.yaml"))
    assert len(files) == 60
    provider = folder / "provider.yaml"
    shutil.copy(AUTHORITY / "provider.yaml", provider)  # skipped with a note

    code, out, err = split_run("validate", folder)
    assert code == 0, err
    assert out.splitlines()[-1] == "60 files: 60 valid, 0 with problems; 1 skipped (not role files)"

    code, out, err = split_run("grade", folder, "--grades", AUTHORITY / "grades.yaml", "--format", "json",
                               "-o", tmp_path / "grades.xlsx")
    assert code == 0, err
    graded = json.loads(out)["roles"]
    assert len(graded) == 60 and all(r["best_fit"] for r in graded)
    ws = openpyxl.load_workbook(tmp_path / "grades.xlsx")["Indicative grades"]
    assert ws.max_row == 4 + 60

    code, out, err = split_run("compare", "--against-standard", folder, "-o", tmp_path / "changes.xlsx",
                               "--format", "json")
    assert code == 0, err
    changes = json.loads(out)
    assert len(changes["roles"]) == 60
    assert changes["summary"].startswith("60 roles extend a standard role:")
    hours = next(m for m in changes["most_changed"] if m["what"] == "hours_per_week")
    assert hours["roles"] == 60
    one = next(r for r in changes["roles"] if Path(r["file"]).name == files[0].name)
    written = files[0].read_text()
    for c in one["changes"]:
        if c["kind"] == "skill":
            assert f"  {c['id']}: {c['after']}" in written
    wb = openpyxl.load_workbook(tmp_path / "changes.xlsx")
    assert wb["Changes"].max_row == 3 + 60
    schools_in_sheet = {r[0] for r in wb["Changes"].iter_rows(min_row=4, values_only=True)}
    assert len(schools_in_sheet) == 30

    code, out, err = split_run("coverage", folder, "--provider", provider, "-o", tmp_path / "coverage.xlsx")
    assert code == 0, err
    assert "provider.yaml: skipped: this is a provider file" not in err  # named by --provider, so left out quietly
    assert out.startswith("Support coverage by school")
    assert " ".join(out.split()).count("Support coverage: School ") == 30
    assert "30 schools:" in out
    wb = openpyxl.load_workbook(tmp_path / "coverage.xlsx")
    assert wb.sheetnames[0] == "Summary" and len(wb.sheetnames) == 31
    summary = wb["Summary"]
    names = [summary.cell(r, 1).value for r in range(5, 35)]
    assert names == sorted(names) and names[0] == "School 01 High"
    for r in range(5, 35):
        covered, nobody, below = (summary.cell(r, c).value for c in (3, 4, 5))
        assert covered + nobody + below == 12
    # A school with strategy-planning in its roles has it covered; the summary sheet says so in colour.
    col = next(c for c in range(6, 18) if summary.cell(4, c).value == "Strategy & Planning")
    row = names.index("School 01 High") + 5
    assert summary.cell(row, col).value == "B"
    assert summary.cell(row, col).fill.start_color.rgb.endswith("C6EFCE")

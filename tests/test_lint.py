"""`ictroles lint` and the modern-wording overlay."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from conftest import EXAMPLES, REPO

from ictroles.authoring.lint import ALLOWED_WORDS, WORDING_RULES, Finding, find_wording, lint_role
from ictroles.framework.competences import Framework
from ictroles.framework.overlay import load_overlay
from ictroles.roles.modernise import modernise_role
from ictroles.roles.resolve import load_role

TODAY = dt.date(2027, 4, 1)
COMPLETE = """
    title: ICT Technician
    school: Hillside School
    salary: {fte: 26409}
    hours_per_week: 37
    weeks_per_year: 52
    contract: permanent
    closing_date: 2027-05-14
"""


@pytest.fixture(scope="module")
def overlay(framework: Framework):
    return load_overlay(framework=framework)


def lint(path: Path, overlay, original_wording: bool = True) -> list[Finding]:
    """Findings as for a build with the framework's 2005 wording (the dated-term rules apply)."""
    return lint_role(load_role(path), overlay, today=TODAY, original_wording=original_wording)


def by_rule(findings: list[Finding], rule: str) -> list[Finding]:
    return [f for f in findings if f.rule == rule]


# --- the overlay -------------------------------------------------------------------------------

def test_overlay_is_labelled_and_every_entry_names_terms_in_its_statement(overlay, framework: Framework) -> None:
    header = (REPO / "framework" / "modern-wording.yaml").read_text().splitlines()[0]
    assert "NOT PART OF THE 2005 FRAMEWORK" in header
    for sid, entry in overlay.statements.items():
        text = framework.statements[sid].statement.text
        assert entry.terms and all(term in text for term in entry.terms), sid
        assert entry.wording != text and entry.note


OUTDATED = re.compile(r"floppy|CD-ROM|CD ROM|\bCDs?\b|Flash plug-in|backup tapes|scandisk|DfES|\bLEA\b|"
                      r"NC ICT|ICT in the National Curriculum|TES Online|\bOMR\b|National (Primary )?Strateg|"
                      r"service packs?\b", re.IGNORECASE)


def test_overlay_covers_every_statement_with_a_known_outdated_term(overlay, framework: Framework) -> None:
    dated = {sid for sid, ref in framework.statements.items() if OUTDATED.search(ref.statement.text)}
    assert len(dated) >= 19
    assert dated <= set(overlay.statements), sorted(dated - set(overlay.statements))


def test_modernise_returns_an_adapted_copy_and_leaves_the_framework_alone(overlay, framework: Framework) -> None:
    role = load_role(EXAMPLES / "primary-teaching-assistant.yaml", framework)
    before = framework.statements["DA.A.E1"].statement.text
    modern = modernise_role(role, overlay)
    original = {st.id: st for st in role.all_statements()}
    adapted = {st.id: st for st in modern.all_statements() if st.adapted}
    assert "DA.A.E1" in adapted and "CM.A.E2" in adapted
    assert adapted["DA.A.E1"].text == overlay.statements["DA.A.E1"].wording
    assert adapted["DA.A.E1"].original_text == original["DA.A.E1"].text == before
    assert not original["DA.A.E1"].adapted  # the role it came from is unchanged
    assert framework.statements["DA.A.E1"].statement.text == before
    assert [st.id for st in modern.all_statements()] == list(original)
    assert any(st.adapted for s in modern.skills for st in s.next_level_knowledge)  # EA.B.K1 via B
    assert lint_role(modern, overlay, today=TODAY) == []


# --- lint rules --------------------------------------------------------------------------------

def test_outdated_terms_name_the_statement_and_suggest_the_modern_wording(overlay) -> None:
    findings = lint(EXAMPLES / "primary-teaching-assistant.yaml", overlay)
    assert all(f.severity == "warning" for f in findings)
    floppy = next(f for f in findings if f.where == "DA.A.E1")
    assert floppy.rule == "outdated-term"
    assert "'floppy disk', 'CD-ROM' are dated" in floppy.message
    assert overlay.statements["DA.A.E1"].wording in floppy.suggestion


def test_with_modern_wording_no_framework_statement_is_dated(overlay) -> None:
    # The documents use the overlay by default, so the framework's dated text is not a finding.
    default = lint(EXAMPLES / "primary-teaching-assistant.yaml", overlay, original_wording=False)
    assert not [f for f in default if f.rule == "outdated-term"]
    assert by_rule(lint(EXAMPLES / "primary-teaching-assistant.yaml", overlay), "outdated-term")


def test_a_complete_modern_role_has_no_findings(write, overlay) -> None:
    path = write("ok.yaml", COMPLETE + "    skills: {health-safety: B, support-request-management: B}\n")
    assert lint(path, overlay) == []


def test_missing_advert_essentials_are_errors(write, overlay) -> None:
    path = write("bare.yaml", "title: Technician\nskills: {health-safety: B}\n")
    errors = {f.where for f in lint(path, overlay) if f.severity == "error"}
    assert errors == {"salary", "hours_per_week", "contract", "closing_date"}


def test_term_time_post_without_actual_pay_is_an_error(write, overlay) -> None:
    path = write("tt.yaml", COMPLETE.replace("weeks_per_year: 52", "weeks_per_year: 39")
                 + "    skills: {health-safety: B}\n")
    [finding] = by_rule(lint(path, overlay), "actual-pay")
    assert finding.severity == "error" and finding.where == "paid_weeks"
    assert "term-time post must show the actual pay" in finding.message
    fixed = write("tt2.yaml", path.read_text() + "paid_weeks: 44.2\n")
    assert by_rule(lint(fixed, overlay), "actual-pay") == []


def test_no_skills_is_an_error(write, overlay) -> None:
    path = write("empty.yaml", COMPLETE)
    [finding] = by_rule(lint(path, overlay), "no-skills")
    assert finding.severity == "error"


def test_level_spread_over_more_than_three_levels(write, overlay) -> None:
    path = write("spread.yaml", COMPLETE + "    skills: {health-safety: A, support-request-management: D}\n")
    [finding] = by_rule(lint(path, overlay), "level-spread")
    assert finding.severity == "warning" and "A to D" in finding.message
    assert "health-safety" in finding.message and "support-request-management" in finding.message
    narrow = write("narrow.yaml", COMPLETE + "    skills: {health-safety: A, support-request-management: C}\n")
    assert by_rule(lint(narrow, overlay), "level-spread") == []


def test_knowledge_without_activities(write, overlay) -> None:
    path = write("k.yaml", COMPLETE + """
    skills:
      health-safety:
        level: B
        exclude: [HS.B.A1, HS.B.A2]
    """)
    [finding] = by_rule(lint(path, overlay), "knowledge-without-activities")
    assert finding.where == "HS.B.K1" and "skills.health-safety.duty" in finding.suggestion
    assert "its duty in the job description is written from them" in finding.message
    own = write("own-duty.yaml", COMPLETE + """
    skills:
      health-safety:
        level: B
        exclude: [HS.B.A1, HS.B.A2]
        duty: Keep the school's ICT equipment register up to date.
    """)
    assert by_rule(lint(own, overlay), "knowledge-without-activities") == []


def test_long_sentences_in_custom_statements_and_purpose(write, overlay) -> None:
    long = " ".join(["word"] * 40) + "."
    path = write("long.yaml", COMPLETE + f"""
    purpose: Short first sentence. {long}
    skills:
      health-safety:
        level: B
        add:
          activities: ["{long}", "Check the fire exits are clear, e.g. in the ICT suite."]
    """)
    where = {f.where for f in by_rule(lint(path, overlay), "long-sentence")}
    assert where == {"purpose", "HS.custom.A1"}


def test_exclusionary_wording_is_found_as_whole_words(write, overlay) -> None:
    path = write("words.yaml", COMPLETE + """
    purpose: We want a young and energetic native English speaker. He/she will manage our manpower.
    about_school: Our chairman welcomes the new salesman.
    skills:
      communication-skills:
        level: B
        add:
          activities: [Support the able-bodied staff.]
    """)
    findings = by_rule(lint(path, overlay), "exclusionary-wording")
    found = {(f.where, f.message.split("'")[1].lower(), f.severity) for f in findings}
    assert found == {
        ("purpose", "young and energetic", "error"),
        ("purpose", "native english speaker", "error"),
        ("purpose", "he/she", "warning"),
        ("purpose", "manpower", "error"),
        ("about_school", "chairman", "warning"),
        ("about_school", "salesman", "error"),
        ("CS.custom.A1", "able-bodied", "error"),
    }


@pytest.mark.parametrize("text", [
    "Working with young people and the wider community.",       # 'young' alone is not a finding
    "Competences in the framework; analyse logs; actively seek training.",
    "A sales manager who is manageable, mannered and human.",   # no part-word matches
    "The Chair of Governors and the Headteacher.",
])
def test_framework_vocabulary_and_ordinary_words_are_allowed(text: str) -> None:
    assert find_wording(text) == []


def test_allowed_words_are_never_in_the_list() -> None:
    phrases = {p.lower() for rule in WORDING_RULES for p in rule.phrases}
    assert not phrases & ALLOWED_WORDS
    assert {"competences", "analyse", "actively"} <= ALLOWED_WORDS


def test_docs_list_every_word_rule() -> None:
    doc = (REPO / "docs" / "lint.md").read_text(encoding="utf-8")
    for rule in WORDING_RULES:
        for phrase in rule.phrases:
            assert f"`{phrase}`" in doc, phrase


# --- the command -------------------------------------------------------------------------------

def test_lint_command_warnings_only_exit_0(run) -> None:
    result = run("lint", EXAMPLES / "ict-technician.yaml", "--today", "2027-04-01", "--original-wording")
    assert result.exit_code == 0
    assert "warning: DA.B.E2: 'Flash plug-in' is dated" in result.output
    assert "suggestion: modern wording:" in result.output


def test_lint_command_errors_exit_1_and_json(run, write) -> None:
    bad = write("bad.yaml", "title: Technician\nskills: {health-safety: B}\n")
    result = run("lint", bad, EXAMPLES / "ict-technician.yaml", "--format", "json", "--today", "2027-04-01", "--original-wording")
    assert result.exit_code == 1
    report = json.loads(result.output)["files"]  # with a "summary" beside it (issue 16)
    assert [r["file"] for r in report] == [str(bad), str(EXAMPLES / "ict-technician.yaml")]
    assert {f["where"] for f in report[0]["findings"] if f["severity"] == "error"} == {
        "salary", "hours_per_week", "contract", "closing_date"}


def test_lint_command_reports_an_invalid_file_and_goes_on(run, write) -> None:
    broken = write("broken.yaml", "title: T\nskills: {no-such-skill: B}\n")
    result = run("lint", broken, EXAMPLES / "ict-technician.yaml", "--today", "2027-04-01", "--original-wording")
    assert result.exit_code == 1
    assert "broken.yaml:2: skills.no-such-skill: unknown skill" in result.output
    assert "ict-technician.yaml: 0 error(s)" in result.output


def test_lint_command_names_the_line_of_each_finding(run, write) -> None:
    role = write("role.yaml", """
        title: ICT Technician
        purpose: We want a young and energetic person.
        closing_date: 2020-01-01
        additional_duties:
          - Keep the backup tapes in the safe.
        skills:
          health-safety: B
          desktop-application-support: B
    """)
    result = run("lint", role, "--today", "2027-04-01", "--original-wording")
    out = result.output
    assert f"{role}:2: error: purpose: 'young and energetic'" in out
    assert f"{role}:3: warning: closing_date: the closing date 2020-01-01 has passed" in out
    assert f"{role}:5: warning: additional_duties[0]: 'backup tapes' is dated" in out
    # A framework statement is found at the line of the skill that brings it in.
    assert f"{role}:8: warning: DA.B.A6: 'service packs' is dated" in out
    # Something the file leaves out has no line to point at.
    assert f"{role}: error: salary: the advert has no salary" in out


def test_lint_points_into_the_file_a_role_extends(run) -> None:
    child = EXAMPLES / "school-extends-standard.yaml"
    result = run("lint", child, "--format", "json", "--today", "2027-04-01", "--original-wording")
    findings = json.loads(result.output)["files"][0]["findings"]
    dated = next(f for f in findings if f["where"] == "DA.B.A6")
    assert Path(dated["file"]).name == "ict-technician-standard.yaml"
    assert isinstance(dated["line"], int) and dated["line"] > 1


def test_lint_takes_folders_as_every_other_command_does(run, tmp_path: Path) -> None:
    folder = tmp_path / "roles"
    folder.mkdir()
    for name in ("ict-technician.yaml", "senior-ict-technician.yaml"):
        (folder / name).write_text((EXAMPLES / name).read_text(encoding="utf-8"), encoding="utf-8")
    result = run("lint", folder, "--today", "2027-04-01")
    assert f"{folder / 'ict-technician.yaml'}: no findings" in result.output
    assert str(folder / "senior-ict-technician.yaml") in result.output
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run("lint", empty)
    assert result.exit_code == 1
    assert f"{empty}: folder has no role files (*.yaml or *.yml) (error: invalid role file)" in result.output


def test_the_roles_own_words_for_a_skill_are_checked_too(write, overlay) -> None:
    path = write("own.yaml", COMPLETE + """    skills:
      health-safety:
        level: B
        duty: Plan the manpower needed for safety checks across the school.
""")
    found = [f for f in lint(path, overlay, original_wording=False) if f.rule == "exclusionary-wording"]
    assert [f.where for f in found] == ["skills.health-safety.duty"]

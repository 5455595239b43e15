"""The DfE digital and technology standards (England): the pack, role files that take them on,
the documents, `ictroles standards`, who-does-what coverage and the lint rule."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import docx
import openpyxl
import pytest
from click.testing import Result

from ictroles.authoring.lint import lint_file
from ictroles.core.errors import InvalidInputError
from ictroles.framework.competences import Framework
from ictroles.framework.overlay import load_overlay
from ictroles.framework.standards import IT, load_standards, standards_file
from ictroles.renderers.outputs import RenderOptions
from ictroles.renderers.personspec import MAX_CRITERIA, person_specification
from ictroles.renderers.word.job_description import skill_duties
from ictroles.renderers.wording import Wording
from ictroles.roles.resolve import load_role
from tests.conftest import EXAMPLES
from tests.test_word_documents import build, duty_items, headings, table_rows

IDS = ["broadband", "network-switching", "wireless-network", "cyber-security", "filtering-monitoring",
       "digital-leadership", "laptops-desktops-tablets", "servers-storage", "cloud-solutions",
       "digital-accessibility", "it-support"]
CORE = {"broadband", "network-switching", "wireless-network", "cyber-security", "filtering-monitoring",
        "digital-leadership"}
AUTHORITY = EXAMPLES / "authority"
ASHDOWN = sorted((AUTHORITY / "schools").glob("ashdown-*.yaml"))


# -- the pack ------------------------------------------------------------------------------


def test_the_pack_has_the_eleven_standards_each_complete(framework: Framework) -> None:
    pack = load_standards(framework)
    assert [s.id for s in pack.standards] == IDS
    assert {s.id for s in pack.standards if s.core} == CORE
    assert pack.name == "DfE digital and technology standards (England)" and pack.country == "england"
    for std in pack.standards:
        assert std.url.startswith("https://www.gov.uk/guidance/meeting-digital-and-technology-standards")
        assert len(std.summary.split()) >= 40, std.id
        assert sorted(std.levels) == ["A", "B", "C", "D"]
        assert len({c.duty for c in std.levels.values()}) == 4, f"{std.id}: a duty repeated across levels"
        assert all(sid in framework.skills_by_id for sid in std.skills)
        assert any(IT in r.parties for r in std.responsibilities)


def test_the_pack_is_labelled_as_not_the_framework() -> None:
    text = standards_file().read_text(encoding="utf-8")
    assert "NOT PART OF THE 2005 BECTA FRAMEWORK" in text.splitlines()[1]


def test_the_crosswalk_extends_the_skills_the_issue_names(framework: Framework) -> None:
    pack = load_standards(framework)
    assert {"server-network-support", "continuity-maintenance-security"} <= set(pack.by_id["filtering-monitoring"].skills)
    assert {"support-request-management", "support-arrangements-contracts"} <= set(pack.by_id["it-support"].skills)


def test_a_pack_with_a_wrong_skill_or_party_is_refused_at_its_line(framework: Framework, tmp_path: Path) -> None:
    text = standards_file().read_text(encoding="utf-8")
    bad = text.replace("skills: [server-network-support", "skills: [server-network-suport", 1)
    bad = bad.replace("responsible: dsl", "responsible: safeguarding-lead", 1)
    path = tmp_path / "pack.yaml"
    path.write_text(bad, encoding="utf-8")
    with pytest.raises(InvalidInputError) as caught:
        load_standards(framework, path)
    messages = [str(p) for p in caught.value.problems]
    assert any("'server-network-suport' is not a skill" in m and "did you mean 'server-network-support'" in m
               and m.startswith(f"{path}:") for m in messages), messages
    assert any("'safeguarding-lead' is not one of the pack's roles" in m for m in messages), messages


# -- ictroles standards ----------------------------------------------------------------------


def test_standards_json_lists_the_eleven_with_their_levels(run: Callable[..., Result]) -> None:
    result = run("standards", "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert [s["id"] for s in data] == IDS
    for item in data:
        assert {"id", "name", "core", "url", "levels"} <= set(item)
        assert sorted(item["levels"]) == ["A", "B", "C", "D"]
        assert item["levels"]["C"]["duty"] and item["levels"]["C"]["criterion"]


def test_standards_lists_and_shows_one(run: Callable[..., Result], framework: Framework) -> None:
    listing = run("standards").output
    assert "DfE digital and technology standards (England)" in listing
    assert "not part of the ICT Competences Framework" in listing
    pack = load_standards(framework)
    fm = pack.by_id["filtering-monitoring"]
    assert fm.url in listing
    one = run("standards", "--standard", "filtering-monitoring").output
    assert "a core standard, to be met by 2030" in " ".join(one.split())
    assert "Server & Network support" in one  # the crosswalk by skill name
    assert " ".join(fm.levels["B"].duty.split()[:6]) in " ".join(one.split())
    wrong = run("standards", "--standard", "filtering")
    assert wrong.exit_code == 2 and "unknown standard 'filtering'" in wrong.output


# -- role files ------------------------------------------------------------------------------


def test_a_role_takes_on_standards_at_levels_with_its_own_changes(framework: Framework, write: Callable[..., Path]) -> None:
    role_file = write("role.yaml", """
        title: ICT Technician
        skills:
          server-network-support: B
        standards:
          cyber-security: C
          filtering-monitoring:
            level: B
            exclude: [annual-review]
            add: [Check the filtering logs each morning.]
    """)
    role = load_role(role_file, framework)
    pack = load_standards(framework)
    assert [(s.id, s.level) for s in role.standards] == [("cyber-security", "C"), ("filtering-monitoring", "B")]
    fm = role.standards[1]
    assert fm.duties == (pack.by_id["filtering-monitoring"].levels["B"].duty, "Check the filtering logs each morning.")
    held = {r.id for r in fm.responsibilities}
    assert "annual-review" not in held and held  # excluded, the others held from their level


def test_unknown_standards_levels_and_responsibilities_are_located(framework: Framework,
                                                                   write: Callable[..., Path]) -> None:
    role_file = write("role.yaml", """
        title: ICT Technician
        skills:
          server-network-support: B
        standards:
          cyber-securty: C
          filtering-monitoring: E
          wireless-network:
            level: B
            exclude: [coverag]
    """)
    with pytest.raises(InvalidInputError) as caught:
        load_role(role_file, framework)
    messages = [str(p) for p in caught.value.problems]
    assert f"{role_file}:5: standards.cyber-securty: 'cyber-securty' is not a standard" in messages[0]
    assert "did you mean 'cyber-security'" in messages[0]
    assert messages[1].startswith(f"{role_file}:6: standards.filtering-monitoring.level: level 'E'")
    assert messages[2].startswith(f"{role_file}:9: standards.wireless-network.exclude[0]: 'coverag'")
    assert "did you mean 'coverage'" in messages[2]


def test_extends_merges_standards_one_by_one(framework: Framework, write: Callable[..., Path]) -> None:
    write("base.yaml", """
        title: Technician
        skills: {server-network-support: B}
        standards: {cyber-security: B, filtering-monitoring: B}
    """)
    child = write("child.yaml", """
        extends: base.yaml
        standards:
          filtering-monitoring: null
          wireless-network: A
    """)
    role = load_role(child, framework)
    assert [(s.id, s.level) for s in role.standards] == [("wireless-network", "A"), ("cyber-security", "B")]


# -- documents --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def manager(framework: Framework):
    return load_role(EXAMPLES / "secondary-network-manager.yaml", framework)


def test_the_job_description_numbers_standards_duties_after_the_focus_areas(manager, tmp_path: Path) -> None:
    jd = build(manager, tmp_path)["jd"]
    assert headings(jd, 2)[-2:] == ["Personal", "Digital and technology standards"]
    items = duty_items(jd)
    labels = [label for label, _ in items]
    first = labels.index("Broadband internet standards \u00b7 Level C")
    # Numbered on from the skills' duties: every skill's duties come first, then the standards'.
    assert first == sum(len(skill_duties(s)) for s in manager.skills)
    assert labels[first:first + len(manager.standards)] == [f"{s.name} \u00b7 Level {s.level}" for s in manager.standards]
    assert items[first][1] == manager.standards[0].duty
    text = "\n".join(p.text for p in jd.paragraphs)
    assert "not part of the ICT Competences Framework" in text


def test_the_person_specification_has_the_standards_criteria(framework: Framework, tmp_path: Path) -> None:
    role = load_role(EXAMPLES / "primary-technician.yaml", framework)
    spec = person_specification(role, Wording())
    criteria = [c for c in spec.criteria() if c.origin == "standards-pack"]
    assert [c.standard_id for c in criteria] == [s.id for s in role.standards]
    assert [c.text for c in criteria] == [s.criterion for s in role.standards]
    rows = [r[0] for r in table_rows(build(role, tmp_path)["ps"])]
    assert role.standards[0].criterion in rows


def test_a_post_with_many_standards_keeps_the_criteria_cap(manager) -> None:
    spec = person_specification(manager, Wording())
    criteria = spec.criteria()
    assert len(criteria) <= MAX_CRITERIA
    shared = [c for c in criteria if c.origin == "standards-pack"]
    named = " ".join(c.text for c in shared)
    for std in manager.standards:  # every standard is still named, in its own criterion or the shared one
        assert std.criterion in named or std.name.removesuffix(" standards").lower() in named.lower()


def test_key_duties_may_name_a_standard(manager, tmp_path: Path) -> None:
    from ictroles.renderers.facts import key_duties

    cyber = next(s for s in manager.standards if s.id == "cyber-security")
    assert cyber.duty in key_duties(manager)


def test_the_workbook_has_a_standards_sheet_with_levels_and_crosswalk(manager, tmp_path: Path) -> None:
    from ictroles.renderers.excel.matrix import render_role_matrix

    out = tmp_path / "m.xlsx"
    render_role_matrix(manager, out, RenderOptions())
    wb = openpyxl.load_workbook(out)
    assert "DfE standards" in wb.sheetnames
    ws = wb["DfE standards"]
    rows = {r[0]: r for r in ws.iter_rows(min_row=5, values_only=True) if r[0]}
    assert rows["Cyber security standards"][1] == "Core"
    assert rows["Cyber security standards"][2] == "D"
    assert rows["IT support standards"][2] in (None, "")  # not taken by this post
    assert "Continuity, Maintenance & Security" in rows["Filtering and monitoring standards"][5]
    link = ws.cell(row=next(r for r in range(5, 20) if ws.cell(r, 1).value == "Cyber security standards"), column=7)
    assert link.value == "GOV.UK guidance" and link.hyperlink.target == manager.standards[3].url
    assert "not part of the ICT Competences Framework" in ws["A2"].value or \
        "Not part of the ICT Competences Framework" in ws["A2"].value


def test_show_validate_grade_and_compare_understand_standards(run: Callable[..., Result]) -> None:
    nm = EXAMPLES / "secondary-network-manager.yaml"
    shown = json.loads(run("show", nm, "--format", "json").output)
    assert [s["id"] for s in shown["standards"]][:2] == ["broadband", "network-switching"]
    assert run("validate", nm).exit_code == 0
    graded = run("grade", nm, "--grades", AUTHORITY / "grades.yaml")
    assert "do not change the indicative grade" in " ".join(graded.output.split())
    compared = run("compare", EXAMPLES / "primary-technician.yaml", nm)
    assert "DfE digital and technology standards (England)" in compared.output
    line = next(ln for ln in compared.output.splitlines() if ln.startswith("Filtering and monitoring"))
    assert line.split()[-4:] == ["B", "D", "(2", "above)"]  # role 2 against role 1 (issue 16)


def test_another_pack_is_used_with_standards_pack(run: Callable[..., Result], tmp_path: Path) -> None:
    text = standards_file().read_text(encoding="utf-8").replace(
        "name: DfE digital and technology standards (England)", "name: Westshire schools ICT standards", 1)
    pack = tmp_path / "westshire.yaml"
    pack.write_text(text, encoding="utf-8")
    result = run("standards", "--standards-pack", pack)
    assert result.output.startswith("Westshire schools ICT standards")
    shown = run("show", EXAMPLES / "primary-technician.yaml", "--standards-pack", pack)
    assert "WESTSHIRE SCHOOLS ICT STANDARDS" in shown.output


# -- who does what -----------------------------------------------------------------------------


def coverage_json(run: Callable[..., Result], *extra: str | Path) -> dict:
    result = run("coverage", *ASHDOWN, "--standards", "--provider", AUTHORITY / "provider.yaml",
                 "--format", "json", *extra)
    return json.loads(result.output)


def test_coverage_finds_the_missing_governor_and_the_covered_cyber_security(run: Callable[..., Result]) -> None:
    data = coverage_json(run, "--school", AUTHORITY / "ashdown-school.yaml")
    fm = next(s for s in data["standards"] if s["id"] == "filtering-monitoring")
    named = next(r for r in fm["responsibilities"] if r["id"] == "assign-roles")
    assert named["status"] == "gap" and named["missing"] == ["governor"]
    cyber = next(s for s in data["standards"] if s["id"] == "cyber-security")
    assert all(r["status"] == "held" for r in cyber["responsibilities"])
    technician = next(c["key"] for c in data["columns"] if c["name"] == "ICT Technician")
    provider = next(c["key"] for c in data["columns"] if c["kind"] == "provider")
    backups = next(r for r in cyber["responsibilities"] if r["id"] == "backups")
    assert backups["parts"][technician] == "responsible" and backups["parts"][provider] == "responsible"


def test_coverage_without_a_school_file_leaves_every_school_role_unheld(run: Callable[..., Result]) -> None:
    data = coverage_json(run)
    fm = next(s for s in data["standards"] if s["id"] == "filtering-monitoring")
    review = next(r for r in fm["responsibilities"] if r["id"] == "annual-review")
    assert review["status"] == "gap" and "slt-digital-lead" in review["missing"]


def test_strict_fails_on_a_core_gap_and_passes_when_filled(run: Callable[..., Result], tmp_path: Path) -> None:
    base = ["coverage", *ASHDOWN, "--standards", "--provider", AUTHORITY / "provider.yaml"]
    school = AUTHORITY / "ashdown-school.yaml"
    failed = run(*base, "--school", school, "--strict")
    assert failed.exit_code == 1 and "core standards have nobody responsible" in failed.output
    filled = tmp_path / "school.yaml"
    filled.write_text(school.read_text(encoding="utf-8") + "  governor: Mr T Lewis\n", encoding="utf-8")
    data = json.loads(run(*base, "--school", filled, "--format", "json").output)
    assert not [g for g in data["gaps"] if g["core"] and "nobody is responsible" in g["message"]]
    assert run(*base, "--school", filled, "--strict").exit_code == 0
    skills_only = ["coverage", *ASHDOWN, "--strict"]
    assert run(*skills_only).exit_code == 2  # --strict without --standards is a usage error


def test_a_school_file_with_an_unknown_role_is_located(run: Callable[..., Result], write: Callable[..., Path]) -> None:
    school = write("school.yaml", """
        school: Ashdown
        holders:
          safeguarding-lead: Mrs Khan
    """)
    result = run("coverage", *ASHDOWN, "--standards", "--school", school)
    assert result.exit_code == 1
    assert f"{school}:3: holders.safeguarding-lead: 'safeguarding-lead' is not one of the roles" in result.output


def test_the_responsibility_workbook(run: Callable[..., Result], tmp_path: Path) -> None:
    out = tmp_path / "who.xlsx"
    result = run("coverage", *ASHDOWN, "--standards", "--provider", AUTHORITY / "provider.yaml",
                 "--school", AUTHORITY / "ashdown-school.yaml", "-o", out)
    assert result.exit_code == 0
    ws = openpyxl.load_workbook(out)["Who does what"]
    header = [c.value for c in ws[4]]
    assert header[:4] == ["Standard", "Core", "Responsibility", "Status"]
    assert any(h and h.startswith("SLT digital lead\nMrs R Khan") for h in header)
    assert "Westshire Council ICT Service (provider)" in header
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=5)]
    gap = next(r for r in rows if r[2] and r[2].startswith("Name a senior leader and a governor"))
    assert gap[3] == "Gap: nobody responsible"
    governor = header.index(next(h for h in header if h and h.startswith("Digital and technology governor")))
    assert gap[governor] == "Responsible (nobody named)"


# -- lint ----------------------------------------------------------------------------------------


def lint_rules(path: Path, framework: Framework) -> list[str]:
    report = lint_file(path, framework, load_overlay(), None)
    assert report.valid, report.problems
    return [f.rule for f in report.findings]


def test_lint_warns_a_network_role_without_filtering_or_cyber_security(framework: Framework,
                                                                       write: Callable[..., Path]) -> None:
    bare = write("bare.yaml", "title: ICT Technician\nskills:\n  server-network-support: B\n")
    report = lint_file(bare, framework, load_overlay(), None)
    finding = next(f for f in report.findings if f.rule == "standards-uncovered")
    assert "filtering and monitoring and cyber security" in finding.message
    assert "standards: {filtering-monitoring: B, cyber-security: B}" in finding.suggestion
    one = write("one.yaml", "title: ICT Technician\nskills:\n  server-network-support: B\n"
                "standards:\n  filtering-monitoring: B\n")
    finding = next(f for f in lint_file(one, framework, load_overlay(), None).findings
                   if f.rule == "standards-uncovered")
    assert "cyber security" in finding.message and "filtering" not in finding.message
    assert finding.line == 4  # at the role's standards


def test_lint_stays_silent_where_it_should(framework: Framework, write: Callable[..., Path]) -> None:
    both = write("both.yaml", "title: T\nskills:\n  server-network-support: B\n"
                 "standards:\n  filtering-monitoring: B\n  cyber-security: B\n")
    assert "standards-uncovered" not in lint_rules(both, framework)
    entry = write("entry.yaml", "title: T\nskills:\n  server-network-support: A\n")
    assert "standards-uncovered" not in lint_rules(entry, framework)
    no_network = write("desk.yaml", "title: T\nskills:\n  desktop-application-support: C\n")
    assert "standards-uncovered" not in lint_rules(no_network, framework)
    wales = write("wales.yaml", "title: T\nsafer_recruitment: wales\nskills:\n  server-network-support: C\n")
    assert "standards-uncovered" not in lint_rules(wales, framework)


def test_lint_tells_a_welsh_role_the_pack_is_englands(framework: Framework, write: Callable[..., Path]) -> None:
    wales = write("wales.yaml", "title: T\nsafer_recruitment: wales\nskills:\n  server-network-support: C\n"
                  "standards:\n  cyber-security: C\n")
    report = lint_file(wales, framework, load_overlay(), None)
    finding = next(f for f in report.findings if f.rule == "standards-country")
    assert "apply in England" in finding.message


def test_the_examples_with_standards_build_and_lint_clean(run: Callable[..., Result], tmp_path: Path) -> None:
    for name in ("secondary-network-manager.yaml", "primary-technician.yaml"):
        result = run("lint", EXAMPLES / name, "--today", "2027-01-10")
        assert result.output.strip().endswith("no findings"), result.output
    built = run("build", EXAMPLES / "primary-technician.yaml", "-o", tmp_path, "--only", "jd")
    assert built.exit_code == 0
    jd = docx.Document(str(tmp_path / "primary-technician-job-description.docx"))
    assert "Filtering and monitoring standards \u00b7 Level B" in "\n".join(p.text for p in jd.paragraphs)


def test_coverage_of_many_schools_is_one_matrix_per_school(run: Callable[..., Result], tmp_path: Path,
                                                           write: Callable[..., Path]) -> None:
    other = write("other-school.yaml", "school: Brookfield Academy\nholders:\n  governor: Mr T Lewis\n")
    stray = write("stray-school.yaml", "school: Nowhere School\nholders:\n  dsl: Ms A\n")
    out = tmp_path / "who.xlsx"
    result = run("coverage", AUTHORITY / "schools", "--standards", "--provider", AUTHORITY / "provider.yaml",
                 "--school", AUTHORITY / "ashdown-school.yaml", "--school", other, "--school", stray,
                 "--format", "json", "-o", out)
    assert result.exit_code == 0
    data = json.loads(result.output[result.output.index("{"):])
    by_name = {s["school"]: s for s in data["schools"]}
    assert {"Ashdown Primary School", "Brookfield Academy", "Glenside School"} <= set(by_name)
    holders = {c["key"]: c["holder"] for c in by_name["Ashdown Primary School"]["columns"]}
    assert holders["slt-digital-lead"].startswith("Mrs R Khan") and holders["governor"] is None
    assert {c["key"]: c["holder"] for c in by_name["Brookfield Academy"]["columns"]}["governor"] == "Mr T Lewis"
    # Each school's matrix holds only its own roles (and the provider).
    roles = [c["name"] for c in by_name["Glenside School"]["columns"] if c["kind"] == "role"]
    assert roles and all("Ashdown" not in (c["file"] or "") for c in by_name["Glenside School"]["columns"])
    assert "stray-school.yaml: names the school 'Nowhere School', but none of the role files is for it" in result.output
    book = openpyxl.load_workbook(out)
    assert {"Ashdown Primary School", "Brookfield Academy"} <= set(book.sheetnames)

"""Self-assessment: the form, reading it back, the development plan, the training-needs summary.

Expectations are worked out here from the framework file and the filled cells, not by calling
the code under test.
"""

from __future__ import annotations

import datetime as dt
import random
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from conftest import EXAMPLES, REPO
from docx import Document
from openpyxl import load_workbook

from ictroles.assess.form import write_form
from ictroles.assess.model import load_assessed_role
from ictroles.assess.plan import make_plan
from ictroles.assess.read import load_assessment

TECH = EXAMPLES / "ict-technician.yaml"
PRIMARY = EXAMPLES / "primary-technician.yaml"
SENIOR = EXAMPLES / "senior-ict-technician.yaml"
SCHOOLS = EXAMPLES / "authority" / "schools"
MET = {"Confident", "Could teach others"}
FW = yaml.safe_load((REPO / "framework" / "framework.yaml").read_text(encoding="utf-8"))
PACK = yaml.safe_load((REPO / "framework" / "standards" / "dfe-england.yaml").read_text(encoding="utf-8"))
STANDARDS = {s["id"]: s for s in PACK["standards"]}
SKILL_NAMES = {s["id"]: s["name"] for s in FW["skills"]}
LEVELS = "ABCD"


def framework_ids(skill_id: str, level: str) -> list[str]:
    """The ids of one framework cell, straight from the data file."""
    skill = next(s for s in FW["skills"] if s["id"] == skill_id)
    cell = skill["levels"][level]
    return [st["id"] for facet in ("activities", "knowledge", "examples") for st in cell.get(facet) or []]


def standard_rows(role_path: Path) -> list[tuple[str, str, bool]]:
    """(id, text, level above?) of every DfE standards row a role's form should have, from the data files."""
    rows = []
    chosen = yaml.safe_load(role_path.read_text(encoding="utf-8")).get("standards") or {}
    for std_id, choice in sorted(chosen.items(), key=lambda kv: list(STANDARDS).index(kv[0])):  # the pack's order
        choice = {"level": choice} if isinstance(choice, str) else choice
        level, levels = choice["level"], STANDARDS[std_id]["levels"]
        rows.append((f"STD.{std_id}.{level}.D", choice.get("duty") or levels[level]["duty"], False))
        rows += [(f"STD.{std_id}.{level}.ADD{n}", text, False) for n, text in enumerate(choice.get("add", []), 1)]
        rows.append((f"STD.{std_id}.{level}.C", choice.get("criterion") or levels[level]["criterion"], False))
        if level != "D":
            up = LEVELS[LEVELS.index(level) + 1]
            rows.append((f"STD.{std_id}.{up}.D", levels[up]["duty"], True))
    return rows


def form_rows(path: Path) -> list[dict]:
    """Every statement row of a form as the reader sees it."""
    ws = load_workbook(path)["Self-assessment"]
    rows = []
    for r in range(7, ws.max_row + 1):
        if ws.cell(r, 7).value:
            rows.append({"row": r, "skill": ws.cell(r, 1).value, "level": ws.cell(r, 2).value,
                         "facet": ws.cell(r, 3).value, "text": ws.cell(r, 4).value,
                         "rating": ws.cell(r, 5).value, "id": ws.cell(r, 7).value})
    return rows


def fill(path: Path, out: Path, choose, name: str = "Sam Jones") -> Path:
    """Fill a form with openpyxl: ``choose(row)`` gives each row's rating."""
    wb = load_workbook(path)
    ws = wb["Self-assessment"]
    ws["B3"] = name
    ws["B4"] = dt.date(2027, 3, 14)
    for row in form_rows(path):
        ws.cell(row["row"], 5).value = choose(row)
    wb.save(out)
    return out


def expected_gaps(filled: Path, standards: bool = False) -> dict[str, set[str]]:
    """Skill (or, with ``standards``, DfE standard) name -> ids still to develop, from the cells:
    this role's rows not Confident or better."""
    gaps: dict[str, set[str]] = {}
    for row in form_rows(filled):
        if row["id"].startswith("STD.") != standards:
            continue
        if "this role" in row["level"] and row["rating"] not in MET:
            gaps.setdefault(row["skill"], set()).add(row["id"])
    return gaps


@pytest.fixture(scope="module")
def tech_form(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("form") / "form.xlsx"
    write_form(load_assessed_role(TECH, _fw()), out, dt.date(2027, 3, 1))
    return out


def _fw():
    from ictroles.framework.competences import load_framework

    return load_framework()


def mixed(seed: int):
    rng = random.Random(seed)

    def choose(row: dict) -> str:
        if "this role" in row["level"]:
            return rng.choice(["Confident"] * 6 + ["Could teach others", "Developing", "Not yet"])
        return rng.choice(["Confident", "Developing", "Not yet"])

    return choose


# ------------------------------------------------------------------------------------ the form

def test_form_asks_about_the_roles_level_and_the_level_above(tech_form):
    role_file = yaml.safe_load(TECH.read_text(encoding="utf-8"))
    expected = []
    for skill_id, choice in role_file["skills"].items():
        level = choice if isinstance(choice, str) else choice["level"]
        excluded = set(choice.get("exclude", [])) if isinstance(choice, dict) else set()
        here = [i for i in framework_ids(skill_id, level) if i not in excluded]
        if isinstance(choice, dict) and "add" in choice:
            here += [f"CS.custom.A{n}" for n, _ in enumerate(choice["add"]["activities"], 1)]
        above = framework_ids(skill_id, LEVELS[LEVELS.index(level) + 1]) if level != "D" else []
        expected.append((skill_id, set(here), set(above)))
    rows = form_rows(tech_form)
    for skill_id, here, above in expected:
        mine = [r for r in rows if r["skill"] == SKILL_NAMES[skill_id]]
        assert {r["id"] for r in mine if "this role" in r["level"]} == here, skill_id
        assert {r["id"] for r in mine if "level above" in r["level"]} == above, skill_id
    stds = standard_rows(TECH)
    assert stds and [r["id"] for r in rows if r["id"].startswith("STD.")] == [i for i, _, _ in stds]
    assert len(rows) == sum(len(h) + len(a) for _, h, a in expected) + len(stds)


def test_form_has_instructions_a_drop_down_protection_and_hidden_metadata(tech_form):
    wb = load_workbook(tech_form)
    assert wb.sheetnames[:2] == ["Instructions", "Self-assessment"]
    instructions = " ".join(str(c.value) for row in wb["Instructions"].iter_rows() for c in row if c.value)
    for words in ("Not yet", "Developing", "Confident", "Could teach others", "Personal data"):
        assert words in instructions
    ws = wb["Self-assessment"]
    last = form_rows(tech_form)[-1]["row"]
    (dv,) = ws.data_validations.dataValidation
    assert dv.type == "list" and dv.formula1 == '"Not yet,Developing,Confident,Could teach others"'
    assert dv.showErrorMessage and dv.errorStyle == "stop"
    assert str(dv.sqref) == f"E7:E{last}"
    assert ws.protection.sheet and ws.protection.deleteRows and ws.protection.insertRows and ws.protection.sort
    unlocked = {c.coordinate for row in ws.iter_rows(max_col=7) for c in row
                if not c.protection.locked and type(c).__name__ != "MergedCell"}  # C3:D3 belong to B3
    assert unlocked == {"B3", "B4"} | {f"{col}{r}" for r in range(7, last + 1) for col in "EF"}
    assert ws.column_dimensions["G"].hidden
    assert wb["ictroles"].sheet_state == "veryHidden"
    assert wb.security.lockStructure
    assert "Personal data" in ws.oddFooter.left.text


def test_form_text_is_never_a_formula(tmp_path, write):
    role = write("r.yaml", """
        title: =HYPERLINK("x")
        skills:
          communication-skills:
            level: B
            add: {activities: ["=1+1 keep the help pages up to date"]}
    """)
    out = tmp_path / "f.xlsx"
    write_form(load_assessed_role(role, _fw()), out)
    ws = load_workbook(out)["Self-assessment"]
    values = [c for row in ws.iter_rows() for c in row if isinstance(c.value, str) and c.value.startswith("=")]
    assert values and all(c.data_type == "s" for c in values)


# ------------------------------------------------------------------------------------ the plan

@pytest.mark.parametrize("seed", [1, 2, 3])
def test_plan_gaps_are_exactly_what_the_ratings_imply(tech_form, tmp_path, seed):
    filled = fill(tech_form, tmp_path / "filled.xlsx", mixed(seed))
    fw = _fw()
    role = load_assessed_role(TECH, fw)
    plan = make_plan(load_assessment(filled, role, fw), role)
    expected = expected_gaps(filled)
    assert {g.name: {st.item.id for st in g.to_develop} for g in plan.gaps} == expected
    rows = form_rows(filled)
    for s in plan.skills:
        mine = [r for r in rows if r["skill"] == s.name]
        here_met = all(r["rating"] in MET for r in mine if "this role" in r["level"])
        above = [r for r in mine if "level above" in r["level"]]
        if not here_met:
            assert s.person_level is None
        elif above and all(r["rating"] in MET for r in above):
            assert s.person_level == LEVELS[LEVELS.index(s.required) + 1]
        else:
            assert s.person_level == s.required
    met = len(plan.skills) - len(expected)
    assert plan.summary.startswith(f"Sam Jones meets {met} of {len(plan.skills)} skills of the ICT Technician role")


def test_everyone_confident_has_no_gaps(tech_form, tmp_path):
    filled = fill(tech_form, tmp_path / "filled.xlsx", lambda row: "Confident")
    fw = _fw()
    role = load_assessed_role(TECH, fw)
    plan = make_plan(load_assessment(filled, role, fw), role)
    assert plan.gaps == []
    assert plan.summary == ("Sam Jones meets all 10 skills of the ICT Technician role at the levels it needs. "
                            "All of the role's DfE standards are met.")
    assert plan.standards and all(s.met for s in plan.standards)


def test_plan_documents_read_like_an_appraisal_record(run, tech_form, tmp_path):
    filled = fill(tech_form, tmp_path / "filled.xlsx", mixed(1))
    result = run("assess", "plan", filled, "--role", TECH, "-o", tmp_path / "sam")
    assert result.exit_code == 0, result.output
    docx_path, xlsx_path = tmp_path / "sam-plan.docx", tmp_path / "sam-plan.xlsx"
    doc = Document(str(docx_path))
    text = "\n".join(p.text for p in doc.paragraphs)
    cells = "\n".join(c.text for t in doc.tables for row in t.rows for c in row.cells)
    gaps = expected_gaps(filled)
    assert "Development plan" in text and "Where you stand" in text and "Agreed by" in text
    assert "Sam Jones meets" in text
    for skill in gaps:
        assert f"{skill}: level" in text
    std_gaps = expected_gaps(filled, standards=True)
    assert cells.count("Agreed action") == len(gaps) + len(std_gaps)
    assert "Who supports it" in cells and "Review date" in cells
    footer = "\n".join(p.text for p in doc.sections[0].footer.paragraphs)
    assert "Personal data" in footer
    assert "rated Confident or Could teach others" in text
    ws = load_workbook(xlsx_path)["Plan"]
    header = [c.value for c in ws[6]]
    assert header[:5] == ["Priority", "Skill", "Level", "Facet", "Statement to develop"]
    assert {"Agreed action", "Who supports it", "Review date", "Evidence of progress"} <= set(header)
    planned = {ws.cell(r, 12).value for r in range(7, ws.max_row + 1)
               if ws.cell(r, 1).value in ("Essential for the role", "Desirable for the role")}
    assert planned == set().union(*gaps.values())
    assert "Personal data" in ws.oddFooter.left.text


def test_target_plan_lists_the_next_roles_statements(tech_form, tmp_path):
    filled = fill(tech_form, tmp_path / "filled.xlsx", mixed(2))
    fw = _fw()
    role, target = load_assessed_role(TECH, fw), load_assessed_role(SENIOR, fw)
    plan = make_plan(load_assessment(filled, role, fw), role, target)
    assert plan.target_title == "Senior ICT Technician"
    senior = yaml.safe_load(SENIOR.read_text(encoding="utf-8"))["skills"]
    # Budget & people management is not part of the technician role: all of level C to develop.
    budget = next(s for s in plan.skills if s.skill_id == "budget-people-management")
    assert {st.item.id for st in budget.to_develop} == set(framework_ids("budget-people-management", senior[
        "budget-people-management"]))
    assert {st.priority for st in budget.to_develop} == {"target"}
    # A technician skill at B: its B statements not yet met (the current role's, first), then C's.
    rows = {r["id"]: r["rating"] for r in form_rows(filled)}
    hs = next(s for s in plan.skills if s.skill_id == "health-safety")
    unmet_b = [i for i in framework_ids("health-safety", "B") if rows[i] not in MET]
    unmet_c = [i for i in framework_ids("health-safety", "C") if rows[i] not in MET]
    assert [st.item.id for st in hs.to_develop] == unmet_b + unmet_c
    assert {st.priority for st in hs.to_develop[:len(unmet_b)]} <= {"essential"}
    order = [st.priority for _, st in plan.statements_to_develop()]
    assert order == sorted(order, key=["essential", "desirable", "target", "next-level"].index)
    assert plan.summary.split(";")[0].endswith("skills of the Senior ICT Technician role")


def test_yaml_self_assessment_gives_the_same_plan_rule(write, tmp_path):
    fw = _fw()
    role = load_assessed_role(TECH, fw)
    path = write("sam.yaml", f"""
        name: Sam Jones
        date: 2027-03-14
        role: {TECH}
        skills:
          desktop-application-support: C
          server-network-support: B
          health-safety: B
        statements:
          HS.B.A1: developing
    """)
    plan = make_plan(load_assessment(path, role, fw), role)
    by_id = {s.skill_id: s for s in plan.skills}
    assert by_id["desktop-application-support"].person_level == "C"
    assert {st.item.id for st in by_id["server-network-support"].to_develop} == {
        i for i in framework_ids("server-network-support", "C") if i != "SN.C.A2"}
    assert [st.item.id for st in by_id["health-safety"].to_develop] == ["HS.B.A1"]
    # Skills the file does not mention were not assessed: everything at their level is to develop.
    assert not by_id["educational-awareness"].met


def test_plan_refuses_to_overwrite_without_force(run, tech_form, tmp_path):
    filled = fill(tech_form, tmp_path / "filled.xlsx", lambda row: "Confident")
    assert run("assess", "plan", filled, "--role", TECH, "-o", tmp_path / "sam").exit_code == 0
    again = run("assess", "plan", filled, "--role", TECH, "-o", tmp_path / "sam")
    assert again.exit_code == 1 and "already exists; use --force" in again.output
    assert run("assess", "plan", filled, "--role", TECH, "-o", tmp_path / "sam", "--force").exit_code == 0


def test_plan_into_a_folder_is_named_after_the_person(run, tech_form, tmp_path):
    filled = fill(tech_form, tmp_path / "filled.xlsx", lambda row: "Confident", name="Ada O'Neil")
    (tmp_path / "plans").mkdir()
    assert run("assess", "plan", filled, "--role", TECH, "-o", tmp_path / "plans").exit_code == 0
    assert sorted(p.name for p in (tmp_path / "plans").iterdir()) == ["ada-o-neil-plan.docx", "ada-o-neil-plan.xlsx"]


# ------------------------------------------------------------------------------------ summary

def test_summary_counts_agree_with_the_forms(run, tmp_path):
    forms = tmp_path / "forms"
    forms.mkdir()
    fw = _fw()
    expected: dict[tuple[str, str], dict[str, int]] = {}
    people = [("ashdown-primary-ict-technician.yaml", "Ann", 1), ("brookfield-academy-ict-technician.yaml", "Ben", 2),
              ("brookfield-academy-ict-technician.yaml", "Bea", 3), ("dunmore-high-senior-ict-technician.yaml", "Dev", 4)]
    for file, name, seed in people:
        role = load_assessed_role(SCHOOLS / file, fw)
        blank = tmp_path / f"{name}-blank.xlsx"
        write_form(role, blank)
        filled = fill(blank, forms / f"{name}.xlsx", mixed(seed), name=name)
        levels = {s.name: s.native_level for s in role.skills}
        for skill in expected_gaps(filled):
            by_school = expected.setdefault((skill, levels[skill]), {})
            by_school[role.spec.school] = by_school.get(role.spec.school, 0) + 1
    yaml_path = forms / "cat.yaml"
    yaml_path.write_text(f"name: Cat\ndate: 2027-03-01\nrole: {SCHOOLS / 'castlegate-primary-ict-technician.yaml'}\n"
                         "skills:\n  server-network-support: 1\n", encoding="utf-8")
    castle = load_assessed_role(SCHOOLS / "castlegate-primary-ict-technician.yaml", fw)
    for s in castle.skills:  # every skill but server & network support is unassessed: a gap
        if s.id != "server-network-support":
            expected.setdefault((s.name, s.native_level), {})["Castlegate Primary Federation"] = 1
    # Server & network support is at 2 (framework C) in Castlegate's role; level 1 declared: a gap too.
    expected.setdefault(("Server & Network support", "C"), {})["Castlegate Primary Federation"] = 1

    out = tmp_path / "needs.xlsx"
    result = run("assess", "summary", forms, "--roles", SCHOOLS, "-o", out)
    assert result.exit_code == 0, result.output
    ws = load_workbook(out)["Training needs"]
    schools = [ws.cell(4, c).value for c in range(5, ws.max_column + 1)]
    assert [ws.cell(5, c).value for c in range(5, ws.max_column + 1)] == [
        {"Ashdown Primary School": 1, "Brookfield Academy": 2, "Castlegate Primary Federation": 1,
         "Dunmore High School": 1}[s] for s in schools]
    got = {}
    for r in range(6, ws.max_row + 1):
        counts = {s: ws.cell(r, 5 + j).value for j, s in enumerate(schools) if ws.cell(r, 5 + j).value}
        got[(ws.cell(r, 2).value, ws.cell(r, 3).value)] = counts
        assert ws.cell(r, 4).value == sum(counts.values())
    assert got == expected
    names = {ws.cell(r, 1).value for r in range(4, load_workbook(out)["Technicians"].max_row + 1)
             for ws in [load_workbook(out)["Technicians"]]}
    assert {"Ann", "Ben", "Bea", "Dev", "Cat"} <= names

    anon = tmp_path / "anon.xlsx"
    assert run("assess", "summary", forms, "--roles", SCHOOLS, "-o", anon, "--anonymous").exit_code == 0
    wb = load_workbook(anon)
    assert wb.sheetnames == ["Training needs", "DfE standards"]
    everything = " ".join(str(c.value) for ws in wb for row in ws.iter_rows() for c in row if c.value)
    for name in ("Ann", "Ben", "Bea", "Dev", "Cat"):
        assert name not in everything.split()


# ------------------------------------------------------------------------------------ DfE standards

STD_ID = re.compile(r"STD\.[a-z0-9-]+\.[A-D]\.(?:D|C|ADD[0-9]+)")


@pytest.fixture(scope="module")
def primary_form(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("primary") / "form.xlsx"
    write_form(load_assessed_role(PRIMARY, _fw()), out, dt.date(2027, 3, 1))
    return out


def test_form_asks_about_the_roles_dfe_standards(primary_form):
    rows = form_rows(primary_form)
    mine = [r for r in rows if r["id"].startswith("STD.")]
    expected = standard_rows(PRIMARY)
    # Filtering and monitoring, cyber security (with the school's added duty), laptops: at B, and C's duty.
    assert [(r["id"], r["text"], "level above" in r["level"]) for r in mine] == expected
    assert {"STD.filtering-monitoring.B.D", "STD.cyber-security.B.ADD1", "STD.cyber-security.B.C",
            "STD.laptops-desktops-tablets.C.D"} <= {r["id"] for r in mine}
    added = next(r for r in mine if r["id"] == "STD.cyber-security.B.ADD1")
    assert added["text"].startswith("Check each week that the school's backups ran")
    assert {r["facet"] for r in mine} == {"DfE duty", "DfE person spec", "DfE duty (this school's)"}
    assert rows[-len(mine):] == mine, "the standards come after every skill"
    wb = load_workbook(primary_form)
    (dv,) = wb["Self-assessment"].data_validations.dataValidation
    assert str(dv.sqref) == f"E7:E{rows[-1]['row']}"
    instructions = " ".join(str(c.value) for row in wb["Instructions"].iter_rows() for c in row if c.value)
    assert "not part of the ICT Competences Framework" in instructions


def _standards_levels(filled: Path) -> dict[str, str]:
    return {r["skill"]: r["level"].split()[0] for r in form_rows(filled)
            if r["id"].startswith("STD.") and "this role" in r["level"]}


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_standards_gaps_in_the_plan_are_what_the_ratings_imply(run, primary_form, tmp_path, seed):
    filled = fill(primary_form, tmp_path / "filled.xlsx", mixed(seed), name="Jo Patel")
    fw = _fw()
    role = load_assessed_role(PRIMARY, fw)
    plan = make_plan(load_assessment(filled, role, fw), role)
    expected = expected_gaps(filled, standards=True)
    levels = _standards_levels(filled)
    assert {s.name: {st.item.id for st in s.to_develop} for s in plan.standard_gaps} == expected
    assert {s.name for s in plan.standards if s.met} == set(levels) - set(expected)
    assert {s.name: s.required for s in plan.standards} == levels
    assert {g.name: {st.item.id for st in g.to_develop} for g in plan.gaps} == expected_gaps(filled)
    n, met = len(levels), len(levels) - len(expected)
    if expected:
        assert f"Of the role's {n} DfE standards, {met or 'none'} {'is' if met <= 1 else 'are'} met" in plan.summary
    else:
        assert plan.summary.endswith("All of the role's DfE standards are met.")

    assert run("assess", "plan", filled, "--role", PRIMARY, "-o", tmp_path / "jo").exit_code == 0
    doc = Document(str(tmp_path / "jo-plan.docx"))
    paras = [p.text for p in doc.paragraphs]
    start = paras.index("DfE digital and technology standards (England)")
    assert paras[start + 1].startswith("Not part of the ICT Competences Framework.")
    assert set(STD_ID.findall("\n".join(paras))) == set().union(*expected.values())
    for name in expected:
        assert f"{name}: level {levels[name]} needed" in paras[start:]
    table = next(t for t in doc.tables if t.rows[0].cells[0].text == "Standard")
    gap_cells = {row.cells[0].text: row.cells[3].text for row in table.rows[1:]}
    assert {name for name, gap in gap_cells.items() if gap != "None"} == set(expected)
    ws = load_workbook(tmp_path / "jo-plan.xlsx")["DfE standards"]
    assert "Not part of the ICT Competences Framework" in ws["A2"].value
    assert {ws.cell(r, 12).value for r in range(6, ws.max_row + 1)} - {None} == set().union(*expected.values())
    assert {ws.cell(r, 1).value for r in range(6, ws.max_row + 1)
            if ws.cell(r, 5).value == "Met: nothing to develop"} == set(levels) - set(expected)


def test_some_seeds_meet_some_standards_and_miss_others(primary_form, tmp_path):
    """The seeds above cover both outcomes (a guard on the test, not on the code)."""
    outcomes = set()
    for seed in (1, 2, 3, 4):
        gaps = expected_gaps(fill(primary_form, tmp_path / f"f{seed}.xlsx", mixed(seed)), standards=True)
        outcomes |= {len(gaps) == 0, len(gaps) == 3, 0 < len(gaps) < 3}
    assert True in outcomes and len(outcomes) >= 2


def test_yaml_rates_standards_rows(write):
    fw = _fw()
    role = load_assessed_role(PRIMARY, fw)
    path = write("jo.yaml", """
        name: Jo Patel
        date: 2027-03-14
        standards:
          cyber-security: B
          filtering-monitoring: C
        statements:
          STD.cyber-security.B.ADD1: developing
          STD.laptops-desktops-tablets.B.C: could-teach
    """)
    plan = make_plan(load_assessment(path, role, fw), role)
    by_id = {s.standard_id: s for s in plan.standards}
    cyber = by_id["cyber-security"]
    assert [(st.item.id, st.rating) for st in cyber.to_develop] == [("STD.cyber-security.B.ADD1", "developing")]
    assert by_id["filtering-monitoring"].met and by_id["filtering-monitoring"].next_met == 1
    assert [st.item.id for st in by_id["laptops-desktops-tablets"].to_develop] == ["STD.laptops-desktops-tablets.B.D"]
    assert plan.summary.endswith("Of the role's 3 DfE standards, 1 is met; to develop: Cyber security standards (B) "
                                 "and Laptop, desktop and tablet standards (B).")


def test_yaml_with_unknown_standards_and_rows_is_located(run, write, tmp_path):
    path = write("bad.yaml", """
        name: Jo Patel
        date: 2027-03-14
        standards:
          broadband: B
          cyber-security: E
        statements:
          STD.cyber-security.C.C: confident
          STD.cyber-secuirty.B.D: confident
    """)
    out = _bad(run, tmp_path, path, role=PRIMARY)
    assert f"{path}:4: standards.broadband: 'broadband' is not one of the DfE standards of 'ICT Technician'" in out
    assert f"{path}:5: standards.cyber-security: level 'E' is not a level of the standards" in out
    assert f"{path}:7: statements.STD.cyber-security.C.C: 'STD.cyber-security.C.C' is not a DfE standards row" in out
    assert "its rows are STD.cyber-security.B.ADD1, STD.cyber-security.B.C" in out
    assert f"{path}:8: statements.STD.cyber-secuirty.B.D:" in out and "STD.cyber-security.B.D" in out
    malformed = write("malformed.yaml", """
        name: Jo Patel
        date: 2027-03-14
        statements:
          STD.cyber-security.B: confident
    """)
    out = _bad(run, tmp_path, malformed, role=PRIMARY)
    assert f"{malformed}:4: statements.STD.cyber-security.B: 'STD.cyber-security.B' is not a DfE standards row id" in out


def test_an_edited_standards_row_id_is_located(run, primary_form, tmp_path):
    filled = fill(primary_form, tmp_path / "filled.xlsx", lambda row: "Confident")
    row = next(r for r in form_rows(filled) if r["id"] == "STD.cyber-security.B.C")["row"]
    bad = _edit(filled, tmp_path / "bad.xlsx", lambda wb: wb["Self-assessment"].__setitem__(f"G{row}", "STD.cyber-security.C.C"))
    out = _bad(run, tmp_path, bad, role=PRIMARY)
    assert (f"sheet 'Self-assessment', row {row}, column G (Id): 'STD.cyber-security.C.C' is not a statement id "
            "this form was made with") in out


def test_summary_counts_standards_gaps_on_their_own_sheet(run, primary_form, tmp_path):
    forms = tmp_path / "forms"
    forms.mkdir()
    expected: dict[tuple[str, str], dict[str, int]] = {}
    tech_form = tmp_path / "tech-blank.xlsx"
    write_form(load_assessed_role(TECH, _fw()), tech_form)
    for blank, name, seed, school in ((primary_form, "Jo", 1, "Willow Lane Primary School"),
                                      (primary_form, "Kim", 2, "Willow Lane Primary School"),
                                      (tech_form, "Lee", 3, "Northfield Academy")):
        filled = fill(blank, forms / f"{name}.xlsx", mixed(seed), name=name)
        levels = _standards_levels(filled)
        for std in expected_gaps(filled, standards=True):
            by_school = expected.setdefault((std, levels[std]), {})
            by_school[school] = by_school.get(school, 0) + 1
    out = tmp_path / "needs.xlsx"
    result = run("assess", "summary", forms, "--roles", EXAMPLES, "-o", out)
    assert result.exit_code == 0, result.output
    wb = load_workbook(out)
    assert wb.sheetnames == ["Training needs", "DfE standards", "Technicians"]
    ws = wb["DfE standards"]
    assert "Not part of the ICT Competences Framework" in ws["A2"].value
    schools = [ws.cell(4, c).value for c in range(4, ws.max_column + 1)]
    assert ws.cell(5, 3).value == 3
    got = {}
    for r in range(6, ws.max_row + 1):
        counts = {s: ws.cell(r, 4 + j).value for j, s in enumerate(schools) if ws.cell(r, 4 + j).value}
        if counts:
            got[(ws.cell(r, 1).value, ws.cell(r, 2).value)] = counts
            assert ws.cell(r, 3).value == sum(counts.values())
    assert got == expected


# ------------------------------------------------------------------------------------ bad input

def _bad(run, tmp_path, filled: Path, *extra: str | Path, role: Path = TECH):
    result = run("assess", "plan", filled, "--role", role, "-o", tmp_path / "out", *extra)
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert not list(tmp_path.glob("out-plan.*")), "nothing is written"
    return result.output


def _edit(form: Path, out: Path, change) -> Path:
    wb = load_workbook(form)
    change(wb)
    wb.save(out)
    return out


@pytest.fixture
def filled(tech_form, tmp_path) -> Path:
    return fill(tech_form, tmp_path / "filled.xlsx", lambda row: "Confident")


def test_reordered_rows_are_refused(run, filled, tmp_path):
    def swap(wb):
        ws = wb["Self-assessment"]
        for col in range(1, 8):
            a, b = ws.cell(8, col), ws.cell(9, col)
            a.value, b.value = b.value, a.value
    out = _bad(run, tmp_path, _edit(filled, tmp_path / "bad.xlsx", swap))
    assert "sheet 'Self-assessment', row 8, column G (Id)" in out and "reordered" in out


def test_deleted_rows_are_refused(run, filled, tmp_path):
    gone = form_rows(filled)[3]["id"]
    out = _bad(run, tmp_path, _edit(filled, tmp_path / "bad.xlsx", lambda wb: wb["Self-assessment"].delete_rows(10)))
    assert f"the row for '{gone}' is missing (it was row 10" in out


def test_edited_ids_are_refused(run, filled, tmp_path):
    def edit(wb):
        wb["Self-assessment"]["G12"] = "DA.B.A99"
    out = _bad(run, tmp_path, _edit(filled, tmp_path / "bad.xlsx", edit))
    assert "sheet 'Self-assessment', row 12, column G (Id): 'DA.B.A99' is not a statement id" in out


def test_ratings_typed_by_hand_are_refused(run, filled, tmp_path):
    def typed(wb):
        wb["Self-assessment"]["E15"] = "Confidnet"
        wb["Self-assessment"]["E16"] = " could teach OTHERS "  # case and spaces are forgiven
    out = _bad(run, tmp_path, _edit(filled, tmp_path / "bad.xlsx", typed))
    assert "sheet 'Self-assessment', row 15, column E (Rating): 'Confidnet' is not one of the ratings" in out
    assert "row 16" not in out


def test_a_form_for_another_role_is_refused(run, filled, tmp_path):
    out = _bad(run, tmp_path, filled, role=SENIOR)
    assert "was made for 'ICT Technician' (ict-technician.yaml), not 'Senior ICT Technician'" in out


def test_a_form_for_another_framework_is_refused(run, filled, tmp_path):
    def older(wb):
        meta = wb["ictroles"]
        row = next(r for r in range(1, 12) if meta.cell(r, 1).value == "framework_version")
        meta.cell(row, 2).value = "2003"
    out = _bad(run, tmp_path, _edit(filled, tmp_path / "bad.xlsx", older))
    assert "was made with ICT Competences Framework version 2003" in out


def test_a_workbook_that_is_not_a_form_is_refused(run, tmp_path):
    from openpyxl import Workbook

    Workbook().save(tmp_path / "other.xlsx")
    out = _bad(run, tmp_path, tmp_path / "other.xlsx")
    assert "was not made by `ictroles assess form`" in out


def test_an_empty_name_is_located(run, filled, tmp_path):
    out = _bad(run, tmp_path, _edit(filled, tmp_path / "bad.xlsx", lambda wb: wb["Self-assessment"].__setitem__("B3", None)))
    assert "sheet 'Self-assessment', cell B3 (your name): is empty" in out


def test_yaml_with_unknown_skills_levels_and_ids_is_located(run, write, tmp_path):
    path = write("bad.yaml", """
        name: Sam Jones
        date: 2027-03-14
        skills:
          server-network-suport: C
          health-safety: E
        statements:
          SN.C.A99: confident
          SN.C.A1: sure
    """)
    out = _bad(run, tmp_path, path)
    assert f"{path}:4: skills.server-network-suport: unknown skill" in out and "server-network-support" in out
    assert f"{path}:7: statements.SN.C.A99" in out
    assert f"{path}:8: statements.SN.C.A1: should be 'not-yet', 'developing', 'confident' or 'could-teach'" in out
    fixed = write("level.yaml", """
        name: Sam Jones
        date: 2027-03-14
        skills:
          health-safety: E
    """)
    out = _bad(run, tmp_path, fixed)
    assert f"{fixed}:4: skills.health-safety: level 'E' is not a level of scheme 'four'" in out


def test_summary_with_a_bad_form_writes_nothing(run, filled, tmp_path):
    forms = tmp_path / "forms"
    forms.mkdir()
    shutil.copy(filled, forms / "good.xlsx")
    _edit(filled, forms / "bad.xlsx", lambda wb: wb["Self-assessment"].__setitem__("E9", "maybe"))
    result = run("assess", "summary", forms, "--roles", EXAMPLES, "-o", tmp_path / "needs.xlsx")
    assert result.exit_code == 1 and "bad.xlsx: sheet 'Self-assessment', row 9, column E (Rating)" in result.output
    assert not (tmp_path / "needs.xlsx").exists()


# ------------------------------------------------------------------------------------ LibreOffice

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.soffice
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_a_form_saved_by_libreoffice_keeps_its_drop_down_and_protection(tech_form, tmp_path):
    filled = fill(tech_form, tmp_path / "filled.xlsx", mixed(5))
    out_dir = tmp_path / "lo"
    subprocess.run([SOFFICE, "--headless", f"-env:UserInstallation=file://{tmp_path / 'profile'}",
                    "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(out_dir), str(filled)],
                   check=True, capture_output=True, timeout=180)
    saved = out_dir / "filled.xlsx"
    wb = load_workbook(saved)
    ws = wb["Self-assessment"]
    (dv,) = ws.data_validations.dataValidation
    assert dv.type == "list" and "Could teach others" in dv.formula1 and dv.showErrorMessage
    assert ws.protection.sheet and ws.protection.deleteRows
    assert not ws["E7"].protection.locked and ws["D7"].protection.locked
    assert wb["ictroles"].sheet_state in ("hidden", "veryHidden")
    fw = _fw()
    role = load_assessed_role(TECH, fw)
    plan = make_plan(load_assessment(saved, role, fw), role)
    assert {g.name: {st.item.id for st in g.to_develop} for g in plan.gaps} == expected_gaps(filled)


# ------------------------------------------------------------------------------------ docs and CLI

def test_the_documented_example_says_what_the_docs_say(run, tmp_path):
    example = EXAMPLES / "self-assessment" / "sam-jones.yaml"
    result = run("assess", "plan", example, "--role", TECH, "-o", tmp_path / "sam")
    assert result.exit_code == 0, result.output
    sentence = result.output.splitlines()[0]
    docs = " ".join((REPO / "docs" / "self-assessment.md").read_text(encoding="utf-8").split())
    assert f'"{sentence}"' in docs


def test_form_command_writes_and_refuses_to_overwrite(run, tmp_path):
    out = tmp_path / "form.xlsx"
    result = run("assess", "form", TECH, "-o", out)
    assert result.exit_code == 0 and f"Wrote {out} (" in result.output
    again = run("assess", "form", TECH, "-o", out)
    assert again.exit_code == 1 and "already exists; use --force" in again.output
    assert run("assess", "form", TECH, "-o", tmp_path / "form.docx").exit_code == 1


def test_form_for_a_bad_role_writes_nothing(run, write, tmp_path):
    role = write("bad.yaml", "title: X\nskills:\n  server-network-suport: C\n")
    result = run("assess", "form", role, "-o", tmp_path / "form.xlsx")
    assert result.exit_code == 1 and f"{role}:3: skills.server-network-suport: unknown skill" in result.output
    assert not (tmp_path / "form.xlsx").exists()

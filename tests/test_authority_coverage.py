"""Coverage of a school's support arrangement: who covers each competence, and the gaps."""

from __future__ import annotations

import json

import openpyxl
import pytest
from conftest import EXAMPLES

from ictroles.authority.coverage import coverage, load_needs
from ictroles.roles.resolve import load_role

AUTHORITY = EXAMPLES / "authority"
ASHDOWN = sorted((AUTHORITY / "schools").glob("ashdown-*.yaml"))
PROVIDER = AUTHORITY / "provider.yaml"
NEEDS = AUTHORITY / "needs.yaml"
TECH, TA, COUNCIL = "ICT Technician", "Teaching Assistant (ICT)", "Westshire Council ICT Service"


@pytest.fixture(scope="module")
def cov(framework):
    roles = [load_role(p, framework) for p in ASHDOWN]
    return coverage(roles, [load_role(PROVIDER, framework)], load_needs(NEEDS, framework))


# skill -> (highest level covered, who covers it at that level, status)
EXPECTED = {
    "desktop-application-support": ("B", (TECH,), "covered"),
    "server-network-support": ("C", (COUNCIL,), "covered"),
    "health-safety": ("C", (COUNCIL,), "covered"),
    "configuration-installation": ("C", (COUNCIL,), "covered"),
    "continuity-maintenance-security": ("C", (COUNCIL,), "covered"),
    "support-request-management": ("C", (COUNCIL,), "covered"),
    "support-arrangements-contracts": ("C", (COUNCIL,), "covered"),
    "strategy-planning": (None, (), "nobody"),
    "budget-people-management": ("B", (COUNCIL,), "covered"),
    "personal-ict-competences": ("B", (TECH,), "covered"),
    "communication-skills": ("B", (TECH,), "covered"),
    "educational-awareness": ("B", (TECH, TA), "below-need"),
}


def test_highest_level_and_who_covers_each_skill(cov):
    got = {s.id: (s.highest, s.covered_by, s.status) for s in cov.skills}
    assert got == EXPECTED


def test_the_gaps(cov):
    assert [(g.id, g.message) for g in cov.gaps] == [
        ("strategy-planning", "Strategy & Planning: nobody covers it (the school needs B)"),
        ("educational-awareness", "Educational Awareness: covered only to B by ICT Technician, "
                                  "Teaching Assistant (ICT); the school needs C"),
    ]
    assert cov.summary == "10 of 12 skills covered; 1 covered by nobody, 1 covered below the level needed."


def test_without_needs_only_uncovered_skills_are_gaps(framework):
    roles = [load_role(p, framework) for p in ASHDOWN]
    cov = coverage(roles)
    # Educational Awareness at B is no longer a gap; without the council, nobody covers budgets.
    assert [(g.id, g.status) for g in cov.gaps] == [
        ("strategy-planning", "nobody"),
        ("budget-people-management", "nobody"),
    ]
    sn = next(s for s in cov.skills if s.id == "server-network-support")
    assert (sn.highest, sn.covered_by, sn.need) == ("B", ("ICT Technician",), None)


def test_coverage_command_text(run):
    result = run("coverage", *ASHDOWN, "--provider", PROVIDER, "--needs", NEEDS)
    assert result.exit_code == 0  # gaps are findings, not errors
    text = result.output
    assert text.startswith("Support coverage: Ashdown Primary School\n")
    assert "Provider: Westshire Council ICT Service (provider.yaml)" in text
    row = next(line for line in text.splitlines() if "Strategy & Planning" in line and "NOBODY" in line)
    assert row.split()[-4:] == ["-", "NOBODY", "<<", "gap"]
    assert "- Educational Awareness: covered only to B" in text
    assert max(len(line) for line in text.splitlines()) <= 80


def test_a_folder_of_roles_skips_the_provider_and_needs_files(run, write):
    write("school/tech.yaml", "title: Technician\nskills: {desktop-application-support: C}\n")
    provider = write("school/provider.yaml", "title: Managed Service\nskills: {server-network-support: D}\n")
    needs = write("school/needs.yaml", "default: B\n")
    result = run("coverage", provider.parent, "--provider", provider, "--needs", needs, "--format", "json")
    data = json.loads(result.output)
    assert [(c["name"], c["kind"]) for c in data["contributors"]] == [
        ("Technician", "role"), ("Managed Service", "provider")]
    skills = {s["id"]: s for s in data["skills"]}
    assert skills["server-network-support"]["highest"] == "D"
    assert skills["server-network-support"]["covered_by"] == ["Managed Service"]
    assert skills["health-safety"]["need"] == "B" and skills["health-safety"]["status"] == "nobody"
    assert len(data["gaps"]) == 10


def test_two_roles_with_the_same_title_are_told_apart(framework, write):
    a = load_role(write("tech-a.yaml", "title: Technician\nskills: {health-safety: B}\n"), framework)
    b = load_role(write("tech-b.yaml", "title: Technician\nskills: {health-safety: B}\n"), framework)
    cov = coverage([a, b])
    hs = next(s for s in cov.skills if s.id == "health-safety")
    assert hs.covered_by == ("Technician (tech-a)", "Technician (tech-b)")


def test_coverage_workbook_reads_back_with_values_and_fills(run, tmp_path):
    out = tmp_path / "coverage.xlsx"
    result = run("coverage", *ASHDOWN, "--provider", PROVIDER, "--needs", NEEDS, "-o", out)
    assert result.exit_code == 0, result.output
    ws = openpyxl.load_workbook(out)["Coverage"]
    assert ws["A1"].value == "Support coverage: Ashdown Primary School"
    header = [c.value for c in ws[4]]
    assert header == ["Focus area", "Skill", "Needed", "Highest covered", "Covered by", "Status",
                      TECH, TA, f"{COUNCIL} (provider)"]
    rows = {ws.cell(r, 2).value: r for r in range(5, 17)}
    sp = rows["Strategy & Planning"]
    assert [ws.cell(sp, c).value for c in (3, 4, 5, 6)] == ["B", "-", "Nobody", "Gap: nobody covers it"]
    assert ws.cell(sp, 6).fill.fgColor.rgb.endswith("FFC7CE")  # red
    ea = rows["Educational Awareness"]
    assert ws.cell(ea, 6).value == "Below the level needed"
    assert ws.cell(ea, 4).fill.fgColor.rgb.endswith("FFEB9C")  # amber
    sn = rows["Server & Network support"]
    assert [ws.cell(sn, c).value for c in (4, 5, 7, 8, 9)] == ["C", COUNCIL, "B", "A", "C"]
    assert ws.cell(sn, 6).fill.fgColor.rgb.endswith("C6EFCE")  # green
    assert ws.cell(sn, 9).fill.fgColor.rgb.endswith("DDEBF7")  # the provider holds the top level
    assert ws.cell(18, 1).value.startswith("10 of 12 skills covered")


@pytest.mark.parametrize("text,expected", [
    ("skills:\n  strategy-planing: B\n", ":2: skills.strategy-planing: unknown skill 'strategy-planing'"),
    ("default: Z\n", ":1: default: unknown level 'Z'"),
    ("needz: {}\n", ":1: needz: unknown field"),
])
def test_bad_needs_file_is_reported_with_file_line_and_field(run, write, text, expected):
    needs = write("needs.yaml", text)
    result = run("coverage", *ASHDOWN, "--needs", needs)
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert f"{needs}{expected}" in result.output


def test_coverage_command_without_a_provider(tmp_path):
    from click.testing import CliRunner

    from ictroles.cli import cli

    result = CliRunner().invoke(cli, ["coverage", str(EXAMPLES / "ict-technician.yaml")])
    assert result.exit_code == 0, result.output
    assert "Strategy & Planning" in result.output and "NOBODY" in result.output

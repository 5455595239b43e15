"""Comparing two roles across level schemes by native framework levels and statement ids."""

from __future__ import annotations

import json

import pytest
from conftest import EXAMPLES

from ictroles.authority.compare import compare_roles
from ictroles.roles.resolve import load_role

SCHOOLS = EXAMPLES / "authority" / "schools"
THREE = SCHOOLS / "castlegate-primary-ict-technician.yaml"  # three-level scheme
FOUR = SCHOOLS / "fernhill-primary-ict-technician.yaml"  # four-level scheme


@pytest.fixture(scope="module")
def cmp(framework):
    return compare_roles(load_role(THREE, framework), load_role(FOUR, framework))


def by_id(cmp):
    return {s.id: s for s in cmp.skills}


def test_levels_compare_as_native_levels_across_schemes(cmp):
    s = by_id(cmp)
    assert (s["desktop-application-support"].a_level, s["desktop-application-support"].a_native) == ("1", ("A", "B"))
    assert s["desktop-application-support"].b_native == ("B",)
    assert s["desktop-application-support"].position == "same"  # 1 = A+B counts as B
    assert s["server-network-support"].position == "higher-in-a"  # 2 (C) against B
    assert s["configuration-installation"].position == "higher-in-b"  # 1 (A+B) against C
    assert s["support-request-management"].position == "higher-in-b"
    assert [k for k, v in s.items() if v.position == "same"] == [
        "desktop-application-support", "health-safety", "continuity-maintenance-security",
        "support-arrangements-contracts", "personal-ict-competences", "communication-skills",
        "educational-awareness",
    ]


def test_statements_only_in_each_role_by_framework_id(cmp):
    da = by_id(cmp)["desktop-application-support"]
    # A's level 1 holds A and B statements; B's level B holds the B ones: only A's A ones differ.
    assert [st.id for st in da.only_in_a] == [
        "DA.A.A1", "DA.A.A2", "DA.A.A3", "DA.A.K1", "DA.A.K2",
        "DA.A.E1", "DA.A.E2", "DA.A.E3", "DA.A.E4",
    ]
    assert da.only_in_b == ()
    sn = by_id(cmp)["server-network-support"]
    assert {st.id[:4] for st in sn.only_in_a} == {"SN.C"}
    assert {st.id[:4] for st in sn.only_in_b} == {"SN.B"}
    assert "SN.C.A1" in [st.id for st in sn.only_in_a]
    assert "SN.B.A1" in [st.id for st in sn.only_in_b]
    assert sn.in_both == 0


def test_summary_line(cmp):
    assert cmp.summary == (
        "10 skills compared: 7 at the same level, 1 higher in role 1, 2 higher in role 2, 0 only in role 1, "
        "0 only in role 2; 95 statements only in role 1, 30 only in role 2."
    )


def test_skills_in_one_role_only_and_custom_statements(framework, write):
    a = load_role(write("a.yaml", """
        title: A
        skills:
          health-safety: B
          communication-skills:
            level: B
            add: {activities: [Keep the staff ICT help pages up to date.]}
    """), framework)
    b = load_role(write("b.yaml", """
        title: B
        skills:
          strategy-planning: C
          communication-skills:
            level: B
            add: {activities: [keep the staff ICT help pages   up to date.]}
    """), framework)
    s = by_id(compare_roles(a, b))
    assert s["health-safety"].position == "only-in-a"
    assert s["health-safety"].b_level is None
    assert s["strategy-planning"].position == "only-in-b"
    # Custom statements are matched by their text (case and spacing ignored), not their id.
    assert s["communication-skills"].only_in_a == () and s["communication-skills"].only_in_b == ()


def test_compare_command_text_fits_80_columns(run):
    result = run("compare", THREE, FOUR)
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0].startswith("Role 1: ICT Technician, Castlegate Primary Federation, three-level scheme")
    # Role 2's level says where it stands against role 1's (issue 16: "C (1 above)", not "1 higher").
    row = next(line for line in lines if line.startswith("Server & Network support"))
    assert row.split() == ["Server", "&", "Network", "support", "2", "(C)", "B", "(1", "below)"]
    row = next(line for line in lines if line.startswith("Configuration & Installation"))
    assert row.split()[-3:] == ["C", "(1", "above)"]
    # Statements only in one role are listed with their text, under the skill.
    at = lines.index(next(line for line in lines if line.startswith("Desktop & Application")))
    assert lines[at + 1].strip() == "only in 1:"
    assert lines[at + 2].split(None, 1) == ["DA.A.A1", "Connect up and check hardware for normal operation."]
    assert "95 statements only in role 1, 30 only in role 2." in " ".join(result.output.split())
    assert max(len(line) for line in lines) <= 80


def test_compare_command_json(run):
    result = run("compare", THREE, FOUR, "--format", "json")
    data = json.loads(result.output)
    assert [r["scheme"] for r in data["roles"]] == ["three", "four"]
    sn = next(s for s in data["skills"] if s["id"] == "server-network-support")
    assert sn["levels"][0] == {"role": 1, "level": "2", "native_levels": ["C"], "steps": 0, "text": "2 (C)"}
    assert sn["levels"][1]["text"] == "B (1 below)" and sn["levels"][1]["steps"] == -1
    only_in_2 = [st for st in sn["statements"] if st["roles"] == [2]]
    assert only_in_2[0]["id"] == "SN.B.A1" and only_in_2[0]["text"]
    assert data["summary"].startswith("10 skills compared")


def test_compare_bad_file_exits_1(run, write):
    bad = write("bad.yaml", "title: T\nskills:\n  nonsense-skill: B\n")
    result = run("compare", THREE, bad)
    assert result.exit_code == 1
    assert f"{bad}:3: skills.nonsense-skill: unknown skill" in result.output

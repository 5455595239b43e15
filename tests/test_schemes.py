"""Level schemes: the built-in four, three and five, and clear errors for bad scheme files."""

from __future__ import annotations

import json

import pytest

from ictroles.framework.competences import FACETS
from ictroles.framework.schemes import builtin_schemes, level_content, load_scheme


def _content(framework, scheme_name, label, skill_id):
    scheme = load_scheme(scheme_name, framework)
    return level_content(scheme, label, framework.skills_by_id[skill_id], framework)


def _ids(content, facet):
    return [st.id for st in content.statements[facet]]


def test_builtin_schemes_load_with_their_levels(framework):
    assert set(builtin_schemes()) >= {"four", "three", "five"}
    labels = {name: load_scheme(name, framework).labels for name in ("four", "three", "five")}
    assert labels == {
        "four": ("A", "B", "C", "D"),
        "three": ("1", "2", "3"),
        "five": ("1", "2", "3", "4", "5"),
    }
    for name in ("four", "three", "five"):
        assert load_scheme(name, framework).rationale.strip()


def test_four_is_the_framework_unchanged(framework):
    for skill in framework.skills:
        for level in "ABCD":
            content = _content(framework, "four", level, skill.id)
            assert content.native_levels == (level,)
            for facet in FACETS:
                assert _ids(content, facet) == [st.id for st in skill.levels[level].facet(facet)]


def test_three_level_1_draws_on_a_and_b_with_identical_statements_once(framework):
    content = _content(framework, "three", "1", "health-safety")
    assert content.native_levels == ("A", "B")
    activities = content.statements["activities"]
    assert [st.id for st in activities] == ["HS.A.A1", "HS.A.A2", "HS.B.A1"]
    merged = activities[1]
    assert merged.text.startswith("Follow relevant H&S procedures")
    assert merged.merged_ids == ("HS.B.A2",)
    texts = [st.text for st in activities]
    assert len(texts) == len(set(texts))
    knowledge = content.statements["knowledge"]
    assert [(st.id, st.merged_ids) for st in knowledge] == [("HS.A.K1", ("HS.B.K1",))]
    cs = _content(framework, "three", "1", "communication-skills").statements["knowledge"]
    assert [(st.id, st.merged_ids) for st in cs] == [("CS.A.K1", ("CS.B.K1",))]


def test_every_statement_keeps_its_framework_id_through_a_scheme(framework):
    for name in ("three", "five"):
        scheme = load_scheme(name, framework)
        for level in scheme.levels:
            for skill in framework.skills:
                content = level_content(scheme, level.label, skill, framework)
                for facet in FACETS:
                    for st in content.statements[facet]:
                        ref = framework.statements[st.id]
                        assert (ref.skill.id, ref.facet, ref.statement.text) == (skill.id, facet, st.text)
                        assert st.native_level == ref.level
                        assert ref.level in content.native_levels
                        for other in st.merged_ids:
                            assert framework.statements[other].statement.text == st.text


def test_three_loses_no_statement(framework):
    """Merging A and B drops only word-for-word duplicates, each recorded in merged_ids."""
    scheme = load_scheme("three", framework)
    shown = set()
    for level in scheme.levels:
        for skill in framework.skills:
            content = level_content(scheme, level.label, skill, framework)
            for facet in FACETS:
                for st in content.statements[facet]:
                    shown.add(st.id)
                    shown.update(st.merged_ids)
    assert shown == set(framework.statements)


def test_five_level_4_draws_on_d_for_technology_and_c_for_strategy(framework):
    assert _content(framework, "five", "4", "server-network-support").native_levels == ("D",)
    assert _ids(_content(framework, "five", "4", "server-network-support"), "activities")[0] == "SN.D.A1"
    assert _content(framework, "five", "4", "strategy-planning").native_levels == ("C",)
    assert _ids(_content(framework, "five", "4", "strategy-planning"), "activities")[0] == "SP.C.A1"
    assert _content(framework, "five", "5", "strategy-planning").native_levels == ("D",)


def test_schemes_command_lists_them(run):
    result = run("schemes")
    assert result.exit_code == 0
    text = result.stdout
    for name in ("four:", "three:", "five:"):
        assert name in text
    assert "1   ICT Technician - framework A+B" in text
    assert "server-network-support: framework D" in text
    assert max(len(line) for line in text.splitlines()) <= 80
    data = json.loads(run("schemes", "--format", "json").stdout)
    assert [s["name"] for s in data] == ["three", "four", "five"]


# Bad scheme files, used from a role file as `scheme: my.yaml`

HEAD = """\
name: mine
title: My scheme
rationale: Because we need it.
levels:
"""


@pytest.fixture
def validate_with_scheme(run, write):
    """Write a scheme (levels block) and a role using it; return the validate result."""

    def check(levels_yaml: str, skill: str = "health-safety: '1'"):
        write("my.yaml", HEAD + levels_yaml)
        role = write("role.yaml", f"title: Technician\nscheme: my.yaml\nskills:\n  {skill}\n")
        result = run("validate", role)
        assert result.exit_code == 1
        assert "Traceback" not in result.output
        return result.output

    return check


def test_scheme_levels_out_of_order(validate_with_scheme):
    out = validate_with_scheme(
        '  - {label: "1", title: One, description: d, draws_on: [C]}\n'
        '  - {label: "2", title: Two, description: d, draws_on: [A, B]}\n'
        '  - {label: "3", title: Three, description: d, draws_on: [D]}\n'
    )
    assert "my.yaml:6: levels[1].draws_on: levels must be in order" in out


def test_scheme_native_level_unreachable(validate_with_scheme):
    out = validate_with_scheme(
        '  - {label: "1", title: One, description: d, draws_on: [A]}\n'
        '  - {label: "2", title: Two, description: d, draws_on: [B]}\n'
        '  - {label: "3", title: Three, description: d, draws_on: [D]}\n'
    )
    assert "my.yaml:4: levels: framework level(s) C are not drawn on by any level" in out


def test_scheme_empty_draws_on(validate_with_scheme):
    out = validate_with_scheme(
        '  - {label: "1", title: One, description: d, draws_on: []}\n'
        '  - {label: "2", title: Two, description: d, draws_on: [A, B, C, D]}\n'
    )
    assert "my.yaml:5: levels[0].draws_on: a level must draw on at least one framework level" in out


def test_scheme_unknown_statement_id_in_include(validate_with_scheme):
    out = validate_with_scheme(
        '  - label: "1"\n    title: One\n    description: d\n    draws_on: [A, B]\n'
        "    include: [SN.C.A99]\n"
        '  - {label: "2", title: Two, description: d, draws_on: [C, D]}\n'
    )
    assert "my.yaml:9: levels[0].include[0]: no statement 'SN.C.A99' in the framework" in out


def test_scheme_unknown_skill(validate_with_scheme):
    out = validate_with_scheme(
        '  - {label: "1", title: One, description: d, draws_on: [A, B]}\n'
        '  - label: "2"\n    title: Two\n    description: d\n    draws_on: [C, D]\n'
        "    skills:\n      server-network: {draws_on: [D]}\n"
    )
    assert "my.yaml:11: levels[1].skills.server-network: unknown skill 'server-network'" in out
    assert "did you mean 'server-network-support'?" in out


def test_scheme_duplicate_labels(validate_with_scheme):
    out = validate_with_scheme(
        '  - {label: "1", title: One, description: d, draws_on: [A, B]}\n'
        '  - {label: "1", title: Two, description: d, draws_on: [C, D]}\n'
    )
    assert "my.yaml:4: levels: level label '1' is used twice" in out


def test_scheme_level_with_no_statements_for_a_skill(validate_with_scheme):
    hs_a_and_b = [
        "HS.A.A1", "HS.A.A2", "HS.A.K1", "HS.A.E1", "HS.A.E2", "HS.A.E3",
        "HS.B.A1", "HS.B.A2", "HS.B.K1", "HS.B.E1", "HS.B.E2", "HS.B.E3", "HS.B.E4",
    ]
    out = validate_with_scheme(
        '  - {label: "1", title: One, description: d, draws_on: [A, B], '
        f"exclude: [{', '.join(hs_a_and_b)}]}}\n"
        '  - {label: "2", title: Two, description: d, draws_on: [C, D]}\n'
    )
    assert "my.yaml:5: levels[0]: level '1' has no statements for skill 'health-safety'" in out


def test_scheme_with_unknown_field(validate_with_scheme):
    out = validate_with_scheme(
        '  - {label: "1", title: One, description: d, drawson: [A, B]}\n'
        '  - {label: "2", title: Two, description: d, draws_on: [C, D]}\n'
    )
    assert "my.yaml:5: levels[0].drawson: unknown field" in out


def test_a_valid_own_scheme_is_accepted(run, write):
    write("my.yaml", HEAD
          + '  - {label: "Entry", title: Entry, description: d, draws_on: [A, B]}\n'
          + '  - {label: "Lead", title: Lead, description: d, draws_on: [C, D]}\n')
    role = write("role.yaml", "title: Technician\nscheme: my.yaml\nskills:\n  health-safety: Lead\n")
    result = run("show", role, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["scheme"] == "mine"
    assert data["skills"][0]["native_levels"] == ["C", "D"]

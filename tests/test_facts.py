"""Facts every document states the same way: key duties, salary lines."""

from __future__ import annotations

from pathlib import Path

from ictroles.renderers.facts import advert_facts, advert_salary, key_duties, salary_text
from ictroles.roles.resolve import load_role

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def ids(role_file: str) -> list[str]:
    return [st.id for st in key_duties(load_role(EXAMPLES / role_file))]


def test_a_managers_key_duties_include_strategy_and_budget():
    duties = ids("network-manager.yaml")
    assert len(duties) == 6
    assert "SP.D.A1" in duties and "BP.D.A1" in duties
    assert all(d.split(".")[1] == "D" for d in duties)
    # Personal competences describe the person, not the duties of the post.
    assert not any(d.split(".")[0] in ("PC", "CS", "EA") for d in duties)


def test_a_merged_level_is_described_by_its_higher_duties():
    # Level 1 of the three-level scheme draws on A and B: the advert shows B duties.
    duties = ids("three-level-technician.yaml")
    assert not any(d.split(".")[1] == "A" for d in duties)
    assert "SR.C.A4" in duties  # the one skill at level 2 (framework C) is shown


def test_key_duties_follow_the_job_description_order():
    role = load_role(EXAMPLES / "ict-technician.yaml")
    order = [st.id for s in role.skills for st in s.activities]
    duties = [st.id for st in key_duties(role)]
    assert duties == sorted(duties, key=order.index)
    assert len(set(duties)) == len(duties)


def test_a_role_can_choose_its_own_key_duties(tmp_path):
    role_file = tmp_path / "r.yaml"
    role_file.write_text("title: T\nkey_duties: [SN.B.A4, DA.B.A1]\nskills: {desktop-application-support: B, server-network-support: B}\n")
    assert [st.id for st in key_duties(load_role(role_file))] == ["SN.B.A4", "DA.B.A1"]


def test_salary_lines_for_a_term_time_post():
    role = load_role(EXAMPLES / "primary-teaching-assistant.yaml")
    actual = round(24404 * 25 / 37 * 44.2 / 52.143)
    assert advert_salary(role) == f"£{actual:,} a year actual (£24,404 FTE, NJC SCP 4-5)"
    assert salary_text(role) == f"£24,404 full-time equivalent (NJC SCP 4-5); actual pay £{actual:,} a year"


def test_spread_counts_a_merged_level_at_its_highest_for_lint_and_grade(tmp_path):
    from ictroles.authoring.lint import lint_role
    from ictroles.framework.overlay import load_overlay

    role_file = tmp_path / "r.yaml"
    # Level 1 of the three-level scheme draws on A+B: it counts as B, so B..D spans 3 levels.
    role_file.write_text("title: T\nscheme: three\nskills: {health-safety: 1, strategy-planning: 3}\n")
    role = load_role(role_file)
    spread = role.level_spread()
    assert (spread.low, spread.high, spread.span) == ("B", "D", 3)
    assert [sk.id for sk in spread.lowest] == ["health-safety"]
    assert not [f for f in lint_role(role, load_overlay()) if f.rule == "level-spread"]


def test_word_and_web_adverts_share_their_key_facts():
    role = load_role(EXAMPLES / "ict-technician.yaml")
    word = advert_facts(role)
    web = advert_facts(role, grade=True, reporting=True)
    assert [label for label, _ in word] == ["Salary", "Hours", "Contract", "Start date", "Closing date", "Interviews"]
    assert [fact for fact in web if fact[0] not in ("Grade", "Responsible to")] == word
    assert dict(web)["Grade"] == "Grade 5"

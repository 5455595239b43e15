"""Facts every document states the same way: key duties, salary lines."""

from __future__ import annotations

from pathlib import Path

from ictroles.renderers.facts import advert_facts, advert_salary, key_duties, salary_text
from ictroles.roles.resolve import load_role

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def skills_of(role_file: str) -> list[str]:
    """The skills whose concise duty the advert shows, in order."""
    role = load_role(EXAMPLES / role_file)
    by_duty = {s.duty: s for s in role.skills}
    return [by_duty[d].id for d in key_duties(role)]


def test_a_managers_key_duties_include_strategy_and_budget():
    role = load_role(EXAMPLES / "network-manager.yaml")
    shown = skills_of("network-manager.yaml")
    assert len(shown) == 6
    assert "strategy-planning" in shown and "budget-people-management" in shown
    assert all(s.native_level == "D" for s in role.skills if s.id in shown)
    # Personal competences describe the person, not the duties of the post.
    assert not any(s.focus == "personal" for s in role.skills if s.id in shown)


def test_a_merged_level_is_described_by_its_higher_duties():
    # Level 1 of the three-level scheme draws on A and B: the advert shows B's concise duty.
    role = load_role(EXAMPLES / "three-level-technician.yaml")
    from ictroles.framework.duties import load_duties

    layer = load_duties(role.framework)
    for duty in key_duties(role):
        skill = next(s for s in role.skills if s.duty == duty)
        assert duty == layer.cell(skill.id, skill.native_levels[-1]).duty
    assert "support-request-management" in skills_of("three-level-technician.yaml")  # the one skill at level 2


def test_key_duties_follow_the_job_description_order():
    role = load_role(EXAMPLES / "ict-technician.yaml")
    order = [s.duty for s in role.skills]
    duties = key_duties(role)
    assert 5 <= len(duties) <= 8
    assert duties == sorted(duties, key=order.index)
    assert len(set(duties)) == len(duties)


def test_a_role_can_choose_its_own_key_duties(tmp_path):
    role_file = tmp_path / "r.yaml"
    role_file.write_text("title: T\nkey_duties: [SN.B.A4, desktop-application-support]\n"
                         "skills: {desktop-application-support: B, server-network-support: B}\n")
    role = load_role(role_file)
    assert key_duties(role) == [role.skills[1].activities[3].text, role.skills[0].duty]
    assert role.skills[1].activities[3].id == "SN.B.A4"


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

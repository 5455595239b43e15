"""`ictroles new`: the guided role file, its non-interactive forms, and leaving no file behind."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from conftest import EXAMPLES

from ictroles.authoring.wizard import default_spec, role_file_text, with_levels, write_role_file
from ictroles.cli import cli
from ictroles.framework.competences import Framework, load_framework
from ictroles.framework.schemes import load_scheme
from ictroles.roles.resolve import load_role

NEXT_YEAR = dt.date.today().year + 1


def invoke(*args: str | Path, input: str | None = None):
    return CliRunner().invoke(cli, [str(a) for a in args], input=input)


def answers(*lines: str) -> str:
    return "\n".join(lines) + "\n"


# The twelve skills in framework order, answered one by one.
TWELVE_SKILLS = ["B", "c", "-", "", "", "", "", "-", "-", "", "", ""]


def test_interactive_wizard_writes_a_valid_commented_role(tmp_path: Path) -> None:
    target = tmp_path / "tech.yaml"
    result = invoke("new", target, input=answers(
        "Network Technician", "Hillside School", "four", *TWELVE_SKILLS,
        "25", "39", "44.2", "£24,404", "fixed-term", f"{NEXT_YEAR}-05-14"))
    assert result.exit_code == 0, result.output
    # The wizard explains the choices it asks for.
    assert "Four levels (the framework's own A-D)" in result.output
    # Each level is summed up by its concise duty (modern wording), as the designer shows it.
    from ictroles.authoring.wizard import shorten
    from ictroles.framework.duties import load_duties
    duty = load_duties(load_framework()).cell("desktop-application-support", "B").duty
    assert " ".join(f"B  ICT Technician: {shorten(duty)}".split())[:70] in " ".join(result.output.split())
    assert f"ictroles build {target}" in result.output
    role = load_role(target)
    assert role.title == "Network Technician" and role.spec.school == "Hillside School"
    levels = {s.id: s.level for s in role.skills}
    assert levels["desktop-application-support"] == "B"
    assert levels["server-network-support"] == "C"   # answered in lower case
    assert "health-safety" not in levels
    assert levels["configuration-installation"] == "C"  # Enter repeats the previous answer
    assert "strategy-planning" not in levels and "budget-people-management" not in levels
    assert role.spec.hours_per_week == 25 and role.spec.paid_weeks == 44.2
    assert role.spec.salary.fte == 24404
    assert role.spec.contract.value == "fixed-term"
    assert role.spec.closing_date == dt.date(NEXT_YEAR, 5, 14)
    assert role.pay.actual_from is not None and role.pay.pro_rata
    text = target.read_text()
    assert "# health-safety: A    # Health & Safety: not part of this role" in text
    assert "# location:" in text  # a missing advert fact is left as a commented suggestion


def test_wrong_answers_are_asked_again_with_a_helpful_message(tmp_path: Path) -> None:
    target = tmp_path / "r.yaml"
    result = invoke("new", target, input=answers(
        "ICT Technician", "", "seven", "four", "E", *TWELVE_SKILLS,
        "40", "37", "52", "lots", "26409", "forever", "permanent",
        "14/05/2027", "2001-01-01", f"{NEXT_YEAR}-05-14"))
    assert result.exit_code == 0, result.output
    out = result.output
    assert "'seven' is not one of" in out
    assert "'E' is not a level; type one of A, B, C, D, or - if Desktop & Application Support" in out
    assert "hours_per_week must be at most 37 (got 40)" in out
    assert "'lots' is not an amount; write the yearly pay in pounds" in out
    assert "'14/05/2027' is not a date; write it as YYYY-MM-DD" in out
    assert "2001-01-01 has already passed" in out
    role = load_role(target)
    assert role.spec.salary.fte == 26409 and role.spec.closing_date == dt.date(NEXT_YEAR, 5, 14)
    assert role.spec.school is None


def test_end_of_input_midway_leaves_no_file(tmp_path: Path) -> None:
    target = tmp_path / "half.yaml"
    result = invoke("new", target, input=answers("ICT Technician", "Hillside School", "four", "B", "B"))
    assert result.exit_code != 0
    assert "Aborted" in result.output
    assert not target.exists()
    assert list(tmp_path.iterdir()) == []  # no temporary file either


def test_from_example_with_yes_copies_the_example(tmp_path: Path) -> None:
    target = tmp_path / "copy.yaml"
    result = invoke("new", target, "--from", "ict-technician", "--yes")
    assert result.exit_code == 0, result.output
    copy, original = load_role(target), load_role(EXAMPLES / "ict-technician.yaml")
    assert [(s.id, s.level) for s in copy.skills] == [(s.id, s.level) for s in original.skills]
    assert [st.id for st in copy.all_statements()] == [st.id for st in original.all_statements()]
    assert copy.spec.salary == original.spec.salary and copy.spec.purpose == original.spec.purpose
    assert copy.spec.person_spec == original.spec.person_spec


def test_level_and_title_options_set_every_skill(tmp_path: Path) -> None:
    target = tmp_path / "senior.yaml"
    result = invoke("new", target, "--level", "C", "--title", "Senior ICT Technician", "--yes")
    assert result.exit_code == 0, result.output
    role = load_role(target)
    assert role.title == "Senior ICT Technician"
    assert len(role.skills) == 12 and {s.level for s in role.skills} == {"C"}


def test_from_a_file_at_another_level_drops_what_no_longer_fits(tmp_path: Path) -> None:
    target = tmp_path / "ta.yaml"
    result = invoke("new", target, "--from", EXAMPLES / "primary-teaching-assistant.yaml", "--level", "B", "-y")
    assert result.exit_code == 0, result.output
    role = load_role(target)
    assert {s.level for s in role.skills} == {"B"}
    # EA.B.K2 was included from level B; at level B it is already there, so the include went.
    assert yaml.safe_load(target.read_text())["skills"]["educational-awareness"] == "B"
    assert sum(st.id == "EA.B.K2" for st in role.all_statements()) == 1


def test_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    target = tmp_path / "exists.yaml"
    target.write_text("keep me\n")
    result = invoke("new", target, "--yes")
    assert result.exit_code == 1
    assert "already exists" in result.output and "--force" in result.output
    assert target.read_text() == "keep me\n"
    assert invoke("new", target, "--yes", "--force").exit_code == 0
    assert load_role(target).title == "ICT Technician"


@pytest.mark.parametrize(("args", "message"), [
    (("--from", "no-such-example"), "is neither a role file nor a bundled example"),
    (("--level", "Z"), "'Z' is not a level of scheme 'four'"),
])
def test_bad_options_are_clear_errors(tmp_path: Path, args: tuple[str, ...], message: str) -> None:
    result = invoke("new", tmp_path / "x.yaml", *args, "--yes")
    assert result.exit_code != 0 and message in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "x.yaml").exists()


def test_awkward_text_round_trips(tmp_path: Path, framework: Framework) -> None:
    scheme = load_scheme("four", framework)
    spec = default_spec("Technician: networks #1").replace(
        school="St Mary's \"High\" School", purpose="- null: yes # not a comment " * 6)
    spec = with_levels(spec, {"health-safety": "A"}, framework, scheme)
    target = tmp_path / "odd.yaml"
    write_role_file(role_file_text(spec, framework, scheme), target, framework)
    role = load_role(target)
    assert role.title == "Technician: networks #1"
    assert role.spec.school == "St Mary's \"High\" School"
    assert role.spec.purpose == spec.purpose.strip()


def test_new_levels_keep_the_key_duties_and_criteria_of_skills_still_in_the_role(framework: Framework) -> None:
    from ictroles.framework.schemes import load_scheme
    from ictroles.roles.spec import RoleSpec

    spec = RoleSpec.validate({
        "title": "ICT Technician",
        "key_duties": ["server-network-support", "health-safety", "DA.B.A4"],
        "skills": {"desktop-application-support": "B", "server-network-support": "B", "health-safety": "B"},
        "person_spec": {"criteria": {"server-network-support": {"essential": False},
                                     "health-safety": {"omit": True}}},
    })
    changed = with_levels(spec, {"desktop-application-support": "C", "server-network-support": "C",
                                 "health-safety": None}, framework, load_scheme("four", framework))
    assert changed.key_duties == ["server-network-support"]  # DA.B.A4 is not a level-C activity
    assert list(changed.person_spec.criteria) == ["server-network-support"]

"""The job-board listing: Teaching Vacancies' ATS API vacancy (JSON) and its form's text.

The JSON is checked against the API's vacancy_request schema, copied into
tests/data/teaching-vacancies-ats-v1-vacancy-request.json (its source is in its $comment).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

from ictroles.framework.competences import Framework
from ictroles.renderers.listing import REQUIRED, render_listing
from ictroles.renderers.outputs import OUTPUTS, RenderOptions
from ictroles.roles.resolve import load_role

REPO = Path(__file__).resolve().parent.parent
SCHEMA = json.loads((REPO / "tests" / "data" / "teaching-vacancies-ats-v1-vacancy-request.json").read_text())
TODAY = dt.date(2027, 1, 15)
LISTING = """
listing:
  url: https://stmarys.example.sch.uk/vacancies/ta-ict
  reference: SM-2027-07
  school_urns: ["120345"]
"""


def check_against_spec(body: dict[str, Any]) -> None:
    """Validate with jsonschema when installed; otherwise required keys and enum values."""
    try:
        import jsonschema
    except ImportError:
        vacancy = body["vacancy"]
        props = SCHEMA["properties"]["vacancy"]["properties"]
        assert set(SCHEMA["properties"]["vacancy"]["required"]) <= set(vacancy)
        assert set(vacancy) <= set(props)
        for key, value in vacancy.items():
            enum = props[key].get("items", props[key]).get("enum")
            for item in (value if isinstance(value, list) else [value]) if enum else ():
                assert item in enum, (key, item)
        return
    jsonschema.validate(body, SCHEMA)


def build(path: Path, tmp_path: Path, framework: Framework) -> tuple[dict[str, Any], str]:
    role = load_role(path, framework)
    out = tmp_path / f"{role.slug}-listing.json"
    render_listing(role, out, RenderOptions(today=TODAY))
    return json.loads(out.read_text()), out.with_suffix(".txt").read_text()


@pytest.fixture
def assistant(write: Callable[..., Path]) -> Path:
    text = (REPO / "examples" / "primary-teaching-assistant.yaml").read_text()
    return write("primary-teaching-assistant.yaml", text + LISTING)


def test_listing_is_a_valid_ats_vacancy(assistant: Path, tmp_path: Path, framework: Framework) -> None:
    body, _ = build(assistant, tmp_path, framework)
    check_against_spec(body)
    vacancy = body["vacancy"]
    assert vacancy["job_title"] == "Teaching Assistant (ICT)"
    assert vacancy["expires_at"] == "2027-06-11T23:59:00"  # no closing time given: the end of the day
    assert vacancy["external_reference"] == "SM-2027-07"
    assert vacancy["external_advert_url"] == "https://stmarys.example.sch.uk/vacancies/ta-ict"
    assert vacancy["schools"] == {"school_urns": ["120345"]}
    assert vacancy["job_roles"] == ["teaching_assistant", "it_support"]
    assert vacancy["working_patterns"] == ["part_time"]
    assert vacancy["contract_type"] == "fixed_term"
    assert vacancy["phases"] == ["primary"]  # from "St Mary's C of E Primary School"
    assert vacancy["starts_on"] == "1 September 2027"
    assert vacancy["job_advert"].startswith("<p>We are looking for a Teaching Assistant (ICT)")
    assert "<ul><li>" in vacancy["job_advert"]


def test_part_time_term_time_salary_shows_actual_and_fte(assistant: Path, tmp_path: Path,
                                                        framework: Framework) -> None:
    body, text = build(assistant, tmp_path, framework)
    assert body["vacancy"]["salary"] == "£13,977 a year actual (£24,404 FTE, NJC SCP 4-5)"
    assert "Full-time equivalent salary: £24,404 a year (NJC SCP 4-5)" in text
    assert "Actual salary: £13,977 a year (£24,404 FTE x 25/37 hours x 44.2/52.143 paid weeks" in text


def test_full_time_technician(write: Callable[..., Path], tmp_path: Path, framework: Framework) -> None:
    text = (REPO / "examples" / "ict-technician.yaml").read_text()
    path = write("ict-technician.yaml", text + LISTING.replace("120345", "138000")
                 + "  phases: [Secondary]\n  closing_time: '09:00'\n")
    body, listing = build(path, tmp_path, framework)
    check_against_spec(body)
    vacancy = body["vacancy"]
    assert vacancy["job_roles"] == ["it_support"]
    assert vacancy["working_patterns"] == ["full_time"]
    assert vacancy["contract_type"] == "permanent"
    assert vacancy["phases"] == ["secondary"]
    assert vacancy["expires_at"] == "2027-05-14T09:00:00"
    assert vacancy["salary"].startswith("£26,409")
    assert "Actual salary" not in listing  # a full-time, all-year post has one figure


def test_text_has_each_form_section(assistant: Path, tmp_path: Path, framework: Framework) -> None:
    _, text = build(assistant, tmp_path, framework)
    lines = text.splitlines()
    for heading in ("About the role", "Skills and experience", "What the school offers", "Commitment to safeguarding"):
        at = lines.index(heading)
        assert lines[at + 1] == "-" * len(heading)
    assert "We are looking for someone with:" in lines
    assert any("enhanced Disclosure and Barring Service (DBS) check" in line for line in lines)
    assert "STILL TO COMPLETE" not in text


def test_missing_required_fields_are_listed(framework: Framework, tmp_path: Path) -> None:
    body, text = build(REPO / "examples" / "ict-technician.yaml", tmp_path, framework)
    missing = [k for k in REQUIRED if k not in body["vacancy"]]
    assert missing == ["external_advert_url", "phases", "schools"]
    assert "STILL TO COMPLETE before the listing can be published" in text
    assert "- schools: listing.school_urns (the schools' URNs) or listing.trust_uid" in text
    assert "- phases: listing.phases" in text


@pytest.mark.parametrize(("entry", "message"), [
    ("phases: [infants]", "listing.phases[0]"),
    ("job_roles: [technician]", "listing.job_roles[0]"),
    ("closing_time: noon", "'noon' is not a time; write it as HH:MM"),
    ("urn: 1234", "listing.urn: unknown field"),
])
def test_bad_listing_fields(run: Callable[..., Result], write: Callable[..., Path], entry: str, message: str) -> None:
    path = write("r.yaml", f"title: T\nlisting:\n  {entry}\n")
    result = run("validate", path)
    assert result.exit_code == 1
    assert message in result.output


def test_only_listing_writes_json_and_text(run: Callable[..., Result], assistant: Path, tmp_path: Path) -> None:
    result = run("build", assistant, "-o", tmp_path / "out", "--only", "listing")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "primary-teaching-assistant-listing.json", "primary-teaching-assistant-listing.txt"]
    assert OUTPUTS["listing"].paths(tmp_path, "x") == [tmp_path / "x-listing.json", tmp_path / "x-listing.txt"]


def test_user_text_is_escaped_in_the_advert_html(write: Callable[..., Path], tmp_path: Path,
                                                 framework: Framework) -> None:
    path = write("r.yaml", "title: T\npurpose: To fix <script>alert(1)</script> & more.\n")
    body, _ = build(path, tmp_path, framework)
    assert "<script>" not in body["vacancy"]["job_advert"]
    assert "&lt;script&gt;" in body["vacancy"]["job_advert"]


def test_a_closing_time_is_the_same_in_the_listing_and_the_advert(framework: Framework, write: Callable[..., Path]) -> None:
    from ictroles.renderers.facts import advert_facts
    from ictroles.renderers.listing import vacancy

    base = (Path(__file__).parent.parent / "examples" / "ict-technician.yaml").read_text(encoding="utf-8")
    noon = write("noon.yaml", base + "listing:\n  closing_time: \"12:00\"\n")
    role = load_role(noon, framework)
    assert dict(advert_facts(role))["Closing date"] == "Friday 14 May 2027, 12:00"
    assert vacancy(role, RenderOptions())["expires_at"] == "2027-05-14T12:00:00"
    plain = load_role(write("plain.yaml", base), framework)
    assert dict(advert_facts(plain))["Closing date"] == "Friday 14 May 2027"  # the whole day
    assert vacancy(plain, RenderOptions())["expires_at"] == "2027-05-14T23:59:00"


def test_without_a_reference_two_schools_posts_get_different_ones(framework: Framework, write: Callable[..., Path]) -> None:
    from ictroles.renderers.listing import vacancy

    base = (Path(__file__).parent.parent / "examples" / "ict-technician.yaml").read_text(encoding="utf-8")
    north = load_role(write("north/ict-technician.yaml", base), framework)
    south = load_role(write("south/ict-technician.yaml", base.replace("Northfield Academy", "Southfield School")),
                      framework)
    refs = {vacancy(r, RenderOptions())["external_reference"] for r in (north, south)}
    assert refs == {"northfield-academy-ict-technician", "southfield-school-ict-technician"}

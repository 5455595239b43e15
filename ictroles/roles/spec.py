"""Role files: the YAML a school writes, its schema, and ``extends`` inheritance."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, Literal, get_args

from ictroles.core.errors import InvalidInputError, Problem
from ictroles.core.files import resolve_path
from ictroles.core.model import Before, Model, Range, parse_date, to_number
from ictroles.core.validation import Label, Line, Paragraph, ProblemList, Sentence
from ictroles.core.yamlio import SourceMap, load_yaml
from ictroles.framework.competences import suggest
from ictroles.roles.discovery import file_kind

MAX_EXTENDS_DEPTH = 10
# Fields naming a file, resolved against the folder of the role file that sets them.
PATH_FIELDS = ("scheme", "templates", "letterhead")

# The person specification's vocabulary, in document order: defined here once, used by the
# wording files and the renderers.
Assessment = Literal["A", "I", "T", "R"]
Category = Literal[
    "qualifications", "experience", "knowledge", "personal", "suitability"
]
CATEGORIES: tuple[Category, ...] = get_args(Category)
ASSESSMENTS: tuple[Assessment, ...] = get_args(Assessment)


class Contract(StrEnum):
    """Contract types a school advert states."""

    permanent = "permanent"
    fixed_term = "fixed-term"
    casual = "casual"


class CustomStatements(Model):
    """A role's own statements for one skill, per facet."""

    activities: list[Sentence] = []
    knowledge: list[Sentence] = []
    examples: list[Sentence] = []


def _level_shorthand(value: Any) -> Any:
    """``server-network-support: C`` is short for ``{level: C}``."""
    if value is None:
        raise ValueError("no level given; write one, e.g. 'health-safety: B', or remove the line")
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return {"level": value}
    return value


def _money(value: Any) -> Any:
    """Salaries as people type them: ``£26,409`` and ``26,409.00`` mean 26409."""
    if isinstance(value, str):
        amount = to_number(value.strip().removeprefix("£").replace(",", ""))
        if amount is None:
            raise ValueError(f"'{value}' is not an amount; write the yearly pay in pounds, e.g. 26409")
        return amount
    return value


def _lower(value: Any) -> Any:
    """Choices are matched without regard to case (``Permanent`` is ``permanent``)."""
    return value.strip().lower() if isinstance(value, str) else value


Money = Annotated[float, Before(_money), Range(gt=0, le=1_000_000)]


def _iso_date(value: Any) -> Any:
    if isinstance(value, str):
        try:
            return parse_date(value)
        except ValueError:
            raise ValueError(
                f"'{value}' is not a date; write it as YYYY-MM-DD, e.g. 2027-03-14"
            ) from None
    return value


Date = Annotated[dt.date, Before(_iso_date)]
Hours = Annotated[float, Range(gt=0, le=60)]
Weeks = Annotated[float, Range(gt=0, le=52.143)]


class SkillChoice(Model):
    """The level chosen for one skill, with statements included, excluded or added."""

    level: Label
    include: list[Line] = []
    exclude: list[Line] = []
    add: CustomStatements = CustomStatements()
    # Statement id -> the school's wording of that framework statement, kept in its place.
    # The field is named as role files write it; it hides Model.replace on choices, which
    # nothing calls (choices are rebuilt from data, never copied).
    replace: dict[Line, Sentence] = {}  # type: ignore[assignment]
    # The role's own words for the documents, instead of framework/duties.yaml's.
    duty: Sentence | None = None
    criterion: Sentence | None = None
    task: Sentence | None = None


class StandardChoice(Model):
    """The level chosen for one standard of the standards pack, with its changes."""

    level: Label
    exclude: list[Line] = []  # responsibility ids the role does not hold (the provider does)
    add: list[Sentence] = []  # the role's own duties for the standard
    duty: Sentence | None = None  # the role's own words instead of the pack's level duty
    criterion: Sentence | None = None


class Salary(Model):
    """Pay: full-time-equivalent annual salary (or a range) and/or pay scale text."""

    fte: Money | None = None
    fte_to: Money | None = None
    scale: Line | None = None


class CriterionOverride(Model):
    """Changes to one skill's person-specification criterion, keyed by skill id."""

    text: Sentence | None = None
    category: Category | None = None
    essential: bool | None = None
    assessed: list[Assessment] | None = None
    omit: bool = False


class CriterionAdd(Model):
    """A person-specification criterion the role adds."""

    text: Sentence
    category: Category
    essential: bool = True
    assessed: list[Assessment] = ["A", "I"]


# Teaching Vacancies' publisher ATS API (v1) values; see ictroles/renderers/listing.py.
Phase = Literal["nursery", "primary", "secondary", "sixth_form_or_college", "through"]
JobRole = Literal[
    "teacher", "headteacher", "deputy_headteacher", "assistant_headteacher", "head_of_year_or_phase",
    "head_of_department_or_curriculum", "teaching_assistant", "higher_level_teaching_assistant",
    "education_support", "sendco", "administration_hr_data_and_finance",
    "catering_cleaning_and_site_management", "it_support", "pastoral_health_and_welfare",
    "other_leadership", "other_support",
]


def _closing_time(value: Any) -> Any:
    if isinstance(value, str) and not (len(value) == 5 and value[2] == ":" and value[:2].isdigit()
                                       and value[3:].isdigit() and int(value[:2]) < 24 and int(value[3:]) < 60):
        raise ValueError(f"'{value}' is not a time; write it as HH:MM on the 24-hour clock, e.g. 12:00")
    return value


class Listing(Model):
    """What a job-board listing (DfE Teaching Vacancies) needs beyond the advert."""

    url: Line | None = None  # the advert on the school's website
    reference: Line | None = None  # the school's own reference for the vacancy
    school_urns: list[Line] = []  # unique reference numbers of the schools (GIAS)
    trust_uid: Line | None = None  # the trust's UID, for a trust-wide post
    phases: list[Annotated[Phase, Before(_lower)]] = []
    job_roles: list[Annotated[JobRole, Before(_lower)]] = []
    # On the closing date, UK time. Without it applications close at the end of the day, as
    # the advert (which then states no time) and its JSON-LD say.
    closing_time: Annotated[str, Before(_closing_time)] | None = None
    school_offer: Paragraph | None = None  # "What the school offers its staff"


class PersonSpec(Model):
    """Overrides and additions to the derived person specification."""

    criteria: dict[str, CriterionOverride] = {}
    add: list[CriterionAdd] = []
    defaults: bool = True  # include the template's standard criteria per category


class RoleSpec(Model):
    """Everything a role file may say. Only ``title`` is required."""

    title: Line
    extends: Line | None = None
    school: Line | None = None
    location: Line | None = None
    grade: Line | None = None
    salary: Salary | None = None
    hours_per_week: Hours | None = None
    full_time_hours: Hours = 37
    weeks_per_year: Weeks | None = None
    paid_weeks: Weeks | None = None
    contract: Annotated[Contract, Before(_lower)] | None = None
    contract_note: Line | None = None
    responsible_to: Line | None = None
    responsible_for: Line | None = None
    working_relationships: list[Line] = []
    purpose: Paragraph | None = None
    about_school: Paragraph | None = None
    start_date: Line | None = None
    closing_date: Date | None = None
    interview_date: Date | None = None
    how_to_apply: Paragraph | None = None
    contact: Line | None = None
    prepared: Date | None = None
    review: Date | None = None
    version: Line | None = None
    safer_recruitment: Annotated[Literal["england", "wales"], Before(_lower)] = "england"
    typical_tasks: bool = False  # the older name of appendix: the Examples are in the appendix now
    appendix: bool = False  # the job description ends with the framework statements it is built from
    standard: bool = False  # an authority's standard role that schools extend: no advert
    provider: bool = False  # a service provider's file (coverage --provider), not a post
    key_duties: list[Line] = []
    additional_duties: list[Sentence] = []
    person_spec: PersonSpec = PersonSpec()
    listing: Listing = Listing()
    templates: Line | None = None
    letterhead: Line | None = None
    scheme: Line = "four"
    # An empty value (``health-safety:``) is an error here; in a file that ``extends`` another,
    # ``null`` removes the parent's skill and is handled while merging.
    skills: dict[str, Annotated[SkillChoice, Before(_level_shorthand)]] = {}
    # Standards of the standards pack (the DfE's, by default), a level each, like skills.
    standards: dict[str, Annotated[StandardChoice, Before(_level_shorthand)]] = {}

    def cross_field_problems(self) -> list[tuple[tuple[str, ...], str]]:
        """Checks that involve two fields, as (field path, message); resolve locates them."""
        found: list[tuple[tuple[str, ...], str]] = []
        salary = self.salary
        if salary and salary.fte_to is not None and salary.fte is None:
            found.append((("salary", "fte_to"), "fte_to needs fte (the bottom of the range)"))
        if salary and salary.fte_to is not None and salary.fte is not None and salary.fte_to < salary.fte:
            found.append((("salary", "fte_to"), f"is below fte ({salary.fte:g}); fte_to is the top of the range"))
        if self.paid_weeks and self.weeks_per_year and self.paid_weeks < self.weeks_per_year:
            found.append((("paid_weeks",), f"({self.paid_weeks:g}) cannot be fewer than weeks_per_year "
                          f"({self.weeks_per_year:g}): paid weeks are the weeks worked plus paid holidays"))
        if self.hours_per_week and self.hours_per_week > self.full_time_hours:
            found.append((("hours_per_week",), f"({self.hours_per_week:g}) is more than full_time_hours "
                          f"({self.full_time_hours:g}); set full_time_hours if the school's full-time week is longer"))
        return found


def load_role_data(path: Path) -> tuple[dict[str, Any], SourceMap]:
    """Load a role file and everything it ``extends`` into one merged mapping."""
    return _load_merged(Path(path), [])


def _load_merged(path: Path, chain: list[Path]) -> tuple[dict[str, Any], SourceMap]:
    data, smap = load_yaml(path, "role file")
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else "a single value"
        raise InvalidInputError(
            [Problem(path, 1, "", f"a role file must be a mapping of fields (title: ..., skills: ...), not {kind}")]
        )
    other = file_kind(data, in_folder=False)
    if other is not None:
        src, line = smap.locate((other[1],))
        raise InvalidInputError([Problem(src, line, "", (
            f"this is a {other[0]} (it has '{other[1]}:'), not a role file; give role files only, "
            "or a folder (other kinds of file in it are skipped)"))])
    base_dir = path.parent
    resolve_path_fields(data, smap, path)
    parent_ref = data.get("extends")
    if parent_ref is None:
        return data, smap
    if not isinstance(parent_ref, str):
        src, line = smap.locate(("extends",))
        raise InvalidInputError([Problem(src, line, "extends", "must be the path of another role file")])
    src, line = smap.locate(("extends",))
    if not parent_ref.lower().endswith((".yaml", ".yml")):
        # Refuse before reading: `extends: ../../etc/passwd` must not pull in an arbitrary file.
        raise InvalidInputError(
            [Problem(src, line, "extends", f"'{parent_ref}' is not a role file; extends names a .yaml file")]
        )
    try:
        parent = resolve_path(base_dir / parent_ref)
        here = resolve_path(path)
    except InvalidInputError as exc:
        raise InvalidInputError([Problem(src, line, "extends", exc.problems[0].message)]) from None
    if parent in chain or parent == here:
        cycle = " -> ".join(p.name for p in [*chain, here, parent])
        raise InvalidInputError([Problem(src, line, "extends", f"circular extends: {cycle}")])
    if len(chain) >= MAX_EXTENDS_DEPTH:
        raise InvalidInputError([Problem(src, line, "extends", f"extends is chained more than {MAX_EXTENDS_DEPTH} deep")])
    if not parent.exists():
        raise InvalidInputError(
            [Problem(src, line, "extends", f"the role file it extends, '{parent_ref}', does not exist (looked for {parent})")]
        )
    base, base_map = _load_merged(parent, [*chain, here])
    return merge_roles(base, base_map, data, smap)


def resolve_path_fields(data: dict[str, Any], smap: SourceMap, path: Path) -> None:
    """Make the role's ``scheme`` (when a file), ``templates`` and ``letterhead`` absolute,
    against the folder of the role file ``path``; a scheme that is not a .yaml file is refused
    before anything reads it. Problems are raised located."""
    problems = ProblemList(smap, path)
    for key in PATH_FIELDS:
        value = data.get(key)
        if not isinstance(value, str) or (key == "scheme" and not _looks_like_path(value)):
            continue
        if key == "scheme" and not value.lower().endswith((".yaml", ".yml")):
            # Refuse before reading, as for extends: `scheme: /etc/passwd` must not be read.
            problems.add((key,), f"'{value}' is not a scheme file; scheme names a built-in scheme "
                         "or a .yaml file")
            continue
        try:
            data[key] = str(resolve_path(path.parent / value))
        except InvalidInputError as exc:
            problems.add((key,), exc.problems[0].message)
    if problems:
        raise InvalidInputError(problems)


def _looks_like_path(value: str) -> bool:
    return "/" in value or "\\" in value or value.lower().endswith((".yaml", ".yml"))


def merge_roles(
    base: dict[str, Any], base_map: SourceMap, child: dict[str, Any], child_map: SourceMap
) -> tuple[dict[str, Any], SourceMap]:
    """Child fields replace the base's; ``skills`` and ``standards`` merge one by one (``null``
    removes one) and ``salary`` field by field (``null`` removes a field).

    Skill and standard ids match without regard to case. Removing one the base does not have
    is an error with a suggestion, raised once every removal has been checked. ``standard`` is
    never inherited: a school's role that extends a standard role is a post.
    """
    merged = {k: v for k, v in base.items() if k != "standard"}
    smap = SourceMap()
    smap.rebase((), base_map)
    problems = ProblemList(child_map, None)
    for key, value in child.items():
        if key == "extends":
            continue
        if key in MERGED_BY_ENTRY and isinstance(value, dict) and isinstance(base.get(key), dict):
            chosen = dict(base[key])
            for sid, choice in value.items():
                # The base's spelling of the id, when the child writes it in another case.
                same = [k for k in chosen if isinstance(k, str) and isinstance(sid, str)
                        and k.casefold() == sid.casefold()]
                for old in same:
                    chosen.pop(old)
                    for loc in [loc for loc in smap.lines if loc[:2] == (key, old)]:
                        del smap.lines[loc]
                if choice is None:
                    if not same and key != "salary":
                        problems.add((key, sid), _not_inherited(key, sid, list(base[key])))
                    continue
                chosen[sid] = choice
                smap.rebase((key, sid), child_map, (key, sid))
            merged[key] = chosen
        else:
            merged[key] = value
            for k in [k for k in smap.lines if k[:1] == (key,)]:
                del smap.lines[k]
            smap.rebase((key,), child_map, (key,))
    smap.lines[()] = child_map.lines.get((), (Path("."), 1))
    if problems:
        raise InvalidInputError(problems)
    return merged, smap


# Fields a role that extends another merges entry by entry rather than replacing whole.
MERGED_BY_ENTRY = ("skills", "standards", "salary")


def _not_inherited(key: str, sid: Any, inherited: list[Any]) -> str:
    """Why ``sid: null`` removes nothing, with the closest id the parent does have."""
    what = "skill" if key == "skills" else "standard"
    names = [str(k) for k in inherited]
    hint = suggest(str(sid), names) or f"; it has {', '.join(names) or 'none'}"
    return f"'{sid}' is not a {what} of the role this file extends, so 'null' removes nothing{hint}"

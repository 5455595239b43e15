"""What a self-assessment asks about, and what a person's answers are.

A role's self-assessment asks about every statement of the role's skills at the role's level
and at the level above (where the scheme has one). :func:`assessment_items` lists them once;
the form, the YAML reader, the plan and the summary all use that list. The answers of one
person, from a filled form or a YAML file, are a :class:`SelfAssessment`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from ictroles.core.errors import InvalidInputError
from ictroles.core.model import Model
from ictroles.core.validation import Label, Line, ProblemList, validate_data
from ictroles.core.yamlio import SourceMap, load_yaml
from ictroles.framework.competences import FACETS, Facet, Framework, suggest, unknown_statement
from ictroles.framework.overlay import load_overlay
from ictroles.framework.schemes import level_content
from ictroles.roles.modernise import modernise_role, modernise_statement
from ictroles.roles.resolve import ResolvedRole, ResolvedSkill, load_role

Rating = Literal["not-yet", "developing", "confident", "could-teach"]
#: The ratings lowest first: the key a YAML file uses and the words the form's drop-down shows.
RATINGS: dict[Rating, str] = {
    "not-yet": "Not yet",
    "developing": "Developing",
    "confident": "Confident",
    "could-teach": "Could teach others",
}
#: What each rating means, as the form's instructions and the docs say it.
RATING_MEANINGS: dict[Rating, str] = {
    "not-yet": "I have not done this yet, or only watched someone else do it.",
    "developing": "I have done this with help, or I am learning it now.",
    "confident": "I do this on my own, reliably, as part of my job.",
    "could-teach": "I could show a colleague how to do it and answer their questions.",
}
#: A level is met when every one of its statements is rated one of these.
MET: frozenset[Rating] = frozenset({"confident", "could-teach"})
LEVEL_RULE = ("A level counts as met when every statement at that level is rated Confident or "
              "Could teach others; a statement left blank counts as Not yet.")
PERSONAL_DATA_NOTE = ("Personal data: a named person's self-assessment. Keep it with appraisal records; "
                      "share it only with those who support their development.")


def load_assessed_role(path: Path, framework: Framework) -> ResolvedRole:
    """A role as self-assessments see it: resolved, in the modern wording its documents use."""
    return modernise_role(load_role(path, framework), load_overlay())


@dataclass(frozen=True)
class AssessedStatement:
    """One row of a self-assessment: a statement of one skill at one level of the role's scheme."""

    id: str
    text: str
    facet: Facet
    skill_id: str
    skill_name: str
    level: str  # the scheme's label, e.g. "B"
    above: bool  # False: the role's own level; True: the level above it
    native_level: str | None = None  # the framework level (A-D); None for a role's own statements


def assessment_items(role: ResolvedRole) -> tuple[AssessedStatement, ...]:
    """Every statement a self-assessment against ``role`` asks about, in form order.

    Skill by skill (framework order): the role's statements at its level, then the level
    above's (those not already at the role's level), each facet in turn.
    """
    items: list[AssessedStatement] = []
    for skill in role.skills:
        items.extend(role_level_items(skill))
        items.extend(next_level_items(role, skill))
    items.extend(standards_items(role))
    return tuple(items)


def role_level_items(skill: ResolvedSkill) -> list[AssessedStatement]:
    """The skill's statements at the role's level, as resolved (includes, excludes, additions)."""
    return [AssessedStatement(st.id, st.text, f, skill.id, skill.name, skill.level, False, st.native_level)
            for f in FACETS for st in skill.statements(f)]


def next_level_items(role: ResolvedRole, skill: ResolvedSkill) -> list[AssessedStatement]:
    """The statements of the level above the skill's (none at the scheme's top level)."""
    if skill.next_level is None:
        return []
    fw_skill = role.framework.skills_by_id[skill.id]
    content = level_content(role.scheme, skill.next_level, fw_skill, role.framework)
    have = {st.id for f in FACETS for st in skill.statements(f)}
    have |= {m for f in FACETS for st in skill.statements(f) for m in st.merged_ids}
    overlay = load_overlay()  # the form shows the wording the role's documents show
    return [AssessedStatement(st.id, modernise_statement(st, overlay).text, f, skill.id, skill.name,
                              skill.next_level, True, st.native_level)
            for f in FACETS for st in content.statements[f] if st.id not in have]


def standards_items(role: ResolvedRole) -> list[AssessedStatement]:
    """STANDARDS: where the role's DfE standards statements will join the self-assessment.

    Roles do not carry standards yet (a separate piece of work adds them). When they do, this
    is the one place to turn them into rows; the form, plan and summary need no other change.
    """
    return []


class SelfAssessmentFile(Model):
    """A self-assessment written as YAML instead of a filled form (see docs/self-assessment.md)."""

    name: Line
    date: dt.date
    role: Line | None = None  # the role file, relative to this file
    skills: dict[str, Label] = {}  # skill id -> the level the person is confident at
    statements: dict[str, Rating] = {}  # statement id -> rating, overriding the skill's level


@dataclass(frozen=True)
class SelfAssessment:
    """One person's answers: ratings by statement id, from a form or a YAML file."""

    name: str
    date: dt.date | None
    source: Path
    ratings: dict[str, Rating]
    evidence: dict[str, str] = field(default_factory=dict)
    role_file: str | None = None  # the role file the answers were given against, as recorded
    role_title: str | None = None
    asked: frozenset[str] = frozenset()  # every statement id the person was asked about

    def rating(self, statement_id: str, *also: str) -> Rating | None:
        """The rating of a statement (or of an identical statement merged into it), if any."""
        for sid in (statement_id, *also):
            if sid in self.ratings:
                return self.ratings[sid]
        return None


def load_yaml_assessment(path: Path, framework: Framework) -> tuple[SelfAssessmentFile, SourceMap]:
    """Read a YAML self-assessment; unknown skills and statement ids are located problems.

    Every problem is reported at once: the ids are checked even when a field is malformed.
    """
    raw, smap = load_yaml(path, "self-assessment")
    problems = ProblemList(smap, path)
    data: SelfAssessmentFile | None = None
    try:
        data = validate_data(SelfAssessmentFile, raw, smap, path, "self-assessment")
    except InvalidInputError as exc:
        problems.extend(exc.problems)
    raw = raw if isinstance(raw, dict) else {}
    skills: dict[str, object] = raw["skills"] if isinstance(raw.get("skills"), dict) else {}
    statements: dict[str, object] = raw["statements"] if isinstance(raw.get("statements"), dict) else {}
    for sid in skills:
        if sid not in framework.skills_by_id:
            problems.add(("skills", sid), f"unknown skill '{sid}'" + suggest(str(sid), list(framework.skills_by_id))
                         + " (`ictroles framework` lists the skills)")
    for stid in statements:
        if stid not in framework.statements and ".custom." not in str(stid):
            problems.add(("statements", stid), unknown_statement(framework, str(stid)))
    if problems or data is None:
        raise InvalidInputError(sorted(problems, key=lambda p: p.line or 0))
    return data, smap


def ratings_from_yaml(data: SelfAssessmentFile, smap: SourceMap, path: Path, role: ResolvedRole,
                      extra: tuple[AssessedStatement, ...] = ()) -> SelfAssessment:
    """The YAML file's answers as ratings of the role's statements (and of ``extra`` ones).

    A skill's level says every statement at or below it is Confident and those above are Not
    yet; a statement listed under ``statements`` keeps its own rating.
    """
    problems = ProblemList(smap, path)
    labels = role.scheme.labels
    for sid, level in data.skills.items():
        if level not in labels:
            problems.add(("skills", sid), f"level '{level}' is not a level of scheme '{role.scheme.name}' "
                         f"(the scheme of '{role.title}'); choose one of {', '.join(labels)}"
                         + suggest(level, labels))
    if problems:
        raise InvalidInputError(problems)
    fw = role.framework
    ratings: dict[str, Rating] = {}
    items = (*assessment_items(role), *extra)
    for item in items:
        declared = data.skills.get(item.skill_id)
        if item.id in data.statements:
            ratings[item.id] = data.statements[item.id]
        elif declared is not None:
            # Compared as framework levels, so a target role on another scheme is rated too.
            top = level_content(role.scheme, declared, fw.skills_by_id[item.skill_id], fw).native_levels[-1]
            if item.native_level is not None:
                met = fw.level_index(item.native_level) <= fw.level_index(top)
            else:  # the role's own added statement sits at the role's level
                met = item.level in labels and labels.index(item.level) <= labels.index(declared)
            ratings[item.id] = "confident" if met else "not-yet"
    for stid, rating in data.statements.items():
        ratings.setdefault(stid, rating)
    return SelfAssessment(data.name, data.date, path, ratings, role_file=data.role,
                          asked=frozenset(item.id for item in items) | frozenset(data.statements))

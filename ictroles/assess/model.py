"""What a self-assessment asks about, and what a person's answers are.

A role's self-assessment asks about every statement of the role's skills at the role's level
and at the level above (where the scheme has one), then about the role's DfE digital and
technology standards (England), which are not part of the framework: each standard's duty at
the role's level, the role's own added duties, its person-specification criterion, and the
duty of the level above. :func:`assessment_items` lists them once;
the form, the YAML reader, the plan and the summary all use that list. The answers of one
person, from a filled form or a YAML file, are a :class:`SelfAssessment`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from ictroles.core.errors import InvalidInputError
from ictroles.core.model import Model
from ictroles.core.validation import Label, Line, ProblemList, validate_data
from ictroles.core.yamlio import SourceMap, load_yaml
from ictroles.framework.competences import FACET_NAMES, FACETS, Facet, Framework, suggest, unknown_statement
from ictroles.framework.overlay import load_overlay
from ictroles.framework.schemes import level_content
from ictroles.framework.standards import StandardsPack
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


STANDARD_PARTS = {"D": "DfE duty", "C": "DfE person spec", "ADD": "DfE duty (this school's)"}
#: How documents label the standards rows: never as part of the framework.
STANDARDS_NOTE = ("The Department for Education's digital and technology standards (England) are not part of "
                  "the ICT Competences Framework; ictroles adds them because the role carries them.")


def load_assessed_role(path: Path, framework: Framework, standards: StandardsPack | None = None) -> ResolvedRole:
    """A role as self-assessments see it: resolved, in the modern wording its documents use."""
    return modernise_role(load_role(path, framework, standards=standards), load_overlay())


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
    standard: bool = False  # a row of a DfE standard (skill_id, skill_name: the standard's id and name)

    @property
    def facet_name(self) -> str:
        """What the form's Facet column says: the framework facet, or the part of a standard."""
        if self.standard:
            part = self.id.rsplit(".", 1)[-1]
            return STANDARD_PARTS["ADD" if part.startswith("ADD") else part]
        return FACET_NAMES[self.facet]


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


def standard_row_id(standard_id: str, level: str, part: str) -> str:
    """A standards row's id: STD.<standard>.<level>.D (duty), .C (criterion), .ADD1... (added duties)."""
    return f"STD.{standard_id}.{level}.{part}"


STANDARD_ROW = re.compile(r"^STD\.(?P<standard>[^.]+)\.(?P<level>[^.]+)\.(?P<part>D|C|ADD[1-9][0-9]*)$")


def standards_items(role: ResolvedRole) -> list[AssessedStatement]:
    """The rows of the role's DfE standards, standard by standard (the pack's order).

    At the role's level of each standard: its duty (as the role words it), the role's own added
    duties and its person-specification criterion; then, below level D, the next level's duty
    as a "level above" row. Standards use the framework's levels (A-D) whatever the scheme.
    """
    items: list[AssessedStatement] = []
    order = role.framework.level_ids
    for std in role.standards:
        here: list[tuple[str, str, Facet]] = [(standard_row_id(std.id, std.level, "D"), std.duty, "activities")]
        here += [(standard_row_id(std.id, std.level, f"ADD{n}"), text, "activities")
                 for n, text in enumerate(std.added, 1)]
        here.append((standard_row_id(std.id, std.level, "C"), std.criterion, "knowledge"))
        items += [AssessedStatement(sid, text, facet, std.id, std.name, std.level, False, std.level, True)
                  for sid, text, facet in here]
        i = order.index(std.level) if std.level in order else len(order) - 1
        pack = role.standards_pack
        if i + 1 < len(order) and pack is not None and std.id in pack.by_id:
            above = order[i + 1]
            duty = pack.by_id[std.id].levels[above].duty
            items.append(AssessedStatement(standard_row_id(std.id, above, "D"), duty, "activities", std.id,
                                           std.name, above, True, above, True))
    return items


class SelfAssessmentFile(Model):
    """A self-assessment written as YAML instead of a filled form (see docs/self-assessment.md)."""

    name: Line
    date: dt.date
    role: Line | None = None  # the role file, relative to this file
    skills: dict[str, Label] = {}  # skill id -> the level the person is confident at
    statements: dict[str, Rating] = {}  # statement id -> rating, overriding the skill's level
    standards: dict[str, Label] = {}  # DfE standard id -> the framework level (A-D) the person is confident at


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
        if str(stid).startswith("STD."):
            if not STANDARD_ROW.match(str(stid)):
                problems.add(("statements", stid), f"'{stid}' is not a DfE standards row id; they read "
                             "STD.<standard>.<level>.D (the duty), .C (the person-spec criterion) or .ADD1 "
                             "(the role's own added duty), as the form's hidden Id column shows")
        elif stid not in framework.statements and ".custom." not in str(stid):
            problems.add(("statements", stid), unknown_statement(framework, str(stid)))
    if problems or data is None:
        raise InvalidInputError(sorted(problems, key=lambda p: p.line or 0))
    return data, smap


def ratings_from_yaml(data: SelfAssessmentFile, smap: SourceMap, path: Path, role: ResolvedRole,
                      extra: tuple[AssessedStatement, ...] = ()) -> SelfAssessment:
    """The YAML file's answers as ratings of the role's statements (and of ``extra`` ones).

    A skill's level says every statement at or below it is Confident and those above are Not
    yet, and a DfE standard's level (under ``standards``) the same of its rows; a statement
    listed under ``statements`` keeps its own rating.
    """
    problems = ProblemList(smap, path)
    labels = role.scheme.labels
    for sid, level in data.skills.items():
        if level not in labels:
            problems.add(("skills", sid), f"level '{level}' is not a level of scheme '{role.scheme.name}' "
                         f"(the scheme of '{role.title}'); choose one of {', '.join(labels)}"
                         + suggest(level, labels))
    _check_standards(data, problems, role, extra)
    if problems:
        raise InvalidInputError(problems)
    fw = role.framework
    ratings: dict[str, Rating] = {}
    items = (*assessment_items(role), *extra)
    for item in items:
        declared = (data.standards if item.standard else data.skills).get(item.skill_id)
        if item.id in data.statements:
            ratings[item.id] = data.statements[item.id]
        elif declared is not None and item.standard:  # standards use the framework's levels
            met = fw.level_index(item.level) <= fw.level_index(declared)
            ratings[item.id] = "confident" if met else "not-yet"
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


def _check_standards(data: SelfAssessmentFile, problems: ProblemList, role: ResolvedRole,
                     extra: tuple[AssessedStatement, ...]) -> None:
    """The standards and standards rows a YAML file names must be the role's (or the target's)."""
    levels = role.framework.level_ids
    rows = {item.id for item in (*standards_items(role), *extra) if item.standard}
    known = {item.skill_id: item.skill_name for item in (*standards_items(role), *extra) if item.standard}
    pack = role.standards_pack
    where = f"'{role.title}'" + (" or the target role" if any(item.standard for item in extra) else "")
    for std_id, level in data.standards.items():
        if std_id not in known:
            problems.add(("standards", std_id), f"'{std_id}' is not one of the DfE standards of {where}"
                         + (f" ({', '.join(known)})" if known else " (it has none)")
                         + suggest(std_id, list(known) or (list(pack.by_id) if pack else [])))
        elif level not in levels:
            problems.add(("standards", std_id), f"level '{level}' is not a level of the standards; choose one of "
                         f"{', '.join(levels)} (standards use the framework's levels, whatever the scheme)"
                         + suggest(level, list(levels)))
    for stid in data.statements:
        match = STANDARD_ROW.match(stid)
        if match and stid not in rows:
            std_id = match["standard"]
            mine = sorted(r for r in rows if r.split(".")[1] == std_id)
            hint = (f"its rows are {', '.join(mine)}" if mine else
                    f"the DfE standards of {where} are {', '.join(known)}" if known else f"{where} has no DfE standards")
            problems.add(("statements", stid), f"'{stid}' is not a DfE standards row of {where}; {hint}"
                         + suggest(stid, sorted(rows)))

"""The development plan: where a person stands against a role, skill by skill, and what to develop.

The rule (said the same way in the documents and docs/self-assessment.md): a level is met when
every statement at that level is rated Confident or Could teach others. A person's level in a
skill is the highest level met, counting up from the lowest level they were asked about;
blank ratings count as Not yet. A skill is met when the person's level is at least the level the
role needs; otherwise its unmet statements at that level are the gap.

With a target role, the plan is against the target: the statements the current role already
needs come first (its Essential skills before its Desirable ones), then the ones the target adds.

The role's DfE digital and technology standards (England) are measured by the same rule, one
level each (the standard's level), and kept apart from the skills: they are not part of the
framework, and every document says so.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal, get_args

from ictroles.assess.model import (
    MET,
    AssessedStatement,
    Rating,
    SelfAssessment,
    role_level_items,
    standards_items,
)
from ictroles.core import resources
from ictroles.core.model import Model
from ictroles.core.validation import Label, Line, Paragraph, load_model
from ictroles.framework.competences import FACETS
from ictroles.framework.overlay import load_overlay
from ictroles.framework.schemes import level_content
from ictroles.roles.modernise import modernise_statement
from ictroles.roles.resolve import ResolvedRole, ResolvedSkill

Priority = Literal["essential", "desirable", "target", "next-level"]
PRIORITY_TEXT: dict[Priority, str] = {
    "essential": "Essential for the role",
    "desirable": "Desirable for the role",
    "target": "For the target role",
    "next-level": "Next level (optional)",
}
_ORDER: dict[Priority, int] = {p: i for i, p in enumerate(get_args(Priority))}  # the order a plan lists them


class SuggestionRule(Model):
    """One rule of templates/wording/development.yaml."""

    kind: Line
    when: Literal["mostly-developing", "large-gap", "any"]
    text: Paragraph
    focus: list[Label] = []
    levels: list[Label] = []


class DevelopmentWording(Model):
    """templates/wording/development.yaml: suggested kinds of development, first match wins."""

    suggestions: list[SuggestionRule]


@dataclass(frozen=True)
class Suggestion:
    """An editable suggestion for closing one gap."""

    kind: str
    text: str


@dataclass(frozen=True)
class PlanStatement:
    """A statement still to develop, with its rating and why it is in the plan."""

    item: AssessedStatement
    rating: Rating | None
    priority: Priority
    evidence: str | None = None


@dataclass(frozen=True)
class SkillStanding:
    """Where the person stands in one skill of the role the plan is against."""

    skill_id: str
    name: str
    focus: str
    focus_name: str
    required: str  # the level the role needs (scheme label)
    native_required: str  # the same as a framework level A-D
    person_level: str | None  # the highest level met; None when not even the lowest asked is met
    working_towards: str | None  # when no level is met: the lowest level asked about
    levels_short: int | None  # how many levels below the need (None: unknown, below the levels asked)
    lower_count: int  # statements of to_develop from the current role's lower level (target plans)
    met_count: int  # statements met at the level needed
    total: int
    priority: Priority
    to_develop: tuple[PlanStatement, ...]  # at the level needed, ordered
    next_level: str | None = None
    next_met: int = 0
    next_total: int = 0
    growth: tuple[PlanStatement, ...] = ()  # the level above, for a skill already met
    suggestion: Suggestion | None = None

    @property
    def met(self) -> bool:
        """True when the person is at (or above) the level the role needs."""
        return not self.to_develop

    @property
    def person_text(self) -> str:
        """The person's level as the documents say it."""
        if self.person_level is None:
            return f"Working towards {self.working_towards or self.required}"
        return self.person_level

    @property
    def gap_text(self) -> str:
        """The gap as the documents say it."""
        if self.met:
            return "None"
        todo = f"{len(self.to_develop) - self.lower_count} of {self.total} statements to develop"
        if self.lower_count:
            todo += f", and {self.lower_count} of the current role's"
        if self.levels_short and self.levels_short > 1:
            return f"{self.levels_short} levels short; {todo}"
        return todo


@dataclass(frozen=True)
class StandardStanding:
    """Where the person stands in one DfE standard of the role (not part of the framework)."""

    standard_id: str
    name: str
    url: str
    required: str  # the standard's level the role needs (framework level A-D)
    met_count: int  # rows met at the level needed
    total: int
    priority: Priority
    to_develop: tuple[PlanStatement, ...]  # at the level needed (and, with a target, the current role's)
    lower_count: int = 0  # rows of to_develop from the current role's lower level (target plans)
    next_level: str | None = None
    next_met: int = 0
    next_total: int = 0
    growth: tuple[PlanStatement, ...] = ()  # the level above's duty, for a standard already met
    suggestion: Suggestion | None = None

    @property
    def met(self) -> bool:
        """True when every row at the level needed is Confident or Could teach others."""
        return not self.to_develop

    @property
    def person_text(self) -> str:
        """Where the person is, as the documents say it."""
        return self.required if self.met else f"Working towards {self.required}"

    @property
    def gap_text(self) -> str:
        """The gap as the documents say it."""
        if self.met:
            return "None"
        todo = f"{len(self.to_develop) - self.lower_count} of {self.total} to develop"
        return todo + (f", and {self.lower_count} of the current role's" if self.lower_count else "")


@dataclass(frozen=True)
class Plan:
    """A development plan: the person, the role, each skill's standing and the one-line summary."""

    name: str
    date: dt.date | None
    role_title: str
    school: str | None
    target_title: str | None
    framework: str
    skills: tuple[SkillStanding, ...]  # framework order
    unrated: int  # statements asked about but left blank (counted as Not yet)
    summary: str
    standards: tuple[StandardStanding, ...] = ()  # the pack's order
    standards_name: str | None = None  # the standards pack's name, e.g. "DfE digital and technology ..."

    @property
    def against(self) -> str:
        """The title of the role the plan measures against."""
        return self.target_title or self.role_title

    @property
    def standard_gaps(self) -> list[StandardStanding]:
        """The DfE standards not yet met, most pressing first, then the pack's order."""
        order = {s.standard_id: i for i, s in enumerate(self.standards)}
        return sorted((s for s in self.standards if not s.met),
                      key=lambda s: (_ORDER[s.priority], order[s.standard_id]))

    @property
    def gaps(self) -> list[SkillStanding]:
        """The skills with a gap, most pressing first (Essential, Desirable, target), then framework order."""
        order = {s.skill_id: i for i, s in enumerate(self.skills)}
        return sorted((s for s in self.skills if not s.met), key=lambda s: (_ORDER[s.priority], order[s.skill_id]))

    def statements_to_develop(self, *, growth: bool = True) -> list[tuple[SkillStanding, PlanStatement]]:
        """Every statement in the plan, in the order to work on them: by priority, then skill by skill."""
        rows = sorted(((s, st) for s in self.gaps for st in s.to_develop), key=lambda pair: _ORDER[pair[1].priority])
        if growth:
            rows += [(s, st) for s in self.skills for st in s.growth]
        return rows


def make_plan(assessment: SelfAssessment, role: ResolvedRole, target: ResolvedRole | None = None) -> Plan:
    """The plan for one person's answers, against ``role`` or (with ``target``) the next role."""
    base = target or role
    # A level none of whose statements was asked about counts neither way (except the one needed).
    asked = assessment.asked or frozenset(assessment.ratings)
    suggestions = _suggestions()
    standings = []
    for skill in base.skills:
        standings.append(_standing(assessment, base, skill, role if target else None, asked, suggestions))
    stds = tuple(_standard_standing(assessment, base, std_id, role if target else None, asked)
                 for std_id in dict.fromkeys(it.skill_id for it in standards_items(base)))
    unrated = sum(1 for sid in asked if sid not in assessment.ratings)
    pack = base.standards_pack
    plan = Plan(assessment.name, assessment.date, role.title, role.spec.school,
                target.title if target else None, base.framework.name, tuple(standings), unrated, "",
                stds, pack.name if pack is not None and stds else None)
    return Plan(**{**plan.__dict__, "summary": summary_sentence(plan)})


def _is_met(assessment: SelfAssessment, st_id: str, merged: tuple[str, ...] = ()) -> bool:
    return assessment.rating(st_id, *merged) in MET


def _essential(role: ResolvedRole, skill_id: str) -> bool:
    change = role.spec.person_spec.criteria.get(skill_id)
    return True if change is None or change.essential is None else change.essential


def _standing(assessment: SelfAssessment, base: ResolvedRole, skill: ResolvedSkill, current: ResolvedRole | None,
              asked: frozenset[str], suggestions: tuple[SuggestionRule, ...]) -> SkillStanding:
    labels = base.scheme.labels
    fw_skill = base.framework.skills_by_id[skill.id]
    overlay = load_overlay()

    def level_items(label: str) -> list[tuple[AssessedStatement, tuple[str, ...]]]:
        if label == skill.level:
            merged = {st.id: st.merged_ids for f in FACETS for st in skill.statements(f)}
            return [(it, merged.get(it.id, ())) for it in role_level_items(skill)]
        content = level_content(base.scheme, label, fw_skill, base.framework)
        return [(AssessedStatement(st.id, modernise_statement(st, overlay).text, f, skill.id, skill.name, label,
                                   labels.index(label) > labels.index(skill.level), st.native_level), st.merged_ids)
                for f in FACETS for st in content.statements[f]]

    def was_asked(items: list[tuple[AssessedStatement, tuple[str, ...]]]) -> bool:
        return any(i.id in asked or any(m in asked for m in merged) for i, merged in items)

    need = labels.index(skill.level)
    by_label = {label: level_items(label) for label in labels}
    asked_idx = [i for i, label in enumerate(labels) if was_asked(by_label[label])]
    lowest = min([*asked_idx, need])
    person: int | None = None
    for i in range(lowest, len(labels)):
        items = by_label[labels[i]]
        if i not in asked_idx and i != need:
            break
        if not all(_is_met(assessment, it.id, merged) for it, merged in items):
            break
        person = i
    required_items = by_label[skill.level]
    unmet = [(it, merged) for it, merged in required_items if not _is_met(assessment, it.id, merged)]

    if current is None:
        skill_priority: Priority = "essential" if _essential(base, skill.id) else "desirable"
    else:
        mine = current.skill(skill.id)
        skill_priority = "target" if mine is None else ("essential" if _essential(current, skill.id) else "desirable")
    cur = current.skill(skill.id) if current is not None else None
    current_ids = {st.id for f in FACETS for st in cur.statements(f)} if cur is not None else set()

    def priority_of(it: AssessedStatement) -> Priority:
        # With a target, what the current role already needs comes before what the target adds.
        return skill_priority if current is None or it.id in current_ids else "target"

    # With a target above the current role, what the current role needs and is not yet met
    # stays in the plan, first: the next level builds on it.
    below: list[tuple[AssessedStatement, tuple[str, ...]]] = []
    if cur is not None and cur.level != skill.level:
        have = {it.id for it, _ in required_items}
        merged_of = {st.id: st.merged_ids for f in FACETS for st in cur.statements(f)}
        below = [(it, merged_of.get(it.id, ())) for it in role_level_items(cur)
                 if it.id not in have and not _is_met(assessment, it.id, merged_of.get(it.id, ()))]
    to_develop = [PlanStatement(it, assessment.rating(it.id, *merged), skill_priority, assessment.evidence.get(it.id))
                  for it, merged in below]
    to_develop += sorted(
        (PlanStatement(it, assessment.rating(it.id, *merged), priority_of(it), assessment.evidence.get(it.id))
         for it, merged in unmet),
        key=lambda p: _ORDER[p.priority])  # stable: framework order within a priority
    if to_develop:
        skill_priority = to_develop[0].priority
    next_label = skill.next_level
    growth: tuple[PlanStatement, ...] = ()
    next_met = next_total = 0
    if next_label is not None:
        nxt = [(it, m) for it, m in by_label[next_label]
               if it.id not in {r.id for r, _ in required_items}]
        next_total = len(nxt)
        next_met = sum(_is_met(assessment, it.id, m) for it, m in nxt)
        if not unmet and current is None and was_asked(nxt):
            growth = tuple(PlanStatement(it, assessment.rating(it.id, *m), "next-level", assessment.evidence.get(it.id))
                           for it, m in nxt if not _is_met(assessment, it.id, m))
    return SkillStanding(
        skill_id=skill.id, name=skill.name, focus=skill.focus, focus_name=skill.focus_name,
        required=skill.level, native_required=skill.native_level,
        person_level=labels[person] if person is not None else None,
        working_towards=labels[lowest] if person is None else None,
        levels_short=None if not to_develop else (need - person if person is not None else None),
        lower_count=len(below),
        met_count=len(required_items) - len(unmet), total=len(required_items),
        priority=skill_priority, to_develop=tuple(to_develop),
        next_level=next_label, next_met=next_met, next_total=next_total, growth=growth,
        suggestion=_suggest(to_develop, len(required_items), skill, suggestions) if to_develop else None,
    )


def _standard_standing(assessment: SelfAssessment, base: ResolvedRole, std_id: str, current: ResolvedRole | None,
                       asked: frozenset[str]) -> StandardStanding:
    rows = [it for it in standards_items(base) if it.skill_id == std_id]
    std = next(s for s in base.standards if s.id == std_id)
    here = [it for it in rows if not it.above]
    above = [it for it in rows if it.above]
    mine = {it.id: it for it in standards_items(current)} if current is not None else {}

    def priority_of(it: AssessedStatement) -> Priority:
        if current is None:
            return "essential" if _essential(base, std_id) else "desirable"
        if it.id in mine:
            return "essential" if _essential(current, std_id) else "desirable"
        return "target"

    def plan_row(it: AssessedStatement) -> PlanStatement:
        return PlanStatement(it, assessment.rating(it.id), priority_of(it), assessment.evidence.get(it.id))

    # With a target at a higher level of the standard, the current role's rows not yet met stay first.
    have = {it.id for it in here}
    below = [plan_row(it) for it in mine.values()
             if it.skill_id == std_id and not it.above and it.id not in have and not _is_met(assessment, it.id)]
    unmet = sorted((plan_row(it) for it in here if not _is_met(assessment, it.id)), key=lambda p: _ORDER[p.priority])
    to_develop = (*below, *unmet)
    growth: tuple[PlanStatement, ...] = ()
    if not to_develop and current is None and any(it.id in asked for it in above):
        growth = tuple(PlanStatement(it, assessment.rating(it.id), "next-level", assessment.evidence.get(it.id))
                       for it in above if not _is_met(assessment, it.id))
    return StandardStanding(
        standard_id=std_id, name=std.name, url=std.url, required=std.level,
        met_count=sum(_is_met(assessment, it.id) for it in here), total=len(here),
        priority=to_develop[0].priority if to_develop else priority_of(here[0]),
        to_develop=to_develop, lower_count=len(below),
        next_level=above[0].level if above else None, next_met=sum(_is_met(assessment, it.id) for it in above),
        next_total=len(above), growth=growth,
        suggestion=_suggest_standard(to_develop, std_id, std.url) if to_develop else None,
    )


def _suggest_standard(to_develop: tuple[PlanStatement, ...], std_id: str, url: str) -> Suggestion:
    """An editable suggestion for a DfE standard not yet met (written for ictroles, not the DfE's)."""
    guidance = f"The DfE's guidance says what the standard expects: {url}"
    developing = sum(1 for st in to_develop if st.rating == "developing")
    if developing * 2 > len(to_develop):
        return Suggestion("Shadowing the IT service provider",
                          "Work alongside whoever carries this standard for the school now (the IT service "
                          "provider, the managed service or a senior colleague) the next time the checks are "
                          "done, then do them with them on hand until they are routine. " + guidance)
    course = ("a short course: the NCSC's free cyber security training for school staff is a start, then "
              "the local authority's or the provider's" if std_id == "cyber-security" else
              "a short course (the local authority's, the IT service provider's or the DfE's own)")
    return Suggestion("Guidance and a course",
                      f"Read the DfE's guidance on this standard with your line manager, then take {course}, "
                      "and practise the duties on the school's own systems with the IT service provider. "
                      + guidance)


@cache
def _suggestions() -> tuple[SuggestionRule, ...]:
    path = resources.templates_dir() / "wording" / "development.yaml"
    wording, _ = load_model(DevelopmentWording, Path(path), "development wording file")
    return tuple(wording.suggestions)


def _suggest(to_develop: list[PlanStatement], total: int, skill: ResolvedSkill,
             rules: tuple[SuggestionRule, ...]) -> Suggestion | None:
    developing = sum(1 for st in to_develop if st.rating == "developing")
    for rule in rules:
        if rule.focus and skill.focus not in rule.focus:
            continue
        if rule.levels and skill.native_level not in rule.levels:
            continue
        if rule.when == "mostly-developing" and developing * 2 <= len(to_develop):
            continue
        if rule.when == "large-gap" and len(to_develop) * 2 < total:
            continue
        return Suggestion(rule.kind, rule.text)
    return None


def summary_sentence(plan: Plan) -> str:
    """Where the person stands, in one sentence."""
    n = len(plan.skills)
    gaps = plan.gaps
    who = plan.name or "The person"
    if not gaps:
        return f"{who} meets all {n} skills of the {plan.against} role at the levels it needs." + _standards_sentence(plan)
    count = len(gaps)
    both = "both" if count == 2 else "all"
    one_short = sum(1 for g in gaps if g.levels_short == 1)
    if one_short == count:
        how = f", {both} one level below what the role needs" if count > 1 else ", one level below what the role needs"
    elif one_short:
        how = f", {one_short} of them one level below what the role needs"
    else:
        how = ""
    if count <= 3:
        named = [f"{g.name} ({g.required}: {len(g.to_develop)} statement{'s' if len(g.to_develop) != 1 else ''} "
                 "to develop)" for g in gaps]
        listed = " and ".join([", ".join(named[:-1]), named[-1]]) if count > 1 else named[0]
    else:  # a long list would not be a sentence: the most pressing first, the rest counted
        listed = ", ".join(f"{g.name} ({g.required})" for g in gaps[:3]) + f" and {count - 3} more"
    return (f"{who} meets {n - count} of {n} skills of the {plan.against} role; "
            f"{count} gap{'s' if count != 1 else ''}{how}: {listed}." + _standards_sentence(plan))


def _standards_sentence(plan: Plan) -> str:
    """The DfE standards, separately: " Of the role's 2 DfE standards, 1 is met; to develop: ..." or ""."""
    n = len(plan.standards)
    if not n:
        return ""
    gaps = plan.standard_gaps
    if not gaps:
        return " All of the role's DfE standards are met." if n > 1 else " The role's DfE standard is met."
    named = [f"{g.name} ({g.required})" for g in gaps]
    listed = " and ".join([", ".join(named[:-1]), named[-1]]) if len(named) > 1 else named[0]
    if n == 1:
        return f" The role's DfE standard, {listed}, is still to develop."
    met = n - len(gaps)
    return f" Of the role's {n} DfE standards, {met or 'none'} {'is' if met <= 1 else 'are'} met; to develop: {listed}."

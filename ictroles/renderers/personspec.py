"""The person specification of a role, derived from its resolved statements.

Default derivation: one Essential criterion per skill, written from the skill's Knowledge
statements in the concise duty layer (``framework/duties.yaml``); one per standard of the
standards pack the role takes on (``framework/standards/``); at most five Desirable
criteria, from the next level of the role's highest-level skills; and the standard criteria of
``templates/wording/person-spec.yaml`` for the post's level. The role file's ``person_spec``
can reword, move, re-mark, re-assess or omit a skill's or standard's criterion (by its id) and
add its own.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

from ictroles.renderers.wording import PersonSpecWording, Wording, fill
from ictroles.roles.resolve import ResolvedRole, ResolvedSkill
from ictroles.roles.spec import CATEGORIES


@dataclass(frozen=True)
class Criterion:
    """One row of the person specification."""

    text: str
    category: str
    essential: bool
    assessed: tuple[str, ...]
    skill_id: str | None = None  # the skill it is written for (skill and next-level criteria)
    origin: str = "standard"  # "standard", "skill", "next-level", "standards-pack" or "added"
    standard_id: str | None = None  # the standards-pack standard it is written for
    # What the interview pack asks when the criterion is assessed at interview (I).
    questions: tuple[str, ...] = ()
    good_answer: str | None = None


@dataclass(frozen=True)
class CategoryBlock:
    """The criteria of one category, under its heading."""

    id: str
    heading: str
    criteria: tuple[Criterion, ...]


@dataclass(frozen=True)
class PersonSpecification:
    """Everything the person specification shows."""

    intro: str | None
    categories: tuple[CategoryBlock, ...]  # empty categories left out
    assessment_key: dict[str, str]

    def criteria(self) -> list[Criterion]:
        """Every criterion, category by category."""
        return [c for block in self.categories for c in block.criteria]


def role_level(role: ResolvedRole) -> str | None:
    """The framework level (A-D) at which most of the role's skills sit (ties: the higher)."""
    tops = Counter(s.native_span[1] for s in role.skills if s.native_levels)
    if not tops:
        return None
    return max(tops, key=lambda lv: (tops[lv], role.framework.level_index(lv)))


def placeholder_values(role: ResolvedRole) -> dict[str, str]:
    """Values for the ``{placeholders}`` of wording files."""
    return {
        "school": role.spec.school or "the school",
        "title": role.spec.title,
        "grade": role.spec.grade or "",
    }


# Panels assess technical criteria at interview and by a practical task, personal qualities
# at interview and from references (documents.md); a skill without a practical task is
# assessed at interview.
PRACTICAL_ASSESSED = ("I", "T")
DISCUSSED_ASSESSED = ("I",)
MAX_DESIRABLE = 5  # a panel shortlists on the Essential criteria; a few Desirable ones separate
MAX_CRITERIA = 25  # what fits on two A4 pages and a panel can score


def derive_criteria(role: ResolvedRole, wording: PersonSpecWording, source: Path | None = None) -> list[Criterion]:
    """Every criterion of the role, in category order, overrides and additions applied.

    One Essential knowledge-and-skills criterion per skill (from the concise duty layer), a
    few Desirable ones from the next level of the role's highest-level skills, the standard
    criteria of the post's level, and the role's own changes and additions. The suitability
    criteria are always there: keeping children safe in education requires them.
    """
    ps = role.spec.person_spec
    values = placeholder_values(role)
    by_category: dict[str, list[Criterion]] = {c: [] for c in CATEGORIES}

    level = role_level(role)
    for category in CATEGORIES:
        if not ps.defaults and category != "suitability":
            continue
        for std in wording.criteria.get(category, []):
            if _in_range(role.framework.level_ids, level, std.min_level, std.max_level):
                by_category[category].append(
                    Criterion(fill(std.text, values, source), category, std.essential, tuple(std.assessed),
                              questions=tuple(fill(q, values, source) for q in std.questions),
                              good_answer=fill(std.good_answer, values, source) if std.good_answer else None)
                )
    standard_knowledge = by_category["knowledge"]
    by_category["knowledge"] = []

    for skill in role.skills:
        crit = _skill_criterion(skill)
        if crit is not None:
            by_category["knowledge"].append(crit)
    if role.standards:  # after the framework's skills, as in the job description
        used = sum(len(cs) for cs in by_category.values()) + len(standard_knowledge) + len(ps.add)
        by_category["knowledge"] += _standards_criteria(role, MAX_CRITERIA - used)
    so_far = [c for cs in by_category.values() for c in cs] + standard_knowledge
    desirable = sum(not c.essential for c in so_far) + sum(not a.essential for a in ps.add)
    room = min(MAX_DESIRABLE - desirable, MAX_CRITERIA - len(so_far) - len(ps.add))
    growing = [s for s in _highest_first(role) if s.next_level_criterion]
    for skill in growing[:max(room, 0)]:
        by_category["knowledge"].append(Criterion(
            skill.next_level_criterion or "", "knowledge", False, _assessed(skill), skill.id, "next-level"))

    changed: dict[str, list[Criterion]] = {c: [] for c in CATEGORIES}
    for category in CATEGORIES:
        for crit in by_category[category]:
            key = crit.skill_id if crit.origin == "skill" else crit.standard_id
            change = ps.criteria.get(key or "") if crit.origin in ("skill", "standards-pack") else None
            if change is not None:
                if change.omit:
                    continue
                crit = replace(
                    crit,
                    text=change.text or crit.text,
                    category=change.category or crit.category,
                    essential=crit.essential if change.essential is None else change.essential,
                    assessed=tuple(change.assessed) if change.assessed is not None else crit.assessed,
                )
            changed[crit.category].append(crit)
    changed["knowledge"].extend(standard_knowledge)
    for add in ps.add:
        changed[add.category].append(
            Criterion(add.text, add.category, add.essential, tuple(add.assessed), origin="added")
        )
    return [c for category in CATEGORIES for c in _essential_first(changed[category])]


def _standards_criteria(role: ResolvedRole, room: int) -> list[Criterion]:
    """One criterion per standard while there is room under MAX_CRITERIA; the rest share one.

    A post responsible for many standards would otherwise outgrow a person specification a
    panel can score: the standards that do not fit are named together in a single criterion,
    and the job description keeps each one's duty.
    """
    standards = list(role.standards)
    own = standards if len(standards) <= room else standards[:max(room - 1, 0)]
    criteria = [Criterion(s.criterion, "knowledge", True, DISCUSSED_ASSESSED, origin="standards-pack",
                          standard_id=s.id) for s in own]
    rest = standards[len(own):]
    if rest:
        names = [s.name.removesuffix(" standards").removesuffix(" standard") for s in rest]
        names = [names[0], *(n[:1].lower() + n[1:] for n in names[1:])]
        listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1].lower()
        pack = role.standards_pack.name if role.standards_pack else "digital and technology standards"
        criteria.append(Criterion(
            f"Working knowledge of the {pack} this post is responsible for ({listed}), "
            "and experience of meeting them in a school or similar organisation.",
            "knowledge", True, DISCUSSED_ASSESSED, origin="standards-pack"))
    return criteria


def _skill_criterion(skill: ResolvedSkill) -> Criterion | None:
    """The skill's one knowledge-and-skills criterion (its Knowledge statements, when the
    duty layer has no entry for it)."""
    text = skill.criterion or " ".join(st.text for st in skill.knowledge)
    return Criterion(text, "knowledge", True, _assessed(skill), skill.id, "skill",
                     questions=skill.questions, good_answer=skill.good_answer) if text else None


def _assessed(skill: ResolvedSkill) -> tuple[str, ...]:
    """A skill's criteria are assessed at interview, and by a task where it has a practical one."""
    return PRACTICAL_ASSESSED if skill.task else DISCUSSED_ASSESSED


def _highest_first(role: ResolvedRole) -> list[ResolvedSkill]:
    """The role's skills, highest native level first (framework order among equals)."""
    rank = role.framework.level_index
    return sorted(role.skills, key=lambda s: -rank(s.native_level))


def _essential_first(criteria: list[Criterion]) -> list[Criterion]:
    """Essential criteria before desirable ones, otherwise in their given order."""
    return sorted(criteria, key=lambda c: not c.essential)


def _in_range(order: tuple[str, ...], level: str | None, low: str | None, high: str | None) -> bool:
    """Is ``level`` within low..high in the framework's level order (unknown bounds are open)?"""
    if level is None or level not in order:
        return low is None  # a role without skills gets the entry-level criteria
    i = order.index(level)
    return (low not in order or i >= order.index(low)) and (high not in order or i <= order.index(high))


def person_specification(role: ResolvedRole, wording: Wording) -> PersonSpecification:
    """The role's person specification, ready to render."""
    text = wording.person_spec()
    source = wording.path("person-spec.yaml")
    criteria = derive_criteria(role, text, source)
    blocks = []
    for category in CATEGORIES:
        rows = tuple(c for c in criteria if c.category == category)
        if rows:
            blocks.append(CategoryBlock(category, text.categories.get(category, category.title()), rows))
    intro = fill(text.intro, placeholder_values(role), source) if text.intro else None
    return PersonSpecification(intro, tuple(blocks), {str(k): v for k, v in text.assessment.items()})

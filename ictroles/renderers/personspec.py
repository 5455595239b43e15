"""The person specification of a role, derived from its resolved statements.

Default derivation: the chosen level's Knowledge statements are Essential, the next level
up's Knowledge is Desirable, and the standard criteria of ``templates/wording/person-spec.yaml``
fill the other categories. The role file's ``person_spec`` can move, re-mark, re-assess or
omit any derived criterion (by statement id) and add its own.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

from ictroles.renderers.wording import PersonSpecWording, Wording, fill
from ictroles.roles.resolve import ResolvedRole
from ictroles.roles.spec import CATEGORIES

KNOWLEDGE_ASSESSED = ("A", "I")


@dataclass(frozen=True)
class Criterion:
    """One row of the person specification."""

    text: str
    category: str
    essential: bool
    assessed: tuple[str, ...]
    statement_id: str | None = None  # the framework or custom statement it comes from
    origin: str = "standard"  # "standard", "knowledge", "next-level" or "added"
    adapted: bool = False  # text is a modern wording of the framework statement


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


def derive_criteria(role: ResolvedRole, wording: PersonSpecWording, source: Path | None = None) -> list[Criterion]:
    """Every criterion of the role, in category order, overrides and additions applied."""
    ps = role.spec.person_spec
    values = placeholder_values(role)
    by_category: dict[str, list[Criterion]] = {c: [] for c in CATEGORIES}

    derived: list[Criterion] = []
    for skill in role.skills:
        for st in skill.knowledge:
            derived.append(Criterion(st.text, "knowledge", True, KNOWLEDGE_ASSESSED, st.id, "knowledge", st.adapted))
        for st in skill.next_level_knowledge:
            derived.append(Criterion(st.text, "knowledge", False, KNOWLEDGE_ASSESSED, st.id, "next-level", st.adapted))

    overridden: list[Criterion] = []
    for crit in derived:
        change = ps.criteria.get(crit.statement_id or "")
        if change is not None:
            if change.omit:
                continue
            crit = replace(
                crit,
                category=change.category or crit.category,
                essential=crit.essential if change.essential is None else change.essential,
                assessed=tuple(change.assessed) if change.assessed is not None else crit.assessed,
            )
        overridden.append(crit)

    if ps.defaults:
        level = role_level(role)
        for category in CATEGORIES:
            for std in wording.criteria.get(category, []):
                if not _in_range(role.framework.level_ids, level, std.min_level, std.max_level):
                    continue
                by_category[category].append(
                    Criterion(fill(std.text, values, source), category, std.essential, tuple(std.assessed))
                )
    # Knowledge from the framework comes before the generic knowledge criteria.
    standard_knowledge = by_category["knowledge"]
    by_category["knowledge"] = []
    for crit in overridden:
        by_category[crit.category].append(crit)
    by_category["knowledge"].extend(standard_knowledge)
    for add in ps.add:
        by_category[add.category].append(
            Criterion(add.text, add.category, add.essential, tuple(add.assessed), origin="added")
        )
    return [c for category in CATEGORIES for c in _essential_first(by_category[category])]


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

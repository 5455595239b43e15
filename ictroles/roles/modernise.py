"""Modern wording applied to a resolved role: the framework itself is never changed.

:func:`modernise_role` returns a copy of a resolved role in which each statement with an
overlay entry carries the modern wording as ``text`` and the framework text as
``original_text``, so the appendix and the workbook can show both.
"""

from __future__ import annotations

from ictroles.framework.competences import FACETS
from ictroles.framework.overlay import Overlay, load_overlay
from ictroles.framework.schemes import Statement
from ictroles.roles.resolve import ResolvedRole, ResolvedSkill


def modernise_statement(statement: Statement, overlay: Overlay) -> Statement:
    """The statement with its modern wording, or unchanged when the overlay has none."""
    found = overlay.entry_for(statement)
    if found is None or statement.adapted:
        return statement
    _, entry = found
    return statement.replace(text=entry.wording, original_text=statement.text)


def modernise_role(role: ResolvedRole, overlay: Overlay | None = None) -> ResolvedRole:
    """A copy of the role with overlay wordings applied; the framework itself is untouched."""
    overlay = overlay or load_overlay()

    def apply(statements: tuple[Statement, ...]) -> tuple[Statement, ...]:
        return tuple(modernise_statement(st, overlay) for st in statements)

    skills: list[ResolvedSkill] = []
    for skill in role.skills:
        changes: dict[str, tuple[Statement, ...]] = {facet: apply(skill.statements(facet)) for facet in FACETS}
        changes["next_level_knowledge"] = apply(skill.next_level_knowledge)
        skills.append(skill.replace(**changes))
    return role.replace(skills=tuple(skills))

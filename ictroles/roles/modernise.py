"""Modern wording applied to a resolved role: the framework itself is never changed.

:func:`modernise_role` returns a copy of a resolved role in which each statement with an
overlay entry carries the modern wording as ``text`` and the framework text as
``original_text``, so the appendix and the workbook can show both.
"""

from __future__ import annotations

from dataclasses import replace

from ictroles.framework.overlay import Overlay, load_overlay
from ictroles.framework.schemes import Statement
from ictroles.roles.resolve import ResolvedRole


def modernise_statement(statement: Statement, overlay: Overlay) -> Statement:
    """The statement with its modern wording, or unchanged when the overlay has none."""
    found = overlay.entry_for(statement)
    if found is None or statement.adapted:
        return statement
    _, entry = found
    return replace(statement, text=entry.wording, original_text=statement.text)


def modernise_role(role: ResolvedRole, overlay: Overlay | None = None) -> ResolvedRole:
    """A copy of the role with overlay wordings applied; the framework itself is untouched."""
    overlay = overlay or load_overlay()

    def apply(statements: tuple[Statement, ...]) -> tuple[Statement, ...]:
        return tuple(modernise_statement(st, overlay) for st in statements)

    skills = tuple(
        replace(skill, activities=apply(skill.activities), knowledge=apply(skill.knowledge),
                examples=apply(skill.examples), next_level_knowledge=apply(skill.next_level_knowledge))
        for skill in role.skills
    )
    return replace(role, skills=skills)

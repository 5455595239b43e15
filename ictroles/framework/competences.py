"""The ICT Competences Framework as a typed model, loaded from a YAML data file."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path
from typing import Literal

from ictroles.core import resources
from ictroles.core.model import Model
from ictroles.core.validation import Label, Line, Paragraph, Sentence, load_model

Facet = Literal["activities", "knowledge", "examples"]
FACETS: tuple[Facet, ...] = ("activities", "knowledge", "examples")
FACET_CODES: dict[Facet, str] = {"activities": "A", "knowledge": "K", "examples": "E"}
FACET_NAMES: dict[Facet, str] = {
    "activities": "Activities",
    "knowledge": "Knowledge",
    "examples": "Examples",
}
STATEMENT_ID = re.compile(r"^([A-Z]{2})\.([A-Z0-9]+)\.([AKE])([1-9][0-9]*)$")


class FrameworkStatement(Model):
    """One Activities, Knowledge or Examples statement, with its stable id."""

    id: Line
    text: Sentence


class LevelCell(Model):
    """The statements of one skill at one level."""

    activities: list[FrameworkStatement] = []
    knowledge: list[FrameworkStatement] = []
    examples: list[FrameworkStatement] = []

    def facet(self, facet: Facet) -> list[FrameworkStatement]:
        """The statements of one facet."""
        return getattr(self, facet)


class FrameworkLevel(Model):
    """A native level (A-D) with its typical title and description."""

    id: Label
    title: Line
    description: Paragraph


class FocusArea(Model):
    """One of the framework's focus areas (Technology, Support, ...)."""

    id: Label
    name: Line


class Skill(Model):
    """One skill with its description and a cell per native level."""

    id: Line
    code: Label
    name: Line
    focus: Label
    description: Paragraph
    levels: dict[str, LevelCell]


@dataclass(frozen=True)
class StatementRef:
    """Where a framework statement sits: skill, native level and facet."""

    skill: Skill
    level: str
    facet: Facet
    index: int
    statement: FrameworkStatement


class Framework(Model):
    """The whole framework: levels, focus areas and skills, with lookups by id."""

    name: Line
    version: Line | None = None
    source: Paragraph | None = None
    introduction: list[Paragraph] = []
    levels: list[FrameworkLevel]
    focus_areas: list[FocusArea]
    skills: list[Skill]

    def check(self) -> None:
        """Ids are unique, skills name known focus areas and levels, statement ids fit."""
        errors = []
        level_ids = [lv.id for lv in self.levels]
        for name, given in (("levels", self.levels), ("focus_areas", self.focus_areas), ("skills", self.skills)):
            if not given:
                errors.append(f"a framework needs {name.replace('_', ' ')}; this one's '{name}' list is empty")
        focus_ids = {f.id for f in self.focus_areas}
        seen_ids: set[str] = set()
        empty_cells: list[str] = []
        for attr, values in (
            ("level", level_ids),
            ("focus area", [f.id for f in self.focus_areas]),
            ("skill", [s.id for s in self.skills]),
            ("skill code", [s.code for s in self.skills]),
        ):
            dupes = sorted({v for v in values if values.count(v) > 1})
            if dupes:
                errors.append(f"duplicate {attr} id(s): {', '.join(dupes)}")
        for skill in self.skills:
            if skill.focus not in focus_ids:
                errors.append(f"skill '{skill.id}' has unknown focus area '{skill.focus}'")
            if sorted(skill.levels) != sorted(level_ids):
                errors.append(
                    f"skill '{skill.id}' must have exactly the levels {', '.join(level_ids)}"
                )
            empty = [level for level, cell in skill.levels.items() if not any(cell.facet(f) for f in FACETS)]
            if empty:
                empty_cells.append(f"{skill.id} at {', '.join(empty)}")
            for level, cell in skill.levels.items():
                for facet in FACETS:
                    for n, st in enumerate(cell.facet(facet), 1):
                        m = STATEMENT_ID.match(st.id)
                        expected = (skill.code, level, FACET_CODES[facet])
                        if not m or m.groups()[:3] != expected:
                            errors.append(
                                f"statement '{st.id}' sits at {skill.code} level {level} "
                                f"{facet}; its id must look like "
                                f"{skill.code}.{level}.{FACET_CODES[facet]}{n}"
                            )
                        if st.id in seen_ids:
                            errors.append(f"duplicate statement id '{st.id}'")
                        seen_ids.add(st.id)
        if empty_cells:
            more = f" and {len(empty_cells) - 5} more skills" if len(empty_cells) > 5 else ""
            errors.append("every level of every skill needs at least one statement; none at "
                          + "; ".join(empty_cells[:5]) + more)
        if errors:
            raise ValueError("; ".join(errors))

    @cached_property
    def level_ids(self) -> tuple[str, ...]:
        """Native level ids in order (A, B, C, D)."""
        return tuple(lv.id for lv in self.levels)

    @cached_property
    def skills_by_id(self) -> dict[str, Skill]:
        """Skills keyed by id."""
        return {s.id: s for s in self.skills}

    @cached_property
    def focus_by_id(self) -> dict[str, FocusArea]:
        """Focus areas keyed by id."""
        return {f.id: f for f in self.focus_areas}

    @cached_property
    def statements(self) -> dict[str, StatementRef]:
        """Every statement keyed by id, in framework order."""
        refs = {}
        for skill in self.skills:
            for level in self.level_ids:
                for facet in FACETS:
                    for i, st in enumerate(skill.levels[level].facet(facet)):
                        refs[st.id] = StatementRef(skill, level, facet, i, st)
        return refs

    def skills_in(self, focus: str) -> list[Skill]:
        """The skills of one focus area, in framework order."""
        return [s for s in self.skills if s.focus == focus]

    def level_index(self, level: str) -> int:
        """Position of a native level (A=0)."""
        return self.level_ids.index(level)


def load_framework(path: Path | None = None) -> Framework:
    """Load and validate a framework file (the bundled one when ``path`` is None).

    A file is read once per process while it is unchanged (a batch or the web designer asks
    for the same framework many times).
    """
    path = Path(path) if path else resources.framework_file()
    try:
        resolved, mtime_ns = path.resolve(), path.stat().st_mtime_ns
    except (OSError, RuntimeError):
        return load_model(Framework, path, "framework file")[0]
    return _load_unchanged(path, resolved, mtime_ns)


@cache
def _load_unchanged(path: Path, _resolved: Path, _mtime_ns: int) -> Framework:
    # Read by the name the user gave, so messages name it (not a link's target).
    return load_model(Framework, path, "framework file")[0]


def matching(word: str, options: Iterable[str]) -> str | None:
    """The option that is ``word``, compared without regard to case (None when none is)."""
    options = list(options)
    if word in options:
        return word
    folded = word.casefold()
    return next((o for o in options if o.casefold() == folded), None)


def suggest(word: str, options: list[str] | tuple[str, ...]) -> str:
    """A ``did you mean`` hint for a mistyped name, or an empty string."""
    import difflib

    options = [o for o in options if o != word]  # never suggest the word that was refused
    close = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    if not close:
        lowered = {o.lower(): o for o in options}
        if word.lower() in lowered:
            close = [lowered[word.lower()]]
        else:
            close = [o for o in options if word and (word in o or o in word)][:1]
    return f"; did you mean '{close[0]}'?" if close else ""


def unknown_statement(framework: Framework, sid: str) -> str:
    """A message for a statement id that is not in the framework."""
    m = STATEMENT_ID.match(sid)
    if not m:
        return (
            f"'{sid}' is not a statement id; ids look like SN.C.A6 "
            "(skill code, level, A/K/E and number; see `ictroles framework`)"
        )
    return f"no statement '{sid}' in the framework" + suggest(sid, list(framework.statements))


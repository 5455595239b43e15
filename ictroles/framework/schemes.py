"""Level schemes: the framework's four levels arranged as four, three or five local levels.

A scheme is a data file. Each local level draws on one or more native levels (A-D), with
optional statement ids to include or exclude, for all skills or per skill. Resolving a local
level for a skill gives its statements, each keeping its framework id; statements that are
word for word the same at two merged levels appear once.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import Annotated

from ictroles.core import resources
from ictroles.core.errors import InvalidInputError, Problem
from ictroles.core.model import After, Model
from ictroles.core.validation import Label, Line, Paragraph, ProblemList, load_model
from ictroles.core.yamlio import SourceMap
from ictroles.framework.competences import FACETS, Facet, Framework, Skill, suggest, unknown_statement


class LevelRule(Model):
    """Which framework content a local level draws on for one skill (overrides the level's)."""

    draws_on: list[Label] | None = None
    include: list[Line] = []
    exclude: list[Line] = []


def _not_empty(value: list[str]) -> list[str]:
    if not value:
        raise ValueError("a level must draw on at least one framework level (A-D)")
    return value


class LocalLevel(Model):
    """One level of a scheme: label, title, description and what it draws on."""

    label: Label
    title: Line
    description: Paragraph
    draws_on: Annotated[list[Label], After(_not_empty)]
    include: list[Line] = []
    exclude: list[Line] = []
    skills: dict[str, LevelRule] = {}


class LevelScheme(Model):
    """An ordered arrangement of local levels over the framework's native levels."""

    name: Line
    title: Line
    rationale: Paragraph
    levels: list[LocalLevel]

    @property
    def labels(self) -> tuple[str, ...]:
        """Local level labels, lowest first."""
        return tuple(lv.label for lv in self.levels)

    def level(self, label: str) -> LocalLevel:
        """The local level with this label."""
        for lv in self.levels:
            if lv.label == label:
                return lv
        raise KeyError(label)

    @cached_property
    def contents(self) -> dict[tuple[str, str, int], tuple[Framework, LevelContent]]:
        """Memo of ``level_content``: (label, skill id, id(framework)) -> (framework, content)."""
        return {}

    def next_label(self, label: str) -> str | None:
        """The label of the level above ``label``, if any."""
        i = self.labels.index(label)
        return self.labels[i + 1] if i + 1 < len(self.labels) else None


@dataclass(frozen=True)
class Statement:
    """A statement as it appears in a resolved role or level: text plus its traceable id."""

    id: str
    text: str
    facet: Facet
    # "framework", "included" (from another level), "custom" (the role's own) or "adapted"
    # (a framework statement the role rewords in place: ``original_text`` holds the framework's)
    origin: str
    native_level: str | None = None
    merged_ids: tuple[str, ...] = ()  # identical statements of merged levels, shown once
    original_text: str | None = None  # set when `text` is a modernised wording (see overlay)

    @property
    def adapted(self) -> bool:
        """True when the text is not the framework's: a modern wording or the school's own."""
        return self.original_text is not None

    @property
    def reworded(self) -> bool:
        """True when the role file rewords this framework statement (``replace:``)."""
        return self.origin == "adapted"


@dataclass(frozen=True)
class LevelContent:
    """What one local level means for one skill."""

    label: str
    native_levels: tuple[str, ...]
    statements: dict[Facet, tuple[Statement, ...]] = field(default_factory=dict)


def builtin_schemes() -> dict[str, Path]:
    """Built-in scheme names and their files."""
    return {p.stem: p for p in sorted(resources.schemes_dir().glob("*.yaml"))}


def resolve_scheme_ref(ref: str | None, base_dir: Path | None = None) -> Path:
    """A scheme reference (built-in name or path) as a file path."""
    ref = ref or "four"
    builtins = builtin_schemes()
    if ref in builtins:
        return builtins[ref]
    path = Path(ref)
    if not path.is_absolute() and base_dir is not None:
        path = base_dir / path
    if path.suffix.lower() not in (".yaml", ".yml"):
        # A name that is not built in, or a file that is not YAML: refused before reading.
        raise InvalidInputError(
            [
                Problem(
                    None,
                    None,
                    "scheme",
                    f"unknown scheme '{ref}'; use one of {', '.join(builtins)} "
                    "or the path of a .yaml scheme file" + suggest(ref, list(builtins)),
                )
            ]
        )
    if not (path.exists() or path.is_symlink()):
        # No file to point at: the problem is reported at the `scheme:` line that names it.
        raise InvalidInputError([Problem(None, None, "scheme", f"scheme file not found: {path}")])
    return path


_SCHEME_CACHE: dict[tuple[Path, int, int], tuple[Framework, LevelScheme]] = {}


def load_scheme(ref: str | Path | None, framework: Framework, base_dir: Path | None = None) -> LevelScheme:
    """Load a scheme by built-in name or path and check it against the framework."""
    path = resolve_scheme_ref(str(ref) if ref is not None else None, base_dir)
    try:
        key = (path.resolve(), path.stat().st_mtime_ns, id(framework))
    except (OSError, RuntimeError):  # missing, or a looping link: reading it says which
        key = None
    cached = _SCHEME_CACHE.get(key) if key else None
    if cached is not None and cached[0] is framework:  # the id alone could be reused
        return cached[1]
    scheme, smap = load_model(LevelScheme, path, "scheme file")
    check_scheme(scheme, framework, path, smap)
    if key:
        _SCHEME_CACHE[key] = (framework, scheme)
    return scheme


def check_scheme(scheme: LevelScheme, framework: Framework, path: Path | None, smap: SourceMap) -> None:
    """Levels ordered, every native level reachable, no empty level, every id known."""
    problems = ProblemList(smap, path)

    add = problems.add

    native = framework.level_ids
    labels = [lv.label for lv in scheme.levels]
    if not scheme.levels:
        add(("levels",), "a scheme needs at least one level")
    for label in {x for x in labels if labels.count(x) > 1}:
        add(("levels",), f"level label '{label}' is used twice")

    def check_rule(loc: tuple, draws: list[str] | None, include: list[str], exclude: list[str],
                   skill: Skill | None) -> None:
        for i, lv in enumerate(draws or []):
            if lv not in native:
                add(loc + ("draws_on", i), f"unknown framework level '{lv}'; levels are {', '.join(native)}")
        for key, ids in (("include", include), ("exclude", exclude)):
            for i, sid in enumerate(ids):
                ref = framework.statements.get(sid)
                if ref is None:
                    add(loc + (key, i), unknown_statement(framework, sid))
                elif skill is not None and ref.skill.id != skill.id:
                    add(loc + (key, i), f"'{sid}' belongs to skill '{ref.skill.id}', not '{skill.id}'")

    reached: set[str] = set()
    spans: list[tuple[int, int]] = []
    for li, level in enumerate(scheme.levels):
        loc = ("levels", li)
        check_rule(loc, level.draws_on, level.include, level.exclude, None)
        reached.update(level.draws_on)
        for sid, rule in level.skills.items():
            skill = framework.skills_by_id.get(sid)
            if skill is None:
                add(loc + ("skills", sid), f"unknown skill '{sid}'" + suggest(sid, list(framework.skills_by_id)))
                continue
            check_rule(loc + ("skills", sid), rule.draws_on, rule.include, rule.exclude, skill)
            reached.update(rule.draws_on or [])
        known = [native.index(x) for x in level.draws_on if x in native]
        if known:
            spans.append((min(known), max(known)))
    missing = [lv for lv in native if lv not in reached]
    if missing:
        add(("levels",), f"framework level(s) {', '.join(missing)} are not drawn on by any level")
    for i in range(1, len(spans)):
        if spans[i][0] < spans[i - 1][0] or spans[i][1] < spans[i - 1][1]:
            add(("levels", i, "draws_on"),
                f"levels must be in order, lowest first: '{labels[i]}' draws on lower framework "
                f"levels than '{labels[i - 1]}' below it")
    # A skill's own rules must keep that order too, or a lower level's statements would
    # appear above a higher one's (and its knowledge among the next level's Desirable).
    for sid in sorted({sid for level in scheme.levels for sid in level.skills} & set(framework.skills_by_id)):
        previous: tuple[int, int] | None = None
        for li, level in enumerate(scheme.levels):
            own = level.skills.get(sid)
            draws = [native.index(x) for x in ((own.draws_on if own else None) or level.draws_on) if x in native]
            if not draws:
                continue
            span = (min(draws), max(draws))
            if previous is not None and (span[0] < previous[0] or span[1] < previous[1]):
                at = ("levels", li, "skills", sid, "draws_on") if own and own.draws_on else ("levels", li, "draws_on")
                add(at, f"levels must be in order for skill '{sid}' too: '{labels[li]}' draws on lower "
                    f"framework levels than '{labels[li - 1]}' below it")
            previous = span
    if problems:
        raise InvalidInputError(problems)
    for li, level in enumerate(scheme.levels):
        for skill in framework.skills:
            content = level_content(scheme, level.label, skill, framework)
            if not any(content.statements[f] for f in FACETS):
                add(("levels", li), f"level '{level.label}' has no statements for skill '{skill.id}'")
    if problems:
        raise InvalidInputError(problems)


def level_content(scheme: LevelScheme, label: str, skill: Skill, framework: Framework) -> LevelContent:
    """The statements a local level gives one skill, in framework order, duplicates merged."""
    key = (label, skill.id, id(framework))
    known = scheme.contents.get(key)
    if known is None or known[0] is not framework:  # the id alone could be reused
        known = scheme.contents[key] = (framework, _level_content(scheme, label, skill, framework))
    return known[1]


def _level_content(scheme: LevelScheme, label: str, skill: Skill, framework: Framework) -> LevelContent:
    level = scheme.level(label)
    rule = level.skills.get(skill.id)
    draws = (rule.draws_on if rule and rule.draws_on else level.draws_on)
    draws = sorted(set(draws), key=framework.level_index)
    include = [*level.include, *(rule.include if rule else [])]
    exclude = {*level.exclude, *(rule.exclude if rule else [])}
    wanted = [
        (framework.level_index(lv), lv) for lv in draws
    ]
    refs = []
    for _, lv in wanted:
        for facet in FACETS:
            for st in skill.levels[lv].facet(facet):
                refs.append(framework.statements[st.id])
    for sid in include:
        ref = framework.statements.get(sid)
        if ref is not None and ref.skill.id == skill.id and ref not in refs:
            refs.append(ref)
    refs = [r for r in refs if r.statement.id not in exclude]
    refs.sort(key=lambda r: (framework.level_index(r.level), r.index))
    statements: dict[Facet, tuple[Statement, ...]] = {}
    for facet in FACETS:
        statements[facet] = merge_identical(
            [
                Statement(
                    id=r.statement.id,
                    text=r.statement.text,
                    facet=facet,
                    origin="framework",
                    native_level=r.level,
                )
                for r in refs
                if r.facet == facet
            ]
        )
    return LevelContent(label=label, native_levels=tuple(draws), statements=statements)


def merge_identical(statements: list[Statement]) -> tuple[Statement, ...]:
    """Keep the first of statements with the same text; record the others' ids on it."""
    out: list[Statement] = []
    by_text: dict[str, int] = {}
    for st in statements:
        if st.text in by_text:
            i = by_text[st.text]
            kept = out[i]
            out[i] = replace(kept, merged_ids=kept.merged_ids + (st.id,))
        else:
            by_text[st.text] = len(out)
            out.append(st)
    return tuple(out)
